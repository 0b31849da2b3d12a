"""The export socket's protocol: how a worker asks the export service for an image, in one place.

Wire format, both ways: 8-byte big-endian length, then the body. Request body: JSON
{spec, opts, topojson}. Answer body: b"ok" + image bytes, or b"er" + JSON {"message", "values"}: an English
message marked for the catalogs (below) and its placeholders' values, which the worker translates into the
language of the request (the service itself runs in no request's language); any other b"er" body is shown as
it is.
A health probe sends the body b"ping" and gets b"ok" + JSON {"browser": "warm" | "starting"}, answered
beside a running export (the service reads each connection on its own thread).
"""

from __future__ import annotations

import json
import os
import socket
import struct
import time

from dashboard.i18n import N_, _

SOCKET_ENV = "BALTMET_EXPORT_SOCKET"
TIMEOUT_ENV = "BALTMET_EXPORT_TIMEOUT_S"
EXPORT_TIMEOUT_S = float(os.environ.get(TIMEOUT_ENV, "30"))
MAX_REQUEST_BYTES = 32 * 1024 * 1024  # a figure spec; the largest here is well under 5 MB
MAX_ANSWER_BYTES = 128 * 1024 * 1024  # a 4x PNG of a slide is about 2 MB
HEADER = struct.Struct(">Q")
PING = b"ping"
PING_TIMEOUT_S = 1.0  # a live service answers a ping in milliseconds, even while it draws
RESTART_WAIT_S = 10.0  # a worker that finds no service waits this long for its supervisor to restart it


# What the page says when an image could not be made (after 'Could not export the chart.').
# Translators: why an image export failed; {seconds} is a whole number
TOO_SLOW = N_("the image took longer than {seconds} s and was stopped")
# Translators: why an image export failed; {seconds} is a whole number
TOO_SLOW_SERVICE = N_("the image took longer than {seconds} s and was stopped; try a smaller size or fewer regions")
# Translators: why an image export failed; {error} is a technical error name such as 'TimeoutError'
BROWSER_FAILED = N_("the export browser failed ({error})")
# Translators: why an image export failed; {error} is a technical error name such as 'KeyError'
BAD_REQUEST = N_("bad export request ({error})")
# Translators: why an image export failed; {size} and {limit} are whole numbers of megabytes
TOO_LARGE = N_("the chart is too large to export ({size} MB of figure; the limit is {limit} MB): choose fewer regions")
# Translators: why an image export failed; {error} is a technical error name such as 'ConnectionError'
NO_ANSWER = N_("the export service did not answer ({error}); it is being restarted, try again in a few seconds")
ANSWER_TOO_LARGE = N_("the image is larger than the export service sends: choose a smaller size")


class ExportFailed(RuntimeError):
    """The image could not be made (timed out, the service is down, or the browser failed); say so.

    ``message`` is one of the messages above, said in the current language with its ``values`` filled in;
    ``message`` and ``values`` stay on the exception, so that the export service can send them to the worker,
    which says them in its request's language."""

    def __init__(self, message: str, **values: object) -> None:
        self.message, self.values = message, values
        super().__init__(_(message, **values) if values else _(message))

    def wire(self) -> bytes:
        """The service's answer body for this failure."""
        return b"er" + json.dumps({"message": self.message, "values": self.values}).encode()

    @classmethod
    def from_wire(cls, body: bytes) -> ExportFailed:
        """The failure an answer body (after b"er") names, in the current language."""
        try:
            sent = json.loads(body)
            message, values = sent["message"], sent.get("values") or {}
            if isinstance(message, str) and isinstance(values, dict):
                return cls(message, **{str(k): v for k, v in values.items()})
        except (ValueError, KeyError, TypeError, AttributeError):
            pass
        return cls(body.decode("utf-8", "replace"))


def read_exactly(conn: socket.socket, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = conn.recv(min(left, 1 << 20))
        if not chunk:
            raise ConnectionError("connection closed early")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_message(conn: socket.socket, limit: int) -> bytes:
    (size,) = HEADER.unpack(read_exactly(conn, HEADER.size))
    if size > limit:
        raise ValueError(f"message of {size} bytes is over the {limit}-byte limit")
    return read_exactly(conn, size)


def send_message(conn: socket.socket, body: bytes) -> None:
    conn.sendall(HEADER.pack(len(body)) + body)


def _connect(path: str, timeout: float, restart_wait: float) -> socket.socket:
    """A connection to the service; while it is being restarted (no socket, or nobody listening) this
    retries for up to ``restart_wait`` seconds, then raises the last error."""
    deadline = time.monotonic() + restart_wait
    while True:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.settimeout(timeout)
        try:
            conn.connect(path)
            return conn
        except (FileNotFoundError, ConnectionRefusedError):
            conn.close()
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.1)
        except OSError:
            conn.close()
            raise


def request_image(path: str, spec: dict, opts: dict, topojson: str, timeout: float = EXPORT_TIMEOUT_S,
                  restart_wait: float = RESTART_WAIT_S) -> bytes:
    """The worker's side: the image from the service at ``path``, or ExportFailed with the reason.

    A connection the service drops or refuses (it died, or its supervisor is restarting it) is tried again
    until ``restart_wait`` has passed: drawing an image twice does no harm. A timeout is not retried."""
    body = json.dumps({"spec": spec, "opts": opts, "topojson": topojson}).encode()
    if len(body) > MAX_REQUEST_BYTES:  # the service would refuse it unread: say why, never resend it
        raise ExportFailed(TOO_LARGE, size=len(body) // 2**20, limit=MAX_REQUEST_BYTES // 2**20)
    deadline = time.monotonic() + restart_wait
    while True:
        try:
            # the service's own limit (timeout) comes first and is reported
            with _connect(path, timeout + 10, max(0.0, deadline - time.monotonic())) as conn:
                send_message(conn, body)
                answer = read_message(conn, MAX_ANSWER_BYTES)
            break
        except (FileNotFoundError, ConnectionError) as err:
            if time.monotonic() < deadline:
                time.sleep(0.2)
                continue
            raise ExportFailed(NO_ANSWER, error=type(err).__name__) from err
        except ValueError as err:  # an answer over MAX_ANSWER_BYTES
            raise ExportFailed(ANSWER_TOO_LARGE) from err
        except OSError as err:
            raise ExportFailed(NO_ANSWER, error=type(err).__name__) from err
    if answer[:2] == b"ok":
        return answer[2:]
    raise ExportFailed.from_wire(answer[2:])


def ping(path: str, timeout: float = PING_TIMEOUT_S) -> str:
    """The service's state: "warm" (its browser is up), "starting" (it answers, its browser is still
    starting) or "down" (no answer within ``timeout``: not running, stopped or stuck)."""
    try:
        with _connect(path, timeout, 0) as conn:
            send_message(conn, PING)
            answer = read_message(conn, 1024)
        state = json.loads(answer[2:]).get("browser") if answer[:2] == b"ok" else None
    except (OSError, ValueError, ConnectionError, AttributeError):
        return "down"
    return state if state in ("warm", "starting") else "down"
