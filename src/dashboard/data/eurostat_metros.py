"""NUTS-level Eurostat tables -> metro-region figures, one vintage per series.

Each metro region declared in ``metro_compositions.csv`` whose code a territory carries is summed from
its NUTS 3 regions (compose.py); a city that is itself one NUTS 3 region (Land Berlin is DE300) is declared
there as a composition of one part, and each region's country from its NUTS 0 row, for national totals of
the same table and vintage. Several files of one table are several vintages: a series takes every year
the newest vintage has, then earlier years from the next older one, and so on; where it changes vintage
the line breaks (``series_break``), and the note says why, because two vintages are never joined (the
2026 file has Germany's 2023 on the Census-2022 basis, Eurostat's May-2024 metro table the old one; the
2016-2021 figures of Lithuania and Poland were revised between the 2023 and 2026 files). A Eurostat ``b``
flag breaks the line too.

A file copied line for line from Eurostat's own bulk download is Eurostat's (kind ``official``): the
copy that was read is named in ``data/eurostat/copies.csv`` (matched by the file's SHA-256), with its
vintage; an undeclared file is taken as the user's own download, newest in the order given.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard.data.compose import STATUSES, Cell, Composed, Composition, compose, flag_words
from dashboard.data.dataset import Dataset
from dashboard.data.limits import Refused, read_regular_file
from dashboard.data.problems import Problem
from dashboard.i18n import _, ngettext

COPIES_FILE = Path("eurostat") / "copies.csv"  # in a data folder
FLAG_QUALIFIER = (("e", "estimated"), ("p", "provisional"))  # the first flag a figure has sets its qualifier


@dataclass(frozen=True)
class NutsTable:
    """One NUTS-level file as read: its cells by (geo code, year), in the indicator's unit."""

    code: str  # demo_r_pjanaggr3
    title: str
    name: str  # the file as given
    indicator: str  # population
    national_indicator: str  # national_population
    cells: Mapping[tuple[str, int], Cell]
    digest: str  # SHA-256 of the file's text


@dataclass(frozen=True)
class Copy:
    """A stored copy of a Eurostat bulk file (a row of data/eurostat/copies.csv)."""

    file: str
    sha256: str
    table: str
    vintage: str  # 'bulk file of 28 Sep 2023'
    released: str  # ISO date or year: orders vintages
    copied_from: str  # 'owner/repo path @commit'
    url: str  # the copy read
    read: str  # when it was read


@dataclass
class EurostatImport:
    """What an import made: rows of values.csv and sources.csv, problems (FILE:ROW:COLUMN), notes."""

    values: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def frames(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        return pd.DataFrame(self.values), pd.DataFrame(self.sources)

    def extend(self, other: EurostatImport) -> None:
        self.values += other.values
        self.sources += other.sources
        self.problems += other.problems
        self.notes += other.notes


def read_copies(dataset: Dataset) -> dict[str, Copy]:
    """The declared stored copies of the dataset's folder, by SHA-256 (none when it declares none)."""
    path = Path(dataset.data_dir) / COPIES_FILE if dataset.data_dir else None
    if path is None or not path.is_file():
        return {}
    try:
        text = read_regular_file(path, str(path)).decode("utf-8-sig")
    except Refused:
        return {}
    rows = csv.DictReader(io.StringIO(text, newline=""))
    return {row["sha256"]: Copy(**{k: row.get(k) or "" for k in Copy.__dataclass_fields__}) for row in rows}


@dataclass(frozen=True)
class _Vintage:
    table: NutsTable
    copy: Copy | None
    order: tuple[int, str, int]  # declared ones by release, then undeclared in the order given

    @property
    def label(self) -> str:
        if self.copy:
            return self.copy.vintage
        return f"file {Path(self.table.name).name} (SHA-256 {self.table.digest[:12]})"

    @property
    def source_id(self) -> str:
        tail = "".join(ch for ch in self.copy.released if ch.isdigit()) if self.copy else self.table.digest[:12]
        return f"eurostat_{self.table.code}_{tail}"


def _vintages(tables: list[NutsTable], copies: Mapping[str, Copy]) -> dict[str, list[_Vintage]]:
    """Per table code, its files oldest first."""
    out: dict[str, list[_Vintage]] = {}
    for position, table in enumerate(tables):
        copy = copies.get(table.digest)
        if copy is None:  # the user's own download: newer than every stored copy, in the order given
            order: tuple[int, str, int] = (1, "", position)
        else:  # a release given as a year alone sorts after that year's dates
            order = (0, copy.released if len(copy.released) > 4 else f"{copy.released}-99", position)
        out.setdefault(table.code, []).append(_Vintage(table, copy, order))
    return {code: sorted(found, key=lambda v: v.order) for code, found in out.items()}


def _source_row(vintage: _Vintage, today: dt.date) -> dict:
    table, copy = vintage.table, vintage.copy
    if copy:
        accessed = f"{copy.vintage}; read {copy.read} in the copy {copy.copied_from}, copied line for line"
        url = copy.url
    else:
        accessed = f"imported {today.isoformat()} from {Path(table.name).name}"
        url = f"https://ec.europa.eu/eurostat/databrowser/view/{table.code}/default/table"
    return {"source_id": vintage.source_id, "publisher": "Eurostat",
            "title": f"{table.title} ({table.code}), {vintage.label}", "url": url, "accessed": accessed,
            "kind": "official"}


def _pick(series: list[tuple[_Vintage, dict[int, Composed]]]) -> list[tuple[_Vintage, Composed, bool]]:
    """(vintage, figure, first of a newer vintage) per year: the newest vintage's years, then only earlier
    years from each older one, so every vintage is one unbroken run of years."""
    picked: list[tuple[_Vintage, Composed]] = []
    floor: int | None = None
    for vintage, by_year in reversed(series):  # newest first
        years = [y for y, c in sorted(by_year.items()) if c.value is not None and (floor is None or y < floor)]
        picked += [(vintage, by_year[y]) for y in years]
        floor = years[0] if years else floor
    picked.sort(key=lambda p: p[1].year)
    return [(vintage, composed, index > 0 and picked[index - 1][0] is not vintage)
            for index, (vintage, composed) in enumerate(picked)]


def wording(composition: Composition) -> str:
    """How the figure's territory reads in Eurostat's terms: a metro region, or one NUTS 3 region (a city)."""
    if composition.parts == (composition.metro_code,):
        return f"NUTS 3 region {composition.metro_code} {composition.metro_name}"
    return f"Eurostat metro region {composition.metro_code} {composition.metro_name}"


def _qualifier(flags: str) -> str:
    return next((q for letter, q in FLAG_QUALIFIER if letter in flags), "")


def _number(value: float) -> str:
    text = f"{round(value, 3):.3f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def _note(table: NutsTable, vintage: _Vintage, composed: Composed, composition: Composition | None,
          changed_from: _Vintage | None) -> str:
    parts = " + ".join(f"{code} {_number(value)}" for code, value in composed.parts)
    if composition is not None and composition.parts == (composition.metro_code,):
        what = (f"Eurostat {table.code}, {vintage.label}: NUTS 3 region {parts} ({composition.nuts_version}; "
                f"{composition.check})")
    elif composition is not None:
        what = (f"Eurostat {table.code}, {vintage.label}: {composition.metro_code} = sum of its NUTS 3 regions "
                f"({composition.nuts_version}) {parts}; composition {STATUSES[composition.status]}")
    else:
        what = f"Eurostat {table.code}, {vintage.label}: NUTS 0 {parts}"
    notes = [what]
    if composed.flags:
        flagged = sorted({f for f in composed.flags})
        notes.append(f"flags {''.join(flagged)} ({flag_words(''.join(flagged))})")
    if changed_from is not None:
        notes.append(f"series break: from {composed.year} the {vintage.label}; earlier years from the "
                     f"{changed_from.label} (two vintages are not joined)")
    if composed.series_break:
        notes.append("series break: Eurostat flag b (break in time series)")
    return "; ".join(notes)


