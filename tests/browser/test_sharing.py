"""Sharing in real Chromium: 'Copy link' puts the view's address on the clipboard, 'Embed…' gives an iframe
snippet of one chart, and that snippet draws the chart on another site's page (the page itself refuses to be
framed); nothing leaves 127.0.0.1."""

from __future__ import annotations

import http.server
import threading
from functools import partial
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_copy_link_and_the_embed_snippet(app_url: str, browser) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900},
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(app_url + "?focus=riga")
    expect(page.locator("#view-provenance")).to_contain_text("figures shown come from official statistics")
    page.click("#copy-link")
    expect(page.locator("#copy-link-status")).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == app_url + "?focus=riga&lang=en"  # in its language
    page.click("#embed-open")
    page.select_option("#embed-chart", "map")
    expect(page.locator("#embed-snippet")).to_have_value(
        f'<iframe src="{app_url}embed/map?focus=riga&amp;lang=en" width="800" height="600" '
        'title="Baltic Metropoles: Map" loading="lazy" style="border:0"></iframe>')
    page.click("#embed-copy")
    expect(page.locator("#embed-copy-status")).to_have_text("Snippet copied")
    assert page.evaluate("navigator.clipboard.readText()").startswith("<iframe ")
    assert errors == []
    context.close()


def test_the_snippet_draws_on_another_site(app_url: str, browser, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        f'<!DOCTYPE html><html><body><iframe id="chart" src="{app_url}embed/ranking?focus=riga" width="800" '
        f'height="600" title="chart"></iframe><iframe id="page" src="{app_url}" width="300" height="200" '
        'title="page"></iframe></body></html>', encoding="utf-8")
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html")
        chart = page.frame_locator("#chart")
        expect(chart.locator("h1")).to_contain_text("Ranking")
        expect(chart.locator(".main-svg").first).to_be_visible()
        expect(chart.locator("text=Riga").first).to_be_visible()
        page.wait_for_timeout(500)
        framed = [f for f in page.frames if f.url.startswith(app_url) and "/embed/" not in f.url]
        assert not any(f.locator("#main-view").count() for f in framed)  # the page refused to be framed
        assert all(url.startswith(("http://127.0.0.1:", "data:", "blob:", "chrome-error:")) for url in requests)
    finally:
        page.close()
        server.shutdown()
