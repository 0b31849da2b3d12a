"""The bundled data/ is complete, sourced and consistent. These fail when a table is edited badly."""

from __future__ import annotations

import pytest

from dashboard.data import Dataset
from dashboard.data.schema import EDITIONS

BALTMET = ["berlin", "copenhagen", "helsinki", "malmo", "oslo", "riga", "st_petersburg", "stockholm",
           "tallinn", "vilnius", "warsaw"]


def test_the_eleven_regions(dataset: Dataset) -> None:
    networks = dataset.regions["network"]  # the other regions are the wider network (test_wider_network.py)
    assert sorted(networks.index[networks == "baltmet"]) == BALTMET
    codes = dataset.regions["eurostat_metro_code"]
    assert (codes[codes.index != "st_petersburg"] != "").all()  # St. Petersburg has no Eurostat metro code
    assert dataset.regions[["lat", "lon"]].notna().all().all()


def test_every_value_is_traceable(dataset: Dataset) -> None:
    values = dataset.values
    assert values["source_id"].isin(dataset.sources.index).all()
    assert values["region_id"].isin(dataset.regions.index).all()
    assert values["indicator_id"].isin(dataset.indicators.index).all()
    assert (values["territory"].str.len() > 0).all()
    assert values["year"].between(1990, 2030).all()


def test_every_source_is_used_and_described(dataset: Dataset) -> None:
    cited = set(dataset.values["source_id"]) | set(dataset.territories["source_id"]) - {""}
    assert set(dataset.sources.index) == cited  # by a figure, or by a territory's definition
    assert (dataset.sources["publisher"].str.len() > 0).all()


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_every_region_has_a_population_in_each_edition(dataset: Dataset, edition: str) -> None:
    for region in BALTMET:
        assert dataset.figure(region, "population", edition) is not None, (region, edition)


def test_every_missing_kpi_has_a_documented_reason(dataset: Dataset) -> None:
    for edition in EDITIONS:
        for region in BALTMET:
            for kpi in dataset.kpi_ids:
                if dataset.figure(region, kpi, edition) is None:
                    assert (region, kpi, edition) in dataset.gaps, (region, kpi, edition)


def test_no_gap_contradicts_a_figure(dataset: Dataset) -> None:
    for region, kpi, edition in dataset.gaps:
        assert dataset.figure(region, kpi, edition) is None, (region, kpi, edition)


HELSINKI_PROFILE = {
    "population": 1_300_000, "population@city": 560_000, "share_national_population": 25,
    "share_national_employment": 29, "share_national_gva": 34, "universities": 9, "polytechnics": 9,
    "students": 100_000, "academic_staff": 9_000, "science_parks": 4, "employment": 700_000,
    "gva_per_capita_index_national": 144, "tertiary_educated_share": 40, "services_share_jobs": 80,
    "incubators": 10, "area_km2_metro": 3_000,
}


@pytest.mark.parametrize(("indicator", "expected"), HELSINKI_PROFILE.items())
def test_helsinki_matches_the_baltmet_inno_profile(dataset: Dataset, indicator: str, expected: float) -> None:
    indicator, _, basis = indicator.partition("@")  # population@city: the city's own figure
    row = dataset.figure("helsinki", indicator, "baltmet", 2007, basis or "reported")
    assert row is not None and row.value == expected
    assert row.source_id == "baltmet_inno_helsinki_profile"


def test_one_headline_per_key(dataset: Dataset) -> None:
    assert not dataset.values.duplicated(["region_id", "indicator_id", "edition", "year", "territory_id"]).any()


def test_editions_are_not_mixed(dataset: Dataset) -> None:
    """The BaltMet edition is the c. 2007 profiles; the recent edition is 2011 on, except the official series
    (Eurostat's, from 1990) that its trends run back through."""
    values = dataset.values
    assert values.loc[values["edition"] == "baltmet", "year"].max() <= 2010
    early = values[(values["edition"] == "recent") & (values["year"] <= 2010)]
    kinds = dataset.sources.loc[early["source_id"].unique(), "kind"]
    assert len(early) and (kinds == "official").all()


def test_every_figure_names_a_defined_territory(dataset: Dataset) -> None:
    bundled = dataset.values["territory_id"]
    assert bundled.isin(dataset.territories.index).all()
    assert not bundled.str.startswith("as worded").any()  # bundled figures never rely on wording alone
    assert (dataset.territories.loc[bundled.unique(), "definition"].str.len() > 10).all()


def test_national_totals_are_countries(dataset: Dataset) -> None:
    national = dataset.values[dataset.values["indicator_id"].str.startswith("national_")]
    kinds = dataset.territories.loc[national["territory_id"], "kind"]
    assert (kinds == "country").all()
    assert dataset.territories.loc[national["territory_id"], "name"].str.contains("national total").all()


def test_the_baltmet_regions_have_distinct_colours(dataset: Dataset) -> None:
    from dashboard.figures.theme import region_colours

    colours = region_colours(dataset)
    members = dataset.regions.index[dataset.regions["network"] == "baltmet"]  # however many the network has
    assert len({colours[r] for r in members}) == len(members)
