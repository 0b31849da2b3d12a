"""The view state in the URL: ``?focus=riga&measure=share`` to and from a ViewState.

It sits above the chart registry because the presentation's slides are the registry's charts.
Only values that differ from the defaults are written; invalid values are dropped and reported,
never raised: a link or a browser's store comes from outside and is not trusted.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import parse_qs, urlencode

from dashboard.data import Dataset
from dashboard.data.schema import BASES, DEFAULT_EDITION, EDITIONS
from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES, _, is_language, ngettext
from dashboard.presets import PRESETS, preset_members
from dashboard.state import MEASURES, SCALES, TABS, THEMES, ViewState, default_state
from dashboard.views import CHARTS

MAX_QUERY_FIELDS = 40  # a link the app writes has at most 16 settings
ECHO_CHARS = 60  # a value the notice repeats is cut to this: a 5 000-character 'year=' is not echoed whole


def _echo(text: str) -> str:
    """A link's value as the notice repeats it: cut with '…' when longer than ECHO_CHARS."""
    return text if len(text) <= ECHO_CHARS else text[:ECHO_CHARS] + "…"


def _not_one_of(name: str, value: str, allowed) -> str:
    # Translators: a setting of a link that was ignored: 'measure=per_furlong (not one of: absolute, share)'.
    # {name}, {value} and {allowed} are the link's own words (codes), never translated.
    return _("{name}={value} (not one of: {allowed})", name=_echo(name), value=_echo(value), allowed=", ".join(allowed))


def _peers_param(dataset: Dataset, peers: tuple[str, ...]) -> str:
    for preset_id in PRESETS:
        if peers == preset_members(dataset, preset_id):
            return preset_id
    return ",".join(peers)


def to_query(dataset: Dataset, state: ViewState) -> str:
    """``?focus=riga&measure=share`` — only what differs from the defaults ('' for the default view)."""
    default = default_state(dataset, state.edition)
    params: dict[str, str] = {}
    if state.focus != default.focus:
        params["focus"] = state.focus
    if state.peers != default.peers:
        params["peers"] = _peers_param(dataset, state.peers)
    if state.edition != DEFAULT_EDITION:
        params["edition"] = state.edition
    for name in ("indicator", "x", "y", "size", "measure", "basis", "tab", "slide", "theme", "scale"):
        if getattr(state, name) != getattr(default, name):
            params[name] = getattr(state, name)
    if state.year is not None:
        params["year"] = str(state.year)
    if state.since is not None:
        params["since"] = str(state.since)
    if state.present:
        params["present"] = "1"
    if state.lang != DEFAULT_LANGUAGE:
        params["lang"] = state.lang
    return f"?{urlencode(params, safe=',')}" if params else ""


def slides() -> tuple[str, ...]:
    """Presentation mode's slides in arrow-key order: the KPI cards, then the charts of the registry."""
    return ("kpis", *(view.name for view in CHARTS))


def from_query(dataset: Dataset, query: str | None, language: str = DEFAULT_LANGUAGE) -> tuple[ViewState, list[str]]:
    """Parse a query string; returns the state and a list of the values that were ignored, and why.

    ``language``: the page's language when the link names none (the browser's Accept-Language on a first visit).
    The reasons are written in the current language (``use_language``), each a whole message.
    """
    query = query if isinstance(query, str) else ""
    raw = parse_qs(query.lstrip("?"), keep_blank_values=True, max_num_fields=MAX_QUERY_FIELDS)
    params = {k: v[-1].strip() for k, v in raw.items()}
    ignored: list[str] = []
    edition = params.pop("edition", DEFAULT_EDITION)
    if edition not in EDITIONS:
        ignored.append(_not_one_of("edition", edition, EDITIONS))
        edition = DEFAULT_EDITION
    state = default_state(dataset, edition)
    indicators = set(dataset.indicators.index)
    changes: dict = {"lang": language if is_language(language) else DEFAULT_LANGUAGE}
    for name, value in params.items():
        if name == "focus":
            if dataset.has_region(value):
                changes["focus"] = value
            else:
                ignored.append(_("{name}={value} (unknown region)", name="focus", value=_echo(value)))
        elif name == "peers":
            peers, unknown = _parse_peers(dataset, value)
            if unknown:
                # Translators: peers named in a link that are not regions of the data; {regions} are their ids
                ignored.append(ngettext("peers: {regions} (unknown region)", "peers: {regions} (unknown regions)",
                                        len(unknown), regions=_echo(", ".join(unknown))))
            if peers or not unknown:
                changes["peers"] = peers
        elif name in ("indicator", "x", "y", "size"):
            if value in indicators:
                changes[name] = value
            else:
                ignored.append(_("{name}={value} (unknown indicator)", name=_echo(name), value=_echo(value)))
        elif name == "measure":
            if value in MEASURES:
                changes["measure"] = value
            else:
                ignored.append(_not_one_of("measure", value, MEASURES))
        elif name == "basis":
            if value in BASES:
                changes["basis"] = value
            else:
                ignored.append(_not_one_of("basis", value, BASES))
        elif name in ("tab", "slide", "theme", "scale"):
            allowed = {"tab": TABS, "slide": slides(), "theme": THEMES, "scale": SCALES}[name]
            if value in allowed:
                changes[name] = value
            else:
                ignored.append(_not_one_of(name, value, allowed))
        elif name == "present":
            if value in ("1", "0", "true", "false"):
                changes["present"] = value in ("1", "true")
            else:
                ignored.append(_("{name}={value} (expected 1 or 0)", name="present", value=_echo(value)))
        elif name in ("year", "since"):
            if len(value) == 4 and value.isascii() and value.isdigit() and 1990 <= int(value) <= 2030:  # not ²
                changes[name] = int(value)
            else:
                ignored.append(_("{name}={value} (not a year between {first} and {last})", name=name,
                                 value=_echo(value), first="1990", last="2030"))
        elif name == "lang":
            if is_language(value):
                changes["lang"] = value
            else:
                ignored.append(_not_one_of("lang", value, LANGUAGES))
        else:
            ignored.append(_("{name} (unknown setting)", name=_echo(name)))
    return replace(state, **changes), ignored


def _parse_peers(dataset: Dataset, value: str) -> tuple[tuple[str, ...], list[str]]:
    if value in PRESETS:
        return preset_members(dataset, value), []
    wanted = [p.strip() for p in value.split(",") if p.strip()]
    unknown = [p for p in wanted if not dataset.has_region(p)]
    known = set(wanted) - set(unknown)
    return tuple(r for r in dataset.region_ids if r in known), unknown


def restore(dataset: Dataset, data: object) -> ViewState:
    """The ViewState a browser's store holds, validated like a URL; malformed data gives the defaults.

    The store comes from the client, so it is not trusted: it is round-tripped through the same
    parser as the query string (unknown regions, indicators and values dropped), and never raises.
    """
    try:
        state = ViewState.from_dict(data)  # type: ignore[arg-type]
        query = to_query(dataset, state)
    except (TypeError, KeyError, ValueError, AttributeError, OverflowError):
        return default_state(dataset)
    return from_query(dataset, query)[0]
