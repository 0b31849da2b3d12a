"""Build the Dash app for a Dataset. Everything it serves comes from this machine."""

from __future__ import annotations

import hashlib
from functools import cache

import dash_bootstrap_components  # noqa: F401  (registers the component suite to be served locally)
import plotly.io as pio
from dash import Dash

from dashboard import upload_store
from dashboard.callbacks import register_callbacks
from dashboard.data import Dataset
from dashboard.dispatch_guard import guard_dispatch
from dashboard.embed import add_embed
from dashboard.figures.map import TOPOJSON_FILE
from dashboard.layout import build_layout
from dashboard.paths import ASSETS_DIR, PLOTLY_JS
from dashboard.serving import add_health_check, harden

# Bootstrap and the icons the app uses (scripts/subset_icons.py) are vendored under assets/vendor
# (see assets/vendor/*/LICENSE), listed first so the app's own CSS overrides them, never from a CDN.
VENDOR_CSS = ("vendor/bootstrap/bootstrap.min.css", "vendor/bootstrap-icons/bootstrap-icons-subset.css")
# The page's icon inside the page: Dash's /_favicon.ico has no cache lifetime, and Chromium fetched it again on
# every change of the address (every click): a data: URL (img-src allows data:) is never fetched.
FAVICON = ('<link rel="icon" type="image/svg+xml" href="data:image/svg+xml,%3Csvg xmlns=%27http://www.w3.org/'
           '2000/svg%27 viewBox=%270 0 16 16%27%3E%3Ccircle cx=%278%27 cy=%278%27 r=%277%27 fill=%27%230d6efd%27/%3E'
           '%3C/svg%3E">')


@cache
def versioned(path: str) -> str:
    """``path?v=<content hash>``: the URL changes with the file, so browsers may keep it for a year."""
    digest = hashlib.sha256((ASSETS_DIR / path).read_bytes()).hexdigest()[:12]
    return f"{path}?v={digest}"


def use_fast_json() -> None:
    """Serialise callback responses with the standard library's C encoder instead of orjson.

    Dash hands every response to plotly's ``to_json``; with the orjson engine that first walks the
    whole payload in Python. Figures here are plain dicts and lists, which the C json encoder
    writes directly: 5x faster for a 300-bar ranking. Process-wide, so benchmarks/run.py measures
    its bare-Dash floor under the same setting.
    """
    pio.json.config.default_engine = "json"


def create_app(dataset: Dataset, *, url_base_pathname: str = "/", refused_folder: bool = False) -> Dash:
    """The app for ``dataset``; ``refused_folder`` when a requested --data folder failed (the page says only
    that the bundled data is shown; app.py reports the problems on the console and in the log)."""
    app = Dash(
        __name__,
        title="Baltic Metropoles",
        assets_folder=str(ASSETS_DIR),
        assets_path_ignore=["vendor"],
        external_stylesheets=[f"{url_base_pathname}assets/{versioned(path)}" for path in VENDOR_CSS],
        # The partial plotly.js (0.4 MB compressed, not 1.3 MB): dcc.Graph takes window.Plotly when it
        # is there, and then never fetches its own full bundle.
        external_scripts=[f"{url_base_pathname}assets/{versioned(PLOTLY_JS)}"],
        url_base_pathname=url_base_pathname,
        serve_locally=True,
        update_title=None,
    )
    use_fast_json()
    app.index_string = app.index_string.replace("<html>", '<html lang="en">', 1).replace(
        "{%favicon%}", FAVICON, 1).replace(
        "{%css%}", f'{{%css%}}\n        <link rel="preload" href="{url_base_pathname}assets/topojson/{TOPOJSON_FILE}" '
        'as="fetch" crossorigin="anonymous">', 1)  # the map's shapes load with the scripts, not after them
    # A refused --data folder: the problems went to the console and the log (app.py); a visitor is told only
    # that the bundled data is shown: never the server's path, nor a line of the file (it may be /etc/passwd).
    app.layout = build_layout(dataset, refused_folder)
    upload_store.configure(app.server)  # uploads are kept on the server; the browser keeps their id
    register_callbacks(app, dataset)
    harden(app)
    add_embed(app, dataset)  # {base}embed/<chart>: one chart for another site's page, and the share buttons
    guard_dispatch(app)
    add_health_check(app, {"regions": len(dataset.region_ids), "figures": len(dataset.values),
                           "data_problems": refused_folder})  # True: a --data folder was refused
    return app
