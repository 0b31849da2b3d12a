"""Each table asks for what the data needs and places every figure on a territory of territories.csv."""

from __future__ import annotations

import json
from decimal import Decimal
from urllib.parse import parse_qsl, urlsplit

import pytest

from dashboard.data.loader import load_dataset
from dashboard.refresh import eurostat_api, offices
from dashboard.refresh.http import FetchError, Request
from dashboard.refresh.jsonstat import parse
from dashboard.refresh.places import Places
from dashboard.refresh.series import SeriesFailed
from dashboard.refresh.settings import Settings
from tests.unit.refresh.conftest import TEST_DATA
from tests.unit.refresh.server import fixture

BASES = {"statfi": "https://fi/api/v1/en", "scb": "https://se1/ssd", "scb_v2": "https://se2/api/v2",
         "ssb": "https://no/api/v0/en", "ssb_v2": "https://no/api/pxwebapi/v2", "dst": "https://dk/v1",
         "eurostat": "https://eu"}


@pytest.fixture(scope="module")
def places() -> Places:
    return Places.of(load_dataset(TEST_DATA))


class Replies:
    """``ask`` for a series, from a table of answers by (method, URL); every request is recorded."""

    def __init__(self, answers: dict[tuple[str, str], bytes | FetchError]) -> None:
        self.answers, self.asked = answers, []

    def __call__(self, request: Request) -> bytes:
        self.asked.append((request.method, request.url))
        found = self.answers.get((request.method, request.url.split("?")[0]))
        if found is None:
            raise FetchError("http", "HTTP 404 Not Found", 404)
        if isinstance(found, FetchError):
            raise found
        return found


def test_places_follow_territories_csv(places: Places) -> None:
    assert places.metro["NO001MC"].territory_id == "no001mc"
    assert places.metro["SE003M"].territory_id == "se003m"  # Malmö's metro region is all of Skåne
    assert sorted(p.region_id for p in places.countries["SE"]) == ["malmo", "stockholm"]
    assert {p.territory_id for p in places.countries["SE"]} == {"sweden"}
    assert {c.metro_code for c in places.compositions} >= {"LV001MC", "DE002M", "FI002M"}
    assert places.nuts3_codes[:3] == ("DE600", "DE933", "DEF06")


def test_the_eurostat_query_names_every_code_and_national_row(places: Places) -> None:
    table = eurostat_api.EurostatTable.known("met_pjanaggr3")
    request = table.request("https://ec.europa.eu/eurostat/api/dissemination", places)
    parts = urlsplit(request.url)
    assert parts.path == "/eurostat/api/dissemination/statistics/1.0/data/met_pjanaggr3"
    params = parse_qsl(parts.query)
    assert ("format", "JSON") in params and ("sex", "T") in params and ("age", "TOTAL") in params
    assert ("unit", "NR") in params and request.method == "GET" and request.body is None
    geos = {v for k, v in params if k == "metroreg"}
    assert geos == {"DE002M", "DK001MC", "FI001MC", "LV001MC", "NO001MC", "SE001MC", "SE003M",
                    "DE", "DK", "FI", "LV", "NO", "SE"}


def test_eurostat_figures_land_on_their_territories(places: Places) -> None:
    table = eurostat_api.EurostatTable.known("met_10r_3emp")
    extract = table.extract(parse(fixture("eurostat_met_10r_3emp.json")), places)
    found = {(f.region_id, f.indicator_id, f.year, f.territory_id): f for f in extract.figures}
    assert found[("copenhagen", "employment", 2022, "dk001mc")].value == Decimal("1249300")  # thousands
    assert found[("oslo", "employment", 2021, "no001mc")].value == Decimal("496200")
    assert found[("helsinki", "national_employment", 2021, "finland")].value == Decimal("2600000")
    assert not any(f.detail.endswith("nace_r2 J") for f in extract.figures)  # one NACE section: not the total


def test_eurostat_flags_and_breaks(places: Places) -> None:
    table = eurostat_api.EurostatTable.known("met_pjanaggr3")
    extract = table.extract(parse(fixture("eurostat_met_pjanaggr3.json")), places)
    found = {(f.region_id, f.year, f.territory_id): f for f in extract.figures}
    assert found[("stockholm", 2022, "stockholm_county")].flags == "p (provisional)"
    assert found[("malmo", 2022, "se003m")].series_break and found[("malmo", 2021, "se003m")].flags == ""
    assert ("helsinki", 2010, "fi001mc") in found  # before 2011: kept, in the recent edition
    assert extract.held_back["figures of areas the data does not use"] == 6  # Berlin and Tallinn: not in the data
    assert ("stockholm", 2023, "sweden") in found and ("malmo", 2023, "sweden") in found  # one per region


