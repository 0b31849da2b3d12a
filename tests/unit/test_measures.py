"""Derived values come from figures of the same edition, territory and year, or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.data import load_dataset
from dashboard.measures import availability, measure_unit, points, region_point, round_derived, significant_digits
from tests.synthetic import build


@pytest.fixture
def data(tmp_path: Path):
    return build(tmp_path, [
        ("aa", "gdp", 2021, 98660, "metro"), ("aa", "population", 2021, 1733033, "metro"),
        ("aa", "population", 2023, 1750000, "metro"),  # another year: never the divisor for 2021
        ("aa", "population", 2021, 660000, "city"),  # another territory: never the divisor either
        ("bb", "gdp", 2021, 5000, "metro"), ("bb", "population", 2022, 900000, "metro"),
        ("cc", "gdp", 2021, 70970, "city"), ("cc", "population", 2021, 709037, "city"),
        ("aa", "national_population", 2021, 5533793, "nat"),
        ("aa", "universities", 2021, 9, "fua"), ("aa", "population", 2021, 1300000, "fua"),
    ])


def test_absolute_is_the_figure(data) -> None:
    p = region_point(data, "aa", "gdp", "recent", "absolute", None, "eurostat_metro")
    assert (p.value, p.year, p.source_ids, p.territory_id) == (98660, 2021, ("src",), "aa_metro")


def test_per_capita_divides_by_the_population_of_the_same_territory_and_year(data) -> None:
    p = region_point(data, "aa", "gdp", "recent", "per_capita", None, "eurostat_metro")
    assert p.value == 56930  # 98 660 m EUR / 1 733 033, to the 4 digits the GDP carries
    assert "divided by population 2021 (AA metro)" in p.how
    city = region_point(data, "cc", "gdp", "recent", "per_capita", None, "city")
    assert city.value == 100100  # a city's GDP over the same city's population
    bb = region_point(data, "bb", "gdp", "recent", "per_capita", None, "eurostat_metro")
    assert bb.value is None and bb.missing == "No population for BB metro in 2021 to divide by."


def test_per_capita_counts_are_per_million(data) -> None:
    p = region_point(data, "aa", "universities", "recent", "per_capita", None, "reported")
    assert p.value == 6.92  # 9 / 1 300 000 * 1e6, to 3 digits (at least 3, at most what the inputs carry)


def test_share_is_computed_from_a_national_total_of_the_same_year(data) -> None:
    p = region_point(data, "aa", "population", "recent", "share", 2021, "eurostat_metro")
    assert p.value == pytest.approx(31.32) and p.how.startswith("computed: share of Finland")


def test_derived_values_are_rounded_to_what_the_inputs_support() -> None:
    assert significant_digits(1_300_000) == 2 and significant_digits(98660) == 4 and significant_digits(0.25) == 2
    assert round_derived(63.1578947368421, 12, 19) == 63.2
    assert round_derived(63.1578947368421, 1234, 1957) == 63.16
    assert round_derived(0.00123456, 12345, 99999) == 0.001235


def test_measures_unavailable_are_explained(mini_dir) -> None:
    data = load_dataset(mini_dir)
    reasons = availability(data, "share_national_gva")
    assert reasons["absolute"] == "" and reasons["per_capita"] and reasons["share"]
    assert measure_unit(data, "population", "index") == "index, peers' average = 100"


def test_missing_stays_missing_in_every_measure(data) -> None:
    for measure in ("absolute", "per_capita", "share", "index"):
        p = points(data, ("aa", "dd"), "gdp", "recent", measure, None, "eurostat_metro", focus="aa")[1]
        assert p.value is None and p.missing



def test_per_capita_takes_the_next_preferred_figure_that_has_a_divisor(tmp_path: Path) -> None:
    """The metro GDP has no population of its own territory and year; 'as reported' then divides the
    functional urban area's GDP by that area's population of the same year, and says which; a like-with-like
    basis with nothing usable stays missing rather than borrowing another kind of territory."""
    data = build(tmp_path, [
        ("aa", "gdp", 2021, 98660, "metro"), ("aa", "population", 2023, 1750000, "metro"),
        ("aa", "gdp", 2021, 94000, "fua"), ("aa", "population", 2021, 1525000, "fua"),
        ("aa", "gdp", 2019, 90000, "fua"),  # no population in 2019: skipped too
    ])
    reported = region_point(data, "aa", "gdp", "recent", "per_capita", None, "reported")
    assert (reported.value, reported.territory_id, reported.year) == (61600, "aa_fua", 2021)  # to what 94 000 supports
    assert "divided by population 2021 (AA fua)" in reported.how
    metro = region_point(data, "aa", "gdp", "recent", "per_capita", None, "eurostat_metro")
    assert metro.value is None and metro.missing == "No population for AA metro in 2021 to divide by."
    assert region_point(data, "aa", "gdp", "recent", "absolute", None, "reported").territory_id == "aa_metro"


INDEX_FIGURES = {2020: {"aa": 1733033, "bb": 1234000, "cc": 98660, "dd": 512345},
                 2021: {"aa": 1700000, "bb": 1240000, "cc": 98700, "dd": 512345}}
# By hand: each value / the average of bb, cc, dd x 100, to the digits the inputs carry (at most 4, at least 3)
INDEX_VALUES = {2020: {"aa": 281.8, "bb": 200.6, "cc": 16.04, "dd": 83.31},  # every peer carries 4 digits or more
                2021: {"aa": 276.0, "bb": 201.0, "cc": 16.0, "dd": 83.0}}  # 1 240 000 and 98 700 carry 3


@pytest.fixture
def index_data(tmp_path: Path):
    return build(tmp_path, [(r, "population", year, value, "metro")
                            for year, values in INDEX_FIGURES.items() for r, value in values.items()])


def test_the_index_divides_by_the_peers_average_to_the_digits_every_input_carries(index_data) -> None:
    for year, expected in INDEX_VALUES.items():
        got = points(index_data, ("aa", "bb", "cc", "dd"), "population", "recent", "index", year, "eurostat_metro",
                     focus="aa")
        assert {p.region_id: p.value for p in got} == expected
        assert {p.how for p in got} == {"divided by the average of 3 peers"}
        peers_only = points(index_data, ("bb", "cc", "dd"), "population", "recent", "index", year,
                            "eurostat_metro", focus="")
        assert {p.region_id: p.value for p in peers_only} == {r: expected[r] for r in ("bb", "cc", "dd")}
        assert points(index_data, ("aa", "bb", "cc", "dd"), "population", "recent", "index", year,
                      "eurostat_metro", focus="aa") == got  # a cached answer is the same, and a fresh list


def test_absolute_points_are_each_regions_point_whatever_was_asked_before(index_data) -> None:
    """``points`` keeps each region's absolute point once asked (the key figures rank the focus among every
    peer on each focus change): the same points as ``region_point``, in the order asked, for any subset."""
    regions = ("dd", "aa", "cc", "bb", "ee")
    for asked in (regions, regions[::-1], ("cc",), regions):
        got = points(index_data, asked, "population", "recent", "absolute", 2020, "eurostat_metro")
        assert got == [region_point(index_data, r, "population", "recent", "absolute", 2020, "eurostat_metro")
                       for r in asked]
    assert points(index_data, ("ee",), "population", "recent", "absolute", 2020, "eurostat_metro")[0].value is None
