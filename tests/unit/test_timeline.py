"""The timeline: how many regions each year has, what the same year for all leaves out, and how the slider and
the year mode change the view (synthetic data)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from dashboard.components.timeline import slider_props, year_marks
from dashboard.state import ViewState
from dashboard.url_state import from_query, to_query
from dashboard.view_model import year_coverage, year_status
from dashboard.view_rules import next_state
from tests.synthetic import REGIONS, build


@pytest.fixture
def data(tmp_path: Path):
    return build(tmp_path, [
        ("aa", "population", 2015, 1000000, "metro"), ("aa", "population", 2020, 1100000, "metro"),
        ("aa", "population", 2023, 1200000, "metro"),
        ("bb", "population", 2015, 800000, "metro"), ("bb", "population", 2020, 850000, "metro"),
        ("cc", "population", 2020, 300000, "metro"), ("cc", "population", 2023, 310000, "metro"),
        ("dd", "population", 2020, 500000, "city"),  # another kind of territory: not on the metro basis
        ("ee", "population", 2015, 900000, "metro"), ("ee", "population", 2020, 950000, "metro"),
    ])


def _state(**changes) -> ViewState:
    return ViewState(focus="aa", peers=REGIONS, edition="recent", basis="eurostat_metro", **changes)


def test_each_year_counts_the_regions_with_a_figure_on_the_one_basis(data) -> None:
    cover = year_coverage(data, _state())
    assert cover.counts == ((2015, 3), (2020, 4), (2023, 2))  # dd's city figure is not a metro region's
    assert cover.total == 5 and cover.best_year == 2020


def test_the_same_year_for_all_names_what_it_leaves_out(data) -> None:
    cover = year_coverage(data, _state(year=2023))
    assert cover.left_out == ("bb", "dd", "ee") and cover.shown == 2
    said = year_status(data, _state(year=2023))
    assert said.startswith("2023: figures of Population for 2 of 5 regions.")
    assert "Left out (3): BB, DD, EE." in said


def test_each_regions_latest_says_its_years_and_what_one_year_would_cost(data) -> None:
    cover = year_coverage(data, _state())
    assert cover.shown_years == (2020, 2023) and cover.left_out == ("dd",)
    assert year_status(data, _state()) == ("Each region's latest figure (2020–2023). The same year for all (2020) "
                                           "would leave out 1 of 5 regions.")


def test_the_slider_stops_at_the_indicators_years_and_starts_at_the_best_year(data) -> None:
    props = slider_props(data, _state())
    assert (props["min"], props["max"], props["value"]) == (2015, 2023, 2020)
    assert list(props["marks"]) == [2015, 2020, 2023]
    assert slider_props(data, _state(year=2015))["value"] == 2015


def test_twenty_five_years_keep_a_label_every_five_and_both_ends() -> None:
    marks = year_marks(list(range(1999, 2024)))
    assert len(marks) == 25
    assert [y for y, label in marks.items() if label] == [1999, 2005, 2010, 2015, 2020, 2023]


def test_the_slider_and_the_mode_set_the_year_and_the_link_keeps_it(data) -> None:
    start = _state()
    moved = next_state(data, "year-slider", start, {"year-slider": 2015})
    assert moved.year == 2015
    assert next_state(data, "year-mode", moved, {"year-mode": "latest", "year-slider": 2015}).year is None
    assert next_state(data, "year-mode", start, {"year-mode": "same", "year-slider": 2020}).year == 2020
    assert next_state(data, "year-mode", start, {"year-mode": "same", "year-slider": 1999}).year == 2023
    query = to_query(data, moved)
    assert "year=2015" in query and from_query(data, query)[0].year == 2015


def test_a_slider_value_that_is_no_year_shows_each_regions_latest(data) -> None:
    start = replace(_state(), year=2020)
    for value in ("Infinity", 1e308, True, [2015], None):
        assert next_state(data, "year-slider", start, {"year-slider": value}).year is None


def test_a_step_to_a_year_without_figures_moves_on_in_its_direction(data) -> None:
    at_2020 = _state(year=2020)
    assert next_state(data, "year-slider", at_2020, {"year-slider": 2021}).year == 2023
    assert next_state(data, "year-slider", at_2020, {"year-slider": 2019}).year == 2015
    # from each region's latest the handle stood at the best year (2020): a step down goes down, a step up up
    assert next_state(data, "year-slider", _state(), {"year-slider": 2019}).year == 2015
    assert next_state(data, "year-slider", _state(), {"year-slider": 2021}).year == 2023


def test_when_one_year_covers_every_region_nothing_is_said_to_be_left_out(data) -> None:
    state = ViewState(focus="aa", peers=("aa", "bb", "ee"), edition="recent", basis="eurostat_metro")
    assert year_status(data, state) == "Each region's latest figure (2020–2023)."
