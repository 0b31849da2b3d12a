"""'Download all data': every table of the served Dataset, as a zip of CSV files with a README.txt and a
Frictionless datapackage.json, or as one workbook with one sheet per table and a README sheet.

The tables are the Dataset's own, in the columns of data/README.md (``data.schema``), so the zip unpacked is
a data folder ``python -m dashboard validate`` and ``app.py --data`` read. A session with an upload exports
its Dataset as the page shows it: the bundled figures plus the user's, whose source rows have kind ``user``
(publisher "Your data"); the README says so. Text cells a spreadsheet would run as a formula are neutralised
(``export.cells``) in both files.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pandas as pd
from openpyxl.styles import Alignment, Font

from dashboard.data import Dataset
from dashboard.data.schema import (
    COMPOSITIONS,
    GAPS,
    INDICATORS,
    REGIONS,
    SOURCES,
    TERRITORIES,
    TERRITORY_KIND_TABLE,
    VALUES,
    Table,
)
from dashboard.export.cells import neutralise
from dashboard.i18n import N_, _, current_language, ngettext
from dashboard.view_model import read_date

PRODUCT = "baltic-metropoles"
# Table name -> what a reader needs to know about it (the README and the descriptor say it, translated where shown).
ABOUT = {
    "values": N_("one row per figure: region, indicator, edition, year, value, territory and source"),
    "regions": N_("the metropolitan regions: name, country, coordinates, Eurostat metro code, network"),
    "indicators": N_("what each indicator measures, its unit and how the dashboard derives from it"),
    "sources": N_("every source read: publisher, title, the address read, when it was read, and its kind "
                  "(official, network, other, secondary = read in a third-party copy, user = your data)"),
    "territories": N_("the exact area each figure describes (core city, Eurostat metropolitan region, ...)"),
    "gaps": N_("why a key figure is missing for a region and edition"),
    "territory_kinds": N_("the kinds of territory, their labels and the comparison basis they belong to"),
    "metro_compositions": N_("which NUTS 3 regions each Eurostat metro region sums, and how far that is proved"),
}
SCHEMAS: dict[str, Table] = {"values": VALUES, "regions": REGIONS, "indicators": INDICATORS, "sources": SOURCES,
                             "territories": TERRITORIES, "gaps": GAPS, "territory_kinds": TERRITORY_KIND_TABLE,
                             "metro_compositions": COMPOSITIONS}
FRICTIONLESS_TYPES = {"float": "number", "int": "integer", "bool": "boolean"}  # everything else is a string
LICENSE_NOTE = N_("Each figure is as published by the source its source_id names (sources.csv): the publisher's "
                  "terms apply to it. The tables' arrangement is the Baltic Metropoles dashboard's.")


def all_data_stem(today: dt.date | None = None) -> str:
    """``baltic-metropoles_all-data_2026-12-07`` (ASCII)."""
    return f"{PRODUCT}_all-data_{(today or dt.date.today()).isoformat()}"


def _frame(frame: pd.DataFrame, table: Table, index: str | None = None) -> pd.DataFrame:
    if index is not None:
        frame = frame.rename_axis(index).reset_index()
    present = [c for c in table.names if c in frame.columns]
    return frame.loc[:, present].reset_index(drop=True)


def table_frames(dataset: Dataset) -> dict[str, pd.DataFrame]:
    """Every table of the Dataset in its file's columns (as data/README.md lists them), in README order."""
    kinds = dataset.kinds
    tables = {
        "values": _frame(dataset.values, VALUES),
        "regions": _frame(dataset.regions, REGIONS, "region_id"),
        "indicators": _frame(dataset.indicators, INDICATORS, "indicator_id"),
        "sources": _frame(dataset.sources, SOURCES, "source_id"),
        "territories": _frame(dataset.territories, TERRITORIES, "territory_id"),
        "gaps": pd.DataFrame([(*key, reason) for key, reason in dataset.gaps.items()], columns=list(GAPS.names)),
        "territory_kinds": pd.DataFrame([{c: getattr(row, c) for c in TERRITORY_KIND_TABLE.names}
                                         for row in kinds.rows], columns=list(TERRITORY_KIND_TABLE.names)),
        "metro_compositions": pd.DataFrame(
            [(c.metro_code, c.metro_name, " ".join(c.parts), c.nuts_version, c.status, c.check)
             for c in dataset.compositions], columns=list(COMPOSITIONS.names)),
    }
    out = {}
    for name, frame in tables.items():
        frame = frame.copy()
        for column in frame.columns:  # categories and objects -> plain cells; formulas neutralised
            if not (pd.api.types.is_numeric_dtype(frame[column]) or pd.api.types.is_bool_dtype(frame[column])):
                frame[column] = frame[column].astype(object).where(frame[column].notna(), "").map(neutralise)
        out[name] = frame
    return out


