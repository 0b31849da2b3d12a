"""Thin wiring: inputs -> ViewState (mirrored in the URL) -> builders. No data work happens here."""

from __future__ import annotations

from dataclasses import replace

import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from dashboard.components.chart_card import footer_children, graph_style, meta_children
from dashboard.components.controls import indicator_options, measure_options, year_options
from dashboard.components.figures_table import table_rows
from dashboard.components.kpi_card import kpi_row
from dashboard.data import Dataset
from dashboard.export.files import chart_file, data_file, deck_file
from dashboard.figures.styling import for_presentation, themed
from dashboard.layout import heading
from dashboard.measures import availability
from dashboard.presets import preset_members
from dashboard.state import SLIDES, ViewState, from_query, to_query, with_edition
from dashboard.views import CHARTS

CLICKABLE = [f"chart-{view.name}" for view in CHARTS]
PRESENT_KEYS = ["present-open", "present-exit", "present-prev", "present-next", "present-up", "present-down"]


def _clicked_region(dataset: Dataset, click: dict | None) -> str | None:
    try:
        region = click["points"][0]["customdata"][0]
    except (TypeError, KeyError, IndexError):
        return None
    return region if isinstance(region, str) and dataset.has_region(region) else None


def next_state(dataset: Dataset, trigger, current: ViewState, values: dict) -> ViewState:
    """The state after one input changed; pure, so it is unit-tested without a browser."""
    if trigger in PRESENT_KEYS:
        return _presentation_step(current, trigger)
    if trigger == "theme-toggle":
        return replace(current, theme="contrast" if values.get("theme-toggle") else "light")
    if trigger in CLICKABLE:
        region = _clicked_region(dataset, values.get(trigger))
        return replace(current, focus=region) if region else current
    if isinstance(trigger, dict) and trigger.get("type") == "preset":
        return replace(current, peers=preset_members(dataset, trigger["id"]))
    if trigger == "edition-select":
        return with_edition(dataset, current, values["edition-select"])
    field = {"region-select": "focus", "indicator-select": "indicator", "measure-select": "measure",
             "scatter-x": "x", "scatter-y": "y", "scatter-size": "size", "tabs": "tab"}.get(trigger)
    if field:
        return replace(current, **{field: values[trigger]})
    if trigger == "peers-select":
        chosen = set(values["peers-select"] or [])
        return replace(current, peers=tuple(r for r in dataset.region_ids if r in chosen))
    if trigger == "year-select":
        year = values["year-select"]
        return replace(current, year=None if year in (None, "default") else int(year))
    return current


def _presentation_step(state: ViewState, key: str) -> ViewState:
    """Open/leave presentation mode; left/right step through the slides, up/down through the regions."""
    if key == "present-open":
        return replace(state, present=True, slide="kpis")
    if key == "present-exit":
        return replace(state, present=False)
    if key in ("present-next", "present-prev"):
        step = 1 if key == "present-next" else -1
        return replace(state, slide=SLIDES[(SLIDES.index(state.slide) + step) % len(SLIDES)])
    regions = list(state.regions)
    step = 1 if key == "present-down" else -1
    return replace(state, focus=regions[(regions.index(state.focus) + step) % len(regions)])


def normalise(dataset: Dataset, state: ViewState) -> tuple[ViewState, list[str]]:
    """Fix combinations that cannot be shown, saying what was changed."""
    notes = []
    if availability(dataset, state.indicator).get(state.measure):
        state = replace(state, measure="absolute")
    if state.year is not None and state.year not in dataset.years(state.indicator, state.edition):
        notes.append(f"year={state.year} (no {state.indicator} figure for that year in this edition)")
        state = replace(state, year=None)
    return state, notes


def register_callbacks(app: Dash, dataset: Dataset) -> None:
    control_inputs = ["region-select", "peers-select", "edition-select", "indicator-select", "measure-select",
                      "year-select", "scatter-x", "scatter-y", "scatter-size"]

    @app.callback(
        Output("view-state", "data"), Output("url", "search"),
        Output("region-select", "value"), Output("peers-select", "value"), Output("edition-select", "value"),
        Output("indicator-select", "value"), Output("indicator-select", "options"),
        Output("measure-select", "value"), Output("measure-select", "options"),
        Output("year-select", "value"), Output("year-select", "options"),
        Output("scatter-x", "value"), Output("scatter-y", "value"), Output("scatter-size", "value"),
        Output("scatter-x", "options"), Output("scatter-y", "options"), Output("scatter-size", "options"),
        Output("tabs", "active_tab"), Output("theme-toggle", "value"),
        Output("url-notice", "children"), Output("url-notice", "is_open"),
        Input("url", "search"),
        *(Input(cid, "value") for cid in control_inputs),
        Input("tabs", "active_tab"),
        Input({"type": "preset", "id": ALL}, "n_clicks"),
        *(Input(cid, "clickData") for cid in CLICKABLE),
        *(Input(key, "n_clicks") for key in PRESENT_KEYS),
        Input("theme-toggle", "value"),
        State("view-state", "data"),
    )
    def sync_state(search, *args):
        """One place turns any input (URL, control, preset, chart click) into the new ViewState."""
        stored = args[-1]
        values = dict(zip([*control_inputs, "tabs"], args[: len(control_inputs) + 1], strict=True))
        clicks_start = len(control_inputs) + 2
        values.update(zip(CLICKABLE, args[clicks_start: clicks_start + len(CLICKABLE)], strict=True))
        values["theme-toggle"] = args[-2]
        trigger = ctx.triggered_id
        if trigger in PRESENT_KEYS and not ctx.triggered[0]["value"]:
            raise PreventUpdate
        notes: list[str] = []
        if trigger in (None, "url"):
            state, notes = from_query(dataset, search)
        else:
            state = next_state(dataset, trigger, ViewState.from_dict(stored), values)
        state, fixes = normalise(dataset, state)
        notes += fixes if trigger in (None, "url") else []
        query = to_query(dataset, state)
        indicators = indicator_options(dataset, state.edition)
        notice = (["Ignored in the link: ", "; ".join(notes), "."] if notes else no_update)
        return (
            state.to_dict(), query if query != (search or "") else no_update,
            state.focus, list(state.peers), state.edition,
            state.indicator, indicators,
            state.measure, measure_options(dataset, state.indicator),
            str(state.year) if state.year else "default", year_options(dataset, state.indicator, state.edition),
            state.x, state.y, state.size, indicators, indicators, indicators,
            state.tab, state.theme == "contrast", notice, bool(notes) if notes else no_update,
        )

    @app.callback(Output("region-heading", "children"), Output("kpi-row", "children"),
                  Input("view-state", "data"))
    def show_kpis(data):
        state = ViewState.from_dict(data)
        return heading(dataset, state), kpi_row(dataset, state.focus, state.edition, state.regions, state.year)

    for view in CHARTS:
        _register_chart(app, dataset, view)

    @app.callback(Output("figures-table", "rowData"), Input("view-state", "data"))
    def show_table(data):
        return table_rows(dataset, ViewState.from_dict(data))

    app.clientside_callback(
        """function (data) {
            document.body.classList.toggle("presenting", Boolean(data && data.present));
            document.body.classList.toggle("theme-contrast", Boolean(data && data.theme === "contrast"));
            return window.dash_clientside.no_update;
        }""",
        Output("body-class-sink", "data"), Input("view-state", "data"))

    _register_stage(app, dataset)
    _register_downloads(app, dataset)


