"""Which builder feeds which part of the page, and which ViewState fields each depends on.

Callbacks use the dependency keys to skip work: a change that does not touch a chart's fields
does not rebuild or resend that chart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dashboard.data import Dataset
from dashboard.figures.common import ChartMeta
from dashboard.figures.map import build_map
from dashboard.figures.ranking import build_ranking
from dashboard.figures.scatter import build_scatter
from dashboard.figures.shares import build_shares
from dashboard.figures.spec import FigureSpec
from dashboard.figures.trend import build_trend
from dashboard.state import ViewState


@dataclass(frozen=True)
class ChartView:
    name: str
    build: Callable[[Dataset, ViewState], tuple[FigureSpec, ChartMeta]]
    depends_on: tuple[str, ...]

    def key(self, state: ViewState) -> list:
        """The part of the state this chart depends on (regions = focus + peers)."""
        return [list(state.regions) if f == "regions" else getattr(state, f) for f in self.depends_on]


BASE = ("regions", "focus", "edition", "theme", "basis")
CHARTS: tuple[ChartView, ...] = (
    ChartView("ranking", build_ranking, (*BASE, "indicator", "measure", "year")),
    ChartView("map", build_map, (*BASE, "indicator", "measure", "year")),
    ChartView("scatter", build_scatter, (*BASE, "x", "y", "size", "measure", "year")),
    ChartView("shares", build_shares, (*BASE, "year")),
    ChartView("trend", build_trend, (*BASE, "indicator", "measure")),
)


def kpi_key(state: ViewState, user_hash: str | None = None) -> list:
    """What the heading and the KPI cards depend on (the last item: the session's upload, if any)."""
    return [state.focus, list(state.regions), state.edition, state.year, state.basis, user_hash]
