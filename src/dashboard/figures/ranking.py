"""Ranking bar chart of one indicator across focus and peers; the focus is outlined and bold."""

from __future__ import annotations

from functools import lru_cache

from dashboard.comparability import assess
from dashboard.data import Dataset
from dashboard.figures.cache_keys import focus_key
from dashboard.figures.common import (
    HOVER,
    ROW_HOVER,
    ChartMeta,
    axis_title,
    chart_meta,
    custom_data,
    empty_reason,
    marked_label,
    point_text,
    say_empty,
    top_regions,
    with_note,
)
from dashboard.figures.focus import highlight_marks
from dashboard.figures.spec import FigureSpec, axis
from dashboard.figures.theme import base_layout, region_colours
from dashboard.i18n import _, current_language
from dashboard.measures import (
    CHANGE_MEASURES,
    change_since,
    effective_measure,
    measure_title,
    no_change_reason,
    points,
    resolve_basis,
)


def build_ranking(dataset: Dataset, regions: tuple[str, ...], focus: str, indicator: str, edition: str,
                  measure: str, year: int | None, basis: str, since: int | None = None) -> tuple[FigureSpec, ChartMeta]:
    """The ranking of the view; its parameters are the view fields it depends on (views.py reads them)."""
    resolved = resolve_basis(dataset, basis, indicator, edition, measure)
    since = change_since(dataset, regions, indicator, edition, measure, year, resolved, since)
    fig, meta = _ranking(dataset, regions, focus_key(focus, measure, regions), indicator, edition, measure, year,
                         resolved, since, current_language())
    return highlight_marks(fig, focus), meta


@lru_cache(maxsize=512)
def _ranking(dataset: Dataset, regions: tuple[str, ...], focus: str | None, indicator: str, edition: str, measure: str,
             year: int | None, basis: str, since: int | None = None, lang: str = "en") -> tuple[FigureSpec, ChartMeta]:
    """The ranking without its focus marked (``focus`` is set only for the index, which leaves it out), written
    in the current language (``lang`` keys the cache by it)."""
    measure = effective_measure(dataset, indicator, measure)
    pts = points(dataset, regions, indicator, edition, measure, year, basis, focus, since)
    comparability = assess(dataset, pts, basis)
    kept, crowded = top_regions(pts, focus)
    shown = sorted((p for p in pts if p.value is not None and p.region_id in kept), key=lambda p: p.value)
    colours = region_colours(dataset)
    labels = [marked_label(dataset, p, comparability) for p in shown]
    bar = {
        "type": "bar", "x": [p.value for p in shown], "y": labels, "orientation": "h",
        "marker": {"color": [colours[p.region_id] for p in shown],
                   # a bar whose territory differs from the majority's is hatched (and labelled with its kind)
                   "pattern": {"shape": ["/" if p.region_id in comparability.odd else "" for p in shown],
                               "fgcolor": "white", "solidity": 0.3, "fillmode": "overlay",
                               # one colour (drawn over each bar's own; a default from the list logs
                               # 'Invalid color specifier' per draw: see shares.series_pattern)
                               "bgcolor": colours[shown[0].region_id] if shown else "white"}},
        "text": [point_text(dataset, indicator, measure, p) for p in shown], "textposition": "auto",
        "textangle": 0,  # a label that does not fit in its bar goes beside it, never turned on its side
        "cliponaxis": False,
        "customdata": [custom_data(dataset, indicator, measure, p) for p in shown], "hovertemplate": HOVER,
    }
    top = max((p.value for p in shown), default=1) or 1
    low = min((p.value for p in shown), default=0)  # a change may be negative: its bar runs left of zero
    span = max(top, 0) - min(low, 0) or 1
    layout = base_layout(height=max(220, 46 * len(shown) + 70))
    layout["xaxis"] = axis(axis_title(dataset, indicator, measure),
                           range=[min(low, 0) - (span * 0.12 if low < 0 else 0), max(top, 0) + span * 0.12],
                           zeroline=True)
    layout["yaxis"] = {"automargin": True, "ticksuffix": "  ", "showgrid": False}
    layout["hovermode"] = ROW_HOVER
    if not shown:
        layout = say_empty(layout, no_change_reason(since) if measure in CHANGE_MEASURES and any(
            p.year is not None for p in pts) else empty_reason(dataset, regions, indicator, edition, basis))
    fig = {"data": [bar], "layout": layout}
    title = _("Ranking: {what}", what=measure_title(dataset, indicator, measure, since))
    meta = chart_meta(dataset, title, indicator, measure, pts, year, basis, comparability)
    return fig, with_note(meta, crowded)
