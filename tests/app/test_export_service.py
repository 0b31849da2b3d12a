"""One export browser per server: gunicorn's workers share one export service, bounded in time."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from dashboard.app_factory import create_app
from dashboard.paths import PROJECT_ROOT
from dashboard.render.protocol import SOCKET_ENV, TIMEOUT_ENV, ExportFailed, request_image
from dashboard.state import default_state
from tests.dash_requests import Requests
from tests.helpers import wait_until

GUNICORN = Path(sys.executable).parent / "gunicorn"
EMPTY = {"data": [], "layout": {"template": {}}}


def _browsers_under(root: int) -> list[int]:
    """Chromium main processes (not its helpers) descended from ``root``."""
    parents, commands = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            parents[int(entry.name)] = int(fields[1])
            commands[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue

    def descends(pid: int) -> bool:
        while pid > 1:
            if pid == root:
                return True
            pid = parents.get(pid, 1)
        return False

    return [p for p, cmd in commands.items()
            if Path(cmd.split(" ", 1)[0]).name in ("chromium", "chrome") and "--type=" not in cmd and descends(p)]


def _service(tmp_path: Path, **env: str) -> tuple[subprocess.Popen, str]:
    path = str(tmp_path / "export.sock")
    process = subprocess.Popen([sys.executable, "-m", "dashboard.render.service", path],
                               env={**os.environ, **env}, stderr=subprocess.DEVNULL)
    wait_until(lambda: os.path.exists(path) or process.poll() is not None, "the export service's socket")
    assert process.poll() is None, "the export service exited at start"
    return process, path


def _healthy(url: str) -> bool:
    try:
        return urllib.request.urlopen(url, timeout=2).status == 200
    except OSError:
        return False


def test_the_service_renders_for_a_worker_with_one_browser(needs_chromium, tmp_path: Path, monkeypatch) -> None:
    process, path = _service(tmp_path)
    try:
        monkeypatch.setenv(SOCKET_ENV, path)
        from dashboard.render.image import render

        png = render({"data": [{"type": "bar", "x": [1, 2], "y": [3, 4]}], "layout": {"template": {}}},
                     "png", 400, 300)
        assert png.startswith(b"\x89PNG")
        assert len(_browsers_under(process.pid)) == 1
        with pytest.raises(ExportFailed, match="bad export request"):  # a request it cannot read: a message
            with socket.socket(socket.AF_UNIX) as conn:
                conn.connect(path)
                conn.sendall((5).to_bytes(8, "big") + b"nope!")
                answer = conn.recv(1000)
            raise ExportFailed(answer[10:].decode())
    finally:
        process.terminate()
        process.wait(20)


def test_an_image_over_the_time_limit_is_stopped_with_a_message_and_the_service_goes_on(
        needs_chromium, tmp_path: Path) -> None:
    process, path = _service(tmp_path, **{TIMEOUT_ENV: "0.01"})
    try:
        for _ in range(2):  # after a restart of its browser the service answers again, with the same message
            started = time.monotonic()
            with pytest.raises(ExportFailed, match="took longer than"):
                request_image(path, EMPTY, {"format": "svg", "width": 100, "height": 100}, "", timeout=5)
            assert time.monotonic() - started < 20
        assert process.poll() is None
    finally:
        process.terminate()
        process.wait(20)


def test_no_service_says_so_instead_of_hanging(tmp_path: Path) -> None:
    with pytest.raises(ExportFailed, match="did not answer"):
        request_image(str(tmp_path / "nothing.sock"), EMPTY, {"format": "svg"}, "", timeout=1)


def test_three_gunicorn_workers_share_one_export_browser(needs_chromium, dataset, tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "BALTMET_BIND": f"127.0.0.1:{port}", "BALTMET_WORKERS": "3"}
    master = subprocess.Popen([str(GUNICORN), "app:server"], cwd=PROJECT_ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until(lambda: master.poll() is not None or _healthy(base + "/healthz"), "gunicorn's /healthz", 60)
        assert master.poll() is None, "gunicorn exited at start"
        requests = Requests(create_app(dataset).server.test_client())
        trigger = {"type": "export", "chart": "ranking", "fmt": "svg", "size": "slide", "scale": 1}
        body = requests.body("..download.data", {"view-state": default_state(dataset).to_dict(),
                                                 json.dumps(trigger, sort_keys=True): 1},
                             json.dumps(trigger, separators=(",", ":"), sort_keys=True) + ".n_clicks")
        for _ in range(4):  # round robin over the workers
            request = urllib.request.Request(base + "/_dash-update-component", data=json.dumps(body).encode(),
                                             headers={"Content-Type": "application/json"})
            answer = json.loads(urllib.request.urlopen(request, timeout=60).read())
            assert answer["response"]["download"]["data"]["filename"].endswith(".svg")
        assert len(_browsers_under(master.pid)) == 1  # not one per worker
    finally:
        master.terminate()
        master.wait(30)
