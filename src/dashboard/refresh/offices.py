"""The core cities' own figures from the national statistics offices' public APIs.

- PxWeb (Statistics Finland, Statistics Sweden, Statistics Norway): each table is read from its metadata
  first (``pxweb``: which variable is the area, the time, the contents, under whatever codes the office
  uses this year), then asked for the city's population in every year. An office can be asked through
  more than one interface (Statistics Sweden: PxWebApi 2.0, then API v1, which it promises only through
  2026; Statistics Finland: the table's new file name, then its old one); the order is configuration
  (``Settings.apis``) and the next one is tried when one fails, the report saying which answered.
- Statistics Denmark's StatBank API: ``GET {base}/data/{TABLE}/JSONSTAT?lang=en&VAR=v1,v2&Tid=*``.

Each table's reference date is said in every figure's note, and the year follows the data's convention
(data/README.md): a population on 31 December 2022 is the population on 1 January 2023.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from urllib.parse import urlencode

from dashboard.i18n import _
from dashboard.refresh import pxweb
from dashboard.refresh.http import FetchError, Request
from dashboard.refresh.jsonstat import Cube, MalformedResponse, parse
from dashboard.refresh.places import Places
from dashboard.refresh.report import in_turn
from dashboard.refresh.series import Answer, Ask, Extract, Figure, SeriesFailed, flag_words
from dashboard.refresh.settings import MissingBaseURL, Settings

YEAR = re.compile(r"^(\d{4})$")
QUARTER = re.compile(r"^(\d{4})K([1-4])$")  # StatBank's quarters: 2023K1


def _year(timing: str, period: str) -> tuple[int | None, str]:
    """(the figure's year, the reference date in words), or (None, why not).

    The reference date goes into values.csv's note (data: in English); why not, into the report (translated).
    """
    if timing == "quarter1":
        match = QUARTER.match(period)
        if not match:
            return None, _("periods that are not quarters ({period})", period=period)
        if match[2] != "1":
            return None, _("counts on the first day of quarters 2-4 (only 1 January is kept)")
        return int(match[1]), f"count on the first day of {match[1]}Q1, 1 January {match[1]}"
    match = YEAR.match(period)
    if not match:
        return None, _("periods that are not a year ({period})", period=period)
    year = int(match[1])
    if timing == "dec31":
        return year + 1, f"count on 31 December {year} (= 1 January {year + 1})"
    return year, f"count on 1 January {year}"


def _key(prefix: str, code: str) -> str:
    return f"{prefix}_" + re.sub(r"[^a-z0-9]+", "_", code.lower()).strip("_")


@dataclass(frozen=True)
class Endpoint:
    """One way to reach a PxWeb table: the API, the base URL's Settings key, and the table below it."""

    api: str  # pxweb.V1 (PxWeb API v1; Statistics Norway's v0 is the same protocol) or pxweb.V2 (PxWebApi 2.0)
    base: str
    table: str  # v1: the path below the base (StatFin/vaerak/11ra.px); v2: the table id (TAB638)

    @property
    def name(self) -> str:
        return f"{pxweb.API_NAMES[self.api]} ({self.table})"

    def table_url(self, settings: Settings) -> str:
        base = settings.base_url(self.base)
        return f"{base}/tables/{self.table}" if self.api == pxweb.V2 else f"{base}/{self.table}"


@dataclass(frozen=True)
class PxTable:
    """A city population table of a PxWeb office, asked for by meaning, read under whatever codes it has."""

    office: str  # the Settings.apis key
    publisher: str
    code: str  # the office's table code, as its pages cite it
    endpoints: tuple[Endpoint, ...]
    wanted: pxweb.Wanted
    areas: Mapping[str, str]  # area code -> territory_id in territories.csv
    indicator: str
    timing: str  # "jan1": the count on 1 January; "dec31": on 31 December
    title: str

    @property
    def key(self) -> str:
        return _key(self.office, self.code)

    def routes(self, settings: Settings) -> list[Endpoint]:
        """The endpoints in the configured order of APIs (an API not configured is not asked)."""
        return [endpoint for api in settings.api_order(self.office) for endpoint in self.endpoints
                if endpoint.api == api]

    def answer(self, settings: Settings, places: Places, ask: Ask) -> Answer:
        failures: list[str] = []
        for endpoint in self.routes(settings):
            try:
                url = endpoint.table_url(settings)
            except MissingBaseURL as err:
                failures.append(f"{endpoint.name}: {err}")
                continue
            try:
                metadata = pxweb.read_metadata(endpoint.api, ask(pxweb.metadata_request(endpoint.api, url)))
                selection = pxweb.select(metadata, self.wanted)
            except (FetchError, MalformedResponse) as err:
                failures.append(_("{interface} metadata: {problem}", interface=endpoint.name, problem=err))
                continue
            request = pxweb.query_v2(url, selection) if endpoint.api == pxweb.V2 else pxweb.query_v1(url, selection)
            try:
                body = ask(request)
                parse(body)  # an answer that cannot be read is a reason to try the next interface
            except FetchError as err:
                failures.append(f"{endpoint.name}: {err}")
                continue
            except MalformedResponse as err:
                failures.append(_("{interface}: malformed response: {problem}", interface=endpoint.name,
                                  problem=err))
                continue
            return Answer(request, body, partial(self.extract, selection), endpoint.name, failures)
        if not failures:
            raise SeriesFailed(_("no interface configured (API order {order})",
                                 order=", ".join(settings.api_order(self.office))))
        raise SeriesFailed(in_turn(failures))

    def extract(self, selection: pxweb.Selection, cube: Cube, places: Places) -> Extract:
        kept = pxweb.coordinates(selection)
        return _extract(cube, places, selection.area, selection.time, kept, self.areas, self.indicator,
                        self.timing, self.publisher)


@dataclass(frozen=True)
class StatBankTable:
    """A Statistics Denmark StatBank table: fixed variable codes (the StatBank API has not renamed them)."""

    base: str
    publisher: str
    code: str
    area: str
    time: str
    areas: Mapping[str, str]
    indicator: str
    timing: str
    title: str

    @property
    def key(self) -> str:
        return _key(self.base, self.code)

    def request(self, base_url: str) -> Request:
        params = [("lang", "en"), (self.area, ",".join(self.areas)), (self.time, "*")]
        return Request("GET", f"{base_url}/data/{self.code}/JSONSTAT?{urlencode(params, safe='*,')}")

    def answer(self, settings: Settings, places: Places, ask: Ask) -> Answer:
        request = self.request(settings.base_url(self.base))
        return Answer(request, ask(request), self.extract)

    def extract(self, cube: Cube, places: Places) -> Extract:
        return _extract(cube, places, self.area, self.time, {}, self.areas, self.indicator, self.timing,
                        self.publisher)


def _extract(cube: Cube, places: Places, area: str, time: str, kept: Mapping[str, str], codes: Mapping[str, str],
             indicator: str, timing: str, publisher: str) -> Extract:
    """The figures of an office's table: its cells of the kept coordinates, each on the territory its area
    code stands for; a cell without a value, an area without a territory or a period without a year is
    held back and counted."""
    areas = cube.dimension(area)
    cube.dimension(time)
    out = Extract()
    for cell in cube.observations():
        if any(cell.coords.get(var, value) != value for var, value in kept.items()):
            continue
        code = cell.coords[area]
        if cell.value is None:
            if cell.status:
                out.held_back[_("cells marked '{flag}' without a value: stay missing", flag=cell.status)] += 1
            continue
        place = places.territories.get(codes.get(code) or "")
        if place is None:
            out.held_back[_("figures of area {code}: no territory for it in territories.csv", code=code)] += 1
            continue
        year, when = _year(timing, cell.coords[time])
        if year is None:
            out.held_back[when] += 1
            continue
        chosen = "".join(f", {var} {value}" for var, value in kept.items())
        out.figures.append(Figure(
            place.region_id, indicator, year, cell.value, place.territory_id,
            territory=f"{areas.labels.get(code, code)} ({publisher} area {code})",
            detail=f"{area} {code}{chosen}; {when}", flags=flag_words(cell.status, letters=False)))
    return out


STATISTICS_FINLAND_POPULATION = PxTable(
    "statfi", "Statistics Finland", "11ra",
    # the table's file name since 8 June 2026, then the one before (the metadata says which codes it has)
    (Endpoint(pxweb.V1, "statfi", "StatFin/vaerak/11ra.px"),
     Endpoint(pxweb.V1, "statfi", "StatFin/vaerak/statfin_vaerak_pxt_11ra.px")),
    pxweb.Wanted(("KU091",), "vaesto", "Population"), {"KU091": "helsinki_city"}, "population", "dec31",
    "Key figures on population by region (population 31 Dec)")
STATISTICS_SWEDEN_POPULATION = PxTable(
    "scb", "Statistics Sweden", "BefolkningNy",
    (Endpoint(pxweb.V2, "scb_v2", "TAB638"), Endpoint(pxweb.V1, "scb", "BE/BE0101/BE0101A/BefolkningNy")),
    pxweb.Wanted(("0180", "1280"), "BE0101N1", "Population"), {"0180": "stockholm_city", "1280": "malmo_city"},
    "population", "dec31", "Population by region, marital status, age and sex (population 31 December)")
STATISTICS_NORWAY_POPULATION = PxTable(
    "ssb", "Statistics Norway", "06913",
    (Endpoint(pxweb.V1, "ssb", "table/06913"), Endpoint(pxweb.V2, "ssb_v2", "06913")),
    pxweb.Wanted(("0301",), "Folkemengde", "Population 1 January"), {"0301": "oslo_city"}, "population", "jan1",
    "Population 1 January and population changes during the year")
STATISTICS_DENMARK_POPULATION = StatBankTable(
    "dst", "Statistics Denmark", "FOLK1A", area="OMRÅDE", time="Tid", areas={"101": "copenhagen_city"},
    indicator="population", timing="quarter1",
    title="Population on the first day of the quarter by region, sex, age and marital status")

TABLES = (STATISTICS_FINLAND_POPULATION, STATISTICS_SWEDEN_POPULATION, STATISTICS_NORWAY_POPULATION,
          STATISTICS_DENMARK_POPULATION)
