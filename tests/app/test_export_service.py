"""One export browser per server: gunicorn's workers share one export service, bounded in time."""

from __future__ import annotations

import json
import os
import signal
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
from dashboard.render.service import Supervisor
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


class _Log:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def info(self, message: str, *args) -> None:
        self.lines.append(message % args)

    warning = info


def test_a_service_that_cannot_start_is_retried_with_a_growing_pause_not_in_a_loop(tmp_path: Path) -> None:
    log = _Log()
    supervisor = Supervisor(str(tmp_path / "no such folder" / "export.sock"), log, check_every=0.2)
    supervisor.start()
    try:
        time.sleep(6)  # dies at once each time: restarted after 2 s, then after 4 s
        assert 1 <= supervisor.restarts <= 2, log.lines
        assert any("exited; restarting it in 2 s" in line for line in log.lines), log.lines
    finally:
        supervisor.stop()
    assert supervisor.process is not None and supervisor.process.poll() is not None


def test_the_service_says_why_it_cannot_listen(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "dashboard.render.service", str(tmp_path / "no" / "x.sock")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().endswith("No such file or directory") and "Traceback" not in result.stderr


def test_no_service_says_so_instead_of_hanging(tmp_path: Path) -> None:
    with pytest.raises(ExportFailed, match="did not answer"):
        request_image(str(tmp_path / "nothing.sock"), EMPTY, {"format": "svg"}, "", timeout=1, restart_wait=0.5)


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


def _children(pid: int) -> dict[int, str]:
    """The direct children of ``pid`` and their command lines."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
    return found


def _service_pid(master: int) -> int | None:
    pids = [p for p, cmd in _children(master).items() if "dashboard.render.service" in cmd]
    return pids[0] if len(pids) == 1 else None


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _health(base: str) -> dict:
    try:
        return json.loads(urllib.request.urlopen(base + "/healthz", timeout=5).read())
    except OSError:
        return {}


def _export(base: str, body: dict) -> str:
    """The file name of the exported chart, or the message the page would show."""
    request = urllib.request.Request(base + "/_dash-update-component", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    response = json.loads(urllib.request.urlopen(request, timeout=60).read())["response"]
    return response["download"]["data"]["filename"] if "download" in response else str(response)


def test_a_dead_or_stuck_export_service_is_reported_and_restarted(needs_chromium, dataset, tmp_path: Path) -> None:
    """Killed: the next export still gets its image (the master's supervisor restarted the service).
    Stuck (SIGSTOP): /healthz says "down" instead of "warm", then the service is replaced and it is "warm"."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "BALTMET_BIND": f"127.0.0.1:{port}", "BALTMET_WORKERS": "2"}
    log = (tmp_path / "gunicorn.log").open("wb")
    master = subprocess.Popen([str(GUNICORN), "app:server"], cwd=PROJECT_ROOT, env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    requests = Requests(create_app(dataset).server.test_client())
    trigger = {"type": "export", "chart": "ranking", "fmt": "svg", "size": "slide", "scale": 1}
    body = requests.body("..download.data", {"view-state": default_state(dataset).to_dict(),
                                             json.dumps(trigger, sort_keys=True): 1},
                         json.dumps(trigger, separators=(",", ":"), sort_keys=True) + ".n_clicks")
    try:
        wait_until(lambda: master.poll() is not None or _health(base).get("export_browser") == "warm",
                   "gunicorn's /healthz with a warm export browser", 90)
        assert master.poll() is None, "gunicorn exited at start"
        first = _service_pid(master.pid)
        assert first is not None and _export(base, body).endswith(".svg")
        old_browsers = _browsers_under(master.pid)

        os.kill(first, signal.SIGKILL)  # dies: the next export restarts nothing itself, the master did
        wait_until(lambda: not _alive(first), "the kill")
        assert _export(base, body).endswith(".svg"), "an export after the service died"
        second = wait_until(lambda: _service_pid(master.pid), "a new export service")
        assert second != first
        wait_until(lambda: not any(_alive(p) for p in old_browsers), "the dead service's Chromium to end", 20)
        old_browsers = _browsers_under(second)

        os.kill(second, signal.SIGSTOP)  # stuck: it holds its socket but answers nothing
        down = wait_until(lambda: _health(base).get("export_browser") == "down" and _health(base), "'down'", 15)
        assert down["status"] == "degraded"
        wait_until(lambda: _health(base).get("export_browser") == "warm", "the replaced service warm again", 60)
        assert _service_pid(master.pid) not in (first, second, None)
        assert _health(base)["status"] == "ok"
        assert _export(base, body).endswith(".svg")
        wait_until(lambda: not any(_alive(p) for p in old_browsers), "the stuck service's Chromium to end", 20)
        assert len(_browsers_under(master.pid)) == 1
    finally:
        master.terminate()
        master.wait(30)
        log.close()


def test_a_figure_over_the_request_limit_is_refused_at_once_and_says_why(tmp_path: Path) -> None:
    from dashboard.render.protocol import MAX_REQUEST_BYTES

    huge = {"data": [{"type": "bar", "x": ["x" * 1024] * (MAX_REQUEST_BYTES // 1024 + 1)}], "layout": {}}
    started = time.monotonic()
    with pytest.raises(ExportFailed, match="too large to export"):
        request_image(str(tmp_path / "nothing.sock"), huge, {"format": "svg"}, "", timeout=1)
    assert time.monotonic() - started < 5  # not resent for the 10 s a restart may take
