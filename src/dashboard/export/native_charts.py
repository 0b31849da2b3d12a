"""The page's charts as native PowerPoint charts, built from the same figure specs (same numbers).

A native chart carries its data in an embedded workbook, so a speaker can restyle, recolour or relabel
it in PowerPoint. Each function reads the spec's traces: bars and their labels for the ranking and the
shares, one line series per trace for the trend (the builders already split a region's line wherever
its territory or method changes, so a line never joins two territories), one bubble per point for the
scatter. The focus region (``customdata[0]`` of its marks) gets a dark outline and bold labels.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from lxml import etree
from pptx.chart.chart import Chart
from pptx.chart.data import BubbleChartData, CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from dashboard.export.slide_text import DARK, FONT
from dashboard.export.typography import plain
from dashboard.figures.spec import FigureSpec

LABEL_PT, TICK_PT, TITLE_PT = 16, 16, 16
FOCUS_LINE_PT = 2.5
GRID = RGBColor(0xE5, 0xE7, 0xEB)
SERIES_COLOURS = ("#4477AA", "#66CCEE", "#228833", "#CCBB44", "#EE6677", "#AA3377")  # Paul Tol's 'bright'
MAX_YEAR_LABELS = 12
PX_TO_PT = 0.75
POSITIONS = {"top": XL_LABEL_POSITION.ABOVE, "bottom": XL_LABEL_POSITION.BELOW,
             "right": XL_LABEL_POSITION.RIGHT, "left": XL_LABEL_POSITION.LEFT}
DASHES = {"dot": MSO_LINE_DASH_STYLE.ROUND_DOT, "dash": MSO_LINE_DASH_STYLE.DASH}
SYMBOLS = {"circle": XL_MARKER_STYLE.CIRCLE, "diamond": XL_MARKER_STYLE.DIAMOND, "square": XL_MARKER_STYLE.SQUARE}

Box = tuple[int, int, int, int]  # left, top, width, height in EMU


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
    return plain(((spec["layout"].get(axis) or {}).get("title") or {}).get("text") or "")


def _style_chart(chart: Chart) -> None:
    """Projector-size type in the exports' font; no chart title (the slide has it)."""
    chart.has_title = False
    chart.font.size, chart.font.name = Pt(TICK_PT), FONT
    chart.font.color.rgb = DARK


def _axis(axis, title: str, numbers: bool) -> None:
    """Tick labels at projector size, the figure's axis title, and for a value axis grid lines and numbers."""
    if title:
        axis.has_title = True
        axis.axis_title.text_frame.text = title
        run = axis.axis_title.text_frame.paragraphs[0].runs[0]
        run.font.size, run.font.bold, run.font.name = Pt(TITLE_PT), False, FONT
    axis.tick_labels.font.size = Pt(TICK_PT)
    if numbers:
        axis.has_major_gridlines = True
        axis.major_gridlines.format.line.color.rgb = GRID
        axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = "#,##0", False


def _style_axes(chart: Chart, x_title: str, y_title: str, value_axis_is_x: bool = True) -> None:
    """Axis titles and light grid lines; ``x_title`` names the horizontal axis."""
    horizontal, vertical = ((chart.value_axis, chart.category_axis) if value_axis_is_x
                            else (chart.category_axis, chart.value_axis))
    _axis(horizontal, x_title, value_axis_is_x)
    _axis(vertical, y_title, not value_axis_is_x)


def _label(point, text: str, bold: bool, colour: RGBColor = DARK,
           position: XL_LABEL_POSITION | None = None) -> None:
    """A data label with the figure's own text (as on the page: '≈ 1 700 000', a region's name)."""
    label = point.data_label
    label.text_frame.text = text
    run = label.text_frame.paragraphs[0].runs[0]
    run.font.size, run.font.bold, run.font.name = Pt(LABEL_PT), bold, FONT
    run.font.color.rgb = colour
    if position is not None:
        label.position = position


def _outline(fmt, focus: bool) -> None:
    if focus:
        fmt.line.color.rgb = DARK
        fmt.line.width = Pt(FOCUS_LINE_PT)
    else:
        fmt.line.fill.background()


def _labels_fit(box: Box, categories: int, series: int, gap: float) -> bool:
    """Whether each bar is thick enough for a data label (else the labels would overlap)."""
    plot_pt = Emu(box[3]).pt * 0.8
    return plot_pt / max(categories, 1) * (1 - gap) / max(series, 1) >= LABEL_PT * 1.1


