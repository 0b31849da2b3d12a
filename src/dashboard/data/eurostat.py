"""Eurostat metro-region downloads -> the app's values and sources tables.

Reads the TSV layout Eurostat's browser downloads (a first header cell like
``freq,unit,metroreg\\TIME_PERIOD``, one column per year, values with flags like ``1234.5 p``, ``:``
for missing, optionally gzip-compressed) and SDMX-CSV (``DATAFLOW,...,TIME_PERIOD,OBS_VALUE,OBS_FLAG``).
Metro codes map to regions through ``regions.csv``'s ``eurostat_metro_code``; unknown codes are
reported and skipped. Units are converted to the indicator's unit; each flag is kept in the note.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard.data.dataset import Dataset
from dashboard.data.problems import Problem

# dataset -> indicator, {unit code: factor to the indicator's unit}, fixed dimension values to keep
DATASETS = {
    "met_pjanaggr3": ("population", {"NR": 1.0}, {"sex": "T", "age": "TOTAL"}),
    "met_10r_3gdp": ("gdp", {"MIO_EUR": 1.0}, {}),
    "met_10r_3emp": ("employment", {"THS": 1000.0, "THS_PER": 1000.0}, {"nace_r2": "TOTAL", "wstatus": "EMP"}),
}
TITLES = {
    "met_pjanaggr3": "Population on 1 January by broad age group, sex and metropolitan region",
    "met_10r_3gdp": "Gross domestic product (GDP) at current market prices by metropolitan regions",
    "met_10r_3emp": "Employment (thousand persons) by metropolitan regions",
}
FLAGS = {"p": "provisional", "e": "estimated", "b": "break in time series", "c": "confidential",
         "u": "low reliability", "d": "definition differs", "n": "not significant", "z": "not applicable"}
VALUE_CELL = re.compile(r"^\s*(?P<number>-?\d+(?:\.\d+)?)?\s*(?P<flags>[bcdefnprsuz]*)\s*$")  # Eurostat flags


@dataclass
class EurostatImport:
    values: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def frames(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        return pd.DataFrame(self.values), pd.DataFrame(self.sources)


def _text(raw: bytes) -> str:
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return raw.decode("utf-8-sig")


def _dataset_code(name: str, text: str) -> str | None:
    lowered = name.lower() + " " + text[:300].lower()
    return next((code for code in DATASETS if code in lowered), None)


def _long_rows_from_tsv(text: str) -> tuple[list[dict], int]:
    """(dimension dict + year + raw cell + line) for every cell of a Eurostat TSV."""
    lines = text.splitlines()
    header = lines[0].split("\t")
    dims = re.split(r"\\", header[0])[0].split(",")
    years = [h.strip() for h in header[1:]]
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        keys = dict(zip(dims, cells[0].split(","), strict=False))
        for year, cell in zip(years, cells[1:], strict=False):
            rows.append({**keys, "TIME_PERIOD": year, "cell": cell, "line": number})
    return rows, len(lines)


def _long_rows_from_sdmx(text: str) -> list[dict]:
    reader = csv.DictReader(io.StringIO(text))
    rows = []
    for number, record in enumerate(reader, start=2):
        flag = record.get("OBS_FLAG") or ""
        value = record.get("OBS_VALUE") or ""
        rows.append({**record, "cell": f"{value} {flag}".strip() or ":", "line": number})
    return rows


def is_eurostat(raw: bytes) -> bool:
    try:
        head = _text(raw[:100000] if raw[:2] != b"\x1f\x8b" else raw)[:400]
    except (UnicodeDecodeError, OSError, EOFError):
        return False
    return "\\TIME_PERIOD" in head or "\\time" in head or head.startswith("DATAFLOW,")


def import_eurostat(raw: bytes, name: str, dataset: Dataset, today: dt.date | None = None) -> EurostatImport:
    """Turn one Eurostat file into value rows (persons, EUR million) for the regions the data knows."""
    today = today or dt.date.today()
    result = EurostatImport()
    try:
        text = _text(raw)
    except (UnicodeDecodeError, OSError, EOFError) as err:
        result.problems.append(Problem(name, 1, "-", f"not a readable Eurostat file ({type(err).__name__})"))
        return result
    code = _dataset_code(name, text)
    if code is None:
        result.problems.append(Problem(name, 1, "-", "cannot tell which Eurostat table this is; expected "
                                                      f"one of {', '.join(DATASETS)} in the file name or header"))
        return result
    indicator, units, fixed = DATASETS[code]
    rows = _long_rows_from_sdmx(text) if text.startswith("DATAFLOW,") else _long_rows_from_tsv(text)[0]
    codes = {str(c): r for r, c in dataset.regions["eurostat_metro_code"].items() if c}
    unknown: dict[str, int] = {}
    source_id = f"eurostat_{code}"
    for row in rows:
        if any(row.get(dim, value) != value for dim, value in fixed.items()):
            continue
        unit = row.get("unit", "")
        if unit not in units:
            continue
        metro = row.get("metroreg", row.get("geo", ""))
        region = codes.get(metro)
        match = VALUE_CELL.match(row["cell"].replace(":", ""))
        if match is None:
            result.problems.append(Problem(name, row["line"], row["TIME_PERIOD"],
                                           f"'{row['cell'].strip()}' is not a Eurostat value"))
            continue
        if region is None:
            unknown[metro] = unknown.get(metro, 0) + 1
            continue
        if match["number"] is None:
            continue  # ':' = not available: stays missing
        year = int(row["TIME_PERIOD"].strip()[:4])
        flags = [FLAGS.get(f, f) for f in match["flags"]]
        note = f"Eurostat {code}, {metro}, unit {unit}" + (
            f"; flag {match['flags']} ({', '.join(flags)})" if flags else "")
        result.values.append({
            "region_id": region, "indicator_id": indicator, "edition": "baltmet" if year <= 2010 else "recent",
            "year": year, "year_approx": "false", "value": round(float(match["number"]) * units[unit], 3),
            "qualifier": "", "territory_id": dataset.territory_for_code(metro) or "",  # NO001MC: Oslo city
            "territory": f"Eurostat metro region {metro} {dataset.region_name(region)}",
            "territory_type": "metro", "source_id": source_id, "note": note,
        })
    for metro, count in sorted(unknown.items()):
        result.notes.append(f"unknown metro code {metro}: {count} figure(s) skipped")
    if result.values:
        result.sources.append({
            "source_id": source_id, "publisher": "Eurostat", "title": f"{TITLES[code]} ({code})",
            "url": f"https://ec.europa.eu/eurostat/databrowser/view/{code}/default/table",
            "accessed": f"imported {today.isoformat()} from {Path(name).name}", "kind": "official"})
    result.notes.insert(0, f"{name}: Eurostat {code}, {len(result.values)} figure(s) for {indicator}")
    return result


def write_tables(imports: list[EurostatImport], out: Path) -> tuple[Path, Path]:
    """values.csv and sources.csv of all imports in ``out``: a folder ``app.py --data`` reads."""
    out.mkdir(parents=True, exist_ok=True)
    values = pd.DataFrame([v for i in imports for v in i.values])
    sources = pd.DataFrame([s for i in imports for s in i.sources]).drop_duplicates("source_id")
    if not values.empty:
        values = values.drop_duplicates(["region_id", "indicator_id", "edition", "year"], keep="last")
    values.to_csv(out / "values.csv", index=False, lineterminator="\n")
    sources.to_csv(out / "sources.csv", index=False, lineterminator="\n")
    return out / "values.csv", out / "sources.csv"
