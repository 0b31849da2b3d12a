"""Restyle a built figure for the high-contrast theme and for presentation mode (pure functions).

Presentation: large type and thick marks, readable from the back of a room at 1280x720.
High contrast: white on black with bright marks, which also survives a washed-out projector.
"""

from __future__ import annotations

import plotly.graph_objects as go

CONTRAST = {"paper": "#000000", "text": "#ffffff", "grid": "#5b5b5b", "land": "#2a2a2a", "ocean": "#0f2b46",
            "border": "#9a9a9a"}


def themed(figure: go.Figure, theme: str) -> go.Figure:
    if theme != "contrast":
        return figure
    fig = go.Figure(figure)
    fig.update_layout(paper_bgcolor=CONTRAST["paper"], plot_bgcolor=CONTRAST["paper"],
                      font={"color": CONTRAST["text"]}, legend={"font": {"color": CONTRAST["text"]}})
    fig.update_xaxes(gridcolor=CONTRAST["grid"], zerolinecolor=CONTRAST["border"], linecolor=CONTRAST["border"])
    fig.update_yaxes(gridcolor=CONTRAST["grid"], zerolinecolor=CONTRAST["border"], linecolor=CONTRAST["border"])
    fig.update_traces(marker_line_color="#ffffff", selector={"type": "bar"})
    fig.update_traces(marker_line_color="#ffffff", selector={"type": "scatter"})
    fig.update_traces(marker_line_color="#ffffff", selector={"type": "scattergeo"})
    fig.update_traces(textfont_color=CONTRAST["text"], selector={"type": "scattergeo"})
    if fig.layout.geo.scope:
        fig.update_geos(bgcolor=CONTRAST["paper"], landcolor=CONTRAST["land"], oceancolor=CONTRAST["ocean"],
                        countrycolor=CONTRAST["border"], coastlinecolor=CONTRAST["border"])
    return fig


def for_presentation(figure: go.Figure) -> go.Figure:
    """Big type (24 px body, 20 px ticks), thicker lines and outlines; the height follows the screen."""
    fig = go.Figure(figure)
    fig.update_layout(font={"size": 24}, height=None, autosize=True,
                      margin={"l": 20, "r": 40, "t": 20, "b": 20}, hoverlabel={"font": {"size": 22}})
    fig.update_xaxes(tickfont={"size": 20}, title_font={"size": 24})
    fig.update_yaxes(tickfont={"size": 20}, title_font={"size": 24})
    for trace in fig.data:
        if trace.type in ("bar", "scatter", "scattergeo"):
            trace.textfont = {**(trace.textfont.to_plotly_json() if trace.textfont else {}), "size": 20}
        line_width = getattr(getattr(trace, "marker", None), "line", None)
        if line_width is not None and line_width.width is not None:
            widths = line_width.width
            trace.marker.line.width = [w * 2 for w in widths] if isinstance(widths, (list, tuple)) else widths * 2
        if trace.type == "scatter" and trace.mode and "lines" in trace.mode:
            trace.line.width = (trace.line.width or 2) * 2
    return fig
