"""One bounded HTTP exchange with a publisher, retried when the publisher says "later".

The standard library's urllib is enough here: a handful of sequential GET/POST requests a run. What it
lacks, and this module adds, is what a public statistics API needs: a deadline on every answer, a size
limit read as the bytes arrive (and again after gzip), and retries with backoff on 429 and 5xx that
respect ``Retry-After``. A failure is a FetchError with a kind and one line of text.

The deadline is on the whole answer, not on each read: a socket timeout only bounds one recv, so a
publisher that sends a byte a second (headers or body) would never time out. A timer shuts the request's
socket down when ``timeout`` seconds have passed since it was sent; the read that was waiting then ends,
and the attempt fails as "timed out after N s". A ``Retry-After`` longer than the run will wait (its
``max_backoff``, or what is left of the run's budget) is not slept through: the series fails at once and
says what the publisher asked for.
"""

from __future__ import annotations

import email.utils
import http.client
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from dashboard.data.limits import Refused, gunzip, human_bytes
from dashboard.i18n import _, ngettext
from dashboard.refresh.settings import ENV, Settings

CHUNK = 64 * 1024
RETRIED_STATUS = {429, 500, 502, 503, 504}
ERROR_TEXT_CHARS = 200  # of a publisher's error body quoted in a message
TAG = re.compile(r"<[^>]*>")  # an HTML error page: its words only


@dataclass(frozen=True)
class Request:
    """What is asked: ``body`` is the JSON query of a POST (PxWeb), None for a GET."""

    method: str
    url: str
    body: bytes | None = None

    def described(self) -> str:
        """The query as a person can repeat it: the URL, and for a POST the JSON posted to it."""
        if self.body is None:
            return self.url
        return f"POST {self.url} {self.body.decode('utf-8')}"


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes
    content_type: str
    attempts: int


