"""Production serving defaults, read by ``gunicorn app:server`` from this folder (see the README).

Everything here can be overridden on the command line, e.g. ``gunicorn app:server -w 8 -b 0.0.0.0:8050``.
"""

import multiprocessing
import os
import tempfile

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
    workers fork: they inherit its socket's path and send it every image (dashboard/render/service.py).
    A thread of this master supervises it: restarted when it exits or stops answering."""
    if os.environ.get("BALTMET_EXPORT_SERVICE", "1") == "0":
        return  # each worker then starts its own browser on its first export
    from dashboard.render.service import Supervisor

    path = os.path.join(tempfile.mkdtemp(prefix="baltmet-export-"), "export.sock")
    os.environ[SOCKET_ENV] = path
    server.baltmet_export = Supervisor(path, server.log)
    server.baltmet_export.start()


def on_exit(server) -> None:
    supervisor = getattr(server, "baltmet_export", None)
    if supervisor is not None:
        supervisor.stop()
