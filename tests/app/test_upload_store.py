"""Uploads stay on the server: the browser keeps an id; two instances share one Redis; a miss asks again.
A click finds the session's Dataset by the upload's id: the store is read, and the payload checked, only when
this worker does not have it yet."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
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
def redis_url(redis_server):
    return redis_server[0]


@pytest.fixture
def redis_server(tmp_path: Path):
    """(its URL, its process): a real redis-server on a free loopback port, for this test only."""
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
    yield f"redis://127.0.0.1:{port}/0", process
    if process.poll() is None:
        os.kill(process.pid, signal.SIGCONT)  # a test may have frozen it
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


def _tiny(n: int) -> bytes:
    return f"region_id,indicator_id,year,value,territory\nriga,students,2020,{1000 + n},A test area\n".encode()


def _from(app, address: str) -> Requests:
    client = app.server.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return Requests(client)


def _receive(requests: Requests, data: bytes, name: str, current=None) -> dict:
    contents = "data:text/csv;base64," + base64.b64encode(data).decode()
    return requests.post("..user-data.data", {"upload-accepted": {"contents": contents, "name": name},
                                              "user-data": current}, "upload-accepted.data")["response"]


def test_one_client_cannot_push_everyone_elses_uploads_out(folder_cache, dataset, monkeypatch) -> None:
    """The folder store keeps MAX_ENTRIES uploads and evicts the oldest; one address keeps at most its quota,
    so a flood of tiny uploads from it is refused, said plainly, and another address's upload stays."""
    monkeypatch.setattr(upload_store, "MAX_ENTRIES", 8)
    monkeypatch.setenv(upload_store.QUOTA_ENV, "5")
    app = create_app(dataset)
    theirs = _receive(_from(app, "10.0.0.2"), _tiny(0), "theirs.csv")["user-data"]["data"]
    flooder = _from(app, "10.0.0.1")
    answers = [_receive(flooder, _tiny(n), f"flood{n}.csv") for n in range(1, 12)]
    kept = [a["user-data"]["data"] for a in answers if "user-data" in a]
    assert len(kept) == 5
    refusal = json.dumps(answers[-1]["upload-status"])
    assert "already keeps 5 uploads" in refusal and "nothing was added" in refusal
    assert upload_store.status(theirs["id"]) == "kept" and all(upload_store.has(r["id"]) for r in kept)
    # a session's new upload deletes the one it replaces (its slot is free because it is gone): a client that
    # always names its last upload as replaced keeps one upload, never more, and pushes nobody out
    chained = kept[-1]
    for n in range(60, 72):
        answer = _receive(flooder, _tiny(n), f"chain{n}.csv", current=chained)
        assert "user-data" in answer, answer
        assert upload_store.status(chained["id"]) == "missing"
        chained = answer["user-data"]["data"]
    assert upload_store.status(theirs["id"]) == "kept"
    kept[-1] = chained
    # 'Remove your data' deletes its upload and frees its slot
    assert "user-data" not in _receive(flooder, _tiny(50), "again.csv")
    flooder.post("..user-data.data", {"upload-remove": 1, "user-data": kept[0]}, "upload-remove.n_clicks")
    assert "user-data" in _receive(flooder, _tiny(52), "after-remove.csv")


def test_the_client_address_is_the_peer_unless_a_trusted_proxy_says_otherwise(dataset, monkeypatch) -> None:
    server = create_app(dataset).server

    def address(peer: str, forwarded: str | None) -> str:
        headers = {"X-Forwarded-For": forwarded} if forwarded else {}
        with server.test_request_context("/", environ_base={"REMOTE_ADDR": peer}, headers=headers):
            return upload_store.client_address()

    monkeypatch.delenv(upload_store.TRUSTED_PROXIES_ENV, raising=False)
    assert address("10.0.0.1", "192.0.2.7") == "10.0.0.1"  # not a trusted proxy: the header is the client's word
    assert address("127.0.0.1", "192.0.2.7") == "192.0.2.7"  # by default nginx on this host is trusted
    assert address("", "192.0.2.7") == "192.0.2.7"  # gunicorn on a Unix socket behind nginx: no peer address
    assert address("", None) == "unix"  # counted, never the exempt loopback
    monkeypatch.setenv(upload_store.TRUSTED_PROXIES_ENV, "none")
    assert address("127.0.0.1", "192.0.2.7") == "127.0.0.1"
    monkeypatch.setenv(upload_store.TRUSTED_PROXIES_ENV, "127.0.0.1, 10.9.9.9")
    assert address("127.0.0.1", "192.0.2.7") == "192.0.2.7"  # nginx on the same host wrote it
    assert address("127.0.0.1", "1.2.3.4, 192.0.2.7, 10.9.9.9") == "192.0.2.7"  # a forged left part is skipped
    assert address("127.0.0.1", "not-an-address") == "unreadable-forwarded-address:127.0.0.1"  # counted, not exempt
    assert address("10.0.0.1", "192.0.2.7") == "10.0.0.1"  # from elsewhere: not trusted


