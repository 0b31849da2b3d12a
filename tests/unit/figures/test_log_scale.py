"""The log scale (issue 26): the trend's y axis and the scatter's axes are logarithmic, and a value ≤ 0, which a
log axis cannot draw, is left out and named with its reason, never dropped silently."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import plotly.graph_objects as go
import pytest

from dashboard.export.naming import view_stem
from dashboard.figures.trend import LOG_EMPTY, NOT_ON_LOG, log_axis
from dashboard.state import default_state
from dashboard.views import CHARTS
from tests.synthetic import build


@pytest.fixture
def data(tmp_path: Path):
    return build(tmp_path, [
        *[(r, "population", y, v * (1 + (y - 2015) / 10), "metro")
          for r, v in (("aa", 1000), ("bb", 20000), ("cc", 300000)) for y in range(2015, 2019)],
        # gdp: bb is 0 in 2016 and 2017, cc is 0 in every year: neither can be drawn there on a log axis
        *[("aa", "gdp", y, 50 + y - 2015, "metro") for y in range(2015, 2019)],
        *[("bb", "gdp", y, 0 if y in (2016, 2017) else 900, "metro") for y in range(2015, 2019)],
        *[("cc", "gdp", y, 0, "metro") for y in range(2015, 2019)],
        *[(r, "universities", 2018, n, "metro") for r, n in (("aa", 2), ("bb", 5), ("cc", 9))],
    ])


def _state(data, **changes):
    return replace(default_state(data), focus="aa", peers=("bb", "cc"), edition="recent", basis="eurostat_metro",
                   **changes)


def test_linear_is_the_default_and_draws_linear_axes(data) -> None:
    fig, _ = CHARTS.by_name("trend").build(data, _state(data, indicator="gdp"))
    assert "type" not in fig["layout"]["yaxis"]


def test_the_trend_on_a_log_scale_leaves_out_values_at_or_below_zero_and_says_so(data) -> None:
    fig, meta = CHARTS.by_name("trend").build(data, _state(data, indicator="gdp", scale="log"))
    go.Figure(fig)  # a valid plotly figure
    assert fig["layout"]["yaxis"]["type"] == "log"
    drawn = {(t["customdata"][0][0], x): y for t in fig["data"] for x, y in zip(t["x"], t["y"], strict=True)}
    assert all(y > 0 for y in drawn.values())
    assert {x for r, x in drawn if r == "bb"} == {2015, 2018}  # its 0s left out ...
    assert "Not drawn on a log scale (value ≤ 0): BB (2016, 2017)." in meta.comparability.footnote  # ... and named
    assert ("CC", NOT_ON_LOG) in meta.missing  # nothing of cc can be drawn: listed as missing, with the reason
    assert all(p.value > 0 for _, _, p in meta.drawn)  # the table and downloads hold what is drawn
    _, linear_meta = CHARTS.by_name("trend").build(data, _state(data, indicator="gdp"))
    assert not linear_meta.missing and "log scale" not in linear_meta.comparability.footnote


def test_the_index_works_on_a_log_scale(data) -> None:
    fig, meta = CHARTS.by_name("trend").build(data, _state(data, measure="index", scale="log"))
    assert fig["layout"]["yaxis"]["type"] == "log"
    assert fig["data"] and all(y > 0 for t in fig["data"] for y in t["y"])
    assert not meta.missing


def test_the_scatter_on_a_log_scale_has_both_axes_log_and_names_what_it_leaves_out(data) -> None:
    state = _state(data, x="population", y="gdp", size="universities", year=2018, scale="log")
    fig, meta = CHARTS.by_name("scatter").build(data, state)
    go.Figure(fig)
    assert fig["layout"]["xaxis"]["type"] == fig["layout"]["yaxis"]["type"] == "log"
    assert [c[0] for c in fig["data"][0]["customdata"]] == ["aa", "bb"]
    assert meta.missing == (("CC", NOT_ON_LOG),)
    linear, linear_meta = CHARTS.by_name("scatter").build(data, replace(state, scale="linear"))
    assert len(linear["data"][0]["x"]) == 3 and not linear_meta.missing


def test_a_chart_with_nothing_to_draw_on_a_log_scale_says_why(data) -> None:
    state = replace(_state(data, indicator="gdp", scale="log"), focus="cc", peers=("cc",))
    fig, meta = CHARTS.by_name("trend").build(data, state)
    assert fig["layout"]["annotations"][-1]["text"] == LOG_EMPTY
    assert meta.missing == (("CC", NOT_ON_LOG),)


def test_only_the_trend_and_the_scatter_depend_on_the_scale() -> None:
    assert {view.name for view in CHARTS if "scale" in view.inputs} == {"trend", "scatter"}


def test_the_file_name_of_a_chart_on_a_log_scale_says_log(data) -> None:
    state = _state(data, scale="log")
    assert view_stem(data, state, CHARTS.by_name("trend"), "population", "2015-2018").endswith("_log")
    assert not view_stem(data, state, CHARTS.by_name("ranking"), "population", "2018").endswith("_log")
    assert not view_stem(data, replace(state, scale="linear"), CHARTS.by_name("trend"), "population",
                         "2015-2018").endswith("_log")



def _ticks_within(low: float, high: float) -> list[str]:
    settings = log_axis([low, high])
    return [text for value, text in zip(settings["tickvals"], settings["ticktext"], strict=True)
            if low <= value <= high]


def test_log_ticks_are_labelled_in_full() -> None:
    assert _ticks_within(500_000, 5_500_000) == ["500k", "1M", "2M", "5M"]  # plotly alone writes '2', '5'
    assert _ticks_within(0.02, 0.3) == ["0.02", "0.05", "0.1", "0.2"]
    assert log_axis([120, 180]) == {"type": "log"}  # within one decade, between two digits: plotly's own ticks