def _field(table: Table, column: str) -> dict:
    kind = next((c.kind for c in table.columns if c.name == column), "text")
    field = {"name": column, "type": FRICTIONLESS_TYPES.get(kind, "string")}
    if field["type"] == "boolean":
        field |= {"trueValues": ["true", "True"], "falseValues": ["false", "False", ""]}
    return field


def _has_user_data(dataset: Dataset) -> bool:
    return bool((dataset.sources["kind"].astype(str) == "user").any())


def citation(today: dt.date | None = None, as_of: str = "") -> str:
    """How to cite the export, in the current language (dates in ISO 8601, the same in every language)."""
    today = today or dt.date.today()
    if as_of:
        return _("Baltic Metropoles dashboard: all data (BaltMet metropolitan regions and the Baltic Sea Region), "
                 "exported {date}. Sources read up to {as_of}. Figures as published by the sources named in "
                 "sources.csv.", date=today.isoformat(), as_of=as_of)
    return _("Baltic Metropoles dashboard: all data (BaltMet metropolitan regions and the Baltic Sea Region), "
             "exported {date}. Figures as published by the sources named in sources.csv.", date=today.isoformat())


def descriptor(dataset: Dataset, frames: dict[str, pd.DataFrame], name: str, today: dt.date | None = None,
               as_of: str = "") -> dict:
    """A Frictionless tabular data package: one resource per CSV, typed fields, keys, sources, licence note."""
    today = today or dt.date.today()
    resources = []
    for table, frame in frames.items():
        schema = SCHEMAS[table]
        fields = [_field(schema, c) for c in frame.columns]
        key = [k for k in schema.key if k in frame.columns]
        resources.append({
            "name": table.replace("_", "-"), "path": f"{table}.csv", "profile": "tabular-data-resource",
            "title": table, "description": _(ABOUT[table]), "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {"fields": fields, "missingValues": [""], **({"primaryKey": key} if key else {})},
        })
    publishers = sorted({str(p) for p in dataset.sources["publisher"]})
    return {
        "profile": "tabular-data-package", "name": name, "title": _("Baltic Metropoles: all data"),
        "description": citation(today, as_of), "created": f"{today.isoformat()}T00:00:00Z",
        "licenses": [{"name": "other-at", "title": _(LICENSE_NOTE)}],
        "sources": [{"title": p} for p in publishers[:500]],
        "resources": resources,
    }


def headings() -> tuple[str, str, str]:
    """The README's three headings, in the current language (the workbook's README sheet sets them in bold)."""
    # Translators: a heading of a plain-text README (written in capitals there: keep them if your language does)
    return _("HOW TO CITE"), _("FILES"), _("NOTES")


