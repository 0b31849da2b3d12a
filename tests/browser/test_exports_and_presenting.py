"""Downloads from the page and presentation mode, in real Chromium."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile

import pandas as pd
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_chart_download_shows_progress_and_gives_the_file(app_url: str, watched_page) -> None:
    page = watched_page.page
    page.goto(app_url + "?edition=recent&indicator=gdp")
    expect(page.locator("#chart-ranking .main-svg").first).to_be_visible()
    page.click("#ranking-export-menu .dropdown-toggle")
    with page.expect_download(timeout=60_000) as download_info:
        page.locator("#ranking-export-menu .dropdown-item", has_text="SVG").first.click()
        expect(page.locator("#export-status")).to_contain_text("Preparing the file")  # the cold start takes s
    download = download_info.value
    assert download.suggested_filename.startswith("helsinki-vs-peers_ranking_gdp_")  # chart, indicator, years
    assert download.suggested_filename.endswith(".svg")
    text = " ".join(ET.parse(download.path()).getroot().itertext())
    assert "Ranking: Gross domestic product" in text and "Sources:" in text
    expect(page.locator("#export-status")).to_be_hidden()
    assert watched_page.foreign_requests() == [] and watched_page.console_errors == []


def test_view_download_as_csv(app_url: str, watched_page) -> None:
    page = watched_page.page
    page.goto(app_url + "?peers=nordic")
    page.click("#view-download-menu .dropdown-toggle")
    with page.expect_download(timeout=60_000) as download_info:
        page.click("text=Figures of this view (CSV + README, zip)")
    download = download_info.value
    stem = "helsinki-vs-peers_recent_population_figures"
    assert download.suggested_filename == f"{stem}.zip"
    with zipfile.ZipFile(download.path()) as archive:
        assert sorted(archive.namelist()) == sorted(f"{stem}/{n}" for n in ("README.txt", "datapackage.json",
                                                                             "figures.csv"))
        frame = pd.read_csv(io.BytesIO(archive.read(f"{stem}/figures.csv")))  # pandas' defaults read it as is
        assert frame.columns[0] == "region" and "Warsaw" not in set(frame.region)
        assert "Baltic Metropoles dashboard" in archive.read(f"{stem}/README.txt").decode()


def test_presentation_mode_hides_controls_and_follows_the_keys(app_url: str, browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(app_url + "?peers=nordic&edition=recent")
    page.click("#present-open")
    expect(page).to_have_url(re.compile(r"present=1"))
    expect(page.locator("#stage")).to_be_visible()
    expect(page.locator("#region-select")).to_be_hidden()
    expect(page.locator(".navbar")).to_be_hidden()
    expect(page.locator("#stage-title")).to_have_text("Helsinki: key figures")
    font = page.eval_on_selector("#stage-kpis .kpi-value", "el => parseFloat(getComputedStyle(el).fontSize)")
    assert font >= 28  # readable from the back of a room

    page.keyboard.press("ArrowRight")
    expect(page.locator("#stage-title")).to_have_text("Ranking: Population")
    expect(page.locator("#stage-graph .bars .point")).to_have_count(4)
    page.keyboard.press("ArrowDown")  # next region: Helsinki -> Oslo (the Nordic capitals in order)
    expect(page).to_have_url(re.compile(r"focus=oslo"))
    expect(page.locator("#stage-graph .ytick text", has_text="Oslo")).to_have_attribute(
        "data-unformatted", re.compile("<b>Oslo( · [^<]+)?</b>"))  # its year, where not most regions'
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#stage-title")).to_have_text("Oslo: key figures")

    page.keyboard.press("Escape")
    expect(page.locator("#stage")).to_be_hidden()
    expect(page.locator("#region-select")).to_be_visible()
    expect(page.locator("#region-heading h1")).to_contain_text("Oslo")
    assert errors == []
    context.close()


def test_a_presentation_link_opens_straight_into_it(app_url: str, watched_page) -> None:
    page = watched_page.page
    page.goto(app_url + "?present=1&slide=map&theme=contrast")
    expect(page.locator("#stage-title")).to_have_text("Map: Population")
    expect(page.locator("#stage-graph .geo .countries path").first).to_be_attached()
    background = page.eval_on_selector("body", "el => getComputedStyle(el).backgroundColor")
    assert background == "rgb(0, 0, 0)"
    assert watched_page.foreign_requests() == [] and watched_page.console_errors == []
