"""Scatter/bubble chart with selectable x, y and bubble size, each in the page's measure where it applies."""

from __future__ import annotations

import math
from functools import lru_cache

from dashboard.comparability import assess
from dashboard.data import Dataset
from dashboard.figures.cache_keys import index_focus
from dashboard.figures.common import (
    HOVER,
    ChartMeta,
    axis_title,
    cite,
    empty_reason,
    esc,
    hover_lines,
    marked_label,
    point_text,
    region_label,
    say_empty,
    sources_text,
    top_regions,
    with_note,
    year_label,
)
from dashboard.figures.focus import highlight_marks
from dashboard.figures.labels import label_positions
from dashboard.figures.spec import FigureSpec, axis
from dashboard.figures.theme import PLOT_BACKGROUND, base_layout, region_colours, text_colour_on
from dashboard.figures.trend import LOG_EMPTY, NOT_ON_LOG, log_axis
from dashboard.formatting import format_year
from dashboard.i18n import _, current_language
from dashboard.measures import Point, effective_measure, measure_title, measure_unit, points, resolve_basis

MAX_BUBBLE = 48
MIN_BUBBLE = 12


def build_scatter(dataset: Dataset, regions: tuple[str, ...], focus: str, x: str, y: str, size: str, edition: str,
                  measure: str, year: int | None, basis: str, scale: str = "linear") -> tuple[FigureSpec, ChartMeta]:
    """The scatter of the view; its parameters are the view fields it depends on (views.py reads them).
    ``scale`` 'log' draws both axes logarithmic and leaves out (and names) the regions with a value ≤ 0."""
    resolved = resolve_basis(dataset, basis, y, edition, measure)
    fig, meta = _scatter(dataset, regions, index_focus(focus, measure), x, y, size, edition, measure, year, resolved,
                         scale, current_language())
    return highlight_marks(fig, focus), meta