def readme(dataset: Dataset, frames: dict[str, pd.DataFrame], today: dt.date | None = None,
           as_of: str = "") -> str:
    cite, files, notes = headings()
    lines = [_("Baltic Metropoles: all data"), "", cite, citation(today, as_of), "", files]
    # Translators: a line of the README's file list: {file} is a file name such as 'values.csv', {about} what it holds
    lines += [ngettext("{file} ({n} row): {about}.", "{file} ({n} rows): {about}.", len(f), file=f"{t}.csv",
                       about=_(ABOUT[t])) for t, f in frames.items()]
    lines += [_("datapackage.json: the same tables with their column types and keys (Frictionless data package)."),
              "", notes,
              "- " + _("The folder is a data folder the dashboard reads: python -m dashboard validate FOLDER; "
                       "python app.py --data FOLDER."),
              "- " + _("One figure per region, indicator, edition, year and territory; a missing figure has no row "
                       "(gaps.csv says why for the key figures). Nothing is estimated or filled in."),
              "- " + _("Figures of different territory kinds are not like with like: see territory_id and "
                       "territories.csv."),
              "- " + _("Text cells that a spreadsheet would read as a formula start with an apostrophe."),
              f"- {_(LICENSE_NOTE)}"]
    if _has_user_data(dataset):
        lines.append("- " + _("This export includes the figures you added in this session: their source rows have "
                              "kind 'user' (publisher 'Your data')."))
    return "\n".join(lines) + "\n"


def _csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n", float_format="%.15g").encode("utf-8")


def all_data_zip(dataset: Dataset, today: dt.date | None = None, as_of: str = "") -> tuple[str, bytes]:
    """(file name, zip) of ``<stem>/<table>.csv`` for every table, ``README.txt`` and ``datapackage.json``."""
    stem = all_data_stem(today)
    frames = table_frames(dataset)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table, frame in frames.items():
            archive.writestr(f"{stem}/{table}.csv", _csv(frame))
        archive.writestr(f"{stem}/README.txt", readme(dataset, frames, today, as_of))
        archive.writestr(f"{stem}/datapackage.json",
                         json.dumps(descriptor(dataset, frames, stem, today, as_of), indent=2,
                                    ensure_ascii=False) + "\n")
    return f"{stem}.zip", buffer.getvalue()


def all_data_xlsx(dataset: Dataset, today: dt.date | None = None, as_of: str = "") -> tuple[str, bytes]:
    """(file name, workbook): a README sheet, then one sheet per table (header in row 1, autofilter)."""
    frames = table_frames(dataset)
    about = [(line, "") for line in readme(dataset, frames, today, as_of).splitlines()]
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        writer.book.properties.language = current_language()  # the language of its texts (core properties)
        pd.DataFrame([(neutralise(a), b) for a, b in about], columns=["README", ""]).to_excel(
            writer, sheet_name="README", index=False)
        sheet = writer.sheets["README"]
        sheet.column_dimensions["A"].width = 140
        bold = set(headings())
        for (cell, _blank) in sheet.iter_rows(min_row=2):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.value in bold:
                cell.font = Font(bold=True)
        for table, frame in frames.items():
            frame.to_excel(writer, sheet_name=table, index=False)
            ws = writer.sheets[table]
            ws.auto_filter.ref = ws.dimensions
            ws.freeze_panes = "A2"
            for index, column in enumerate(frame.columns):
                longest = max([len(column), *(len(str(v)) for v in frame[column].head(500))], default=8)
                ws.column_dimensions[ws.cell(row=1, column=index + 1).column_letter].width = min(60, longest + 2)
    return f"{all_data_stem(today)}.xlsx", buffer.getvalue()


def sources_read_up_to(dataset: Dataset) -> str:
    """The newest date any source of the Dataset was read (``view_model.read_date`` of each)."""
    dates = [read_date(a) for a in dataset.sources["accessed"]]
    days = [d for d in dates if len(d) == 10]
    return max(days) if days else max(dates, default="")


def all_data_file(dataset: Dataset, fmt: str, today: dt.date | None = None) -> tuple[str, bytes]:
    """'all-csv': the zip; 'all-xlsx': the workbook (the page's Download menu and the CLI)."""
    as_of = sources_read_up_to(dataset)
    return all_data_zip(dataset, today, as_of) if fmt == "all-csv" else all_data_xlsx(dataset, today, as_of)
