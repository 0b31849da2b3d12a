"""Dataset look-ups: default figure per edition, missing reasons, immutability."""

from __future__ import annotations

import dataclasses

import pytest

from dashboard.data import Dataset


def test_baltmet_edition_shows_the_figure_nearest_2007(dataset: Dataset) -> None:
    # Helsinki has 2005, 2007 and 2009 figures in the BaltMet edition; the profile is c. 2007.
    figure = dataset.figure("helsinki", "population", "baltmet")
    assert (figure.year, figure.value, figure.source_id) == (2007, 1_300_000, "baltmet_inno_helsinki_profile")


def test_recent_edition_shows_the_latest_figure(dataset: Dataset) -> None:
    figure = dataset.figure("helsinki", "population", "recent")
    # the widest territory (Uusimaa, FI001MC) and its latest year, whatever that year is in the data
    latest = max(f.year for f in dataset.series("helsinki", "population", "recent") if f.territory_id == "fi001mc")
    assert figure.territory_id == "fi001mc" and figure.year == latest


def test_specific_year(dataset: Dataset) -> None:
    assert dataset.figure("helsinki", "population", "baltmet", 2005).value == 1_240_482
    assert dataset.figure("helsinki", "population", "baltmet", 1999) is None


def test_missing_figure_has_a_reason(dataset: Dataset) -> None:
    assert dataset.figure("helsinki", "gdp", "baltmet") is None
    assert "34 %" in dataset.missing_reason("helsinki", "gdp", "baltmet")


def test_dataset_is_frozen(dataset: Dataset) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        dataset.values = None  # type: ignore[misc]
    with pytest.raises(TypeError):
        dataset.gaps[("x", "y", "z")] = "no"  # type: ignore[index]


def test_kpis_in_card_order(dataset: Dataset) -> None:
    assert dataset.kpi_ids == ["population", "employment", "gdp", "universities", "science_parks"]
