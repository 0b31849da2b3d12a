"""Metro regions summed from Eurostat's NUTS 3 answers, on small made-up answers: the composition rules
(a figure only when every part has one), the flags the parts bring (b breaks the line), the note, the
national rows, and the years before 2011 kept in the recent edition."""

from __future__ import annotations

import json
from decimal import Decimal
from urllib.parse import parse_qsl, urlsplit

from dashboard.data.compose import Composition
from dashboard.refresh.eurostat_api import EurostatTable, NutsTable
from dashboard.refresh.jsonstat import parse
from dashboard.refresh.places import Place, Places
from dashboard.refresh.rows import held_back_reason

TWO = Composition("XX001MC", "Twin", ("XX011", "XX012"), "NUTS 2021", "corroborated", "test")
GUESS = Composition("XX002M", "Guess", ("XX021",), "NUTS 2021", "assumed", "test")
NOWHERE = Composition("XX003M", "Nowhere", ("XX031",), "NUTS 2021", "proved", "test")
PLACES = Places(
    metro={"XX001MC": Place("twin", "xx001mc", "Twin metro"), "XX002M": Place("guess", "xx002m", "Guess metro"),
           "XX011": Place("twin", "twin_city", "Twin city")},
    metro_codes=("XX001MC", "XX002M", "XX011"),
    countries={"SE": [Place("twin", "sweden", "Sweden"), Place("guess", "sweden", "Sweden")]},
    indicators=frozenset({"population", "employment", "national_population", "national_employment"}),
    compositions=(TWO, GUESS, NOWHERE, Composition("XX011", "Twin city", ("XX011",), "NUTS 2021", "proved", "city")))
POPULATION = NutsTable.known("demo_r_pjanaggr3")
EMPLOYMENT = NutsTable.known("nama_10r_3empers")


def _answer(cells: dict[tuple[str, str], tuple[object, str]], **extra: list[str]) -> bytes:
    """A Eurostat JSON-stat 2.0 answer: geo x time cells (value or None, flags), plus fixed dimensions."""
    geos = sorted({g for g, _ in cells})
    times = sorted({t for _, t in cells})
    dims = {"freq": ["A"], **extra, "geo": geos, "time": times}
    value, status = {}, {}
    for (g, t), (v, f) in cells.items():
        flat = geos.index(g) * len(times) + times.index(t)
        if v is not None:
            value[str(flat)] = v
        if f:
            status[str(flat)] = f
    return json.dumps({
        "version": "2.0", "class": "dataset", "id": list(dims), "size": [len(c) for c in dims.values()],
        "dimension": {d: {"category": {"index": {c: i for i, c in enumerate(codes)}}} for d, codes in dims.items()},
        "value": value, "status": status,
        "extension": {"status": {"label": {"b": "break in time series", "e": "estimated", "c": "confidential"}}}}
    ).encode()


def _population(cells: dict[tuple[str, str], tuple[object, str]]):
    body = _answer(cells, unit=["NR"], sex=["T"], age=["TOTAL"])
    return POPULATION.extract(parse(body), PLACES)


def test_a_metro_figure_is_the_sum_of_all_its_parts_with_their_flags() -> None:
    extract = _population({("XX011", "2021"): (100, ""), ("XX012", "2021"): (200, "e"),
                           ("XX011", "2022"): (110, "b"), ("XX012", "2022"): (210, "e")})
    metro = {f.year: f for f in extract.figures if f.territory_id == "xx001mc"}
    assert metro[2021].value == 300 and metro[2021].flags == "e (estimated)" and not metro[2021].series_break
    assert metro[2022].value == 320 and metro[2022].flags == "b (break in time series), e (estimated)"
    assert metro[2022].series_break  # a part's break is the sum's break
    assert metro[2021].detail.startswith("XX001MC Twin = sum of its NUTS 3 regions (NUTS 2021) XX011 100 + XX012 200;")
    assert "composition corroborated" in metro[2021].detail and metro[2021].region_id == "twin"


