"""The table tab: every figure in the current view, sortable and filterable (dash-ag-grid)."""

from __future__ import annotations

import dash_ag_grid as dag
from dash import html

from dashboard.data import Dataset
from dashboard.i18n import N_, _
from dashboard.state import ViewState
from dashboard.view_model import table_rows

# Column headers are marked for the catalogs (N_) and translated where the grid is made (``columns()``).
COLUMNS = [
    {"field": "region", "headerName": N_("Region"), "pinned": "left", "width": 150},
    {"field": "indicator", "headerName": N_("Indicator"), "width": 240},
    {"field": "measure", "headerName": N_("Measure"), "width": 150},
    {"field": "value_text", "headerName": N_("Value"), "type": "rightAligned", "width": 130, "sortable": False},
    {"field": "value", "headerName": N_("Value (number, sortable)"), "type": "rightAligned",
     "filter": "agNumberColumnFilter", "width": 150},
    {"field": "unit", "headerName": N_("Unit"), "width": 170},
    {"field": "year", "headerName": N_("Year"), "width": 95},
    {"field": "territory", "headerName": N_("Territory"), "width": 300, "tooltipField": "territory"},
    {"field": "territory_kind", "headerName": N_("Kind of territory"), "width": 190},
    {"field": "source", "headerName": N_("Source"), "width": 320, "cellRenderer": "markdown",
     "tooltipField": "source_text"},
    {"field": "how", "headerName": N_("Derived how"), "width": 240},
]


def columns() -> list[dict]:
    """The grid's columns, their headers in the current language."""
    return [{**column, "headerName": _(column["headerName"])} for column in COLUMNS]


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
    return html.Div(id="figures-table", children=html.P(_("Loading the table…"), className="text-body-secondary"))


def figures_table(dataset: Dataset, state: ViewState) -> dag.AgGrid:
    return dag.AgGrid(
        id=GRID_ID, columnDefs=columns(), rowData=table_rows(dataset, state),
        defaultColDef={"sortable": True, "filter": True, "resizable": True, "floatingFilter": True},
        dashGridOptions={"pagination": True, "paginationPageSize": 20, "tooltipShowDelay": 300,
                         "enableCellTextSelection": True},
        columnSize="autoSize", style={"height": "620px"},
    )
