"""Hostile input gets no server error, runs no script, reads no file; headers and limits hold."""

from __future__ import annotations

import json
import random
import string
from urllib.parse import quote

import pytest

from dashboard.app_factory import create_app, versioned
from dashboard.data import Dataset
from dashboard.url_state import from_query
from tests.dash_requests import Requests

HOSTILE = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "../../etc/passwd",
           "%00", "' OR 1=1 --", "{{7*7}}", "${jndi:ldap://x}", "\u202e\u0000", "🦆" * 50, "a" * 5000,
           "=cmd|'/C calc'!A0", "-1", "99999999999999999999", "NaN", "1e309", "[]", "{}", "null", "true"]
KEYS = ["focus", "peers", "edition", "indicator", "x", "y", "size", "measure", "year", "tab", "present", "slide",
        "theme", "data", "__proto__", "constructor", ""]


def hostile_queries(n: int = 200) -> list[str]:
    rng = random.Random(20261127)
    queries = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 6)):
            value = rng.choice(HOSTILE) if rng.random() < 0.6 else "".join(
                rng.choice(string.printable) for _ in range(rng.randint(0, 40)))
            parts.append(f"{quote(rng.choice(KEYS))}={quote(value)}")
        queries.append("?" + "&".join(parts))
    return queries


@pytest.fixture(scope="module")
def app(dataset: Dataset):
    return create_app(dataset)


def test_200_hostile_queries_parse_without_error(dataset: Dataset) -> None:
    for query in hostile_queries():
        state, ignored = from_query(dataset, query)
        assert dataset.has_region(state.focus)
        assert all(isinstance(note, str) for note in ignored)


def _plain_text(children) -> bool:
    """Whether a component's ``children`` are strings only: React shows a string as text, never as markup,
    while a component there (Markdown, Iframe, anything with dangerously_allow_html) could run it."""
    if isinstance(children, list):
        return all(_plain_text(child) for child in children)
    return children is None or isinstance(children, str | int | float)


def test_200_hostile_queries_through_the_view_callback(app, dataset: Dataset) -> None:
    requests = Requests(app.server.test_client())
    with_markup = 0
    for query in hostile_queries():
        body = requests.post("..view-state.data", {"url": query}, "url.search")["response"]
        assert dataset.has_region(body["view-state"]["data"]["focus"])
        children = body.get("url-notice", {}).get("children")
        assert _plain_text(children), children  # the link's values are echoed as text, in no component
        with_markup += "<script>" in json.dumps(children)
    assert with_markup > 0  # the hostile markup did reach a notice: the check above was not vacuous

@pytest.mark.parametrize("stored", [None, "nonsense", {"focus": "atlantis", "peers": ["narnia"]}, {"peers": 5},
                                    {"focus": "oslo", "peers": ["riga"], "measure": "<script>", "year": "x"}])
def test_a_tampered_view_state_gives_no_server_error(app, dataset: Dataset, stored) -> None:
    from dashboard.url_state import restore

    state = restore(dataset, stored)
    assert dataset.has_region(state.focus) and state.measure in ("absolute", "per_capita", "share", "index")
    body = Requests(app.server.test_client()).post("..view-state.data", {"view-state": stored, "tabs": "charts"},
                                                   "tabs.active_tab")["response"]
    assert dataset.has_region(body["view-state"]["data"]["focus"]) and "kpi-row" in body


def test_health_check_answers_with_a_summary_and_the_security_headers(app, dataset: Dataset) -> None:
    response = app.server.test_client().get("/healthz")
    assert response.status_code == 200 and response.headers["X-Content-Type-Options"] == "nosniff"
    body = response.get_json()
    assert body["status"] == "ok" and body["regions"] == len(dataset.region_ids)
    assert body["figures"] == len(dataset.values)
    assert body["export_browser"] in ("warm", "cold")


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * 4096 / 2**20


def test_ten_thousand_junk_query_strings_add_no_cache_entries_and_no_memory(dataset: Dataset) -> None:
    server = create_app(dataset).server
    client = server.test_client()
    cache = server.extensions["baltmet_compress_cache"]
    css = "/assets/" + versioned("vendor/bootstrap/bootstrap.min.css").split("?")[0]
    client.get(css + "?warm", headers={"Accept-Encoding": "br"})  # the first request fills the cache
    entries, start = len(cache), _rss_mb()
    for i in range(10_000):
        junk = f"{css}?v={i}&x={'y' * (i % 50)}" if i % 2 else css.replace(".min.css", f".v1_{i}m{i}.min.css")
        client.get(junk, headers={"Accept-Encoding": "br"})
    assert len(cache) <= entries + 1  # the made-up fingerprint path (404) is never stored
    assert _rss_mb() - start < 50
