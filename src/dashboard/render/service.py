"""One export browser per server: a small process that renders images for every gunicorn worker.

Each worker used to start its own headless Chromium (400-470 MB each), so export memory grew with
the worker count. gunicorn's master starts this service once (gunicorn.conf.py); workers send it
(figure, options) over a Unix socket and get the image back. It renders one image at a time,
gives up on one after EXPORT_TIMEOUT_S (shorter than gunicorn's 60 s request timeout), restarts
its browser and answers with an error the page shows, so a huge chart never takes a worker down.

    python -m dashboard.render.service SOCKET_PATH

The wire format and the worker's side are in ``protocol``. ``Supervisor`` keeps the service running
(gunicorn's master runs one): it restarts the service when it exits, or kills and restarts it when it
stops answering pings, so one crash costs at most the exports in flight, never every export after it.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import json
import os
import signal
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path

from dashboard.render.browser import ExportBrowser
from dashboard.render.protocol import (
    BAD_REQUEST,
    BROWSER_FAILED,
    EXPORT_TIMEOUT_S,
    MAX_REQUEST_BYTES,
    PING,
    TOO_SLOW_SERVICE,
    ExportFailed,
    ping,
    read_message,
    send_message,
)


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        server: ExportServer = self.server  # type: ignore[assignment]
        try:
            body = read_message(self.request, MAX_REQUEST_BYTES)
            if body == PING:  # a health probe: answered at once, beside any export in progress
                state = "warm" if server.browser_running else "starting"
                send_message(self.request, b"ok" + json.dumps({"browser": state}).encode())
                return
            request = json.loads(body)
            image = server.render(request["spec"], request["opts"], request["topojson"])
            send_message(self.request, b"ok" + image)
        except ExportFailed as err:  # the message and its values: the worker says it in its request's language
            send_message(self.request, err.wire())
        except (ValueError, KeyError, TypeError, ConnectionError) as err:
            with contextlib.suppress(OSError):
                send_message(self.request, ExportFailed(BAD_REQUEST, error=type(err).__name__).wire())


WARM_UP = ({"data": [], "layout": {"template": {}}}, {"format": "svg", "width": 100, "height": 100}, "")


class ExportServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    """Renders with one warm browser, one image at a time; restarts the browser after a timeout."""

    daemon_threads = True

    def __init__(self, path: str, timeout: float = EXPORT_TIMEOUT_S) -> None:
        from dashboard.paths import ASSETS_DIR, PLOTLY_JS

        self.export_timeout = timeout
        self._browser = ExportBrowser(ASSETS_DIR / PLOTLY_JS, local_only=True)  # the page's partial plotly.js
        self._lock = threading.Lock()
        self._warming = threading.Event()
        if os.path.exists(path):
            os.unlink(path)
        super().__init__(path, _Handler)
        os.chmod(path, 0o600)  # only this user's workers may ask

    @property
    def browser_running(self) -> bool:
        return self._browser.running

    def render(self, spec: dict, opts: dict, topojson: str) -> bytes:
        with self._lock:
            try:
                return self._browser.calc_fig(spec, opts, topojson, timeout=self.export_timeout)
            except (TimeoutError, concurrent.futures.TimeoutError) as err:
                self._browser.restart()
                self._rewarm()
                raise ExportFailed(TOO_SLOW_SERVICE, seconds=round(self.export_timeout)) from err
            except Exception as err:  # the browser itself failed: start a fresh one for the next image
                self._browser.restart()
                self._rewarm()
                raise ExportFailed(BROWSER_FAILED, error=type(err).__name__) from err

    def _rewarm(self) -> None:
        """Start the next browser now, in the background, not on the next user's export (/healthz says
        "starting" meanwhile). A warm-up that fails restarts nothing: the next export does, so no loop."""
        if self._warming.is_set():
            return
        self._warming.set()

        def warm() -> None:
            try:
                with self._lock, contextlib.suppress(Exception):
                    self._browser.calc_fig(*WARM_UP, timeout=self.export_timeout)
            finally:
                self._warming.clear()

        threading.Thread(target=warm, name="export-rewarm", daemon=True).start()

    def warm_up(self) -> None:
        self.render(*WARM_UP)


class Supervisor:
    """Runs ``python -m dashboard.render.service PATH`` and keeps it running: a thread waits on the
    process and restarts it when it exits, and pings it every ``check_every`` seconds, killing and
    restarting it after ``misses`` pings in a row go unanswered (stopped or stuck). A service that keeps
    dying right after its start is restarted with a growing pause (up to ``MAX_BACKOFF_S``), so a
    broken installation does not spin. ``restarts`` counts the restarts."""

    MAX_BACKOFF_S = 30.0

    def __init__(self, path: str, log=None, check_every: float = 2.0, misses: int = 3) -> None:
        self.path = path
        self.check_every = check_every
        self.misses = misses
        self.restarts = 0
        self.process: subprocess.Popen | None = None
        self._log = log
        self._stopped = threading.Event()
        self._lock = threading.Lock()  # start/restart versus stop
        self._thread: threading.Thread | None = None
        self._spawned_at = 0.0

    def start(self) -> None:
        self._spawn()
        self._thread = threading.Thread(target=self._watch, name="export-supervisor", daemon=True)
        self._thread.start()

    def _say(self, level: str, message: str, *args) -> None:
        if self._log is not None:
            getattr(self._log, level)(message, *args)

    def _spawn(self) -> None:
        with self._lock:
            if self._stopped.is_set():
                return
            with contextlib.suppress(OSError):
                os.unlink(self.path)  # a killed service leaves its socket: wait below for the new one's
            self.process = subprocess.Popen([sys.executable, "-m", "dashboard.render.service", self.path])
            self._spawned_at, self._answered = time.monotonic(), False
            process = self.process
        for _ in range(100):  # the socket appears within a second; the browser then warms up in the background
            if os.path.exists(self.path) or process.poll() is not None:
                break
            time.sleep(0.05)
        self._say("info", "export service on %s (pid %s)", self.path, process.pid)

    START_GRACE_S = 20.0  # a new service that has not answered yet is not counted as stuck for this long

    def _watch(self) -> None:
        backoff, missed = 1.0, 0
        while not self._stopped.is_set():
            process = self.process
            assert process is not None
            try:
                process.wait(self.check_every)
                reason = "exited"  # gunicorn's master may reap it first, so its status is not reliable
            except subprocess.TimeoutExpired:
                if self._stopped.is_set() or ping(self.path) != "down":
                    missed, self._answered = 0, True
                    continue
                if not self._answered and time.monotonic() - self._spawned_at < self.START_GRACE_S:
                    continue  # still importing and binding on a busy host: not a stuck service yet
                missed += 1
                if missed < self.misses:
                    continue
                reason = f"did not answer {missed} pings"
                with contextlib.suppress(OSError):
                    process.kill()  # SIGKILL also ends a stopped (SIGSTOP) process
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(10)
            if self._stopped.is_set():
                return
            missed = 0
            quick = time.monotonic() - self._spawned_at < 10  # died soon after a (re)start: pause, growing
            backoff = min(backoff * 2, self.MAX_BACKOFF_S) if quick else 1.0
            self._say("warning", "export service (pid %s) %s; restarting it in %.0f s", process.pid, reason,
                      backoff if quick else 0)
            if quick and self._stopped.wait(backoff):
                return
            self.restarts += 1
            self._spawn()

    def stop(self, timeout: float = 10) -> None:
        with self._lock:
            self._stopped.set()
            process = self.process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m dashboard.render.service SOCKET_PATH", file=sys.stderr)
        return 2
    try:
        server = ExportServer(args[0])
    except OSError as err:
        print(f"export service: cannot listen on {args[0]}: {err.strerror or err}", file=sys.stderr)
        return 1
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
