"""The page's charts as native PowerPoint charts, built from the same figure specs (same numbers).

A native chart carries its data in an embedded workbook, so a speaker can restyle, recolour or relabel
it in PowerPoint. Each function reads the spec's traces: bars and their labels for the ranking and the
shares, one line series per trace for the trend (the builders already split a region's line wherever
its territory or method changes, so a line never joins two territories), one bubble per point for the
scatter. The focus region (``customdata[0]`` of its marks) gets a dark outline and bold labels.

Neither PowerPoint nor LibreOffice fits a chart's text for us, so each chart is laid out here: the plot
area is placed in the frame (``_plot_area``) with room measured for its tick labels and axis titles, the
category labels get a size at which all of them fit (LibreOffice drops every other one that would touch
its neighbour), the value axes end where the data and its labels end, and names beside points are moved
(``place_labels``) until they cover no other name, line or bubble. Numbers read as on the page: thin
spaces between thousands ('1 782 300') and the language's decimal sign (``number_format``).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree
from pptx.chart.chart import Chart
from pptx.chart.data import BubbleChartData, CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from dashboard.export.cells import inert
from dashboard.export.slide_text import DARK, FONT
from dashboard.export.textfit import text_width
from dashboard.export.typography import plain
from dashboard.figures.spec import FigureSpec
from dashboard.formatting import THOUSANDS, format_number
from dashboard.i18n import cldr_locale, current_language, pgettext

LABEL_PT, TICK_PT, TITLE_PT = 16, 16, 16
SMALLEST_PT = 9  # category and value labels of a crowded chart, at the least
FOCUS_LINE_PT = 2.5
OPEN_RING_PT = 2  # the outline of a bubble without a size figure (the page's open ring)
GRID = RGBColor(0xE5, 0xE7, 0xEB)
SERIES_COLOURS = ("#4477AA", "#66CCEE", "#228833", "#CCBB44", "#EE6677", "#AA3377")  # Paul Tol's 'bright'
PX_TO_PT = 0.75
LINE = 1.25  # a line of chart text, in font sizes
PAD = 6.0  # pt between a tick label or data label and what it belongs to
DASHES = {"dot": MSO_LINE_DASH_STYLE.ROUND_DOT, "dash": MSO_LINE_DASH_STYLE.DASH}
SYMBOLS = {"circle": XL_MARKER_STYLE.CIRCLE, "diamond": XL_MARKER_STYLE.DIAMOND, "square": XL_MARKER_STYLE.SQUARE}
# Windows locale ids (LCID, hex) of the languages' own countries: a number format's [$-LCID] prefix.
LCIDS = {"en": "409", "da": "406", "de": "407", "et": "425", "fi": "40B", "lv": "426", "lt": "427", "nb": "414",
         "pl": "415", "ru": "419", "sv": "41D"}


def number_format(code: str | None = None) -> str:
    """The number format of the charts' axes and embedded data: thousands grouped with a quoted narrow no-break
    space (a literal, so every viewer shows '1 782 300' as formatting.format_number writes it), and below 1 000
    the number as it is (0.25, 12), with the decimal sign of the language's locale, named by the leading
    [$-LCID]. A format code's '.' is the viewer's decimal sign: LibreOffice takes it from the [$-LCID] and so
    writes '2,5' in a Finnish deck on any computer; PowerPoint and Excel take it from the computer's own
    settings. A quoted literal ',' is no way out: '0","0' writes the digits of the rounded number (2.5 as
    '0,3'), and the axis display unit that would scale it first (c:custUnit) is ignored by LibreOffice."""
    lcid = LCIDS.get(cldr_locale(code or current_language()).language, LCIDS["en"])
    return f'[$-{lcid}][>=1000000]#"{THOUSANDS}"###"{THOUSANDS}"##0;[>=1000]#"{THOUSANDS}"##0;General'


NUMBER_FORMAT = number_format("en")  # the English one (tests and checks compare with it)
BUBBLE_SCALE = 60  # % of PowerPoint's default bubble: the biggest is a quarter of the plot's shorter side
TREND_SIDES = ("right", "above", "below", "left")
BUBBLE_SIDES = ("above", "below", "right", "left")
NUDGES = (0.0, -0.6, 0.6, -1.2, 1.2, -1.8, 1.8, -2.4, 2.4, -3.0, 3.0)  # a name's shifts up or down, in lines

Box = tuple[int, int, int, int]  # left, top, width, height in EMU
Rect = tuple[float, float, float, float]  # left, top, right, bottom in pt


def rgb(colour: object, fallback: str = "#6B7280") -> RGBColor:
    """'#rrggbb' as a PowerPoint colour (anything else: the fallback grey)."""
    text = str(colour) if isinstance(colour, str) and len(str(colour)) == 7 and str(colour)[0] == "#" else fallback
    try:
        return RGBColor.from_string(text[1:].upper())
    except ValueError:
        return RGBColor.from_string(fallback[1:])


def region_ids(trace: dict) -> list[str]:
    """The region id of each mark (the builders put it first in ``customdata``)."""
    return [row[0] if isinstance(row, list | tuple) and row else "" for row in trace.get("customdata") or []]


def _each(value: object, n: int) -> list:
    """A per-point property as a list of ``n`` (plotly allows one value for all)."""
    return list(value) if isinstance(value, list | tuple) else [value] * n


def axis_title(spec: FigureSpec, axis: str) -> str:
    title = ((spec["layout"].get(axis) or {}).get("title") or {}).get("text") or ""
    return plain(title.replace("<br>", " "))  # a long title is wrapped for the page (figures.spec.wrapped)


def _pt(box: Box) -> tuple[float, float]:
    return Emu(box[2]).pt, Emu(box[3]).pt


def _fit_size(count: int, room: float, largest: float = TICK_PT) -> float:
    """The largest text size (whole pt, from ``largest`` down to SMALLEST_PT) at which ``count`` lines of
    text fit one above the other in ``room`` pt."""
    return float(max(SMALLEST_PT, min(largest, math.floor(room / max(count, 1) / LINE))))


# ---- number scales -------------------------------------------------------------------------------------


def nice_step(span: float, ticks: int = 5) -> float:
    """A round distance between grid lines (1, 2, 2.5, 5 times a power of ten) giving about ``ticks``."""
    raw = max(span, 1e-9) / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= raw * 0.999)


@dataclass(frozen=True)
class Scale:
    minimum: float
    maximum: float
    unit: float
    log: bool = False  # base 10: minimum and maximum are powers of ten, a grid line at each (``unit`` is 10)

    def fraction(self, value: float) -> float:
        """Where ``value`` lies on the axis as it is drawn: 0 at its minimum, 1 at its maximum."""
        if self.log:
            low = math.log10(self.minimum)
            return (math.log10(value) - low) / (math.log10(self.maximum) - low)
        return (value - self.minimum) / (self.maximum - self.minimum)

    def ticks(self) -> list[float]:
        """The numbers the axis writes."""
        if self.log:
            low, high = round(math.log10(self.minimum)), round(math.log10(self.maximum))
            return [10.0 ** k for k in range(low, high + 1)]
        steps = round((self.maximum - self.minimum) / self.unit) + 1
        return [self.minimum + i * self.unit for i in range(steps)]


def fitted_scale(low: float, high: float, zero: bool = False) -> Scale:
    """An axis running from ``low`` to ``high`` and little further: grid lines at round steps from its
    start (a grid line), its end at the next quarter step (a bar chart, ``zero``, starts at 0)."""
    if zero:
        low = min(0.0, low)
    if high <= low:
        high = low + (abs(low) or 1.0)
    unit = nice_step(high - low)
    minimum = 0.0 if zero and low >= 0 else math.floor(low / unit + 1e-9) * unit
    maximum = math.ceil(high / (unit / 4) - 1e-9) * unit / 4
    return Scale(minimum, maximum, unit)


def log_scale(low: float, high: float, pad: float = 0.0) -> Scale:
    """A logarithmic axis (values > 0) from the power of ten at or below ``low`` to the one at or above ``high``,
    after ``pad`` (a fraction of their span in decades) either side."""
    first, last = math.log10(low), math.log10(max(high, low))
    extra = (last - first) * pad or pad
    first, last = math.floor(first - extra + 1e-9), math.ceil(last + extra - 1e-9)
    return Scale(10.0 ** first, 10.0 ** max(last, first + 1), 10.0, log=True)


def _set_scale(axis, scale: Scale) -> None:
    axis.minimum_scale, axis.maximum_scale = scale.minimum, scale.maximum
    if scale.log:
        # python-pptx has no property for a logarithmic axis: it is c:scaling's first child, c:logBase (ECMA-376
        # CT_Scaling: logBase, orientation, max, min), reached through the axis's public ``_element`` as the other
        # chart XML here; with no c:majorUnit each power of ten gets a grid line in PowerPoint and LibreOffice
        _child(axis._element.scaling, "c:logBase", ("c:orientation", "c:max", "c:min", "c:extLst")).set("val", "10")
    else:
        axis.major_unit = scale.unit


# ---- chart XML the python-pptx API does not reach ------------------------------------------------------


def _child(parent, tag: str, before: Sequence[str] = ()):
    """``parent``'s child ``tag``, made where missing (in front of the first of ``before`` it has)."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    element = etree.Element(qn(tag))
    anchor = next((parent.find(qn(b)) for b in before if parent.find(qn(b)) is not None), None)
    if anchor is not None:
        anchor.addprevious(element)
    else:
        parent.append(element)
    return element


