"""The shares chart says on each bar what the bar is: its series and share with the qualifier, its year
where the bars' years differ, its territory where the row's name does not say it; and each row holds
only the bars it has, so that the labels have room at a slide's and a projector's size."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import plotly.graph_objects as go

from dashboard.data import Dataset
from dashboard.export.typography import for_slide, label_pitch
from dashboard.state import default_state
from dashboard.views import CHARTS
from tests.synthetic import Row, build, indicator_rows

GVA = "gva_share"


def _with_shares(folder: Path, figures: list[tuple], regions: tuple[str, ...],
                 qualifiers: dict[tuple[str, str], str] | None = None) -> Dataset:
    """A synthetic folder (tests/synthetic.py) whose shares chart has two series: population (a share of the
    national population) and a reported GVA share; ``qualifiers``: (region, indicator) -> qualifier."""
    indicators = indicator_rows([{"indicator_id": GVA, "label": "Share of GVA", "short_label": "GVA share", "unit": "%",
                                  "kind": "percent", "category": "National shares", "decimals": "0",
                                  "description": "test", "share_label": "GVA (reported)", "shares_order": "2",
                                  "shares_pattern": "x"}], population={"shares_order": "1"})
    rows = [Row(r, i, year, value, suffix, (qualifiers or {}).get((r, i), "")) for r, i, year, value, suffix in figures]
    return build(folder, rows, regions, indicators=indicators)


def _national(regions: tuple[str, ...], year: int) -> list[tuple]:
    return [(r, "national_population", year, 1000, "nat") for r in regions]


def _shares(data: Dataset, regions: tuple[str, ...]):
    state = replace(default_state(data), focus=regions[0], peers=regions[1:], edition="recent", basis="")
    return CHARTS.by_name("shares").build(data, state)


def _labels(figure: dict) -> dict[tuple[str, str], str]:
    """(region id, series) -> the bar's value label."""
    return {(row[0], trace["meta"]): text for trace in figure["data"]
            for row, text in zip(trace["customdata"], trace["text"], strict=True)}


def _rows(figure: dict) -> dict[str, str]:
    """region id -> its row's name (bold tags dropped)."""
    axis = figure["layout"]["yaxis"]
    at = {y: row[0] for trace in figure["data"] for y, row in zip(trace["y"], trace["customdata"], strict=True)}
    return {at[v]: t.replace("<b>", "").replace("</b>", "") for v, t in zip(axis["tickvals"], axis["ticktext"],
                                                                               strict=True)}


def test_a_bar_of_another_territory_than_its_row_says_so_and_every_bar_its_year(tmp_path: Path) -> None:
    regions = ("aa", "bb", "cc")
    figures = [*_national(regions, 2023), *_national(regions, 2021),
               ("aa", "population", 2023, 300, "metro"), ("bb", "population", 2023, 200, "metro"),
               ("cc", "population", 2021, 150, "metro"),
               ("aa", GVA, 2017, 50, "city"), ("bb", GVA, 2021, 40, "metro")]
    data = _with_shares(tmp_path, figures, regions, {("aa", GVA): "approx", ("bb", "population"): "lower_bound"})
    figure, meta = _shares(data, regions)
    go.Figure(figure)  # plotly's schema takes it
    # the figures table and downloads hold what the chart draws: each bar's figure, with its measure
    assert sorted((p.region_id, i, m) for i, m, p in meta.drawn) == [
        ("aa", GVA, "absolute"), ("aa", "population", "share"), ("bb", GVA, "absolute"),
        ("bb", "population", "share"), ("cc", "population", "share")]
    labels, rows = _labels(figure), _rows(figure)
    # the row names the metro region most of the figures describe; AA's GVA share is the city's, so its bar says so
    assert rows == {"aa": "AA", "bb": "BB", "cc": "CC"}
    assert labels["aa", "GVA (reported)"] == "GVA (reported): ≈\u00a050% · 2017 · core city"
    assert labels["aa", "Population"] == "Population: 30% · 2023"
    assert labels["bb", "Population"] == "Population: ≥\u00a020% · 2023"  # the qualifier stays on the label
    assert labels["cc", "Population"] == "Population: 15% · 2021"
    assert labels["bb", "GVA (reported)"] == "GVA (reported): 40% · 2021"


def test_one_year_for_every_bar_leaves_the_year_to_the_subtitle(tmp_path: Path) -> None:
    regions = ("aa", "bb")
    figures = [*_national(regions, 2021), ("aa", "population", 2021, 300, "metro"),
               ("bb", "population", 2021, 125, "metro"), ("aa", GVA, 2021, 35, "metro")]
    figure, meta = _shares(_with_shares(tmp_path, figures, regions), regions)
    assert set(_labels(figure).values()) == {"Population: 30%", "Population: 12.5%", "GVA (reported): 35%"}
    assert "2021" in meta.subtitle


def test_a_row_mostly_of_another_kind_names_it_and_marks_its_odd_bar(tmp_path: Path) -> None:
    regions = ("aa", "bb", "cc")
    figures = [*_national(regions, 2021), ("aa", "population", 2021, 300, "metro"),
               ("bb", "population", 2021, 200, "metro"), ("cc", "population", 2021, 150, "city"),
               ("cc", GVA, 2021, 20, "city"), ("aa", GVA, 2021, 30, "metro"), ("bb", GVA, 2021, 25, "metro")]
    figure, _ = _shares(_with_shares(tmp_path, figures, regions), regions)
    assert _rows(figure)["cc"] == "CC · core city"  # its row says it: its bars need not
    assert _labels(figure)["cc", "Population"] == "Population: 15%"


def test_a_row_holds_only_the_bars_it_has(tmp_path: Path) -> None:
    regions = ("aa", "bb", "cc")
    figures = [*_national(regions, 2021), *[(r, "population", 2021, 100 + 50 * i, "metro")
                                           for i, r in enumerate(regions)], ("cc", GVA, 2021, 30, "metro")]
    figure, _ = _shares(_with_shares(tmp_path, figures, regions), regions)
    centres = sorted(y + o + trace["width"] / 2 for trace in figure["data"]
                     for y, o in zip(trace["y"], trace["offset"], strict=True))
    assert len(centres) == 4  # three population bars and one GVA bar: no empty slots for missing series
    span = figure["layout"]["yaxis"]["range"]
    assert span[1] - span[0] < 4 + 3 * 0.5  # four slots and the gaps between three rows, no more
    assert figure["layout"]["xaxis"]["visible"] is False  # each bar says its value


def test_the_labels_survive_a_slide_size_export_at_22_px(tmp_path: Path) -> None:
    regions = tuple(f"r{i:02d}" for i in range(10))
    figures = [*_national(regions, 2023), *_national(regions, 2021)]
    figures += [(r, "population", 2023, 50 + 10 * i, "metro") for i, r in enumerate(regions)]
    figures += [(r, GVA, 2021, 10 + 2 * i, "metro") for i, r in enumerate(regions)]
    figure, _ = _shares(_with_shares(tmp_path, figures, regions), regions)
    slide = for_slide(figure, plot_height=560)  # 1600x900 less title, subtitle and footer
    bars = [t for t in slide["data"] if t.get("type") == "bar"]
    assert all(t["textposition"] == "outside" and t["textfont"]["size"] == 22 for t in bars)
    assert all(t["constraintext"] == "none" for t in bars)  # never shrunk to the bar's thickness
    assert label_pitch(bars, slide["layout"], 560) >= 22  # the labels do not touch
    # before: a slot for every series in every row left 14 px a bar, and the slide export dropped the labels
