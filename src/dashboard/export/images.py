"""Publication figures rendered on the server by kaleido, from the builders that draw the page.

The exported figure is the on-screen figure with its title, subtitle, source line and export date
baked in. Kaleido's Chromium is started once per process (lazily, so a gunicorn worker starts its
own) and reused: the first image costs a browser start, the next ones a fraction of a second.
"""

from __future__ import annotations

import copy
import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go

from dashboard.export.browser import ExportBrowser
from dashboard.figures.common import ChartMeta
from dashboard.figures.spec import FigureSpec
from dashboard.figures.theme import FONT_FAMILY
from dashboard.paths import ASSETS_DIR, PLOTLY_JS

FORMATS = ("png", "svg", "pdf")
TOPOJSON_URI = (ASSETS_DIR / "topojson").resolve().as_uri() + "/"
PLOTLY_JS_FILE = ASSETS_DIR / PLOTLY_JS


@dataclass(frozen=True)
class Size:
    name: str
    width: int
    height: int


SIZES = {"slide": Size("slide", 1600, 900), "report": Size("report", 1200, 800)}
_lock = threading.Lock()  # one image at a time per process: requests take turns
_browser = ExportBrowser(PLOTLY_JS_FILE)  # the page's partial plotly.js: 1.4 MB to parse, not 4.8 MB


def is_warm() -> bool:
    """Whether this process's export browser is running (the health check reports it)."""
    return _browser.running


def warm_up() -> None:
    """Start the export browser and draw one empty image now, not on a user's first export.

    gunicorn.conf.py calls this in a thread as each worker starts, so the first export of a
    worker costs a fraction of a second instead of ~3 s.
    """
    render({"data": [], "layout": {"template": {}}}, "svg", 100, 100)


def _wrap(text: str, width: int) -> str:
    """Break a long line for plotly annotations (which do not wrap by themselves)."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "<br>".join(lines)


def source_line(meta: ChartMeta, chars: int, max_lines: int = 4) -> str:
    """Every source's publisher and title, or only the publishers when that would not fit."""
    if not meta.sources:
        return "Source: no figures"
    full = _wrap("Sources: " + "; ".join(meta.sources), chars)
    if full.count("<br>") < max_lines:
        return full
    return _wrap("Sources: " + "; ".join(meta.publishers) + " (titles in the data download)", chars)


def decorate(figure: FigureSpec, meta: ChartMeta, size: Size, today: dt.date | None = None) -> go.Figure:
    """The figure with title, subtitle (and comparability badges), sources and export date inside it.

    Built as a validated ``go.Figure``: an export is rare, and a wrong property fails here, loudly.
    """
    fig = go.Figure(copy.deepcopy(figure))
    today = today or dt.date.today()
    badges = " · ".join(text for text, _ in meta.comparability.badges)
    subtitle = meta.subtitle + (f"  ⚠ {badges}" if badges else "")
    footer = (f"{source_line(meta, int(size.width / 7.2))}<br>Exported {today.isoformat()} from Baltic Metropoles"
              " · figures as published by the sources")
    footer_lines = footer.count("<br>") + 1
    has_x_title = bool(fig.layout.xaxis.title.text) and not fig.layout.geo.scope
    legend_below = bool(fig.layout.showlegend) and (fig.layout.legend.y is None or fig.layout.legend.y < 0)
    below_plot = (72 if has_x_title else 14) + (38 if legend_below else 0)  # axis title, legend
    fig.update_layout(width=size.width, height=size.height, title=None, font={"family": FONT_FAMILY},
                      margin={"t": 105, "b": below_plot + 24 + 16 * footer_lines, "l": 40, "r": 40})
    heading = {"xref": "paper", "yref": "paper", "x": 0, "y": 1, "xanchor": "left", "yanchor": "bottom",
               "showarrow": False, "align": "left"}
    fig.add_annotation(text=f"<b>{meta.title}</b>", yshift=62, font={"size": 24, "color": "#111827"}, **heading)
    fig.add_annotation(text=subtitle, yshift=34, font={"size": 15, "color": "#4b5563"}, **heading)
    fig.add_annotation(text=footer, xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top",
                       yshift=-below_plot, showarrow=False, align="left",
                       font={"size": 12, "color": "#4b5563"})
    return fig


def render(figure: go.Figure | FigureSpec, fmt: str, width: int, height: int, scale: float = 1) -> bytes:
    """Bytes of the image in ``fmt`` (png, svg, pdf) at ``width`` x ``height`` CSS pixels times ``scale``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown image format {fmt!r}; expected one of {', '.join(FORMATS)}")
    spec = figure.to_dict() if isinstance(figure, go.Figure) else figure
    with _lock:
        return _browser.calc_fig(spec, {"format": fmt, "width": width, "height": height, "scale": scale},
                                 TOPOJSON_URI)


def export_chart(figure: FigureSpec, meta: ChartMeta, fmt: str, size: str = "slide", scale: float = 2,
                 today: dt.date | None = None) -> bytes:
    box = SIZES[size]
    return render(decorate(figure, meta, box, today), fmt, box.width, box.height, scale if fmt == "png" else 1)


def write_chart(path: Path, figure: FigureSpec, meta: ChartMeta, size: str = "slide", scale: float = 2) -> Path:
    fmt = path.suffix.lstrip(".").lower()
    path.write_bytes(export_chart(figure, meta, fmt, size, scale))
    return path
