"""Trend of one indicator over the years of an edition, a line per region and territory.

A line never joins figures of different territories, nor across a break in method (``series_break``):
each such run is its own segment, and a segment after the first is labelled with its territory, so a
change of territory is not read as growth. The index uses one fixed set of peers for all its years."""

from __future__ import annotations

import math
from dataclasses import replace
from functools import lru_cache

from dashboard.comparability import Comparability, assess, kind_label
from dashboard.data import Dataset
from dashboard.figures.cache_keys import focus_key
from dashboard.figures.common import (
    HOVER,
    MAX_ITEMS,
    ChartMeta,
    axis_title,
    cite,
    custom_data,
    empty_reason,
    esc,
    region_label,
    say_empty,
    top_regions,
    with_note,
)
from dashboard.figures.focus import highlight_lines
from dashboard.figures.labels import end_label_positions
from dashboard.figures.spec import FigureSpec, axis
from dashboard.figures.theme import PLOT_BACKGROUND, base_layout, region_colours, text_colour_on
from dashboard.i18n import N_, _, current_language, localise_number
from dashboard.measures import (
    CHANGE_MEASURES,
    Point,
    change_since,
    change_value,
    effective_measure,
    index_base,
    index_peer_set,
    indexed,
    measure_title,
    measure_unit,
    no_comparable,
    points,
    resolve_basis,
)

# marked for the catalogs, shown as _(NOT_ON_LOG), _(LOG_EMPTY)
NOT_ON_LOG = N_("not drawn on a log scale: value ≤ 0")  # the reason a region's figure is left out of a log axis
# Translators: 'Linear' is the name of the choice in the 'Scale' menu
LOG_EMPTY = N_("Every value here is 0 or below, which a log scale cannot draw: switch the scale to Linear.")


def _compact(value: float) -> str:
    """'500k', '2M', '0.05': a tick label as plotly writes a linear axis's (SI suffixes, plotly's in every
    language; the decimal sign the language's: '0,05')."""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if value >= size:
            return localise_number(f"{value / size:g}") + suffix
    return localise_number(f"{value:g}")


def log_axis(values: list[float]) -> dict:
    """A logarithmic axis's settings for ``values`` (all > 0): ticks at 1, 2 and 5 times the powers of ten (every
    digit when 1-2-5 gives fewer than three among the values), each labelled in full ('2M', not plotly's '2'); values
    closer together than two such ticks get plotly's own ticks, which are then in full too."""
    if not values:
        return {"type": "log"}
    low, high = min(values), max(values)
    decades = range(math.floor(math.log10(low)) - 1, math.ceil(math.log10(high)) + 2)
    for digits, enough in (((1, 2, 5), 3), (tuple(range(1, 10)), 2)):
        ticks = [d * 10.0 ** k for k in decades for d in digits]
        if sum(low <= t <= high for t in ticks) >= enough:
            break
    else:
        return {"type": "log"}
    ticks = [t for t in ticks if low / 10 <= t <= high * 10]  # the axis's padding may show one beyond the values
    return {"type": "log", "tickvals": ticks, "ticktext": [_compact(t) for t in ticks]}


def build_trend(dataset: Dataset, regions: tuple[str, ...], focus: str, indicator: str, edition: str,
                measure: str, basis: str, scale: str = "linear", since: int | None = None,
                ) -> tuple[FigureSpec, ChartMeta]:
    """The trend of the view; its parameters are the view fields it depends on (views.py reads them).
    ``scale`` 'log' draws the y axis logarithmic and leaves out (and names) the values ≤ 0 it cannot draw.
    In a change measure each line is drawn relative to its figure of the base year ``since``."""
    resolved = resolve_basis(dataset, basis, indicator, edition, measure)
    index = effective_measure(dataset, indicator, measure) == "index"
    since = change_since(dataset, regions, indicator, edition, measure, None, resolved, since)
    fig, meta = _trend(dataset, regions, focus if index else focus_key(focus, measure, regions), indicator, edition,
                       measure, resolved, scale, since, current_language())
    return highlight_lines(fig, focus), meta


