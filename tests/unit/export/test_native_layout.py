"""The deck's native charts are ready to present: every bar labelled and every region named at a size at
which they fit, axes that end where the data does, numbers as the page writes them, a bubble without a
size figure an open ring, line names that do not touch, sources in one footer line, and the key figures
with the page card's rank and median. Built on made-up data (tests/synthetic.py) where the data does not
matter; no Chromium needed: nothing here is a picture."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu, Inches

from dashboard.comparability import Comparability
from dashboard.data import Dataset
from dashboard.export.deck import key_figures_slide, source_footer
from dashboard.export.native_charts import (
    LINE,
    NUMBER_FORMAT,
    native_chart,
    spread_out,
)
from dashboard.export.slide_text import INNER, wrapped
from dashboard.export.typography import plain
from dashboard.figures.common import ChartMeta
from dashboard.state import default_state
from dashboard.views import CHARTS, headline_basis
from tests.helpers import kpi_card_for as page_card
from tests.synthetic import build

BOX = (Inches(0.5), Inches(1.4), Inches(12.33), Inches(5.6))
NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}


def _slide():
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    return prs.slides.add_slide(prs.slide_layouts[6])


def _state(data: Dataset, regions: tuple[str, ...], **changes):
    return replace(default_state(data), focus=regions[0], peers=regions[1:], edition="recent", **changes)


def _xml(chart):
    return chart._chartSpace


def _plot_height_pt(chart) -> float:
    [h] = _xml(chart).xpath("//c:plotArea/c:layout/c:manualLayout/c:h/@val")
    return float(h) * Emu(BOX[3]).pt


@pytest.fixture
def many(tmp_path: Path) -> tuple[Dataset, tuple[str, ...]]:
    """Fourteen regions with populations from 10 000 to 4.7 million, some with long names' marks."""
    regions = tuple(f"r{i:02d}" for i in range(14))
    figures = [(r, "population", 2021, 10_000 + 360_000 * i, "metro") for i, r in enumerate(regions)]
    return build(tmp_path, figures, regions), regions


def test_the_ranking_names_every_region_and_labels_every_bar(many) -> None:
    data, regions = many
    figure, _ = CHARTS.by_name("ranking").build(data, _state(data, regions, indicator="population",
                                                             basis="eurostat_metro"))
    [bar] = figure["data"]
    chart = native_chart(_slide(), "bars", BOX, figure, regions[0])
    names = _xml(chart).xpath("//c:cat//c:pt/c:v/text()")
    assert names == [plain(y) for y in bar["y"]]  # every region, in the chart's data
    assert _xml(chart).xpath("//c:catAx/c:tickLblSkip/@val") == ["1"]  # and drawn: none skipped
    size = int(_xml(chart).xpath("//c:catAx/c:txPr//a:defRPr/@sz")[0]) / 100
    assert size * LINE * len(names) <= _plot_height_pt(chart)  # small enough for LibreOffice to draw them all
    labels = [point.data_label.text_frame.text for point in chart.plots[0].series[0].points]
    assert labels == [plain(t) for t in bar["text"]]  # the page's value texts, on every bar
    # the value axis ends a little past the longest bar and its label, as the page's
    top = max(bar["x"])
    assert top < chart.value_axis.maximum_scale <= top * 1.5 and chart.value_axis.minimum_scale == 0
    assert chart.value_axis.tick_labels.number_format == NUMBER_FORMAT and "\u202f" in NUMBER_FORMAT


def test_numbers_read_as_on_the_page(many) -> None:
    data, regions = many
    figure, _ = CHARTS.by_name("ranking").build(data, _state(data, regions, indicator="population",
                                                             basis="eurostat_metro"))
    chart = native_chart(_slide(), "bars", BOX, figure, regions[0])
    formats = set(_xml(chart).xpath("//c:numFmt/@formatCode | //c:formatCode/text()"))
    assert formats == {NUMBER_FORMAT}  # '4 690 000' with thin spaces, never '4,690,000'


def test_a_bubble_without_a_size_figure_is_an_open_ring(tmp_path: Path) -> None:
    regions = ("aa", "bb", "cc")
    figures = [(r, "population", 2021, 1000 * (i + 1), "metro") for i, r in enumerate(regions)]
    figures += [(r, "gdp", 2021, 50 * (i + 1), "metro") for i, r in enumerate(regions)]
    figures += [("aa", "universities", 2021, 3, "metro"), ("bb", "universities", 2021, 5, "metro")]  # cc: none
    data = build(tmp_path, figures, regions)
    state = _state(data, regions, x="population", y="gdp", size="universities", basis="eurostat_metro")
    figure, _ = CHARTS.by_name("scatter").build(data, state)
    chart = native_chart(_slide(), "bubbles", BOX, figure, "aa")
    fills = {series.name.split(" ")[0]: series._element.find("c:spPr", NS) for series in chart.plots[0].series}
    assert fills["CC"].find("a:noFill", NS) is not None and fills["CC"].find("a:ln/a:solidFill", NS) is not None
    assert fills["BB"].find("a:solidFill", NS) is not None  # a sized bubble stays filled


