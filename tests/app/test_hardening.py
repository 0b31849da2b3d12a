"""Hostile input gets no server error, runs no script, reads no file; headers and limits hold."""

from __future__ import annotations

import json
import random
import string
from urllib.parse import quote

import pytest

from dashboard.app_factory import create_app, versioned
from dashboard.data import Dataset
from dashboard.paths import PLOTLY_JS
from dashboard.state import from_query

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


def test_200_hostile_queries_through_the_sync_callback(app, dataset: Dataset) -> None:
    client = app.server.test_client()
    key = next(k for k in app.callback_map if k.startswith("..view-state.data"))
    spec = app.callback_map[key]
    outputs = [{"id": o.split(".")[0], "property": o.split(".")[1]} for o in key.strip(".").split("...")]
    for query in hostile_queries():
        inputs = []
        for item in spec["inputs"]:
            if item["id"].startswith("{"):
                inputs.append([])
            else:
                inputs.append({"id": item["id"], "property": item["property"],
                               "value": query if item["id"] == "url" else None})
        response = client.post("/_dash-update-component", json={
            "output": key, "outputs": outputs, "inputs": inputs, "changedPropIds": ["url.search"],
            "state": [{"id": "view-state", "property": "data", "value": None}]})
        assert response.status_code == 200, (query, response.get_data(as_text=True)[:300])
        body = response.get_json()["response"]
        assert dataset.has_region(body["view-state"]["data"]["focus"])
        notice = json.dumps(body.get("url-notice", {}))
        assert "<script>" not in notice or "\\u003cscript" not in notice  # a plain string, rendered as text


def test_the_page_itself_answers_any_query(app) -> None:
    client = app.server.test_client()
    for query in hostile_queries(50):
        assert client.get("/" + query).status_code == 200


@pytest.mark.parametrize("path", ["/assets/../data/values.csv", "/assets/%2e%2e/data/values.csv",
                                  "/assets/..%2f..%2fpyproject.toml", "/_dash-component-suites/../../app.py"])
def test_no_file_outside_the_assets_is_served(app, path: str) -> None:
    response = app.server.test_client().get(path, buffered=True)
    assert response.status_code in (400, 404)
    assert b"region_id" not in response.data and b"[project]" not in response.data


def test_no_request_can_choose_the_data_folder(app, dataset: Dataset) -> None:
    _, ignored = from_query(dataset, "?data=/etc&data_dir=/")
    assert ignored == ["data (unknown setting)", "data_dir (unknown setting)"]


def test_security_headers(app) -> None:
    response = app.server.test_client().get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'self'" in csp and "unsafe-eval" not in csp
    assert "script-src 'self' 'sha256-" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_frame_ancestors_is_configurable(monkeypatch, dataset: Dataset) -> None:
    monkeypatch.setenv("BALTMET_FRAME_ANCESTORS", "https://intranet.example.org")
    csp = create_app(dataset).server.test_client().get("/").headers["Content-Security-Policy"]
    assert "frame-ancestors https://intranet.example.org" in csp


def test_oversized_requests_are_refused(app) -> None:
    response = app.server.test_client().post("/_dash-update-component", data=b"x" * (17 * 1024 * 1024),
                                             content_type="application/json")
    assert response.status_code == 413


@pytest.mark.parametrize(("path", "limit"), [("vendor/bootstrap/bootstrap.min.css", 40_000),  # 232 KB raw
                                             (PLOTLY_JS, 500_000)])  # 1.4 MB raw
def test_static_files_are_compressed_once_and_cached_long(app, path: str, limit: int) -> None:
    client = app.server.test_client()
    html = client.get("/").get_data(as_text=True)
    url = "/assets/" + versioned(path)
    assert url in html
    first = client.get(url, headers={"Accept-Encoding": "br"}, buffered=True)
    second = client.get(url, headers={"Accept-Encoding": "br"}, buffered=True)
    assert first.headers["Content-Encoding"] == "br" and first.data == second.data
    assert len(first.data) < limit
    assert first.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    cache = app.server.extensions["baltmet_compress_cache"]
    assert any(path in k for k in cache._store)


@pytest.mark.parametrize("stored", [None, "nonsense", {"focus": "atlantis", "peers": ["narnia"]}, {"peers": 5},
                                    {"focus": "oslo", "peers": ["riga"], "measure": "<script>", "year": "x"}])
def test_a_tampered_view_state_gives_no_server_error(app, dataset: Dataset, stored) -> None:
    from dashboard.state import restore

    state = restore(dataset, stored)
    assert dataset.has_region(state.focus) and state.measure in ("absolute", "per_capita", "share", "index")
    client = app.server.test_client()
    key = next(k for k in app.callback_map if k.startswith("..region-heading.children"))
    outputs = [{"id": o.split(".")[0], "property": o.split(".")[1]} for o in key.strip(".").split("...")]
    response = client.post("/_dash-update-component", json={
        "output": key, "outputs": outputs, "inputs": [{"id": "view-state", "property": "data", "value": stored}],
        "changedPropIds": ["view-state.data"], "state": [{"id": "user-data", "property": "data", "value": None}]})
    assert response.status_code == 200


def test_health_check_answers_with_a_summary_and_the_security_headers(app, dataset: Dataset) -> None:
    response = app.server.test_client().get("/healthz")
    assert response.status_code == 200 and response.headers["X-Content-Type-Options"] == "nosniff"
    body = response.get_json()
    assert body["status"] == "ok" and body["regions"] == 11 and body["figures"] == len(dataset.values)
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
