"""Eurostat's tables through the dissemination API (JSON-stat 2.0): metro regions as published, and as
composed from their NUTS 3 regions.

``{base}/statistics/1.0/data/{code}?format=JSON&lang=EN&<dimension>=<code>...`` (Eurostat, "API Statistics
- data query"), all years, one query per table:

- the metropolitan-region tables (met_pjanaggr3, met_10r_3gdp, met_10r_3emp) for every metro code the data
  names and every country's national row;
- the NUTS-level tables (demo_r_pjanaggr3, nama_10r_3gdp, nama_10r_3empers) for every NUTS 3 code of the
  metro regions declared in ``metro_compositions.csv`` and every country's NUTS 0 row. A metro figure is
  the sum of its parts by ``dashboard.data.compose`` (a year with a part missing or confidential has no
  figure; the parts' flags travel with the sum), filed on the territory whose ``eurostat_code`` is the
  metro code; its note names the parts with their values and how far the composition is proved.

The national rows are the totals a share needs, read from the same table and release as the regional
figures, so a share never divides figures of two vintages. Eurostat answers a filter code it does not know
with HTTP 200 and an empty dimension: such an answer has no figures, and the series fails saying so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from dashboard.data.compose import STATUSES, WITHHELD, Cell, Composition, compose
from dashboard.data.eurostat import DATASETS, FLAGS, TITLES
from dashboard.i18n import _
from dashboard.refresh.http import Request
from dashboard.refresh.jsonstat import Cube, MalformedResponse, Observation
from dashboard.refresh.places import Places
from dashboard.refresh.report import years_text
from dashboard.refresh.rows import number_text
from dashboard.refresh.series import Answer, Ask, Extract, Figure, flag_words
from dashboard.refresh.settings import Settings

# Countries Eurostat publishes figures for (EU27 and EFTA): a region elsewhere (St. Petersburg) has no row.
EUROSTAT_COUNTRIES = frozenset((
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU",
    "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "CH", "IS", "LI", "NO"))
GEO_DIMENSIONS = ("metroreg", "geo")
TIME_DIMENSIONS = ("time", "TIME_PERIOD")
ANNUAL = re.compile(r"^\d{4}$")
METRO_CODE = re.compile(r"^[A-Z]{2}\d{3}MC?$")  # DE001MC, DE002M; a NUTS 3 code (a city's territory) is not one
# The NUTS-level tables: indicator of a composed metro region, of a NUTS 0 row, the unit asked for and its
# factor to the indicator's unit, and the breakdown kept (Eurostat's codes, as in its downloads).
NUTS_TABLES: dict[str, tuple[str, str, str, Decimal, dict[str, str]]] = {
    "demo_r_pjanaggr3": ("population", "national_population", "NR", Decimal(1), {"sex": "T", "age": "TOTAL"}),
    "nama_10r_3gdp": ("gdp", "national_gdp", "MIO_EUR", Decimal(1), {}),
    "nama_10r_3empers": ("employment", "national_employment", "THS_PER", Decimal(1000),
                         {"nace_r2": "TOTAL", "wstatus": "EMP"}),
}
NUTS_TITLES = {
    "demo_r_pjanaggr3": "Population on 1 January by broad age group, sex and NUTS 3 region",
    "nama_10r_3gdp": "Gross domestic product (GDP) at current market prices by NUTS 3 region",
    "nama_10r_3empers": "Employment (thousand persons) by NUTS 3 region",
}


def _one_of(cube: Cube, names: tuple[str, ...]) -> str:
    for name in names:
        if name in cube.ids:
            return name
    # Translators: {names} are dimension codes such as "metroreg or geo".
    raise MalformedResponse(_("no {names} dimension (the response has {dimensions})", names=" or ".join(names),
                              dimensions=", ".join(cube.ids)))


def _url(base_url: str, code: str, fixed: Mapping[str, str], units: tuple[str, ...], geo: str,
         codes: tuple[str, ...]) -> str:
    params: list[tuple[str, str]] = [("format", "JSON"), ("lang", "EN")]
    params += sorted(fixed.items())
    if len(units) == 1:  # several accepted units: let the table say which it has
        params.append(("unit", units[0]))
    params += [(geo, c) for c in codes]
    return f"{base_url}/statistics/1.0/data/{code}?{urlencode(params)}"


def _countries(places: Places) -> tuple[str, ...]:
    return tuple(sorted(c for c in places.countries if c in EUROSTAT_COUNTRIES))


@dataclass(frozen=True)
class EurostatTable:
    """One metro-region table: its indicator, {unit code: factor to the indicator's unit}, fixed dimensions."""

    code: str
    indicator: str
    units: Mapping[str, float]
    fixed: Mapping[str, str] = field(default_factory=dict)
    publisher: str = "Eurostat"
    base: str = "eurostat"

    @classmethod
    def known(cls, code: str) -> EurostatTable:
        indicator, units, fixed = DATASETS[code]
        return cls(code, indicator, units, fixed)

    @property
    def key(self) -> str:
        return "eurostat_" + re.sub(r"[^a-z0-9]+", "_", self.code.lower())

    @property
    def title(self) -> str:
        return TITLES.get(self.code, self.code)

    def request(self, base_url: str, places: Places) -> Request:
        """Only metro codes go into a metro table's filter: Eurostat answers a code it does not know with an
        empty dimension, so one city's NUTS 3 code (a composition of one) would empty the whole answer."""
        codes = (*(c for c in places.metro_codes if METRO_CODE.match(c)), *_countries(places))
        return Request("GET", _url(base_url, self.code, self.fixed, tuple(self.units), "metroreg", codes))

    def answer(self, settings: Settings, places: Places, ask: Ask) -> Answer:
        request = self.request(settings.base_url(self.base), places)
        return Answer(request, ask(request), self.extract)

    def extract(self, cube: Cube, places: Places) -> Extract:
        geo = _one_of(cube, GEO_DIMENSIONS)
        time = _one_of(cube, TIME_DIMENSIONS)
        labels = cube.dimension(geo).labels
        out = Extract()
        for cell in cube.observations():
            if any(cell.coords.get(dim, value) != value for dim, value in self.fixed.items()):
                continue  # another breakdown of the table (an age group, a NACE section)
            unit = cell.coords.get("unit", next(iter(self.units)))
            if unit not in self.units:
                continue  # the same figures in another unit (PPS, per inhabitant)
            code, period = cell.coords[geo], cell.coords[time]
            if cell.value is None:
                if cell.status:
                    out.held_back[_("cells with a flag ({flag}) but no value: stay missing", flag=cell.status)] += 1
                continue
            if not ANNUAL.match(period):
                out.held_back[_("periods that are not a year ({period})", period=period)] += 1
                continue
            value = cell.value * Decimal(repr(self.units[unit]))
            flags = flag_words(cell.status, cube.status_labels, FLAGS)
            detail = f"metroreg {code}, unit {unit}" + "".join(f", {d} {v}" for d, v in sorted(self.fixed.items()))
            common = {"year": int(period), "value": value, "flags": flags, "series_break": "b" in cell.status}
            if code in places.metro:
                place = places.metro[code]
                out.figures.append(Figure(
                    place.region_id, self.indicator, territory_id=place.territory_id, detail=detail,
                    territory=f"Eurostat metro region {code} {labels.get(code, '')}".strip(), **common))
            elif code in places.countries:
                for place in places.countries[code]:
                    out.figures.append(Figure(
                        place.region_id, f"national_{self.indicator}", territory_id=place.territory_id,
                        detail=detail, territory=f"{labels.get(code, code)} (national total, Eurostat {code})",
                        **common))
            elif code in places.metro_codes:
                out.held_back[_("figures of {code}: no territory in territories.csv has eurostat_code {code}",
                                code=code)] += 1
            else:
                out.held_back[_("figures of areas the data does not use")] += 1
        return out


@dataclass(frozen=True)
class NutsTable:
    """One NUTS-level table, read for the NUTS 3 parts of the declared metro regions and the NUTS 0 rows."""

    code: str
    indicator: str
    national: str
    unit: str
    factor: Decimal
    fixed: Mapping[str, str] = field(default_factory=dict)
    publisher: str = "Eurostat"
    base: str = "eurostat"

    @classmethod
    def known(cls, code: str) -> NutsTable:
        indicator, national, unit, factor, fixed = NUTS_TABLES[code]
        return cls(code, indicator, national, unit, factor, fixed)

    @property
    def key(self) -> str:
        return "eurostat_" + re.sub(r"[^a-z0-9]+", "_", self.code.lower())

    @property
    def title(self) -> str:
        return TITLES.get(self.code) or NUTS_TITLES.get(self.code, self.code)

    def request(self, base_url: str, places: Places) -> Request:
        codes = (*places.nuts3_codes, *_countries(places))
        return Request("GET", _url(base_url, self.code, self.fixed, (self.unit,), "geo", codes))

    def answer(self, settings: Settings, places: Places, ask: Ask) -> Answer:
        request = self.request(settings.base_url(self.base), places)
        return Answer(request, ask(request), self.extract)

    def _cells(self, cube: Cube, out: Extract) -> dict[tuple[str, int], tuple[Decimal | None, str]]:
        """(geo, year) -> (value in the indicator's unit or None, flags), this table's breakdown only."""
        geo, time = _one_of(cube, GEO_DIMENSIONS), _one_of(cube, TIME_DIMENSIONS)
        cells: dict[tuple[str, int], tuple[Decimal | None, str]] = {}
        for cell in cube.observations():
            if not self._ours(cell):
                continue
            period = cell.coords[time]
            if not ANNUAL.match(period):
                out.held_back[_("periods that are not a year ({period})", period=period)] += 1
                continue
            value = cell.value * self.factor if cell.value is not None else None
            cells[(cell.coords[geo], int(period))] = (value, cell.status)
        return cells

    def _ours(self, cell: Observation) -> bool:
        if any(cell.coords.get(dim, value) != value for dim, value in self.fixed.items()):
            return False  # another breakdown of the table (an age group, a NACE section)
        return cell.coords.get("unit", self.unit) == self.unit

    def extract(self, cube: Cube, places: Places) -> Extract:
        out = Extract()
        cells = self._cells(cube, out)
        composable = {key: Cell(float(value) if value is not None else None, flags)
                      for key, (value, flags) in cells.items()}
        labels = cube.status_labels
        for composition in places.compositions:
            self._metro(composition, cells, composable, labels, places, out)
        for country in _countries(places):
            self._national(country, cells, labels, places, out)
        used = set(places.nuts3_codes) | set(_countries(places))
        others = sum(1 for geo, _ in cells if geo not in used)
        if others:
            out.held_back[_("figures of areas the data does not use")] += others
        return out

    def _metro(self, composition: Composition, cells: Mapping[tuple[str, int], tuple[Decimal | None, str]],
               composable: Mapping[tuple[str, int], Cell], labels: Mapping[str, str], places: Places,
               out: Extract) -> None:
        code = composition.metro_code
        place = places.metro.get(code)
        composed = compose(composition, composable)
        if place is None:
            years = [c.year for c in composed if c.value is not None]
            if years:
                out.held_back[_("sums for {code} {name}: no territory in territories.csv has eurostat_code {code}",
                                code=code, name=composition.metro_name)] += len(years)
            return
        partial: dict[tuple[str, ...], list[int]] = {}
        for result in composed:
            if result.value is None:
                lacking = tuple(part for part in composition.parts if _unusable(cells.get((part, result.year))))
                partial.setdefault(lacking, []).append(result.year)
                continue
            parts = [(part, cells[(part, result.year)][0]) for part in composition.parts]
            total = sum((value for _, value in parts if value is not None), Decimal(0))
            if abs(float(total) - result.value) > 1e-6 * max(1.0, abs(result.value)):
                raise MalformedResponse(_("the sum of {code}'s parts in {year} does not add up", code=code,
                                          year=result.year))
            summed = " + ".join(f"{part} {number_text(value)}" for part, value in parts if value is not None)
            fixed = "".join(f", {d} {v}" for d, v in sorted(self.fixed.items()))
            status = STATUSES.get(composition.status, composition.status)
            detail = (f"{code} {composition.metro_name} = sum of its NUTS 3 regions ({composition.nuts_version}) "
                      f"{summed}; unit {self.unit}{fixed}; composition {status}")
            out.figures.append(Figure(
                place.region_id, self.indicator, result.year, total, place.territory_id,
                territory=f"Eurostat metro region {code} {composition.metro_name}, composed of NUTS 3 "
                          f"{' '.join(composition.parts)}",
                detail=detail, flags=flag_words(result.flags, labels, FLAGS), series_break=result.series_break))
        for lacking, years in partial.items():
            out.held_back[_("{code}: no figure for {parts} in {years}, so no sum (a partial sum is not a figure): "
                            "stay missing", code=code, parts=", ".join(lacking), years=years_text(years))] += len(years)

    def _national(self, country: str, cells: Mapping[tuple[str, int], tuple[Decimal | None, str]],
                  labels: Mapping[str, str], places: Places, out: Extract) -> None:
        for (geo, year), (value, flags) in sorted(cells.items()):
            if geo != country:
                continue
            if value is None:
                if flags:
                    out.held_back[f"cells with a flag ({flags}) but no value: stay missing"] += 1
                continue
            fixed = "".join(f", {d} {v}" for d, v in sorted(self.fixed.items()))
            for place in places.countries.get(country, []):
                out.figures.append(Figure(
                    place.region_id, self.national, year, value, place.territory_id,
                    territory=f"{country} (national total, Eurostat NUTS 0 {country})",
                    detail=f"geo {country} (NUTS 0), unit {self.unit}{fixed}",
                    flags=flag_words(flags, labels, FLAGS), series_break="b" in flags))


def _unusable(cell: tuple[Decimal | None, str] | None) -> bool:
    return cell is None or cell[0] is None or bool(WITHHELD & set(cell[1]))


METRO_TABLES = tuple(EurostatTable.known(code) for code in DATASETS)
NUTS_LEVEL_TABLES = tuple(NutsTable.known(code) for code in NUTS_TABLES)
TABLES = (*METRO_TABLES, *NUTS_LEVEL_TABLES)