def test_names_at_the_end_of_close_lines_do_not_touch(tmp_path: Path) -> None:
    regions = ("aa", "bb", "cc", "dd", "ee")
    finals = {"aa": 5000, "bb": 1030, "cc": 1020, "dd": 1010, "ee": 1000}  # four ends within 1 % of the axis
    figures = [(r, "population", year, value - (2021 - year) * 5, "metro")
               for r, value in finals.items() for year in (2019, 2020, 2021)]
    data = build(tmp_path, figures, regions)
    figure, _ = CHARTS.by_name("trend").build(data, _state(data, regions, indicator="population",
                                                           basis="eurostat_metro"))
    chart = native_chart(_slide(), "lines", BOX, figure, "aa")
    height = Emu(BOX[3]).pt
    low, high = chart.value_axis.minimum_scale, chart.value_axis.maximum_scale
    [top] = _xml(chart).xpath("//c:plotArea/c:layout/c:manualLayout/c:y/@val")
    centres = []
    for series in chart.plots[0].series:
        labels = series._element.xpath("./c:dLbls/c:dLbl")
        if not labels:
            continue
        [label] = labels
        value = [v for v in series.values if v is not None][-1]
        shift = label.xpath("./c:layout/c:manualLayout/c:y/@val")
        centres.append(float(top) * height + (high - value) / (high - low) * _plot_height_pt(chart)
                       + (float(shift[0]) * height if shift else 0.0))
    assert len(centres) == 5
    gaps = [b - a for a, b in itertools.pairwise(sorted(centres))]
    assert min(gaps) >= 16 * LINE - 0.5  # a line of 16 pt names apart: none on another


def test_names_in_a_column_keep_apart_and_in_bounds() -> None:
    wanted = [100.0, 101.0, 102.0, 103.0, 300.0]
    spread = spread_out(wanted, 20.0, 0.0, 400.0)
    ordered = sorted(spread)
    assert all(b - a >= 20.0 - 1e-9 for a, b in itertools.pairwise(ordered))
    assert spread[4] == 300.0 and abs(sum(spread[:4]) / 4 - sum(wanted[:4]) / 4) < 1e-9  # as near as they can
    assert spread_out([5.0, 6.0], 20.0, 0.0, 400.0)[0] >= 0.0  # not above the top


def test_the_sources_take_one_footer_line() -> None:
    sources = tuple(f"Statistics office number {i}: a very long title of a table read on the web" for i in range(9))
    meta = ChartMeta("T", "S", Comparability(False, None, ""), sources, (), tuple(s.split(":")[0] for s in sources))
    line = source_footer(meta)
    assert len(wrapped([line], INNER)) == 1 and line.text.startswith("Sources: Statistics office number 0")
    assert "more" in line.text and "notes" in line.text  # the notes keep every title


def _page_lines(component, names: tuple[str, ...]) -> list[str]:
    """The text of the page card's lines with one of these classes (the badge after a ' · ')."""
    out = []

    def text(node) -> str:
        if node is None:
            return ""
        if isinstance(node, str):
            return node
        children = node.children if isinstance(node.children, list) else [node.children]
        inner = "".join(text(c) for c in children)
        return f" · {inner}" if type(node).__name__ == "Badge" else inner

    def walk(node) -> None:
        if isinstance(node, str) or node is None:
            return
        if any(n in (getattr(node, "className", "") or "").split() for n in names):
            out.append(text(node))
            return
        children = getattr(node, "children", None)
        for child in children if isinstance(children, list) else [children]:
            walk(child)

    walk(component)
    return out


@pytest.mark.parametrize("edition", ["recent", "baltmet"])
def test_the_key_figures_carry_the_page_cards_rank_and_median(dataset: Dataset, edition: str) -> None:
    state = default_state(dataset, edition)
    slide = _slide()
    key_figures_slide(slide, dataset, state)
    words = "\n".join(p.text for s in slide.shapes if s.has_text_frame for p in s.text_frame.paragraphs)
    shown = 0
    for kpi in dataset.kpi_ids:
        card = page_card(dataset, state.focus, kpi, state.edition, state.regions, state.year,
                         headline_basis(dataset, state))
        lines = _page_lines(card, ("kpi-rank", "kpi-median"))
        for line in lines:
            assert line in words.split("\n"), (kpi, line)
        shown += len(lines)
    assert shown >= 2  # Helsinki has figures with peers in both editions: 'Nth of M', '+x % vs peers' median'
    assert re.search(r"\d+(st|nd|rd|th) of \d+", words)


def test_no_colour_in_the_native_charts_is_other_than_six_hex_digits(dataset: Dataset) -> None:
    state = default_state(dataset, "recent")
    for view in (v for v in CHARTS if v.deck != "picture"):
        name = view.name
        figure, _ = view.build(dataset, state)
        chart = native_chart(_slide(), view.deck, BOX, figure, state.focus)
        xml = chart._chartSpace.xml
        assert "rgba" not in xml.lower(), name
        assert all(re.fullmatch(r"[0-9A-F]{6}", c) for c in re.findall(r'srgbClr val="([^"]*)"', xml)), name
