"""One export browser per server: a small process that renders images for every gunicorn worker.

Each worker used to start its own headless Chromium (400-470 MB each), so export memory grew with
the worker count. gunicorn's master starts this service once (gunicorn.conf.py); workers send it
(figure, options) over a Unix socket and get the image back. It renders one image at a time,
gives up on one after EXPORT_TIMEOUT_S (shorter than gunicorn's 60 s request timeout), restarts
its browser and answers with an error the page shows, so a huge chart never takes a worker down.

    python -m dashboard.export.service SOCKET_PATH

Wire format, both ways: 8-byte big-endian length, then the body. Request body: JSON
{spec, opts, topojson}. Answer body: b"ok" + image bytes, or b"er" + a UTF-8 message.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import json
import os
import signal
import socket
import socketserver
import struct
import sys
import threading
from pathlib import Path

SOCKET_ENV = "BALTMET_EXPORT_SOCKET"
TIMEOUT_ENV = "BALTMET_EXPORT_TIMEOUT_S"
EXPORT_TIMEOUT_S = float(os.environ.get(TIMEOUT_ENV, "30"))
MAX_REQUEST_BYTES = 32 * 1024 * 1024  # a figure spec; the largest here is well under 5 MB
MAX_ANSWER_BYTES = 128 * 1024 * 1024  # a 4x PNG of a slide is about 2 MB
HEADER = struct.Struct(">Q")


class ExportFailed(RuntimeError):
    """The image could not be made (timed out, the service is down, or the browser failed); say so."""


def _read_exactly(conn: socket.socket, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = conn.recv(min(left, 1 << 20))
        if not chunk:
            raise ConnectionError("connection closed early")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _read_message(conn: socket.socket, limit: int) -> bytes:
    (size,) = HEADER.unpack(_read_exactly(conn, HEADER.size))
    if size > limit:
        raise ValueError(f"message of {size} bytes is over the {limit}-byte limit")
    return _read_exactly(conn, size)


def _send(conn: socket.socket, body: bytes) -> None:
    conn.sendall(HEADER.pack(len(body)) + body)


def request_image(path: str, spec: dict, opts: dict, topojson: str, timeout: float = EXPORT_TIMEOUT_S) -> bytes:
    """The worker's side: the image from the service at ``path``, or ExportFailed with the reason."""
    body = json.dumps({"spec": spec, "opts": opts, "topojson": topojson}).encode()
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(timeout + 10)  # the service's own limit comes first and is reported
            conn.connect(path)
            _send(conn, body)
            answer = _read_message(conn, MAX_ANSWER_BYTES)
    except (OSError, ValueError, ConnectionError) as err:
        raise ExportFailed(f"the export service did not answer ({type(err).__name__})") from err
    if answer[:2] == b"ok":
        return answer[2:]
    raise ExportFailed(answer[2:].decode("utf-8", "replace"))


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        server: ExportServer = self.server  # type: ignore[assignment]
        try:
            request = json.loads(_read_message(self.request, MAX_REQUEST_BYTES))
            image = server.render(request["spec"], request["opts"], request["topojson"])
            _send(self.request, b"ok" + image)
        except ExportFailed as err:
            _send(self.request, b"er" + str(err).encode())
        except (ValueError, KeyError, TypeError, ConnectionError) as err:
            with contextlib.suppress(OSError):
                _send(self.request, b"er" + f"bad export request ({type(err).__name__})".encode())


class ExportServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    """Renders with one warm browser, one image at a time; restarts the browser after a timeout."""

    daemon_threads = True

    def __init__(self, path: str, timeout: float = EXPORT_TIMEOUT_S) -> None:
        from dashboard.export.browser import ExportBrowser
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
        print("usage: python -m dashboard.export.service SOCKET_PATH", file=sys.stderr)
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
