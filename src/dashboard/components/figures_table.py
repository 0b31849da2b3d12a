"""The table tab: every figure in the current view, sortable and filterable (dash-ag-grid)."""

from __future__ import annotations

import dash_ag_grid as dag
from dash import html

from dashboard.comparability import kind_label
from dashboard.components.kpi_card import card_share
from dashboard.data import Dataset
from dashboard.data.declarations import declaration
from dashboard.figures.common import point_text, source_text
from dashboard.formatting import format_year
from dashboard.measures import (
    MEASURE_LABELS,
    Point,
    context_figure,
    measure_unit,
    point_of,
)
from dashboard.state import ViewState
from dashboard.views import CHARTS, headline_basis

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
    """Exactly the figures the view draws, each once: every KPI card's headline, share and context figure,
    and every figure of every chart (the builders say what they drew: ChartMeta.drawn)."""
    rows, seen = [], set()

    def add(indicator: str, measure: str, p: Point) -> None:
        key = (p.region_id, indicator, measure, p.year, p.territory_id, p.source_ids)
        if p.value is not None and key not in seen:
            seen.add(key)
            rows.append(_row(dataset, indicator, measure, p))

    for indicator, measure, p in _card_figures(dataset, state):
        add(indicator, measure, p)
    for view in CHARTS:
        for indicator, measure, p in view.build(dataset, state)[1].drawn:
            add(indicator, measure, p)
    return rows


def _card_figures(dataset: Dataset, state: ViewState) -> list[tuple[str, str, Point]]:
    """What the KPI cards show (components/kpi_card): the headline on the row's basis, the share line, and
    the other territory beside it for context; a card without a headline shows any share the region reports."""
    basis = headline_basis(dataset, state)
    out = []
    for kpi in dataset.kpi_ids:
        figure = dataset.figure(state.focus, kpi, state.edition, state.year, basis)
        share = card_share(dataset, state.focus, kpi, state.edition, state.year,
                           basis if figure is not None else "reported")
        if share is not None:
            point, indicator, measure, _ = share
            out.append((indicator, measure, point))
        if figure is None:
            continue
        out.append((kpi, "absolute", point_of(figure)))
        other = context_figure(dataset, figure) if declaration(dataset, kpi).kpi_context else None
        if other is not None:
            out.append((kpi, "absolute", point_of(other)))
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
