"""One bounded HTTP exchange with a publisher, retried when the publisher says "later".

The standard library's urllib is enough here: a handful of sequential GET/POST requests a run. What it
lacks, and this module adds, is what a public statistics API needs: a deadline on every answer, a size
limit read as the bytes arrive (and again after gzip), and retries with backoff on 429 and 5xx that
respect ``Retry-After``. A failure is a FetchError with a kind and one line of text.
"""

from __future__ import annotations

import email.utils
import http.client
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from dashboard.data.limits import Refused, gunzip, human_bytes
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


def _retry_after(header: str | None, settings: Settings) -> float | None:
    """Seconds the publisher asked to wait (a number or an HTTP date), capped at max_backoff."""
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
    return min(max(seconds, 0.0), settings.max_backoff)


def _read(stream: http.client.HTTPResponse, settings: Settings, started: float) -> bytes:
    """The body, at most max_bytes (checked as it arrives), within the request's deadline."""
    declared = stream.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > settings.max_bytes:
        raise FetchError("too_large", f"the response has {human_bytes(int(declared))}; the limit is "
                                      f"{human_bytes(settings.max_bytes)} ({ENV}MAX_BYTES)")
    chunks, total = [], 0
    while True:
        if time.monotonic() - started > settings.timeout:
            raise FetchError("timeout", f"no complete answer within {settings.timeout:g} s")
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > settings.max_bytes:
            raise FetchError("too_large", f"the response is larger than {human_bytes(settings.max_bytes)} "
                                          f"({ENV}MAX_BYTES); reading stopped")
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


def _once(request: Request, settings: Settings) -> Attempt:
    headers = {"User-Agent": settings.user_agent, "Accept": "application/json", "Accept-Encoding": "gzip"}
    if request.body is not None:
        headers["Content-Type"] = "application/json; charset=utf-8"
    prepared = urllib.request.Request(request.url, data=request.body, headers=headers, method=request.method)
    started = time.monotonic()
    try:
        with urllib.request.urlopen(prepared, timeout=settings.timeout) as stream:
            body = _read(stream, settings, started)
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
        return Attempt(error=error, retry=retry, wait=_retry_after(err.headers.get("Retry-After"), settings))
    except FetchError as err:
        return Attempt(error=err, retry=err.kind == "timeout")
    except TimeoutError:
        return Attempt(error=FetchError("timeout", f"no answer within {settings.timeout:g} s"), retry=True)
    except urllib.error.URLError as err:
        reason = err.reason
        if isinstance(reason, TimeoutError):
            return Attempt(error=FetchError("timeout", f"no answer within {settings.timeout:g} s"), retry=True)
        if isinstance(reason, ConnectionResetError):
            return Attempt(error=FetchError("protocol", f"the connection was reset ({reason})"), retry=True)
        text = getattr(reason, "strerror", None) or str(reason)
        return Attempt(error=FetchError("unreachable", f"cannot connect ({text})"))  # DNS, refused: not soon
    except (ConnectionResetError, http.client.RemoteDisconnected, http.client.IncompleteRead) as err:
        return Attempt(error=FetchError("protocol", f"the connection broke off ({type(err).__name__})"),
                       retry=True)
    except (http.client.HTTPException, OSError) as err:
        return Attempt(error=FetchError("protocol", f"{type(err).__name__}: {err}"))


def fetch(request: Request, settings: Settings, sleep: Callable[[float], None] = time.sleep) -> Response:
    """The publisher's answer, trying again on 429/5xx, timeouts and broken connections."""
    attempts = settings.retries + 1
    for number in range(1, attempts + 1):
        attempt = _once(request, settings)
        if attempt.response is not None:
            return Response(attempt.response.status, attempt.response.body, attempt.response.content_type, number)
        error = attempt.error
        assert error is not None
        if not attempt.retry:
            raise error
        if number == attempts:
            suffix = f" (after {number} attempts)" if number > 1 else ""
            raise FetchError(error.kind, f"{error}{suffix}", error.status)
        backoff = min(settings.backoff * 2 ** (number - 1), settings.max_backoff)
        sleep(attempt.wait if attempt.wait is not None else backoff)
    raise AssertionError("unreachable")  # the loop always returns or raises
