"""How the app is served: compression done once per static file, cache lifetimes, security headers,
request size limits. Nothing here keeps per-user state, so any number of workers serve alike."""

from __future__ import annotations

import os
import re
import threading

from dash import Dash
from dash.exceptions import DependencyException
from flask import Flask, jsonify, request
from flask_compress import Compress

from dashboard.render.image import export_state

STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/")
ONE_YEAR = "public, max-age=31536000, immutable"
ONE_DAY = "public, max-age=86400"
# An upload of 10 MB arrives base64-encoded inside a JSON callback body: about 13.4 MB.
MAX_REQUEST_BYTES = 16 * 1024 * 1024
FRAME_ANCESTORS_ENV = "BALTMET_FRAME_ANCESTORS"
# Who may frame {base}embed/<chart> (one chart, no controls, nothing to click but a link): any site by default,
# since embedding elsewhere is what it is for. The page itself keeps FRAME_ANCESTORS_ENV ('self').
EMBED_ANCESTORS_ENV = "BALTMET_EMBED_ANCESTORS"


MAX_CACHED_FILES = 256  # the app serves about 40 static files; a bound, not a working size
DASH_FINGERPRINT = re.compile(r"\.v[\w-]+m\d+(?=\.\w+$)")  # dash.v4_4_1m1700000000.min.js -> dash.min.js


class StaticOnlyCache:
    """Keeps the compressed body of each static file, keyed by its path alone: this server has one content
    per path, so a query string or a made-up fingerprint cannot add entries (bounded at MAX_CACHED_FILES).
    Callback responses are compressed per request and never stored. Owned by the Flask app (one per
    worker), filled once per file."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        return self._store.get(key)

    def set(self, key: str, value: bytes) -> None:
        path = key.split(";", 1)[-1]
        if path.startswith(STATIC_PREFIXES):
            with self._lock:
                if key in self._store or len(self._store) < MAX_CACHED_FILES:
                    self._store[key] = value

    def __len__(self) -> int:
        return len(self._store)


def _cache_key(req) -> str:
    """The path without Dash's fingerprint and without the query string (``?v=`` and ``?m=`` fingerprints
    name the same file: the server has one version of each)."""
    return DASH_FINGERPRINT.sub("", req.path) if req.method == "GET" else f"dynamic:{req.method}"


def content_security_policy(app: Dash, frame_ancestors: str) -> str:
    """Only this server's scripts (and the hashes of Dash's own inline ones), no eval, no plugins."""
    hashes = " ".join(app.csp_hashes())  # already quoted: 'sha256-...'
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' {hashes}",
        "style-src 'self' 'unsafe-inline'",  # React and plotly set element styles
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        f"frame-ancestors {frame_ancestors}",
    ])


def add_health_check(app: Dash, summary: dict[str, object]) -> None:
    """``GET {base}healthz``: 200 and a small JSON summary, for load balancers and uptime checks.

    The summary is fixed when the app is built; the export service's state is asked of the service
    itself (a ping, at most once per few seconds per worker, answered within a second), so a probe every
    second stays cheap; it names no file or folder. A dead or stuck export service makes the status
    "degraded" (still 200: pages and data downloads are served; images wait for its restart).
    """
    body = {"status": "ok", **summary}

    @app.server.route(f"{app.config.url_base_pathname}healthz")
    def healthz():
        state = export_state()
        return jsonify({**body, "status": "degraded" if state == "down" else "ok", "export_browser": state})


def harden(app: Dash) -> None:
    """Compression, cache lifetimes, security headers and size limits on the app's Flask server."""
    server: Flask = app.server
    server.config.update(
        COMPRESS_ALGORITHM=["br", "gzip"], COMPRESS_LEVEL=6, COMPRESS_BR_LEVEL=5, COMPRESS_MIN_SIZE=500,
        COMPRESS_CACHE_BACKEND=StaticOnlyCache, COMPRESS_CACHE_KEY=_cache_key,
        COMPRESS_MIMETYPES=["text/html", "text/css", "text/javascript", "application/javascript",
                            "application/json", "image/svg+xml", "font/woff"],
        MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES,
    )
    compress = Compress(server)
    server.extensions["baltmet_compress_cache"] = compress.cache  # inspected by tests and benchmarks
    @server.errorhandler(DependencyException)
    def unknown_library(_error):  # e.g. /_dash-component-suites/../..: nothing there, and nothing read
        return "Not found", 404

    frame_ancestors = os.environ.get(FRAME_ANCESTORS_ENV, "'self'")
    embed_ancestors = os.environ.get(EMBED_ANCESTORS_ENV, "*")
    embed_prefix = f"{app.config.url_base_pathname}embed/"
    policy: dict[str, str] = {}

    @server.after_request  # registered after Compress, so Flask runs it before compression
    def headers(response):
        if request.path.startswith(STATIC_PREFIXES) and response.is_streamed and response.status_code == 200:
            # A streamed file would be recompressed chunk by chunk on every request; as a plain body
            # it is compressed once and then served from the cache.
            response.direct_passthrough = False
            response.set_data(response.get_data())
        if request.path.startswith(STATIC_PREFIXES):
            fingerprinted = bool(request.args.get("m") or request.args.get("v")) or ".v" in request.path
            response.headers["Cache-Control"] = ONE_YEAR if fingerprinted else ONE_DAY
        if "csp" not in policy:  # the hashes are known once the app has rendered its index
            policy["csp"] = content_security_policy(app, frame_ancestors)
            policy["embed"] = content_security_policy(app, embed_ancestors)
        embedded = request.path.startswith(embed_prefix)
        response.headers.setdefault("Content-Security-Policy", policy["embed" if embedded else "csp"])
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response
