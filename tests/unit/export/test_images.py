"""Chart exports: real kaleido, the builders' figures, title and source baked in."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from PIL import Image

from dashboard.data import Dataset
from dashboard.export import images
from dashboard.export.files import chart_file
from dashboard.export.images import SIZES as IMAGE_SIZES
from dashboard.export.images import decorate, export_chart, warm_up
from dashboard.state import default_state, with_edition
from dashboard.views import CHARTS
from tests.unit.export.helpers import is_blank, pdf_pages, png_size

TODAY = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def recent(dataset: Dataset):
    return replace(with_edition(dataset, default_state(dataset), "recent"), indicator="gdp")


def ranking(dataset, state):
    return next(v for v in CHARTS if v.name == "ranking").build(dataset, state)


def test_decorated_figure_carries_title_sources_and_date(dataset: Dataset, recent) -> None:
    fig = decorate(*ranking(dataset, recent), IMAGE_SIZES["report"], TODAY)
    texts = " ".join(a.text for a in fig.layout.annotations)
    assert "<b>Ranking: Gross domestic product</b>" in texts
    assert "EUR million" in texts and "Sources: " in texts and "Exported 2026-11-27" in texts
    assert (fig.layout.width, fig.layout.height) == (1200, 800)


@pytest.mark.parametrize(("scale", "size"), [(2, (3200, 1800)), (4, (6400, 3600))])
def test_png_has_the_requested_pixels_and_is_not_blank(needs_chromium, dataset, recent, scale, size) -> None:
    png = export_chart(*ranking(dataset, recent), "png", "slide", scale, TODAY)
    assert png_size(png) == size
    assert not is_blank(Image.open(io.BytesIO(png)))


@pytest.mark.parametrize("chart", [v.name for v in CHARTS])
def test_every_chart_exports_a_drawn_png(needs_chromium, dataset, recent, chart) -> None:
    figure, meta = next(v for v in CHARTS if v.name == chart).build(dataset, recent)
    png = export_chart(figure, meta, "png", "report", 1, TODAY)
    image = Image.open(io.BytesIO(png))
    assert image.size == (1200, 800)
    plot_area = image.crop((100, 150, 1100, 600))  # the middle, where marks are drawn
    assert not is_blank(plot_area)


def test_svg_parses_and_holds_title_and_source(needs_chromium, dataset, recent) -> None:
    svg = export_chart(*ranking(dataset, recent), "svg", "slide", 1, TODAY)
    root = ET.fromstring(svg)
    text = " ".join(t for t in root.itertext())
    assert "Ranking: Gross domestic product" in text
    assert "Sources:" in text and "Exported 2026-11-27" in text
    assert 'font-family="DejaVu Sans' in svg.decode() or "DejaVu Sans" in svg.decode()


def test_pdf_has_one_page(needs_chromium, dataset, recent) -> None:
    pdf = export_chart(*ranking(dataset, recent), "pdf", "report", 1, TODAY)
    assert pdf.startswith(b"%PDF") and pdf_pages(pdf) == 1


def test_warm_up_starts_the_export_browser_with_the_partial_plotly_bundle(needs_chromium, dataset, recent) -> None:
    warm_up()
    assert images.is_warm() and images.PLOTLY_JS_FILE.name.startswith("plotly-baltmet-")
    svg = export_chart(*ranking(dataset, recent), "svg", "report", 1, TODAY)
    assert b"Ranking: Gross domestic product" in svg


def test_the_export_browser_keeps_its_page_and_still_reloads_it_now_and_then(needs_chromium) -> None:
    from dashboard.export.browser import RELOAD_EVERY

    warm_up()
    before = images._browser._kaleido.served
    for i in range(RELOAD_EVERY + 2):  # at least one reload on the way
        svg = images.render({"data": [{"type": "bar", "x": [i], "y": [f"r{i}"]}], "layout": {}}, "svg", 200, 150)
        assert f">r{i}<" in svg.decode()  # each image is its own figure, not a leftover of the last
    assert images._browser._kaleido.served - before == RELOAD_EVERY + 2


def test_map_exports_offline_with_its_base_map(needs_chromium, dataset, recent) -> None:
    figure, meta = next(v for v in CHARTS if v.name == "map").build(dataset, recent)
    image = Image.open(io.BytesIO(export_chart(figure, meta, "png", "report", 1, TODAY))).convert("RGB")
    ocean = (0xDB, 0xE9, 0xF6)  # the sea colour of the local base map: present only if shapes were drawn
    assert sum(1 for px in image.get_flattened_data() if px == ocean) > 10_000


def test_file_names_say_what_they_are(needs_chromium, dataset, recent) -> None:
    state = replace(recent, measure="index", peers=("copenhagen", "helsinki", "oslo", "stockholm"))
    name, _ = chart_file(dataset, state, "ranking", "png", "slide", 2, TODAY)
    assert name == "helsinki-vs-peers_gdp-index-peers-100_2021-2022.png"
    name, _ = chart_file(dataset, replace(recent, year=2021), "ranking", "svg", "report", 1, TODAY)
    assert name == "helsinki-vs-peers_gdp_2021_report.svg"
