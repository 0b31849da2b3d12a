"""The timeline in real Chromium: Play steps the view through the years, each step in the address and said in
words, and stops at the last year; the slider's handle moves a year with the arrow keys."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.waits import wait_for_charts

pytestmark = pytest.mark.browser


def test_play_steps_through_the_years_and_stops_at_the_last(app_url: str, watched_page, dataset) -> None:
    page = watched_page.page
    years = dataset.years("population", "recent")
    start = years[-3]
    page.goto(app_url + f"?edition=recent&peers=nordic&year={start}")
    wait_for_charts(page)
    expect(page.locator("#year-status")).to_contain_text(f"{start}: figures of Population for")
    page.click("#year-play")
    expect(page.locator("#year-play")).to_have_text("Pause")
    for year in years[-2:]:  # each year in turn, in the address, the sentence and the ranking's subtitle
        expect(page).to_have_url(re.compile(rf"year={year}\b"))
        expect(page.locator("#year-status")).to_contain_text(f"{year}: figures of Population for")
    expect(page.locator("#year-play")).to_have_text("Play")  # the last year stops it
    expect(page.locator("#year-mode input[value=same]")).to_be_checked()
    expect(page.locator("#year-status")).to_have_attribute("aria-live", "polite")
    # playing again from the last year starts at the first; choosing each region's latest stops it
    page.click("#year-play")
    expect(page.locator("#year-status")).to_have_attribute("aria-live", "off")  # not read out at every step
    page.click("#year-mode label:has-text('Latest (each region)')")
    expect(page.locator("#year-play")).to_have_text("Play")
    expect(page).not_to_have_url(re.compile(r"year="))
    assert watched_page.foreign_requests() == [] and watched_page.console_errors == []


def test_the_arrow_keys_move_the_year_and_latest_goes_back(app_url: str, watched_page, dataset) -> None:
    page = watched_page.page
    years = dataset.years("population", "recent")
    page.goto(app_url + f"?edition=recent&year={years[-2]}")
    wait_for_charts(page)
    page.locator("#year-slider [role=slider]").focus()
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(rf"year={years[-1]}\b"))
    page.click("#year-mode label:has-text('Latest (each region)')")
    expect(page).not_to_have_url(re.compile(r"year="))
    expect(page.locator("#year-status")).to_contain_text("Each region's latest figure")
    expect(page.locator("#year-status")).to_contain_text("The same year for all")
    assert watched_page.console_errors == []