def segments(dataset: Dataset, region: str, indicator: str, edition: str, measure: str, basis: str,
             years: tuple[int, ...] | None = None, peers: tuple[str, ...] = (),
             since: int | None = None) -> list[list[Point]]:
    """The region's points split wherever the territory changes or the data marks a break in method.

    For the index, ``peers`` is the fixed set whose average is 100 in every year (the focus not among them).
    For a change measure, each run that has a figure in ``since`` is drawn relative to it (the points of its
    source only); a run without one is left out, since nothing in it can be compared with the base year.
    """
    if measure in CHANGE_MEASURES:
        return _change_runs(segments(dataset, region, indicator, edition, "absolute", basis, years), measure, since)
    figures = [f for f in dataset.series(region, indicator, edition, basis) if years is None or f.year in years]
    if basis == "reported" and any(f.territory_kind != "city" for f in figures):
        figures = [f for f in figures if f.territory_kind != "city"]  # as its headline: the city only when alone
    out: list[list[Point]] = []
    previous = None
    for figure in figures:
        if measure == "index":
            point = _index_point(dataset, region, peers, indicator, edition, figure.year, basis)
        else:
            point = points(dataset, (region,), indicator, edition, measure, figure.year, basis)[0]
        if point.value is None or point.territory_id != figure.territory_id:
            continue
        if previous is None or figure.territory_id != previous.territory_id or figure.series_break:
            out.append([])
        out[-1].append(point)
        previous = figure
    return out


def _change_runs(runs: list[list[Point]], measure: str, since: int | None) -> list[list[Point]]:
    """Each run relative to its point of the year ``since`` (value minus base, or % change from it)."""
    out = []
    for run in runs:
        base = next((p for p in run if p.year == since), None)
        if base is None or base.value is None:
            continue
        changed = [replace(p, value=change_value(measure, base.value, p.value),
                           how=_("change {since}–{year}", since=since, year=p.year))
                   for p in run if p.source_ids[:1] == base.source_ids[:1] and p.value is not None]
        if kept := [p for p in changed if p.value is not None]:
            out.append(kept)
    return out


def _index_point(dataset: Dataset, region: str, peers: tuple[str, ...], indicator: str, edition: str, year: int,
                 basis: str) -> Point:
    """The region's value divided by the fixed peers' average that year, times 100 (a peer is divided by
    the same average, so the peers' lines centre on 100 and the focus is never in its own average)."""
    point = points(dataset, (region,), indicator, edition, "absolute", year, basis)[0]
    return indexed(point, index_base(dataset, peers, indicator, edition, year, basis))  # cached: once per year


