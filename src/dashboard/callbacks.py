"""Thin wiring: inputs -> ViewState (mirrored in the URL) -> builders. No data work happens here.

One interaction is one request: a single callback turns any input (URL, control, preset, chart
click, key, upload) into the next ViewState and answers with only the parts of the page that
changed (a chart whose inputs did not change gets ``no_update``). Every callback sees the session's
Dataset: the base, plus the figures this browser session uploaded.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from functools import wraps

import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from dashboard import upload_store
from dashboard.client_input import clicks, session_dataset, text, user_reference
from dashboard.components.about_view import about_link, about_view
from dashboard.components.chart_card import footer_children, graph_style, meta_children, offered, page_chart
from dashboard.components.controls import (
    basis_options,
    indicator_options,
    measure_options,
    peer_options,
    region_options,
    since_options,
    since_style,
)
from dashboard.components.figures_table import GRID_ID, defer_grid_library, figures_table, table_rows
from dashboard.components.kpi_card import kpi_row
from dashboard.components.navbar import provenance_text
from dashboard.components.profile_view import profile_view
from dashboard.components.timeline import PLAY_CLASS, mode_options, mode_value, slider_props
from dashboard.data import Dataset
from dashboard.export.all_data import all_data_file
from dashboard.export.files import chart_file, data_file, deck_file, profile_file
from dashboard.figures.styling import for_presentation, themed
from dashboard.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    N_,
    PSEUDO,
    _,
    is_language,
    language_in_query,
    ngettext,
    use_language,
)
from dashboard.layout import BUSY_HIDDEN, heading, stage_graph
from dashboard.presets import with_users_regions
from dashboard.state import ViewState
from dashboard.upload import MAX_UPLOAD_BYTES, keep_checked, parse_upload
from dashboard.url_state import from_query, restore, to_query
from dashboard.view_model import chart_summary, year_status
from dashboard.view_rules import (
    CONTROL_INPUTS,
    PRESENT_KEYS,
    clickable,
    menus_key,
    menus_to_send,
    next_state,
    normalise,
)
from dashboard.views import CHARTS, kpi_key

# What a failed download says, one whole sentence per download (translated where shown).
DATA_DOWNLOADS = {"csv": N_("Could not export the figures as CSV (zip)."),
                  "xlsx": N_("Could not export the figures as Excel."),
                  "deck": N_("Could not export the slide deck."),
                  "profile": N_("Could not export the profile as PDF."),
                  "all-csv": N_("Could not export all data (zip)."),
                  "all-xlsx": N_("Could not export all data (Excel).")}
# A callback's ``running`` is fixed when it is registered, for every language: it only shows and hides a busy
# text that the page's layout writes in its own language (layout.toolbar).
BUSY_SHOWN: dict = {}


def stored_language(stored: object) -> str:
    """The language of the view a browser's store holds (the page's, at first); English when unreadable."""
    lang = stored.get("lang") if isinstance(stored, dict) else None
    return lang if is_language(lang) else DEFAULT_LANGUAGE


def asked_language(search: object, stored: object) -> str:
    """The link's ``?lang=`` when it names one of ours, else the stored view's language."""
    return language_in_query(search) or stored_language(stored)


def speaking(language_of: Callable[..., str]):
    """Run a callback in the language ``language_of`` finds in the callback's own arguments."""
    def wrap(callback):
        @wraps(callback)
        def in_language(*args, **kwargs):
            with use_language(language_of(*args, **kwargs)):
                return callback(*args, **kwargs)
        return in_language
    return wrap


def register_callbacks(app: Dash, base: Dataset) -> None:
    _register_language(app)
    _register_view(app, base)
    _register_timeline(app)
    _register_about(app)
    _register_table(app, base)
    app.clientside_callback(
        # Leaving presentation mode (Esc) hands the keyboard back to the Present button: the stage that had
        # it is hidden, and focus would fall to the top of the page.
        """function (data) {
            const body = document.body, wasPresenting = body.classList.contains("presenting");
            body.classList.toggle("presenting", Boolean(data && data.present));
            body.classList.toggle("theme-contrast", Boolean(data && data.theme === "contrast"));
            const present = document.getElementById("present-open");
            if (wasPresenting && !body.classList.contains("presenting") && present) { present.focus(); }
            return window.dash_clientside.no_update;
        }""",
        Output("body-class-sink", "data"), Input("view-state", "data"))
    _register_downloads(app, base)
    _register_upload(app, base)


