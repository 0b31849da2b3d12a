"""A download or an upload whose request fails (the worker died: the connection drops, or the proxy answers
502; a body over the proxy's limit: 413) ends its "Preparing the file…" / "Reading your file…" with a
message, in real Chromium. Dash alone leaves the spinner up forever after a dropped connection, and
says nothing on the page after an HTTP error (assets/request_errors.js)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from dashboard.paths import PROJECT_ROOT
from tests.app.test_export_service import GUNICORN, _children, _health, _service_pid
from tests.app.test_proxy import NGINX, _free_port, nginx_config
from tests.helpers import wait_until

CSV = (b"region_id,indicator_id,year,value,territory\n"
       b"helsinki,universities,2024,9,Helsinki Region\n")


@pytest.fixture
def page(browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _fail(page: Page, output: str, how: str) -> list[str]:
    """Make the callback requests for ``output`` fail as ``how`` ("drop" or an HTTP status); the others pass.
    Returns the list the failed requests are noted in."""
    failed: list[str] = []

    def handle(route: Route) -> None:
        if output not in (route.request.post_data or ""):
            route.continue_()
            return
        failed.append(how)
        if how == "drop":
            route.abort("connectionreset")
        else:
            route.fulfill(status=int(how), body="<html>error</html>", content_type="text/html")

    page.route("**/_dash-update-component*", handle)
    return failed


@pytest.mark.parametrize(("how", "said"), [("drop", "did not answer"), ("502", "HTTP 502")])
def test_a_download_whose_request_fails_ends_with_a_message(app_url: str, page: Page, how: str,
                                                              said: str) -> None:
    page.goto(app_url + "?edition=recent")
    expect(page.locator("#chart-ranking .main-svg").first).to_be_visible()
    failed = _fail(page, "download.data", how)
    page.click("#ranking-export-menu .dropdown-toggle")
    page.locator("#ranking-export-menu .dropdown-item", has_text="SVG").first.click()
    expect(page.locator("#export-error")).to_contain_text(said)
    expect(page.locator("#export-error")).to_contain_text("try again")
    expect(page.locator("#export-status")).to_be_hidden()  # no "Preparing the file…" left behind
    assert failed == [how]
    page.unroute("**/_dash-update-component*")  # the server is back: the next download works
    with page.expect_download(timeout=60_000):
        page.click("#ranking-export-menu .dropdown-toggle")
        page.locator("#ranking-export-menu .dropdown-item", has_text="SVG").first.click()


@pytest.mark.parametrize(("how", "said"), [("drop", "did not answer"), ("413", "too large")])
def test_an_upload_whose_request_fails_ends_with_a_message(app_url: str, page: Page, how: str,
                                                            said: str) -> None:
    page.goto(app_url + "?edition=recent")
    expect(page.locator("#chart-ranking .main-svg").first).to_be_visible()
    failed = _fail(page, "user-data.data", how)
    page.set_input_files("#upload input[type=file]",
                         files=[{"name": "mine.csv", "mimeType": "text/csv", "buffer": CSV}])
    expect(page.locator("#upload-refused")).to_contain_text(said)
    expect(page.locator("#upload-busy")).to_be_hidden()  # no "Reading your file…" left behind
    assert failed == [how]


def test_a_worker_killed_mid_export_behind_nginx_ends_with_a_message(browser, needs_chromium, tmp_path) -> None:
    """The real fault: gunicorn behind deploy/nginx.conf, the export service stopped so that the export
    waits, and then the worker serving it killed. nginx answers 502; the page says so and works on."""
    if not Path(NGINX).exists():
        pytest.skip("nginx missing (Debian package 'nginx'); scripts/test.sh installs it")
    gunicorn_port, nginx_port = _free_port(), _free_port()
    prefix = Path(tempfile.mkdtemp(prefix="baltmet-nginx-"))
    prefix.chmod(0o755)  # run as root, nginx's workers are 'nobody'
    for folder in ("logs", "tmp"):
        (prefix / folder).mkdir()
    (prefix / "nginx.conf").write_text(nginx_config(gunicorn_port, nginx_port), encoding="utf-8")
    log = (tmp_path / "server.log").open("wb")
    env = {**os.environ, "BALTMET_BIND": f"127.0.0.1:{gunicorn_port}", "BALTMET_WORKERS": "2"}
    master = subprocess.Popen([str(GUNICORN), "app:server"], cwd=PROJECT_ROOT, env=env, stdout=log, stderr=log)
    nginx = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
                             stdout=log, stderr=log)
    url = f"http://127.0.0.1:{nginx_port}/"
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    service = None
    try:
        wait_until(lambda: master.poll() is not None or _health(url[:-1]).get("export_browser") == "warm",
                   "gunicorn's export service warm, through nginx", 90, 0.2)
        page = context.new_page()
        page.goto(url + "?edition=recent")
        expect(page.locator("#chart-ranking .main-svg").first).to_be_visible()
        service = _service_pid(master.pid)
        assert service is not None
        os.kill(service, signal.SIGSTOP)  # the export now waits for an answer that does not come
        page.click("#ranking-export-menu .dropdown-toggle")
        page.locator("#ranking-export-menu .dropdown-item", has_text="SVG").first.click()
        expect(page.locator("#export-status")).to_contain_text("Preparing the file")
        for worker in [p for p in _children(master.pid) if p != service]:
            os.kill(worker, signal.SIGKILL)  # one of them is serving the export
        expect(page.locator("#export-error")).to_contain_text("HTTP 502")
        expect(page.locator("#export-status")).to_be_hidden()
        os.kill(service, signal.SIGCONT)
        service = None
        with page.expect_download(timeout=60_000):  # gunicorn started new workers: the page works on
            page.click("#ranking-export-menu .dropdown-toggle")
            page.locator("#ranking-export-menu .dropdown-item", has_text="SVG").first.click()
    finally:
        if service is not None:
            os.kill(service, signal.SIGCONT)
        context.close()
        nginx.terminate()
        master.terminate()
        nginx.wait(10)
        master.wait(30)
        log.close()
        shutil.rmtree(prefix, ignore_errors=True)
