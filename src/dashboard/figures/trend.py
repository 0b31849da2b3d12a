"""Trend of one indicator over the years of an edition, a line per region.

Years are its point, so only mixed kinds of territory are flagged, not the spread of years."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from dashboard.comparability import assess
from dashboard.data import Dataset
from dashboard.figures.common import HOVER, ChartMeta, axis_title, cite, custom_data, region_label
from dashboard.figures.spec import FigureSpec, axis
from dashboard.figures.theme import base_layout, region_colours
from dashboard.measures import effective_measure, measure_unit, points
from dashboard.state import ViewState


def build_trend(dataset: Dataset, state: ViewState) -> tuple[FigureSpec, ChartMeta]:
    return _trend(dataset, state.regions, state.focus, state.indicator, state.edition, state.measure)


@lru_cache(maxsize=512)
def _trend(dataset: Dataset, regions: tuple[str, ...], focus: str, indicator: str, edition: str,
           measure: str) -> tuple[FigureSpec, ChartMeta]:
    measure = effective_measure(dataset, indicator, measure)
    colours = region_colours(dataset)
    traces: list[dict] = []
    every = []
    years = dataset.years(indicator, edition)
    for region in sorted(regions, key=lambda r: (r == focus, dataset.region_name(r))):  # focus drawn on top
        series = [p for y in years for p in points(dataset, regions if measure == "index" else (region,),
                                                   indicator, edition, measure, y)
                  if p.region_id == region and p.value is not None]
        every += series
        if not series:
            continue
        is_focus = region == focus
        traces.append({  # labelled at its last point instead of a legend: readable on a phone too
            "type": "scatter", "x": [p.year for p in series], "y": [p.value for p in series],
            "mode": "lines+markers+text", "name": region_label(dataset, region), "cliponaxis": False,
            "text": [""] * (len(series) - 1) + [region_label(dataset, region)], "textposition": "middle right",
            "textfont": {"color": colours[region], "size": 12},
            "line": {"color": colours[region], "width": 4.5 if is_focus else 2},
            "marker": {"size": 10 if is_focus else 7, "color": colours[region],
                       "line": {"color": "black" if is_focus else "white", "width": 1.5}},
            "customdata": [custom_data(dataset, indicator, measure, p) for p in series], "hovertemplate": HOVER,
        })
    layout = base_layout(height=400)
    layout["margin"] = {**layout["margin"], "r": 110}
    layout["xaxis"] = axis("Year", tickformat="d")
    layout["yaxis"] = axis(axis_title(dataset, indicator, measure))
    fig = {"data": traces, "layout": layout}
    sources, publishers = cite(dataset, every)
    drawn = {p.region_id for p in every}
    missing = tuple((dataset.region_name(r), dataset.missing_reason(r, indicator, edition))
                    for r in regions if r not in drawn)
    span = f"{years[0]}–{years[-1]}" if years else "no years"
    meta = ChartMeta(f"Trend: {dataset.indicator(indicator)['label']}",
                     f"{measure_unit(dataset, indicator, measure)} · {span}",
                     replace(assess(dataset, every), year_range=None), sources, missing, publishers)
    return fig, meta
