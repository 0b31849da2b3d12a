"""Bounded fetching against the loopback server: retries, backoff, timeouts, size limits."""

from __future__ import annotations

import gzip
import socket
import time

import pytest

from dashboard.refresh.http import FetchError, Request, fetch
from dashboard.refresh.settings import Settings, from_environment
from tests.unit.refresh.server import FixtureServer, Reply

PATH = "/eurostat/statistics/1.0/data/met_pjanaggr3"


def _get(server: FixtureServer) -> Request:
    return Request("GET", server.url + PATH + "?format=JSON")


def test_429_then_success_waits_as_asked(server: FixtureServer, settings: Settings) -> None:
    server.routes[PATH] = [Reply(429, b"Too Many Requests", (("Retry-After", "0.2"),)), Reply(200, b"{}")]
    started = time.monotonic()
    response = fetch(_get(server), settings)
    assert response.status == 200 and response.attempts == 2
    assert time.monotonic() - started >= 0.05  # Retry-After 0.2 s, capped at max_backoff 0.05 s


def test_500_every_time_fails_after_the_retries(server: FixtureServer, settings: Settings) -> None:
    server.routes[PATH] = [Reply(500, b"<html>Internal Server Error</html>")]
    with pytest.raises(FetchError) as caught:
        fetch(_get(server), settings)
    assert caught.value.kind == "http" and caught.value.status == 500
    assert str(caught.value).startswith("HTTP 500") and "after 3 attempts" in str(caught.value)
    assert len([s for s in server.seen if s.path == PATH]) == 3


def test_404_is_not_retried_and_quotes_the_publisher(server: FixtureServer, settings: Settings) -> None:
    server.routes[PATH] = [Reply(404, b'{"error":[{"status":404,"id":100,"label":"ERR_NOT_FOUND_4: X is gone"}]}')]
    with pytest.raises(FetchError, match="HTTP 404 Not Found: ERR_NOT_FOUND_4: X is gone"):
        fetch(_get(server), settings)
    assert len(server.seen) == 1


def test_a_slow_publisher_times_out(server: FixtureServer) -> None:
    server.routes[PATH] = [Reply(200, b"{}", delay=1.5)]
    quick = Settings(timeout=0.2, retries=1, backoff=0.01, base_urls=server.base_urls())
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(_get(server), quick)
    assert caught.value.kind == "timeout" and "after 2 attempts" in str(caught.value)
    assert time.monotonic() - started < 1.2


def test_a_huge_response_is_refused_while_reading(server: FixtureServer, settings: Settings) -> None:
    server.routes[PATH] = [Reply(200, b"x" * 5000)]
    with pytest.raises(FetchError, match="the limit is") as caught:
        fetch(_get(server), Settings(max_bytes=1000, base_urls=server.base_urls()))
    assert caught.value.kind == "too_large"


def test_a_huge_response_without_a_length_is_cut_off(server: FixtureServer) -> None:
    server.routes[PATH] = [Reply(200, b"x" * 300_000, length=False)]
    with pytest.raises(FetchError, match="larger than") as caught:
        fetch(_get(server), Settings(max_bytes=100_000, base_urls=server.base_urls()))
    assert caught.value.kind == "too_large"


def test_gzip_is_decompressed_within_the_limit(server: FixtureServer, settings: Settings) -> None:
    server.routes[PATH] = [Reply(200, gzip.compress(b"{}"), (("Content-Encoding", "gzip"),))]
    assert fetch(_get(server), settings).body == b"{}"
    server.routes[PATH] = [Reply(200, gzip.compress(b" " * 100_000), (("Content-Encoding", "gzip"),))]
    with pytest.raises(FetchError, match="expands"):
        fetch(_get(server), Settings(max_bytes=10_000, base_urls=server.base_urls()))


def test_a_post_sends_its_json(server: FixtureServer, settings: Settings) -> None:
    server.routes["/statfi/t.px"] = [Reply(200, b"{}")]
    fetch(Request("POST", server.url + "/statfi/t.px", b'{"query":[]}'), settings)
    assert server.seen[-1].method == "POST" and server.seen[-1].body == b'{"query":[]}'


def test_no_listener_is_unreachable_at_once(settings: Settings) -> None:
    with socket.socket() as probe:  # a port on loopback that nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(Request("GET", f"http://127.0.0.1:{port}/x"), settings)
    assert caught.value.kind == "unreachable" and time.monotonic() - started < 1


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BALTMET_REFRESH_TIMEOUT", "7")
    monkeypatch.setenv("BALTMET_REFRESH_URL_SSB", "http://127.0.0.1:9/ssb")
    settings = from_environment({"dst": "http://127.0.0.1:9/dst"}, retries=0)
    assert settings.timeout == 7 and settings.retries == 0
    assert settings.base_url("ssb") == "http://127.0.0.1:9/ssb" and settings.base_url("dst").endswith("/dst")
    assert settings.base_url("eurostat") == "https://ec.europa.eu/eurostat/api/dissemination"
    with pytest.raises(ValueError, match="unknown publisher"):
        from_environment({"nowhere": "http://127.0.0.1"})
    monkeypatch.setenv("BALTMET_REFRESH_RETRIES", "many")
    with pytest.raises(ValueError, match="not a number"):
        from_environment()
