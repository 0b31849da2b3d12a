"""Small made-up datasets for logic tests, written as a real data folder and loaded the normal way.

The numbers are test values, not data: correcting a bundled figure never breaks a test built on these.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

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


def _write(path: Path, header: list[str], rows: Iterable[Iterable[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def build(folder: Path, figures: Iterable[tuple], regions: tuple[str, ...] = REGIONS,
          networks: dict[str, str] | None = None) -> Dataset:
    """``figures``: (region, indicator, year, value, territory suffix[, series_break]) with the territory
    ``{region}_{suffix}`` of kind KINDS[suffix] ('nat' for the country); edition follows the year.
    ``networks``: region -> regions.csv's ``network`` (the column is written only when given)."""
    folder.mkdir(parents=True, exist_ok=True)
    network = ["network"] if networks is not None else []
    _write(folder / "regions.csv",
           ["region_id", "name", "country", "country_name", "lat", "lon", "eurostat_metro_code", "capital",
            "baltmet_inno_role", *network],
           [(r, r.upper(), "FI", "Finland", 60, 25, f"{r.upper()[:2]}001MC", "true", "",
             *([networks.get(r, "")] if networks is not None else [])) for r in regions])
    _write(folder / "indicators.csv",
           ["indicator_id", "label", "short_label", "unit", "kind", "category", "kpi_order", "decimals",
            "description", *DECLARED], [(*row[:8], "test", *row[8:]) for row in INDICATORS])
    _write(folder / "sources.csv", ["source_id", "publisher", "title", "url", "accessed", "kind"],
           [("src", "Test office", "Test table", "http://127.0.0.1/t", "2026", "official"),
            ("copy", "Somebody", "A copy", "http://127.0.0.1/c", "2026", "secondary")])
    territories = [(f"{r}_{s}", r, kind, f"{r.upper()} {s}", f"the {s} of {r}", "", "")
                   for r in regions for s, kind in KINDS.items()]
    territories.append(("nat", "", "country", "Finland (national total)", "the country", "", ""))
    _write(folder / "territories.csv",
           ["territory_id", "region_id", "kind", "name", "definition", "eurostat_code", "source_id"], territories)
    rows = []
    for region, indicator, year, value, suffix, *rest in figures:
        territory = "nat" if suffix == "nat" else f"{region}_{suffix}"
        brk = "true" if rest and rest[0] else ""
        source = rest[1] if len(rest) > 1 else "src"
        rows.append((region, indicator, "baltmet" if year <= 2010 else "recent", year, "false", value, "",
                     territory, "", brk, source, ""))
    _write(folder / "values.csv",
           ["region_id", "indicator_id", "edition", "year", "year_approx", "value", "qualifier", "territory_id",
            "territory", "series_break", "source_id", "note"], rows)
    return load_dataset(folder)
