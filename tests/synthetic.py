"""Small made-up datasets for logic tests, written as a real data folder and loaded the normal way: the one
builder of the tests (tests/unit/profile/synth.py only adds the indicators a profile reads).

The numbers are test values, not data: correcting a bundled figure never breaks a test built on these.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from dashboard.data import Dataset, load_dataset

REGIONS = ("aa", "bb", "cc", "dd", "ee")
DECLARED = ["per_capita_base", "per_capita_scale", "per_capita_unit", "national_total", "share_label", "icon"]
INDICATORS = [  # the columns of indicators.csv, then DECLARED
    ("population", "Population", "Population", "persons", "count", "Population", "1", "0",
     "", "", "", "national_population", "population", "bi-people-fill"),
    ("gdp", "GDP", "GDP", "EUR million", "amount", "Economy", "2", "0",
     "population", "1000000", "EUR per inhabitant", "", "", ""),
    ("universities", "Universities", "Universities", "count", "count", "Knowledge", "3", "0",
     "population", "1000000", "per million inhabitants", "", "", ""),
    ("national_population", "National population", "Nat. pop.", "persons", "count", "National totals", "", "0",
     "", "", "", "", "", ""),
]
KINDS = {"city": "city", "metro": "eurostat_metro", "fua": "fua", "county": "county_nuts", "other": "unspecified"}
SOURCES = [("src", "Test office", "Test table", "http://127.0.0.1/t", "2026", "official"),
           ("copy", "Somebody", "A copy", "http://127.0.0.1/c", "2026", "secondary")]
INDICATOR_COLUMNS = ["indicator_id", "label", "short_label", "unit", "kind", "category", "kpi_order", "decimals",
                     "description"]


class Row(NamedTuple):
    """One test figure, with what a tuple of ``build`` cannot say (a qualifier, an approximate year)."""

    region: str
    indicator: str
    year: int
    value: float
    suffix: str = "metro"
    qualifier: str = ""
    source: str = "src"
    series_break: bool = False
    approx: bool = False


def indicator_rows(extra: Iterable[Mapping[str, str]] = (), **changes: Mapping[str, str]) -> list[dict[str, str]]:
    """INDICATORS as rows of indicators.csv ({column: value}), the row of an id in ``changes`` updated with
    ``changes[id]``, then the ``extra`` rows (missing columns are empty)."""
    rows = [dict(zip([*INDICATOR_COLUMNS, *DECLARED], (*row[:8], "test", *row[8:]), strict=True)) for row in INDICATORS]
    return [{**row, **changes.get(row["indicator_id"], {})} for row in rows] + [dict(row) for row in extra]


def _row(figure: tuple | Row) -> Row:
    """A tuple (region, indicator, year, value, suffix[, series_break[, source]]) as a Row."""
    if isinstance(figure, Row):
        return figure
    region, indicator, year, value, suffix, *rest = figure
    return Row(region, indicator, year, value, suffix, series_break=bool(rest and rest[0]),
               source=rest[1] if len(rest) > 1 else "src")


def _write(path: Path, header: list[str], rows: Iterable[Iterable[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def build(folder: Path, figures: Iterable[tuple | Row], regions: tuple[str, ...] = REGIONS,
          networks: dict[str, str] | None = None, *, indicators: Sequence[Mapping[str, str]] | None = None,
          sources: Sequence[tuple] = SOURCES, gaps: Mapping[tuple[str, str, str], str] | None = None,
          region_changes: Mapping[str, Mapping[str, str]] | None = None,
          eurostat_codes: Mapping[str, str] | None = None) -> Dataset:
    """``figures``: (region, indicator, year, value, territory suffix[, series_break[, source]]) or Rows, with
    the territory ``{region}_{suffix}`` of kind KINDS[suffix] ('nat' for the country); edition follows the year.
    ``networks``: region -> regions.csv's ``network`` (the column is written only when given).
    ``indicators``: rows of indicators.csv as {column: value} (default INDICATORS); ``sources``: rows of
    sources.csv; ``gaps``: (region, indicator, edition) -> the reason gaps.csv gives (no file when None);
    ``region_changes``: region -> {column: value} of regions.csv (a new column is empty for the others);
    ``eurostat_codes``: territory id -> territories.csv's ``eurostat_code``."""
    folder.mkdir(parents=True, exist_ok=True)
    network = ["network"] if networks is not None else []
    header = ["region_id", "name", "country", "country_name", "lat", "lon", "eurostat_metro_code", "capital",
              "baltmet_inno_role", *network]
    table = [dict(zip(header, (r, r.upper(), "FI", "Finland", 60, 25, f"{r.upper()[:2]}001MC", "true", "",
                               *([networks.get(r, "")] if networks is not None else [])), strict=True))
             for r in regions]
    table = [{**row, **(region_changes or {}).get(row["region_id"], {})} for row in table]
    header = list(dict.fromkeys(column for row in table for column in row)) or header
    _write(folder / "regions.csv", header, [[row.get(column, "") for column in header] for row in table])
    indicators = indicator_rows() if indicators is None else indicators
    header = list(dict.fromkeys(column for row in indicators for column in row))
    _write(folder / "indicators.csv", header, [[row.get(column, "") for column in header] for row in indicators])
    _write(folder / "sources.csv", ["source_id", "publisher", "title", "url", "accessed", "kind"], sources)
    if gaps is not None:
        _write(folder / "gaps.csv", ["region_id", "indicator_id", "edition", "reason"],
               [(*key, reason) for key, reason in gaps.items()])
    codes = eurostat_codes or {}
    territories = [(f"{r}_{s}", r, kind, f"{r.upper()} {s}", f"the {s} of {r}", codes.get(f"{r}_{s}", ""), "")
                   for r in regions for s, kind in KINDS.items()]
    territories.append(("nat", "", "country", "Finland (national total)", "the country", codes.get("nat", ""), ""))
    _write(folder / "territories.csv",
           ["territory_id", "region_id", "kind", "name", "definition", "eurostat_code", "source_id"], territories)
    rows = [(r.region, r.indicator, "baltmet" if r.year <= 2010 else "recent", r.year,
             "true" if r.approx else "false", r.value, r.qualifier, "nat" if r.suffix == "nat" else
             f"{r.region}_{r.suffix}", "", "true" if r.series_break else "", r.source, "")
            for r in map(_row, figures)]
    _write(folder / "values.csv",
           ["region_id", "indicator_id", "edition", "year", "year_approx", "value", "qualifier", "territory_id",
            "territory", "series_break", "source_id", "note"], rows)
    return load_dataset(folder)
