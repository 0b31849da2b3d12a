"""Uploads stay on the server: the browser keeps an id; two instances share one Redis; a miss asks again."""

from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import pytest

from dashboard import upload_store
from dashboard.app_factory import create_app
from dashboard.client_input import session_dataset
from dashboard.state import default_state
from tests.dash_requests import Requests

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
    for _ in range(100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(10)


def test_two_instances_share_uploads_through_one_redis(redis_url, dataset, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv(upload_store.REDIS_ENV, redis_url)
    first = Requests(create_app(dataset).server.test_client())
    reference = _upload(first, CSV)
    second = Requests(create_app(dataset).server.test_client())  # another instance, its own cache client
    _, response = _view(second, dataset, reference)
    assert "Your data" in json.dumps(response["kpi-row"])
    monkeypatch.delenv(upload_store.REDIS_ENV)  # an instance without the shared cache: a miss, said plainly
    monkeypatch.setenv(upload_store.FOLDER_ENV, str(tmp_path / "elsewhere"))
    lonely = Requests(create_app(dataset).server.test_client())
    banner = lonely.post("..upload-remove.style", {"user-data": reference}, "user-data.data")["response"]
    assert "no longer on the server" in json.dumps(banner["user-data-banner"])