class FetchError(Exception):
    """``kind``: unreachable (no connection at all), timeout, http, too_large or protocol."""

    def __init__(self, kind: str, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status


def _retry_after(header: str | None) -> float | None:
    """Seconds the publisher asked to wait (a number or an HTTP date); the caller decides whether to wait."""
    if not header:
        return None
    header = header.strip()
    try:
        seconds = float(header)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(header)
        except (TypeError, ValueError):
            return None
        seconds = when.timestamp() - time.time()
    return max(seconds, 0.0)


def timed_out(seconds: float) -> FetchError:
    return FetchError("timeout", _("timed out after {seconds} s", seconds=format(seconds, "g")))


class _Deadline:
    """Shuts the sockets of one attempt down when its time is up, so a read that trickles ends there."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._timer.cancel()
            self._sockets.clear()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            expired = self.expired
        if expired:
            self._shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        try:
            if sock.fileno() != -1:  # closed, or handed to the TLS layer (watched itself once made): nothing to do
                sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def connection(self, base: type[http.client.HTTPConnection]) -> Callable[..., http.client.HTTPConnection]:
        """A connection class of urllib's kind whose sockets (plain, then TLS) this deadline watches."""
        deadline = self

        def create_connection(*args: object, **kwargs: object) -> socket.socket:
            sock = socket.create_connection(*args, **kwargs)  # type: ignore[arg-type]
            deadline.watch(sock)  # the plain socket, from the start (for https until the TLS layer takes it)
            return sock

        class Watched(base):  # type: ignore[valid-type, misc]
            def __init__(self, *args: object, **kwargs: object) -> None:
                super().__init__(*args, **kwargs)
                self._create_connection = create_connection  # http.client sets it per instance

            def connect(self) -> None:
                super().connect()
                deadline.watch(self.sock)  # the TLS socket, for https

        return Watched


class _HTTP(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self.deadline.connection(http.client.HTTPConnection), req)


class _HTTPS(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        extra = {"check_hostname": self._check_hostname} if hasattr(self, "_check_hostname") else {}  # 3.11
        return self.do_open(self.deadline.connection(http.client.HTTPSConnection), req,
                            context=self._context, **extra)  # type: ignore[attr-defined]


def _read(stream: http.client.HTTPResponse, settings: Settings, deadline: _Deadline) -> bytes:
    """The body, at most max_bytes (checked as it arrives), within the request's deadline."""
    declared = stream.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > settings.max_bytes:
        raise FetchError("too_large", _("the response has {size}; the limit is {limit} ({variable})",
                                        size=human_bytes(int(declared)), limit=human_bytes(settings.max_bytes),
                                        variable=ENV + "MAX_BYTES"))
    chunks, total = [], 0
    while True:
        chunk = stream.read1(CHUNK) if hasattr(stream, "read1") else stream.read(CHUNK)
        if deadline.expired:
            raise timed_out(deadline.seconds)
        if not chunk:
            break
        total += len(chunk)
        if total > settings.max_bytes:
            raise FetchError("too_large", _("the response is larger than {limit} ({variable}); reading stopped",
                                            limit=human_bytes(settings.max_bytes), variable=ENV + "MAX_BYTES"))
        chunks.append(chunk)
    body = b"".join(chunks)
    if (stream.headers.get("Content-Encoding") or "").lower() == "gzip":
        try:
            body = gunzip(body, "response", settings.max_bytes)
        except Refused as refused:
            raise FetchError("too_large" if "expands" in refused.problem.message else "protocol",
                             refused.problem.message) from None
    return body


def _error_text(body: bytes) -> str:
    """The publisher's own words from an error body (Eurostat: {"error":[{"label":...}]}), one line."""
    text = body[:4096].decode("utf-8", errors="replace")
    for marker in ('"label"', '"message"', '"detail"', '"title"'):
        at = text.find(marker)
        if at >= 0:
            rest = text[at + len(marker):].lstrip(" :")
            if rest.startswith('"'):
                end = rest.find('"', 1)
                while end > 0 and rest[end - 1] == "\\":
                    end = rest.find('"', end + 1)
                if end > 0:
                    text = rest[1:end]
                    break
    return " ".join(TAG.sub(" ", text).split())[:ERROR_TEXT_CHARS]


@dataclass(frozen=True)
class Attempt:
    """One try: the response, or the error and whether another try can help (``wait``: what the
    publisher asked for, None for the usual backoff)."""

    response: Response | None = None
    error: FetchError | None = None
    retry: bool = False
    wait: float | None = None


def _once(request: Request, settings: Settings, seconds: float) -> Attempt:
    """One try, all of it (connecting, headers, body) within ``seconds``."""
    with _Deadline(seconds) as deadline:
        attempt = _attempt(request, settings, deadline)
    if deadline.expired and attempt.response is None:  # whatever the cut-off socket made urllib say
        return Attempt(error=timed_out(seconds), retry=True)
    return attempt


def _attempt(request: Request, settings: Settings, deadline: _Deadline) -> Attempt:
    headers = {"User-Agent": settings.user_agent, "Accept": "application/json", "Accept-Encoding": "gzip"}
    if request.body is not None:
        headers["Content-Type"] = "application/json; charset=utf-8"
    prepared = urllib.request.Request(request.url, data=request.body, headers=headers, method=request.method)
    opener = urllib.request.build_opener(_HTTP(deadline), _HTTPS(deadline))
    try:
        with opener.open(prepared, timeout=deadline.seconds) as stream:
            body = _read(stream, settings, deadline)
            return Attempt(Response(stream.status, body, stream.headers.get("Content-Type", ""), 1))
    except urllib.error.HTTPError as err:
        try:
            body = err.read(4096) if err.fp is not None else b""
        except (OSError, http.client.HTTPException):
            body = b""
        words = _error_text(body)
        said = f": {words}" if words and words.casefold() != str(err.reason).casefold() else ""
        error = FetchError("http", f"HTTP {err.code} {err.reason}{said}", err.code)
        retry = err.code in RETRIED_STATUS
        return Attempt(error=error, retry=retry, wait=_retry_after(err.headers.get("Retry-After")))
    except FetchError as err:
        return Attempt(error=err, retry=err.kind == "timeout")
    except TimeoutError:
        return Attempt(error=timed_out(deadline.seconds), retry=True)
    except urllib.error.URLError as err:
        reason = err.reason
        if isinstance(reason, TimeoutError):
            return Attempt(error=timed_out(deadline.seconds), retry=True)
        if isinstance(reason, ConnectionResetError):
            return Attempt(error=FetchError("protocol", _("the connection was reset ({reason})", reason=reason)),
                           retry=True)
        text = getattr(reason, "strerror", None) or str(reason)
        # DNS, refused: not soon
        return Attempt(error=FetchError("unreachable", _("cannot connect ({reason})", reason=text)))
    except (ConnectionResetError, http.client.RemoteDisconnected, http.client.IncompleteRead) as err:
        return Attempt(error=FetchError("protocol", _("the connection broke off ({kind})", kind=type(err).__name__)),
                       retry=True)
    except (http.client.HTTPException, OSError) as err:
        return Attempt(error=FetchError("protocol", f"{type(err).__name__}: {err}"))


def fetch(request: Request, settings: Settings, sleep: Callable[[float], None] = time.sleep,
          deadline: float | None = None) -> Response:
    """The publisher's answer, trying again on 429/5xx, timeouts and broken connections.

    ``deadline`` (time.monotonic) is when the run's budget ends: no attempt runs past it and no wait is begun
    that would; a Retry-After longer than max_backoff is not waited for either (the error says so)."""
    attempts = settings.retries + 1
    for number in range(1, attempts + 1):
        seconds = settings.timeout
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise FetchError("timeout", _("not asked: the run's budget is spent"))
            seconds = min(seconds, left)
        attempt = _once(request, settings, seconds)
        if attempt.response is not None:
            return Response(attempt.response.status, attempt.response.body, attempt.response.content_type, number)
        error = attempt.error
        assert error is not None
        if not attempt.retry:
            raise error
        if number == attempts:
            if number == 1:
                raise FetchError(error.kind, str(error), error.status)
            raise FetchError(error.kind, ngettext("{problem} (after {n} attempts)", "{problem} (after {n} attempts)",
                                                 number, problem=error), error.status)
        backoff = min(settings.backoff * 2 ** (number - 1), settings.max_backoff)
        wait = attempt.wait if attempt.wait is not None else backoff
        left = None if deadline is None else deadline - time.monotonic()
        if attempt.wait is not None and attempt.wait > settings.max_backoff:
            raise FetchError(error.kind, _("{problem}; the publisher asked to wait {seconds} s (Retry-After), "
                                           "longer than this run waits ({limit} s): not asked again, try later",
                                           problem=error, seconds=format(attempt.wait, ".0f"),
                                           limit=format(settings.max_backoff, "g")), error.status)
        if left is not None and wait >= left:
            if attempt.wait is not None:
                text = _("{problem}; asked to wait {seconds} s (Retry-After), but only {left} s of the run's budget "
                         "left: not asked again", problem=error, seconds=format(wait, ".0f"),
                         left=format(max(left, 0), ".0f"))
            else:
                text = _("{problem}; {seconds} s backoff, but only {left} s of the run's budget left: not asked again",
                         problem=error, seconds=format(wait, "g"), left=format(max(left, 0), ".0f"))
            raise FetchError(error.kind, text, error.status)
        sleep(wait)
    raise AssertionError("unreachable")  # the loop always returns or raises
