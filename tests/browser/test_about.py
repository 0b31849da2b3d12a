"""The About the figures tab in real Chromium: a card's territory name opens that territory's entry, with the
region's outlines drawn from the bundled shapes (no request leaves the server)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.waits import wait_for_charts

pytestmark = pytest.mark.browser


def test_a_cards_territory_opens_its_entry_and_the_outlines(app_url: str, watched_page) -> None:
    page = watched_page.page
    page.goto(app_url + "?focus=riga&edition=recent")
    wait_for_charts(page)
    # a change that redraws no card: the card's link must still keep it (its address follows the address bar)
    page.click("#scale-select label:has-text('Log')")
    expect(page).to_have_url(re.compile(r"scale=log"))
    link = page.locator("#kpi-population a.kpi-territory")
    expect(link).to_have_attribute("href", re.compile(r"scale=log"))
    # each chart's footnote links the focus's entry too, with the view as it is
    expect(page.locator("#card-map a.chart-about-link")).to_have_attribute(
        "href", re.compile(r"^\?(?=.*tab=about)(?=.*focus=riga)(?=.*scale=log)"))
    territory = link.get_attribute("href").split("#about-")[1]
    link.click()
    expect(page).to_have_url(re.compile(r"tab=about.*scale=log|scale=log.*tab=about"))
    entry = page.locator(f"#about-{territory}")
    expect(entry).to_be_in_viewport()
    expect(entry).to_contain_text("LV006")  # the NUTS 3 regions Riga's metro region sums
    expect(page.locator("#about-map path.js-line").first).to_be_attached()  # the outlines are drawn
    page.locator(".about-view nav a", has_text="Tallinn").click()
    expect(page.locator(".about-view h2")).to_contain_text("Tallinn")
    expect(page).to_have_url(re.compile(r"focus=tallinn"))
    assert watched_page.foreign_requests() == [] and watched_page.console_errors == []


def test_a_malformed_address_after_the_hash_is_ignored(app_url: str, watched_page) -> None:
    page = watched_page.page
    page.goto(app_url + "?tab=about#about-%E0%A4%A")  # not a valid percent-encoding
    expect(page.locator(".about-view h2")).to_contain_text("Helsinki")
    page.wait_for_timeout(500)  # the scroll is tried on the next frame
    assert watched_page.console_errors == []


def test_a_region_name_beside_a_bar_chart_opens_its_entry_keeping_the_view(app_url: str, watched_page) -> None:
    page = watched_page.page
    page.goto(app_url + "?focus=helsinki&lang=de")
    wait_for_charts(page)
    page.click("#scale-select label:has-text('Log')")  # redraws the trend and scatter, not the ranking
    expect(page).to_have_url(re.compile(r"scale=log"))
    name = page.locator("#chart-ranking svg a", has_text="Riga")
    href = name.get_attribute("href") or name.evaluate("a => a.getAttributeNS('http://www.w3.org/1999/xlink', 'href')")
    assert "scale=log" not in href  # written before the scale changed: the page keeps the view as it is now
    territory = href.split("#about-")[1]
    name.evaluate("a => a.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(800)  # the page scrolls smoothly
    box = name.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page).to_have_url(re.compile(r"^(?=.*tab=about)(?=.*focus=riga)(?=.*scale=log)(?=.*lang=de)"))
    entry = page.locator(f"#about-{territory}")
    expect(entry).to_be_in_viewport()
    expect(entry).to_contain_text("LV006")
    page.go_back()  # one step back is the charts again: following the link added one history entry, not two
    expect(page).to_have_url(re.compile(r"^(?!.*tab=about)(?=.*scale=log)"))
    expect(page.locator("#chart-ranking")).to_be_visible()
    # Enter on a name of the shares chart, after a change that redraws no bar chart: the script keeps the view
    page.goto(app_url + "?focus=helsinki")
    wait_for_charts(page)
    page.click("#scale-select label:has-text('Log')")
    expect(page).to_have_url(re.compile(r"scale=log"))
    name = page.locator("#chart-shares svg a", has_text="Tallinn")
    expect(name).to_have_attribute("tabindex", "-1")  # out of the Tab order (the footnote link and the tab reach it)
    name.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"^(?=.*tab=about)(?=.*focus=tallinn)(?=.*scale=log)"))
    expect(page.locator(".about-view h2")).to_contain_text("Tallinn")
    assert watched_page.foreign_requests() == [] and watched_page.console_errors == []
