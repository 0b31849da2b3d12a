"""Eurostat's metropolitan-region tables through the dissemination API (JSON-stat 2.0).

``{base}/statistics/1.0/data/{code}?format=JSON&lang=EN&<dimension>=<code>...`` (Eurostat, "API Statistics
- data query"): one query per table for every metro code the data names and every country's national
row of the same table, all years. The national rows are the totals a share needs, read from the same
table and release as the metro figures, so a share never divides figures of two vintages. What each
table means (indicator, units, fixed dimensions) and the flag letters are those of the file importer
(``dashboard.data.eurostat``), so a download and an API answer of one table give the same figures.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from dashboard.data.eurostat import DATASETS, FLAGS, TITLES
from dashboard.refresh.http import Request
from dashboard.refresh.jsonstat import Cube, MalformedResponse
from dashboard.refresh.places import Places
from dashboard.refresh.series import Extract, Figure, flag_words

# Countries Eurostat publishes figures for (EU27 and EFTA): a region elsewhere (St. Petersburg) has no row.
EUROSTAT_COUNTRIES = frozenset((
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU",
    "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "CH", "IS", "LI", "NO"))
GEO_DIMENSIONS = ("metroreg", "geo")
TIME_DIMENSIONS = ("time", "TIME_PERIOD")
ANNUAL = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class EurostatTable:
    """One Eurostat table: its indicator, {unit code: factor to the indicator's unit}, fixed dimensions."""

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
        params: list[tuple[str, str]] = [("format", "JSON"), ("lang", "EN")]
        params += sorted(self.fixed.items())
        if len(self.units) == 1:  # several accepted units: let the table say which it has
            params.append(("unit", next(iter(self.units))))
        countries = sorted(c for c in places.countries if c in EUROSTAT_COUNTRIES)
        params += [("metroreg", code) for code in (*places.metro_codes, *countries)]
        return Request("GET", f"{base_url}/statistics/1.0/data/{self.code}?{urlencode(params)}")

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
                    out.held_back[f"cells with a flag ({cell.status}) but no value: stay missing"] += 1
                continue
            if not ANNUAL.match(period):
                out.held_back[f"periods that are not a year ({period})"] += 1
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
                out.held_back[f"figures of {code}: no territory in territories.csv has eurostat_code {code}"] += 1
            else:
                out.held_back["figures of areas the data does not use"] += 1
        return out


def _one_of(cube: Cube, names: tuple[str, ...]) -> str:
    for name in names:
        if name in cube.ids:
            return name
    raise MalformedResponse(f"no {' or '.join(names)} dimension (the response has {', '.join(cube.ids)})")


TABLES = tuple(EurostatTable.known(code) for code in DATASETS)
