"""Slow clients: behind deploy/nginx.conf (Debian's nginx, buffering every body) gunicorn's sync workers stay
free; without it, two clients trickling a body hold both workers and the app answers nobody."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.paths import PROJECT_ROOT
from tests.helpers import wait_until

GUNICORN = Path(sys.executable).parent / "gunicorn"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CONFIG = PROJECT_ROOT / "deploy" / "nginx.conf"
ANSWER_WITHIN_S = 4.0  # what "the app answers" means here; it answers in well under a second when free


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, timeout: float = ANSWER_WITHIN_S) -> tuple[int | None, float]:
    """The status of GET ``url`` (None: no answer within ``timeout``) and the seconds it took."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            return response.status, time.monotonic() - started
    except OSError:
        return None, time.monotonic() - started


class Trickle:
    """``count`` clients that each send the headers of a callback POST with a 100 kB body, then one byte
    of the body every ``every`` seconds (a slow or hostile client), until closed."""

    def __init__(self, port: int, count: int, every: float = 2.0) -> None:
        self.every = every
        self.sockets = []
        for _ in range(count):
            conn = socket.create_connection(("127.0.0.1", port), timeout=5)
            conn.sendall(b"POST /_dash-update-component HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
            self.sockets.append(conn)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            for conn in self.sockets:
                with contextlib.suppress(OSError):
                    conn.sendall(b" ")

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        for conn in self.sockets:
            conn.close()


def nginx_config(gunicorn_port: int, port: int) -> str:
    """deploy/nginx.conf with the test's ports instead of 8050 and 8080 (each must be there exactly once)."""
    text = CONFIG.read_text(encoding="utf-8")
    for old, new in (("server 127.0.0.1:8050;", f"server 127.0.0.1:{gunicorn_port};"),
                     ("listen 127.0.0.1:8080;", f"listen 127.0.0.1:{port};")):
        assert text.count(old) == 1, f"deploy/nginx.conf no longer has {old!r} once"
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def served() -> Iterator[dict[str, str]]:
    """gunicorn (the repo's gunicorn.conf.py, 2 sync workers) and nginx in front of it, on loopback."""
    if not Path(NGINX).exists():
        pytest.skip("nginx missing (Debian package 'nginx'); scripts/test.sh installs it")
    gunicorn_port, nginx_port = _free_port(), _free_port()
    # Not under pytest's 0700 tmp folders: run as root, nginx's workers are 'nobody' and must reach tmp/.
    prefix = Path(tempfile.mkdtemp(prefix="baltmet-nginx-"))
    prefix.chmod(0o755)
    (prefix / "logs").mkdir()
    (prefix / "tmp").mkdir()
    (prefix / "nginx.conf").write_text(nginx_config(gunicorn_port, nginx_port), encoding="utf-8")
    env = {**os.environ, "BALTMET_BIND": f"127.0.0.1:{gunicorn_port}", "BALTMET_WORKERS": "2",
           "BALTMET_EXPORT_SERVICE": "0"}  # no export browser: this test draws no image
    log = (prefix / "gunicorn.log").open("wb")
    gunicorn = subprocess.Popen([str(GUNICORN), "app:server"], cwd=PROJECT_ROOT, env=env, stdout=log, stderr=log)
    nginx = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
                             stdout=log, stderr=log)
    direct, proxied = f"http://127.0.0.1:{gunicorn_port}", f"http://127.0.0.1:{nginx_port}"
    try:
        wait_until(lambda: gunicorn.poll() is not None or nginx.poll() is not None
                   or _get(proxied + "/healthz", 2)[0] == 200, "gunicorn's /healthz through nginx", 60, 0.2)
        assert gunicorn.poll() is None and nginx.poll() is None, (prefix / "gunicorn.log").read_text()
        yield {"direct": direct, "proxied": proxied, "gunicorn_port": str(gunicorn_port),
               "nginx_port": str(nginx_port)}
    finally:
        nginx.terminate()
        gunicorn.terminate()
        nginx.wait(10)
        gunicorn.wait(30)
        log.close()
        shutil.rmtree(prefix, ignore_errors=True)


def test_two_trickling_clients_hold_every_sync_worker_without_a_proxy(served) -> None:
    """The failure the proxy is for (and proof that the test below could fail): gunicorn alone, 2 workers."""
    trickle = Trickle(int(served["gunicorn_port"]), 2)
    try:
        time.sleep(1)  # each worker has taken one of them and waits for its body
        status, seconds = _get(served["direct"] + "/healthz")
        assert status is None, f"gunicorn answered in {seconds:.1f} s while both workers read a trickle"
    finally:
        trickle.close()
    # the trickles closed, the workers are free again
    wait_until(lambda: _get(served["direct"] + "/healthz")[0] == 200, "gunicorn free again", 15)


def test_behind_nginx_the_app_answers_while_clients_trickle(served) -> None:
    trickle = Trickle(int(served["nginx_port"]), 4)
    try:
        time.sleep(1)
        for path in ("/", "/healthz", "/"):
            status, seconds = _get(served["proxied"] + path)
            assert status == 200, f"GET {path} through nginx: no answer within {ANSWER_WITHIN_S} s"
            print(f"GET {path} through nginx while 4 clients trickle: {seconds * 1000:.0f} ms")
        time.sleep(2.5)  # the trickles are still going (a byte every 2 s), and the app still answers
        assert _get(served["proxied"] + "/healthz")[0] == 200
    finally:
        trickle.close()


def test_nginx_refuses_a_body_over_the_apps_limit_with_413(served) -> None:
    """The proxy's limit is the app's: 16 MB (a 10 MB upload, base64 in JSON), refused before gunicorn."""
    with socket.create_connection(("127.0.0.1", int(served["nginx_port"])), timeout=5) as conn:
        conn.sendall(b"POST /_dash-update-component HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                     b"\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % (17 * 1024 * 1024))
        assert conn.recv(100).startswith(b"HTTP/1.1 413")
