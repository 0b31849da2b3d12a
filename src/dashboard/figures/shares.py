"""Each region's share of its country's population, jobs and GVA/GDP (the profiles' own story)."""

from __future__ import annotations

from functools import lru_cache

from dashboard.comparability import assess, kind_label
from dashboard.data import Dataset
from dashboard.data.declarations import is_share, share_series
from dashboard.figures.common import (
    GROUP_HOVER,
    ChartMeta,
    cite,
    custom_data,
    region_label,
    top_regions,
    with_note,
    year_label,
)
from dashboard.figures.focus import bold_focus_label
from dashboard.figures.spec import FigureSpec, axis
from dashboard.figures.theme import base_layout, region_colours
from dashboard.measures import Point, points
from dashboard.state import focus_key

SHARE_HOVER = "<b>%{meta}</b><br>%{customdata[7]}<extra></extra>"  # the box's title names the region; [7]: common.py


LEGEND_GREY = "#6b7280"  # the legend shows each series' pattern in neutral grey: colours belong to regions


def series_pattern(shape: str, colour: str) -> dict:
    """A series' hatching over the bars' colours (plotly's 'overlay'); ``colour`` is one colour, never a list.

    With per-bar colours in marker.color, plotly.js draws each bar's own colour under the hatching and
    shades the hatching from it; it reads the pattern's bgcolor only to compute its defaults. Left to
    default to the bars' list, that computation logged 'Invalid color specifier' once per series and draw
    (~3000 times in a session), so the first bar's colour is given: the same drawing, a quiet console.
    """
    return {"shape": shape, "fillmode": "overlay", "bgcolor": colour, "size": 6, "solidity": 0.35}


def _series_points(dataset: Dataset, regions: tuple[str, ...], indicator: str, edition: str,
                   year: int | None, basis: str) -> list[Point]:
    if is_share(dataset, indicator):  # a reported share stands as it is
        return points(dataset, regions, indicator, edition, "absolute", year, basis)
    return points(dataset, regions, indicator, edition, "share", year, basis)


def build_shares(dataset: Dataset, regions: tuple[str, ...], focus: str, edition: str, year: int | None,
                 basis: str) -> tuple[FigureSpec, ChartMeta]:
    """The shares chart of the view; its parameters are the view fields it depends on (views.py reads them)."""
    resolved = basis or "reported"  # shares are each region's statement about itself; odd kinds are marked
    fig, meta = _shares(dataset, regions, focus_key(focus, "", regions), edition, year, resolved)
    return bold_focus_label(fig, focus), meta


@lru_cache(maxsize=256)
def _shares(dataset: Dataset, regions: tuple[str, ...], focus: str | None, edition: str, year: int | None,
            basis: str) -> tuple[FigureSpec, ChartMeta]:
    """Regions ordered by their share in the first series (largest on top); a crowded chart keeps the top
    regions and ``focus`` (which is None unless the chart is crowded: the focus is marked afterwards)."""
    colours = region_colours(dataset)
    per_series = [(label, ind, pattern, _series_points(dataset, regions, ind, edition, year, basis))
                  for label, ind, pattern in share_series(dataset)]
    reporting = {p.region_id for *_, pts in per_series for p in pts if p.value is not None}
    with_any = [r for r in regions if r in reporting]  # (a set: 3 000 regions x 12 000 points was 7 s)
    first = {p.region_id: p.value for p in per_series[0][3] if p.value is not None} if per_series else {}
    ranked = [Point(r, first.get(r, -1.0)) for r in with_any]  # no figure in the first series: at the bottom
    kept, crowded = top_regions(ranked, focus)
    order = sorted((r for r in with_any if r in kept), key=lambda r: (first.get(r, -1.0), dataset.region_name(r)))
    kinds = {p.region_id: p.territory_kind for *_, pts in per_series for p in pts if p.value is not None}
    odd = assess(dataset, [p for *_, pts in per_series for p in pts], basis).odd
    names = {r: region_label(dataset, r) + (f" · {kind_label(kinds[r])}" if r in odd else "") for r in order}
    labels = names
    traces: list[dict] = []
    for label, ind, pattern, pts in per_series:
        by_region = {p.region_id: p for p in pts if p.value is not None and p.region_id in labels}
        rows = [by_region[r] for r in order if r in by_region]
        if not rows:
            continue
        traces.append({  # the legend shows the series' pattern in neutral grey (colours belong to regions)
            "type": "bar", "x": [None], "y": [None], "name": label, "orientation": "h", "hoverinfo": "skip",
            "showlegend": True, "xaxis": "x2", "yaxis": "y2",  # hidden axes: it takes no slot among the bars
            "marker": {"color": LEGEND_GREY, "pattern": series_pattern(pattern, LEGEND_GREY)}})
        traces.append({
            "type": "bar", "name": label, "meta": label, "showlegend": False, "orientation": "h",
            "x": [p.value for p in rows], "y": [labels[p.region_id] for p in rows],
            "marker": {"color": [colours[p.region_id] for p in rows],
                       "pattern": series_pattern(pattern, colours[rows[0].region_id])},
            "text": [f"{label}: {p.value:.0f} %" for p in rows], "textposition": "outside", "cliponaxis": False,
            "customdata": [custom_data(dataset, ind, "absolute" if is_share(dataset, ind) else "share", p)
                           for p in rows],
            "hovertemplate": SHARE_HOVER,
        })
    layout = base_layout(height=max(240, 30 * len(order) * 2 + 90))
    layout["margin"] = {**layout.get("margin", {}), "r": 64}  # room for the outside labels ('GVA (reported): 50 %')
    layout.update(barmode="group", bargap=0.25, bargroupgap=0.05, showlegend=True, hovermode=GROUP_HOVER,
                  legend={"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom"},  # above: clear of the axis title
                  xaxis=axis("% of the national total", range=[0, 100]),  # short: fits a phone
                  yaxis={"automargin": True, "ticksuffix": "  ", "showgrid": False},
                  xaxis2={"visible": False, "overlaying": "x"}, yaxis2={"visible": False, "overlaying": "y"})
    fig = {"data": traces, "layout": layout}
    every = [p for *_, pts in per_series for p in pts]
    sources, publishers = cite(dataset, every)
    missing = tuple((dataset.region_name(r), "No national share reported or computable in this edition.")
                    for r in regions if r not in with_any)
    comparability = assess(dataset, every, basis, years="listed")  # its series may differ in year by design
    series_names = ", ".join(label for label, _, _ in share_series(dataset))
    meta = ChartMeta("Share of the national total", f"% of the country · {series_names} · "
                     f"{year_label(every, year)} · {comparability.basis_label}", comparability, sources, missing,
                     publishers)
    return fig, with_note(meta, crowded)