def _register_language(app: Dash) -> None:
    """The language menu's links keep the view (the address bar's settings with another ``lang``); going back
    or forward to an address in another language reloads the page in it (its fixed texts are per language)."""
    app.clientside_callback(
        f"""function (search) {{
            const known = {json.dumps([*LANGUAGES, PSEUDO])};
            // the last lang=, trimmed, as the server reads it; compared with the language the page was built in
            // (not <html lang>, which a browser's translation tool may rewrite)
            const asked = (new URLSearchParams(search || "").getAll("lang").pop() || "").trim();
            const box = document.getElementById("page-texts-dom");
            const shown = box ? box.getAttribute("data-page-lang") : document.documentElement.lang;
            if (asked && known.includes(asked) && asked !== shown) {{
                window.location.reload();
                return window.dash_clientside.no_update;
            }}
            return window.dash_clientside.callback_context.outputs_list.map(function (output) {{
                const params = new URLSearchParams(search || "");
                params.set("lang", output.id.lang);
                return "?" + params.toString();
            }});
        }}""",
        Output({"type": "language-link", "lang": ALL}, "href"), Input("url", "search"))


def _register_about(app: Dash) -> None:
    """Links to the About the figures tab keep the view as it is when clicked: their addresses follow the address
    bar (only the tab and the focus differ; a presentation is left). A card's link names the territory after '#':
    once the tab shows, that entry is scrolled into view, whether the tab was drawn anew or not."""
    app.clientside_callback(
        """function (search, hrefs) {
            // the same settings in any order: the link is left as it is (no redraw of the card around it)
            const same = function (a, b) {
                const sorted = function (href) {
                    const [query, hash] = String(href || "").split("#");
                    return JSON.stringify([Array.from(new URLSearchParams(query)).sort(), hash || ""]);
                };
                return sorted(a) === sorted(b);
            };
            return window.dash_clientside.callback_context.outputs_list.map(function (output, i) {
                const params = new URLSearchParams(search || "");
                params.set("tab", "about");
                params.set("focus", output.id.region);
                params.delete("present");
                const href = "?" + params.toString() + (output.id.territory ? "#about-" + output.id.territory : "");
                return same(href, (hrefs || [])[i]) ? window.dash_clientside.no_update : href;
            });
        }""",
        Output({"type": "about-link", "where": ALL, "region": ALL, "territory": ALL}, "href"), Input("url", "search"),
        State({"type": "about-link", "where": ALL, "region": ALL, "territory": ALL}, "href"))
    app.clientside_callback(
        """function (children, hash, tab) {
            // the address after '#' comes from a link anyone can write: an entry's id is plain ASCII, so it is
            // looked up as it stands (never decoded: a malformed %-escape threw) and only when short
            if (tab === "about" && hash && hash.startsWith("#about-") && hash.length <= 200) {
                window.requestAnimationFrame(function () {
                    const entry = document.getElementById(hash.slice(1));
                    if (entry) { entry.scrollIntoView({block: "start"}); }
                });
            }
            return window.dash_clientside.no_update;
        }""",
        Output("about-view", "title"), Input("about-view", "children"), Input("url", "hash"),
        Input("tabs", "active_tab"), prevent_initial_call=True)


