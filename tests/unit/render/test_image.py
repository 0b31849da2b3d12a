"""The image renderer: real kaleido in headless Chromium, one warm browser per process."""

from __future__ import annotations

from dashboard.render import image
from dashboard.render.browser import RELOAD_EVERY


def test_warm_up_starts_the_export_browser_with_the_partial_plotly_bundle(needs_chromium) -> None:
    image.warm_up()
    assert image.is_warm() and image.PLOTLY_JS_FILE.name.startswith("plotly-baltmet-")
    svg = image.render({"data": [{"type": "bar", "x": [1], "y": ["Riga"]}], "layout": {}}, "svg", 200, 150)
    assert b">Riga<" in svg


def test_the_export_browser_keeps_its_page_and_still_reloads_it_now_and_then(needs_chromium) -> None:
    image.warm_up()
    before = image._browser._kaleido.served
    for i in range(RELOAD_EVERY + 2):  # at least one reload on the way
        svg = image.render({"data": [{"type": "bar", "x": [i], "y": [f"r{i}"]}], "layout": {}}, "svg", 200, 150)
        assert f">r{i}<" in svg.decode()  # each image is its own figure, not a leftover of the last
    assert image._browser._kaleido.served - before == RELOAD_EVERY + 2
