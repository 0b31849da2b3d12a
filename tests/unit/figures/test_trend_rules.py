"""Honest time series: no line across a change of territory or a break in method; a fixed index peer set."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from dashboard.figures.trend import segments
from dashboard.measures import index_peer_set, points
from dashboard.state import default_state
from dashboard.views import CHARTS
from tests.synthetic import build


@pytest.fixture
def data(tmp_path: Path):
    return build(tmp_path, [
        # aa: the fua in 2013-2014, then the metro region; a break in method in 2017 within the metro region
        ("aa", "population", 2013, 1000, "fua"), ("aa", "population", 2014, 1010, "fua"),
        ("aa", "population", 2015, 1600, "metro"), ("aa", "population", 2016, 1610, "metro"),
        ("aa", "population", 2017, 1500, "metro", True), ("aa", "population", 2018, 1510, "metro"),
        # peers: bb has every year, cc only from 2016, dd only 2013
        *[("bb", "population", y, 2000 + y, "metro") for y in range(2013, 2019)],
        *[("cc", "population", y, 3000, "metro") for y in range(2016, 2019)],
        ("dd", "population", 2013, 500, "metro"),
    ])


def test_a_line_breaks_at_a_new_territory_and_at_a_break_in_method(data) -> None:
    runs = segments(data, "aa", "population", "recent", "absolute", "reported")
    assert [[p.year for p in run] for run in runs] == [[2013, 2014], [2015, 2016], [2017, 2018]]
    assert [run[0].territory_kind for run in runs] == ["fua", "eurostat_metro", "eurostat_metro"]


def test_the_trend_draws_each_run_as_its_own_trace_and_labels_the_step(data) -> None:
    state = replace(default_state(data), focus="aa", peers=("bb",), edition="recent", basis="reported")
    fig, meta = CHARTS.by_name("trend").build(data, state)
    aa = [t for t in fig["data"] if t["customdata"][0][0] == "aa"]
    assert [t["x"] for t in aa] == [[2013, 2014], [2015, 2016], [2017, 2018]]
    assert [t["line"]["dash"] for t in aa] == ["solid", "dot", "dot"]
    assert aa[1]["name"] == "AA: AA metro"  # the new segment says which territory it is
    assert "separate dotted segment: AA" in meta.comparability.footnote
    for trace in fig["data"]:  # no trace joins two territories
        assert len({c[5] for c in trace["customdata"]}) == 1


def test_on_one_basis_only_that_territory_is_drawn(data) -> None:
    runs = segments(data, "aa", "population", "recent", "absolute", "eurostat_metro")
    assert [[p.year for p in run] for run in runs] == [[2015, 2016], [2017, 2018]]


def test_the_index_keeps_one_set_of_peers_for_all_its_years(data) -> None:
    years, peers = index_peer_set(data, "aa", ("bb", "cc", "dd"), "population", "recent", "eurostat_metro")
    # aa's metro years are 2015-2018; bb has them all, cc only 2016-2018: 4 years x 1 peer < 3 x 2
    assert (years, peers) == ((2016, 2017, 2018), ("bb", "cc"))
    state = replace(default_state(data), focus="aa", peers=("bb", "cc", "dd"), edition="recent",
                    basis="eurostat_metro", measure="index")
    fig, meta = CHARTS.by_name("trend").build(data, state)
    assert {t["customdata"][0][0] for t in fig["data"]} == {"aa", "bb", "cc"}
    assert {x for t in fig["data"] for x in t["x"]} == {2016, 2017, 2018}
    assert "peers fixed for 2016–2018: BB, CC" in meta.comparability.footnote


def test_the_index_compares_the_focus_with_its_peers_not_with_itself(data) -> None:
    pts = points(data, ("aa", "bb", "cc"), "population", "recent", "index", 2016, "eurostat_metro", focus="aa")
    assert pts[0].value == 45.9  # 1610 / mean(4016, 3000) * 100, to 3 digits
    assert (pts[1].value + pts[2].value) / 2 == pytest.approx(100, abs=0.3)
    assert "average of 2 peers" in pts[0].how


def test_a_line_that_stops_early_is_named_off_the_line_that_runs_on(tmp_path: Path) -> None:
    # aa stops in 2015 at the height where bb runs on to 2018: aa's name must not sit on bb's line
    flat = build(tmp_path, [*[("aa", "population", y, 1000, "metro") for y in (2013, 2014, 2015)],
                            *[("bb", "population", y, 1000, "metro") for y in range(2013, 2019)]])
    state = replace(default_state(flat), focus="aa", peers=("bb",), edition="recent", basis="eurostat_metro")
    fig, _ = CHARTS.by_name("trend").build(flat, state)
    sides = {t["customdata"][0][0]: t["textposition"] for t in fig["data"]}
    assert sides["bb"] == "middle right" and sides["aa"] != "middle right"


def test_the_index_trend_values_are_each_years_peers_average_once(tmp_path: Path) -> None:
    """The index trend's values, by hand: each year's value / the fixed peers' average that year x 100, to the
    digits the inputs carry (the same values as ``points``, which tests/unit/test_measures.py checks)."""
    from tests.unit.test_measures import INDEX_FIGURES, INDEX_VALUES

    data = build(tmp_path, [(r, "population", year, value, "metro")
                            for year, values in INDEX_FIGURES.items() for r, value in values.items()])
    state = replace(default_state(data), focus="aa", peers=("bb", "cc", "dd"), edition="recent",
                    basis="eurostat_metro", measure="index")
    fig, _ = CHARTS.by_name("trend").build(data, state)
    drawn = {t["customdata"][0][0]: dict(zip(t["x"], t["y"], strict=True)) for t in fig["data"]}
    assert drawn == {r: {year: INDEX_VALUES[year][r] for year in INDEX_VALUES} for r in ("aa", "bb", "cc", "dd")}
