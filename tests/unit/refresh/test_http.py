"""Bounded fetching against the loopback server: retries, backoff, timeouts, size limits."""

from __future__ import annotations

import email.utils
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
    server.routes[PATH] = [Reply(429, b"Too Many Requests", (("Retry-After", "0.04"),)), Reply(200, b"{}")]
    started = time.monotonic()
    response = fetch(_get(server), settings)
    assert response.status == 200 and response.attempts == 2
    assert time.monotonic() - started >= 0.04  # Retry-After 0.04 s, within max_backoff 0.05 s: waited as asked


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


@pytest.mark.parametrize("headers", [True, False], ids=["headers", "body"])
def test_a_trickling_publisher_is_cut_off_at_the_timeout(server: FixtureServer, headers: bool) -> None:
    """One byte every 0.1 s: every recv gets something, so only a deadline on the whole answer ends it."""
    server.routes[PATH] = [Reply(200, b"{" + b" " * 300 + b"}", delay=0, trickle=0.1, trickle_headers=headers)]
    quick = Settings(timeout=1.0, retries=0, base_urls=server.base_urls())
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(_get(server), quick)
    took = time.monotonic() - started
    assert caught.value.kind == "timeout" and str(caught.value) == "timed out after 1 s", str(caught.value)
    assert 0.9 < took < 1.6, took


def test_a_retry_after_beyond_the_budget_is_not_slept_through(server: FixtureServer) -> None:
    """Retry-After: 3600 (or a date an hour away) with a run that may wait 30 s: no sleeping, no asking
    again early; the series fails at once and the message says what the publisher asked for."""
    slept: list[float] = []
    patient = Settings(timeout=1.0, retries=3, backoff=0.01, max_backoff=30, base_urls=server.base_urls())
    for header in ("3600", email.utils.formatdate(time.time() + 3600, usegmt=True)):
        server.routes[PATH] = [Reply(429, b"Too Many Requests", (("Retry-After", header),))]
        server.seen.clear()
        with pytest.raises(FetchError) as caught:
            fetch(_get(server), patient, sleep=slept.append)
        assert slept == [] and len(server.seen) == 1
        assert caught.value.kind == "http" and caught.value.status == 429
        assert "asked to wait 3600 s (Retry-After)" in str(caught.value).replace("3599", "3600")
        assert "not asked again" in str(caught.value)
    # within the budget: waited as asked, then asked again
    server.routes[PATH] = [Reply(429, b"", (("Retry-After", "2"),)), Reply(200, b"{}")]
    assert fetch(_get(server), patient, sleep=slept.append).status == 200 and slept == [2.0]
    # what is left of the run's own budget bounds it too
    slept.clear()
    server.routes[PATH] = [Reply(429, b"", (("Retry-After", "2"),)), Reply(200, b"{}")]
    with pytest.raises(FetchError, match="1 s of the run's budget left"):
        fetch(_get(server), patient, sleep=slept.append, deadline=time.monotonic() + 1.0)
    assert slept == []