def _manual_layout(layout, values: dict[str, str]) -> None:
    for child in list(layout):
        layout.remove(child)
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    for tag, value in values.items():
        etree.SubElement(manual, qn(f"c:{tag}")).set("val", value)


def _plot_area(chart: Chart, box: Box, left: float, top: float, right: float, bottom: float) -> Rect:
    """The plot area (inside the axes) ``left``, ``top``, ``right``, ``bottom`` pt from the chart's edges, in
    PowerPoint and LibreOffice alike; returns it as pt from the chart's top left corner."""
    width, height = _pt(box)
    plot_area = chart._chartSpace.chart.plotArea
    layout = plot_area.find(qn("c:layout"))
    if layout is None:
        layout = etree.Element(qn("c:layout"))
        plot_area.insert(0, layout)
    _manual_layout(layout, {"layoutTarget": "inner", "xMode": "edge", "yMode": "edge", "x": f"{left / width:.4f}",
                            "y": f"{top / height:.4f}", "w": f"{(width - left - right) / width:.4f}",
                            "h": f"{(height - top - bottom) / height:.4f}"})
    return left, top, width - right, height - bottom


def _label_offset(label, dx: float, dy: float, box: Box) -> None:
    """Move a data label ``dx``, ``dy`` pt from where its position puts it (a fraction of the chart's size)."""
    if not dx and not dy:
        return
    width, height = _pt(box)
    element = label._get_or_add_dLbl()
    layout = _child(element, "c:layout", before=("c:tx", "c:numFmt", "c:spPr", "c:txPr", "c:dLblPos",
                                                  "c:showLegendKey"))
    _manual_layout(layout, {"x": f"{dx / width:.4f}", "y": f"{dy / height:.4f}"})


