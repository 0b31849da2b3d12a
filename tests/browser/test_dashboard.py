"""The comparison dashboard in real Chromium: presets, linked clicks, the measure switch and the URL."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from dashboard.formatting import format_value
from tests.browser.waits import wait_for_charts, wait_until_settled

pytestmark = pytest.mark.browser


def axis_titles(page) -> dict[str, str]:
    return page.evaluate("""() => Object.fromEntries(['ranking', 'scatter', 'trend'].map(n => [n,
        Array.from(document.querySelectorAll(`#chart-${n} .xtitle, #chart-${n} .ytitle`))
             .map(t => t.textContent).join(' | ')]))""")


def click_mark(page, locator) -> None:
    """Click where a mark is drawn, as a mouse would: plotly's drag layer on top receives the click."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.click(x, y)


def test_preset_sets_the_peers(app_url: str, watched_page) -> None:
    page = watched_page.page
    page.goto(app_url)
    wait_for_charts(page)
    page.click("#preset-buttons button:has-text('Nordic capitals')")
    expect(page).to_have_url(re.compile(r"peers=nordic"))
    expect(page.locator("#chart-ranking .bars .point")).to_have_count(4)
    expect(page.locator("#region-heading")).to_contain_text("compared with 3 peer regions")
    assert watched_page.foreign_requests() == [] and watched_page.console_errors == []


def metro_population(dataset, region: str) -> str:
    """The card's text for the region's latest Eurostat-metro population, whatever the bundled figure is."""
    return format_value(dataset.figure(region, "population", "recent", basis="eurostat_metro").value, 0)


def test_clicking_a_bar_makes_that_region_the_focus(app_url: str, watched_page, dataset) -> None:
    page = watched_page.page
    page.goto(app_url + "?peers=nordic&edition=recent&basis=eurostat_metro")
    wait_for_charts(page)
    expect(page.locator("#kpi-population .kpi-value")).to_have_text(metro_population(dataset, "helsinki"))
    # On Eurostat metro regions all four Nordic capitals have a figure (Oslo's NO001MC is the municipality,
    # and says so): four bars, sorted ascending from the bottom; Stockholm County (2.4 m) is the longest.
    bars = page.locator("#chart-ranking .bars .point path")
    expect(bars).to_have_count(4)
    click_mark(page, bars.nth(3))
    expect(page.locator("#region-heading h1")).to_contain_text("Stockholm")
    expect(page.locator("#kpi-population .kpi-value")).to_have_text(metro_population(dataset, "stockholm"))
    expect(page).to_have_url(re.compile(r"focus=stockholm"))
    expect(page.locator("#chart-ranking .ytick text", has_text="Stockholm")).to_have_attribute(
        "data-unformatted", re.compile(r"<b>(<a [^>]*>)?Stockholm(</a>)?</b>"))  # the focus label is bold (and a link)
    assert watched_page.foreign_requests() == [] and watched_page.console_errors == []


def test_measure_switch_changes_every_axis_title(app_url: str, watched_page) -> None:
    page = watched_page.page
    page.goto(app_url + "?edition=recent&indicator=gdp")
    wait_for_charts(page)
    before = axis_titles(page)
    assert "EUR million" in before["ranking"] and "EUR million" in before["trend"]
    page.click("#measure-select label:has-text('Index')")
    # a long axis title takes two lines (figures.spec.wrapped): plotly draws each as its own tspan
    index_title = re.compile(r"index, peers'\s*average = 100")
    expect(page.locator("#chart-ranking .xtitle")).to_contain_text(index_title)
    expect(page.locator("#chart-trend .ytitle")).to_contain_text(index_title)
    expect(page.locator("#chart-scatter .ytitle")).to_contain_text(index_title)
    expect(page.locator("#map-meta")).to_contain_text("index, peers' average = 100")
    after = axis_titles(page)
    assert all(after[name] != before[name] for name in after)
    page.goto(app_url + "?edition=recent")  # a measure that does not apply to population is disabled
    expect(page.locator("#measure-select input[value='per_capita']")).to_be_disabled()
    assert watched_page.foreign_requests() == [] and watched_page.console_errors == []


