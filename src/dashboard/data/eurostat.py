"""Eurostat downloads -> the app's values and sources tables.

Two kinds of table: metro-region tables (met_*), whose codes map to regions directly, and NUTS-level
tables (demo_r_pjanaggr3, nama_10r_3gdp, nama_10r_3empers), whose NUTS 3 figures are summed into metro
regions by the compositions declared in ``metro_compositions.csv`` (see compose.py and
eurostat_metros.py). Reads the TSV layout Eurostat's browser downloads (a first header cell like
``freq,unit,metroreg\\TIME_PERIOD``, one column per year, values with flags like ``1234.5 p``, ``:``
for missing, optionally gzip-compressed) and SDMX-CSV (``DATAFLOW,...,TIME_PERIOD,OBS_VALUE,OBS_FLAG``).
Metro codes map to regions through ``regions.csv``'s ``eurostat_metro_code``; unknown codes are
reported and skipped. Units are converted to the indicator's unit; each flag is kept in the note.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import math
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from dashboard.data.compose import Cell
from dashboard.data.dataset import Dataset
from dashboard.data.eurostat_metros import EurostatImport, NutsTable, compose_tables
from dashboard.data.limits import Deadline, Limits, Refused, current, exceeded, gunzip, gunzip_head, human
from dashboard.data.problems import Problem
from dashboard.data.reader import quoted
from dashboard.i18n import _, ngettext

# dataset -> indicator, {unit code: factor to the indicator's unit}, fixed dimension values to keep
DATASETS = {
    "met_pjanaggr3": ("population", {"NR": 1.0}, {"sex": "T", "age": "TOTAL"}),
    "met_10r_3gdp": ("gdp", {"MIO_EUR": 1.0}, {}),
    "met_10r_3emp": ("employment", {"THS": 1000.0, "THS_PER": 1000.0}, {"nace_r2": "TOTAL", "wstatus": "EMP"}),
}
# NUTS-level tables: dataset -> (indicator of a composed metro region, indicator of a country's NUTS 0 row,
# {unit code: factor}, fixed dimension values to keep)
NUTS_TABLES = {
    "demo_r_pjanaggr3": ("population", "national_population", {"NR": 1.0}, {"sex": "T", "age": "TOTAL"}),
    "nama_10r_3gdp": ("gdp", "national_gdp", {"MIO_EUR": 1.0}, {}),
    "nama_10r_3empers": ("employment", "national_employment", {"THS": 1000.0, "THS_PER": 1000.0},
                         {"nace_r2": "TOTAL", "wstatus": "EMP"}),
}
TITLES = {
    "met_pjanaggr3": "Population on 1 January by broad age group, sex and metropolitan region",
    "met_10r_3gdp": "Gross domestic product (GDP) at current market prices by metropolitan regions",
    "met_10r_3emp": "Employment (thousand persons) by metropolitan regions",
    "demo_r_pjanaggr3": "Population on 1 January by broad age group, sex and NUTS 3 region",
    "nama_10r_3gdp": "Gross domestic product (GDP) at current market prices by NUTS 3 region",
    "nama_10r_3empers": "Employment (thousand persons) by NUTS 3 region",
}
FLAGS = {"p": "provisional", "e": "estimated", "b": "break in time series", "c": "confidential",
         "u": "low reliability", "d": "definition differs", "n": "not significant", "z": "not applicable",
         "i": "see metadata", "m": "missing value", "f": "forecast", "r": "revised", "s": "Eurostat estimate"}
# A value with Eurostat's flag letters: '1234.5 p', '1868018 ep', ': c', ':C' or ':|C' (confidential since 2025)
VALUE_CELL = re.compile(r"^\s*(?P<number>-?\d+(?:\.\d+)?)?\s*(?P<flags>[bcdefimnprsuz]*)\s*$")
YEAR = re.compile(r"^\s*(\d{4})(?:\s*$|-)")  # 2021, or 2021-Q1 / 2021-01 (the year is kept)


def _text(raw: bytes, name: str, limits: Limits) -> str:
    """The file as text: gunzipped in bounded chunks (a 1 MB file may claim 2 GB), then UTF-8."""
    if raw[:2] == b"\x1f\x8b":
        raw = gunzip(raw, name, limits.max_decompressed_bytes)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        byte = raw[err.start: err.start + 1].hex().upper()
        raise Refused(Problem(name, raw[:err.start].count(b"\n") + 1, "-",
                              _("not UTF-8 text (byte 0x{byte}); a Eurostat download is UTF-8", byte=byte))) from None


def _dataset_code(name: str, text: str) -> str | None:
    lowered = name.lower() + " " + text[:300].lower()
    return next((code for code in (*DATASETS, *NUTS_TABLES) if code in lowered), None)


def parse_cell(cell: str) -> re.Match[str] | None:
    """A cell's number and flags ('1868018 ep' -> 1868018, 'ep'); ':' and '|' are separators, flags any case."""
    return VALUE_CELL.match(cell.replace(":", " ").replace("|", " ").lower())


