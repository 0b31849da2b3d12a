"""The page: navbar, selectors, KPI cards and the charts/table tabs. Pure function of (Dataset, ViewState)."""

from __future__ import annotations

from dataclasses import replace

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components.about_view import about_link
from dashboard.components.chart_card import chart_card, page_chart
from dashboard.components.controls import filters_button, filters_panel, scatter_controls
from dashboard.components.figures_table import table_slot
from dashboard.components.kpi_card import kpi_row
from dashboard.components.navbar import embed_modal, navbar, provenance_line, share_buttons
from dashboard.components.sentence import MARK, around
from dashboard.components.timeline import timeline
from dashboard.data import Dataset
from dashboard.data.schema import EDITIONS
from dashboard.figures.map import TOPOJSON_URL
from dashboard.i18n import DEFAULT_LANGUAGE, _, current_language, decimal_sign, ngettext, pgettext, use_language
from dashboard.state import ViewState, default_state
from dashboard.upload import size_text
from dashboard.view_rules import menus_key
from dashboard.views import CHARTS, kpi_key


def heading(dataset: Dataset, state: ViewState) -> list:
    country = dataset.region_country_text(state.focus, "name")
    n_peers = len(state.others)  # the regions the peer selector lists as chosen
    return [html.H1([dataset.region_name(state.focus),
                     html.Small(f" {country}", className="text-body-secondary fs-5")], className="h3 mb-0"),
            html.P(ngettext("{edition} · compared with {n} peer region", "{edition} · compared with {n} peer regions",
                            n_peers, edition=_(EDITIONS[state.edition])),
                   className="text-body-secondary mb-2")]


def charts_grid(dataset: Dataset, state: ViewState) -> dbc.Row:
    cols = []
    for view in CHARTS:
        figure, meta = page_chart(dataset, state, view)
        extra = [scatter_controls(dataset, state)] if view.axis_pickers else None
        cols.append(dbc.Col(chart_card(view.name, meta, figure, extra,
                                       about_link(dataset, state, f"chart-{view.name}"), view.narrow_min_width),
                            xs=12, xl=view.width,
                            className="mb-3"))
    return dbc.Row(cols, className="g-3")


BUSY_HIDDEN = {"display": "none"}  # a busy text while no request runs (callbacks' ``running`` shows it)


def page_texts() -> dict[str, object]:
    """Texts the browser writes itself (clientside callbacks, assets/*.js), in the page's language.

    Those scripts are registered once for every language, so they read their words from the page: the
    ``page-texts`` store (clientside callbacks) and the ``data-*`` attributes of ``#page-texts-dom``
    (assets/request_errors.js, assets/a11y.js). ``{name}``-style fields are filled in by the script.
    """
    return {
        "link-copied": _("Link copied"),
        "link-not-copied": _("Could not copy: the link is in the address bar"),
        "snippet-copied": _("Snippet copied"),
        "snippet-not-copied": _("Could not copy: select the text and copy it"),
        # Translators: the title of an embedded chart's frame on another site; {chart} is the chart's title
        "frame-title": _("Baltic Metropoles: {chart}", chart="{chart}"),
        "chart-titles": {view.name: _(view.title) for view in CHARTS},
        # Translators: {name} is the file's name, {size} its size in MB; keep 'python app.py --data FOLDER'
        "upload-over-limit": _("{name}: the file is larger than {limit} ({size} MB); it was not uploaded. Split it, "
                               "or use 'python app.py --data FOLDER'.", name="{name}", limit=size_text(),
                               size="{size}"),
        "decimal-sign": decimal_sign(),
        "play": _("Play"),
        "pause": _("Pause"),
        "upload-input": _("Add your data: a CSV, Excel or Eurostat file"),
        "file-lost": _("The file could not be prepared: the server did not answer (the connection was lost). "
                       "Please try again in a moment."),
        "file-too-large": _("The file could not be prepared: the file is too large for the server (HTTP 413). Split it "
                      "into smaller files."),
        "file-timeout": _("The file could not be prepared: the server did not answer in time (HTTP {status}). "
                          "Please try again in a moment.", status="{status}"),
        "file-failed": _("The file could not be prepared: the server failed (HTTP {status}). Please try again in "
                         "a moment.", status="{status}"),
        "upload-lost": _("Your file could not be read: the server did not answer (the connection was lost). "
                         "Please try again in a moment."),
        "upload-too-large": _("Your file could not be read: the file is too large for the server (HTTP 413). Split it "
                        "into smaller files."),
        "upload-timeout": _("Your file could not be read: the server did not answer in time (HTTP {status}). "
                            "Please try again in a moment.", status="{status}"),
        "upload-failed": _("Your file could not be read: the server failed (HTTP {status}). Please try again in "
                           "a moment.", status="{status}"),
    }


