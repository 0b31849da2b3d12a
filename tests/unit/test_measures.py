"""Derived values come from figures of the same edition, territory and year, or not at all."""

from __future__ import annotations

import pytest

from dashboard.data import Dataset, load_dataset
from dashboard.measures import availability, measure_unit, points, region_point
from tests.conftest import MINI_TABLES


def test_absolute_is_the_figure(dataset: Dataset) -> None:
    p = region_point(dataset, "helsinki", "population", "baltmet", "absolute", None)
    assert (p.value, p.year, p.source_ids) == (1_300_000, 2007, ("baltmet_inno_helsinki_profile",))


def test_per_capita_needs_population_of_same_territory_and_year(dataset: Dataset) -> None:
    # Helsinki Region 2007: 9 universities, 1.3 million inhabitants, same profile.
    p = region_point(dataset, "helsinki", "universities", "baltmet", "per_capita", None)
    assert p.value == 6.9  # 9 / 1 300 000 * 1e6, rounded to the two digits '1.3 million' carries
    assert p.source_ids == ("baltmet_inno_helsinki_profile", "baltmet_inno_helsinki_profile")
    # Recent GDP is 2021, population 2023: no per-inhabitant figure is made up.
    gdp = region_point(dataset, "helsinki", "gdp", "recent", "per_capita", None)
    assert gdp.value is None and "2021" in gdp.missing


def test_share_computed_from_a_national_total_of_the_same_year(dataset: Dataset) -> None:
    p = region_point(dataset, "copenhagen", "population", "recent", "share", None)
    assert p.value == pytest.approx(2_109_733 / 5_932_654 * 100, abs=0.01)
    assert p.year == 2023 and p.how.startswith("computed")


def test_reported_share_of_the_same_year_wins(dataset: Dataset) -> None:
    p = region_point(dataset, "riga", "gdp", "recent", "share", None)
    assert (p.value, p.year, p.how) == (65.8, 2023, "share as reported by the source")


def test_index_averages_the_peers_to_100(dataset: Dataset) -> None:
    pts = points(dataset, ("helsinki", "stockholm", "oslo"), "population", "recent", "index", focus="helsinki")
    values = [p.value for p in pts]
    assert sum(values[1:]) / 2 == pytest.approx(100, abs=0.1)


def test_missing_stays_missing_in_every_measure(dataset: Dataset) -> None:
    for measure in ("absolute", "per_capita", "share", "index"):
        p = points(dataset, ("st_petersburg", "helsinki"), "gdp", "recent", measure)[0]
        assert p.value is None and p.missing


def test_availability_explains_disabled_measures(dataset: Dataset) -> None:
    assert availability(dataset, "population")["per_capita"].endswith("is not meaningful.")
    assert availability(dataset, "universities")["share"].startswith("The data has no national total")
    assert availability(dataset, "share_national_gva")["per_capita"].endswith("already a ratio.")
    assert availability(dataset, "gdp") == {"absolute": "", "index": "", "per_capita": "", "share": ""}


def test_units_follow_the_measure(dataset: Dataset) -> None:
    assert measure_unit(dataset, "gdp", "per_capita") == "EUR per inhabitant"
    assert measure_unit(dataset, "students", "per_capita") == "per 1 000 inhabitants"
    assert measure_unit(dataset, "universities", "per_capita") == "per million inhabitants"
    assert measure_unit(dataset, "population", "share") == "% of national total"


def test_per_capita_refuses_a_different_territory(mini_dir) -> None:
    values = mini_dir / "values.csv"
    values.write_text(MINI_TABLES["values.csv"] +
                      "helsinki,population,baltmet,2009,,580000,,City of Helsinki,city,profile,x\n", encoding="utf-8")
    (mini_dir / "indicators.csv").write_text(MINI_TABLES["indicators.csv"] +
                                             "students,Students,Students,persons,count,K,,0,d\n", encoding="utf-8")
    values.write_text(values.read_text() +
                      "helsinki,students,baltmet,2009,,100000,,Helsinki Region,metro,profile,x\n", encoding="utf-8")
    data = load_dataset(mini_dir)
    p = region_point(data, "helsinki", "students", "baltmet", "per_capita", 2009)
    assert p.value is None and "Helsinki Region" in p.missing
