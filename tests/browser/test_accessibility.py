"""Accessibility in real Chromium: axe-core on the main views and presentation mode in both themes,
a keyboard-only walk, and a text alternative for every chart."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard.formatting import format_value, format_year
from dashboard.views import CHARTS
from tests.browser.waits import wait_until_settled

pytestmark = pytest.mark.browser
AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
KNOWN: set[tuple[str, str]] = set()  # (rule, target) pairs accepted for now: none
VIEWS = ["", "?theme=contrast", "?tab=table", "?tab=table&theme=contrast", "?edition=recent&peers=nordic",
         "?present=1", "?present=1&slide=map&theme=contrast", "?present=1&slide=trend",
         "?measure=change_pct&since=2021", "?scale=log&theme=contrast", "?year=2015",
         "?tab=about", "?tab=about&focus=riga&theme=contrast&lang=lv"]


@pytest.fixture(scope="module")
def axe_page(browser):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1400, "height": 900})  # to inject axe
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("query", VIEWS)
def test_no_serious_or_critical_axe_violations(app_url: str, axe_page, query: str) -> None:
    axe_page.goto(app_url + query)
    expect(axe_page.locator(".kpi-card").first).to_be_attached(timeout=15_000)
    wait_until_settled(axe_page)  # axe reads the page as it ends up, not half drawn
    axe_page.add_script_tag(content=AXE)
    violations = axe_page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
        .violations.filter(v => ['serious', 'critical'].includes(v.impact))
        .flatMap(v => v.nodes.map(n => [v.id, n.target.join(' '), n.failureSummary]))""")
    unexpected = [v for v in violations if (v[0], v[1]) not in KNOWN]
    assert unexpected == [], unexpected


@pytest.mark.parametrize("chart", ["ranking", "map", "trend"])
def test_an_embedded_chart_has_no_serious_or_critical_axe_violations(app_url: str, axe_page, chart: str) -> None:
    axe_page.goto(f"{app_url}embed/{chart}?focus=riga")
    expect(axe_page.locator(".js-plotly-plot .main-svg").first).to_be_attached(timeout=15_000)
    axe_page.add_script_tag(content=AXE)
    violations = axe_page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
        .violations.filter(v => ['serious', 'critical'].includes(v.impact))
        .flatMap(v => v.nodes.map(n => [v.id, n.target.join(' '), n.failureSummary]))""")
    assert violations == [], violations


def test_keyboard_alone_reaches_the_controls_the_export_menu_and_the_table(app_url: str, watched_page) -> None:
    page = watched_page.page
    page.goto(app_url)
    expect(page.locator("#chart-ranking .trace").first).to_be_attached(timeout=20_000)
    wait_until_settled(page)  # every control and menu in place before the walk
    reached: list[str] = []
    wanted = ("Focus region: Helsinki (Finland)", "measure-select", "card-ranking: Download", "tab: Table",
              "year-play", "year-slider", "tab: About the figures")
    for _ in range(250):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("""() => { const e = document.activeElement;
            const card = e.closest('.chart-card'), text = e.textContent.trim().slice(0, 40);
            return [e.getAttribute('aria-label') || '', e.id || '', e.name || '', text,
                    card ? `${card.id}: ${text}` : '', e.getAttribute('role') === 'tab' ? `tab: ${text}` : '',
                    e.closest('[id]') ? e.closest('[id]').id : ''].join(' | '); }"""))
        if all(w in "\n".join(reached) for w in wanted):
            break
    text = "\n".join(reached)
    assert "Focus region: Helsinki (Finland)" in text  # the searchable region selector
    assert "measure-select" in text  # the measure switch's radio buttons
    assert "card-ranking: Download" in text  # a chart's export menu
    assert "tab: Table" in text  # the table tab
    assert "year-play" in text and "year-slider" in text  # the timeline's Play button and the slider's handle
    assert "tab: About the figures" in text
    # Open the table with the keyboard alone: Shift+Tab back to the 'Table' tab, then Enter.
    index = next(i for i, r in enumerate(reached) if "tab: Table" in r)
    for _ in range(len(reached) - 1 - index):
        page.keyboard.press("Shift+Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Table"
    page.keyboard.press("Enter")
    expect(page.locator("#figures-table .ag-row").first).to_be_visible()
    page.locator("#figures-table .ag-header-cell").first.focus()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => !!document.activeElement.closest('#figures-table')")


def test_every_chart_has_a_text_alternative(app_url: str, watched_page, dataset) -> None:
    page = watched_page.page
    page.goto(app_url + "?edition=baltmet")  # the BaltMet profiles: their core-city ranking
    for view in CHARTS:
        figure = page.locator(f"#card-{view.name} figure")
        expect(figure).to_have_attribute("aria-describedby", f"{view.name}-summary")
    summary = page.locator("#ranking-summary")
    expect(summary).to_contain_text("Ranking: Population")
    expect(summary).to_contain_text("Compared on: core cities")
    city = dataset.figure("helsinki", "population", "baltmet", basis="city")  # its figure as the data has it
    expect(summary).to_contain_text(f"Helsinki {format_value(city.value, 0)} persons "
                                    f"({format_year(city.year, city.year_approx)})")