def _register_timeline(app: Dash) -> None:
    """Play steps the slider through the years in the browser: one year on once the page shows the year before
    (the view's store holds the year of the answer last drawn), so a slow answer never queues frames; the last
    year stops it. Play from the last year, or from each region's latest figures, starts at the first year."""
    app.clientside_callback(
        f"""function (clicks, ticks, stopped, value, marks, view, texts, tab) {{
            const none = window.dash_clientside.no_update;
            const years = Object.keys(marks || {{}}).map(Number).sort(function (a, b) {{ return a - b; }});
            const shown = view ? view.year : null;
            const face = function (playing) {{
                return [playing ? "{PLAY_CLASS} playing" : "{PLAY_CLASS}",
                        (texts && texts[playing ? "pause" : "play"]) || (playing ? "Pause" : "Play")];
            }};
            const halt = [true, none, none].concat(face(false), ["polite"]);
            const trigger = window.dash_clientside.callback_context.triggered_id;
            if (trigger === "year-play") {{
                if (!stopped || years.length < 2) {{ return halt; }}  // pressed while playing: stop where it is
                const start = (shown === null || value === years[years.length - 1]) ? years[0] : value;
                // each region's latest shown and the slider already at the first year: choose the same year mode
                const mode = (shown === null && start === value) ? "same" : none;
                // while playing, the sentence under the slider is not read out at every step
                return [false, start === value ? none : start, mode].concat(face(true), ["off"]);
            }}
            const wait = [none, none, none, none, none, none];
            if (stopped) {{ return wait; }}
            // another tab, or each region's latest chosen (or a new edition or indicator without the year): stop
            if (tab !== "charts" || shown === null) {{ return halt; }}
            if (shown !== value) {{ return wait; }}  // the year before is not drawn yet
            const next = years.find(function (y) {{ return y > value; }});
            if (next === undefined) {{ return halt; }}
            return [none, next, none, none, none, none];
        }}""",
        Output("year-timer", "disabled"), Output("year-slider", "value", allow_duplicate=True),
        Output("year-mode", "value", allow_duplicate=True), Output("year-play", "className"),
        Output("year-play-text", "children"), Output("year-status", "aria-live"),
        Input("year-play", "n_clicks"), Input("year-timer", "n_intervals"), State("year-timer", "disabled"),
        State("year-slider", "value"), State("year-slider", "marks"), State("view-state", "data"),
        State("page-texts", "data"), State("tabs", "active_tab"),
        prevent_initial_call=True)


def _chart_parts(dataset: Dataset, view, state: ViewState) -> dict:
    figure, meta = page_chart(dataset, state, view)
    return dict(figure=figure, style=graph_style(figure), title=meta.title,
                meta=meta_children(meta), summary=chart_summary(meta, figure),
                footer=footer_children(meta, about_link(dataset, state, f"chart-{view.name}")))


def _stage_parts(dataset: Dataset, state: ViewState) -> dict:
    """Presentation mode's slide: the KPI cards, or one chart full screen."""
    name = dataset.region_name(state.focus)
    if state.slide == "kpis":
        # Translators: the presentation's slide of a region's key figures; {region} is its name
        return dict(title=_("{region}: key figures", region=name), subtitle=heading(dataset, state)[1].children,
                    graph=no_update, graph_style={"display": "none"}, style={},
                    kpis=kpi_row(dataset, state, links=False),
                    footer=_("Sources on each card."))
    view = CHARTS.by_name(state.slide)
    figure, meta = view.build(dataset, state)
    badges = " · ".join(text for text, _ in meta.comparability.badges)
    # Translators: a chart's subtitle, then its comparability warnings after a warning sign
    subtitle = _("{subtitle} · ⚠ {warnings}", subtitle=meta.subtitle, warnings=badges) if badges else meta.subtitle
    return dict(title=meta.title, subtitle=subtitle,
                graph=stage_graph(themed(for_presentation(figure), state.theme)), graph_style={},
                kpis=[], style={"display": "none"},
                footer=" · ".join(part for part in (
                    _("Sources: {publishers}", publishers="; ".join(meta.publishers)) if meta.publishers else "",
                    # a region left out says so on the slide too (the page's card lists it with its reason)
                    # Translators: the regions a chart leaves out for want of figures, separated by commas
                    _("Not shown: {regions}", regions=", ".join(name for name, _why in meta.missing))
                    if meta.missing else "") if part))


def _unless_shown(shown: object, value: object) -> object:
    """A control's value for the answer, or no_update when the control shows it already: a control given a value
    is drawn again, and a 300-region peer selector costs the browser more than a chart."""
    return no_update if shown == value else value