def _bars(trace: dict) -> bool:
    return trace.get("type") == "bar" and trace.get("showlegend") is not True and trace.get("xaxis", "x") == "x"


def ranking_chart(slide, box: Box, spec: FigureSpec, focus: str) -> Chart:
    """Horizontal bars in the figure's order and colours, labelled with the figure's value texts."""
    trace = next(t for t in spec["data"] if _bars(t))
    names, values = [plain(y) for y in trace["y"]], list(trace["x"])
    data = CategoryChartData(number_format="#,##0.##")
    data.categories = names
    data.add_series(axis_title(spec, "xaxis") or "Value", values)
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *box, data).chart
    _style_chart(chart)
    chart.has_legend = False
    plot = chart.plots[0]
    plot.gap_width, plot.vary_by_categories = 35, False
    colours = _each((trace.get("marker") or {}).get("color"), len(values))
    texts = _each(trace.get("text") or "", len(values))
    fits = _labels_fit(box, len(values), 1, 0.26)
    for i, region in enumerate(region_ids(trace)):
        point = plot.series[0].points[i]
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = rgb(colours[i])
        _outline(point.format, region == focus)
        if fits and texts[i]:
            _label(point, plain(texts[i]), region == focus, position=XL_LABEL_POSITION.OUTSIDE_END)
    _style_axes(chart, axis_title(spec, "xaxis"), "")
    chart.value_axis.minimum_scale = 0
    top = max((v for v in values if v is not None), default=0)
    if top > 0:
        chart.value_axis.maximum_scale = _nice(top * 1.2)  # room for the labels beyond the longest bar
    return chart


def _nice(value: float) -> float:
    """A round axis maximum at or above ``value`` (1, 1.2, 1.5, 2, ... 8 times a power of ten)."""
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if step * power >= value)


def shares_chart(slide, box: Box, spec: FigureSpec, focus: str) -> Chart:
    """Clustered bars, a series per share (population, jobs, GVA, GDP) and a category per region.

    Shares of different totals do not add up, so they are side by side, never stacked. Colours go by
    series, the unit PowerPoint restyles; the focus's bars are outlined and its labels bold.
    """
    traces = [t for t in spec["data"] if _bars(t)]
    categories = list(dict.fromkeys(y for t in traces for y in t["y"]))  # plotly's order: first seen first
    data = CategoryChartData(number_format="0")
    data.categories = [plain(c) for c in categories]
    for trace in traces:
        by_label = dict(zip(trace["y"], trace["x"], strict=True))
        data.add_series(plain(trace.get("name") or ""), [by_label.get(c) for c in categories])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *box, data).chart
    _style_chart(chart)
    chart.has_legend = True
    chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.TOP, False
    chart.legend.font.size = Pt(TICK_PT)
    plot = chart.plots[0]
    plot.gap_width, plot.overlap = 40, 0
    fits = _labels_fit(box, len(categories), len(traces), 0.3)
    for number, (trace, series) in enumerate(zip(traces, plot.series, strict=True)):
        colour = rgb(SERIES_COLOURS[number % len(SERIES_COLOURS)])
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = colour
        series.invert_if_negative = False
        texts = dict(zip(trace["y"], _each(trace.get("text") or "", len(trace["y"])), strict=True))
        ids = dict(zip(trace["y"], region_ids(trace), strict=True))
        for i, category in enumerate(categories):
            if category not in ids:
                continue
            point = series.points[i]
            if ids[category] == focus:  # a point's own format replaces the series' fill: give it again
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = colour
                _outline(point.format, True)
            if fits and texts.get(category):
                _label(point, plain(texts[category]), ids[category] == focus, position=XL_LABEL_POSITION.OUTSIDE_END)
    _style_axes(chart, axis_title(spec, "xaxis"), "")
    chart.value_axis.minimum_scale, chart.value_axis.maximum_scale = 0, 100
    return chart


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


def _skip_labels(chart: Chart, every: int) -> None:
    """Show every ``every``-th category label (years), so that labels do not collide."""
    axis = chart.category_axis._element
    skip = axis.find(qn("c:tickLblSkip"))
    if skip is None:
        skip = etree.Element(qn("c:tickLblSkip"))
        anchor = axis.find(qn("c:noMultiLvlLbl"))
        if anchor is not None:
            anchor.addprevious(skip)
        else:
            axis.append(skip)
    skip.set("val", str(every))


