"""Dataset look-ups: default figure per edition, missing reasons, immutability. On made-up data
(tests/synthetic.py); the bundled figures are tested in tests/data."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from dashboard.data import Dataset
from dashboard.data.dataset import DEFAULT_GAP_REASON
from tests.synthetic import Row, build, indicator_rows

FIGURES = [Row("aa", "population", 2005, 1200, "fua", source="copy"), Row("aa", "population", 2007, 1300, "fua"),
           Row("aa", "population", 2009, 1400, "fua", source="copy"),
           Row("aa", "population", 2021, 1700), Row("aa", "population", 2023, 1750),
           Row("aa", "population", 2024, 600, "city")]


@pytest.fixture
def data(tmp_path: Path) -> Dataset:
    return build(tmp_path, FIGURES, gaps={("aa", "gdp", "baltmet"): "Only a 34 % share of the country's GVA."})


def test_baltmet_edition_shows_the_figure_nearest_2007(data: Dataset) -> None:
    figure = data.figure("aa", "population", "baltmet")  # 2005, 2007 and 2009: the profiles are c. 2007
    assert (figure.year, figure.value, figure.source_id) == (2007, 1300, "src")


def test_recent_edition_shows_the_latest_figure_of_the_widest_territory(data: Dataset) -> None:
    figure = data.figure("aa", "population", "recent")  # the metro region's 2023, not the city's 2024
    assert (figure.territory_id, figure.year, figure.value) == ("aa_metro", 2023, 1750)


def test_specific_year(data: Dataset) -> None:
    assert data.figure("aa", "population", "baltmet", 2005).value == 1200
    assert data.figure("aa", "population", "baltmet", 1999) is None


def test_missing_figure_has_a_reason(data: Dataset) -> None:
    assert data.figure("aa", "gdp", "baltmet") is None
    assert data.missing_reason("aa", "gdp", "baltmet") == "Only a 34 % share of the country's GVA."
    assert data.missing_reason("bb", "gdp", "baltmet") == DEFAULT_GAP_REASON  # no reason given: the general one


def test_dataset_is_frozen(dataset: Dataset) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        dataset.values = None  # type: ignore[misc]
    with pytest.raises(TypeError):
        dataset.gaps[("x", "y", "z")] = "no"  # type: ignore[index]


def test_kpis_in_card_order_whatever_the_order_of_the_file(tmp_path: Path) -> None:
    rows = indicator_rows()[::-1]
    assert [r["kpi_order"] for r in rows] == ["", "3", "2", "1"]  # the file lists them backwards
    assert build(tmp_path, [], indicators=rows).kpi_ids == ["population", "gdp", "universities"]


def test_a_years_figure_is_the_same_whether_or_not_its_whole_series_was_read(tmp_path: Path) -> None:
    figures = [Row("aa", "population", 2023, 1750), Row("aa", "population", 2023, 600, "city"),
               Row("aa", "population", 2022, 1700), Row("aa", "population", 2022, 590, "city")]
    cold, warm = build(tmp_path / "cold", figures), build(tmp_path / "warm", figures)
    warm.series("aa", "population", "recent")  # the whole series made first (a trend does this)
    for data in (cold, warm):
        assert data.figure("aa", "population", "recent", 2023).territory_id == "aa_metro"  # the wider territory
        assert data.figure("aa", "population", "recent", 2022, basis="city").value == 590
        assert data.figure("aa", "population", "recent", 2021) is None
        assert data.figure("aa", "population", "recent", 2022, basis="eurostat_metro").value == 1700


def test_the_figures_a_worker_keeps_made_are_bounded_and_lookups_stay_right(tmp_path: Path) -> None:
    figures = [Row(region, "population", year, 1000 + year, suffix)
               for region in ("aa", "bb") for year in (2020, 2021, 2022) for suffix in ("metro", "city")]
    data, fresh = build(tmp_path / "a", figures), build(tmp_path / "b", figures)
    index = data._index  # the bound is the index's; a small one here, so that a handful of figures exceeds it
    index.max_made = 3
    for _ in range(2):
        for region in ("aa", "bb"):
            assert data.series(region, "population", "recent") == fresh.series(region, "population", "recent")
            for year in (2020, 2021, 2022):
                assert data.figure(region, "population", "recent", year, "city") == \
                    fresh.figure(region, "population", "recent", year, "city")
                assert len(index._made) <= 3