def _control_values(dataset: Dataset, state: ViewState, shown: dict, menus: bool) -> dict:
    """Every control's value from the state, each left as it is where it shows that value; the slider's stops
    only with the other menus (they follow the edition and the indicator)."""
    slider = slider_props(dataset, state)
    wanted = {"focus": ("region-select", state.focus), "peers": ("peers-select", list(state.others)),
              "edition": ("edition-select", state.edition), "indicator": ("indicator-select", state.indicator),
              "measure": ("measure-select", state.measure), "basis": ("basis-select", state.basis or "auto"),
              "year_mode": ("year-mode", mode_value(state)),
              "since": ("since-select", str(state.since) if state.since else "default"),
              "x": ("scatter-x", state.x), "y": ("scatter-y", state.y), "size": ("scatter-size", state.size),
              "tab": ("tabs", state.tab), "theme": ("theme-toggle", state.theme == "contrast"),
              "scale": ("scale-select", state.scale)}
    values = {name: _unless_shown(shown.get(cid), value) for name, (cid, value) in wanted.items()}
    stops = {prop: slider[prop] if menus else no_update for prop in ("min", "max", "marks", "disabled")}
    return {**values, "slider": {**stops, "value": _unless_shown(shown.get("year-slider"), slider["value"])}}


def _register_view(app: Dash, base: Dataset) -> None:
    chart_outputs = {view.name: dict(
        figure=Output(f"chart-{view.name}", "figure"), style=Output(f"chart-{view.name}", "style"),
        title=Output(f"{view.name}-title", "children"), meta=Output(f"{view.name}-meta", "children"),
        footer=Output(f"{view.name}-footer", "children"), summary=Output(f"{view.name}-summary", "children"),
        key=Output(f"{view.name}-key", "data")) for view in CHARTS}
    stage_outputs = dict(
        title=Output("stage-title", "children"), subtitle=Output("stage-subtitle", "children"),
        graph=Output("stage-graph-box", "children"), graph_style=Output("stage-graph-box", "style"),
        kpis=Output("stage-kpis", "children"), style=Output("stage-kpis", "style"),
        footer=Output("stage-footer", "children"))
    outputs = dict(
        state=Output("view-state", "data"), search=Output("url", "search"),
        focus=Output("region-select", "value"), focus_options=Output("region-select", "options"),
        peers=Output("peers-select", "value"), peer_options=Output("peers-select", "options"),
        edition=Output("edition-select", "value"),
        indicator=Output("indicator-select", "value"), indicator_options=Output("indicator-select", "options"),
        measure=Output("measure-select", "value"), measure_options=Output("measure-select", "options"),
        basis=Output("basis-select", "value"), basis_options=Output("basis-select", "options"),
        year_mode=Output("year-mode", "value"), year_mode_options=Output("year-mode", "options"),
        year_status=Output("year-status", "children"),
        slider={prop: Output("year-slider", prop) for prop in ("min", "max", "marks", "value", "disabled")},
        since=Output("since-select", "value"), since_options=Output("since-select", "options"),
        since_style=Output("since-box", "style"),
        x=Output("scatter-x", "value"), y=Output("scatter-y", "value"), size=Output("scatter-size", "value"),
        x_options=Output("scatter-x", "options"), y_options=Output("scatter-y", "options"),
        size_options=Output("scatter-size", "options"),
        tab=Output("tabs", "active_tab"), theme=Output("theme-toggle", "value"), scale=Output("scale-select", "value"),
        notice=Output("url-notice", "children"), notice_open=Output("url-notice", "is_open"),
        heading=Output("region-heading", "children"), kpis=Output("kpi-row", "children"),
        provenance=Output("view-provenance", "children"),
        kpi_key=Output("kpi-key", "data"), options_key=Output("options-key", "data"),
        profile=Output("profile-view", "children"), profile_key=Output("profile-key", "data"),
        about=Output("about-view", "children"), about_key=Output("about-key", "data"),
        charts=chart_outputs, stage=stage_outputs,
        table=Output({**GRID_ID, "slot": ALL}, "rowData"),
    )
    inputs = dict(
        search=Input("url", "search"),
        controls={cid: Input(cid, "value") for cid in CONTROL_INPUTS},
        tab=Input("tabs", "active_tab"),
        presets=Input({"type": "preset", "id": ALL}, "n_clicks"),
        chart_clicks={cid: Input(cid, "clickData") for cid in clickable()},
        keys={key: Input(key, "n_clicks") for key in PRESENT_KEYS},
        theme=Input("theme-toggle", "value"),
        user=Input("user-data", "data"),
    )

    states = dict(stored=State("view-state", "data"), shown_kpis=State("kpi-key", "data"),
                  shown_options=State("options-key", "data"), shown_profile=State("profile-key", "data"),
                  shown_about=State("about-key", "data"),
                  shown={view.name: State(f"{view.name}-key", "data") for view in CHARTS})

    @app.callback(output=outputs, inputs=inputs, state=states)
    @speaking(lambda **kw: asked_language(kw["search"], kw["stored"]))
    def update_view(search, controls, tab, presets, chart_clicks, keys, theme, user, stored, shown_kpis,
                    shown_options, shown_profile, shown_about, shown):
        """One place turns any input (URL, control, preset, chart click, key, upload) into the ViewState,
        and answers with every part of the page whose inputs changed, in the same response."""
        dataset = session_dataset(base, user)
        trigger = ctx.triggered_id
        if trigger in PRESENT_KEYS and not clicks(keys.get(trigger)):
            raise PreventUpdate
        values = {**controls, "tabs": tab, **chart_clicks, "theme-toggle": theme}
        notes: list[str] = []
        from_url = trigger is None or "url.search" in ctx.triggered_prop_ids  # first load fires several inputs
        if from_url:
            state, notes = from_query(dataset, text(search), language=stored_language(stored))
        elif trigger == "user-data":  # figures added or removed: keep the view, offer any new regions
            state = restore(dataset, stored)
            state = replace(state, peers=with_users_regions(base, dataset, state.peers))
        else:
            current = restore(dataset, stored)
            try:
                state = next_state(dataset, trigger, current, values)
            except (TypeError, ValueError, KeyError, AttributeError, IndexError):  # a value no control sends
                state, notes = current, [_("a control's value could not be read; the view was kept")]
            state = restore(dataset, state.to_dict())  # whatever came in, only values the URL parser accepts
        parsed = state
        state, fixes = normalise(dataset, state)
        notes += fixes if from_url else []
        # an address that already says this view, in another order or spelling (a link the browser wrote): kept
        # as it is, since writing it again would add a second history entry (Back would seem to do nothing)
        described = from_url and not notes and parsed == state and "lang=" in text(search)
        if text(search) != search and from_url:
            notes.append(_("the address could not be read; the default view is shown"))
        # the address always names its language (English too), so back and forward return to the language each
        # view was in, whatever the reader chose since (the choice is remembered for addresses without one)
        query = to_query(dataset, state)
        query = query if "lang=" in query else f"{query}&lang={state.lang}" if query else f"?lang={state.lang}"
        reference = user_reference(user)
        user_hash = reference and reference["id"]
        options_key = menus_key(user_hash, state)
        menus, peer_menu = menus_to_send(options_key, shown_options)
        # menus as they were are not resent (300 regions are 30 kB); the peers' follow the focus
        options = dict.fromkeys(("focus_options", "indicator_options", "measure_options", "basis_options",
                                 "year_mode_options", "since_options", "x_options", "y_options", "size_options"),
                                no_update)
        if menus:
            indicators = indicator_options(dataset, state.edition)
            options = dict(focus_options=region_options(dataset),
                           indicator_options=indicators, measure_options=measure_options(dataset, state.indicator),
                           basis_options=basis_options(dataset, state.indicator, state.edition, state.measure),
                           year_mode_options=mode_options(state),
                           since_options=since_options(dataset, state.indicator, state.edition),
                           x_options=indicators, y_options=indicators, size_options=indicators)
        options["peer_options"] = peer_options(dataset, state.focus) if peer_menu else no_update
        charts = {}
        for view in CHARTS:
            key = [*view.key(state), user_hash]
            hidden = state.tab in ("profile", "about")  # built when the Charts tab is shown again (its key differs)
            charts[view.name] = ({name: no_update for name in chart_outputs[view.name]}
                                 if key == shown.get(view.name) or hidden
                                 else {**_chart_parts(dataset, view, state), "key": key})
        new_kpi_key = kpi_key(state, user_hash)
        same_kpis = new_kpi_key == shown_kpis
        table_rows_now = table_rows(dataset, state) if ctx.outputs_grouping["table"] else []
        new_profile_key = [*kpi_key(state, user_hash), state.theme] if state.tab == "profile" else shown_profile
        fresh_profile = state.tab == "profile" and new_profile_key != shown_profile
        new_about_key = [user_hash, state.focus, state.lang, state.theme] if state.tab == "about" else shown_about
        fresh_about = state.tab == "about" and new_about_key != shown_about
        return dict(
            state=state.to_dict(), search=no_update if query == (search or "") or described else query,
            **_control_values(dataset, state, {**controls, "tabs": tab, "theme-toggle": theme}, menus),
            year_status=year_status(dataset, state), since_style=since_style(state.measure),
            **options,
            options_key=no_update if options_key == shown_options else options_key,
            # Translators: {notes} are the settings of a link that were ignored, each with its reason, by ';'
            notice=_("Ignored in the link: {notes}.", notes="; ".join(notes)) if notes else no_update,
            notice_open=True if notes else no_update,
            heading=no_update if same_kpis else heading(dataset, state),
            kpis=no_update if same_kpis else kpi_row(dataset, state),
            provenance=no_update if same_kpis and all(c.get("key", no_update) is no_update for c in charts.values())
            else provenance_text(dataset, state),
            kpi_key=no_update if same_kpis else new_kpi_key,
            profile=profile_view(dataset, state) if fresh_profile else no_update,
            profile_key=new_profile_key if fresh_profile else no_update,
            about=about_view(dataset, state) if fresh_about else no_update,
            about_key=new_about_key if fresh_about else no_update,
            charts=charts,
            stage=_stage_parts(dataset, state) if state.present else {name: no_update for name in stage_outputs},
            table=[table_rows_now for _ in ctx.outputs_grouping["table"]],
        )


