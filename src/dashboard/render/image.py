"""One image renderer per process: a figure spec to PNG, SVG or PDF bytes in the warm export browser.

Kaleido's Chromium is started once per process (lazily, so a gunicorn worker starts its own, or
forwards to the server's export service) and reused: the first image costs a browser start, the
next ones a fraction of a second. The chart exports and the profile's charts both draw through here.
"""

from __future__ import annotations

import os
import threading
import time

import plotly.graph_objects as go

from dashboard.figures.spec import FigureSpec
from dashboard.paths import ASSETS_DIR, PLOTLY_JS
from dashboard.render.browser import ExportBrowser
from dashboard.render.protocol import SOCKET_ENV, ping

FORMATS = ("png", "svg", "pdf")
TOPOJSON_URI = (ASSETS_DIR / "topojson").resolve().as_uri() + "/"
PLOTLY_JS_FILE = ASSETS_DIR / PLOTLY_JS
_lock = threading.Lock()  # one image at a time per process: requests take turns
_browser = ExportBrowser(PLOTLY_JS_FILE)  # the page's partial plotly.js: 1.4 MB to parse, not 4.8 MB
STATE_TTL_S = 3.0  # a health probe every second pings the export service at most once per 3 s per worker
_state: dict[str, tuple[float, str]] = {}


def is_warm() -> bool:
    """Whether images can be drawn now: the export service answers with its browser up, or (without a
    service) this process's own browser is running."""
    return export_state() == "warm"


def export_state() -> str:
    """What the health check reports. Under gunicorn's export service: "warm", "starting" (it answers, its
    browser is starting) or "down" (it does not answer within a second: being restarted, or stuck), asked
    of the service itself and remembered for STATE_TTL_S. Without a service: "warm" or "cold" (this
    process starts its browser on its first image)."""
    service = os.environ.get(SOCKET_ENV)
    if not service:
        return "warm" if _browser.running else "cold"
    now = time.monotonic()
    cached = _state.get(service)
    if cached is not None and now - cached[0] < STATE_TTL_S:
        return cached[1]
    state = ping(service)
    _state[service] = (time.monotonic(), state)
    return state


def warm_up() -> None:
    """Start the export browser and draw one empty image now, not on a user's first export.

    Under gunicorn the export service warms its own browser as it starts (render/service.py); this is
    for a process that draws in its own browser (the CLI, tests, BALTMET_EXPORT_SERVICE=0).
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