def _all_labels(chart: Chart) -> None:
    """Every category name, one per category: PowerPoint and LibreOffice otherwise skip some when crowded."""
    # python-pptx has no public property for c:tickLblSkip; its element is the library's own escape hatch for
    # chart XML it does not model (the same one this module uses for scatter values), so it is used here
    axis = chart.category_axis._element
    for tag in ("c:tickLblSkip", "c:tickMarkSkip"):
        _child(axis, tag, before=("c:noMultiLvlLbl", "c:extLst")).set("val", "1")


def _set_blanks(chart: Chart, how: str) -> None:
    """How empty cells show: 'span' joins a series' own points across years without a figure."""
    element = chart._chartSpace.chart
    blanks = element.find(qn("c:dispBlanksAs"))
    if blanks is None:
        blanks = etree.SubElement(element, qn("c:dispBlanksAs"))
        plot_vis = element.find(qn("c:plotVisOnly"))
        if plot_vis is not None:
            plot_vis.addnext(blanks)
    blanks.set("val", how)


# ---- styling ---------------------------------------------------------------------------------------------


def _style_chart(chart: Chart) -> None:
    """Projector-size type in the exports' font; no chart title (the slide has it)."""
    chart.has_title = False
    chart.font.size, chart.font.name = Pt(TICK_PT), FONT
    chart.font.color.rgb = DARK


def _axis(axis, title: str, numbers: bool, size: float = TICK_PT) -> None:
    """Tick labels at ``size``, the figure's axis title, and for a value axis grid lines and the page's numbers."""
    if title:
        axis.has_title = True
        axis.axis_title.text_frame.text = title
        run = axis.axis_title.text_frame.paragraphs[0].runs[0]
        run.font.size, run.font.bold, run.font.name = Pt(TITLE_PT), False, FONT
    else:
        axis.has_title = False
    axis.tick_labels.font.size = Pt(size)
    if numbers:
        axis.has_major_gridlines = True
        axis.major_gridlines.format.line.color.rgb = GRID
        axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = number_format(), False


def _label(point, text: str, bold: bool, colour: RGBColor = DARK,
           position: XL_LABEL_POSITION | None = None, size: float = LABEL_PT) -> None:
    """A data label with the figure's own text (as on the page: '≈ 1 700 000', a region's name)."""
    label = point.data_label
    label.text_frame.text = text
    run = label.text_frame.paragraphs[0].runs[0]
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
    run.font.color.rgb = colour
    if position is not None:
        label.position = position


def _one_line(label) -> None:
    """A data label kept on one line: LibreOffice wraps a long name into a narrow column otherwise."""
    body = label._get_or_add_rich().find(qn("a:bodyPr"))
    if body is not None:
        body.set("wrap", "none")


def _outline(fmt, focus: bool) -> None:
    if focus:
        fmt.line.color.rgb = DARK
        fmt.line.width = Pt(FOCUS_LINE_PT)
    else:
        fmt.line.fill.background()


def _bars(trace: dict) -> bool:
    return trace.get("type") == "bar" and trace.get("showlegend") is not True and trace.get("xaxis", "x") == "x"


def _tick_height(size: float) -> float:
    return size * LINE + PAD


def _title_room(title: str) -> float:
    return TITLE_PT * LINE + PAD if title else 0.0