def _register_table(app: Dash, base: Dataset) -> None:
    """The grid's library is fetched when the Table tab is first opened; then the grid is created."""
    script = app.get_relative_path("/" + defer_grid_library())
    app.clientside_callback(
        f"""function (tab) {{
            if (tab !== "table") {{ return window.dash_clientside.no_update; }}
            if (window.dash_ag_grid) {{ return window.dash_clientside.no_update; }}  // loaded, grid made
            return new Promise(function (resolve, reject) {{
                const tag = document.createElement("script");
                tag.src = "{script}";
                tag.onload = function () {{ resolve(true); }};
                tag.onerror = function () {{ resolve("failed"); }};  // said on the page, not thrown
                document.head.appendChild(tag);
            }});
        }}""",
        Output("grid-library", "data"), Input("tabs", "active_tab"),
    )

    @app.callback(Output("figures-table", "children"), Input("grid-library", "data"),
                  State("view-state", "data"), State("user-data", "data"), prevent_initial_call=True)
    @speaking(lambda ready, data, user: stored_language(data))
    def create_table(ready, data, user):
        if not ready:
            raise PreventUpdate
        if ready == "failed":
            return dbc.Alert(_("The table could not be loaded from the server. Reload the page to try again; the "
                               "same figures are in Download → Figures of this view (CSV or Excel)."), color="warning")
        dataset = session_dataset(base, user)
        return figures_table(dataset, restore(dataset, data))


