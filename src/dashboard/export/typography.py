"""Type sizes of the exported images, and the restyle that makes a slide-size image readable in a room.

A slide (1600x900) is looked at from ten metres: title >= 40 px, axis and data labels >= 22 px. A
report page keeps the on-screen sizes. The restyle works on a copy of the figure spec (the builders'
specs are cached and shared; the page's figure never changes).
"""

from __future__ import annotations

import copy
import html
import re
from dataclasses import dataclass

from dashboard.export.textfit import text_width
from dashboard.figures.spec import FigureSpec, cartesian_axes, merge

TEXT_TRACES = ("bar", "scatter", "scattergeo")
TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Typography:
    """Sizes in CSS px; ``labels`` None keeps the figure's own tick, axis-title and data-label sizes."""

    title: int
    subtitle: int
    footer: int
    labels: int | None = None
    axis_title: int | None = None
    line: float = 1.3  # line height, in font sizes

    def height(self, size: int, lines: int) -> float:
        return size * self.line * lines


REPORT = Typography(title=24, subtitle=15, footer=12)
SLIDE = Typography(title=44, subtitle=26, footer=18, labels=22, axis_title=24)


def plain(label: object) -> str:
    """A plotly label as it reads: tags dropped, entities decoded ('<b>Malm&ouml;</b>' -> 'Malmö')."""
    return html.unescape(TAG.sub("", str(label)))


def _bars_fit(categories: int, groups: int, bargap: float, plot_height: float, size: int) -> bool:
    """Whether each bar of a horizontal bar chart is thick enough for a data label at ``size``."""
    return plot_height / max(categories, 1) * (1 - bargap) / groups >= size * 1.05


def _numeric_tick(values: list[float]) -> str:
    """About the widest tick label plotly writes for these values ('888k', '88.8', '-888')."""
    top = max((abs(v) for v in values), default=0)
    text = "888.8k" if top >= 1000 else "8" * len(f"{top:.0f}") + (".8" if top < 10 else "")
    return ("-" if any(v < 0 for v in values) else "") + text


def tick_room(spec: FigureSpec, size: float, title_size: float) -> float:
    """Width the y axis's tick labels and title take left of the plot (nothing for a map)."""
    layout = spec["layout"]
    if "geo" in layout or "yaxis" not in layout:
        return 0
    ys = [y for trace in spec["data"] if trace.get("yaxis", "y") == "y" for y in trace.get("y") or []]
    names = [y for y in ys if isinstance(y, str)]
    suffix = str(layout["yaxis"].get("ticksuffix", ""))
    if names:
        width = max(text_width(plain(n) + suffix, size, bold="<b>" in n) for n in names)
    else:
        width = text_width(_numeric_tick([float(y) for y in ys if isinstance(y, int | float)]), size)
    title = (layout["yaxis"].get("title") or {}).get("text")
    return width + 12 + (title_size * 1.3 + 16 if title else 0)


def _label_room(spec: FigureSpec, size: int) -> float:
    """Width the trend's end-of-line names need to the right of the plot."""
    names = [t for trace in spec["data"] if trace.get("type") == "scatter" for t in trace.get("text") or [] if t]
    return max((text_width(str(n), size) for n in names), default=0) + 24


def for_slide(figure: FigureSpec, plot_height: float, type_: Typography = SLIDE) -> FigureSpec:
    """A copy of ``figure`` with presentation type: labels of ticks, axes, legend and marks at ``type_.labels``."""
    spec = copy.deepcopy(figure)
    layout = spec["layout"]
    size = type_.labels or 22
    merge(layout, {"font": {"size": size}, "legend": {"font": {"size": size}}})
    for axis in cartesian_axes(layout):
        merge(axis, {"tickfont": {"size": size}, "title": {"font": {"size": type_.axis_title or size}}})
    bars = [t for t in spec["data"] if t.get("type") == "bar" and t.get("showlegend") is not True]
    groups = len(bars) if layout.get("barmode") == "group" else 1
    categories = len({str(y) for t in bars for y in t.get("y") or [] if y is not None})
    for trace in spec["data"]:
        if trace.get("type") not in TEXT_TRACES:
            continue
        merge(trace, {"textfont": {"size": size}})
        if trace in bars and trace.get("text") is not None:
            if _bars_fit(categories, groups, float(layout.get("bargap", 0.2)), plot_height, size):
                trace.update(textposition="outside", constraintext="none", cliponaxis=False)  # never shrunk
            else:  # too thin for readable labels: the axis and the data download carry the values
                trace["textposition"] = "none"
    if any(t.get("type") == "scatter" and "lines" in t.get("mode", "") for t in spec["data"]):
        layout["margin"] = {**layout.get("margin", {}), "r": _label_room(spec, size)}
    return spec
