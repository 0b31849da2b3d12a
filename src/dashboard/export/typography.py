"""Type sizes of the exported images, and the restyle that makes a slide-size image readable in a room.

A slide (1600x900) is looked at from ten metres: title >= 40 px, axis and data labels >= 22 px (a bar chart
too crowded for 22 px value labels gets the largest size that fits, down to 16 px, and none below). A
report page keeps the on-screen sizes. The restyle works on a copy of the figure spec (the builders'
specs are cached and shared; the page's figure never changes).
"""

from __future__ import annotations

import copy
import html
import itertools
import re
from dataclasses import dataclass

from dashboard.export.textfit import text_width
from dashboard.figures.spec import FigureSpec, cartesian_axes, merge
from dashboard.figures.styling import replace_map_labels

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
SLIDE_WIDTH = 1500.0  # px: about the plot's width in a slide image (1600 less its side margins)
IMAGE_WIDTH, SIDE_MARGIN = 1600.0, 40.0  # px: a slide image's width and its side margins (images.py)
SMALLEST_LABEL = 16  # px: value labels of a crowded bar chart, at the least
LABEL_PAD = 6.0  # px: plotly's gap between a bar and its outside label, and some air


BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def plain(label: object) -> str:
    """A plotly label as it reads, on one line: tags dropped, entities decoded ('<b>Malm&ouml;</b>' -> 'Malmö'),
    a line break a ' · ' ('Turku<br>composition assumed' -> 'Turku · composition assumed')."""
    return html.unescape(TAG.sub("", BREAK.sub(" · ", str(label))))


def _bars_fit(categories: int, groups: int, bargap: float, plot_height: float, size: int) -> bool:
    """Whether each bar of a horizontal bar chart is thick enough for a data label at ``size``."""
    return plot_height / max(categories, 1) * (1 - bargap) / groups >= size * 1.05


def _each(value: object, n: int) -> list:
    return list(value) if isinstance(value, list | tuple) else [value] * n


def bar_centres(trace: dict) -> list[float] | None:
    """Where a horizontal bar trace's bars are centred on a numeric y axis that the figure lays out itself
    (``y`` numbers, each bar's ``offset`` and ``width``), in axis units; None where plotly places them."""
    ys = trace.get("y") or []
    if not ys or not all(isinstance(y, int | float) and not isinstance(y, bool) for y in ys):
        return None
    widths = _each(trace.get("width"), len(ys))
    if any(w is None for w in widths):
        return None
    offsets = [-w / 2 if o is None else o for o, w in zip(_each(trace.get("offset"), len(ys)), widths, strict=True)]
    return [y + o + w / 2 for y, o, w in zip(ys, offsets, widths, strict=True)]


def label_pitch(bars: list[dict], layout: dict, plot_height: float) -> float | None:
    """The least distance in px between two bars' centres, where the figure places its bars itself (the
    shares chart's rows hold only the bars they have), else None."""
    centres = [bar_centres(t) for t in bars]
    span = (layout.get("yaxis") or {}).get("range")
    if not bars or any(c is None for c in centres) or not span:
        return None
    every = sorted(c for cs in centres for c in cs or [])
    gaps = [b - a for a, b in itertools.pairwise(every) if b > a]
    unit = plot_height / abs(span[1] - span[0])
    return min(gaps, default=abs(span[1] - span[0])) * unit


def _label_size(bars: list[dict], layout: dict, plot_height: float, size: int) -> int | None:
    """The size of the bars' value labels: ``size`` where every label has the room, else the largest that
    has (down to SMALLEST_LABEL), else None (no labels)."""
    pitch = label_pitch(bars, layout, plot_height)
    groups = len(bars) if layout.get("barmode") == "group" else 1
    categories = len({str(y) for t in bars for y in t.get("y") or [] if y is not None})
    for candidate in range(size, SMALLEST_LABEL - 1, -2):
        if (pitch >= candidate if pitch is not None else
                _bars_fit(categories, groups, float(layout.get("bargap", 0.2)), plot_height, candidate)):
            return candidate
    return None


def label_margin(spec: FigureSpec, size: float, left: float, image_width: float = IMAGE_WIDTH) -> float:
    """The right margin (px) that the horizontal bars' outside value labels need so that none runs off a
    slide image ``image_width`` wide whose plot starts ``left`` px in (0 when they all fit in the plot)."""
    layout = spec["layout"]
    end = ((layout.get("xaxis") or {}).get("range") or [0, None])[1]
    bars = [t for t in spec["data"] if t.get("type") == "bar" and t.get("orientation") == "h" and t.get("text")
            and t.get("textposition") not in ("none", "inside")]
    values = [v for t in bars for v in t.get("x") or [] if isinstance(v, int | float)]
    end = end or max(values, default=0)
    if not end:
        return 0.0
    across = image_width - left  # the plot and its right margin
    need = 0.0
    for trace in bars:
        for value, text in zip(trace["x"], _each(trace["text"], len(trace["x"])), strict=True):
            if not isinstance(value, int | float) or not text or value <= 0:
                continue
            room = across - text_width(plain(text), size) - 2 * LABEL_PAD  # the farthest the bar may end
            need = max(need, across - room * end / value)  # the plot no wider than lets it end there
    return min(need, across / 2)


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
    names = [y for y in ys if isinstance(y, str)] or [str(t) for t in layout["yaxis"].get("ticktext") or []]
    suffix = str(layout["yaxis"].get("ticksuffix", ""))
    if names:  # (a name on two lines, '<br>', is measured as one: room to spare, never too little)
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
    labelled = [t for t in bars if t.get("text") is not None]
    label_size = _label_size(bars, layout, plot_height, size) if labelled else None
    for trace in spec["data"]:
        if trace.get("type") not in TEXT_TRACES:
            continue
        merge(trace, {"textfont": {"size": size}})
        replace_map_labels(trace, layout, size, (SLIDE_WIDTH, plot_height))
        if any(trace is t for t in labelled):
            if label_size is not None:  # outside the bar, never shrunk to its thickness
                trace.update(textposition="outside", constraintext="none", cliponaxis=False)
                trace["textfont"]["size"] = label_size
            else:  # too thin for readable labels: the axis and the data download carry the values
                trace["textposition"] = "none"
    if label_size is not None and any(t.get("orientation") == "h" for t in labelled):
        left = SIDE_MARGIN + tick_room(spec, size, type_.axis_title or size)
        need = label_margin(spec, label_size, left)
        layout["margin"] = {**layout.get("margin", {}), "r": max(SIDE_MARGIN, round(need))}
    if any(t.get("type") == "scatter" and "lines" in t.get("mode", "") for t in spec["data"]):
        layout["margin"] = {**layout.get("margin", {}), "r": _label_room(spec, size)}
    return spec