def page_text_holders() -> list:
    """The page's scripts' texts: a store for the clientside callbacks, data attributes for assets/*.js."""
    texts = page_texts()
    return [dcc.Store(id="page-texts", data=texts),
            html.Div(id="page-texts-dom", hidden=True, **{"data-page-lang": current_language()},
                     **{f"data-{key}": value for key, value in texts.items() if isinstance(value, str)})]


def toolbar() -> html.Div:
    """Filters (on small screens), Present, high contrast, and the downloads of the whole view."""
    downloads = dbc.DropdownMenu([
        dbc.DropdownMenuItem(_("Figures of this view (CSV + README, zip)"), id={"type": "download", "what": "csv"}),
        dbc.DropdownMenuItem(_("Figures of this view (Excel)"), id={"type": "download", "what": "xlsx"}),
        dbc.DropdownMenuItem(_("Slide deck of this view (PowerPoint)"), id={"type": "download", "what": "deck"}),
        dbc.DropdownMenuItem(divider=True),
        dbc.DropdownMenuItem(_("All data (CSV tables + README, zip)"), id={"type": "download", "what": "all-csv"}),
        dbc.DropdownMenuItem(_("All data (Excel, one sheet per table)"),
                             id={"type": "download", "what": "all-xlsx"}),
    ], label=html.Span([html.I(className="bi bi-download me-1", **{"aria-hidden": "true"}), _("Download")]),
        color="primary", size="sm", id="view-download-menu")
    return html.Div([
        filters_button(),
        dbc.Button([html.I(className="bi bi-easel me-1", **{"aria-hidden": "true"}),
                    # Translators: a button that starts the full-screen presentation mode
                    _("Present")],
                   id="present-open", color="primary", outline=True, size="sm",
                   title=_("Full-screen view for a projector: arrow keys step through charts and regions, "
                           "Esc leaves")),
        downloads,
        *share_buttons(),
        dbc.Button([html.I(className="bi bi-upload me-1", **{"aria-hidden": "true"}), _("Add your data")],
                   color="secondary", outline=True, size="sm", id="upload-open", n_clicks=0,
                   title=_("Open or close the drop zone for a file of your own")),
        dbc.Button(_("Remove your data"), id="upload-remove", color="link", size="sm", style={"display": "none"}),
        dbc.Switch(id="theme-toggle", label=_("High contrast"), value=False, className="mb-0 ms-1"),
        # What a download or an upload is doing while its request runs: the text is written here, in the page's
        # language, and the callbacks' ``running`` only shows and hides it (callbacks.BUSY_SHOWN / BUSY_HIDDEN).
        html.Span([dbc.Spinner(size="sm", spinner_class_name="me-1"), _("Preparing the file…")],
                  id="export-status", className="small text-body-secondary", role="status", style=BUSY_HIDDEN),
        html.Span(_("Reading your file…"), id="upload-busy", className="small text-body-secondary", role="status",
                  style=BUSY_HIDDEN),
    ], className="d-flex flex-wrap align-items-center gap-2 my-2 toolbar")


def _drop_here() -> list:
    """'Drop a file here, or <u>choose one</u>': one message, its underlined part marked by {choose}."""
    # Translators: {choose} is the underlined, clickable end of the sentence ('choose one')
    sentence = _("Drop a file here, or {choose}", choose=MARK)
    # Translators: the underlined end of 'Drop a file here, or choose one' (it opens the file chooser)
    return around(sentence, html.U(_("choose one")))


