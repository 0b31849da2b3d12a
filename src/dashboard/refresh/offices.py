"""The core cities' own figures from the national statistics offices' public APIs.

Two protocols, one answer format (JSON-stat):
- PxWeb (Statistics Finland and Statistics Sweden, API v1; Statistics Norway's PxWebApi v0): the data are
  a POST of ``{"query": [{"code": VAR, "selection": {"filter": "item", "values": [...]}}], "response":
  {"format": "json-stat2"}}`` to the table's URL; variables left out are eliminated (summed), so the
  answer is the total of both sexes and all ages.
- Statistics Denmark's StatBank API: ``GET {base}/data/{TABLE}/JSONSTAT?lang=en&VAR=v1,v2&Tid=*``.

Each table's reference date is said in every figure's note, and the year follows the data's convention
(data/README.md): a population on 31 December 2022 is the population on 1 January 2023.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from dashboard.refresh.http import Request
from dashboard.refresh.jsonstat import Cube
from dashboard.refresh.places import Places
from dashboard.refresh.series import Extract, Figure, flag_words

YEAR = re.compile(r"^(\d{4})$")
QUARTER = re.compile(r"^(\d{4})K([1-4])$")  # StatBank's quarters: 2023K1


@dataclass(frozen=True)
class OfficeTable:
    """One office table: which areas (code -> territory_id), which other variables, what date it counts."""

    base: str  # Settings.base_urls key
    publisher: str
    code: str  # the office's table code, as its pages cite it
    path: str  # below the base URL (PxWeb); the table id (StatBank)
    protocol: str  # "pxweb" or "statbank"
    area: str  # the area variable
    time: str  # the time variable
    areas: Mapping[str, str]  # area code -> territory_id in territories.csv
    selection: tuple[tuple[str, tuple[str, ...]], ...]  # other variables and the values kept
    indicator: str
    timing: str  # "jan1": the count on 1 January; "dec31": on 31 December; "quarter1": first day of Q1
    title: str

    @property
    def key(self) -> str:
        return f"{self.base}_" + re.sub(r"[^a-z0-9]+", "_", self.code.lower()).strip("_")

    def request(self, base_url: str, places: Places) -> Request:
        if self.protocol == "statbank":
            params = [("lang", "en"), (self.area, ",".join(self.areas))]
            params += [(var, ",".join(values)) for var, values in self.selection]
            params.append((self.time, "*"))
            return Request("GET", f"{base_url}/data/{self.path}/JSONSTAT?{urlencode(params, safe='*,')}")
        query = [{"code": self.area, "selection": {"filter": "item", "values": list(self.areas)}}]
        query += [{"code": var, "selection": {"filter": "item", "values": list(values)}}
                  for var, values in self.selection]
        body = json.dumps({"query": query, "response": {"format": "json-stat2"}}, ensure_ascii=False,
                          separators=(",", ":"))
        return Request("POST", f"{base_url}/{self.path}", body.encode("utf-8"))

    def _year(self, period: str) -> tuple[int | None, str]:
        """(the figure's year, the reference date in words), or (None, why not)."""
        if self.timing == "quarter1":
            match = QUARTER.match(period)
            if not match:
                return None, f"periods that are not quarters ({period})"
            if match[2] != "1":
                return None, "counts on the first day of quarters 2-4 (only 1 January is kept)"
            return int(match[1]), f"count on the first day of {match[1]}Q1, 1 January {match[1]}"
        match = YEAR.match(period)
        if not match:
            return None, f"periods that are not a year ({period})"
        year = int(match[1])
        if self.timing == "dec31":
            return year + 1, f"count on 31 December {year} (= 1 January {year + 1})"
        return year, f"count on 1 January {year}"

    def extract(self, cube: Cube, places: Places) -> Extract:
        areas = cube.dimension(self.area)
        cube.dimension(self.time)
        out = Extract()
        for cell in cube.observations():
            if any(cell.coords.get(var, values[0]) not in values for var, values in self.selection):
                continue
            code = cell.coords[self.area]
            if cell.value is None:
                if cell.status:
                    out.held_back[f"cells marked '{cell.status}' without a value: stay missing"] += 1
                continue
            territory_id = self.areas.get(code)
            place = places.territories.get(territory_id or "")
            if place is None:
                out.held_back[f"figures of area {code}: no territory for it in territories.csv"] += 1
                continue
            year, when = self._year(cell.coords[self.time])
            if year is None:
                out.held_back[when] += 1
                continue
            chosen = "".join(f", {var} {cell.coords.get(var, '')}" for var, _ in self.selection)
            out.figures.append(Figure(
                place.region_id, self.indicator, year, cell.value, place.territory_id,
                territory=f"{areas.labels.get(code, code)} ({self.publisher} area {code})",
                detail=f"{self.area} {code}{chosen}; {when}",
                flags=flag_words(cell.status, letters=False)))
        return out


STATISTICS_FINLAND_POPULATION = OfficeTable(
    "statfi", "Statistics Finland", "11ra", "StatFin/vaerak/statfin_vaerak_pxt_11ra.px", "pxweb",
    area="Alue", time="Vuosi", areas={"KU091": "helsinki_city"}, selection=(("Tiedot", ("vaesto",)),),
    indicator="population", timing="dec31", title="Key figures on population by region (population 31 Dec)")
STATISTICS_SWEDEN_POPULATION = OfficeTable(
    "scb", "Statistics Sweden", "BefolkningNy", "BE/BE0101/BE0101A/BefolkningNy", "pxweb",
    area="Region", time="Tid", areas={"0180": "stockholm_city", "1280": "malmo_city"},
    selection=(("ContentsCode", ("BE0101N1",)),), indicator="population", timing="dec31",
    title="Population by region, marital status, age and sex (population 31 December)")
STATISTICS_NORWAY_POPULATION = OfficeTable(
    "ssb", "Statistics Norway", "06913", "table/06913", "pxweb",
    area="Region", time="Tid", areas={"0301": "oslo_city"}, selection=(("ContentsCode", ("Folkemengde",)),),
    indicator="population", timing="jan1", title="Population 1 January and population changes during the year")
STATISTICS_DENMARK_POPULATION = OfficeTable(
    "dst", "Statistics Denmark", "FOLK1A", "FOLK1A", "statbank",
    area="OMRÅDE", time="Tid", areas={"101": "copenhagen_city"}, selection=(), indicator="population",
    timing="quarter1", title="Population on the first day of the quarter by region, sex, age and marital status")

TABLES = (STATISTICS_FINLAND_POPULATION, STATISTICS_SWEDEN_POPULATION, STATISTICS_NORWAY_POPULATION,
          STATISTICS_DENMARK_POPULATION)