def _register_stage(app: Dash, dataset: Dataset) -> None:
    @app.callback(
        Output("stage-title", "children"), Output("stage-subtitle", "children"),
        Output("stage-graph", "figure"), Output("stage-graph-box", "style"),
        Output("stage-kpis", "children"), Output("stage-kpis", "style"), Output("stage-footer", "children"),
        Input("view-state", "data"),
    )
    def show_stage(data):
        state = ViewState.from_dict(data)
        if not state.present:
            raise PreventUpdate
        name = dataset.region_name(state.focus)
        if state.slide == "kpis":
            return (f"{name}: key figures", heading(dataset, state)[1].children, no_update, {"display": "none"},
                    kpi_row(dataset, state.focus, state.edition, state.regions, state.year), {},
                    "Sources on each card.")
        view = next(v for v in CHARTS if v.name == state.slide)
        figure, meta = view.build(dataset, state)
        badges = " · ".join(text for text, _ in meta.comparability.badges)
        subtitle = meta.subtitle + (f" · ⚠ {badges}" if badges else "")
        sources = "Sources: " + "; ".join(meta.publishers) if meta.publishers else ""
        return (meta.title, subtitle, themed(for_presentation(figure), state.theme), {}, [], {"display": "none"},
                sources)


def _register_downloads(app: Dash, dataset: Dataset) -> None:
    busy = [dbc.Spinner(size="sm", spinner_class_name="me-1"), "Preparing the file…"]

    @app.callback(
        Output("download", "data"), Output("export-error", "children"), Output("export-error", "is_open"),
        Input({"type": "export", "chart": ALL, "fmt": ALL, "size": ALL, "scale": ALL}, "n_clicks"),
        Input({"type": "download", "what": ALL}, "n_clicks"),
        State("view-state", "data"),
        prevent_initial_call=True,
        running=[(Output("export-status", "children"), busy, "")],
    )
    def download(_chart_clicks, _view_clicks, data):
        trigger = ctx.triggered_id
        if not trigger or not ctx.triggered[0]["value"]:
            raise PreventUpdate
        state = ViewState.from_dict(data)
        what = f"{trigger['chart']} chart as {trigger['fmt'].upper()}" if trigger["type"] == "export" \
            else {"csv": "figures as CSV", "xlsx": "figures as Excel", "deck": "slide deck"}[trigger["what"]]
        try:
            if trigger["type"] == "export":
                name, payload = chart_file(dataset, state, trigger["chart"], trigger["fmt"], trigger["size"],
                                           trigger["scale"])
            elif trigger["what"] == "deck":
                name, payload = deck_file(dataset, state)
            else:
                name, payload = data_file(dataset, state, trigger["what"])
        except Exception as err:
            return no_update, [html.Strong(f"Could not export the {what}. "), f"{type(err).__name__}: {err}"], True
        return dcc.send_bytes(payload, name), no_update, False


def _register_chart(app: Dash, dataset: Dataset, view) -> None:
    @app.callback(
        Output(f"chart-{view.name}", "figure"), Output(f"chart-{view.name}", "style"),
        Output(f"{view.name}-title", "children"),
        Output(f"{view.name}-meta", "children"), Output(f"{view.name}-footer", "children"),
        Output(f"{view.name}-key", "data"),
        Input("view-state", "data"), State(f"{view.name}-key", "data"),
    )
    def show_chart(data, previous_key):
        state = ViewState.from_dict(data)
        key = view.key(state)
        if key == previous_key:
            raise PreventUpdate  # nothing this chart depends on changed
        figure, meta = view.build(dataset, state)
        return (themed(figure, state.theme), graph_style(figure), meta.title, meta_children(meta),
                footer_children(meta), key)