def _year(text: str) -> int | None:
    match = YEAR.match(text)
    return int(match.group(1)) if match else None


def _header_columns(count: int) -> str:
    return ngettext("the header has {n} column", "the header has {n} columns", count, n=human(count))


def _not_a_year(heading: str) -> str:
    return _("'{heading}' is not a year (expected a TIME_PERIOD such as 2021)", heading=quoted(heading))


def _long_rows_from_tsv(text: str, name: str, limits: Limits, problems: list[Problem]) -> Iterator[dict]:
    """(dimension dict + year + raw cell + line) for every cell of a Eurostat TSV, within the limits.

    A column whose heading is no year is reported once, on the header line, and its cells skipped."""
    deadline = Deadline(name, limits)
    lines = text.splitlines()
    if not lines:
        raise Refused(Problem(name, 1, "-", _("the file is empty; expected a Eurostat header row")))
    if len(lines) > limits.max_rows + 1:
        raise Refused(exceeded(name, limits.max_rows + 2, "-", _("the file has too many rows"), "max_rows", limits,
                               "rows"))
    header = lines[0].split("\t")
    if len(header) > limits.max_columns:
        raise Refused(exceeded(name, 1, "-", _header_columns(len(header)), "max_columns", limits, "columns"))
    dims = re.split(r"\\", header[0])[0].split(",")
    years: list[tuple[str, int | None]] = [(h.strip(), _year(h)) for h in header[1:]]
    for heading, year in years:
        if year is None:
            problems.append(Problem(name, 1, quoted(heading) or "-", _not_a_year(heading)))
    for number, line in enumerate(lines[1:], start=2):
        if number % 4096 == 0:
            deadline.check(number)
        if not line.strip():
            continue
        cells = line.split("\t")
        keys = dict(zip(dims, cells[0].split(","), strict=False))
        for (heading, year), cell in zip(years, cells[1:], strict=False):
            if year is not None:
                yield {**keys, "TIME_PERIOD": heading, "year": year, "cell": cell, "line": number}


def _long_rows_from_sdmx(text: str, name: str, limits: Limits, problems: list[Problem]) -> Iterator[dict]:
    """One row per observation of an SDMX-CSV file; TIME_PERIOD and OBS_VALUE must be there."""
    deadline = Deadline(name, limits)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or []
        if len(header) > limits.max_columns:
            raise Refused(exceeded(name, 1, "-", _header_columns(len(header)), "max_columns", limits, "columns"))
        missing = [c for c in ("TIME_PERIOD", "OBS_VALUE") if c not in header]
        for column in missing:
            problems.append(Problem(name, 1, column, _("missing column; an SDMX-CSV download has TIME_PERIOD and "
                                                       "OBS_VALUE")))
        if missing:
            return
        for number, record in enumerate(reader, start=2):
            if number > limits.max_rows + 1:
                raise Refused(exceeded(name, number, "-", _("the file has too many rows"), "max_rows", limits,
                                       "rows"))
            if number % 4096 == 0:
                deadline.check(number)
            period = record.get("TIME_PERIOD") or ""
            year = _year(period)
            if year is None:
                problems.append(Problem(name, number, "TIME_PERIOD", _not_a_year(period)))
                continue
            flag = record.get("OBS_FLAG") or ""
            value = record.get("OBS_VALUE") or ""
            yield {**record, "year": year, "cell": f"{value} {flag}".strip() or ":", "line": number}
    except csv.Error as err:
        problems.append(Problem(name, reader.line_num, "-", _("malformed CSV record: {error}", error=err)))


