"""The slide deck: native charts holding the view's figures, caveats in the notes, a KPI slide readable
at projector distance, and every page rendered by LibreOffice with its text on the slide."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Pt

from dashboard.data import Dataset
from dashboard.export.deck import build_deck
from dashboard.export.files import deck_file
from dashboard.export.typography import plain
from dashboard.formatting import format_value
from dashboard.state import default_state, with_edition
from dashboard.views import CHARTS, headline_basis
from tests.unit.export.helpers import is_blank, office_pdfs, page_images, pdf_words

TODAY = dt.date(2026, 11, 27)
EMU_PER_PT = 12700
SLIDES = 1 + 1 + len(CHARTS) + 1 + 1  # title, KPI cards, a slide per chart, profile, sources
CHART_SLIDE = {view.name: 2 + i for i, view in enumerate(CHARTS)}
NATIVE = {"ranking": XL_CHART_TYPE.BAR_CLUSTERED, "shares": XL_CHART_TYPE.BAR_CLUSTERED,
          "trend": XL_CHART_TYPE.XY_SCATTER_LINES, "scatter": XL_CHART_TYPE.BUBBLE}


@pytest.fixture(scope="module")
def states(dataset: Dataset) -> dict:
    baltmet = default_state(dataset, "baltmet")
    return {"baltmet": baltmet, "recent": replace(with_edition(dataset, baltmet, "recent"), indicator="gdp")}


@pytest.fixture(scope="module")
def decks(needs_chromium, dataset: Dataset, states) -> dict[str, bytes]:
    return {name: build_deck(dataset, state, TODAY) for name, state in states.items()}


def slides(data: bytes) -> list:
    return list(Presentation(io.BytesIO(data)).slides)


def chart_of(slide):
    return next(s.chart for s in slide.shapes if s.has_chart)


def x_values(series) -> list[float]:
    return [float(v) for v in series._element.xpath("./c:xVal//c:v/text()")]


def texts(slide) -> str:
    return " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def test_slides_in_order(decks) -> None:
    prs = Presentation(io.BytesIO(decks["baltmet"]))
    assert len(prs.slides) == SLIDES and prs.slide_width / prs.slide_height == pytest.approx(16 / 9, rel=0.01)
    pages = list(prs.slides)
    assert "Helsinki and its peers" in texts(pages[0]) and "BaltMet profiles (c. 2007)" in texts(pages[0])
    assert "Helsinki: key figures" in texts(pages[1]) and "Science parks" in texts(pages[1])
    assert texts(pages[CHART_SLIDE["ranking"]]).startswith("Ranking: Population")
    assert texts(pages[-1]).startswith("Sources") and "BaltMet Inno project" in texts(pages[-1])


def test_deck_file_is_named_by_the_view(needs_chromium, dataset, states) -> None:
    name, data = deck_file(dataset, states["recent"], TODAY)
    assert name == "helsinki-vs-peers_recent_gdp.pptx" and data.startswith(b"PK")


@pytest.mark.parametrize("edition", ["baltmet", "recent"])
def test_charts_are_native_and_hold_the_views_figures(dataset, states, decks, edition) -> None:
    pages = slides(decks[edition])
    for view in CHARTS:
        figure, _ = view.build(dataset, states[edition])
        slide = pages[CHART_SLIDE[view.name]]
        if view.name == "map":
            assert not any(s.has_chart for s in slide.shapes)
            [picture] = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
            assert picture.width > Presentation(io.BytesIO(decks[edition])).slide_width * 0.8
            assert picture._element.nvPicPr.cNvPr.get("descr").startswith("Map: ")  # alt text: what it shows
            continue
        chart = chart_of(slide)
        assert chart.chart_type == NATIVE[view.name], view.name
        series = list(chart.plots[0].series)
        if view.name == "ranking":
            [bar] = figure["data"]
            assert list(chart.plots[0].categories) == [plain(y) for y in bar["y"]]
            assert list(series[0].values) == pytest.approx(bar["x"])
        elif view.name == "shares":
            bars = [t for t in figure["data"] if t.get("type") == "bar"]
            categories = list(chart.plots[0].categories)
            rows = dict(zip(figure["layout"]["yaxis"]["tickvals"], figure["layout"]["yaxis"]["ticktext"],
                            strict=True))  # the page's rows: a position on its y axis and a name
            assert categories == [plain(name) for name in rows.values()]
            assert [s.name for s in series] == [t["name"] for t in bars]
            for trace, drawn in zip(bars, series, strict=True):
                values = dict(zip(categories, drawn.values, strict=True))
                assert [values[plain(rows[y])] for y in trace["y"]] == pytest.approx(trace["x"])
                assert sum(v is not None for v in drawn.values) == len(trace["x"])
        elif view.name == "trend":
            assert len(series) == len(figure["data"])  # a series per segment: no line joins two territories
            for trace, drawn in zip(figure["data"], series, strict=True):
                by_year = dict(zip(x_values(drawn), drawn.values, strict=True))
                assert [by_year[x] for x in trace["x"]] == pytest.approx(trace["y"])  # years on a scale, as on
                assert sum(v is not None for v in drawn.values) == len(trace["x"])  # the page
            assert chart._chartSpace.xpath("//c:dispBlanksAs/@val") == ["span"]
        else:
            [trace] = figure["data"]
            assert [x_values(s)[0] for s in series] == pytest.approx(trace["x"])
            assert [s.values[0] for s in series] == pytest.approx(trace["y"])


def test_the_focus_stands_out_and_the_slide_has_title_subtitle_sources(dataset, states, decks) -> None:
    state = states["baltmet"]
    slide = slides(decks["baltmet"])[CHART_SLIDE["ranking"]]
    figure, meta = CHARTS.by_name("ranking").build(dataset, state)
    chart = chart_of(slide)
    ids = [row[0] for row in figure["data"][0]["customdata"]]
    for i, region in enumerate(ids):
        point = chart.plots[0].series[0].points[i]
        run = point.data_label.text_frame.paragraphs[0].runs[0]
        assert run.text == plain(figure["data"][0]["text"][i])  # the page's own value text, with ≈ / ≥
        assert run.font.bold is (region == state.focus) and run.font.size >= Pt(14)
        assert (point.format.line.width == Pt(2.5)) is (region == state.focus)
    words = texts(slide)
    assert meta.title in words and meta.subtitle in words and "Sources: " in words
    scatter = chart_of(slides(decks["baltmet"])[CHART_SLIDE["scatter"]])
    outlined = [s.name for s in scatter.plots[0].series if s.format.line.width == Pt(2.5)]
    assert len(outlined) == 1 and outlined[0].startswith("Helsinki")


def test_caveats_are_in_the_speaker_notes(dataset, states, decks) -> None:
    pages = slides(decks["baltmet"])
    notes = {name: pages[i].notes_slide.notes_text_frame.text for name, i in CHART_SLIDE.items()}
    assert notes["ranking"].startswith("Compared on: core cities.")
    _, meta = next(v for v in CHARTS if v.name == "scatter").build(dataset, states["baltmet"])
    assert "Mixed territories" in notes["scatter"] and meta.comparability.footnote in notes["scatter"]
    assert "Years 2002–2009" in notes["scatter"] and "Sources: " in notes["scatter"]
    assert "Secondary figures (read in a third-party copy" in notes["ranking"]
    assert "No data: " in notes["scatter"]  # the regions left out, and why
    kpi_notes = pages[1].notes_slide.notes_text_frame.text
    city = dataset.figure("helsinki", "population", "baltmet", basis="city")
    assert f"Population: {city.territory}, compared on core cities" in kpi_notes


@pytest.mark.parametrize("edition", ["baltmet", "recent"])
def test_kpi_slide_has_big_numbers_with_unit_year_territory_and_source(decks, dataset: Dataset, states,
                                                                        edition) -> None:
    slide = slides(decks[edition])[1]
    runs = [r for s in slide.shapes if s.has_text_frame for p in s.text_frame.paragraphs for r in p.runs]
    big = [r.text for r in runs if r.font.size and r.font.size >= Pt(40)]
    words = texts(slide)
    # one basis for the whole row, the one 'Compare on' names; the figures come from the data (a corrected
    # figure must not break this test)
    basis = headline_basis(dataset, states[edition])
    shown = [dataset.figure("helsinki", kpi, edition, basis=basis) for kpi in dataset.kpi_ids]
    assert big == [format_value(f.value, dataset.indicator(f.indicator_id).decimals, f.qualifier)
                   for f in shown if f is not None]
    assert {f.territory_kind for f in shown if f is not None} == {basis}
    for figure in shown:
        if figure is not None:
            assert f"{figure.territory} (" in words
    nearest = [dataset.figure("helsinki", kpi, edition) for kpi, f in zip(dataset.kpi_ids, shown, strict=True)
               if f is None]  # a KPI without a figure on the basis: the figure it has instead
    if edition == "baltmet":
        assert "persons · c.\u00a02007" in words and "No comparable figure" in words
        assert any(f"has {f.territory}" in words for f in nearest if f)  # the nearest figure, with its territory
    else:
        gdp = shown[dataset.kpi_ids.index("gdp")]
        assert f"EUR million · {gdp.year}" in words and "(Eurostat metropolitan region)" in words
        assert "(secondary copy)" in words  # the jobs figures were read in a transcription
    cards = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
    assert len(cards) == len(dataset.kpi_ids) and min(c.width for c in cards) > Presentation().slide_width * 0.25


def test_every_shape_is_on_the_slide(decks) -> None:
    for data in decks.values():
        prs = Presentation(io.BytesIO(data))
        for number, slide in enumerate(prs.slides):
            for shape in slide.shapes:
                assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
                assert shape.left + shape.width <= prs.slide_width, (number, shape.name)
                assert shape.top + shape.height <= prs.slide_height, (number, shape.name)


def test_libreoffice_renders_every_slide_with_its_text_on_the_page(needs_office, decks, tmp_path: Path) -> None:
    files = []
    for name, data in decks.items():
        (tmp_path / f"{name}.pptx").write_bytes(data)
        files.append(tmp_path / f"{name}.pptx")
    for pptx, pdf in zip(files, office_pdfs(files, tmp_path), strict=True):
        count = len(Presentation(str(pptx)).slides)
        images = page_images(pdf, 30)
        assert len(images) == count
        for number, image in enumerate(images):
            assert not is_blank(image), f"{pdf.name} page {number + 1} is blank"
        sizes, words = pdf_words(pdf)
        assert len(sizes) == count
        for word in words:  # nothing outside the page (cut off, or set beyond its edge)
            width, height = sizes[word.page]
            assert word.left >= 0 and word.top >= 0 and word.right <= width and word.bottom <= height, word
        pictures = {i for i, slide in enumerate(Presentation(str(pptx)).slides)
                    if [s.shape_type for s in slide.shapes] == [MSO_SHAPE_TYPE.PICTURE]}
        assert pictures == {CHART_SLIDE["map"]}
        for page in set(range(count)) - pictures:
            assert any(w.page == page for w in words), f"{pdf.name} page {page + 1} has no text"
        deck = list(Presentation(str(pptx)).slides)
        for page, slide in enumerate(deck):  # every word of every text box made it onto the page (LibreOffice
            joined = "".join(w.text for w in words if w.page == page)  # drops what falls off it)
            for shape in (s for s in slide.shapes if s.has_text_frame):
                missing = [t for t in shape.text_frame.text.split() if t not in joined]
                assert not missing, (pdf.name, page + 1, missing[:5])
        for page in (0, 1, count - 1):  # title, key figures, sources: no line over another, none out of its box
            on_page = [w for w in words if w.page == page]
            boxes = [(s.left / EMU_PER_PT, s.top / EMU_PER_PT, (s.left + s.width) / EMU_PER_PT,
                      (s.top + s.height) / EMU_PER_PT) for s in deck[page].shapes if s.has_text_frame]
            for w in on_page:
                x, y = (w.left + w.right) / 2, (w.top + w.bottom) / 2
                assert any(a - 1 <= x <= c + 1 and b - 1 <= y <= d + 1 for a, b, c, d in boxes), (pdf.name, w)
            crossing = [(a.text, b.text) for i, a in enumerate(on_page) for b in on_page[i + 1:]
                        if a.overlap(b) > 0.2 * min((a.right - a.left) * (a.bottom - a.top),
                                                    (b.right - b.left) * (b.bottom - b.top))]
            assert not crossing, (pdf.name, page + 1, crossing[:5])
        ranking = {w.text for w in words if w.page == CHART_SLIDE["ranking"]}
        assert {"Helsinki", "Stockholm", "Tallinn"} <= ranking  # the native chart was drawn, names and all
