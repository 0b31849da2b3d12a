"""The export socket's protocol: how a worker asks the export service for an image, in one place.

Wire format, both ways: 8-byte big-endian length, then the body. Request body: JSON
{spec, opts, topojson}. Answer body: b"ok" + image bytes, or b"er" + a UTF-8 message.
"""

from __future__ import annotations

import json
import os
import socket
import struct

SOCKET_ENV = "BALTMET_EXPORT_SOCKET"
TIMEOUT_ENV = "BALTMET_EXPORT_TIMEOUT_S"
EXPORT_TIMEOUT_S = float(os.environ.get(TIMEOUT_ENV, "30"))
MAX_REQUEST_BYTES = 32 * 1024 * 1024  # a figure spec; the largest here is well under 5 MB
MAX_ANSWER_BYTES = 128 * 1024 * 1024  # a 4x PNG of a slide is about 2 MB
HEADER = struct.Struct(">Q")


class ExportFailed(RuntimeError):
    """The image could not be made (timed out, the service is down, or the browser failed); say so."""


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


def request_image(path: str, spec: dict, opts: dict, topojson: str, timeout: float = EXPORT_TIMEOUT_S) -> bytes:
    """The worker's side: the image from the service at ``path``, or ExportFailed with the reason."""
    body = json.dumps({"spec": spec, "opts": opts, "topojson": topojson}).encode()
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(timeout + 10)  # the service's own limit comes first and is reported
            conn.connect(path)
            send_message(conn, body)
            answer = read_message(conn, MAX_ANSWER_BYTES)
    except (OSError, ValueError, ConnectionError) as err:
        raise ExportFailed(f"the export service did not answer ({type(err).__name__})") from err
    if answer[:2] == b"ok":
        return answer[2:]
    raise ExportFailed(answer[2:].decode("utf-8", "replace"))