def test_gdp_keeps_million_euro_only(places: Places) -> None:
    table = eurostat_api.EurostatTable.known("met_10r_3gdp")
    extract = table.extract(parse(fixture("eurostat_met_10r_3gdp.json")), places)
    helsinki = sorted(f.value for f in extract.figures if f.territory_id == "fi001mc")
    assert helsinki == [Decimal("98660.45"), Decimal("101230.5")]  # not the PPS figures


def test_an_office_table_is_asked_through_its_metadata(places: Places) -> None:
    settings = Settings(base_urls=BASES)
    ask = Replies({("GET", "https://fi/api/v1/en/StatFin/vaerak/11ra.px"): fixture("statfi_11ra_metadata.json"),
                   ("POST", "https://fi/api/v1/en/StatFin/vaerak/11ra.px"): fixture("statfi_11ra.json")})
    answer = offices.STATISTICS_FINLAND_POPULATION.answer(settings, places, ask)
    assert ask.asked == [("GET", "https://fi/api/v1/en/StatFin/vaerak/11ra.px"),
                         ("POST", "https://fi/api/v1/en/StatFin/vaerak/11ra.px")]
    assert answer.via == "PxWeb API v1 (StatFin/vaerak/11ra.px)" and answer.fallbacks == []
    assert b'"vaerak-vaesto"' in answer.request.body
    figures = {f.year: f for f in answer.read(parse(answer.body), places).figures}
    assert figures[2023].value == 664028 and figures[2023].territory_id == "helsinki_city"
    assert "count on 31 December 2022 (= 1 January 2023)" in figures[2023].detail
    assert 2009 in figures  # 31 December 2008: kept


def test_the_old_file_name_is_the_fallback(places: Places) -> None:
    old = "https://fi/api/v1/en/StatFin/vaerak/statfin_vaerak_pxt_11ra.px"
    ask = Replies({("GET", old): fixture("statfi_11ra_metadata_old.json"),
                   ("POST", old): fixture("statfi_11ra_old.json")})
    answer = offices.STATISTICS_FINLAND_POPULATION.answer(Settings(base_urls=BASES), places, ask)
    assert answer.via == "PxWeb API v1 (StatFin/vaerak/statfin_vaerak_pxt_11ra.px)"
    assert answer.fallbacks == ["PxWeb API v1 (StatFin/vaerak/11ra.px) metadata: HTTP 404 Not Found"]
    assert json.loads(answer.request.body)["query"][1] == {"code": "Tiedot",
                                                          "selection": {"filter": "item", "values": ["vaesto"]}}
    assert [f.value for f in answer.read(parse(answer.body), places).figures][-1] == 664028


def test_statistics_sweden_through_pxwebapi_2_then_api_v1(places: Places) -> None:
    v2 = Replies({("GET", "https://se2/api/v2/tables/TAB638/metadata"): fixture("scb_tab638_metadata.json"),
                  ("GET", "https://se2/api/v2/tables/TAB638/data"): fixture("scb_tab638.json")})
    answer = offices.STATISTICS_SWEDEN_POPULATION.answer(Settings(base_urls=BASES), places, v2)
    assert answer.via == "PxWebApi 2.0 (TAB638)" and answer.request.method == "GET"
    assert "valuecodes[Region]=0180,1280" in answer.request.url
    malmo = {f.year: f.value for f in answer.read(parse(answer.body), places).figures if f.region_id == "malmo"}
    assert malmo[2025] == 365000

    v1 = Replies({("GET", "https://se2/api/v2/tables/TAB638/metadata"): FetchError("http", "HTTP 410 Gone", 410),
                  ("GET", "https://se1/ssd/BE/BE0101/BE0101A/BefolkningNy"): fixture("scb_befolkningny_metadata.json"),
                  ("POST", "https://se1/ssd/BE/BE0101/BE0101A/BefolkningNy"): fixture("scb_befolkningny.json")})
    answer = offices.STATISTICS_SWEDEN_POPULATION.answer(Settings(base_urls=BASES), places, v1)
    assert answer.via == "PxWeb API v1 (BE/BE0101/BE0101A/BefolkningNy)"
    assert answer.fallbacks == ["PxWebApi 2.0 (TAB638) metadata: HTTP 410 Gone"]
    assert "Civilstand" not in answer.request.body.decode()  # eliminable: left out, the table sums it

    no_v2 = Settings(base_urls={k: v for k, v in BASES.items() if k != "scb_v2"})  # never a default address
    answer = offices.STATISTICS_SWEDEN_POPULATION.answer(no_v2, places, Replies(v1.answers))
    assert answer.fallbacks == ["PxWebApi 2.0 (TAB638): no base URL for scb_v2 (BALTMET_REFRESH_URL_SCB_V2)"]

    only_v1 = Replies(v1.answers)
    configured = Settings(base_urls=BASES, apis={"scb": ("v1",)})
    assert offices.STATISTICS_SWEDEN_POPULATION.answer(configured, places, only_v1).fallbacks == []
    assert not any("/api/v2/" in url for _, url in only_v1.asked)


