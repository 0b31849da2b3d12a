"""Production serving defaults, read by ``gunicorn app:server`` from this folder (see the README).

Everything here can be overridden on the command line, e.g. ``gunicorn app:server -w 8 -b 0.0.0.0:8050``.
"""

import multiprocessing
import os
import threading

bind = os.environ.get("BALTMET_BIND", "127.0.0.1:8050")  # behind a reverse proxy that terminates TLS
workers = int(os.environ.get("BALTMET_WORKERS", 2 * multiprocessing.cpu_count()))
preload_app = True  # the data is loaded and checked once, before the workers fork and share it
timeout = 60  # a slide deck takes ~2 s; a stuck request is recycled after a minute
graceful_timeout = 20
max_requests = 5000  # recycle workers now and then (bounded memory over months of uptime)
max_requests_jitter = 500
control_socket_disable = True  # no gunicornc control socket: several instances may share a host


def post_worker_init(worker) -> None:
    """Start each worker's image-export browser in the background, so no user waits for it."""
    if os.environ.get("BALTMET_WARM_EXPORTS", "1") == "0":
        return
    from dashboard.export.images import warm_up

    def warm() -> None:
        try:
            warm_up()
        except Exception as err:  # exports still start lazily on first use
            worker.log.warning("export browser not warmed up: %s", err)

    threading.Thread(target=warm, name="export-warm-up", daemon=True).start()
