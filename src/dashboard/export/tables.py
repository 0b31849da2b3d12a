"""CSV and XLSX of exactly the figures in the current view, with their provenance and a citation.

Both are made for tools as much as for people: the header is the first row, one row per figure, and
the citation, notes and column meanings live beside the table (README.txt and datapackage.json in the
CSV's zip, see ``package``; an About sheet in the workbook), never above it.

Text cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) are
prefixed with an apostrophe; numbers stay numbers.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import pandas as pd
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dashboard.data import Dataset
from dashboard.data.schema import EDITIONS
from dashboard.export.cells import neutralise
from dashboard.i18n import N_, _, current_language
from dashboard.measures import MEASURE_LABELS, basis_name, measure_label, resolve_basis
from dashboard.state import ViewState
from dashboard.view_model import table_rows

LINKABLE = ("http://", "https://")  # only these become clickable: never file:, javascript: or a formula


@dataclass(frozen=True)
class Column:
    """One column of the download: where its value comes from in a table row, its type and meaning (a message
    marked for the catalogs: ``description(column)`` says it in the current language). The name is a stable id."""

    name: str
    row_key: str
    type: str  # a Frictionless table-schema type: string, integer, number, boolean
    description: str


COLUMNS: tuple[Column, ...] = (
    Column("region", "region", "string", N_("The metropolitan region the figure is about.")),
    Column("indicator", "indicator", "string", N_("What is measured (the indicator's full name).")),
    # Translators: {measures} lists the measures' names, comma-separated
    Column("measure", "measure", "string", N_("How the figure is shown: {measures}.")),
    Column("unit", "unit", "string", N_("Unit of the value, in this measure (e.g. persons, EUR million, %).")),
    Column("year", "year_number", "integer", N_("Reference year of the figure.")),
    Column("year_approx", "year_approx", "boolean",
           N_("True when the source page is undated and the year was inferred from its content (shown as "
              "'c. 2007').")),
    # Translators: the CSV's and workbook's numbers are plain numbers with '.' for decimals, in every language
    Column("value", "value", "number", N_("The figure, a plain number with '.' for decimals, in the unit.")),
    Column("qualifier", "qualifier", "string",
           N_("Empty, or how the source qualifies the number: approx or rounded (about), lower_bound (more than), "
              "upper_bound (nearly), estimated or provisional (Eurostat's flags e and p; the note gives every "
              "flag).")),
    Column("territory", "territory", "string", N_("The exact area the figure describes, as the data names it.")),
    Column("territory_kind", "territory_kind", "string",
           N_("Kind of that area (core city, functional urban area, Eurostat metropolitan region, county, ...): "
              "figures of different kinds are not like with like.")),
    Column("source", "source_text", "string",
           N_("Publisher and title of each source ('; ' between them), '(secondary copy)' when read in a "
              "third-party copy.")),
    Column("source_url", "source_url", "string", N_("Address of each source as read (space between them).")),
    Column("secondary_copy", "secondary", "boolean",
           N_("True when a source was read in a third-party copy, not at the publisher.")),
    Column("derived_how", "how", "string",
           N_("Empty for a figure as published; otherwise how it was computed (e.g. divided by population).")),
)
COLUMN_NAMES = [c.name for c in COLUMNS]


def description(column: Column) -> str:
    """What the column means, in the current language (the measure column lists the measures' names)."""
    return _(column.description, measures=", ".join(measure_label(m) for m in MEASURE_LABELS))


def citation(dataset: Dataset, state: ViewState, today: dt.date | None = None) -> str:
    """How to cite the download (the date in ISO 8601, the same in every language)."""
    today = today or dt.date.today()
    peers = ", ".join(dataset.region_name(r) for r in state.regions if r != state.focus)
    values = {"edition": _(EDITIONS[state.edition]), "region": dataset.region_name(state.focus),
              "date": today.isoformat()}
    if peers:
        return _("Baltic Metropoles dashboard, {edition}: {region} compared with {peers}. Exported {date}. Figures "
                 "as published by the sources named in each row; derived values say how they were computed.",
                 peers=peers, **values)
    return _("Baltic Metropoles dashboard, {edition}: {region} compared with none. Exported {date}. Figures as "
             "published by the sources named in each row; derived values say how they were computed.", **values)


def bases_used(dataset: Dataset, state: ViewState) -> list[tuple[str, str]]:
    """(indicator label, basis label) for each indicator in the download: what kind of territory it compares."""
    ids = dict.fromkeys([*dataset.kpi_ids, state.indicator, state.x, state.y, state.size])
    return [(dataset.indicator(i).label, basis_name(resolve_basis(dataset, state.basis, i, state.edition)))
            for i in ids if i in dataset.indicators.index]


def notes(dataset: Dataset, state: ViewState) -> list[str]:
    """What a reader of the table must know to use it honestly."""
    if state.basis:
        compared = _("Compared on: {basis} (the basis of each indicator is listed with it).",
                     basis=basis_name(state.basis))
    else:
        compared = _("Compared on: each indicator on the kind of territory most regions have a figure for (the "
                     "basis of each indicator is listed with it).")
    return [
        compared,
        _("Each row is one figure of the view: the KPI cards (with the other territory shown beside a headline for "
          "context), the charts' indicators and every year of the trend."),
        _("Figures are as published; nothing is estimated or filled in. A region without a figure has no row."),
        _("Figures of different territory kinds or years far apart are not like with like: see territory_kind and "
          "year."),
        _("A derived value (per inhabitant, share, index) is computed only from figures of the same edition, "
          "territory and year, and says how in derived_how."),
        _("Text cells that a spreadsheet would read as a formula start with an apostrophe."),
    ]


def _urls(dataset: Dataset, source_ids: list[str]) -> str:
    return " ".join(str(dataset.source(s)["url"]) for s in source_ids if dataset.source(s)["url"])


def view_frame(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    """One row per figure in the download's columns (text neutralised; year an integer, flags booleans)."""
    rows = table_rows(dataset, state)
    for row in rows:
        row["source_url"] = _urls(dataset, row["source_ids"])
    frame = pd.DataFrame({c.name: [row[c.row_key] for row in rows] for c in COLUMNS}, columns=COLUMN_NAMES)
    frame = frame.map(neutralise)
    frame["year"] = frame["year"].astype("Int64")
    frame["value"] = frame["value"].astype(float)
    for flag in ("year_approx", "secondary_copy"):
        frame[flag] = frame[flag].astype(bool)
    return frame


def to_csv(dataset: Dataset, state: ViewState, today: dt.date | None = None) -> bytes:
    """UTF-8 CSV whose first line is the header (no BOM, no comment line): any CSV reader takes it as is.

    ``today`` is accepted for symmetry with the other downloads; the citation is in the package's README.
    """
    del today
    return view_frame(dataset, state).to_csv(index=False, lineterminator="\n", float_format="%.15g").encode("utf-8")


def _fit_columns(sheet: Worksheet, widths: dict[str, int] | None = None, cap: int = 60) -> None:
    """Column widths from the longest text in each column (Excel does not size them itself)."""
    for index, cells in enumerate(sheet.iter_cols(), start=1):
        letter = get_column_letter(index)
        longest = max((len(str(c.value)) for c in cells if c.value is not None), default=8)
        sheet.column_dimensions[letter].width = (widths or {}).get(letter) or min(cap, max(8, longest + 2))


def link(cell, url: object) -> None:
    """A clickable link on ``cell`` to the first http(s) address in ``url`` (the cell keeps its text)."""
    first = next((u for u in str(url or "").split() if u.startswith(LINKABLE)), None)
    if first:
        cell.hyperlink = first
        cell.style = "Hyperlink"


def _about(dataset: Dataset, state: ViewState, today: dt.date | None) -> list[tuple[str, str]]:
    rows = [(_("Citation"), citation(dataset, state, today)), ("", "")]
    rows += [(_("Compared on"), f"{indicator}: {basis}") for indicator, basis in bases_used(dataset, state)]
    rows += [("", "")] + [(_("Note"), n) for n in notes(dataset, state)]
    # Translators: the headings of the workbook's list of columns: a column's id, and what it means
    rows += [("", ""), (_("Column"), _("Meaning"))]
    rows += [(c.name, description(c)) for c in COLUMNS]
    return [(neutralise(a), neutralise(b)) for a, b in rows]


def to_xlsx(dataset: Dataset, state: ViewState, today: dt.date | None = None) -> bytes:
    """'Figures' (header in row 1, autofilter, clickable sources), 'About' (citation, basis, notes, columns)
    and 'Sources' sheets."""
    frame = view_frame(dataset, state)
    used = sorted({s for ids in (r["source_ids"] for r in table_rows(dataset, state)) for s in ids})
    sources = dataset.sources.loc[used, ["publisher", "title", "url", "accessed", "kind"]].reset_index()
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        writer.book.properties.language = current_language()  # the language of its texts (core properties)
        frame.to_excel(writer, sheet_name="Figures", index=False)  # sheet names stay ids, as the column names
        # Translators: the heading of the workbook's sheet that explains the download
        pd.DataFrame(_about(dataset, state, today), columns=[_("About"), ""]).to_excel(
            writer, sheet_name="About", index=False)
        sources.map(neutralise).to_excel(writer, sheet_name="Sources", index=False)
        figures = writer.sheets["Figures"]
        figures.auto_filter.ref = figures.dimensions
        figures.freeze_panes = "B2"
        url_column = COLUMN_NAMES.index("source_url") + 1
        for row, url in enumerate(frame["source_url"], start=2):
            link(figures.cell(row=row, column=url_column), url)
        _fit_columns(figures)
        about = writer.sheets["About"]
        about.column_dimensions["A"].width, about.column_dimensions["B"].width = 18, 120
        for label, text in about.iter_rows(min_row=2):
            label.font = Font(bold=True)
            text.alignment = Alignment(wrap_text=True, vertical="top")
        sheet = writer.sheets["Sources"]
        url_column = list(sources.columns).index("url") + 1
        for row, url in enumerate(sources["url"], start=2):
            link(sheet.cell(row=row, column=url_column), url)
        _fit_columns(sheet)
    return buffer.getvalue()
