"""Production serving defaults, read by ``gunicorn app:server`` from this folder (see the README).

Everything here can be overridden on the command line, e.g. ``gunicorn app:server -w 8 -b 0.0.0.0:8050``.
"""

import multiprocessing
import os
import subprocess
import sys
import tempfile
import time

from dashboard.render.protocol import SOCKET_ENV

bind = os.environ.get("BALTMET_BIND", "127.0.0.1:8050")  # behind a reverse proxy that terminates TLS
workers = int(os.environ.get("BALTMET_WORKERS", 2 * multiprocessing.cpu_count()))
preload_app = True  # the data is loaded and checked once, before the workers fork and share it
timeout = 60  # a slide deck takes ~2 s; a stuck request is recycled after a minute
graceful_timeout = 20
max_requests = 5000  # recycle workers now and then (bounded memory over months of uptime)
max_requests_jitter = 500
control_socket_disable = True  # no gunicornc control socket: several instances may share a host


def on_starting(server) -> None:
    """Start the one export service of this server (one headless Chromium for every worker), before the
    workers fork: they inherit its socket's path and send it every image (dashboard/render/service.py)."""
    if os.environ.get("BALTMET_EXPORT_SERVICE", "1") == "0":
        return  # each worker then starts its own browser on its first export
    folder = tempfile.mkdtemp(prefix="baltmet-export-")
    path = os.path.join(folder, "export.sock")
    os.environ[SOCKET_ENV] = path
    server.baltmet_export = subprocess.Popen([sys.executable, "-m", "dashboard.render.service", path])
    for _ in range(100):  # the socket appears within a second; the browser then warms up in the background
        if os.path.exists(path) or server.baltmet_export.poll() is not None:
            break
        time.sleep(0.05)
    server.log.info("export service on %s (pid %s)", path, server.baltmet_export.pid)


def on_exit(server) -> None:
    service = getattr(server, "baltmet_export", None)
    if service is not None and service.poll() is None:
        service.terminate()
        try:
            service.wait(10)
        except subprocess.TimeoutExpired:
            service.kill()