def _value_tick_width(scale: Scale, size: float) -> float:
    """The widest number on a value axis, as the chart writes it ('5 000 000')."""
    values = scale.ticks()
    if scale.log:
        decimals = max(0, -round(math.log10(scale.minimum)))
    else:
        decimals = 0 if float(scale.unit).is_integer() else len(f"{scale.unit:g}".split(".")[-1])
    return max(text_width(format_number(v, decimals if abs(v) < 1000 else 0), size) for v in values)


# ---- the ranking -------------------------------------------------------------------------------------------


def _bar_scale(values: list[float], texts: list[str], bold: list[bool], plot_width: float, size: float) -> Scale:
    """A value axis from 0 that leaves each bar's outside label room before the plot's right edge."""
    high = max((v for v in values if v is not None), default=0.0)
    for value, text, strong in zip(values, texts, bold, strict=True):
        if value is None or value <= 0 or not text:
            continue
        room = plot_width - text_width(text, size, strong) - PAD
        high = max(high, value * plot_width / max(room, plot_width * 0.3))
    return fitted_scale(0.0, high, zero=True)


def ranking_chart(slide, box: Box, spec: FigureSpec, focus: str) -> Chart:
    """Horizontal bars in the figure's order and colours, every bar labelled with the figure's value text and
    every region named, at sizes that fit."""
    trace = next(t for t in spec["data"] if _bars(t))
    names, values = [plain(y) for y in trace["y"]], list(trace["x"])
    ids = region_ids(trace)
    data = CategoryChartData(number_format=number_format())
    data.categories = [inert(n) for n in names]
    data.add_series(inert(axis_title(spec, "xaxis") or pgettext("chart series", "Value")), values)
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *box, data).chart
    _style_chart(chart)
    chart.has_legend = False
    plot = chart.plots[0]
    plot.gap_width, plot.vary_by_categories = 35, False
    width, height = _pt(box)
    title = axis_title(spec, "xaxis")
    bottom = _tick_height(TICK_PT) + _title_room(title)
    size = _fit_size(len(values), height - PAD - bottom)  # names and value labels: one line per bar
    left = max((text_width(n, size, r == focus) for n, r in zip(names, ids, strict=True)), default=0) + 2 * PAD
    texts = [plain(t) for t in _each(trace.get("text") or "", len(values))]
    bold = [r == focus for r in ids]
    scale = _bar_scale(values, texts, bold, width - left - PAD, size)
    right = max(PAD, _value_tick_width(scale, TICK_PT) / 2)  # the last number is centred on the plot's edge
    _plot_area(chart, box, left, PAD, right, bottom)
    scale = _bar_scale(values, texts, bold, width - left - right, size)
    colours = _each((trace.get("marker") or {}).get("color"), len(values))
    for i, region in enumerate(ids):
        point = plot.series[0].points[i]
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = rgb(colours[i])
        _outline(point.format, region == focus)
        if texts[i]:
            _label(point, texts[i], region == focus, position=XL_LABEL_POSITION.OUTSIDE_END, size=size)
    _axis(chart.value_axis, title, True)
    _axis(chart.category_axis, "", False, size)
    _all_labels(chart)
    _set_scale(chart.value_axis, scale)
    return chart


# ---- the shares ----------------------------------------------------------------------------------------------


def share_rows(spec: FigureSpec) -> list[tuple[float, str]]:
    """The shares chart's rows, bottom up: (position on its y axis, name) from its tick labels, or its
    categories where the figure leaves the rows to plotly."""
    yaxis = spec["layout"].get("yaxis") or {}
    if yaxis.get("tickvals") is not None and yaxis.get("ticktext") is not None:
        return list(zip(yaxis["tickvals"], yaxis["ticktext"], strict=True))
    seen = dict.fromkeys(y for t in spec["data"] if _bars(t) for y in t["y"])  # plotly's order: first seen first
    return [(y, str(y)) for y in seen]


