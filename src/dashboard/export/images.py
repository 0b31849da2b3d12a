"""Publication figures rendered on the server by kaleido, from the builders that draw the page.

The exported figure is the on-screen figure with its title, subtitle, source line and export date
baked in; ``dashboard.render.image`` draws it.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go

from dashboard.export.pdfinfo import with_info
from dashboard.export.textfit import wrap
from dashboard.export.typography import REPORT, SLIDE, for_slide, tick_room
from dashboard.figures.common import ChartMeta, esc
from dashboard.figures.spec import FigureSpec
from dashboard.figures.theme import FONT_FAMILY
from dashboard.i18n import _, long_date
from dashboard.render.image import render


@dataclass(frozen=True)
class Size:
    name: str
    width: int
    height: int


SIZES = {"slide": Size("slide", 1600, 900), "report": Size("report", 1200, 800)}
SIDE_MARGIN, TOP_GAP = 40, 14
INK, GREY = "#111827", "#4b5563"


def source_line(meta: ChartMeta, width: float, size: int, max_lines: int = 4) -> list[str]:
    """Every source's publisher and title, or only the publishers when that would not fit, as lines."""
    if not meta.sources:
        return [_("Source: no figures")]
    full = wrap(_("Sources: {sources}", sources="; ".join(meta.sources)), size, width)
    if len(full) <= max_lines:
        return full
    return wrap(_("Sources: {publishers} (titles in the data download)", publishers="; ".join(meta.publishers)),
                size, width)


def _lines(lines: list[str], bold: bool = False) -> str:
    text = "<br>".join(esc(line) for line in lines)
    return f"<b>{text}</b>" if bold else text


def decorate(figure: FigureSpec, meta: ChartMeta, size: Size, today: dt.date | None = None) -> go.Figure:
    """The figure with title, subtitle (and comparability badges), sources and export date inside it.

    The slide size restyles a copy for presentation type (see ``typography``); the report size keeps the
    page's. Titles, subtitles and source lines wrap to the width, and the margins make room for them.
    Built as a validated ``go.Figure``: an export is rare, and a wrong property fails here, loudly.
    """
    type_ = SLIDE if size.name == "slide" else REPORT
    today = today or dt.date.today()
    badges = " · ".join(text for text, _why in meta.comparability.badges)
    inner = size.width - 2 * SIDE_MARGIN
    title = wrap(meta.title, type_.title, inner, bold=True)
    subtitle = wrap(meta.subtitle + (f"  ⚠ {badges}" if badges else ""), type_.subtitle, inner)
    # Translators: the regions a chart leaves out, each with why: 'Riga (no figure); Oslo (...)'
    absent = wrap(_("Not shown: {regions}", regions="; ".join(f"{name} ({why.rstrip('.')})"
                                                              for name, why in meta.missing)),
                  type_.footer, inner) if meta.missing else []  # a region left out says why, in the file too
    if len(absent) > 2:  # at most two lines: the rest is in the page's card and the table
        absent = [absent[0], absent[1].rstrip() + " …"]
    footer = [*source_line(meta, inner, type_.footer), *absent,  # the date as the language writes it (CLDR)
              _("Exported {date} from Baltic Metropoles · figures as published by the sources",
                date=long_date(today))]
    layout = figure["layout"]
    legend = layout.get("legend") or {}
    legend_size = type_.labels or (layout.get("font") or {}).get("size") or 13
    legend_above = bool(layout.get("showlegend")) and (legend.get("y") or 0) >= 1
    legend_below = bool(layout.get("showlegend")) and legend.get("y") is not None and legend["y"] < 0
    has_x_title = bool((layout.get("xaxis") or {}).get("title", {}).get("text")) and "geo" not in layout
    above_plot = (type_.height(legend_size, 1) + 12 if legend_above else 0) + 8  # the legend sits on the plot
    below_plot = ((type_.height(type_.labels, 2) + 34 if type_.labels else 72) if has_x_title else 14) + \
        (38 if legend_below else 0)  # tick labels and axis title, legend
    top = TOP_GAP + type_.height(type_.title, len(title)) + 6 + type_.height(type_.subtitle, len(subtitle)) + above_plot
    bottom = below_plot + 12 + type_.height(type_.footer, len(footer)) + 8
    spec = for_slide(figure, size.height - top - bottom) if type_ is SLIDE else copy.deepcopy(figure)
    tick_size = type_.labels or (layout.get("font") or {}).get("size") or 13
    left = tick_room(spec, tick_size, type_.axis_title or tick_size)  # y labels: the text starts left of them
    fig = go.Figure(spec)
    fig.update_layout(width=size.width, height=size.height, title=None, font={"family": FONT_FAMILY},
                      margin={"t": top, "b": bottom, "l": SIDE_MARGIN + left,
                              "r": max(SIDE_MARGIN, spec["layout"].get("margin", {}).get("r", 0))})
    heading = {"xref": "paper", "yref": "paper", "x": 0, "y": 1, "xanchor": "left", "yanchor": "bottom",
               "showarrow": False, "align": "left", "xshift": -left}
    fig.add_annotation(text=_lines(subtitle), yshift=above_plot, font={"size": type_.subtitle, "color": GREY},
                       **heading)
    fig.add_annotation(text=_lines(title, bold=True), yshift=above_plot + type_.height(type_.subtitle, len(subtitle))
                       + 6, font={"size": type_.title, "color": INK}, **heading)
    fig.add_annotation(text=_lines(footer), xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top",
                       yshift=-below_plot, xshift=-left, showarrow=False, align="left",
                       font={"size": type_.footer, "color": GREY})
    return fig


def export_chart(figure: FigureSpec, meta: ChartMeta, fmt: str, size: str = "slide", scale: float = 2,
                 today: dt.date | None = None) -> bytes:
    """The decorated figure as ``fmt``; a PDF's document title is the chart's title (kaleido leaves its own)."""
    box = SIZES[size]
    data = render(decorate(figure, meta, box, today), fmt, box.width, box.height, scale if fmt == "png" else 1)
    return with_info(data, title=meta.title, subject=meta.subtitle) if fmt == "pdf" else data


def write_chart(path: Path, figure: FigureSpec, meta: ChartMeta, size: str = "slide", scale: float = 2) -> Path:
    fmt = path.suffix.lstrip(".").lower()
    path.write_bytes(export_chart(figure, meta, fmt, size, scale))
    return path
