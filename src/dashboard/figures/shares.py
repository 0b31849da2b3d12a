"""Each region's share of its country's population, jobs and GVA/GDP (the profiles' own story).

A row per region, a bar per share the region has: a row holds only the bars it has (a region with two
shares is not padded with two empty slots), so that every bar has room for its value label at a
projector's size. Each label says what the bar is: its series, the share with its qualifier ('≈', '≥'),
its year where the bars' years differ, and its territory where the row's name does not say it (Riga's
row names its metro region; its GVA share is the city's). So there is no legend (each series keeps its
hatching) and no value axis.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from dashboard.comparability import Comparability, assess, kind_label
from dashboard.data import Dataset
from dashboard.data.declarations import is_share, share_series
from dashboard.figures.cache_keys import focus_key
from dashboard.figures.common import (
    ASSUMED_MARK,
    GROUP_HOVER,
    ChartMeta,
    cite,
    custom_data,
    esc,
    region_label,
    say_empty,
    top_regions,
    with_note,
    year_label,
)
from dashboard.figures.focus import BOLD, bold_focus_label, row_regions
from dashboard.figures.spec import FigureSpec
from dashboard.figures.theme import base_layout, region_colours
from dashboard.formatting import format_value, format_year
from dashboard.i18n import _, current_language, with_percent
from dashboard.measures import Point, points

SHARE_HOVER = "<b>%{meta}</b><br>%{customdata[7]}<extra></extra>"  # the box's title names the region; [7]: common.py

ROW_LINE = "#e5e7eb"  # the thin line between two regions' rows
BAR_WIDTH = 0.8  # of a bar's slot: the y axis counts slots, one per bar
ROW_GAP = 0.4  # slots between two regions' rows, on top of the bars' own gaps
SLOT_PX = 22  # px per slot on the page (13 px labels)
LABEL_ROOM = 1.45  # the x axis runs at least to the longest bar times this: the rest is room for its label
CHAR_PX, PAGE_PLOT_PX = 7.6, 360.0  # a 13 px label's character, and the plot's width in a half-width card
MARGIN_PX = (64, 150)  # the right margin the labels may run into: at least, at most
NAMES_CHARS = 26  # the region names PAGE_PLOT_PX leaves room for (a bold 'Riga · composition assumed')


def plain_label(name: str) -> str:
    """A tick label as it reads (tags and entities as one character): its length in characters."""
    return re.sub(r"&[#\w]+;", "x", re.sub(r"<[^>]+>", "", name))


def series_pattern(shape: str, colour: str) -> dict:
    """A series' hatching over the bars' colours (plotly's 'overlay'); ``colour`` is one colour, never a list.

    With per-bar colours in marker.color, plotly.js draws each bar's own colour under the hatching and
    shades the hatching from it; it reads the pattern's bgcolor only to compute its defaults. Left to
    default to the bars' list, that computation logged 'Invalid color specifier' once per series and draw
    (~3000 times in a session), so the first bar's colour is given: the same drawing, a quiet console.
    """
    return {"shape": shape, "fillmode": "overlay", "bgcolor": colour, "size": 6, "solidity": 0.35}


def _measure(dataset: Dataset, indicator: str) -> str:
    return "absolute" if is_share(dataset, indicator) else "share"  # a reported share stands as it is


def shares_drawn(dataset: Dataset) -> list[tuple[str, str]]:
    """(indicator, measure) of each series the shares chart draws, in its order."""
    return [(indicator, _measure(dataset, indicator)) for _, indicator, _ in share_series(dataset)]


def _series_points(dataset: Dataset, regions: tuple[str, ...], indicator: str, edition: str,
                   year: int | None, basis: str) -> list[Point]:
    return points(dataset, regions, indicator, edition, _measure(dataset, indicator), year, basis)


def build_shares(dataset: Dataset, regions: tuple[str, ...], focus: str, edition: str, year: int | None,
                 basis: str) -> tuple[FigureSpec, ChartMeta]:
    """The shares chart of the view; its parameters are the view fields it depends on (views.py reads them)."""
    resolved = basis or "reported"  # shares are each region's statement about itself; odd kinds are marked
    fig, meta = _shares(dataset, regions, focus_key(focus, "", regions), edition, year, resolved, current_language())
    return _bold_focus_row(bold_focus_label(fig, focus), focus), meta


def _bold_focus_row(figure: FigureSpec, focus: str) -> FigureSpec:
    """The focus's row name in bold (a new layout: the cached one is shared)."""
    rows = row_regions(figure)
    yaxis = figure["layout"].get("yaxis") or {}
    if focus not in rows.values() or "tickvals" not in yaxis:
        return figure
    texts = [f"{BOLD[0]}{t}{BOLD[1]}" if rows.get(v) == focus else t
             for v, t in zip(yaxis["tickvals"], yaxis["ticktext"], strict=True)]
    return {**figure, "layout": {**figure["layout"], "yaxis": {**yaxis, "ticktext": texts}}}


def share_text(value: float, qualifier: str = "") -> str:
    """'31.6%', '≈ 50%', '≥ 20%' ('31,6 %' in Finnish): as the KPI card's share line writes a share."""
    return with_percent(format_value(value, 0 if float(value).is_integer() else 1, qualifier))


def _row_kind(row: list[Point], majority: str) -> str:
    """The kind of territory a row names: most of its bars', a tie going to the chart's majority kind, else
    to the first series'."""
    counts = Counter(p.territory_kind for p in row)
    top = max(counts.values())
    tied = [p.territory_kind for p in row if counts[p.territory_kind] == top]
    return majority if majority in tied else tied[0]


def _bar_marks(dataset: Dataset, point: Point, with_year: bool, row_kind: str, row_assumed: bool) -> str:
    """' · 2023 · core city': the bar's year (``with_year``: the bars' years differ; else the subtitle gives
    the one year), its territory where its row's name does not say it."""
    marks = [format_year(point.year, point.year_approx)] if with_year and point.year is not None else []
    if point.territory_kind != row_kind:
        marks.append(esc(kind_label(point.territory_kind, dataset)))
    if not row_assumed and dataset.composition_assumed(point.territory_id):
        marks.append(_(ASSUMED_MARK))
    return "".join(f" · {mark}" for mark in marks)


def label_room(bars: list[tuple[float, int]], plot: float = PAGE_PLOT_PX, char: float = CHAR_PX) -> tuple[float, int]:
    """(end of the x axis, right margin in px) for bars of (value, label length in characters), so that each
    label fits beside its bar in a plot ``plot`` px wide (a half-width card's: a wider one has more room) and
    the margin: the axis is stretched for a long label on a long bar, and no bar is drawn shorter than a
    quarter of the plot for it."""
    longest = max((value for value, _ in bars), default=0.0)
    end = max(longest * LABEL_ROOM, 1.0)
    for value, chars in bars:
        beside = plot + MARGIN_PX[1] - 12 - chars * char  # px the bar may take with its label after it
        end = max(end, value * plot / max(beside, plot / 4))
    overflow = max((value / end * plot + chars * char - plot for value, chars in bars), default=0.0)
    return end, int(min(MARGIN_PX[1], max(MARGIN_PX[0], overflow + 12)))


@lru_cache(maxsize=256)
def _shares(dataset: Dataset, regions: tuple[str, ...], focus: str | None, edition: str, year: int | None,
            basis: str, lang: str = "en") -> tuple[FigureSpec, ChartMeta]:
    """Regions ordered by their share in the first series (largest on top); a crowded chart keeps the top
    regions and ``focus`` (which is None unless the chart is crowded: the focus is marked afterwards).
    Written in the current language (``lang`` keys the cache by it)."""
    colours = region_colours(dataset)
    shares = _share_set(dataset, regions, edition, year, basis, lang)
    per_series, with_any, first = shares.per_series, shares.with_any, shares.first
    kept, crowded = top_regions(shares.ranked, focus)
    order = sorted((r for r in with_any if r in kept), key=lambda r: (first.get(r, -1.0), dataset.region_name(r)))
    shown = {r: shares.bars_of.get(r, []) for r in order}
    bars = [p for r in order for _, p in shown[r]]
    majority = assess(dataset, bars, basis).majority_kind
    one_year = len({(p.year, p.year_approx) for p in bars}) <= 1  # the subtitle gives it; no bar needs to

    # the rows, bottom up: each as tall as its bars, its series top down in their declared order
    centre: dict[str, float] = {}
    offsets: dict[tuple[int, str], float] = {}
    names: list[str] = []
    marks: dict[tuple[int, str], str] = {}
    bottom, lines = 0.0, []
    for r in order:
        row = [p for _, p in shown[r]]
        kind = _row_kind(row, majority)
        assumed = any(p.territory_kind == kind and dataset.composition_assumed(p.territory_id) for p in row)
        names.append(region_label(dataset, r) + (f" · {esc(kind_label(kind, dataset))}" if kind != majority else "")
                     + (f" · {_(ASSUMED_MARK)}" if assumed else ""))
        centre[r] = bottom + len(row) / 2
        for k, (i, p) in enumerate(shown[r]):
            offsets[i, r] = (bottom + len(row) - k - 0.5) - centre[r] - BAR_WIDTH / 2
            marks[i, r] = _bar_marks(dataset, p, not one_year, kind, assumed)
        bottom += len(row) + ROW_GAP
        lines.append(bottom - ROW_GAP / 2)
    top = bottom - ROW_GAP
    # Translators: a bar's label: its series and share ('Population: 25%'); marks such as a year may follow
    texts = {(i, r): _("{series}: {share}", series=per_series[i][0], share=share_text(p.value, p.qualifier))
             + marks[i, r]
             for r in order for i, p in shown[r]}
    # the region names on the left take what the plot's width assumes for English ('Riga · composition assumed');
    # a language's longer names leave the bars and their labels less
    longer = max((len(plain_label(name)) for name in names), default=0) - NAMES_CHARS
    end, room = label_room([(p.value, len(texts[i, r])) for r in order for i, p in shown[r]],
                           plot=PAGE_PLOT_PX - max(0, longer) * CHAR_PX)

    traces: list[dict] = []
    for i, (label, ind, pattern, _pts) in enumerate(per_series):
        rows = [p for r in order for j, p in shown[r] if j == i]
        if not rows:
            continue
        traces.append({
            "type": "bar", "name": label, "meta": label, "showlegend": False, "orientation": "h",
            "x": [p.value for p in rows], "y": [centre[p.region_id] for p in rows],
            "offset": [offsets[i, p.region_id] for p in rows], "width": BAR_WIDTH,
            "marker": {"color": [colours[p.region_id] for p in rows],
                       "pattern": series_pattern(pattern, colours[rows[0].region_id])},
            # outside every bar, never shrunk to the bar's thickness (plotly's default shrank them to ~9 px)
            "text": [texts[i, p.region_id] for p in rows], "textposition": "outside", "constraintext": "none",
            "cliponaxis": False,
            "customdata": [custom_data(dataset, ind, _measure(dataset, ind), p) for p in rows],
            "hovertemplate": SHARE_HOVER,
        })
    layout = base_layout(height=max(240, round(SLOT_PX * (top + ROW_GAP) + 40)))
    layout["margin"] = {**layout.get("margin", {}), "r": room}  # the longest labels run into it
    # no legend: each label names its series (a legend above the plot was drawn on the first row when a
    # presentation's chart was first laid out narrow, then widened: plotly.js kept its old height)
    layout.update(barmode="overlay", showlegend=False, hovermode=GROUP_HOVER,
                  xaxis={"visible": False, "range": [0, end], "fixedrange": True},  # each bar says its value
                  yaxis={"automargin": True, "showgrid": False, "zeroline": False, "showline": True,
                         "linecolor": "#9ca3af", "tickmode": "array", "tickvals": [centre[r] for r in order],
                         "ticktext": names, "ticks": "", "ticklabelstandoff": 8,
                         "range": [-ROW_GAP / 2, max(top, 1) + ROW_GAP / 2], "fixedrange": True},
                  shapes=[{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": y, "y1": y,
                           "line": {"color": ROW_LINE, "width": 1}, "layer": "below"} for y in lines[:-1]])
    if not traces:
        layout = say_empty(layout, _("No region shown has a share of its national total in this edition, "
                                     "reported or computable: try another edition or other peers."))
    fig = {"data": traces, "layout": layout}
    series_names = ", ".join(label for label, _, _ in share_series(dataset))
    drawn = tuple((per_series[i][1], _measure(dataset, per_series[i][1]), p) for r in order for i, p in shown[r])
    # Translators: the shares chart's subtitle starts with its unit: '% of the country'
    unit = _("% of the country")
    subtitle = f"{unit} · {series_names} · {shares.years} · {shares.comparability.basis_label}"
    meta = ChartMeta(_("Share of the national total"), subtitle, shares.comparability, shares.sources,
                     shares.missing, shares.publishers, drawn)
    return fig, with_note(meta, crowded)


class _ShareSet(NamedTuple):
    """What the shares chart of a set of regions says whatever the focus: a crowded chart keeps the top
    regions and the focus, so it is drawn per focus, from this (computed once per set of regions)."""

    per_series: list[tuple[str, str, str, list[Point]]]  # (label, indicator, pattern, every region's point)
    with_any: list[str]  # the regions with any share, in the view's order
    first: dict[str, float]  # region -> its share in the first series
    ranked: list[Point]  # each region with any share by its first series' value (-1: none, at the bottom)
    bars_of: dict[str, list[tuple[int, Point]]]  # region -> (series number, point) of each bar it has
    sources: tuple
    publishers: tuple
    missing: tuple[tuple[str, str], ...]
    comparability: Comparability
    years: str


@lru_cache(maxsize=64)
def _share_set(dataset: Dataset, regions: tuple[str, ...], edition: str, year: int | None, basis: str,
               lang: str = "en") -> _ShareSet:
    """What the chart says of the regions whatever the focus, in the current language (``lang``: the key)."""
    per_series = [(label, ind, pattern, _series_points(dataset, regions, ind, edition, year, basis))
                  for label, ind, pattern in share_series(dataset)]
    reporting = {p.region_id for *_, pts in per_series for p in pts if p.value is not None}
    with_any = [r for r in regions if r in reporting]  # (a set: 3 000 regions x 12 000 points was 7 s)
    first = {p.region_id: p.value for p in per_series[0][3] if p.value is not None} if per_series else {}
    ranked = [Point(r, first.get(r, -1.0)) for r in with_any]  # no figure in the first series: at the bottom
    bars_of: dict[str, list[tuple[int, Point]]] = {}
    for i, (*_series, pts) in enumerate(per_series):
        for p in pts:
            if p.value is not None:
                bars_of.setdefault(p.region_id, []).append((i, p))
    every = [p for *_, pts in per_series for p in pts]
    sources, publishers = cite(dataset, every)
    missing = tuple((dataset.region_name(r), _("No national share reported or computable in this edition."))
                    for r in regions if r not in with_any)
    comparability = assess(dataset, every, basis, years="listed")  # its series may differ in year by design
    return _ShareSet(per_series, with_any, first, ranked, bars_of, sources, publishers, missing, comparability,
                     year_label(every, year))