def _timed(call):
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def test_a_frozen_or_stopped_redis_is_said_plainly_and_costs_a_short_wait(redis_server, dataset,
                                                                          monkeypatch) -> None:
    url, process = redis_server
    monkeypatch.setenv(upload_store.REDIS_ENV, url)
    monkeypatch.setattr(upload_store, "DOWN_S", 1.0)
    app = create_app(dataset)
    requests = Requests(app.server.test_client())
    reference = _upload(requests, CSV)
    upload_module._cache.clear()

    def banner() -> str:
        answer = requests.post("..upload-remove.style", {"user-data": reference}, "user-data.data")["response"]
        return json.dumps(answer["user-data-banner"])

    os.kill(process.pid, signal.SIGSTOP)  # frozen: the port accepts, nothing answers
    thaw = threading.Timer(20, os.kill, (process.pid, signal.SIGCONT))  # a hang fails the test, not the run
    thaw.start()
    try:
        said, took = _timed(banner)
        assert took < 1.5, took
        assert "unavailable right now" in said and "no longer on the server" not in said, said
        (_, response), took = _timed(lambda: _view(requests, dataset, reference))
        assert took < 1.5 and not _shows_the_upload(response), took
        answer, took = _timed(lambda: _receive(requests, _tiny(1), "new.csv"))
        assert took < 1.5 and "unavailable right now" in json.dumps(answer["upload-status"]), took
    finally:
        thaw.cancel()
        os.kill(process.pid, signal.SIGCONT)
    wait_until(lambda: _shows_the_upload(_view(requests, dataset, reference)[1]), "the upload after Redis thawed", 10)
    process.terminate()  # stopped: refused at once, said the same way
    process.wait(10)
    time.sleep(1.1)
    said, took = _timed(banner)
    assert took < 1.5 and "unavailable right now" in said, said


PROJECT_ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
_dumps = json.dumps


class _Http:
    """The bits of Flask's test client that Requests uses, over real HTTP to a running server."""

    class Answer:
        def __init__(self, status: int, data: bytes) -> None:
            self.status_code, self.data = status, data

        def get_json(self):
            return json.loads(self.data)

        def get_data(self, as_text: bool = False):
            return self.data.decode("utf-8", "replace") if as_text else self.data

    def __init__(self, base: str) -> None:
        self.base = base

    def _send(self, request: urllib.request.Request) -> _Http.Answer:
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return self.Answer(answer.status, answer.read())
        except urllib.error.HTTPError as err:
            return self.Answer(err.code, err.read())

    def get(self, path: str) -> _Http.Answer:
        return self._send(urllib.request.Request(self.base + path))

    def post(self, path: str, json=None, data: bytes | None = None,  # the names Flask's test client takes
             content_type: str = "application/json") -> _Http.Answer:
        raw = data if data is not None else _dumps(json).encode()
        return self._send(urllib.request.Request(self.base + path, data=raw, headers={"Content-Type": content_type}))


def _healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/healthz", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _instance(port: int, redis: str, folder: Path) -> subprocess.Popen:
    """``gunicorn app:server`` as production runs it (gunicorn.conf.py), one worker, on its own port, in its own
    process group (a SIGKILL of the group is a host that dies: master and workers at once)."""
    env = {**os.environ, "BALTMET_BIND": f"127.0.0.1:{port}", "BALTMET_WORKERS": "1", "BALTMET_EXPORT_SERVICE": "0",
           upload_store.REDIS_ENV: redis, upload_store.FOLDER_ENV: str(folder)}
    master = subprocess.Popen([str(GUNICORN), "app:server"], cwd=PROJECT_ROOT, env=env, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    wait_until(lambda: master.poll() is not None or _healthy(base), f"gunicorn's /healthz on port {port}", 90)
    assert master.poll() is None, "gunicorn exited at start"
    return master


def _kill(master: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(master.pid, signal.SIGKILL)
    master.wait(20)


def test_two_real_instances_share_uploads_and_a_kill_of_either_loses_nothing(redis_url, dataset,
                                                                               tmp_path: Path) -> None:
    """Two gunicorn servers on two loopback ports sharing one Redis, as two hosts behind a load balancer
    would: an upload made through one is served by the other; either may be killed (SIGKILL, master and
    workers) and the other still serves it; a restarted one serves it too."""
    ports = _free_port(), _free_port()
    masters = [_instance(port, redis_url, tmp_path / f"folder{n}") for n, port in enumerate(ports)]
    try:
        first, second = (Requests(_Http(f"http://127.0.0.1:{port}")) for port in ports)
        reference = _upload(first, CSV)
        assert _shows_the_upload(_view(second, dataset, reference)[1])  # B never saw the file
        _kill(masters[0])
        assert not _healthy(f"http://127.0.0.1:{ports[0]}")
        assert _shows_the_upload(_view(second, dataset, reference)[1])
        banner = second.post("..upload-remove.style", {"user-data": reference}, "user-data.data")["response"]
        assert "is shown with the bundled figures" in json.dumps(banner["user-data-banner"])
        masters[0] = _instance(ports[0], redis_url, tmp_path / "folder0")  # A again: a fresh process
        first = Requests(_Http(f"http://127.0.0.1:{ports[0]}"))
        assert _shows_the_upload(_view(first, dataset, reference)[1])
        _kill(masters[1])  # and now B dies
        assert _shows_the_upload(_view(first, dataset, reference)[1])
    finally:
        for master in masters:
            _kill(master)
