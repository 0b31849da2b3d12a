"""Chart exports: real kaleido, the builders' figures, title and source baked in."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from PIL import Image

from dashboard.data import Dataset
from dashboard.export.files import chart_file, chart_name
from dashboard.export.images import SIZES as IMAGE_SIZES
from dashboard.export.images import decorate, export_chart
from dashboard.export.textfit import text_width
from dashboard.state import default_state, with_edition
from dashboard.views import CHARTS
from tests.unit.export.helpers import (
    border_is_clear,
    is_blank,
    page_images,
    pdf_pages,
    pdf_title,
    png_size,
    svg_boxes,
    svg_texts,
)

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
    assert "EUR million" in texts and "Sources: " in texts and "Exported November 27, 2026" in texts
    assert (fig.layout.width, fig.layout.height) == (1200, 800)
    _, meta = ranking(dataset, recent)
    for name, _ in meta.missing:  # a region the chart leaves out says so in the file, with its reason
        assert "Not shown: " in texts and name in texts


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
    assert "Sources:" in text and "Exported November 27, 2026" in text
    assert 'font-family="DejaVu Sans' in svg.decode() or "DejaVu Sans" in svg.decode()


def test_pdf_has_one_page(needs_chromium, dataset, recent) -> None:
    pdf = export_chart(*ranking(dataset, recent), "pdf", "report", 1, TODAY)
    assert pdf.startswith(b"%PDF") and pdf_pages(pdf) == 1


def test_map_exports_offline_with_its_base_map(needs_chromium, dataset, recent) -> None:
    figure, meta = next(v for v in CHARTS if v.name == "map").build(dataset, recent)
    image = Image.open(io.BytesIO(export_chart(figure, meta, "png", "report", 1, TODAY))).convert("RGB")
    ocean = (0xDB, 0xE9, 0xF6)  # the sea colour of the local base map: present only if shapes were drawn
    assert sum(1 for px in image.get_flattened_data() if px == ocean) > 10_000


def test_file_names_say_what_they_are(needs_chromium, dataset, recent) -> None:
    state = replace(recent, measure="index", peers=("copenhagen", "helsinki", "oslo", "stockholm"))
    name, _ = chart_file(dataset, state, "ranking", "png", "slide", 2, TODAY)
    assert name == "helsinki-vs-peers_ranking_gdp-index-peers-100_2021-2022.png"
    name, _ = chart_file(dataset, replace(recent, year=2021), "ranking", "svg", "report", 1, TODAY)
    assert name == "helsinki-vs-peers_ranking_gdp_2021_report.svg"


def test_each_chart_of_a_view_has_its_own_file_name(dataset, recent) -> None:
    names = [chart_name(dataset, recent, v.name, "png") for v in CHARTS]
    assert len(set(names)) == len(CHARTS)  # ranking and map of one view no longer overwrite each other
    assert re.fullmatch(r"helsinki-vs-peers_map_gdp_\d{4}(-\d{4})?\.png", names[1])  # the years the map draws
    assert chart_name(dataset, recent, "scatter", "svg").startswith("helsinki-vs-peers_scatter_gdp-vs-population-by")
    chosen = replace(recent, basis="city")  # not the default basis of GDP in this edition: the name says so
    assert "_core-cities_" in chart_name(dataset, chosen, "ranking", "png")
    default = replace(recent, basis=dataset.default_basis("gdp", "recent"))
    assert chart_name(dataset, default, "ranking", "png") == names[0]
    assert "per-inhabitant" in chart_name(dataset, replace(recent, measure="per_capita"), "map", "png")


def test_the_screen_figure_is_not_changed_by_a_slide_export(dataset, recent) -> None:
    for view in CHARTS:
        figure, meta = view.build(dataset, recent)
        before = copy.deepcopy(figure)
        decorate(figure, meta, IMAGE_SIZES["slide"], TODAY)
        assert figure == before, view.name


@pytest.fixture(scope="module")
def slide_svgs(needs_chromium, dataset, recent) -> dict[str, bytes]:
    baltmet = default_state(dataset)  # every region: the densest labels
    return {f"{label}-{v.name}": export_chart(*v.build(dataset, state), "svg", "slide", 1, TODAY)
            for label, state in (("baltmet", baltmet), ("recent", recent)) for v in CHARTS}


def test_slide_images_use_presentation_type(slide_svgs) -> None:
    for name, svg in slide_svgs.items():
        texts = svg_texts(svg)
        title = max(t.size for t in texts if t.kind == "annotation")
        assert title >= 40, name
        labels = [t for t in texts if t.kind in ("xtick", "ytick", "bartext", "textpoint", "legendtext")]
        assert labels or name.endswith("map"), name
        small = [(t.kind, t.text, t.size) for t in labels if t.size < 22]
        assert not small, (name, small)
        assert all(t.size >= 22 for t in texts if t.kind in ("xtitle", "ytitle")), name


def test_report_images_keep_report_type(needs_chromium, dataset, recent) -> None:
    texts = svg_texts(export_chart(*ranking(dataset, recent), "svg", "report", 1, TODAY))
    assert sorted({t.size for t in texts if t.kind == "annotation"}) == [12, 15, 24]
    assert {t.size for t in texts if t.kind == "ytick"} == {13}


def test_slide_text_is_inside_the_image_and_clear_of_the_plot(slide_svgs) -> None:
    width, height = IMAGE_SIZES["slide"].width, IMAGE_SIZES["slide"].height
    for name, svg in slide_svgs.items():
        subtitle, title, footer = svg_boxes(svg, "annotation")
        for left, top, right, bottom in (subtitle, title, footer):
            assert left >= 0 and top >= 0 and right <= width and bottom <= height, name
        assert title[3] <= subtitle[1] + 1, name  # the title sits above the subtitle, not on it
        for t in (t for t in svg_texts(svg) if t.kind != "annotation"):  # labels, measured in the same font
            extent = text_width(t.text, t.size)
            if t.kind == "ytitle":  # written upwards: its extent is vertical
                assert t.y - extent / 2 >= 0 and t.y + extent / 2 <= height, (name, t)
                continue
            left = t.x - {"end": extent, "middle": extent / 2}.get(t.anchor, 0)
            assert left >= 0 and left + extent <= width + 1, (name, t)
        if not name.endswith("map"):
            plot = svg_boxes(svg, "plot")[0]
            assert subtitle[3] <= plot[1], name  # headings above the plot area
            titles = [t for t in svg_texts(svg) if t.kind == "xtitle"]
            assert all(t.y <= footer[1] for t in titles), name  # the axis title ends before the sources start


def test_slide_pngs_have_a_title_band_and_nothing_cut_at_the_edges(needs_chromium, dataset) -> None:
    state = default_state(dataset)
    for view in CHARTS:
        image = Image.open(io.BytesIO(export_chart(*view.build(dataset, state), "png", "slide", 1, TODAY)))
        assert image.size == (1600, 900)
        assert border_is_clear(image), view.name
        band = image.convert("L").crop((40, 16, 800, 70))  # where the 44 px title is drawn
        dark = sum(1 for px in band.get_flattened_data() if px < 80)
        assert dark > 2000, view.name


def test_pdf_title_is_the_charts_title(needs_chromium, dataset, recent, tmp_path) -> None:
    figure, meta = ranking(dataset, recent)
    path = tmp_path / "chart.pdf"
    path.write_bytes(export_chart(figure, meta, "pdf", "slide", 1, TODAY))
    assert pdf_title(path) == meta.title == "Ranking: Gross domestic product"
    assert pdf_pages(path.read_bytes()) == 1
    assert not is_blank(page_images(path, 20)[0])
