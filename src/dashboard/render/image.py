"""One image renderer per process: a figure spec to PNG, SVG or PDF bytes in the warm export browser.

Kaleido's Chromium is started once per process (lazily, so a gunicorn worker starts its own, or
forwards to the server's export service) and reused: the first image costs a browser start, the
next ones a fraction of a second. The chart exports and the profile's charts both draw through here.
"""

from __future__ import annotations

import threading

import plotly.graph_objects as go

from dashboard.figures.spec import FigureSpec
from dashboard.paths import ASSETS_DIR, PLOTLY_JS
from dashboard.render.browser import ExportBrowser

FORMATS = ("png", "svg", "pdf")
TOPOJSON_URI = (ASSETS_DIR / "topojson").resolve().as_uri() + "/"
PLOTLY_JS_FILE = ASSETS_DIR / PLOTLY_JS
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


def render(figure: go.Figure | FigureSpec, fmt: str, width: int, height: int, scale: float = 1) -> bytes:
    """Bytes of the image in ``fmt`` (png, svg, pdf) at ``width`` x ``height`` CSS pixels times ``scale``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown image format {fmt!r}; expected one of {', '.join(FORMATS)}")
    spec = figure.to_dict() if isinstance(figure, go.Figure) else figure
    with _lock:
        return _browser.calc_fig(spec, {"format": fmt, "width": width, "height": height, "scale": scale},
                                 TOPOJSON_URI)
