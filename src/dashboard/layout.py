"""The page: navbar, selectors, KPI cards and the charts/table tabs. Pure function of (Dataset, ViewState)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components.chart_card import chart_card
from dashboard.components.controls import filters_button, filters_panel, scatter_controls
from dashboard.components.figures_table import table_slot
from dashboard.components.kpi_card import kpi_row
from dashboard.components.navbar import embed_modal, navbar, provenance_line, share_buttons
from dashboard.data import Dataset
from dashboard.data.schema import EDITIONS
from dashboard.figures.map import TOPOJSON_URL
from dashboard.state import ViewState, default_state
from dashboard.view_rules import menus_key
from dashboard.views import CHARTS, kpi_key


def heading(dataset: Dataset, state: ViewState) -> list:
    country = dataset.region(state.focus)["country_name"]
    n_peers = len(state.others)  # the regions the peer selector lists as chosen
    return [html.H1([dataset.region_name(state.focus),
                     html.Small(f" {country}", className="text-body-secondary fs-5")], className="h3 mb-0"),
            html.P(f"{EDITIONS[state.edition]} · compared with {n_peers} peer region(s)",
                   className="text-body-secondary mb-2")]


def charts_grid(dataset: Dataset, state: ViewState) -> dbc.Row:
    cols = []
    for view in CHARTS:
        figure, meta = view.build(dataset, state)
        extra = [scatter_controls(dataset, state)] if view.axis_pickers else None
        cols.append(dbc.Col(chart_card(view.name, meta, figure, extra), xs=12, xl=view.width,
                            className="mb-3"))
    return dbc.Row(cols, className="g-3")


def toolbar() -> html.Div:
    """Filters (on small screens), Present, high contrast, and the downloads of the whole view."""
    downloads = dbc.DropdownMenu([
        dbc.DropdownMenuItem("Figures of this view (CSV + README, zip)", id={"type": "download", "what": "csv"}),
        dbc.DropdownMenuItem("Figures of this view (Excel)", id={"type": "download", "what": "xlsx"}),
        dbc.DropdownMenuItem("Slide deck of this view (PowerPoint)", id={"type": "download", "what": "deck"}),
        dbc.DropdownMenuItem(divider=True),
        dbc.DropdownMenuItem("All data (CSV tables + README, zip)", id={"type": "download", "what": "all-csv"}),
        dbc.DropdownMenuItem("All data (Excel, one sheet per table)", id={"type": "download", "what": "all-xlsx"}),
    ], label=html.Span([html.I(className="bi bi-download me-1", **{"aria-hidden": "true"}), "Download"]),
        color="primary", size="sm", id="view-download-menu")
    return html.Div([
        filters_button(),
        dbc.Button([html.I(className="bi bi-easel me-1", **{"aria-hidden": "true"}), "Present"],
                   id="present-open", color="primary", outline=True, size="sm", title="Full-screen view for a "
                   "projector: arrow keys step through charts and regions, Esc leaves"),
        downloads,
        *share_buttons(),
        dbc.Button([html.I(className="bi bi-upload me-1", **{"aria-hidden": "true"}), "Add your data"],
                   color="secondary", outline=True, size="sm", id="upload-open", n_clicks=0,
                   title="Open or close the drop zone for a file of your own"),
        dbc.Button("Remove your data", id="upload-remove", color="link", size="sm", style={"display": "none"}),
        dbc.Switch(id="theme-toggle", label="High contrast", value=False, className="mb-0 ms-1"),
        html.Span(id="export-status", className="small text-body-secondary", role="status"),
        html.Span(id="upload-busy", className="small text-body-secondary", role="status"),
    ], className="d-flex flex-wrap align-items-center gap-2 my-2 toolbar")


def upload_area() -> html.Div:
    """'Add your data' opens the drop zone and what it takes; below it, what an upload read and assumed,
    or every problem, as text."""
    panel = dbc.Collapse(dbc.Card(dbc.CardBody([
        dcc.Upload(html.Div([html.I(className="bi bi-upload me-2", **{"aria-hidden": "true"}),
                             "Drop a file here, or ", html.U("choose one")]),
                   id="upload", multiple=False, accept=".csv,.tsv,.txt,.xlsx,.gz,text/csv",
                   className="upload-drop"),
        html.Small(["A CSV or Excel file with the columns of values.csv (region_id, indicator_id, year, value, "
                    "territory; optional edition, territory_type, source_id, qualifier, note; an Excel 'regions' "
                    "sheet adds regions), or a Eurostat download (met_pjanaggr3, met_10r_3gdp, met_10r_3emp, or "
                    "the NUTS-level demo_r_pjanaggr3, nama_10r_3gdp, nama_10r_3empers). Up to 10 MB. The file is "
                    "read on this server and kept there, under a fingerprint of its content, for a week after it "
                    "was uploaded; your browser keeps only that fingerprint, and 'Remove your data' takes it out of "
                    "your view."], className="text-body-secondary d-block mt-2"),
    ]), className="mb-2"), id="upload-panel", is_open=False)
    return html.Div([
        panel,
        html.Div(id="upload-refused", className="text-danger small fw-semibold", role="alert"),
        html.Div(id="user-data-banner", className="small"),
        html.Div(id="upload-status"),
    ], className="mb-2")


def startup_alert(refused_folder: bool) -> dbc.Alert | None:
    """A refused --data folder: visitors learn only that the bundled data is shown, never the server's path
    nor a line of the file (it may be a link to /etc/passwd); the console and the log say why."""
    if not refused_folder:
        return None
    return dbc.Alert("The data folder this server was started with could not be used, so the bundled data is "
                     "shown. The server's log says why.", color="warning", dismissable=True, id="startup-alert",
                     className="mb-2")


def stage_graph(figure: dict) -> dcc.Graph:
    """The presentation chart; put in the stage only when a chart slide is shown, so that a normal
    page load draws no hidden plot."""
    return dcc.Graph(id="stage-graph", figure=figure, style={"height": "100%"},
                     config={"displayModeBar": False, "responsive": True, "topojsonURL": TOPOJSON_URL})


def stage() -> html.Div:
    """Presentation mode: one chart or the KPI cards filling the screen, keys to move, Esc to leave."""
    hidden = {"display": "none"}
    return html.Div([
        html.Div([html.H1(id="stage-title", className="stage-title"),
                  html.P(id="stage-subtitle", className="stage-subtitle")], className="stage-head"),
        html.Div(id="stage-graph-box"),  # stage_graph(...) when a chart slide is shown
        dbc.Row(id="stage-kpis", className="g-3 stage-kpis"),
        html.Div(id="stage-footer", className="stage-footer"),
        html.Div("← → chart   ↑ ↓ region   Esc exit", className="stage-hint", **{"aria-hidden": "true"}),
        *(html.Button(id=b, n_clicks=0, style=hidden, tabIndex="-1", **{"aria-hidden": "true"})
          for b in ("present-prev", "present-next", "present-up", "present-down", "present-exit")),
    ], id="stage")


def build_layout(dataset: Dataset, refused_folder: bool = False) -> html.Div:
    state = default_state(dataset)
    return html.Div([
        dcc.Location(id="url", refresh=False),
        dcc.Store(id="view-state", data=state.to_dict()),
        dcc.Store(id="body-class-sink"),
        dcc.Store(id="user-data", storage_type="session"),
        dcc.Store(id="upload-accepted"),
        dcc.Store(id="grid-library"),  # true once the table's script is loaded
        dcc.Download(id="download"),
        # The charts' change keys as the chart callbacks compute them (the last item is the session's
        # upload, none at first): equal keys let the first load skip rebuilding what it already shows.
        *(dcc.Store(id=f"{view.name}-key", data=[*view.key(state), None]) for view in CHARTS),
        dcc.Store(id="kpi-key", data=kpi_key(state)),
        dcc.Store(id="profile-key"),  # what the Profile tab shows (it is built when first opened)
        dcc.Store(id="options-key", data=menus_key(None, state)),  # the menus as first drawn
        stage(),
        embed_modal(),
        html.Div([navbar(), html.Main(dbc.Container([
            dbc.Alert(id="url-notice", is_open=False, dismissable=True, color="warning", className="mb-2"),
            dbc.Alert(id="export-error", is_open=False, dismissable=True, color="danger", className="mb-2"),
            startup_alert(refused_folder),
            filters_panel(dataset, state),
            html.Div(heading(dataset, state), id="region-heading", className="mt-2"),
            provenance_line(dataset, state),
            toolbar(),
            upload_area(),
            dbc.Row(kpi_row(dataset, state), id="kpi-row", className="g-3"),
            dbc.Tabs([
                dbc.Tab(charts_grid(dataset, state), label="Charts", tab_id="charts", className="pt-3",
                        id="tab-charts"),
                dbc.Tab(table_slot(), label="Table", tab_id="table", className="pt-3",
                        id="tab-table"),
                dbc.Tab(html.Div(id="profile-view", children=html.P("Loading the profile…")), label="Profile",
                        tab_id="profile", className="pt-3", id="tab-profile"),
            ], id="tabs", active_tab=state.tab, className="mt-2"),
            html.Div([
                html.P(["Every figure names its territory, year and source. A city is not a metropolitan "
                        "region: figures for the core city carry a ",
                        dbc.Badge("City figure", color="warning", className="text-dark"),
                        " badge, and charts that compare different kinds of territory or years more than three "
                        "apart say so. ≈ approximate, ≥ lower bound, c. year inferred from an undated page. "
                        "Click a region in any chart to make it the focus."],
                       className="small text-body-secondary mb-1"),
            ], className="mt-3 pb-3"),
        ], fluid=True, className="px-3 px-lg-4"))], id="main-view"),
    ])
