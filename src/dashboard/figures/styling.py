"""Restyle a built figure spec for the high-contrast theme and for presentation mode (pure functions).

Presentation: large type and thick marks, readable from the back of a room at 1280x720.
High contrast: white on black with bright marks, which also survives a washed-out projector.
Both return a new spec: the one passed in is cached and shared, so it is never changed.
"""

from __future__ import annotations

import copy

from dashboard.figures.labels import geo_label_sides
from dashboard.figures.spec import FigureSpec, cartesian_axes, merge
from dashboard.figures.theme import text_colour_on

CONTRAST = {"paper": "#000000", "text": "#ffffff", "grid": "#5b5b5b", "land": "#2a2a2a", "ocean": "#0f2b46",
            "border": "#9a9a9a"}
MARKED_TRACES = ("bar", "scatter", "scattergeo")
PRESENT_TEXT = 22  # px: data labels when presenting (a projector at the back of a room)
PRESENT_MAP_AREA = (686.0, 483.0)  # px: the map on the stage at 1400x900, where its labels are placed again


def _mark_colour(trace: dict) -> str:
    """The region colour a trace's text was drawn after (its line's, else its marker's), so that the dark
    theme lightens the palette colour itself rather than the variant darkened for the light background."""
    for part in ("line", "marker"):
        colour = (trace.get(part) or {}).get("color")
        if isinstance(colour, str):
            return colour
    return trace["textfont"]["color"]


def themed(figure: FigureSpec, theme: str) -> FigureSpec:
    """The figure in the page's theme; in high contrast every text in a region's colour is lightened
    until it reaches 4.5:1 on black (the marks keep the palette)."""
    if theme != "contrast":
        return figure
    fig = copy.deepcopy(figure)
    layout = fig["layout"]
    merge(layout, {"paper_bgcolor": CONTRAST["paper"], "plot_bgcolor": CONTRAST["paper"],
                   "font": {"color": CONTRAST["text"]}, "legend": {"font": {"color": CONTRAST["text"]}}})
    for axis in cartesian_axes(layout):
        merge(axis, {"gridcolor": CONTRAST["grid"], "zerolinecolor": CONTRAST["border"],
                     "linecolor": CONTRAST["border"]})
    for trace in fig["data"]:
        if trace.get("type") in MARKED_TRACES:
            merge(trace, {"marker": {"line": {"color": "#ffffff"}}})
            _open_rings_on(trace, CONTRAST["paper"])
        if trace.get("type") == "scattergeo":
            merge(trace, {"textfont": {"color": CONTRAST["text"]}})
        elif isinstance((trace.get("textfont") or {}).get("color"), str):
            try:
                colour = text_colour_on(_mark_colour(trace), CONTRAST["paper"])
            except ValueError:  # a colour written in a form we do not read: white is always readable
                colour = CONTRAST["text"]
            merge(trace, {"textfont": {"color": colour}})
    if layout.get("geo", {}).get("scope"):
        merge(layout["geo"], {"bgcolor": CONTRAST["paper"], "landcolor": CONTRAST["land"],
                              "oceancolor": CONTRAST["ocean"], "countrycolor": CONTRAST["border"],
                              "coastlinecolor": CONTRAST["border"]})
    return fig


def _open_rings_on(trace: dict, background: str) -> None:
    """Open symbols (a bubble with no size figure) are drawn in the marker colour: lighten those to 4.5:1."""
    marker = trace.get("marker") or {}
    symbols, colours = marker.get("symbol"), marker.get("color")
    if isinstance(symbols, list) and isinstance(colours, list) and len(symbols) == len(colours):
        marker["color"] = [text_colour_on(c, background) if isinstance(s, str) and s.endswith("-open")
                           and isinstance(c, str) else c for s, c in zip(symbols, colours, strict=True)]


def for_presentation(figure: FigureSpec) -> FigureSpec:
    """Big type (24 px body, 20 px ticks), thicker lines and outlines; the height follows the screen."""
    fig = copy.deepcopy(figure)
    layout = fig["layout"]
    layout.pop("height", None)
    merge(layout, {"font": {"size": 24}, "autosize": True, "margin": {"l": 20, "r": 40, "t": 20, "b": 20},
                   "hoverlabel": {"font": {"size": 22}}})
    for axis in cartesian_axes(layout):
        merge(axis, {"tickfont": {"size": 20}, "title": {"font": {"size": 24}}})
    for trace in fig["data"]:
        if trace.get("type") in MARKED_TRACES:
            merge(trace, {"textfont": {"size": PRESENT_TEXT}})
        replace_map_labels(trace, layout, PRESENT_TEXT, PRESENT_MAP_AREA)
        line = trace.get("marker", {}).get("line", {})
        widths = line.get("width")
        if widths is not None:
            line["width"] = [w * 2 for w in widths] if isinstance(widths, (list, tuple)) else widths * 2
        if trace.get("type") == "scatter" and "lines" in trace.get("mode", ""):
            trace["line"] = {**trace.get("line", {}), "width": (trace.get("line", {}).get("width") or 2) * 2}
    return fig


def replace_map_labels(trace: dict, layout: dict, text_size: float, area: tuple[float, float]) -> None:
    """A map's labels placed again for larger type (presenting, a slide), clear of each other and the edge."""
    if trace.get("type") != "scattergeo" or "geo" not in layout or not trace.get("text"):
        return
    sizes = (trace.get("marker") or {}).get("size", 10)
    sizes = sizes if isinstance(sizes, list | tuple) else [sizes] * len(trace["text"])
    trace["textposition"] = geo_label_sides(layout["geo"], trace["lat"], trace["lon"], trace["text"], sizes,
                                            text_size, area)