@lru_cache(maxsize=512)
def _scatter(dataset: Dataset, regions: tuple[str, ...], focus: str | None, x: str, y: str, size: str, edition: str,
             measure: str, year: int | None, basis: str, scale: str = "linear",
             lang: str = "en") -> tuple[FigureSpec, ChartMeta]:
    """The scatter without its focus marked, written in the current language (``lang`` keys the cache by it)."""
    mx, my, ms = (effective_measure(dataset, i, measure) for i in (x, y, size))
    px, py, ps = (points(dataset, regions, i, edition, m, year, basis, focus)
                  for i, m in ((x, mx), (y, my), (size, ms)))
    comparability = assess(dataset, [*px, *py], basis, years="listed")
    colours = region_colours(dataset)
    log = scale == "log"
    rows = [(a, b, c) for a, b, c in zip(px, py, ps, strict=True) if a.value is not None and b.value is not None]
    below = {a.region_id for a, b, _ in rows if log and min(a.value, b.value) <= 0}  # type: ignore[type-var]
    rows = [row for row in rows if row[0].region_id not in below]  # a log axis cannot draw them: named as missing
    biggest = max((c.value for _, _, c in rows if c.value is not None), default=0)

    def bubble(value: float | None) -> float:
        if value is None or biggest <= 0:
            return MIN_BUBBLE
        return max(MIN_BUBBLE, MAX_BUBBLE * math.sqrt(value / biggest))  # area proportional to value

    xs, ys = [a.value for a, _, _ in rows], [b.value for _, b, _ in rows]
    sizes = [bubble(c.value) for _, _, c in rows]
    named, crowded = top_regions(list(py), None, named=True)  # a crowded scatter names its top regions (by y) only
    texts = [marked_label(dataset, a, comparability) if a.region_id in named else "" for a, _, _ in rows]
    trace = {
        "type": "scatter", "x": xs, "y": ys,
        "mode": "markers+text", "text": texts,
        # labels (as drawn: on log axes, in the logarithms) clear of each other
        "textposition": label_positions(*([math.log10(v) for v in vs] if log else vs for vs in (xs, ys)),
                                        texts, sizes),
        # an open ring is a thin line: drawn in a shade of the region's colour that stands out (4.5:1)
        "marker": {"size": sizes, "color": [text_colour_on(colours[a.region_id], PLOT_BACKGROUND)
                                            if c.value is None else colours[a.region_id] for a, _, c in rows],
                   "opacity": 0.85, "sizemode": "diameter",
                   # a region with no size figure is an open ring, not a small bubble read as a small value
                   "symbol": [("diamond" if a.region_id in comparability.odd or b.region_id in comparability.odd
                               else "circle") + ("-open" if c.value is None else "") for a, b, c in rows]},
        "customdata": [_custom_data(dataset, (x, mx, a), (y, my, b), (size, ms, c)) for a, b, c in rows],
        "hovertemplate": HOVER,
        "cliponaxis": False,
    }
    layout = base_layout(height=420)
    layout["xaxis"] = axis(axis_title(dataset, x, mx), zeroline=False, **(log_axis(xs) if log else {}))
    layout["yaxis"] = axis(axis_title(dataset, y, my), zeroline=False, **(log_axis(ys) if log else {}))
    if not rows:
        layout = say_empty(layout, _(LOG_EMPTY) if below else empty_reason(
            dataset, regions, y if all(b.value is None for b in py) else x, edition, basis))
    fig = {"data": [trace], "layout": layout}
    every = [*px, *py]
    size_label = dataset.indicator(size).short_label
    def named(indicator: str, measure: str) -> str:  # 'GDP per inhabitant against Population'
        return dataset.indicator(indicator).short_label if measure == "absolute" else \
            measure_title(dataset, indicator, measure)

    # Translators: a scatter's title: the y axis's indicator against the x axis's
    title = _("{y} against {x}", y=named(y, my), x=named(x, mx))
    size_text = _("bubble size: {indicator} ({unit})", indicator=size_label, unit=measure_unit(dataset, size, ms))
    subtitle = f"{size_text} · {year_label(every, year)} · {comparability.basis_label}"
    sources, publishers = cite(dataset, every)
    missing = tuple((dataset.region_name(a.region_id),
                     _(NOT_ON_LOG) if a.region_id in below else a.missing or b.missing)
                    for a, b in zip(px, py, strict=True) if a.value is None or b.value is None or a.region_id in below)
    drawn = tuple((i, m, p) for a, b, c in rows for i, m, p in ((x, mx, a), (y, my, b), (size, ms, c))
                  if p.value is not None)
    meta = ChartMeta(title, subtitle, comparability, sources, missing, publishers, drawn)
    return fig, with_note(meta, crowded)


def _custom_data(dataset: Dataset, x: tuple[str, str, Point], y: tuple[str, str, Point],
                 size: tuple[str, str, Point]) -> list[str]:
    """[region_id, name, x, y, size, territory, sources, hover body]: as common.custom_data, each axis a
    line of its own in the hover (wrapped, so that the box fits the chart)."""
    a, b = x[2], y[2]
    lines = [_line(dataset, *axis) for axis in (x, y, size)]
    territory = esc(a.territory if a.territory == b.territory else
                    _("x: {x_territory}; y: {y_territory}", x_territory=a.territory, y_territory=b.territory))
    sources = sources_text(dataset, (*a.source_ids, *b.source_ids))
    x_line, y_line, size_line = lines
    # Translators: a hover's lines: the point's x value, y value and bubble size ('size' as in bubble size)
    body = hover_lines(_("x: {value}", value=x_line), _("y: {value}", value=y_line),
                       _("size: {value}", value=size_line), territory, _("Source: {sources}", sources=sources))
    return [a.region_id, region_label(dataset, a.region_id), *lines, territory, sources, body]


def _line(dataset: Dataset, indicator: str, measure: str, point: Point) -> str:
    if point.value is None:
        return _("no figure (drawn as an open ring)")
    year = format_year(point.year, point.year_approx)
    return _("{value} {unit} ({year})", value=point_text(dataset, indicator, measure, point),
             unit=measure_unit(dataset, indicator, measure), year=year)
