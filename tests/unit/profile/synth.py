"""Small made-up data folders for the profile's logic tests (the approach of tests/synthetic.py, with the
indicators a profile reads, qualifiers, and a user's source). The numbers are test values, not data."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from dashboard.data import Dataset, load_dataset

REGIONS = ("aa", "bb", "cc", "dd")
DECLARED = ["per_capita_base", "per_capita_scale", "per_capita_unit", "national_total", "reported_share",
            "share_label", "kpi_context"]
# id, label, short, unit, kind, kpi_order, decimals, then DECLARED
INDICATORS = [
    ("population", "Population", "Population", "persons", "count", "1", "0",
     "", "", "", "national_population", "share_national_population", "population", "true"),
    ("employment", "Employment", "Jobs", "persons", "count", "2", "0",
     "population", "1000", "per 1 000 inhabitants", "national_employment", "share_national_employment", "jobs", ""),
    ("gdp", "GDP", "GDP", "EUR million", "amount", "3", "0",
     "population", "1000000", "EUR per inhabitant", "", "share_national_gdp", "GDP", ""),
    ("universities", "Universities", "Universities", "count", "count", "4", "0",
     "population", "1000000", "per million inhabitants", "", "", "", ""),
    ("science_parks", "Science parks", "Science parks", "count", "count", "5", "0", "", "", "", "", "", "", ""),
    ("polytechnics", "Polytechnics", "Polytechnics", "count", "count", "", "0", "", "", "", "", "", "", ""),
    ("students", "Students", "Students", "persons", "count", "", "0", "", "", "", "", "", "", ""),
    ("academic_staff", "Academic staff", "Academic staff", "persons", "count", "", "0", "", "", "", "", "", "", ""),
    ("research_institute_staff", "Research staff", "Research staff", "persons", "count", "", "0",
     "", "", "", "", "", "", ""),
    ("national_population", "National population", "Nat. pop.", "persons", "count", "", "0",
     "", "", "", "", "", "", ""),
    ("national_employment", "National jobs", "Nat. jobs", "persons", "count", "", "0", "", "", "", "", "", "", ""),
    ("share_national_population", "Share of population", "Share of population", "%", "percent", "", "1",
     "", "", "", "", "", "", ""),
    ("share_national_employment", "Share of jobs", "Share of jobs", "%", "percent", "", "1",
     "", "", "", "", "", "", ""),
    ("share_national_gdp", "Share of GDP", "Share of GDP", "%", "percent", "", "1", "", "", "", "", "", "", ""),
    ("share_national_gva", "Share of GVA", "Share of GVA", "%", "percent", "", "1", "", "", "", "", "", "", ""),
    ("gva_per_capita_index_national", "GVA per inhabitant (national = 100)", "GVA index", "index", "index", "",
     "0", "", "", "", "", "", "", ""),
    ("services_share_jobs", "Service jobs", "Service jobs", "%", "percent", "", "0", "", "", "", "", "", "", ""),
    ("hq_share_large_companies", "HQ share", "HQs here", "%", "percent", "", "0", "", "", "", "", "", "", ""),
]
KINDS = {"city": "city", "metro": "eurostat_metro", "fua": "fua", "county": "county_nuts", "other": "unspecified"}
SOURCES = [("src", "Test office", "Test table", "http://127.0.0.1/t", "2026", "official"),
           ("copy", "Somebody", "A copy", "http://127.0.0.1/c", "2026", "secondary"),
           ("mine", "My office", "My table", "", "2026", "user")]


class Row(NamedTuple):
    """One test figure; the territory is ``{region}_{suffix}`` ('nat': the country); edition follows the year."""

    region: str
    indicator: str
    year: int
    value: float
    suffix: str = "metro"
    qualifier: str = ""
    source: str = "src"
    series_break: bool = False
    approx: bool = False


def _write(path: Path, header: list[str], rows: Iterable[Iterable[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def build(folder: Path, rows: Iterable[Row], regions: tuple[str, ...] = REGIONS) -> Dataset:
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / "regions.csv",
           ["region_id", "name", "country", "country_name", "lat", "lon", "eurostat_metro_code", "capital",
            "baltmet_inno_role"],
           [(r, r.upper(), "FI", "Finland", 60, 25, f"{r.upper()}001MC", "true", "") for r in regions])
    _write(folder / "indicators.csv",
           ["indicator_id", "label", "short_label", "unit", "kind", "category", "kpi_order", "decimals",
            "description", *DECLARED], [(*row[:5], "test", *row[5:7], "test", *row[7:]) for row in INDICATORS])
    _write(folder / "sources.csv", ["source_id", "publisher", "title", "url", "accessed", "kind"], SOURCES)
    territories = [(f"{r}_{s}", r, kind, f"{r.upper()} {s}", f"the {s} of {r}", "", "")
                   for r in regions for s, kind in KINDS.items()]
    territories.append(("nat", "", "country", "Finland (national total)", "the country", "", ""))
    _write(folder / "territories.csv",
           ["territory_id", "region_id", "kind", "name", "definition", "eurostat_code", "source_id"], territories)
    values = [(r.region, r.indicator, "baltmet" if r.year <= 2010 else "recent", r.year,
               "true" if r.approx else "false", r.value, r.qualifier, "nat" if r.suffix == "nat" else
               f"{r.region}_{r.suffix}", "", "true" if r.series_break else "", r.source, "") for r in rows]
    _write(folder / "values.csv",
           ["region_id", "indicator_id", "edition", "year", "year_approx", "value", "qualifier", "territory_id",
            "territory", "series_break", "source_id", "note"], values)
    return load_dataset(folder)
