"""Trend of one indicator over the years of an edition, a line per region and territory.

A line never joins figures of different territories, nor across a break in method (``series_break``):
each such run is its own segment, and a segment after the first is labelled with its territory, so a
change of territory is not read as growth. The index uses one fixed set of peers for all its years."""

from __future__ import annotations

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
from dashboard.measures import (
    Point,
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


def build_trend(dataset: Dataset, regions: tuple[str, ...], focus: str, indicator: str, edition: str,
                measure: str, basis: str) -> tuple[FigureSpec, ChartMeta]:
    """The trend of the view; its parameters are the view fields it depends on (views.py reads them)."""
    resolved = resolve_basis(dataset, basis, indicator, edition, measure)
    index = effective_measure(dataset, indicator, measure) == "index"
    fig, meta = _trend(dataset, regions, focus if index else focus_key(focus, measure, regions), indicator, edition,
                       measure, resolved)
    return highlight_lines(fig, focus), meta


def segments(dataset: Dataset, region: str, indicator: str, edition: str, measure: str, basis: str,
             years: tuple[int, ...] | None = None, peers: tuple[str, ...] = ()) -> list[list[Point]]:
    """The region's points split wherever the territory changes or the data marks a break in method.

    For the index, ``peers`` is the fixed set whose average is 100 in every year (the focus not among them).
    """
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


def _index_point(dataset: Dataset, region: str, peers: tuple[str, ...], indicator: str, edition: str, year: int,
                 basis: str) -> Point:
    """The region's value divided by the fixed peers' average that year, times 100 (a peer is divided by
    the same average, so the peers' lines centre on 100 and the focus is never in its own average)."""
    point = points(dataset, (region,), indicator, edition, "absolute", year, basis)[0]
    return indexed(point, index_base(dataset, peers, indicator, edition, year, basis))  # cached: once per year


@lru_cache(maxsize=512)
def _trend(dataset: Dataset, regions: tuple[str, ...], focus: str | None, indicator: str, edition: str,
           measure: str, basis: str) -> tuple[FigureSpec, ChartMeta]:
    """The trend with no line emphasised. ``focus`` is set only for the index (its peers are fixed around
    it) and for a crowded chart, which draws the top regions (by their latest value) and the focus."""
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
        note = (f"Index: peers fixed for {years[0]}–{years[-1]}: "
                f"{', '.join(dataset.region_name(p) for p in fixed)}." if fixed else
                "Index: no peer has a figure in every year the focus has.")
    else:
        shown = regions
    crowded, cut = "", set()
    if len(shown) > MAX_ITEMS:
        latest = [points(dataset, (r,), indicator, edition, "absolute", None, basis)[0] for r in shown]
        kept, crowded = top_regions(latest, focus)
        cut = {p.region_id for p in latest if p.value is not None} - kept  # left out, not missing
        shown = tuple(r for r in shown if r in kept)
    for region in sorted(shown, key=dataset.region_name):
        runs = segments(dataset, region, indicator, edition, measure, basis, years, fixed)
        for number, run in enumerate(runs):
            every += run
            last_run = number == len(runs) - 1
            label = region_label(dataset, region)
            if number:  # a new territory or method: say so at its start, so the step is not read as growth
                label = f"{label}: {esc(run[0].territory)}"
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
    _place_end_labels(traces)
    layout = base_layout(height=400)
    layout["margin"] = {**layout["margin"], "r": 110}
    layout["xaxis"] = axis("Year", tickformat="d")
    layout["yaxis"] = axis(axis_title(dataset, indicator, measure))
    if not every:
        layout = say_empty(layout, empty_reason(dataset, regions, indicator, edition, basis))
    fig = {"data": traces, "layout": layout}
    sources, publishers = cite(dataset, every)
    drawn = {p.region_id for p in every}
    missing = tuple((dataset.region_name(r), no_comparable(dataset, r, indicator, edition, None, basis).missing)
                    for r in regions if r not in drawn and r not in cut)
    span = sorted({p.year for p in every if p.value is not None and p.year})  # the years drawn, not the data's
    span_text = (f"{span[0]}–{span[-1]}" if span[0] != span[-1] else str(span[0])) if span else "no years"
    assessed = assess(dataset, every, basis, years="none")
    territories = sorted({(p.region_id, p.territory) for p in every})
    several = [dataset.region_name(r) for r in dict.fromkeys(r for r, _ in territories)
               if sum(1 for q, _ in territories if q == r) > 1]
    footnote = " ".join(x for x in (
        assessed.footnote,
        f"New territory or method, drawn as a separate dotted segment: {', '.join(several)}." if several else "",
        note) if x)
    comparability = Comparability(assessed.mixed_territories, None, footnote, basis, assessed.majority_kind,
                                  assessed.odd, assumed=assessed.assumed)
    meta = ChartMeta(f"Trend: {measure_title(dataset, indicator, measure)}",
                     f"{measure_unit(dataset, indicator, measure)} · {span_text} · {comparability.basis_label}",
                     comparability, sources, missing, publishers,
                     tuple((indicator, measure, p) for p in every if p.value is not None))
    return fig, with_note(meta, crowded)


def _place_end_labels(traces: list[dict]) -> None:
    """Put each line's name on the side of its last point that no other line or name runs through."""
    names = [t["text"][-1] if t["text"] else "" for t in traces]
    sides = end_label_positions([(t["x"], t["y"]) for t in traces], names)
    for trace, side in zip(traces, sides, strict=True):
        trace["textposition"] = side


__all__ = ["build_trend", "kind_label", "segments"]