def trend_chart(slide, box: Box, spec: FigureSpec, focus: str) -> Chart:
    """A line chart over every year of the span, one series per trace of the figure (a region's segment)."""
    traces = [t for t in spec["data"] if t.get("type") == "scatter" and t.get("x")]
    years = [y for t in traces for y in t["x"]]
    span = list(range(int(min(years)), int(max(years)) + 1)) if years else []
    data = CategoryChartData(number_format="#,##0.##")
    data.categories = [str(y) for y in span]
    for trace in traces:
        by_year = dict(zip(trace["x"], trace["y"], strict=True))
        data.add_series(plain(trace.get("name") or ""), [by_year.get(y) for y in span])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, *box, data).chart
    _style_chart(chart)
    chart.has_legend = False  # each line is named at its end, as on the page
    _set_blanks(chart, "span")
    for trace, series in zip(traces, chart.plots[0].series, strict=True):
        is_focus = region_ids(trace)[:1] == [focus]
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
        series.marker.format.line.color.rgb = DARK if is_focus else RGBColor(0xFF, 0xFF, 0xFF)
        side = _position(str(trace.get("textposition") or "middle right"))  # the side the page chose (labels.py)
        for year, text in zip(trace["x"], _each(trace.get("text") or "", len(trace["x"])), strict=True):
            if text:
                _label(series.points[span.index(int(year))], plain(text), is_focus, colour, side)
    _style_axes(chart, axis_title(spec, "xaxis"), axis_title(spec, "yaxis"), value_axis_is_x=False)
    if len(span) > MAX_YEAR_LABELS:
        _skip_labels(chart, math.ceil(len(span) / MAX_YEAR_LABELS))
    return chart


def _position(textposition: str) -> XL_LABEL_POSITION:
    vertical, _, horizontal = textposition.partition(" ")
    return POSITIONS.get(vertical) or POSITIONS.get(horizontal) or XL_LABEL_POSITION.ABOVE


def scatter_chart(slide, box: Box, spec: FigureSpec, focus: str) -> Chart:
    """A bubble per region (a series each, so each can be recoloured), area in proportion as on the page."""
    trace = next(t for t in spec["data"] if t.get("type") == "scatter")
    xs, ys = list(trace["x"]), list(trace["y"])
    marker = trace.get("marker") or {}
    diameters = [float(d or 0) for d in _each(marker.get("size") or 12, len(xs))]
    biggest = max(diameters, default=1) or 1
    texts = _each(trace.get("text") or "", len(xs))
    places = _each(trace.get("textposition") or "top center", len(xs))
    data = BubbleChartData(number_format="#,##0.##")
    for i, region in enumerate(region_ids(trace)):
        series = data.add_series(plain(texts[i]) or region)
        series.add_data_point(xs[i], ys[i], round(100 * (diameters[i] / biggest) ** 2, 2))  # area, biggest = 100
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BUBBLE, *box, data).chart
    _style_chart(chart)
    chart.has_legend = False
    plot = chart.plots[0]
    plot.bubble_scale = 60
    colours = _each(marker.get("color"), len(xs))
    for i, (region, series) in enumerate(zip(region_ids(trace), plot.series, strict=True)):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = rgb(colours[i])
        _outline(series.format, region == focus)
        if texts[i]:
            _label(series.points[0], plain(texts[i]), region == focus, position=_position(str(places[i])))
    _axis(chart.category_axis, axis_title(spec, "xaxis"), True)  # an XY chart's 'category' axis is x, a value axis
    _axis(chart.value_axis, axis_title(spec, "yaxis"), True)
    return chart


BUILDERS = {"ranking": ranking_chart, "shares": shares_chart, "trend": trend_chart, "scatter": scatter_chart}


def has_native(chart: str, spec: FigureSpec) -> bool:
    """Whether ``chart`` is drawn natively: not the map (a picture), and only with marks to draw."""
    return chart in BUILDERS and any(t.get("x") for t in spec["data"])


def native_chart(slide, chart: str, box: Box, spec: FigureSpec, focus: str) -> Chart:
    """The chart ``chart`` drawn natively on ``slide`` (see ``has_native``)."""
    return BUILDERS[chart](slide, box, spec, focus)


def series_values(chart: Chart) -> list[Sequence]:
    """Every series' values, as the embedded data holds them (for tests and checks)."""
    return [tuple(series.values) for series in chart.plots[0].series]
