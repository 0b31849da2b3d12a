"""Chart defects seen in use (issue 11, point 6), each checked in real Chromium: hover boxes inside the
chart with their source, focus back on Present after Esc, the filters folded away on a phone, a tap on a
bar or bubble setting the focus, and a peer selector that leaves the focus out."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1400, "height": 900}
MARKS = {"ranking": ".bars .point path", "map": ".scattergeo .point", "scatter": ".scatterlayer .point",
         "shares": ".bars .point path", "trend": ".scatterlayer .point"}
BARS = ("ranking", "shares")
HOVER_BOX = ".hoverlayer .hovertext, .hoverlayer .legend"  # a box per mark, or one box per row (shares)

# For each mark of a chart: its region (customdata[0]), where it is drawn, and its value label's box.
MARK_INFO = """([chart, selector]) => Array.from(document.querySelectorAll(`#chart-${chart} ${selector}`))
    .map((node, index) => {
        const point = node.closest('.point') || node, trace = point.closest('.trace');
        const row = trace && trace.__data__ && point.__data__ &&
                    (trace.__data__[0].trace.customdata || [])[point.__data__.i];
        const box = node.getBoundingClientRect(), label = point.querySelector('text');
        const text = label ? label.getBoundingClientRect() : null;
        return {index, region: row ? row[0] : null, x: box.x, y: box.y, width: box.width, height: box.height,
                label: text && text.width ? {x: text.x + text.width / 2, y: text.y + text.height / 2} : null};
    }).filter(mark => mark.region && mark.width > 0 && mark.height > 0)"""

# The hover box against the graph's box, and whether its text holds every hovered mark's sources in full.
HOVER_FIT = """([chart, selector]) => {
    const graph = document.getElementById(`chart-${chart}`), box = graph.querySelector(selector);
    const plot = graph.querySelector('.js-plotly-plot');
    if (!box || !plot._hoverdata) return null;
    const g = graph.getBoundingClientRect(), b = box.getBoundingClientRect();
    const squash = text => text.replace(/\\s+/g, '');
    const plain = html => new DOMParser().parseFromString(html, 'text/html').body.textContent;
    const shown = squash(box.textContent);
    return {overflow: Math.max(g.left - b.left, b.right - g.right, g.top - b.top, b.bottom - g.bottom),
            width: b.width, hasSourceLabel: box.textContent.includes('Source:'),
            sourcesShown: plot._hoverdata.every(p => shown.includes(squash(plain(p.customdata[6]))))};
}"""


# A chart that scrolls sideways in its card (the shares chart on a phone): the point brought to the middle of the
# card's view; how far the content moved, in px.
REVEAL = """([chart, x]) => { const box = document.querySelector(`#card-${chart} figure`);
    if (!box || box.scrollWidth <= box.clientWidth) return 0;
    const r = box.getBoundingClientRect(), before = box.scrollLeft;
    box.scrollLeft += x - (r.left + r.width / 2);
    return box.scrollLeft - before; }"""


def wait_for_charts(page) -> None:
    for name in MARKS:
        expect(page.locator(f"#chart-{name} .main-svg").first).to_be_visible()


def marks(page, chart: str) -> list[dict]:
    page.locator(f"#card-{chart}").scroll_into_view_if_needed()
    return page.evaluate(MARK_INFO, [chart, MARKS[chart]])


def end_of(mark: dict, chart: str) -> tuple[float, float]:
    """Where a pointer rests on a mark: the far end of a bar (its hover label's side), a bubble's centre."""
    x = mark["x"] + mark["width"] - 1 if chart in BARS else mark["x"] + mark["width"] / 2
    return x, mark["y"] + mark["height"] / 2


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1400x900", "390x844"])
def test_hover_boxes_stay_inside_the_chart_and_keep_the_source(app_url: str, browser, viewport: dict) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(app_url)
    wait_for_charts(page)
    for chart in MARKS:
        drawn = marks(page, chart)
        rightmost = max(drawn, key=lambda m: m["x"] + m["width"])
        leftmost = min(drawn, key=lambda m: m["x"] + (m["width"] if chart in BARS else m["width"] / 2))
        for mark in (rightmost, leftmost):
            x, y = end_of(mark, chart)
            page.mouse.move(x - page.evaluate(REVEAL, [chart, x]), y)
            expect(page.locator(f"#chart-{chart}").locator(HOVER_BOX).first).to_be_attached()
            fit = page.evaluate(HOVER_FIT, [chart, HOVER_BOX])
            assert fit is not None, (chart, mark["region"])
            assert fit["overflow"] <= 1, (chart, mark["region"], viewport, fit)  # was up to 553 px
            assert fit["hasSourceLabel"] and fit["sourcesShown"], (chart, mark["region"], fit)
            page.mouse.move(0, 0)
            expect(page.locator(f"#chart-{chart}").locator(HOVER_BOX)).to_have_count(0)
            page.evaluate("c => { const box = document.querySelector(`#card-${c} figure`); box.scrollLeft = 0; }",
                          chart)  # back where the marks were measured
    context.close()


def test_esc_in_presentation_mode_gives_focus_back_to_the_present_button(app_url: str, browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(app_url + "?peers=nordic")
    wait_for_charts(page)
    page.focus("#present-open")
    page.keyboard.press("Enter")
    expect(page.locator("#stage")).to_be_visible()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#stage-title")).to_have_text("Ranking: Population")
    page.keyboard.press("Escape")
    expect(page.locator("#stage")).to_be_hidden()
    expect(page.locator("#present-open")).to_be_focused()
    # Also when the presentation came from a link: Esc lands on Present, not at the top of the page.
    page.goto(app_url + "?present=1&slide=map")
    expect(page.locator("#stage-title")).to_have_text("Map: Population")
    expect(page.locator("#stage")).to_be_visible()  # the keys act once the page is presenting
    page.keyboard.press("Escape")
    expect(page.locator("#stage")).to_be_hidden()
    expect(page.locator("#present-open")).to_be_focused()
    context.close()


def test_on_a_phone_the_filters_fold_away_behind_a_button(app_url: str, browser) -> None:
    context = browser.new_context(viewport=PHONE, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(app_url)
    expect(page.locator("#kpi-population .kpi-value")).to_be_visible()
    assert page.locator("#kpi-row .kpi-card").first.bounding_box()["y"] < PHONE["height"]  # was 1281 px
    button = page.get_by_role("button", name="Filters", exact=True)
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#region-select")).to_be_hidden()
    expect(page.locator("#measure-select")).to_be_hidden()

    button.tap()  # open, pick a region: the view changes behind the panel
    panel = page.get_by_role("dialog", name="Filters")
    expect(panel).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#region-select")).to_be_visible()
    page.locator("#region-select").tap()
    page.locator(".dash-dropdown-option", has_text="Riga").tap()
    expect(page.locator("#region-heading h1")).to_contain_text("Riga")
    expect(page).to_have_url(re.compile(r"focus=riga"))
    page.keyboard.press("Escape")
    expect(page.locator("#region-select")).to_be_hidden()
    expect(button).to_be_focused()

    page.keyboard.press("Enter")  # the keyboard: open, Tab stays inside, Esc closes, back on the button
    expect(panel).to_be_visible()
    for _ in range(3):
        page.keyboard.press("Tab")
        assert page.evaluate("() => !!document.activeElement.closest('#filters-panel')")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")  # past the first control: round to the last, not out to the page
    assert page.evaluate("() => !!document.activeElement.closest('#filters-panel')")
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(button).to_be_focused()

    button.tap()  # a tap on the page beside the panel closes it too
    expect(panel).to_be_visible()
    page.touchscreen.tap(PHONE["width"] - 10, PHONE["height"] / 2)
    expect(page.locator("#region-select")).to_be_hidden()
    assert errors == []
    context.close()


def test_on_a_wide_screen_the_filters_stand_inline(app_url: str, browser) -> None:
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.goto(app_url)
    expect(page.locator("#region-select")).to_be_visible()
    expect(page.locator("#measure-select")).to_be_visible()
    expect(page.locator("#filters-open")).to_be_hidden()
    controls, title = page.locator("#filters-panel").bounding_box(), page.locator("#region-heading").bounding_box()
    assert controls["y"] < title["y"] and controls["height"] > 200  # above the heading, as before
    width = page.locator("#filters-panel .controls").bounding_box()["width"]
    assert width >= 0.95 * title["width"]  # the full width of the page, not shrunk into a flex item
    page.click("#region-select")
    page.click(".dash-dropdown-option:has-text('Oslo')")
    expect(page.locator("#region-heading h1")).to_contain_text("Oslo")
    context.close()


def tap_and_expect_focus(page, x: float, y: float, region: str) -> None:
    page.touchscreen.tap(x, y)
    expect(page).to_have_url(re.compile(rf"focus={region}\b"))


def test_a_tap_on_a_bar_or_bubble_sets_the_focus(app_url: str, browser) -> None:
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(app_url)
    wait_for_charts(page)
    focus = "helsinki"
    # The ranking: a tap on a short bar's value label (beside the bar, where a finger lands on a 12 px bar).
    short = min((m for m in marks(page, "ranking") if m["region"] != focus and m["label"]),
                key=lambda m: m["width"])
    assert short["label"]["x"] > short["x"] + short["width"]  # the label is outside the bar
    tap_and_expect_focus(page, short["label"]["x"], short["label"]["y"], short["region"])
    focus = short["region"]
    # The shares: a tap just past the end of a bar 2 px long, in its row.
    wait_for_charts(page)
    thin = min((m for m in marks(page, "shares") if m["region"] != focus), key=lambda m: m["width"])
    tap_and_expect_focus(page, thin["x"] + thin["width"] + 10, thin["y"] + thin["height"] / 2, thin["region"])
    focus = thin["region"]
    # The scatter: a tap on a bubble.
    wait_for_charts(page)
    bubble = next(m for m in marks(page, "scatter") if m["region"] != focus)
    tap_and_expect_focus(page, *end_of(bubble, "scatter"), bubble["region"])
    expect(page.locator("#region-heading h1")).not_to_contain_text("Helsinki")
    context.close()


def test_the_peer_selector_leaves_out_the_focus_it_counts_out(app_url: str, browser, dataset) -> None:
    from dashboard.presets import preset_members

    peers = len(preset_members(dataset, "all")) - 1  # the default peers: the BaltMet regions but the focus
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.goto(app_url)
    toggles = page.locator("#peers-select input")
    expect(toggles).to_have_count(len(dataset.region_ids) - 1)  # every region, the focus not among its peers
    expect(page.locator("#peers-select input[value=helsinki]")).to_have_count(0)
    expect(page.locator("#peers-select input:checked")).to_have_count(peers)
    expect(page.locator("#region-heading")).to_contain_text(
        f"compared with {peers} peer region{'s' if peers != 1 else ''}")
    page.click("#region-select")
    page.click(".dash-dropdown-option:has-text('Riga')")
    expect(page.locator("#peers-select input[value=riga]")).to_have_count(0)
    expect(page.locator("#peers-select input[value=helsinki]")).to_be_checked()
    page.click("#peers-select label:has-text('Berlin')")
    expect(page.locator("#region-heading")).to_contain_text(
        f"compared with {peers - 1} peer region{'s' if peers - 1 != 1 else ''}")
    expect(page.locator("#peers-select input:checked")).to_have_count(peers - 1)
    context.close()


def test_on_a_phone_the_shares_chart_keeps_a_cards_width_and_scrolls_sideways(app_url: str, browser) -> None:
    context = browser.new_context(viewport=PHONE, has_touch=True)
    page = context.new_page()
    page.goto(app_url + "?lang=ru")  # long names and labels
    wait_for_charts(page)
    page.locator("#card-shares").scroll_into_view_if_needed()
    fit = page.evaluate("""() => {
        const box = document.querySelector('#card-shares figure'), graph = document.getElementById('chart-shares');
        const g = graph.getBoundingClientRect();
        const names = Array.from(graph.querySelectorAll('.ytick text')).map(t => t.getBoundingClientRect().left);
        return {scrolls: box.scrollWidth > box.clientWidth, page: document.documentElement.scrollWidth,
                graph: g.width, cut: Math.min(...names) < g.left - 1, focusable: box.tabIndex === 0};
    }""")
    # the labels laid out for a laptop's card keep that room: the card scrolls, the page does not, no name is cut
    assert fit["scrolls"] and fit["page"] == PHONE["width"] and fit["graph"] >= 680 and not fit["cut"], fit
    assert fit["focusable"]  # a region that scrolls can be scrolled by keyboard
    context.close()
