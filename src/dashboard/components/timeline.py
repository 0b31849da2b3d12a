"""The timeline above the charts: each region's latest figure or the same year for all, a year slider, a play
button that steps through the years, and a sentence saying how many regions each year has.

Playing is the browser's work (callbacks._register_timeline): a timer moves the slider one year once the page
shows the year before, so a slow answer never queues frames; each step is an ordinary change of the view's
year (in the URL), drawn by the same callback and builders as any other change.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.data import Dataset
from dashboard.i18n import _
from dashboard.state import ViewState
from dashboard.view_model import year_coverage, year_status

PLAY_STEP_MS = 1200  # a frame's least time on screen: long enough to read the year and the ranking's order
MAX_MARK_LABELS = 12  # more years than this: a label every few years, the first and the last always


def year_marks(years: list[int]) -> dict[int, str]:
    """A dot for every year with figures (the slider steps by one year: arrow keys need a step, and a year without
    figures moves on to the next that has them, view_rules.slider_year); labels thinned so that 25 years fit a
    phone (the first and the last always shown)."""
    if len(years) <= MAX_MARK_LABELS:
        return {y: str(y) for y in years}
    every = 5 if len(years) <= 5 * MAX_MARK_LABELS else 10
    return {y: str(y) if y in (years[0], years[-1]) or (y % every == 0 and years[-1] - y >= 2 and y - years[0] >= 2)
            else "" for y in years}


def slider_props(dataset: Dataset, state: ViewState) -> dict:
    """The slider's stops (the indicator's years) and its value: the year shown, else the year the same year for
    all would start at."""
    years = dataset.years(state.indicator, state.edition)
    if not years:
        return dict(min=0, max=0, marks={}, value=None, disabled=True)
    value = state.year if state.year is not None else year_coverage(dataset, state).best_year or years[-1]
    return dict(min=years[0], max=years[-1], marks=year_marks(years), value=value, disabled=len(years) < 2)


def mode_value(state: ViewState) -> str:
    return "same" if state.year is not None else "latest"


def mode_options(state: ViewState) -> list[dict]:
    latest = _("Nearest 2007 (each region)") if state.edition == "baltmet" else _("Latest (each region)")
    return [{"label": latest, "value": "latest"}, {"label": _("Same year for all"), "value": "same"}]


PLAY_CLASS = "btn btn-primary btn-sm year-play"  # '+ playing' while it plays: the pause icon shows (app.css)


def play_button() -> html.Button:
    """Play / Pause: both icons are in the button and app.css shows one; the word is its accessible name and the
    browser rewrites it from the page's texts (``play``, ``pause``)."""
    return html.Button([html.I(className="bi bi-play-fill play-icon me-1", **{"aria-hidden": "true"}),
                        html.I(className="bi bi-pause-fill pause-icon me-1", **{"aria-hidden": "true"}),
                        html.Span(_("Play"), id="year-play-text")],
                       id="year-play", n_clicks=0, type="button", className=PLAY_CLASS,
                       title=_("Step through the years, the same year for all regions; press again to stop"))


def timeline(dataset: Dataset, state: ViewState) -> html.Div:
    slider = slider_props(dataset, state)
    return html.Div([
        html.Div([
            html.Span(_("Year"), id="year-label", className="fw-semibold me-1"),
            dbc.RadioItems(id="year-mode", value=mode_value(state), options=mode_options(state), inline=True,
                           className="btn-group flex-wrap", inputClassName="btn-check",
                           labelClassName="btn btn-outline-secondary btn-sm", labelCheckedClassName="active"),
            play_button(),
        ], className="d-flex flex-wrap align-items-center gap-2"),
        html.Div(dcc.Slider(id="year-slider", step=1, included=False, updatemode="mouseup",
                            allow_direct_input=False, **slider), className="year-slider", role="group",
                 **{"aria-labelledby": "year-label"}),
        html.P(year_status(dataset, state), id="year-status", className="small text-body-secondary mb-0",
               role="status", **{"aria-live": "polite"}),  # 'off' while playing (callbacks._register_timeline)
        dcc.Interval(id="year-timer", interval=PLAY_STEP_MS, disabled=True),
    ], className="timeline mb-3", id="timeline")
