"""A publisher stand-in on 127.0.0.1: a thread with http.server serving recorded answers by path.

Each route is a list of replies given in turn (the last one repeats), so "429, then the answer" or "500
every time" is one line of a test. A route is a path ("/ssb/table/06913": any method) or a method and a
path ("GET /ssb/table/06913": a PxWeb table answers its metadata to GET and its data to POST). Nothing here
reaches outside the machine.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "refresh"


def fixture(name: str) -> bytes:
    """A recorded answer without its leading '#' comment lines (they say where the layout came from)."""
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith("#")).encode("utf-8")


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0  # seconds before answering (a timeout case)
    length: bool = True  # False: no Content-Length, the body ends when the connection closes
    trickle: float = 0.0  # seconds between bytes: the body is sent one byte at a time (a publisher that dawdles)
    trickle_headers: bool = False  # with trickle: the status line and headers dribble too, not only the body


def ok(name: str) -> Reply:
    return Reply(200, fixture(name), (("Content-Type", "application/json; charset=utf-8"),))


@dataclass
class Seen:
    method: str
    path: str
    query: str
    body: bytes


@dataclass
class FixtureServer:
    routes: dict[str, list[Reply]] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)

    def __post_init__(self) -> None:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                server.seen.append(Seen(self.command, parts.path, parts.query, body))
                replies = server.routes.get(f"{self.command} {parts.path}") or server.routes.get(parts.path)
                if not replies:
                    reply = Reply(404, b'{"error":"no such route in the test server"}')
                else:
                    reply = replies.pop(0) if len(replies) > 1 else replies[0]
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.trickle:
                    self._trickle(reply)
                    return
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers:
                        self.send_header(name, value)
                    if reply.length:
                        self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the timeout case)

            def _trickle(self, reply: Reply) -> None:
                """One byte, a pause, the next byte: each recv of the client gets something, so only a
                deadline on the whole answer ends it (until the client gives up, or the bytes run out)."""
                head = [f"HTTP/1.1 {reply.status} Trickle\r\n",
                        *(f"{name}: {value}\r\n" for name, value in reply.headers),
                        f"Content-Length: {len(reply.body)}\r\n" if reply.length else "", "\r\n"]
                header = "".join(head).encode("latin-1")
                slow = header + reply.body if reply.trickle_headers else reply.body
                try:
                    if not reply.trickle_headers:
                        self.wfile.write(header)
                        self.wfile.flush()
                    for at in range(len(slow)):
                        self.wfile.write(slow[at:at + 1])
                        self.wfile.flush()
                        time.sleep(reply.trickle)
                except OSError:
                    pass  # the client gave up: what a deadline is for
                self.close_connection = True

            do_GET = do_POST = _answer  # http.server calls do_<METHOD>

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def base_urls(self) -> dict[str, str]:
        return {name: f"{self.url}/{name}" for name in ("eurostat", "statfi", "scb", "scb_v2", "ssb", "ssb_v2", "dst")}

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


EUROSTAT = "/eurostat/statistics/1.0/data/"
STATFI = "/statfi/StatFin/vaerak/11ra.px"
STATFI_OLD = "/statfi/StatFin/vaerak/statfin_vaerak_pxt_11ra.px"
SCB_V1 = "/scb/BE/BE0101/BE0101A/BefolkningNy"
SCB_V2 = "/scb_v2/tables/TAB638"
SSB_V0 = "/ssb/table/06913"
PATHS = {
    "met_pjanaggr3": EUROSTAT + "met_pjanaggr3",
    "met_10r_3gdp": EUROSTAT + "met_10r_3gdp",
    "met_10r_3emp": EUROSTAT + "met_10r_3emp",
    "demo_r_pjanaggr3": EUROSTAT + "demo_r_pjanaggr3",
    "nama_10r_3gdp": EUROSTAT + "nama_10r_3gdp",
    "nama_10r_3empers": EUROSTAT + "nama_10r_3empers",
    "statfi_meta": "GET " + STATFI,
    "statfi": "POST " + STATFI,
    "scb_v2_meta": "GET " + SCB_V2 + "/metadata",
    "scb_v2": "GET " + SCB_V2 + "/data",
    "scb_meta": "GET " + SCB_V1,
    "scb": "POST " + SCB_V1,
    "ssb_meta": "GET " + SSB_V0,
    "ssb": "POST " + SSB_V0,
    "dst": "/dst/data/FOLK1A/JSONSTAT",
}
FILES = {"met_pjanaggr3": "eurostat_met_pjanaggr3.json", "met_10r_3gdp": "eurostat_met_10r_3gdp.json",
         "met_10r_3emp": "eurostat_met_10r_3emp.json", "demo_r_pjanaggr3": "eurostat_demo_r_pjanaggr3.json",
         "nama_10r_3gdp": "eurostat_nama_10r_3gdp.json", "nama_10r_3empers": "eurostat_nama_10r_3empers.json",
         "statfi_meta": "statfi_11ra_metadata.json", "statfi": "statfi_11ra.json",
         "scb_v2_meta": "scb_tab638_metadata.json", "scb_v2": "scb_tab638.json",
         "scb_meta": "scb_befolkningny_metadata.json", "scb": "scb_befolkningny.json",
         "ssb_meta": "ssb_06913_metadata.json", "ssb": "ssb_06913.json", "dst": "dst_folk1a.json"}


def all_good() -> dict[str, list[Reply]]:
    """Every publisher answers at once with its recorded answer (Statistics Sweden through PxWebApi 2.0; its
    API v1 routes answer too, for the tests that configure or fall back to it)."""
    return {PATHS[name]: [ok(file)] for name, file in FILES.items()}
