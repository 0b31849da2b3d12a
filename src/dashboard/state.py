"""ViewState: the one object that says what the page shows, mirrored in the URL query string.

Pure functions map it to and from the query string: only values that differ from the defaults
are written, and invalid values are dropped and reported, never raised.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from functools import lru_cache
from urllib.parse import parse_qs, urlencode

from dashboard.data import Dataset
from dashboard.data.schema import BASES, DEFAULT_EDITION, EDITIONS
from dashboard.presets import PRESETS, preset_members

MEASURES = ("absolute", "per_capita", "share", "index")
MAX_QUERY_FIELDS = 40  # a link the app writes has at most 15 settings
TABS = ("charts", "table", "profile")
THEMES = ("light", "contrast")
DEFAULT_FOCUS = "helsinki"
DEFAULT_INDICATOR = "population"
# The scatter's default axes per edition: the BaltMet profiles count universities, recent data has GDP.
SCATTER_DEFAULTS = {"baltmet": ("population", "universities", "students"),
                    "recent": ("population", "gdp", "employment")}


@dataclass(frozen=True)
class ViewState:
    focus: str
    peers: tuple[str, ...]
    edition: str = DEFAULT_EDITION
    indicator: str = DEFAULT_INDICATOR
    x: str = ""
    y: str = ""
    size: str = ""
    measure: str = "absolute"
    basis: str = ""  # '' = per indicator, the kind of territory that covers most regions; else one of BASES
    year: int | None = None
    tab: str = "charts"
    present: bool = False
    slide: str = "kpis"
    theme: str = "light"

    @property
    def regions(self) -> tuple[str, ...]:
        """Focus and peers: the focus is always shown."""
        return self.peers if self.focus in self.peers else (self.focus, *self.peers)

    @property
    def others(self) -> tuple[str, ...]:
        """The focus's peers as the page lists and counts them: never the focus itself (a preset such as
        'all' includes it, and ``peers`` keeps it so that the preset still matches)."""
        return tuple(p for p in self.peers if p != self.focus)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> ViewState:
        """The state a store holds; a field of the wrong type raises TypeError (see ``restore``)."""
        if not isinstance(data, dict) or not isinstance(data.get("peers"), list | tuple):
            raise TypeError("not a view state")
        state = cls(**{**data, "peers": tuple(data["peers"])})
        for f in fields(cls):
            value = getattr(state, f.name)
            expected = {"peers": tuple, "year": int | None, "present": bool}.get(f.name, str)
            if not isinstance(value, expected) or (f.name == "year" and isinstance(value, bool)):
                raise TypeError(f"{f.name} is not a {expected}")
        if not all(isinstance(p, str) for p in state.peers):
            raise TypeError("peers are not region ids")
        return state


@lru_cache(maxsize=64)  # per Dataset (identity) and edition: every callback asks
def _scatter_defaults(dataset: Dataset, edition: str) -> tuple[str, str, str]:
    """The edition's scatter axes, each replaced by an indicator the data has when it lacks one."""
    known = list(dict.fromkeys([*dataset.kpi_ids, *dataset.indicators.index]))
    wanted = SCATTER_DEFAULTS[edition]
    return tuple(w if w in dataset.indicators.index else known[min(i, len(known) - 1)]
                 for i, w in enumerate(wanted))  # type: ignore[return-value]


@lru_cache(maxsize=64)  # ViewState is frozen, so one instance per Dataset and edition is shared
def default_state(dataset: Dataset, edition: str = DEFAULT_EDITION) -> ViewState:
    focus = DEFAULT_FOCUS if dataset.has_region(DEFAULT_FOCUS) else dataset.region_ids[0]
    indicator = DEFAULT_INDICATOR if DEFAULT_INDICATOR in dataset.indicators.index else dataset.indicators.index[0]
    x, y, size = _scatter_defaults(dataset, edition)
    return ViewState(focus=focus, peers=preset_members(dataset, "all"), edition=edition, indicator=indicator,
                     x=x, y=y, size=size)


CROWDED = 20  # more regions than this: charts show the top ones and the focus (figures.common.MAX_ITEMS)