def _register_downloads(app: Dash, base: Dataset) -> None:
    @app.callback(
        Output("download", "data"), Output("export-error", "children"), Output("export-error", "is_open"),
        Input({"type": "export", "chart": ALL, "fmt": ALL, "size": ALL, "scale": ALL}, "n_clicks"),
        Input({"type": "download", "what": ALL}, "n_clicks"),
        State("view-state", "data"), State("user-data", "data"),
        prevent_initial_call=True,
        running=[(Output("export-status", "style"), BUSY_SHOWN, BUSY_HIDDEN)],
    )
    @speaking(lambda _chart_clicks, _view_clicks, data, user: stored_language(data))
    def download(_chart_clicks, _view_clicks, data, user):
        trigger = ctx.triggered_id
        if not isinstance(trigger, dict) or not clicks(ctx.triggered[0]["value"]):
            raise PreventUpdate
        if trigger.get("type") == "export":
            if trigger.get("chart") not in CHARTS.names() or not offered(trigger.get("size"), trigger.get("fmt"),
                                                                      trigger.get("scale")):
                return no_update, _("That export is not offered: choose one from a chart's Download menu."), True
            # Translators: {chart} is a chart's title ('Ranking'), {format} PNG, SVG or PDF
            failed = _("Could not export the {chart} chart as {format}.",
                       chart=_(CHARTS.by_name(trigger["chart"]).title), format=trigger["fmt"].upper())
        elif trigger.get("what") in DATA_DOWNLOADS:
            failed = _(DATA_DOWNLOADS[trigger["what"]])
        else:
            return no_update, _("That download is not offered: choose one from the Download menu."), True
        dataset = session_dataset(base, user)
        state = restore(dataset, data)
        try:
            if trigger["type"] == "export":
                name, payload = chart_file(dataset, state, trigger["chart"], trigger["fmt"], trigger["size"],
                                           trigger["scale"])
            elif trigger["what"] == "deck":
                name, payload = deck_file(dataset, state)
            elif trigger["what"] == "profile":
                name, payload = profile_file(dataset, state)
            elif trigger["what"] in ("all-csv", "all-xlsx"):
                name, payload = all_data_file(dataset, trigger["what"])
            else:
                name, payload = data_file(dataset, state, trigger["what"])
        except Exception as err:  # any failure is reported on the page, which keeps working
            return no_update, [html.Strong(failed), " ", f"{type(err).__name__}: {err}"], True
        return dcc.send_bytes(payload, name), no_update, False