def shares_chart(slide, box: Box, spec: FigureSpec, focus: str) -> Chart:
    """Clustered bars, a series per share (population, jobs, GVA, GDP) and a category per region.

    Shares of different totals do not add up, so they are side by side, never stacked. Colours go by
    series, the unit PowerPoint restyles; the focus's bars are outlined and its labels bold. A bar's
    label is the page's ('Jobs: 18 % · 2021 · core city') where the bars are thick enough for it.
    """
    traces = [t for t in spec["data"] if _bars(t)]
    rows = share_rows(spec)
    row_of = {position: i for i, (position, _) in enumerate(rows)}
    data = CategoryChartData(number_format=number_format())
    data.categories = [inert(plain(name)) for _, name in rows]
    for trace in traces:
        by_row = {row_of[y]: x for y, x in zip(trace["y"], trace["x"], strict=True)}
        data.add_series(inert(plain(trace.get("name") or "")), [by_row.get(i) for i in range(len(rows))])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *box, data).chart
    _style_chart(chart)
    chart.has_legend = True
    chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.TOP, False
    chart.legend.font.size = Pt(TICK_PT)
    plot = chart.plots[0]
    plot.gap_width, plot.overlap = 40, 0
    width, height = _pt(box)
    title = axis_title(spec, "xaxis")
    # the legend above takes as many lines as its names need (Russian or Finnish names wrap where English fits)
    # (LibreOffice sets the entries in equal columns, as wide as the widest)
    legend = len(traces) * max((text_width(plain(t.get("name") or ""), TICK_PT) + 3 * TICK_PT for t in traces),
                               default=0.0)
    legend_lines = max(1, math.ceil(legend / max(width - 4 * PAD, 1.0)))
    top, bottom = legend_lines * TICK_PT * LINE + 2 * PAD, _tick_height(TICK_PT) + _title_room(title)
    room = height - top - bottom
    size = _fit_size(len(rows), room)
    names = [plain(name) for _, name in rows]
    left = max((text_width(n, size, True) for n in names), default=0) + 2 * PAD
    slot = room / max(len(rows), 1) * (1 - 0.4 / 1.4) / max(len(traces), 1)  # a bar's thickness
    label_size = min(LABEL_PT, math.floor(slot / 1.1))
    fits = label_size >= SMALLEST_PT + 2
    values = [x for t in traces for x in t["x"]]
    texts = [plain(t) for trace in traces for t in _each(trace.get("text") or "", len(trace["x"]))] if fits else []
    plot_width = width - left - PAD
    scale = (_bar_scale(values, texts, [False] * len(texts), plot_width, label_size) if fits
             else fitted_scale(0.0, max(values, default=1.0), zero=True))
    right = max(PAD, _value_tick_width(scale, TICK_PT) / 2)
    _plot_area(chart, box, left, top, right, bottom)
    for number, (trace, series) in enumerate(zip(traces, plot.series, strict=True)):
        colour = rgb(SERIES_COLOURS[number % len(SERIES_COLOURS)])
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = colour
        series.invert_if_negative = False
        labels = _each(trace.get("text") or "", len(trace["y"]))
        for y, region, text in zip(trace["y"], region_ids(trace), labels, strict=True):
            point = series.points[row_of[y]]
            if region == focus:  # a point's own format replaces the series' fill: give it again
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = colour
                _outline(point.format, True)
            if fits and text:
                _label(point, plain(text), region == focus, position=XL_LABEL_POSITION.OUTSIDE_END, size=label_size)
    _axis(chart.value_axis, title, True)
    _axis(chart.category_axis, "", False, size)
    _all_labels(chart)
    _set_scale(chart.value_axis, scale)
    return chart


# ---- names beside points ----------------------------------------------------------------------------------


def _overlap(a: Rect, b: Rect) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def label_rect(x: float, y: float, radius: float, width: float, height: float, side: str,
               nudge: float = 0.0) -> Rect:
    """Where PowerPoint draws a label of ``width`` x ``height`` pt on ``side`` of a point at (x, y) (pt, y
    down) whose marker is ``radius`` pt, moved ``nudge`` pt down."""
    if side == "right":
        left, top = x + radius + PAD / 2, y - height / 2
    elif side == "left":
        left, top = x - radius - PAD / 2 - width, y - height / 2
    elif side == "above":
        left, top = x - width / 2, y - radius - PAD / 2 - height
    else:
        left, top = x - width / 2, y + radius + PAD / 2
    return left, top + nudge, left + width, top + nudge + height


@dataclass(frozen=True)
class Name:
    """A name to place beside a point: where the point is (pt, y down), its marker's radius, the label's size."""

    x: float
    y: float
    radius: float
    width: float
    height: float


def place_labels(names: Sequence[Name | None], bounds: Rect, obstacles: Sequence[tuple[float, float]] = (),
                 discs: Sequence[tuple[float, float, float]] = (), sides: Sequence[str] = TREND_SIDES,
                 nudges: Sequence[float] = NUDGES, placed: Sequence[Rect] = ()) -> list[tuple[str, float]]:
    """(side, nudge in pt) for each name (None: nothing to place), so that names cover no name placed
    before (nor ``placed``), no point of ``obstacles`` (a line's samples, markers), no disc (x, y, radius: a
    bubble, not the name's own) and stay inside ``bounds``: taken in the given order, each the first side
    and nudge that covers nothing, else the one that covers least."""
    placed = list(placed)
    chosen: list[tuple[str, float]] = [(sides[0], 0.0)] * len(names)
    for i, name in enumerate(names):
        if name is None:
            continue
        best, best_cost = (sides[0], 0.0), math.inf
        for nudge_lines in nudges:
            for rank, side in enumerate(sides):
                nudge = nudge_lines * name.height
                rect = label_rect(name.x, name.y, name.radius, name.width, name.height, side, nudge)
                cost = 1000.0 * sum(_overlap(rect, other) for other in placed)
                cost += 40.0 * sum(1 for ox, oy in obstacles if rect[0] <= ox <= rect[2] and rect[1] <= oy <= rect[3])
                cost += 5.0 * sum(_overlap(rect, (cx - r, cy - r, cx + r, cy + r))
                                  for j, (cx, cy, r) in enumerate(discs) if j != i)
                outside = (rect[2] - rect[0]) * (rect[3] - rect[1]) - _overlap(rect, bounds)
                cost += 1e4 * outside
                cost += 0.01 * rank + 0.02 * abs(nudge_lines)  # the first side, unmoved, when all else is equal
                if cost < best_cost:
                    best, best_cost = (side, nudge), cost
            if best_cost < 1:  # nothing covered: no need to move further
                break
        chosen[i] = best
        side, nudge = best
        placed.append(label_rect(name.x, name.y, name.radius, name.width, name.height, side, nudge))
    return chosen


