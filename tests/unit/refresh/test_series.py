"""Each table asks for what the data needs and places every figure on a territory of territories.csv."""

from __future__ import annotations

import json
from decimal import Decimal
from urllib.parse import parse_qsl, urlsplit

import pytest

from dashboard.data import Dataset
from dashboard.refresh import eurostat_api, offices
from dashboard.refresh.jsonstat import parse
from dashboard.refresh.places import Places
from tests.unit.refresh.server import fixture


@pytest.fixture(scope="module")
def places(dataset: Dataset) -> Places:
    return Places.of(dataset)


def test_places_follow_territories_csv(places: Places) -> None:
    assert places.metro["NO001MC"].territory_id == "oslo_city"  # Eurostat's Oslo metro code is the city
    assert places.metro["SE003M"].territory_id == "se003m"  # and Malmö's is all of Skåne
    assert "LV001MC" in places.metro_codes and "LV001MC" not in places.metro  # Riga: no territory has it
    assert sorted(p.region_id for p in places.countries["SE"]) == ["malmo", "stockholm"]
    assert {p.territory_id for p in places.countries["SE"]} == {"sweden"}


def test_the_eurostat_query_names_every_code_and_national_row(places: Places) -> None:
    table = eurostat_api.EurostatTable.known("met_pjanaggr3")
    request = table.request("https://ec.europa.eu/eurostat/api/dissemination", places)
    parts = urlsplit(request.url)
    assert parts.path == "/eurostat/api/dissemination/statistics/1.0/data/met_pjanaggr3"
    params = parse_qsl(parts.query)
    assert ("format", "JSON") in params and ("sex", "T") in params and ("age", "TOTAL") in params
    assert ("unit", "NR") in params and request.method == "GET" and request.body is None
    geos = {v for k, v in params if k == "metroreg"}
    assert {"FI001MC", "SE003M", "NO001MC", "FI", "SE", "NO", "DK"} <= geos
    assert "RU" not in geos  # Eurostat has no row for Russia


def test_eurostat_figures_land_on_their_territories(places: Places) -> None:
    table = eurostat_api.EurostatTable.known("met_10r_3emp")
    extract = table.extract(parse(fixture("eurostat_met_10r_3emp.json")), places)
    found = {(f.region_id, f.indicator_id, f.year, f.territory_id): f for f in extract.figures}
    assert found[("copenhagen", "employment", 2022, "dk001mc")].value == Decimal("1249300")  # thousands
    assert found[("oslo", "employment", 2021, "oslo_city")].value == Decimal("496200")
    assert found[("helsinki", "national_employment", 2021, "finland")].value == Decimal("2600000")
    assert not any(f.detail.endswith("nace_r2 J") for f in extract.figures)  # one NACE section: not the total


def test_eurostat_flags_and_breaks(places: Places) -> None:
    table = eurostat_api.EurostatTable.known("met_pjanaggr3")
    extract = table.extract(parse(fixture("eurostat_met_pjanaggr3.json")), places)
    found = {(f.region_id, f.year, f.territory_id): f for f in extract.figures}
    assert found[("stockholm", 2022, "stockholm_county")].flags == "p (provisional)"
    assert found[("malmo", 2022, "se003m")].series_break and found[("malmo", 2021, "se003m")].flags == ""
    assert extract.held_back["figures of LV001MC: no territory in territories.csv has eurostat_code LV001MC"] == 3
    assert ("stockholm", 2023, "sweden") in found and ("malmo", 2023, "sweden") in found  # one per region


def test_gdp_keeps_million_euro_only(places: Places) -> None:
    table = eurostat_api.EurostatTable.known("met_10r_3gdp")
    extract = table.extract(parse(fixture("eurostat_met_10r_3gdp.json")), places)
    helsinki = sorted(f.value for f in extract.figures if f.territory_id == "fi001mc")
    assert helsinki == [Decimal("98660.45"), Decimal("101230.5")]  # not the PPS figures


def test_a_pxweb_query_is_the_documented_json(places: Places) -> None:
    request = offices.STATISTICS_SWEDEN_POPULATION.request("https://api.scb.se/OV0104/v1/doris/en/ssd", places)
    assert request.method == "POST" and request.url.endswith("/ssd/BE/BE0101/BE0101A/BefolkningNy")
    assert json.loads(request.body) == {
        "query": [{"code": "Region", "selection": {"filter": "item", "values": ["0180", "1280"]}},
                  {"code": "ContentsCode", "selection": {"filter": "item", "values": ["BE0101N1"]}}],
        "response": {"format": "json-stat2"}}


def test_a_population_on_31_december_is_the_next_1_january(places: Places) -> None:
    extract = offices.STATISTICS_SWEDEN_POPULATION.extract(parse(fixture("scb_befolkningny.json")), places)
    malmo = {f.year: f for f in extract.figures if f.territory_id == "malmo_city"}
    assert malmo[2023].value == 357377 and "31 December 2022 (= 1 January 2023)" in malmo[2023].detail
    assert 2024 not in {f.year for f in extract.figures if f.territory_id == "stockholm_city"}  # '..': missing
    assert extract.held_back["cells marked '..' without a value: stay missing"] == 1


def test_statbank_keeps_the_first_quarter_only(places: Places) -> None:
    table = offices.STATISTICS_DENMARK_POPULATION
    request = table.request("https://api.statbank.dk/v1", places)
    assert request.url == "https://api.statbank.dk/v1/data/FOLK1A/JSONSTAT?lang=en&OMR%C3%85DE=101&Tid=*"
    extract = table.extract(parse(fixture("dst_folk1a.json")), places)
    assert [(f.year, f.value) for f in extract.figures] == [(2022, 644431), (2023, 653664), (2024, 660842)]
    assert {f.territory_id for f in extract.figures} == {"copenhagen_city"}


def test_an_area_without_a_territory_is_held_back(places: Places) -> None:
    table = offices.OfficeTable(**{**offices.STATISTICS_NORWAY_POPULATION.__dict__, "areas": {"0301": "no_such"}})
    extract = table.extract(parse(fixture("ssb_06913.json")), places)
    assert not extract.figures and sum(extract.held_back.values()) == 4