def _notes(notes: list[str]) -> str:
    """What an upload read and assumed, as one line (the notes are written by dashboard.upload)."""
    # Translators: what was read from an uploaded file and what was assumed, the items separated by ';'
    return _("{notes}.", notes="; ".join(notes))


def _register_upload(app: Dash, base: Dataset) -> None:
    app.clientside_callback(  # 'Add your data' opens and closes the drop zone and its help
        """function (clicks, open) { return clicks ? !open : open; }""",
        Output("upload-panel", "is_open"), Input("upload-open", "n_clicks"), State("upload-panel", "is_open"),
        prevent_initial_call=True)
    # The size check runs in the browser: a file over the limit is never sent, let alone read.
    # Its message is the page's (layout.page_texts: this script is the same for every language).
    app.clientside_callback(
        f"""function (contents, name, texts) {{
            if (!contents) {{ return [window.dash_clientside.no_update, ""]; }}
            const data = contents.split(",")[1] || "";
            const bytes = Math.floor(data.length * 3 / 4);
            if (bytes > {MAX_UPLOAD_BYTES}) {{
                const said = (texts && texts["upload-over-limit"]) || "{{name}}: the file is too large ({{size}} MB).";
                const size = (bytes / 1048576).toFixed(1).replace(".", (texts && texts["decimal-sign"]) || ".");
                return [window.dash_clientside.no_update,
                        said.split("{{name}}").join(String(name)).split("{{size}}").join(size)];
            }}
            return [{{"contents": contents, "name": name}}, ""];
        }}""",
        Output("upload-accepted", "data"), Output("upload-refused", "children"),
        Input("upload", "contents"), State("upload", "filename"), State("page-texts", "data"),
    )

    @app.callback(
        Output("user-data", "data"), Output("upload-status", "children"),
        Input("upload-accepted", "data"), Input("upload-remove", "n_clicks"), State("user-data", "data"),
        State("view-state", "data"),
        prevent_initial_call=True,
        running=[(Output("upload-busy", "style"), BUSY_SHOWN, BUSY_HIDDEN)],
    )
    @speaking(lambda accepted, _remove, current, view: stored_language(view))
    def receive(accepted, _remove, current, view):
        if ctx.triggered_id == "upload-remove":
            upload_store.release(current, upload_store.client_address())  # frees this client's slot (quota)
            return None, _("Your data was removed; the bundled figures are shown.")
        if not accepted:
            raise PreventUpdate
        if not isinstance(accepted, dict) or not isinstance(accepted.get("contents"), str):
            return no_update, dbc.Alert(_("The upload could not be read; please choose the file again."),
                                        color="danger", dismissable=True, className="mt-2")
        accepted = {"contents": accepted["contents"], "name": text(accepted.get("name")) or "upload"}
        outcome = parse_upload(accepted["contents"], accepted["name"], base)
        if outcome.problems:
            items = [html.Li(str(p)) for p in outcome.problems[:200]]
            extra = len(outcome.problems) - 200
            more = [html.Li(ngettext("… and {n} more", "… and {n} more", extra))] if extra > 0 else []
            return no_update, dbc.Alert([
                # Translators: {name} is the uploaded file's name
                html.Strong(ngettext("{name}: {n} problem; nothing was added.",
                                     "{name}: {n} problems; nothing was added.", len(outcome.problems),
                                     name=accepted["name"])),
                " ",
                # Translators: keep FILE:ROW:COLUMN as it is, or translate its three words (the problems' form)
                _("Fix them and upload again (FILE:ROW:COLUMN: message):"),
                html.Ul([*items, *more], className="mb-0 small upload-problems"),
                html.Div(_notes(outcome.notes), className="small") if outcome.notes else None,
            ], color="danger", dismissable=True, className="mt-2")
        reference, refusal = upload_store.keep_for_session(outcome.payload, current)
        if reference is None:  # over this client's quota, the store unavailable, or too large to keep
            # Translators: {name} is the uploaded file's name, {reason} why the server cannot keep it
            return no_update, dbc.Alert(_("{name} was read, but {reason}; nothing was added.",
                                          name=accepted["name"], reason=refusal),
                                        color="danger", dismissable=True, className="mt-2")
        keep_checked(base, reference, outcome)  # the first click finds the Dataset built while checking the file
        return reference, dbc.Alert([
            html.Strong(_("{name} added: kept on this server for a week from now, and shown in this browser until "
                          "you remove it.", name=accepted["name"])),
            " ", _notes(outcome.notes), " ",
            _("Figures from it are marked 'Your data' in cards, charts, the table and exports."),
        ], color="success", dismissable=True, className="mt-2")

    @app.callback(Output("upload-remove", "style"), Output("user-data-banner", "children"),
                  Input("user-data", "data"), State("view-state", "data"))
    @speaking(lambda user, view: stored_language(view))
    def show_session_data(user, view):
        """While this session has figures of its own, say so and offer to remove them (also after a reload)."""
        reference = user_reference(user)
        if reference is None:
            return {"display": "none"}, ""
        upload_id = upload_store.reference_id(reference)
        kept = upload_store.status(upload_id) if upload_id is not None else "missing"
        if kept == "unavailable":  # Redis down or frozen: the upload is not gone
            return {"display": "inline-block"}, [
                dbc.Badge(_("Store unavailable"), color="warning", className="me-1 text-dark"),
                _("The server's upload store is unavailable right now, so {name} is not shown and the bundled figures "
                  "are. Try again in a minute (reload the page); no need to upload the file again.",
                  name=reference["name"])]
        if kept != "kept":  # expired, or on another instance without Redis
            return {"display": "inline-block"}, [
                dbc.Badge(_("Upload again"), color="warning", className="me-1 text-dark"),
                _("{name} is no longer on the server, so the bundled figures are shown. Please upload the file again.",
                  name=reference["name"])]
        return {"display": "inline-block"}, [dbc.Badge(_("Your data"), color="info", className="me-1 text-dark"),
                                             _("{name} is shown with the bundled figures in this session.",
                                               name=reference["name"])]
