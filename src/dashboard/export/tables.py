"""CSV and XLSX of exactly the figures in the current view, with their provenance and a citation.

Text cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) are
prefixed with an apostrophe; numbers stay numbers.
"""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd

from dashboard.components.figures_table import table_rows
from dashboard.data import Dataset
from dashboard.data.schema import EDITIONS
from dashboard.state import ViewState

COLUMNS = {"region": "region", "indicator": "indicator", "measure": "measure", "value": "value", "unit": "unit",
           "year_number": "year", "year_approx": "year_approx", "qualifier": "qualifier", "territory": "territory",
           "territory_kind": "territory_kind", "source_text": "source", "secondary": "secondary_copy",
           "source_url": "source_url", "how": "derived_how"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: object) -> object:
    """Make a text cell inert in a spreadsheet; leave numbers alone."""
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return "'" + cell
    return cell


def citation(dataset: Dataset, state: ViewState, today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    peers = ", ".join(dataset.region_name(r) for r in state.regions if r != state.focus) or "none"
    return (f"Baltic Metropoles dashboard, {EDITIONS[state.edition]}: {dataset.region_name(state.focus)} "
            f"compared with {peers}. Exported {today.isoformat()}. Figures as published by the sources named "
            "in each row; derived values say how they were computed.")


def view_frame(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    rows = table_rows(dataset, state)
    frame = pd.DataFrame(rows, columns=[*COLUMNS, "source_ids"]) if rows else pd.DataFrame(columns=list(COLUMNS))
    frame["source_url"] = [" ".join(str(dataset.source(s)["url"]) for s in ids if dataset.source(s)["url"])
                           for ids in frame.get("source_ids", [])] if rows else []
    frame = frame[list(COLUMNS)].rename(columns=COLUMNS)
    return frame.map(neutralise)


def to_csv(dataset: Dataset, state: ViewState, today: dt.date | None = None) -> bytes:
    """UTF-8 CSV (with BOM, so Excel reads the accents); the first line is the citation."""
    buffer = io.StringIO()
    buffer.write(f"# {citation(dataset, state, today)}\n")
    view_frame(dataset, state).to_csv(buffer, index=False, lineterminator="\n", float_format="%.15g")
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(dataset: Dataset, state: ViewState, today: dt.date | None = None) -> bytes:
    """A 'Figures' sheet (citation in row 1, the table from row 3) and a 'Sources' sheet."""
    frame = view_frame(dataset, state)
    used = sorted({s for ids in (r["source_ids"] for r in table_rows(dataset, state)) for s in ids})
    sources = dataset.sources.loc[used, ["publisher", "title", "url", "accessed", "kind"]].reset_index()
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="Figures", index=False, startrow=2)
        sources.map(neutralise).to_excel(writer, sheet_name="Sources", index=False)
        sheet = writer.sheets["Figures"]
        sheet["A1"] = citation(dataset, state, today)
        for column, width in zip("ABCDEFGHIJKLMN", (16, 34, 18, 14, 22, 8, 8, 12, 44, 26, 60, 10, 40, 36),
                                 strict=True):
            sheet.column_dimensions[column].width = width
        sheet.freeze_panes = "B4"
    return buffer.getvalue()