def _kept_cells(text: str, name: str, units: dict[str, float], fixed: dict[str, str], limits: Limits,
                problems: list[Problem]) -> Iterator[tuple[dict, re.Match[str]]]:
    """(row, parsed cell) of every cell of the wanted unit and dimension values (totals, not women only),
    at most max_sheet_cells of them; a cell that is no Eurostat value is reported with its line and column."""
    read = _long_rows_from_sdmx if text.startswith("DATAFLOW,") else _long_rows_from_tsv
    count = 0
    for row in read(text, name, limits, problems):
        if any(row.get(dim, value) != value for dim, value in fixed.items()) or row.get("unit", "") not in units:
            continue
        count += 1
        if count > limits.max_sheet_cells:
            raise Refused(exceeded(name, row["line"], "-", _("the file has too many figures (reading stopped)"),
                                   "max_sheet_cells", limits, "figures"))
        match = parse_cell(row["cell"])
        if match is None:
            problems.append(Problem(name, row["line"], quoted(row["TIME_PERIOD"]) or "-",
                                    _("'{cell}' is not a Eurostat value", cell=quoted(row["cell"].strip()))))
            continue
        yield row, match


def _amount(match: re.Match[str], factor: float, row: dict, name: str, limits: Limits,
            problems: list[Problem]) -> float | None:
    """The cell's number in the indicator's unit (thousands -> persons), or None, said, when it is too large."""
    number = round(float(match["number"]) * factor, 3)
    if not math.isfinite(number) or abs(number) > limits.max_abs_value:
        problems.append(exceeded(name, row["line"], quoted(row["TIME_PERIOD"]) or "-",
                                 _("'{cell}' is too large for a figure", cell=quoted(match["number"])),
                                 "max_abs_value", limits))
        return None
    return number


def is_eurostat(raw: bytes) -> bool:
    """Whether the file looks like a Eurostat download; reads at most 64 KB (decompressed) of it."""
    head = gunzip_head(raw) if raw[:2] == b"\x1f\x8b" else raw[:4096]
    if head is None:
        return False
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")[:400]
    return "\\TIME_PERIOD" in text or "\\time" in text or text.startswith("DATAFLOW,")


def import_eurostat(raw: bytes, name: str, dataset: Dataset, today: dt.date | None = None) -> EurostatImport:
    """Turn one Eurostat file into value rows (persons, EUR million) for the regions the data knows."""
    today = today or dt.date.today()
    result = EurostatImport()
    try:
        _import(raw, name, dataset, today, result)
    except Refused as refused:
        result.problems.append(refused.problem)
        result.values.clear()
        result.sources.clear()
    return result


def _import(raw: bytes, name: str, dataset: Dataset, today: dt.date, result: EurostatImport) -> None:
    limits = current()
    text = _text(raw, name, limits)
    del raw
    code = _dataset_code(name, text)
    if code is None:
        result.problems.append(Problem(name, 1, "-", _("cannot tell which Eurostat table this is; expected one of "
                                                       "{codes} in the file name or header",
                                                       codes=", ".join([*DATASETS, *NUTS_TABLES]))))
        return
    if code in NUTS_TABLES:
        table = read_nuts_table(text, name, code, limits, result.problems)
        result.extend(compose_tables([table], dataset, today))
        return
    indicator, units, fixed = DATASETS[code]
    codes = {str(c): r for r, c in dataset.regions["eurostat_metro_code"].items() if c}
    unknown: dict[str, int] = {}
    source_id = f"eurostat_{code}"
    for row, match in _kept_cells(text, name, units, fixed, limits, result.problems):
        unit = row["unit"]
        metro = row.get("metroreg", row.get("geo", ""))
        region = codes.get(metro)
        if region is None:
            unknown[metro] = unknown.get(metro, 0) + 1
            continue
        if match["number"] is None:
            continue  # ':' = not available: stays missing
        number = _amount(match, units[unit], row, name, limits, result.problems)
        if number is None:
            continue
        year = row["year"]
        flags = [FLAGS.get(f, f) for f in match["flags"]]
        note = f"Eurostat {code}, {metro}, unit {unit}" + (
            f"; flag {match['flags']} ({', '.join(flags)})" if flags else "")
        result.values.append({
            "region_id": region, "indicator_id": indicator, "edition": "recent",
            "year": year, "year_approx": "false", "value": round(number, 3),
            "qualifier": "", "territory_id": dataset.territory_for_code(metro) or "",  # NO001MC: Oslo city
            # data, not display: the English name, whatever the language the import runs in
            "territory": f"Eurostat metro region {metro} {dataset.region(region)['name']}",
            "territory_type": "metro", "source_id": source_id, "note": note,
        })
    for metro, count in sorted(unknown.items()):
        # English keeps 'figure(s)' in both forms (its wording is fixed); other languages give each form
        result.notes.append(ngettext("unknown metro code {code}: {n} figure(s) skipped",
                                     "unknown metro code {code}: {n} figure(s) skipped", count, code=metro))
    if result.values:
        result.sources.append({
            "source_id": source_id, "publisher": "Eurostat", "title": f"{TITLES[code]} ({code})",
            "url": f"https://ec.europa.eu/eurostat/databrowser/view/{code}/default/table",
            "accessed": f"imported {today.isoformat()} from {Path(name).name}", "kind": "official"})
    # Translators: {file} is a file's name, {code} a Eurostat table's code, {indicator} an indicator's id
    result.notes.insert(0, ngettext("{file}: Eurostat {code}, {n} figure(s) for {indicator}",
                                    "{file}: Eurostat {code}, {n} figure(s) for {indicator}", len(result.values),
                                    file=name, code=code, indicator=indicator))


