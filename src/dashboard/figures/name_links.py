"""Region names on the bar charts' axis as links (plotly draws ``<a href>`` in a label as an SVG link).

Only the names beside the plot can be links: a name drawn inside the plot (a scatter's or map's label, a
trend's end name) lies under plotly's drag layer, which takes every click there, and a hover box cannot be
clicked. The page's figures get the links (components/about_view.with_about_links); exports never do.
"""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.figures.focus import BOLD, row_regions
from dashboard.figures.spec import FigureSpec


def _linked(label: object, href: str | None) -> object:
    """``label``'s first line inside a link to ``href`` (an address already escaped for an attribute in double
    quotes); the focus's bold kept around the whole. plotly repeats a link on every line of a label, so a second
    line ('composition assumed') would be a link of its own, named by that line alone."""
    if not isinstance(label, str) or not href:
        return label
    bold = label.startswith(BOLD[0]) and label.endswith(BOLD[1])
    inner = label[len(BOLD[0]):-len(BOLD[1])] if bold else label
    first, br, rest = inner.partition("<br>")
    linked = f'<a href="{href}" target="_self">{first}</a>{br}{rest}'
    return f"{BOLD[0]}{linked}{BOLD[1]}" if bold else linked


def link_bar_names(figure: FigureSpec, hrefs: Mapping[str, str]) -> FigureSpec:
    """The figure with each horizontal bar row's name linked to ``hrefs[region]``: the row labels of a bar chart
    whose rows are its names (the ranking), or the axis's ``ticktext`` where rows are positions (the shares).
    A new figure: the one passed in is cached and shared. Rows of regions without an href keep their name."""
    rows = row_regions(figure)
    if not rows:
        return figure
    yaxis = figure["layout"].get("yaxis") or {}
    if "tickvals" in yaxis and "ticktext" in yaxis:
        texts = [_linked(t, hrefs.get(rows.get(v, ""))) for v, t in zip(yaxis["tickvals"], yaxis["ticktext"],
                                                                           strict=True)]
        layout = {**figure["layout"], "yaxis": {**yaxis, "ticktext": texts, "fixedrange": True}}
        return {**figure, "layout": layout}
    traces = [{**t, "y": [_linked(y, hrefs.get(rows.get(y, ""))) for y in t["y"]]}
              if t.get("type") == "bar" and t.get("orientation") == "h" and t.get("y") else t for t in figure["data"]]
    # an axis that cannot be dragged: plotly puts a drag handle over the names of one that can
    return {**figure, "data": traces, "layout": {**figure["layout"], "yaxis": {**yaxis, "fixedrange": True}}}