@lru_cache(maxsize=512)
def _trend(dataset: Dataset, regions: tuple[str, ...], focus: str | None, indicator: str, edition: str,
           measure: str, basis: str, scale: str = "linear", since: int | None = None,
           lang: str = "en") -> tuple[FigureSpec, ChartMeta]:
    """The trend with no line emphasised. ``focus`` is set only for the index (its peers are fixed around
    it) and for a crowded chart, which draws the top regions (by their latest value) and the focus. Written
    in the current language (``lang`` keys the cache by it)."""
    measure = effective_measure(dataset, indicator, measure)
    colours = region_colours(dataset)
    traces: list[dict] = []
    every: list[Point] = []
    note = ""
    years: tuple[int, ...] | None = None
    fixed: tuple[str, ...] = ()
    if measure == "index":
        years, fixed = index_peer_set(dataset, focus, tuple(r for r in regions if r != focus), indicator, edition,
                                      basis)
        shown = (focus, *fixed) if fixed else ()
        note = (_("Index: peers fixed for {first}–{last}: {regions}.", first=years[0], last=years[-1],
                  regions=", ".join(dataset.region_name(p) for p in fixed)) if fixed else
                _("Index: no peer has a figure in every year the focus has."))
    else:
        shown = regions
    log = scale == "log"
    left_out: dict[str, list[int]] = {}  # on a log axis: each region's years whose value is ≤ 0
    crowded, cut = "", set()
    if len(shown) > MAX_ITEMS:
        latest = [points(dataset, (r,), indicator, edition, "absolute", None, basis)[0] for r in shown]
        kept, crowded = top_regions(latest, focus)
        cut = {p.region_id for p in latest if p.value is not None} - kept  # left out, not missing
        shown = tuple(r for r in shown if r in kept)
    for region in sorted(shown, key=dataset.region_name):
        runs = segments(dataset, region, indicator, edition, measure, basis, years, fixed, since)
        if log:
            left_out[region] = [p.year for run in runs for p in run if p.value is not None and p.value <= 0]
            runs = [kept for run in runs if (kept := [p for p in run if p.value is not None and p.value > 0])]
        for number, run in enumerate(runs):
            every += run
            last_run = number == len(runs) - 1
            label = region_label(dataset, region)
            if number:  # a new territory or method: say so at its start, so the step is not read as growth
                label = _("{region}: {territory}", region=label, territory=esc(run[0].territory))
            traces.append({  # labelled at its last point instead of a legend: readable on a phone too
                "type": "scatter", "x": [p.year for p in run], "y": [p.value for p in run],
                "mode": "lines+markers+text", "name": label, "cliponaxis": False, "showlegend": False,
                "text": [""] * (len(run) - 1) + [region_label(dataset, region) if last_run else ""],
                # A constant template keeps plotly.js from deleting the <text> of an unlabelled point, which it
                # never recreates: after a redraw that moves a label onto such a point the label was gone.
                "texttemplate": "%{text}",
                "textposition": "middle right",
                "textfont": {"color": text_colour_on(colours[region], PLOT_BACKGROUND), "size": 12},
                "line": {"color": colours[region], "width": 2,
                         "dash": "solid" if number == 0 else "dot"},
                "marker": {"size": 7, "color": colours[region],
                           "symbol": "circle" if number == 0 else "diamond",
                           "line": {"color": "white", "width": 1.5}},
                "customdata": [custom_data(dataset, indicator, measure, p) for p in run], "hovertemplate": HOVER,
            })
    _place_end_labels(traces, log)
    layout = base_layout(height=400)
    layout["margin"] = {**layout["margin"], "r": 110}
    layout["xaxis"] = axis(_("Year"), tickformat="d")
    logged = log_axis([p.value for p in every]) if log else {}
    layout["yaxis"] = axis(axis_title(dataset, indicator, measure), **logged)
    if not every:
        layout = say_empty(layout, _(LOG_EMPTY) if any(left_out.values()) else
                           empty_reason(dataset, regions, indicator, edition, basis))
    fig = {"data": traces, "layout": layout}
    sources, publishers = cite(dataset, every)
    drawn = {p.region_id for p in every}
    missing = tuple((dataset.region_name(r), _(NOT_ON_LOG) if left_out.get(r) else
                     no_comparable(dataset, r, indicator, edition, None, basis).missing)
                    for r in regions if r not in drawn and r not in cut)
    partly = [_("{region} ({years})", region=dataset.region_name(r), years=", ".join(str(y) for y in ys))
              for r, ys in left_out.items() if ys and r in drawn]
    span = sorted({p.year for p in every if p.value is not None and p.year})  # the years drawn, not the data's
    span_text = (f"{span[0]}–{span[-1]}" if span[0] != span[-1] else str(span[0])) if span else _("no years")
    assessed = assess(dataset, every, basis, years="none")
    territories = sorted({(p.region_id, p.territory) for p in every})
    several = [dataset.region_name(r) for r in dict.fromkeys(r for r, _ in territories)
               if sum(1 for q, _ in territories if q == r) > 1]
    footnote = " ".join(x for x in (
        assessed.footnote,
        _("New territory or method, drawn as a separate dotted segment: {regions}.", regions=", ".join(several))
        if several else "",
        _("Not drawn on a log scale (value ≤ 0): {regions}.", regions="; ".join(partly)) if partly else "",
        note) if x)
    comparability = Comparability(assessed.mixed_territories, None, footnote, basis, assessed.majority_kind,
                                  assessed.odd, assumed=assessed.assumed)
    meta = ChartMeta(_("Trend: {what}", what=measure_title(dataset, indicator, measure, since)),
                     f"{measure_unit(dataset, indicator, measure)} · {span_text} · {comparability.basis_label}",
                     comparability, sources, missing, publishers,
                     tuple((indicator, measure, p) for p in every if p.value is not None))
    return fig, with_note(meta, crowded)


def _place_end_labels(traces: list[dict], log: bool = False) -> None:
    """Put each line's name on the side of its last point that no other line or name runs through (on a log
    axis, measured as drawn: in the logarithms of the values, all > 0 there)."""
    names = [t["text"][-1] if t["text"] else "" for t in traces]
    drawn = [(t["x"], [math.log10(y) for y in t["y"]] if log else t["y"]) for t in traces]
    sides = end_label_positions(drawn, names)
    for trace, side in zip(traces, sides, strict=True):
        trace["textposition"] = side


__all__ = ["LOG_EMPTY", "NOT_ON_LOG", "build_trend", "kind_label", "log_axis", "segments"]