def _rows(region: str, indicator: str, territory: str, wording: str, series: list[tuple[_Vintage, dict[int, Composed]]],
          composition: Composition | None) -> list[dict]:
    picked = _pick(series)
    rows = []
    for index, (vintage, composed, changed) in enumerate(picked):
        previous = picked[index - 1][0] if changed else None
        rows.append({
            "region_id": region, "indicator_id": indicator, "edition": "recent", "year": composed.year,
            "year_approx": "false", "value": _number(composed.value or 0.0), "qualifier": _qualifier(composed.flags),
            "territory_id": territory, "territory": wording,
            "series_break": "true" if changed or composed.series_break else "",
            "source_id": vintage.source_id, "note": _note(vintage.table, vintage, composed, composition, previous),
        })
    return rows


def compose_tables(tables: list[NutsTable], dataset: Dataset, today: dt.date,
                   copies: Mapping[str, Copy] | None = None) -> EurostatImport:
    """Rows of values.csv and sources.csv for every declared metro region the dataset has a territory for,
    and its country's total, from NUTS-level tables (several vintages of one table allowed)."""
    copies = read_copies(dataset) if copies is None else copies
    out = EurostatImport()
    by_code = _vintages(tables, copies)
    compositions = dataset.compositions
    totals: set[tuple[str, str]] = set()  # (region, national indicator) written: once per region, not per territory
    for code, vintages in by_code.items():
        table0 = vintages[0].table
        for composition in compositions:
            territory = dataset.territory_for_code(composition.metro_code)
            if territory is None:
                out.notes.append(_("{table}: no territory has the code {code}: skipped", table=code,
                                   code=composition.metro_code))
                continue
            region = str(dataset.territory(territory)["region_id"])
            series = [(v, {c.year: c for c in compose(composition, v.table.cells)}) for v in vintages]
            rows = _rows(region, table0.indicator, territory, wording(composition), series, composition)
            taken = {int(r["year"]) for r in rows}
            for gap in (c for c in series[-1][1].values() if c.value is None and c.year not in taken):
                out.notes.append(f"{code} {composition.metro_code} {gap.year}: {gap.why_missing}")
            out.values += rows
            country = str(dataset.region(region)["country"])
            national = dataset.territory_for_code(country)
            if (national is not None and table0.national_indicator in dataset.indicators.index
                    and (region, table0.national_indicator) not in totals):
                totals.add((region, table0.national_indicator))
                whole = Composition(country, country, (country,), "NUTS 0", "proved", "the country itself")
                series = [(v, {c.year: c for c in compose(whole, v.table.cells)}) for v in vintages]
                out.values += _rows(region, table0.national_indicator, national, f"{country} (NUTS 0)", series, None)
    cited = {row["source_id"] for row in out.values}
    out.sources = [_source_row(v, today) for found in by_code.values() for v in found if v.source_id in cited]
    counted = {(r["indicator_id"]) for r in out.values}
    # Translators: {indicators} lists indicator ids; English keeps '(s)' in both forms (its wording is fixed)
    out.notes.append(ngettext("composed {n} figure(s) ({indicators}) from {files}",
                              "composed {n} figure(s) ({indicators}) from {files}", len(out.values),
                              indicators=", ".join(sorted(counted)),
                              files=ngettext("{n} NUTS-level file(s)", "{n} NUTS-level file(s)", len(tables))))
    return out
