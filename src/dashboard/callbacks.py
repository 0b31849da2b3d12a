"""Thin wiring: inputs -> ViewState (mirrored in the URL) -> builders. No data work happens here."""

from __future__ import annotations

from dataclasses import replace

from dash import ALL, Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from dashboard.components.chart_card import footer_children, graph_style, meta_children
from dashboard.components.controls import indicator_options, measure_options, year_options
from dashboard.components.figures_table import table_rows
from dashboard.components.kpi_card import kpi_row
from dashboard.data import Dataset
from dashboard.layout import heading
from dashboard.measures import availability
from dashboard.presets import preset_members
from dashboard.state import ViewState, from_query, to_query, with_edition
from dashboard.views import CHARTS

CLICKABLE = [f"chart-{view.name}" for view in CHARTS]


def _clicked_region(dataset: Dataset, click: dict | None) -> str | None:
    try:
        region = click["points"][0]["customdata"][0]
    except (TypeError, KeyError, IndexError):
        return None
    return region if isinstance(region, str) and dataset.has_region(region) else None


def next_state(dataset: Dataset, trigger, current: ViewState, values: dict) -> ViewState:
    """The state after one input changed; pure, so it is unit-tested without a browser."""
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
        Output("tabs", "active_tab"), Output("url-notice", "children"), Output("url-notice", "is_open"),
        Input("url", "search"),
        *(Input(cid, "value") for cid in control_inputs),
        Input("tabs", "active_tab"),
        Input({"type": "preset", "id": ALL}, "n_clicks"),
        *(Input(cid, "clickData") for cid in CLICKABLE),
        State("view-state", "data"),
    )
    def sync_state(search, *args):
        """One place turns any input (URL, control, preset, chart click) into the new ViewState."""
        stored = args[-1]
        values = dict(zip([*control_inputs, "tabs"], args[: len(control_inputs) + 1], strict=True))
        values.update(zip(CLICKABLE, args[len(control_inputs) + 2: -1], strict=True))
        trigger = ctx.triggered_id
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
            state.tab, notice, bool(notes) if notes else no_update,
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
        return figure, graph_style(figure), meta.title, meta_children(meta), footer_children(meta), key
