"""Change over time: since a base year, on one territory and source, ended by a series break."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.figures.map import build_map
from dashboard.figures.ranking import build_ranking
from dashboard.figures.trend import build_trend
from dashboard.measures import measure_title, measure_unit, points, resolve_since
from dashboard.state import ViewState
from dashboard.url_state import from_query, restore, to_query
from dashboard.view_rules import next_state
from tests.synthetic import REGIONS, Row, build


@pytest.fixture
def data(tmp_path: Path):
    return build(tmp_path, [
        ("aa", "population", 2013, 1000000, "metro"), ("aa", "population", 2015, 1000000, "metro"),
        ("aa", "population", 2023, 1100000, "metro"),
        ("bb", "population", 2015, 800000, "metro"), Row("bb", "population", 2021, 850000, series_break=True),
        ("bb", "population", 2023, 860000, "metro"),
        ("cc", "population", 2015, 300000, "city"), ("cc", "population", 2023, 1200000, "metro"),
        Row("dd", "population", 2015, 500000, source="copy"), ("dd", "population", 2023, 520000, "metro"),
        ("ee", "population", 2015, 900000, "metro"), ("ee", "population", 2023, 850000, "metro"),
    ])


def _by_region(data, measure: str, since: int | None = 2015, year: int | None = None) -> dict:
    return {p.region_id: p for p in points(data, REGIONS, "population", "recent", measure, year, "reported",
                                           since=since)}


def test_change_is_the_difference_and_the_percentage_since_the_base_year(data) -> None:
    change, pct = _by_region(data, "change"), _by_region(data, "change_pct")
    assert (change["aa"].value, pct["aa"].value) == (100000, 10)
    assert (change["ee"].value, pct["ee"].value) == (-50000, -5.56)
    assert change["aa"].how.replace("\u202f", " ") == "change 2015–2023: 1 000 000 → 1 100 000; +1.2% a year"
    assert (change["aa"].year, change["aa"].territory_id) == (2023, "aa_metro")


def test_a_break_in_the_series_ends_the_comparison_and_says_so(data) -> None:
    p = _by_region(data, "change_pct")["bb"]
    assert p.value is None
    assert p.missing == "A break in the series in 2021 ends the comparison with 2015."
    assert _by_region(data, "change_pct", since=2021)["bb"].value == 1.18  # from the break on it compares


def test_another_territory_or_source_in_the_base_year_is_refused_with_the_reason(data) -> None:
    pts = _by_region(data, "change")
    assert pts["cc"].value is None and "No figure for 2015 on this territory (CC metro)" in pts["cc"].missing
    assert "CC city instead" in pts["cc"].missing
    assert pts["dd"].value is None and "from another source (copy, not src)" in pts["dd"].missing
    assert _by_region(data, "change", since=2010)["aa"].missing == "No figure for 2010 on this territory (AA metro)."


def test_the_default_base_year_is_the_earliest_most_regions_can_compare_with(data) -> None:
    # aa, ee: 2015 (aa also 2013); bb from its 2021 break; cc and dd none: 2015 is shared by most
    assert resolve_since(data, REGIONS, "population", "recent", None, "reported") == 2015
    assert resolve_since(data, ("aa", "bb"), "population", "recent", None, "reported") == 2013  # a tie: earliest
    assert resolve_since(data, ("cc",), "population", "recent", None, "reported") == 2013  # none: ten years back
    assert _by_region(data, "change", since=None)["aa"].value == 100000
    assert measure_title(data, "population", "change_pct", 2015) == "Population, % change since 2015"
    assert measure_unit(data, "population", "change_pct") == "% change"


def test_an_empty_change_chart_says_nothing_compares_with_the_base_year(data) -> None:
    fig, _ = build_ranking(data, ("bb", "cc"), "bb", "population", "recent", "change", None, "reported", 2015)
    assert fig["layout"]["annotations"][0]["text"].endswith("<br>Choose a later year in 'Since'.")


def test_negative_changes_are_drawn_left_of_zero_and_as_open_rings(data) -> None:
    regions = REGIONS
    fig, meta = build_ranking(data, regions, "aa", "population", "recent", "change", None, "reported", 2015)
    bar = fig["data"][0]
    assert min(bar["x"]) == -50000 and fig["layout"]["xaxis"]["range"][0] < -50000
    assert fig["layout"]["xaxis"]["range"][1] > 100000
    assert meta.title == "Ranking: Population, change since 2015"
    missing = dict(meta.missing)
    assert "break in the series in 2021" in missing["BB"]
    fig, _ = build_map(data, regions, "aa", "population", "recent", "change_pct", None, "reported", 2015)
    marker = fig["data"][0]["marker"]
    assert all(size > 0 for size in marker["size"])
    assert sorted(marker["symbol"]) == ["circle", "circle-open"]


def test_the_trend_draws_each_line_relative_to_its_base_year_and_stops_at_a_break(data) -> None:
    fig, _ = build_trend(data, ("aa", "bb"), "aa", "population", "recent", "change", "reported", since=2015)
    lines = {t["name"]: (t["x"], t["y"]) for t in fig["data"]}
    assert lines["AA"] == ([2013, 2015, 2023], [0, 0, 100000])
    assert lines["BB"] == ([2015], [0])  # after the 2021 break nothing compares with 2015


def test_since_round_trips_through_the_url_and_is_validated_like_the_year(data) -> None:
    state, ignored = from_query(data, "?measure=change_pct&since=2015")
    assert (state.measure, state.since, ignored) == ("change_pct", 2015, [])
    assert to_query(data, state) == "?measure=change_pct&since=2015"
    assert restore(data, state.to_dict()) == state
    state, ignored = from_query(data, "?since=15")
    assert state.since is None and ignored == ["since=15 (not a year between 1990 and 2030)"]
    with pytest.raises(TypeError):
        ViewState.from_dict({**state.to_dict(), "since": True})
    assert next_state(data, "since-select", state, {"since-select": "2016"}).since == 2016
    assert next_state(data, "since-select", state, {"since-select": "default"}).since is None
