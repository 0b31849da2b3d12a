"""The table tab: every figure in the current view, sortable and filterable (dash-ag-grid)."""

from __future__ import annotations

import dash_ag_grid as dag
from dash import html

from dashboard.comparability import kind_label
from dashboard.data import Dataset
from dashboard.data.declarations import declaration, is_share, share_series
from dashboard.figures.common import point_text, source_text
from dashboard.formatting import format_year
from dashboard.measures import (
    MEASURE_LABELS,
    Point,
    context_figure,
    effective_measure,
    measure_unit,
    point_of,
    points,
    resolve_basis,
)
from dashboard.state import ViewState
from dashboard.views import CHARTS

COLUMNS = [
    {"field": "region", "headerName": "Region", "pinned": "left", "width": 150},
    {"field": "indicator", "headerName": "Indicator", "width": 240},
    {"field": "measure", "headerName": "Measure", "width": 150},
    {"field": "value_text", "headerName": "Value", "type": "rightAligned", "width": 130, "sortable": False},
    {"field": "value", "headerName": "Value (number, sortable)", "type": "rightAligned",
     "filter": "agNumberColumnFilter", "width": 150},
    {"field": "unit", "headerName": "Unit", "width": 170},
    {"field": "year", "headerName": "Year", "width": 95},
    {"field": "territory", "headerName": "Territory", "width": 300, "tooltipField": "territory"},
    {"field": "territory_kind", "headerName": "Kind of territory", "width": 190},
    {"field": "source", "headerName": "Source", "width": 320, "cellRenderer": "markdown",
     "tooltipField": "source_text"},
    {"field": "how", "headerName": "Derived how", "width": 240},
]


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace("<", "&lt;")


def _row(dataset: Dataset, indicator: str, measure: str, p: Point) -> dict:
    links, texts = [], []
    for source_id in p.source_ids:
        source = dataset.source(source_id)
        title = _md(("Your data: " if dataset.is_user_source(source_id) else "") + str(source["title"]))
        links.append(f"[{title}]({source['url']})" if source["url"] else title)
        texts.append(source_text(dataset, source_id))
    return {
        "region": dataset.region_name(p.region_id), "indicator": str(dataset.indicator(indicator)["label"]),
        "measure": MEASURE_LABELS[measure], "value": p.value,
        "value_text": point_text(dataset, indicator, measure, p), "unit": measure_unit(dataset, indicator, measure),
        "year": format_year(p.year, p.year_approx) if p.year else "", "territory": p.territory,
        "territory_kind": kind_label(p.territory_kind), "qualifier": p.qualifier,
        "secondary": any(dataset.is_secondary(s) for s in p.source_ids),
        "source": "; ".join(links), "source_text": "; ".join(texts), "how": p.how,
        "source_ids": list(p.source_ids), "year_number": p.year, "year_approx": p.year_approx,
    }


def table_rows(dataset: Dataset, state: ViewState) -> list[dict]:
    """The figures behind the KPI cards and every chart of the view, each once."""
    wanted: list[tuple[str, str, int | None]] = []
    wanted += [(k, "absolute", state.year) for k in dataset.kpi_ids]  # each on the view's basis (see below)
    for indicator in dict.fromkeys(getattr(state, f) for view in CHARTS for f in view.indicator_fields):
        wanted.append((indicator, effective_measure(dataset, indicator, state.measure), state.year))
    wanted += [(ind, "share" if declaration(dataset, ind).share_label and not is_share(dataset, ind) else "absolute",
                state.year) for _, ind, _ in share_series(dataset)]
    trend_measure = effective_measure(dataset, state.indicator, state.measure)
    wanted += [(state.indicator, trend_measure, y) for y in dataset.years(state.indicator, state.edition)]
    rows, seen = [], set()
    for indicator, measure, year in dict.fromkeys(wanted):
        basis = resolve_basis(dataset, state.basis, indicator, state.edition)
        for p in points(dataset, state.regions, indicator, state.edition, measure, year, basis, state.focus):
            key = (p.region_id, indicator, measure, p.year)
            if p.value is None or key in seen:
                continue
            seen.add(key)
            rows.append(_row(dataset, indicator, measure, p))
    rows += _context_rows(dataset, state, seen)
    return rows


def _context_rows(dataset: Dataset, state: ViewState, seen: set) -> list[dict]:
    """The figures the KPI cards show beside their headline for context (the other territory)."""
    out = []
    for kpi in dataset.kpi_ids:
        if not declaration(dataset, kpi).kpi_context:
            continue
        basis = resolve_basis(dataset, state.basis, kpi, state.edition)
        figure = dataset.figure(state.focus, kpi, state.edition, state.year, basis)
        other = context_figure(dataset, figure) if figure is not None else None
        if other is not None and (other.region_id, kpi, "context", other.year) not in seen:
            seen.add((other.region_id, kpi, "context", other.year))
            out.append(_row(dataset, kpi, "absolute", point_of(other)))
    return out


GRID_ID = {"type": "figures-grid", "slot": "main"}  # pattern-matching: the rowData callback may match none
GRID_SCRIPT = "dash_ag_grid.min.js"


def defer_grid_library() -> str:
    """Keep dash-ag-grid's script (0.3 MB compressed) out of the first page; the URL that loads it later.

    Marked dynamic, Dash still serves the file but no longer lists it in the page. The Table tab
    loads it when first opened (see callbacks), and only then is the grid put in the layout: the
    renderer needs the library before it meets an AgGrid.
    """
    for resource in dag.AgGrid._js_dist:
        if resource.get("relative_package_path") == GRID_SCRIPT:
            resource["dynamic"] = True
    return f"_dash-component-suites/dash_ag_grid/{GRID_SCRIPT}?v={dag.__version__}"


def table_slot() -> html.Div:
    """Where the grid goes once the Table tab is opened (the id keeps ``#figures-table`` selectors)."""
    return html.Div(id="figures-table", children=html.P("Loading the table…", className="text-body-secondary"))


def figures_table(dataset: Dataset, state: ViewState) -> dag.AgGrid:
    return dag.AgGrid(
        id=GRID_ID, columnDefs=COLUMNS, rowData=table_rows(dataset, state),
        defaultColDef={"sortable": True, "filter": True, "resizable": True, "floatingFilter": True},
        dashGridOptions={"pagination": True, "paginationPageSize": 20, "tooltipShowDelay": 300,
                         "enableCellTextSelection": True},
        columnSize="autoSize", style={"height": "620px"},
    )