def index_focus(focus: str, measure: str) -> str | None:
    """The focus where only the index needs it (charts that name a crowded set's top regions by the data
    alone, and mark the focus afterwards: the scatter and the map)."""
    return focus if measure == "index" else None


def focus_key(focus: str, measure: str, regions: tuple[str, ...]) -> str | None:
    """What a figure's cache key needs of the focus: the index (its average leaves the focus out) and a
    crowded chart (it shows the top regions and the focus) depend on it; everywhere else the focus is
    only marked, on the cached figure (figures/focus.py)."""
    return focus if measure == "index" or len(regions) > CROWDED else None


def with_edition(dataset: Dataset, state: ViewState, edition: str) -> ViewState:
    """Switch edition; scatter axes left at the old edition's defaults move to the new ones."""
    old, new = _scatter_defaults(dataset, state.edition), _scatter_defaults(dataset, edition)
    axes = [n if cur == o else cur for cur, o, n in zip((state.x, state.y, state.size), old, new, strict=True)]
    return replace(state, edition=edition, x=axes[0], y=axes[1], size=axes[2], year=None)


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
    for name in ("indicator", "x", "y", "size", "measure", "basis", "tab", "slide", "theme"):
        if getattr(state, name) != getattr(default, name):
            params[name] = getattr(state, name)
    if state.year is not None:
        params["year"] = str(state.year)
    if state.present:
        params["present"] = "1"
    return f"?{urlencode(params, safe=',')}" if params else ""


def slides() -> tuple[str, ...]:
    """Presentation mode's slides in arrow-key order: the KPI cards, then the charts of the registry."""
    from dashboard.views import CHARTS  # the registry imports the builders, which import this module

    return ("kpis", *(view.name for view in CHARTS))


def from_query(dataset: Dataset, query: str | None) -> tuple[ViewState, list[str]]:
    """Parse a query string; returns the state and a list of the values that were ignored, and why."""
    query = query if isinstance(query, str) else ""
    raw = parse_qs(query.lstrip("?"), keep_blank_values=True, max_num_fields=MAX_QUERY_FIELDS)
    params = {k: v[-1].strip() for k, v in raw.items()}
    ignored: list[str] = []
    edition = params.pop("edition", DEFAULT_EDITION)
    if edition not in EDITIONS:
        ignored.append(f"edition={edition} (not one of: {', '.join(EDITIONS)})")
        edition = DEFAULT_EDITION
    state = default_state(dataset, edition)
    indicators = set(dataset.indicators.index)
    changes: dict = {}
    for name, value in params.items():
        if name == "focus":
            if dataset.has_region(value):
                changes["focus"] = value
            else:
                ignored.append(f"focus={value} (unknown region)")
        elif name == "peers":
            peers, unknown = _parse_peers(dataset, value)
            if unknown:
                ignored.append(f"peers: {', '.join(unknown)} (unknown region)")
            if peers or not unknown:
                changes["peers"] = peers
        elif name in ("indicator", "x", "y", "size"):
            if value in indicators:
                changes[name] = value
            else:
                ignored.append(f"{name}={value} (unknown indicator)")
        elif name == "measure":
            if value in MEASURES:
                changes["measure"] = value
            else:
                ignored.append(f"measure={value} (not one of: {', '.join(MEASURES)})")
        elif name == "basis":
            if value in BASES:
                changes["basis"] = value
            else:
                ignored.append(f"basis={value} (not one of: {', '.join(BASES)})")
        elif name in ("tab", "slide", "theme"):
            allowed = {"tab": TABS, "slide": slides(), "theme": THEMES}[name]
            if value in allowed:
                changes[name] = value
            else:
                ignored.append(f"{name}={value} (not one of: {', '.join(allowed)})")
        elif name == "present":
            if value in ("1", "0", "true", "false"):
                changes["present"] = value in ("1", "true")
            else:
                ignored.append(f"present={value} (expected 1 or 0)")
        elif name == "year":
            if value.isascii() and value.isdigit() and 1990 <= int(value) <= 2030:  # not a superscript digit
                changes["year"] = int(value)
            else:
                ignored.append(f"year={value} (not a year between 1990 and 2030)")
        else:
            ignored.append(f"{name} (unknown setting)")
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