def upload_area() -> html.Div:
    """'Add your data' opens the drop zone and what it takes; below it, what an upload read and assumed,
    or every problem, as text."""
    panel = dbc.Collapse(dbc.Card(dbc.CardBody([
        dcc.Upload(html.Div([html.I(className="bi bi-upload me-2", **{"aria-hidden": "true"}),
                             *_drop_here()]),
                   id="upload", multiple=False, accept=".csv,.tsv,.txt,.xlsx,.gz,text/csv",
                   className="upload-drop"),
        html.Small([_("A CSV or Excel file with the columns of values.csv (region_id, indicator_id, year, value, "
                      "territory; optional edition, territory_type, source_id, qualifier, note; an Excel 'regions' "
                      "sheet adds regions), or a Eurostat download (met_pjanaggr3, met_10r_3gdp, met_10r_3emp, or "
                      "the NUTS-level demo_r_pjanaggr3, nama_10r_3gdp, nama_10r_3empers). Up to {limit}. The file "
                      "is read on this server and kept there, under a fingerprint of its content, for a week after "
                      "it was uploaded; your browser keeps only that fingerprint, and 'Remove your data' takes it "
                      "out of your view.", limit=size_text())], className="text-body-secondary d-block mt-2"),
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
    return dbc.Alert(_("The data folder this server was started with could not be used, so the bundled data is "
                       "shown. The server's log says why."), color="warning", dismissable=True, id="startup-alert",
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
        # Translators: the presentation's key hint: arrow keys, then Esc (keep the arrows and the spacing)
        html.Div(_("← → chart   ↑ ↓ region   Esc exit"), className="stage-hint", **{"aria-hidden": "true"}),
        *(html.Button(id=b, n_clicks=0, style=hidden, tabIndex="-1", **{"aria-hidden": "true"})
          for b in ("present-prev", "present-next", "present-up", "present-down", "present-exit")),
    ], id="stage")


def _footer_note() -> list:
    """The page's footnote, one message; {badge} is where the 'City figure' badge stands."""
    # Translators: {badge} is a small coloured label reading 'City figure'; '≈', '≥' and 'c.' are the marks
    # the figures carry (keep them as they are)
    sentence = _("Every figure names its territory, year and source. A city is not a metropolitan region: figures "
                 "for the core city carry a {badge} badge, and charts that compare different kinds of territory or "
                 "years more than three apart say so. ≈ approximate, ≥ lower bound, c. year inferred from an "
                 "undated page. Click a region in any chart to make it the focus.", badge=MARK)
    return around(sentence, dbc.Badge(_("City figure"), color="warning", className="text-dark"))


def build_layout(dataset: Dataset, refused_folder: bool = False, lang: str = DEFAULT_LANGUAGE) -> html.Div:
    """The page in ``lang``: its fixed texts are written once per language; the view's parts follow the URL."""
    with use_language(lang) as lang:
        return _page(dataset, refused_folder, replace(default_state(dataset), lang=lang))


def _page(dataset: Dataset, refused_folder: bool, state: ViewState) -> html.Div:
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
        dcc.Store(id="about-key"),  # what the About the figures tab shows (built when first opened)
        dcc.Store(id="options-key", data=menus_key(None, state)),  # the menus as first drawn
        *page_text_holders(),
        stage(),
        embed_modal(),
        html.Div([navbar(state.lang), html.Main(dbc.Container([
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
                dbc.Tab([timeline(dataset, state), charts_grid(dataset, state)], label=pgettext("tab", "Charts"),
                        tab_id="charts", className="pt-3", id="tab-charts"),
                dbc.Tab(table_slot(), label=pgettext("tab", "Table"), tab_id="table", className="pt-3",
                        id="tab-table"),
                dbc.Tab(html.Div(id="profile-view", children=html.P(_("Loading the profile…"))),
                        label=pgettext("tab", "Profile"), tab_id="profile", className="pt-3", id="tab-profile"),
                dbc.Tab(html.Div(id="about-view", children=html.P(_("Loading…"))),
                        label=pgettext("tab", "About the figures"), tab_id="about", className="pt-3", id="tab-about"),
            ], id="tabs", active_tab=state.tab, className="mt-2"),
            html.Div([
                html.P(_footer_note(), className="small text-body-secondary mb-1"),
            ], className="mt-3 pb-3"),
        ], fluid=True, className="px-3 px-lg-4"))], id="main-view"),
    ])
