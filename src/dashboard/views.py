"""The chart registry: one entry per chart, carrying everything the page, exports and table need.

A chart's inputs are its builder's parameters (after the dataset), read from the view state by name,
so a builder that gains an input is rebuilt when that input changes: what a chart depends on is
never written twice. Its width on the page, how the deck draws it, and what its file name says
(indicators, basis, years) are fields of its entry: adding a chart touches this registry, its
builder and its tests, and no other module.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property

from dashboard.data import Dataset
from dashboard.figures.common import ChartMeta
from dashboard.figures.map import build_map
from dashboard.figures.ranking import build_ranking
from dashboard.figures.scatter import build_scatter
from dashboard.figures.shares import build_shares, shares_drawn
from dashboard.figures.spec import FigureSpec
from dashboard.figures.trend import build_trend
from dashboard.i18n import N_, _
from dashboard.measures import effective_measure, resolve_basis
from dashboard.state import ViewState

Builder = Callable[..., tuple[FigureSpec, ChartMeta]]
DECK_DRAWINGS = ("bars", "stacked_bars", "lines", "bubbles", "picture")  # export/native_charts draws the first four


def state_value(state: ViewState, name: str):
    """A builder input by its parameter name: ``regions`` is focus + peers, the rest are ViewState fields."""
    return state.regions if name == "regions" else getattr(state, name)


@dataclass(frozen=True)
class ChartView:
    name: str  # id in the page (chart-<name>), in ?slide=, in file names
    builder: Builder  # builder(dataset, **inputs) -> (figure spec, ChartMeta)
    title: str  # what menus and the presentation's slide list call it: English, marked N_ (shown as ``label``)
    indicator_fields: tuple[str, ...] = ("indicator",)  # state fields naming its indicators (table, file name)
    restyled_by: tuple[str, ...] = field(default=("theme",))  # applied to the built figure, not inputs
    width: int = 6  # columns of the page's 12-column grid on a wide screen
    axis_pickers: bool = False  # its card carries the x, y and size menus (the scatter's indicator_fields)
    # px it keeps on a narrow screen, where its card then scrolls sideways (0: it narrows with the card): a chart
    # whose labels are laid out for a laptop's card would lose them at both edges on a phone
    narrow_min_width: int = 0
    deck: str = "picture"  # how the deck draws it: one of DECK_DRAWINGS ('picture': the exported image)
    file_what: str = "{indicator}"  # its file name's 'what': {field} is that indicator with its measure
    years: str = "shown"  # its file name's years: 'shown' (the figures' years) or 'series' (every year)
    drawn_series: Callable[[Dataset], list[tuple[str, str]]] | None = None  # (indicator, measure) it draws,
    # when not the view's own indicator in the view's measure (the shares chart)

    @property
    def label(self) -> str:
        """The chart's title in the current language."""
        return _(self.title)

    @cached_property
    def inputs(self) -> tuple[str, ...]:
        """The builder's parameters after the dataset: exactly what the chart depends on."""
        return tuple(inspect.signature(self.builder).parameters)[1:]

    def build(self, dataset: Dataset, state: ViewState) -> tuple[FigureSpec, ChartMeta]:
        return self.builder(dataset, **{name: state_value(state, name) for name in self.inputs})

    def key(self, state: ViewState) -> list:
        """Equal keys: the chart shown is still right, nothing is rebuilt or resent (its language included:
        every text of the figure and its card is written in it)."""
        values = [state_value(state, name) for name in (*self.inputs, *self.restyled_by, "lang")]
        return [list(v) if isinstance(v, tuple) else v for v in values]

    @property
    def export_indicator(self) -> str:
        return self.indicator_fields[0] if self.indicator_fields else ""

    def series(self, dataset: Dataset, state: ViewState) -> list[tuple[str, str]]:
        """(indicator, measure) of what it draws, for the years its file name gives."""
        if self.drawn_series is not None:
            return self.drawn_series(dataset)
        indicator = getattr(state, self.export_indicator or "indicator")
        return [(indicator, effective_measure(dataset, indicator, state.measure))]


class ChartRegistry:
    """The charts in the page's and the presentation's order. Every module iterates it when it needs the charts
    (never a copy made at import), so a test can register a chart for a while (``temporarily``) and see it in
    the page, the presentation, the downloads and the deck of an app built meanwhile."""

    def __init__(self, *views: ChartView) -> None:
        self._views = tuple(views)

    def __iter__(self) -> Iterator[ChartView]:
        return iter(self._views)

    def __len__(self) -> int:
        return len(self._views)

    def names(self) -> tuple[str, ...]:
        return tuple(view.name for view in self._views)

    def by_name(self, name: str) -> ChartView:
        """The entry named ``name``; KeyError for a name no chart has."""
        for view in self._views:
            if view.name == name:
                return view
        raise KeyError(name)

    @contextmanager
    def temporarily(self, *views: ChartView) -> Iterator[ChartRegistry]:
        """The registry with ``views`` added at the end, until the block ends."""
        before = self._views
        self._views = (*before, *views)
        try:
            yield self
        finally:
            self._views = before


CHARTS = ChartRegistry(  # in the page's and the presentation's order
    ChartView("ranking", build_ranking, N_("Ranking"), deck="bars"),
    ChartView("map", build_map, N_("Map")),
    ChartView("scatter", build_scatter, N_("Scatter"), indicator_fields=("y", "x", "size"), deck="bubbles",
              file_what="{y}-vs-{x}-by-{size}", axis_pickers=True),
    ChartView("shares", build_shares, N_("Shares of the national total"), indicator_fields=(), deck="stacked_bars",
              file_what="population-jobs-gva-gdp", drawn_series=shares_drawn, narrow_min_width=680),
    ChartView("trend", build_trend, N_("Trend"), width=12, deck="lines", years="series"),
)


def headline_basis(dataset: Dataset, state: ViewState) -> str:
    """The one kind of territory of the headline row (cards, KPI slide, deck's key figures): the one the 'Compare
    on' control names, which in its automatic setting follows the view's indicator and measure."""
    return resolve_basis(dataset, state.basis, state.indicator, state.edition, state.measure)


def kpi_key(state: ViewState, user_hash: str | None = None) -> list:
    """What the heading and the KPI cards depend on (the last item: the session's upload, if any); the language
    they are written in among them."""
    basis = state.basis or f"auto:{state.indicator}:{state.measure}"  # auto: the cards follow what is shown
    return [state.focus, list(state.regions), state.edition, state.year, basis, state.lang, user_hash]
