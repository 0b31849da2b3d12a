"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright, against the real app server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard.paths import PROJECT_ROOT

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Drawing five charts takes ~5 s on a busy 2-core machine: assertions wait up to 15 s (never a timing test).
expect.set_options(timeout=15_000)

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> Iterator[str]:
    """``python app.py`` on a free loopback port, as a user would start it.

    Its output goes to a file: an unread pipe fills up with the request log and stalls the server."""
    port = _free_port()
    log_path = tmp_path_factory.mktemp("server") / "app.log"
    log = log_path.open("wb")
    process = subprocess.Popen([sys.executable, str(PROJECT_ROOT / "app.py"), "--port", str(port)],
                               cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"app did not start: {log_path.read_text(errors='replace')}")
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip(f"Chromium not found at {CHROMIUM}; install Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


class PageWatch:
    """Every request the page made and every console error it logged."""

    def __init__(self, page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        self.console_warnings: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("console", lambda msg: msg.type in ("warning", "trace") and self.console_warnings.append(msg.text))
        page.on("pageerror", lambda err: self.console_errors.append(str(err)))

    def foreign_requests(self) -> list[str]:
        local = ("http://127.0.0.1:", "data:", "blob:")
        return [url for url in self.requests if not url.startswith(local)]


@pytest.fixture
def watched_page(browser) -> Iterator[PageWatch]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield PageWatch(page)
    context.close()