def read_nuts_table(text: str, name: str, code: str, limits: Limits, problems: list[Problem]) -> NutsTable:
    """Every kept cell of a NUTS-level table, by (geo code, year), in the indicator's unit.

    Rows of other units or dimension values (women only, an age group) are skipped; a cell that is no
    Eurostat value is reported with its line and column."""
    indicator, national, units, fixed = NUTS_TABLES[code]
    cells: dict[tuple[str, int], Cell] = {}
    for row, match in _kept_cells(text, name, units, fixed, limits, problems):
        number = None
        if match["number"] is not None:
            number = _amount(match, units[row["unit"]], row, name, limits, problems)
            if number is None:
                continue
        geo = row.get("geo", "")
        cells[(geo, row["year"])] = Cell(number, match["flags"], row["line"])
    return NutsTable(code=code, title=TITLES[code], name=name, indicator=indicator, national_indicator=national,
                     cells=cells, digest=hashlib.sha256(text.encode("utf-8")).hexdigest())


def import_eurostat_files(files: list[tuple[bytes, str]], dataset: Dataset,
                          today: dt.date | None = None) -> list[EurostatImport]:
    """Several Eurostat files at once: metro-region tables one by one, NUTS-level tables together, so that
    each metro series takes the newest vintage it can and breaks where it must change vintage."""
    today = today or dt.date.today()
    out: list[EurostatImport] = []
    tables: list[NutsTable] = []
    nuts = EurostatImport()
    for raw, name in files:
        limits = current()
        try:
            text = _text(raw, name, limits)
            code = _dataset_code(name, text)
            if code in NUTS_TABLES:
                tables.append(read_nuts_table(text, name, code, limits, nuts.problems))
                nuts.notes.append(ngettext("{file}: Eurostat {code} (NUTS level), {n} cell(s) read",
                                           "{file}: Eurostat {code} (NUTS level), {n} cell(s) read",
                                           len(tables[-1].cells), file=name, code=code))
                continue
        except Refused as refused:
            out.append(EurostatImport(problems=[refused.problem]))
            continue
        out.append(import_eurostat(raw, name, dataset, today))
    if tables:
        nuts.extend(compose_tables(tables, dataset, today))
    if tables or nuts.problems:
        out.append(nuts)
    return out


def write_tables(imports: list[EurostatImport], out: Path) -> tuple[Path, Path]:
    """values.csv and sources.csv of all imports in ``out``: a folder ``app.py --data`` reads."""
    out.mkdir(parents=True, exist_ok=True)
    values = pd.DataFrame([v for i in imports for v in i.values])
    sources = pd.DataFrame([s for i in imports for s in i.sources]).drop_duplicates("source_id")
    if not values.empty:
        # the key of values.csv: a city (DE300) and its metro region (DE001MC) have figures of the same year
        values = values.drop_duplicates(["region_id", "indicator_id", "edition", "year", "territory_id"],
                                        keep="last")
    values.to_csv(out / "values.csv", index=False, lineterminator="\n")
    sources.to_csv(out / "sources.csv", index=False, lineterminator="\n")
    return out / "values.csv", out / "sources.csv"
