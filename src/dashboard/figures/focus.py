"""Mark the focus region on a built figure: the figure caches hold figures without a focus.

A focus change is the commonest click. Only the highlight depends on it (outside the index, whose
average leaves the focus out), so builders cache the figure of a set of regions once and this
module marks the focus on a shallow copy: the arrays it changes are new, everything else is shared
with the cached figure, which is never modified.
"""

from __future__ import annotations

from dashboard.figures.spec import FigureSpec
from dashboard.figures.theme import FOCUS_LINE

BOLD = ("<b>", "</b>")


def _region_ids(trace: dict) -> list[str]:
    return [row[0] if isinstance(row, list | tuple) and row else "" for row in trace.get("customdata") or []]


def row_regions(figure: FigureSpec) -> dict[object, str]:
    """Each horizontal bar row's position (its ``y``) -> the region id of its marks (``customdata[0]``)."""
    return {y: row[0] for trace in figure["data"] if trace.get("type") == "bar" and trace.get("orientation") == "h"
            for y, row in zip(trace.get("y") or [], trace.get("customdata") or [], strict=False)
            if isinstance(row, list | tuple) and row}


def _bold(label: object) -> object:
    return f"{BOLD[0]}{label}{BOLD[1]}" if isinstance(label, str) else label


def highlight_marks(figure: FigureSpec, focus: str, width: float = 3) -> FigureSpec:
    """Bars, bubbles, map markers: an outline on the focus's marks and, on a bar's axis, its name in bold."""
    traces = []
    for trace in figure["data"]:
        ids = _region_ids(trace)
        if focus not in ids:
            traces.append(trace)
            continue
        marker = dict(trace.get("marker") or {})
        symbols = marker.get("symbol") if isinstance(marker.get("symbol"), list) else [""] * len(ids)
        marker["line"] = {**(marker.get("line") or {}), "color": FOCUS_LINE,  # an open ring is its line: 2 px
                          "width": [width if r == focus else 2 if str(s).endswith("-open") else 0
                                    for r, s in zip(ids, symbols, strict=True)]}
        new = {**trace, "marker": marker}
        if trace.get("type") in ("scatter", "scattergeo") and isinstance(trace.get("text"), list):
            # a crowded chart names only its top regions: the focus is always named
            new["text"] = [t or (row[1] if r == focus else t) for t, r, row in
                           zip(trace["text"], ids, trace["customdata"], strict=True)]
        if trace.get("type") == "bar" and trace.get("orientation") == "h":
            new["y"] = [_bold(y) if r == focus else y for y, r in zip(trace["y"], ids, strict=True)]
        traces.append(new)
    return {**figure, "data": traces}


def highlight_lines(figure: FigureSpec, focus: str) -> FigureSpec:
    """Trend lines: the focus's line thick, its markers large and outlined, drawn on top of the others."""
    focused, others = [], []
    for trace in figure["data"]:
        if focus in _region_ids(trace)[:1]:
            focused.append({**trace, "line": {**trace["line"], "width": 4.5},
                            "marker": {**trace["marker"], "size": 10,
                                       "line": {**trace["marker"].get("line", {}), "color": "black"}}})
        else:
            others.append(trace)
    return {**figure, "data": [*others, *focused]}


def bold_focus_label(figure: FigureSpec, focus: str) -> FigureSpec:
    """The shares chart: grouped bars per region, the focus's name in bold on every series and outlined."""
    return highlight_marks(figure, focus, width=2)
