"""How one input changes the view: pure rules from (Dataset, ViewState, input) to the next ViewState.

Callbacks only wire these to the page; the rules are unit-tested without a browser.
"""

from __future__ import annotations

from dataclasses import replace

from dashboard.data import Dataset
from dashboard.data.schema import BASES, YEAR_MAX, YEAR_MIN
from dashboard.i18n import _
from dashboard.measures import availability
from dashboard.presets import preset_members
from dashboard.state import ViewState, default_state, with_edition
from dashboard.url_state import slides
from dashboard.view_model import year_coverage
from dashboard.views import CHARTS


def clickable() -> list[str]:
    """The ids of the charts whose marks a click can pick a region on (every chart of the registry)."""
    return [f"chart-{view.name}" for view in CHARTS]
PRESENT_KEYS = ["present-open", "present-exit", "present-prev", "present-next", "present-up", "present-down"]
CONTROLS = {"region-select": "focus", "indicator-select": "indicator", "measure-select": "measure",
            "basis-select": "basis", "scale-select": "scale",
            "scatter-x": "x", "scatter-y": "y", "scatter-size": "size", "tabs": "tab"}
CONTROL_INPUTS = ["region-select", "peers-select", "edition-select", "indicator-select", "measure-select",
                  "basis-select", "year-mode", "year-slider", "scatter-x", "scatter-y", "scatter-size", "scale-select",
                  "since-select"]


def _clicked_region(dataset: Dataset, click: dict | None) -> str | None:
    try:
        region = click["points"][0]["customdata"][0]
    except (TypeError, KeyError, IndexError):
        return None
    return region if isinstance(region, str) and dataset.has_region(region) else None


def _presentation_step(state: ViewState, key: str) -> ViewState:
    """Open/leave presentation mode; left/right step through the slides, up/down through the regions."""
    if key == "present-open":
        return replace(state, present=True, slide="kpis")
    if key == "present-exit":
        return replace(state, present=False)
    if key in ("present-next", "present-prev"):
        step = 1 if key == "present-next" else -1
        order = slides()
        return replace(state, slide=order[(order.index(state.slide) + step) % len(order)])
    regions = list(state.regions)
    step = 1 if key == "present-down" else -1
    return replace(state, focus=regions[(regions.index(state.focus) + step) % len(regions)])


def next_state(dataset: Dataset, trigger, current: ViewState, values: dict) -> ViewState:
    """The state after one input changed; pure, so it is unit-tested without a browser."""
    if trigger in PRESENT_KEYS:
        return _presentation_step(current, trigger)
    if trigger == "theme-toggle":
        return replace(current, theme="contrast" if values.get("theme-toggle") else "light")
    if trigger in clickable():
        region = _clicked_region(dataset, values.get(trigger))
        return replace(current, focus=region) if region else current
    if isinstance(trigger, dict) and trigger.get("type") == "preset":
        return replace(current, peers=preset_members(dataset, trigger["id"]))
    if trigger == "edition-select":
        return with_edition(dataset, current, values["edition-select"])
    if trigger in CONTROLS:
        chosen = values[trigger]
        if not isinstance(chosen, str) or len(chosen) > MAX_CHOICE:  # a list nested 500 deep made asdict recurse
            return current  # until it failed (a 500); a control only ever sends a short string
        return replace(current, **{CONTROLS[trigger]: chosen})
    if trigger == "peers-select":
        return replace(current, peers=chosen_peers(dataset, current, values["peers-select"]))
    if trigger == "year-slider":  # moving the slider shows that year for all regions
        return replace(current, year=slider_year(dataset, current, values["year-slider"]))
    if trigger == "year-mode":
        return replace(current, year=same_year(dataset, current, values) if values["year-mode"] == "same" else None)
    if trigger == "since-select":
        return replace(current, since=chosen_year(values["since-select"]))
    return current


MAX_CHOICE = 200  # characters: every option value of a control is an id far shorter than this


def chosen_year(value: object) -> int | None:
    """The year the year control sent, or None (each region's default) for anything that is not a year the
    data can hold: 'default', Infinity or 1e308 (int() of those raised OverflowError: a 500), '²', True."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 4:
        value = int(value)
    return value if isinstance(value, int) and YEAR_MIN <= value <= YEAR_MAX else None


def slider_year(dataset: Dataset, current: ViewState, value: object) -> int | None:
    """The slider's year, moved on to the next year with figures in the direction it moved (an arrow key steps
    one calendar year, and the indicator may have none for it); None for a value that is no year."""
    chosen = chosen_year(value)
    years = dataset.years(current.indicator, current.edition)
    if chosen is None or not years or chosen in years:
        return chosen
    # where the handle was: the year shown, or (each region's latest) the year the slider showed then
    before = current.year if current.year is not None else year_coverage(dataset, current).best_year
    if before is not None and chosen < before:
        return max((y for y in years if y <= chosen), default=years[0])
    return min((y for y in years if y >= chosen), default=years[-1])


def same_year(dataset: Dataset, current: ViewState, values: dict) -> int | None:
    """'Same year for all': the year the slider shows (where the coverage is best, until it is moved), else the
    indicator's latest year."""
    years = dataset.years(current.indicator, current.edition)
    chosen = chosen_year(values.get("year-slider"))
    return chosen if chosen in years else years[-1] if years else None


def chosen_peers(dataset: Dataset, current: ViewState, listed: list[str] | None) -> tuple[str, ...]:
    """The peers after a change in the peer selector, which lists every region but the focus: the focus
    stays among the peers if it was (a preset like 'all' includes it, and a later focus change then keeps it
    in the comparison), since nobody could untick it."""
    chosen = set(listed or []) | ({current.focus} if current.focus in current.peers else set())
    return tuple(r for r in dataset.region_ids if r in chosen)


def menus_key(user_hash: str | None, state: ViewState) -> list:
    """What the menus' options depend on: the session's upload, edition and indicator; the peer selector's
    also on the focus (left out of it); all of them on the language their options are written in. Equal to
    the key shown: nothing is resent."""
    return [user_hash, state.edition, state.indicator, state.focus, state.lang]


def menus_to_send(new: list, shown: object) -> tuple[bool, bool]:
    """(every menu but the peers', the peers') whether each must be resent, from their keys (``shown`` comes
    from the browser: anything unexpected resends both)."""
    if not isinstance(shown, list) or len(shown) != len(new):
        return True, True
    return [*new[:3], new[4]] != [*shown[:3], shown[4]], [new[0], *new[3:]] != [shown[0], *shown[3:]]


def normalise(dataset: Dataset, state: ViewState) -> tuple[ViewState, list[str]]:
    """Fix combinations that cannot be shown, saying what was changed."""
    notes = []
    if not dataset.has_region(state.focus):  # e.g. an uploaded region after the upload was removed
        state = replace(state, focus=default_state(dataset).focus)
    state = replace(state, peers=tuple(p for p in state.peers if dataset.has_region(p)))
    if state.basis not in BASES:  # 'auto' from the control, or anything else: the per-indicator default
        state = replace(state, basis="")
    if availability(dataset, state.indicator).get(state.measure):
        state = replace(state, measure="absolute")
    if state.year is not None and state.year not in dataset.years(state.indicator, state.edition):
        # Translators: a note on a link's part that was ignored; 'year=' is the link's own text, {indicator} an id
        notes.append(_("year={year} (no {indicator} figure for that year in this edition)", year=state.year,
                       indicator=state.indicator))
        state = replace(state, year=None)
    return state, notes

