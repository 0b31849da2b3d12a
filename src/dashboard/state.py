"""ViewState: the one object that says what the page shows, and its defaults.

It is mirrored in the URL query string by ``dashboard.url_state``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from functools import lru_cache

from dashboard.data import Dataset
from dashboard.data.schema import DEFAULT_EDITION
from dashboard.i18n import DEFAULT_LANGUAGE
from dashboard.presets import preset_members

MEASURES = ("absolute", "per_capita", "share", "index", "change", "change_pct")
TABS = ("charts", "table", "profile", "about")
THEMES = ("light", "contrast")
SCALES = ("linear", "log")  # the value axes of the trend and the scatter
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
    since: int | None = None  # a change measure's base year; None: ten years before the shown year
    tab: str = "charts"
    present: bool = False
    slide: str = "kpis"
    theme: str = "light"
    scale: str = "linear"  # one of SCALES: the trend's y axis, the scatter's x and y axes
    lang: str = DEFAULT_LANGUAGE  # the language every text of the view is written in (dashboard.i18n)

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
            expected = {"peers": tuple, "year": int | None, "since": int | None, "present": bool}.get(f.name, str)
            if not isinstance(value, expected) or (f.name in ("year", "since") and isinstance(value, bool)):
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


def with_edition(dataset: Dataset, state: ViewState, edition: str) -> ViewState:
    """Switch edition; scatter axes left at the old edition's defaults move to the new ones."""
    old, new = _scatter_defaults(dataset, state.edition), _scatter_defaults(dataset, edition)
    axes = [n if cur == o else cur for cur, o, n in zip((state.x, state.y, state.size), old, new, strict=True)]
    return replace(state, edition=edition, x=axes[0], y=axes[1], size=axes[2], year=None)
