"""The first page in real Chromium: change the region, the KPI cards follow; nothing leaves 127.0.0.1."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from dashboard.formatting import format_value

pytestmark = pytest.mark.browser


def choose_region(page, label: str) -> None:
    page.click("#region-select")
    page.click(f".dash-dropdown-option:has-text('{label}')")


def test_region_change_updates_kpi_cards(app_url: str, watched_page, dataset) -> None:
    page = watched_page.page
    page.goto(app_url + "?edition=baltmet")
    population = page.locator("#kpi-population .kpi-value")
    # The BaltMet edition compares populations on core cities; the card adds the profile's own (wider)
    # figure beside it, for context. The figures come from the data (tests/data holds the curated ones).
    city = dataset.figure("helsinki", "population", "baltmet", basis="city")
    profile = dataset.figure("helsinki", "population", "baltmet")
    assert city.territory_kind == "city" != profile.territory_kind
    expect(population).to_have_text(format_value(city.value, 0))
    expect(page.locator("#kpi-population .kpi-context")).to_contain_text(format_value(profile.value, 0))
    # one basis for the whole row: the profile's science parks are not the city's
    parks = page.locator("#kpi-science_parks")
    expect(parks.locator(".kpi-value")).to_have_text("No comparable figure")
    expect(parks).to_contain_text(f"has {dataset.figure('helsinki', 'science_parks', 'baltmet').territory}")

    choose_region(page, "Stockholm")
    expect(page.locator("#region-heading h1")).to_contain_text("Stockholm")
    expect(population).not_to_have_text(format_value(city.value, 0))
    expect(page.locator("#kpi-population")).to_contain_text("Stockholm")

    page.click("label:has-text('Recent statistics')")
    page.click("#basis-select label:text-is('Eurostat metropolitan regions')")
    stockholm = dataset.figure("stockholm", "population", "recent", basis="eurostat_metro")
    expect(population).to_have_text(format_value(stockholm.value, 0))
    expect(page.locator("#kpi-population")).to_contain_text(stockholm.territory)
    expect(page).to_have_url(re.compile(r"basis=eurostat_metro"))

    # The page's styling really comes from the local Bootstrap (a navbar with its background colour).
    colour = page.eval_on_selector(".navbar", "el => getComputedStyle(el).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    assert watched_page.foreign_requests() == []
    assert watched_page.console_errors == []


def test_missing_figures_show_a_reason(app_url: str, watched_page) -> None:
    page = watched_page.page
    page.goto(app_url)
    choose_region(page, "St. Petersburg")
    page.click("label:has-text('Recent statistics')")
    gdp = page.locator("#kpi-gdp")
    expect(gdp.locator(".kpi-value")).to_have_text("No data")
    expect(gdp).to_contain_text("roubles")
    assert watched_page.foreign_requests() == []
