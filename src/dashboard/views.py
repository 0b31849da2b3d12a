"""The chart registry: one entry per chart, carrying everything the page, exports and table need.

A chart's inputs are its builder's parameters (after the dataset), read from the view state by name,
so a builder that gains an input is rebuilt when that input changes: what a chart depends on is
never written twice. Adding a chart touches this registry, its builder and its tests.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from dashboard.data import Dataset
from dashboard.figures.common import ChartMeta
from dashboard.figures.map import build_map
from dashboard.figures.ranking import build_ranking
from dashboard.figures.scatter import build_scatter
from dashboard.figures.shares import build_shares
from dashboard.figures.spec import FigureSpec
from dashboard.figures.trend import build_trend
from dashboard.measures import resolve_basis
from dashboard.state import ViewState

Builder = Callable[..., tuple[FigureSpec, ChartMeta]]


def state_value(state: ViewState, name: str):
    """A builder input by its parameter name: ``regions`` is focus + peers, the rest are ViewState fields."""
    return state.regions if name == "regions" else getattr(state, name)


@dataclass(frozen=True)
class ChartView:
    name: str  # id in the page (chart-<name>), in ?slide=, in file names
    builder: Builder  # builder(dataset, **inputs) -> (figure spec, ChartMeta)
    title: str  # what menus and the presentation's slide list call it
    indicator_fields: tuple[str, ...] = ("indicator",)  # state fields naming its indicators (table, file name)
    restyled_by: tuple[str, ...] = field(default=("theme",))  # applied to the built figure, not inputs

    @cached_property
    def inputs(self) -> tuple[str, ...]:
        """The builder's parameters after the dataset: exactly what the chart depends on."""
        return tuple(inspect.signature(self.builder).parameters)[1:]

    def build(self, dataset: Dataset, state: ViewState) -> tuple[FigureSpec, ChartMeta]:
        return self.builder(dataset, **{name: state_value(state, name) for name in self.inputs})

    def key(self, state: ViewState) -> list:
        """Equal keys: the chart shown is still right, nothing is rebuilt or resent."""
        values = [state_value(state, name) for name in (*self.inputs, *self.restyled_by)]
        return [list(v) if isinstance(v, tuple) else v for v in values]

    @property
    def export_indicator(self) -> str:
        return self.indicator_fields[0] if self.indicator_fields else ""


CHARTS: tuple[ChartView, ...] = (  # in the page's and the presentation's order
    ChartView("ranking", build_ranking, "Ranking"),
    ChartView("map", build_map, "Map"),
    ChartView("scatter", build_scatter, "Scatter", indicator_fields=("y", "x", "size")),
    ChartView("shares", build_shares, "Shares of the national total", indicator_fields=()),
    ChartView("trend", build_trend, "Trend"),
)
CHART_BY_NAME = {view.name: view for view in CHARTS}


def headline_basis(dataset: Dataset, state: ViewState) -> str:
    """The one kind of territory of the headline row (cards, KPI slide, deck's key figures): the one the 'Compare
    on' control names, which in its automatic setting follows the view's indicator and measure."""
    return resolve_basis(dataset, state.basis, state.indicator, state.edition, state.measure)


def kpi_key(state: ViewState, user_hash: str | None = None) -> list:
    """What the heading and the KPI cards depend on (the last item: the session's upload, if any)."""
    basis = state.basis or f"auto:{state.indicator}:{state.measure}"  # auto: the cards follow what is shown
    return [state.focus, list(state.regions), state.edition, state.year, basis, user_hash]
