"""Waits on what the page shows, never for a fixed time: a fixed pause is too short on a busy machine and
wasted on an idle one."""

from __future__ import annotations

from playwright.sync_api import expect

from dashboard.views import CHARTS

# Every graph on screen has been drawn by plotly (its chunk loaded, its SVG there).
DRAWN_JS = """() => Array.from(document.querySelectorAll('.dash-graph')).filter(graph => graph.offsetParent !== null)
    .every(graph => !graph.classList.contains('dash-graph--pending') && graph.querySelector('.main-svg'))"""


def wait_for_charts(page) -> None:
    """Every chart of the registry is drawn on the Charts tab."""
    for view in CHARTS:
        expect(page.locator(f"#chart-{view.name} .main-svg").first).to_be_visible()


def wait_until_settled(page) -> None:
    """After a page load: the page has stopped asking the server (no request for 500 ms: every callback
    answered, every script and map shape loaded) and every graph it shows is drawn."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function(DRAWN_JS)
