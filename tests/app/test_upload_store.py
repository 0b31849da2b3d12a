"""Uploads stay on the server: the browser keeps an id; two instances share one Redis; a miss asks again.
A click finds the session's Dataset by the upload's id: the store is read, and the payload checked, only when
this worker does not have it yet."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import socket
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from dashboard import upload as upload_module
from dashboard import upload_store
from dashboard.app_factory import create_app
from dashboard.client_input import session_dataset
from dashboard.state import default_state
from tests.dash_requests import Requests
from tests.helpers import wait_until

REGIONS = ("berlin", "copenhagen", "helsinki", "malmo", "oslo", "riga", "stockholm", "tallinn", "vilnius", "warsaw")
COUNTS = ("students", "academic_staff", "incubators", "research_institutes", "polytechnics", "centres_of_excellence",
          "rd_personnel", "employment_ict", "municipalities", "science_parks")
ROWS = "".join(f"{r},{i},{y},{n},A test area of {r} with a long name\n" for n, (r, i, y) in enumerate(
    (r, i, y) for r in REGIONS for i in COUNTS for y in range(1990, 2031)))
CSV = ("region_id,indicator_id,year,value,territory\n" + ROWS).encode()  # test values, ~4 000 figures


def _upload(requests: Requests, data: bytes, name: str = "mine.csv") -> dict:
    contents = "data:text/csv;base64," + base64.b64encode(data).decode()
    body = requests.post("..user-data.data", {"upload-accepted": {"contents": contents, "name": name}},
                         "upload-accepted.data")
    return body["response"]["user-data"]["data"]


def _view(requests: Requests, dataset, reference) -> tuple[int, dict]:
    state = replace(default_state(dataset), basis="reported")  # the upload's test areas are of no stated kind
    body = requests.body("..view-state.data", {"view-state": state.to_dict(), "user-data": reference,
                                               "tabs": "charts"}, "tabs.active_tab")
    raw = json.dumps(body).encode()
    response = requests.client.post("/_dash-update-component", data=raw, content_type="application/json")
    assert response.status_code == 200
    return len(raw), response.get_json()["response"]


@pytest.fixture
def folder_cache(tmp_path: Path, monkeypatch):
    monkeypatch.delenv(upload_store.REDIS_ENV, raising=False)
    monkeypatch.setenv(upload_store.FOLDER_ENV, str(tmp_path / "uploads"))


class Counted:
    """A real function or method, still called, that counts its calls."""

    def __init__(self, function) -> None:
        self.function, self.calls = function, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.function(*args, **kwargs)


def _counted(app, monkeypatch) -> tuple[Counted, Counted]:
    """(reads of the app's real upload store, checks of an upload's figures against the base)."""
    store = app.server.extensions["baltmet_upload_cache"]
    reads, checks = Counted(store.get), Counted(upload_module.apply_overlay)
    monkeypatch.setattr(store, "get", reads)
    monkeypatch.setattr(upload_module, "apply_overlay", checks)
    return reads, checks


def _shows_the_upload(response: dict) -> bool:
    return "Your data" in json.dumps(response["kpi-row"])


def test_the_browser_keeps_only_an_id_and_a_click_does_not_grow_with_the_upload(folder_cache, dataset) -> None:
    requests = Requests(create_app(dataset).server.test_client())
    reference = _upload(requests, CSV)
    assert set(reference) == {"id", "name", "figures"} and len(json.dumps(reference)) < 200
    assert len(CSV) > 200_000
    size_with, response = _view(requests, dataset, reference)
    size_without, _ = _view(requests, dataset, None)
    assert size_with - size_without < 200  # the id, not the upload, travels with each click
    assert "Your data" in json.dumps(response["kpi-row"])


def test_an_id_the_server_no_longer_has_shows_the_bundled_data_and_asks_again(folder_cache, dataset) -> None:
    app = create_app(dataset)
    requests = Requests(app.server.test_client())
    stale = {"id": "ab" * 32, "name": "old.csv", "figures": 3}
    assert session_dataset(dataset, stale) is dataset
    banner = requests.post("..upload-remove.style", {"user-data": stale}, "user-data.data")["response"]
    assert "upload the file again" in json.dumps(banner["user-data-banner"]).lower()


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def redis_url(tmp_path: Path):
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("needs Debian's redis-server (scripts/test.sh installs it)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(tmp_path)], stdout=subprocess.DEVNULL)
    wait_until(lambda: process.poll() is not None or _listening(port), "redis-server's port", 10)
    assert process.poll() is None, "redis-server exited at start"
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(10)


def test_two_instances_share_uploads_through_one_redis(redis_url, dataset, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv(upload_store.REDIS_ENV, redis_url)
    first = Requests(create_app(dataset).server.test_client())
    reference = _upload(first, CSV)
    upload_module._cache.clear()  # nor has it the Dataset the first one built while checking the file
    second = Requests(create_app(dataset).server.test_client())  # another instance, its own cache client
    _, response = _view(second, dataset, reference)
    assert "Your data" in json.dumps(response["kpi-row"])
    monkeypatch.delenv(upload_store.REDIS_ENV)  # an instance without the shared cache: a miss, said plainly
    monkeypatch.setenv(upload_store.FOLDER_ENV, str(tmp_path / "elsewhere"))
    lonely = Requests(create_app(dataset).server.test_client())
    banner = lonely.post("..upload-remove.style", {"user-data": reference}, "user-data.data")["response"]
    assert "no longer on the server" in json.dumps(banner["user-data-banner"])


def test_a_click_finds_the_checked_upload_by_its_id_without_reading_or_checking_it(folder_cache, dataset,
                                                                                   monkeypatch) -> None:
    upload_module._cache.clear()
    app = create_app(dataset)
    requests = Requests(app.server.test_client())
    reads, checks = _counted(app, monkeypatch)
    reference = _upload(requests, CSV)
    assert (reads.calls, checks.calls) == (0, 1)  # checked once, while the file was read
    for _ in range(3):  # the first click after the upload too: the Dataset built while checking is kept
        assert _shows_the_upload(_view(requests, dataset, reference)[1])
    assert (reads.calls, checks.calls) == (0, 1)


@pytest.mark.parametrize("store", ["folder_cache", "redis_url"])
def test_another_worker_reads_the_store_once_and_checks_once(store, request, dataset, monkeypatch) -> None:
    if store == "redis_url":
        monkeypatch.setenv(upload_store.REDIS_ENV, request.getfixturevalue("redis_url"))
    else:
        request.getfixturevalue("folder_cache")
    app = create_app(dataset)
    requests = Requests(app.server.test_client())
    reference = _upload(requests, CSV)
    upload_module._cache.clear()  # as in a worker that did not read the file, or evicted its Dataset
    reads, checks = _counted(app, monkeypatch)
    for _ in range(3):
        assert _shows_the_upload(_view(requests, dataset, reference)[1])
    assert (reads.calls, checks.calls) == (1, 1)


def test_an_upload_the_store_dropped_is_not_shown_from_a_workers_cache(folder_cache, dataset) -> None:
    """Every worker says the same: once the store no longer keeps an upload (expired, evicted), no worker
    shows it, though one may still hold its Dataset, and the page asks for the file again."""
    app = create_app(dataset)
    requests = Requests(app.server.test_client())
    reference = _upload(requests, CSV)
    assert _shows_the_upload(_view(requests, dataset, reference)[1])
    app.server.extensions["baltmet_upload_cache"].delete(reference["id"])
    assert not _shows_the_upload(_view(requests, dataset, reference)[1])
    assert session_dataset(dataset, reference) is dataset
    banner = requests.post("..upload-remove.style", {"user-data": reference}, "user-data.data")["response"]
    assert "no longer on the server" in json.dumps(banner["user-data-banner"])


def test_the_id_is_the_hash_of_what_the_store_keeps(folder_cache, dataset) -> None:
    """One id, one payload: the same file uploaded under another name is another upload, each named as given
    (a worker keeping a Dataset by id can never show one user the name another gave the same bytes)."""
    requests = Requests(create_app(dataset).server.test_client())
    first, second = _upload(requests, CSV, "mine.csv"), _upload(requests, CSV, "theirs.csv")
    assert first["id"] != second["id"]
    for reference in (first, second):
        payload = upload_store.get(reference)
        content = json.dumps({k: v for k, v in payload.items() if k != "hash"}, sort_keys=True, default=str)
        assert reference["id"] == payload["hash"] == hashlib.sha256(content.encode()).hexdigest()
        titles = set(session_dataset(dataset, reference).sources["title"])
        assert f"Your upload: {reference['name']}" in titles and len({"Your upload: mine.csv",
                                                                     "Your upload: theirs.csv"} & titles) == 1


def test_each_base_has_its_own_dataset_for_an_upload(folder_cache, dataset) -> None:
    requests = Requests(create_app(dataset).server.test_client())
    reference = _upload(requests, CSV)
    other = replace(dataset)  # the same tables, another base (as another app in the same process)
    on_other = session_dataset(other, reference)
    assert on_other is not session_dataset(dataset, reference) and on_other is not other
    assert on_other.indicators is other.indicators and _shows_the_upload(_view(requests, dataset, reference)[1])
    assert session_dataset(other, reference) is on_other  # kept too, beside the first base's


def test_a_tampered_or_unknown_id_shows_the_bundled_data(folder_cache, dataset) -> None:
    app = create_app(dataset)
    reference = _upload(Requests(app.server.test_client()), CSV)
    junk = [None, "x", 3.5, [], {"id": 5}, {"id": ["a"]}, {"id": "g" * 64, "name": "x"}, {"id": "AB" * 32},
            {"id": reference["id"][:-1], "name": "x"}, {"id": reference["id"] + "\n", "name": "x"},
            {"id": reference["id"][::-1], "name": reference["name"]}]
    for value in junk:
        assert session_dataset(dataset, value) is dataset, value
    assert session_dataset(dataset, reference) is not dataset
