"""Eurostat metro regions composed from their NUTS 3 regions, by a declared composition.

Eurostat's metropolitan-region tables (met_*) are sums of NUTS 3 regions. Where only the NUTS-level
tables are at hand (demo_r_pjanaggr3, nama_10r_3gdp, nama_10r_3empers), a metro figure is the sum of
its parts' figures of one year, one table and one vintage, and only when every part has a figure: a
partial sum is never a figure. The parts' flags travel with the sum (``e`` estimated, ``p``
provisional, ``b`` a break in series); a confidential or missing part leaves the year missing, with the
reason. Which NUTS 3 regions make up a metro region, and how far that is proved, is data
(``metro_compositions.csv``), never code.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dashboard.i18n import N_

# How far a composition is proved (metro_compositions.csv `status`), weakest last.
# (English, marked for the catalogs: translate where shown, with _(STATUSES[key]))
STATUSES: dict[str, str] = {
    "proved": N_("proved: its sums equal Eurostat's own metro-region table"),
    "corroborated": N_("corroborated: its sums equal third-party transcriptions of Eurostat's metro figures"),
    "assumed": N_("assumed, not verified against a Eurostat metro-region table"),
}
# Eurostat's observation flags (bulk TSV letters; SDMX-CSV OBS_FLAG / CONF_STATUS).
FLAGS: dict[str, str] = {
    "b": "break in time series", "c": "confidential", "d": "definition differs", "e": "estimated",
    "f": "forecast", "i": "see metadata", "m": "missing value", "n": "not significant", "p": "provisional",
    "r": "revised", "s": "Eurostat estimate", "u": "low reliability", "z": "not applicable",
}
WITHHELD = frozenset("cm")  # a part with one of these has no usable figure, whatever its cell holds


@dataclass(frozen=True)
class Composition:
    """One metro region as a set of NUTS 3 regions (a row of metro_compositions.csv)."""

    metro_code: str
    metro_name: str
    parts: tuple[str, ...]
    nuts_version: str
    status: str  # a key of STATUSES
    check: str  # how it was checked, in words

    @property
    def assumed(self) -> bool:
        return self.status == "assumed"


@dataclass(frozen=True)
class Cell:
    """One cell of a Eurostat table: the number (None for ':'), its flags, where it was read."""

    value: float | None
    flags: str = ""
    line: int = 0


@dataclass(frozen=True)
class Composed:
    """A metro region's figure for one year: the sum, or why there is none."""

    metro_code: str
    year: int
    value: float | None
    flags: str  # the union of the parts' flags, in Eurostat's letter order
    parts: tuple[tuple[str, float], ...]  # (NUTS 3 code, its figure), in the composition's order
    why_missing: str = ""  # '' when value is a figure

    @property
    def series_break(self) -> bool:
        return "b" in self.flags


def flag_words(flags: str) -> str:
    """'ep' -> 'e estimated, p provisional'."""
    return ", ".join(f"{f} {FLAGS.get(f, 'flag')}" for f in flags)


def _union(flag_sets: Sequence[str]) -> str:
    letters = {f for flags in flag_sets for f in flags}
    return "".join(sorted(letters))


def compose_year(composition: Composition, year: int, cells: Mapping[tuple[str, int], Cell]) -> Composed | None:
    """The sum of the composition's parts for ``year``; None when no part has a cell that year at all.

    A part without a figure (':' or absent), or confidential, leaves the year missing and says which."""
    found = {code: cells.get((code, year)) for code in composition.parts}
    if all(cell is None for cell in found.values()):
        return None
    lacking = [code for code, cell in found.items()
               if cell is None or cell.value is None or WITHHELD & set(cell.flags)]
    flags = _union([cell.flags for cell in found.values() if cell is not None])
    if lacking:
        withheld = [c for c in lacking if found[c] is not None and WITHHELD & set(found[c].flags)]  # type: ignore[union-attr]
        why = (f"no figure for {', '.join(lacking)} in {year}"
               + (f" (confidential or withheld: {', '.join(withheld)})" if withheld else "")
               + ("" if len(composition.parts) == 1
                  else f": the sum of {composition.metro_code}'s parts would be partial"))
        return Composed(composition.metro_code, year, None, flags, (), why)
    parts = tuple((code, float(found[code].value)) for code in composition.parts)  # type: ignore[union-attr,arg-type]
    total = math.fsum(value for _, value in parts)
    return Composed(composition.metro_code, year, total, flags, parts)


def compose(composition: Composition, cells: Mapping[tuple[str, int], Cell]) -> list[Composed]:
    """Every year any part has a cell for, oldest first: a figure or the reason there is none."""
    years = sorted({year for code, year in cells if code in composition.parts})
    out = [compose_year(composition, year, cells) for year in years]
    return [c for c in out if c is not None]


def parse_compositions(rows: Sequence[Mapping[str, str]]) -> list[Composition]:
    """Rows of metro_compositions.csv (already checked by the validator) as Compositions."""
    return [Composition(row["metro_code"], row["metro_name"], tuple(row["nuts3_codes"].split()),
                        row["nuts_version"], row["status"], row["check"]) for row in rows]