def spread_out(wanted: Sequence[float], height: float, low: float, high: float) -> list[float]:
    """Centres for labels ``height`` tall that want to sit at ``wanted`` (one column, y down), at least
    ``height`` apart and between ``low`` and ``high``, each as near its own as the others let it: labels
    that would touch are moved as a block centred where they want to be."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    blocks: list[list[int]] = []  # runs of labels stacked edge to edge, top down

    def top(block: list[int]) -> float:
        centre = sum(wanted[i] for i in block) / len(block)
        first = centre - (len(block) - 1) * height / 2
        return min(max(first, low), high - (len(block) - 1) * height)

    for i in order:
        blocks.append([i])
        while len(blocks) > 1 and top(blocks[-2]) + len(blocks[-2]) * height > top(blocks[-1]):
            last = blocks.pop()
            blocks[-1] += last
    out = [0.0] * len(wanted)
    for block in blocks:
        for k, i in enumerate(block):
            out[i] = top(block) + k * height
    return out


SIDE_POSITION = {"right": XL_LABEL_POSITION.RIGHT, "left": XL_LABEL_POSITION.LEFT,
                 "above": XL_LABEL_POSITION.ABOVE, "below": XL_LABEL_POSITION.BELOW}


def _samples(points: list[tuple[float, float]], step: float = 3.0) -> list[tuple[float, float]]:
    """Points every ``step`` pt along a polyline, its vertices included."""
    out = list(points[:1])
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        count = max(1, int(max(abs(x1 - x0), abs(y1 - y0)) // step))
        out += [(x0 + (x1 - x0) * k / count, y0 + (y1 - y0) * k / count) for k in range(1, count + 1)]
    return out


# ---- the trend ----------------------------------------------------------------------------------------------


def year_scale(first: int, last: int, plot_width: float, size: float = TICK_PT) -> Scale:
    """The years' axis: from the first year to the last, a label every 1, 2, 5, 10... years, as many as fit
    side by side."""
    fit = max(1, int(plot_width // (text_width("2000", size) * 1.6)))
    unit = max(1.0, nice_step(max(last - first, 1), fit))
    return Scale(float(first), float(max(last, first + 1)), float(math.ceil(unit)))


def trend_chart(slide, box: Box, spec: FigureSpec, focus: str) -> Chart:
    """Lines on a scale of years, one series per trace of the figure (a region's segment), each named at its
    end as on the page: the names of lines that reach the last year in a column beside the plot, moved
    apart where they would touch; the others beside their last point, clear of other names and lines."""
    traces = [t for t in spec["data"] if t.get("type") == "scatter" and t.get("x")]
    kept = [[(float(x), float(y)) for x, y in zip(t["x"], t["y"], strict=True) if y is not None] for t in traces]
    years = [int(x) for points in kept for x, _ in points]
    span = list(range(min(years), max(years) + 1)) if years else []
    data = XyChartData(number_format=number_format())
    for trace, points in zip(traces, kept, strict=True):
        series = data.add_series(inert(plain(trace.get("name") or "")))
        by_year = {int(x): y for x, y in points}
        for year in span:  # every series over the same years (LibreOffice drew only the last series of an XY
            series.add_data_point(year, by_year.get(year))  # chart whose series had years of their own)
    chart = slide.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER_LINES, *box, data).chart
    _style_chart(chart)
    chart.has_legend = False  # each line is named at its end, as on the page
    _set_blanks(chart, "span")  # a segment's own points joined across a year without a figure, as on the page
    values = [y for points in kept for _, y in points]
    if (spec["layout"].get("yaxis") or {}).get("type") == "log":  # the builder left out every value ≤ 0
        values = [v for v in values if v > 0]
        scale = log_scale(min(values, default=1.0), max(values, default=10.0))
    else:
        scale = fitted_scale(min(values, default=0.0), max(values, default=1.0))
    _, height = _pt(box)
    x_title, y_title = axis_title(spec, "xaxis"), axis_title(spec, "yaxis")
    texts = [[plain(t) for t in _each(trace.get("text") or "", len(trace["x"]))] for trace in traces]
    focus_of = [region_ids(trace)[:1] == [focus] for trace in traces]
    ends = [next((t for t in reversed(row) if t), "") for row in texts]
    named = [i for i, n in enumerate(ends) if n and kept[i]]
    # the lines that reach the last year: their names in a column beside the plot, only moved up or down (at a
    # size at which the column fits the chart's height)
    in_column = [i for i in named if kept[i][-1][0] >= max(span)]
    bottom = _tick_height(TICK_PT) + _title_room(x_title)
    name_pt = _fit_size(len(in_column), height - bottom, LABEL_PT)  # the column: as high as the plot, and a line
    name_room = max((text_width(ends[i], name_pt, focus_of[i]) for i in named), default=0)
    left = _value_tick_width(scale, TICK_PT) + PAD + _title_room(y_title)
    plot = _plot_area(chart, box, left, LABEL_PT, name_room + 2 * PAD, bottom)
    x_scale = year_scale(int(min(years, default=2000)), int(max(years, default=2001)), plot[2] - plot[0])

    def where(year: float, value: float) -> tuple[float, float]:
        return (plot[0] + x_scale.fraction(year) * (plot[2] - plot[0]),
                plot[1] + (1 - scale.fraction(value)) * (plot[3] - plot[1]))

    lines = [[where(x, y) for x, y in points] for points in kept]
    radius = {i: float((traces[i].get("marker") or {}).get("size") or 7) * PX_TO_PT / 2 for i in named}
    widths = {i: text_width(ends[i], name_pt, focus_of[i]) for i in named}
    line_height = name_pt * LINE
    spread = spread_out([lines[i][-1][1] for i in in_column], line_height, plot[1] - LABEL_PT / 2 + line_height / 2,
                        plot[3])  # not beside the last year's label under the plot
    offsets = {i: ("right", y - lines[i][-1][1]) for i, y in zip(in_column, spread, strict=True)}
    column = [label_rect(*lines[i][-1], radius[i], widths[i], line_height, "right", offsets[i][1]) for i in in_column]
    rest = sorted((i for i in named if i not in offsets), key=lambda i: (-lines[i][-1][0], lines[i][-1][1]))
    obstacles = [p for line in lines for p in _samples(line)]
    names = [Name(*lines[i][-1], radius[i], widths[i], line_height) for i in rest]
    bounds = (plot[0], plot[1] - LABEL_PT, _pt(box)[0] - PAD / 2, plot[3])
    offsets |= dict(zip(rest, place_labels(names, bounds, obstacles, placed=column), strict=True))
    for i, (trace, series) in enumerate(zip(traces, chart.plots[0].series, strict=True)):
        line, marker = trace.get("line") or {}, trace.get("marker") or {}
        colour = rgb(line.get("color") or marker.get("color"))
        series.smooth = False
        series.format.line.color.rgb = colour
        series.format.line.width = Pt(float(line.get("width") or 2) * PX_TO_PT)
        if line.get("dash") in DASHES:
            series.format.line.dash_style = DASHES[line["dash"]]
        series.marker.style = SYMBOLS.get(marker.get("symbol"), XL_MARKER_STYLE.CIRCLE)
        series.marker.size = max(2, min(72, round(float(marker.get("size") or 7) * PX_TO_PT)))
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = colour
        series.marker.format.line.color.rgb = DARK if focus_of[i] else RGBColor(0xFF, 0xFF, 0xFF)
        if i in offsets:
            side, dy = offsets[i]
            point = series.points[span.index(int(kept[i][-1][0]))]
            _label(point, ends[i], focus_of[i], colour, SIDE_POSITION[side], name_pt)
            _one_line(point.data_label)
            _label_offset(point.data_label, 0.0, dy, box)
    _axis(chart.category_axis, x_title, False)  # an XY chart's 'category' axis is x, a value axis: years
    chart.category_axis.tick_labels.number_format, chart.category_axis.tick_labels.number_format_is_linked = "0", False
    chart.category_axis.has_major_gridlines = False
    _set_scale(chart.category_axis, x_scale)
    _axis(chart.value_axis, y_title, True)
    _set_scale(chart.value_axis, scale)
    return chart


# ---- the scatter ---------------------------------------------------------------------------------------------


def _scatter_scale(values: list[float], pad: float, log: bool = False) -> Scale:
    """An axis around the values with ``pad`` (a fraction of their span) either side for the bubbles, from 0
    where the values are all positive and 0 is near (a log axis: from a power of ten, its values all > 0)."""
    if log:
        positive = [v for v in values if v > 0]
        return log_scale(min(positive, default=1.0), max(positive, default=10.0), pad)
    low, high = min(values, default=0.0), max(values, default=1.0)
    extra = (high - low) * pad or abs(high) * pad or 1.0
    low, high = low - extra, high + extra
    if min(values, default=0.0) >= 0 and low < 0:
        low = 0.0
    return fitted_scale(low, high)


def scatter_chart(slide, box: Box, spec: FigureSpec, focus: str) -> Chart:
    """A bubble per region (a series each, so each can be recoloured), area in proportion as on the page; a
    region without a size figure is an open ring, as on the page, not a small bubble read as a small value."""
    trace = next(t for t in spec["data"] if t.get("type") == "scatter")
    xs, ys = list(trace["x"]), list(trace["y"])
    marker = trace.get("marker") or {}
    diameters = [float(d or 0) for d in _each(marker.get("size") or 12, len(xs))]
    symbols = [str(s or "") for s in _each(marker.get("symbol") or "circle", len(xs))]
    biggest = max(diameters, default=1) or 1
    texts = [plain(t) for t in _each(trace.get("text") or "", len(xs))]
    ids = region_ids(trace)
    data = BubbleChartData(number_format=number_format())
    sizes = [round(100 * (d / biggest) ** 2, 2) for d in diameters]  # area, biggest = 100
    for i, region in enumerate(ids):
        series = data.add_series(inert(texts[i] or region))
        series.add_data_point(xs[i], ys[i], sizes[i])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BUBBLE, *box, data).chart
    _style_chart(chart)
    chart.has_legend = False
    plot = chart.plots[0]
    plot.bubble_scale = BUBBLE_SCALE
    logs = [(spec["layout"].get(name) or {}).get("type") == "log" for name in ("xaxis", "yaxis")]
    x_scale, y_scale = _scatter_scale(xs, 0.08, logs[0]), _scatter_scale(ys, 0.12, logs[1])
    x_title, y_title = axis_title(spec, "xaxis"), axis_title(spec, "yaxis")
    left = _value_tick_width(y_scale, TICK_PT) + PAD + _title_room(y_title)
    right = max(PAD, _value_tick_width(x_scale, TICK_PT) / 2)
    area = _plot_area(chart, box, left, PAD, right, _tick_height(TICK_PT) + _title_room(x_title))
    colours = _each(marker.get("color"), len(xs))
    # the biggest bubble: PowerPoint draws it a quarter of the plot's shorter side across at 100 %, LibreOffice
    # about twice that; names keep clear of the larger
    radius_max = min(area[2] - area[0], area[3] - area[1]) / 2 * BUBBLE_SCALE / 100 / 2

    def where(x: float, y: float) -> tuple[float, float]:
        return (area[0] + x_scale.fraction(x) * (area[2] - area[0]),
                area[1] + (1 - y_scale.fraction(y)) * (area[3] - area[1]))

    centres = [where(x, y) for x, y in zip(xs, ys, strict=True)]
    radii = [radius_max * math.sqrt(s / 100) for s in sizes]
    discs = [(cx, cy, r) for (cx, cy), r in zip(centres, radii, strict=True)]
    order = sorted(range(len(xs)), key=lambda k: -radii[k])  # the biggest bubble's name first
    names = [Name(*centres[i], radii[i], text_width(texts[i], LABEL_PT, ids[i] == focus), LABEL_PT * LINE)
             if texts[i] else None for i in order]
    reordered_discs = [discs[i] for i in order]
    placed = dict(zip(order, place_labels(names, area, discs=reordered_discs, sides=BUBBLE_SIDES), strict=True))
    for i, (region, series) in enumerate(zip(ids, plot.series, strict=True)):
        if symbols[i].endswith("-open"):  # no size figure: a ring in the region's colour
            series.format.fill.background()
            series.format.line.color.rgb = DARK if region == focus else rgb(colours[i])
            series.format.line.width = Pt(FOCUS_LINE_PT if region == focus else OPEN_RING_PT)
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = rgb(colours[i])
            _outline(series.format, region == focus)
        if texts[i]:
            side, dy = placed[i]
            _label(series.points[0], texts[i], region == focus, position=SIDE_POSITION[side])
            _one_line(series.points[0].data_label)
            _label_offset(series.points[0].data_label, 0.0, dy, box)
    _axis(chart.category_axis, x_title, True)  # an XY chart's 'category' axis is x, a value axis
    _axis(chart.value_axis, y_title, True)
    _set_scale(chart.category_axis, x_scale)
    _set_scale(chart.value_axis, y_scale)
    return chart


# the registry's names of how the deck draws a chart (views.DECK_DRAWINGS), with the function that draws it
DRAWINGS = {"bars": ranking_chart, "stacked_bars": shares_chart, "lines": trend_chart, "bubbles": scatter_chart}


def has_native(drawing: str, spec: FigureSpec) -> bool:
    """Whether a chart the registry says to draw as ``drawing`` is drawn natively: not as a picture (the map),
    and only with marks to draw."""
    return drawing in DRAWINGS and any(t.get("x") for t in spec["data"])


def native_chart(slide, drawing: str, box: Box, spec: FigureSpec, focus: str) -> Chart:
    """The chart drawn natively on ``slide`` as ``drawing`` ('bars', 'lines', ...; see ``has_native``)."""
    return DRAWINGS[drawing](slide, box, spec, focus)


def series_values(chart: Chart) -> list[Sequence]:
    """Every series' values, as the embedded data holds them (for tests and checks)."""
    return [tuple(series.values) for series in chart.plots[0].series]
