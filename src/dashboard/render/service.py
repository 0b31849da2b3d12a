"""One export browser per server: a small process that renders images for every gunicorn worker.

Each worker used to start its own headless Chromium (400-470 MB each), so export memory grew with
the worker count. gunicorn's master starts this service once (gunicorn.conf.py); workers send it
(figure, options) over a Unix socket and get the image back. It renders one image at a time,
gives up on one after EXPORT_TIMEOUT_S (shorter than gunicorn's 60 s request timeout), restarts
its browser and answers with an error the page shows, so a huge chart never takes a worker down.

    python -m dashboard.render.service SOCKET_PATH

The wire format and the worker's side are in ``protocol``.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import json
import os
import signal
import socketserver
import sys
import threading
from pathlib import Path

from dashboard.render.browser import ExportBrowser
from dashboard.render.protocol import (
    EXPORT_TIMEOUT_S,
    MAX_REQUEST_BYTES,
    ExportFailed,
    read_message,
    send_message,
)


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        server: ExportServer = self.server  # type: ignore[assignment]
        try:
            request = json.loads(read_message(self.request, MAX_REQUEST_BYTES))
            image = server.render(request["spec"], request["opts"], request["topojson"])
            send_message(self.request, b"ok" + image)
        except ExportFailed as err:
            send_message(self.request, b"er" + str(err).encode())
        except (ValueError, KeyError, TypeError, ConnectionError) as err:
            with contextlib.suppress(OSError):
                send_message(self.request, b"er" + f"bad export request ({type(err).__name__})".encode())


class ExportServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    """Renders with one warm browser, one image at a time; restarts the browser after a timeout."""

    daemon_threads = True

    def __init__(self, path: str, timeout: float = EXPORT_TIMEOUT_S) -> None:
        from dashboard.paths import ASSETS_DIR, PLOTLY_JS

        self.export_timeout = timeout
        self._browser = ExportBrowser(ASSETS_DIR / PLOTLY_JS, local_only=True)  # the page's partial plotly.js
        self._lock = threading.Lock()
        if os.path.exists(path):
            os.unlink(path)
        super().__init__(path, _Handler)
        os.chmod(path, 0o600)  # only this user's workers may ask

    def render(self, spec: dict, opts: dict, topojson: str) -> bytes:
        with self._lock:
            try:
                return self._browser.calc_fig(spec, opts, topojson, timeout=self.export_timeout)
            except (TimeoutError, concurrent.futures.TimeoutError) as err:
                self._browser.restart()
                raise ExportFailed(f"the image took longer than {self.export_timeout:.0f} s and was "
                                   "stopped; try a smaller size or fewer regions") from err
            except Exception as err:  # the browser itself failed: start a fresh one for the next image
                self._browser.restart()
                raise ExportFailed(f"the export browser failed ({type(err).__name__})") from err

    def warm_up(self) -> None:
        self.render({"data": [], "layout": {"template": {}}}, {"format": "svg", "width": 100, "height": 100},
                    "")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m dashboard.render.service SOCKET_PATH", file=sys.stderr)
        return 2
    server = ExportServer(args[0])
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown, daemon=True).start())
    threading.Thread(target=server.warm_up, daemon=True).start()
    try:
        server.serve_forever()
    finally:
        server.server_close()
        Path(args[0]).unlink(missing_ok=True)
        server._browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