def test_a_copied_url_restores_the_view_in_a_fresh_page(app_url: str, watched_page, browser) -> None:
    page = watched_page.page
    page.goto(app_url)
    wait_for_charts(page)
    page.click("#preset-buttons button:has-text(\"Baltic states' capitals\")")
    expect(page).to_have_url(re.compile(r"peers=baltic"))  # each step lands before the next
    page.click("#measure-select label:has-text('Share of national total')")
    expect(page).to_have_url(re.compile(r"measure=share"))
    page.click("#region-select")
    page.click(".dash-dropdown-option:has-text('Vilnius')")
    expect(page).to_have_url(re.compile(r"focus=vilnius"))
    copied = page.url
    assert "measure=share" in copied and "peers=baltic" in copied and "edition=" not in copied  # recent: default

    fresh_context = browser.new_context(viewport={"width": 1400, "height": 900})
    fresh = fresh_context.new_page()
    fresh.goto(copied)
    expect(fresh.locator("#region-heading h1")).to_contain_text("Vilnius")
    expect(fresh.locator("#measure-select label.active")).to_have_text("Share of national total")
    expect(fresh.locator("#edition-select label.active")).to_have_text("Recent statistics")
    # The three capitals: each drawn as a share, or listed as missing with its reason (never a zero bar).
    expect(fresh.locator("#ranking-meta")).to_contain_text("% of national total")
    expect(fresh.locator("#ranking-meta")).to_contain_text("Compared on:")
    bars = fresh.locator("#chart-ranking .bars .point").count()
    if bars < 3:
        missing = 3 - bars
        expect(fresh.locator("#ranking-footer")).to_contain_text(
            f"No data for {missing} region{'s' if missing != 1 else ''}")
    fresh_context.close()

    page.go_back()  # back steps through views: Vilnius -> the previous focus
    expect(page.locator("#region-heading h1")).to_contain_text("Helsinki")
    page.go_forward()
    expect(page.locator("#region-heading h1")).to_contain_text("Vilnius")
    assert watched_page.foreign_requests() == [] and watched_page.console_errors == []


def test_bad_url_values_get_a_dismissible_notice(app_url: str, watched_page) -> None:
    page = watched_page.page
    page.goto(app_url + "?focus=atlantis&measure=per_furlong&peers=oslo,narnia&x=<b>x</b>")
    notice = page.locator("#url-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("focus=atlantis (unknown region)")
    expect(notice).to_contain_text("measure=per_furlong")
    expect(notice).to_contain_text("peers: narnia")
    expect(notice).to_contain_text("x=<b>x</b>")  # shown as text, never as markup
    expect(page.locator("#region-heading h1")).to_contain_text("Helsinki")
    notice.locator(".btn-close").click()
    expect(notice).to_be_hidden()
    assert watched_page.console_errors == []


def test_markup_in_a_link_never_runs(app_url: str, watched_page) -> None:
    page = watched_page.page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(app_url + "?focus=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&measure=%3Cscript%3Ealert(2)%3C/script%3E")
    expect(page.locator("#url-notice")).to_contain_text("<img src=x onerror=alert(1)>")
    expect(page.locator("#url-notice img")).to_have_count(0)
    wait_until_settled(page)  # every answer shown, every image the page asked for loaded or failed
    assert dialogs == []


def test_the_table_library_loads_with_the_table_tab_and_follows_the_view(app_url: str, watched_page) -> None:
    page = watched_page.page
    page.goto(app_url + "?peers=nordic")
    wait_for_charts(page)
    assert not [u for u in watched_page.requests if "dash_ag_grid" in u]  # not part of the first page
    assert not [u for u in watched_page.requests if "package_data/plotly" in u]  # the partial bundle drew them
    page.get_by_role("tab", name="Table").click()
    expect(page).to_have_url(re.compile(r"tab=table"))
    rows = page.locator("#figures-table .ag-center-cols-container .ag-row")
    expect(rows.first).to_be_visible()
    assert [u for u in watched_page.requests if "dash_ag_grid.min.js" in u]
    expect(page.locator("#figures-table")).to_contain_text("Oslo")
    expect(page.locator("#figures-table")).not_to_contain_text("Riga")
    page.click("#preset-buttons button:has-text('Baltic states')")  # the grid's rows follow the view
    expect(page.locator("#figures-table")).to_contain_text("Riga")
    expect(page.locator("#figures-table")).not_to_contain_text("Oslo")
    assert watched_page.foreign_requests() == [] and watched_page.console_errors == []