def test_every_interface_failing_is_one_line_naming_each(places: Places) -> None:
    ask = Replies({("GET", "https://se2/api/v2/tables/TAB638/metadata"): fixture("scb_tab638_metadata.json"),
                   ("GET", "https://se2/api/v2/tables/TAB638/data"): b"{not json",
                   ("GET", "https://se1/ssd/BE/BE0101/BE0101A/BefolkningNy"): b'{"variables": []}'})
    with pytest.raises(SeriesFailed) as failed:
        offices.STATISTICS_SWEDEN_POPULATION.answer(Settings(base_urls=BASES), places, ask)
    assert str(failed.value) == ("PxWebApi 2.0 (TAB638): malformed response: not JSON (Expecting property name "
                                 "enclosed in double quotes at line 1 column 2); then PxWeb API v1 "
                                 "(BE/BE0101/BE0101A/BefolkningNy) metadata: the table's metadata lists no variables")


def test_a_population_on_31_december_is_the_next_1_january(places: Places) -> None:
    ask = Replies({("GET", "https://se1/ssd/BE/BE0101/BE0101A/BefolkningNy"): fixture("scb_befolkningny_metadata.json"),
                   ("POST", "https://se1/ssd/BE/BE0101/BE0101A/BefolkningNy"): fixture("scb_befolkningny.json")})
    answer = offices.STATISTICS_SWEDEN_POPULATION.answer(Settings(base_urls=BASES, apis={"scb": ("v1",)}), places, ask)
    extract = answer.read(parse(answer.body), places)
    malmo = {f.year: f for f in extract.figures if f.territory_id == "malmo_city"}
    assert malmo[2023].value == 357377 and "31 December 2022 (= 1 January 2023)" in malmo[2023].detail
    assert 2024 not in {f.year for f in extract.figures if f.territory_id == "stockholm_city"}  # '..': missing
    assert extract.held_back["cells marked '..' without a value: stay missing"] == 1


def test_statbank_keeps_the_first_quarter_only(places: Places) -> None:
    table = offices.STATISTICS_DENMARK_POPULATION
    request = table.request("https://api.statbank.dk/v1")
    assert request.url == "https://api.statbank.dk/v1/data/FOLK1A/JSONSTAT?lang=en&OMR%C3%85DE=101&Tid=*"
    extract = table.extract(parse(fixture("dst_folk1a.json")), places)
    assert [(f.year, f.value) for f in extract.figures] == [(2022, 644431), (2023, 653664), (2024, 660842)]
    assert {f.territory_id for f in extract.figures} == {"copenhagen_city"}


def test_an_area_without_a_territory_is_held_back(places: Places) -> None:
    table = offices.PxTable(**{**offices.STATISTICS_NORWAY_POPULATION.__dict__, "areas": {"0301": "no_such"}})
    ask = Replies({("GET", "https://no/api/v0/en/table/06913"): fixture("ssb_06913_metadata.json"),
                   ("POST", "https://no/api/v0/en/table/06913"): fixture("ssb_06913.json")})
    answer = table.answer(Settings(base_urls=BASES), places, ask)
    extract = answer.read(parse(answer.body), places)
    assert not extract.figures and sum(extract.held_back.values()) == 4