def test_a_partial_sum_is_no_figure() -> None:
    extract = _population({("XX011", "2021"): (100, ""), ("XX011", "2022"): (110, ""),
                           ("XX012", "2022"): (None, "c"), ("XX011", "2023"): (120, "")})
    assert not [f for f in extract.figures if f.territory_id == "xx001mc"]
    assert extract.held_back["XX001MC: no figure for XX012 in 2021–2023, so no sum (a partial sum is not a "
                              "figure): stay missing"] == 3
    assert [(f.year, f.value) for f in extract.figures if f.territory_id == "twin_city"] == \
        [(2021, 100), (2022, 110), (2023, 120)]  # a city that is one NUTS 3 region: a composition of one


def test_an_assumed_composition_says_so_and_one_without_territory_is_held_back() -> None:
    extract = _population({("XX021", "2021"): (50, ""), ("XX031", "2021"): (70, ""), ("XX031", "2022"): (71, "")})
    guess = next(f for f in extract.figures if f.territory_id == "xx002m")
    assert "composition assumed" in guess.detail
    assert extract.held_back["sums for XX003M Nowhere: no territory in territories.csv has eurostat_code XX003M"] == 2


def test_national_rows_go_to_each_region_of_the_country_and_old_years_stay() -> None:
    extract = _population({("SE", "1995"): (8837496, ""), ("SE", "2022"): (10452326, "b"),
                           ("SE", "2023"): (None, "c")})
    national = sorted((f.region_id, f.year, f.value, f.series_break) for f in extract.figures)
    assert national == [("guess", 1995, 8837496, False), ("guess", 2022, 10452326, True),
                        ("twin", 1995, 8837496, False), ("twin", 2022, 10452326, True)]
    assert {f.indicator_id for f in extract.figures} == {"national_population"}
    assert extract.held_back["cells with a flag (c) but no value: stay missing"] == 1
    assert all(held_back_reason(f, PLACES.indicators) is None for f in extract.figures)  # 1995: recent edition


def test_thousands_are_persons_and_other_breakdowns_are_ignored() -> None:
    body = _answer({("XX011", "2021"): (946.91, ""), ("XX012", "2021"): (0.09, "")},
                   wstatus=["EMP"], nace_r2=["TOTAL"], unit=["THS_PER"])
    figure = next(f for f in EMPLOYMENT.extract(parse(body), PLACES).figures if f.territory_id == "xx001mc")
    assert figure.value == Decimal("947000") and "XX011 946910 + XX012 90" in figure.detail
    other = _answer({("XX011", "2021"): (1.0, ""), ("XX012", "2021"): (2.0, "")},
                    wstatus=["SAL"], nace_r2=["TOTAL"], unit=["THS_PER"])
    assert not EMPLOYMENT.extract(parse(other), PLACES).figures  # employees only: not employment


def test_decimal_sums_are_exact() -> None:
    gdp = NutsTable.known("nama_10r_3gdp")
    body = _answer({("XX011", "2021"): (0.1, ""), ("XX012", "2021"): (0.2, "")}, unit=["MIO_EUR"])
    figure = next(f for f in gdp.extract(parse(body), PLACES).figures if f.territory_id == "xx001mc")
    assert figure.value == Decimal("0.3")  # not 0.30000000000000004


def test_the_queries_name_what_the_compositions_need() -> None:
    url = POPULATION.request("https://ec.europa.eu/eurostat/api/dissemination", PLACES).url
    params = parse_qsl(urlsplit(url).query)
    assert [v for k, v in params if k == "geo"] == ["XX011", "XX012", "XX021", "XX031", "SE"]
    assert ("unit", "NR") in params and ("sex", "T") in params and ("age", "TOTAL") in params
    assert ("unit", "THS_PER") in parse_qsl(urlsplit(EMPLOYMENT.request("https://e", PLACES).url).query)
    metro = EurostatTable.known("met_pjanaggr3").request("https://e", PLACES).url
    assert [v for k, v in parse_qsl(urlsplit(metro).query) if k == "metroreg"] == ["XX001MC", "XX002M", "SE"]
