"""Build the Dash app for a Dataset. Everything it serves comes from this machine."""

from __future__ import annotations

import hashlib
import time
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
from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES, PSEUDO
from dashboard.layout import build_layout
from dashboard.page_language import page_language, remember_choice
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


class BalticDash(Dash):
    """Dash, with the page's ``<html lang>`` set per request (Dash documents ``interpolate_index`` as the place
    to change the index page)."""

    def interpolate_index(self, **kwargs) -> str:
        page = super().interpolate_index(**kwargs)
        return page.replace('<html lang="en">', f'<html lang="{page_language()}">', 1)


# One language's page built within this (the first, English, with its one-off costs): the other languages are
# built at start too, before gunicorn forks, so that every worker shares them. Above it (thousands of regions:
# ~3 s per language, as each page holds the first view's charts) each is built on its first request instead:
# building all eleven in every worker took minutes of CPU away from the visitors' clicks.
WARM_BUDGET_SECONDS = 0.25


def layouts(dataset: Dataset, refused_folder: bool, warm: bool = False):
    """The page's layout in the language of the request: English at once, any other on its first request, or
    (``warm``, and cheap enough: ``WARM_BUDGET_SECONDS``) all of them now, so that the first visitor in Latvian
    does not wait.

    No lock: two requests building one language at once build it twice, and one of them is kept."""
    began = time.perf_counter()
    built: dict[str, object] = {DEFAULT_LANGUAGE: build_layout(dataset, refused_folder, DEFAULT_LANGUAGE)}

    def layout_in(lang: str):
        if lang not in built:
            built[lang] = build_layout(dataset, refused_folder, lang)
        return built[lang]

    if warm and time.perf_counter() - began <= WARM_BUDGET_SECONDS:
        for lang in LANGUAGES:
            layout_in(lang)

    def layout():
        lang = page_language()
        return layout_in(lang if lang in (*LANGUAGES, PSEUDO) else DEFAULT_LANGUAGE)

    return layout


def create_app(dataset: Dataset, *, url_base_pathname: str = "/", refused_folder: bool = False,
               warm_languages: bool = False) -> Dash:
    """The app for ``dataset``; ``refused_folder`` when a requested --data folder failed (the page says only
    that the bundled data is shown; app.py reports the problems on the console and in the log);
    ``warm_languages``: build every language's page now when that is cheap (app.py; tests build what they ask)."""
    app = BalticDash(
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
    app.layout = layouts(dataset, refused_folder, warm_languages)
    remember_choice(app.server, url_base_pathname)
    upload_store.configure(app.server)  # uploads are kept on the server; the browser keeps their id
    register_callbacks(app, dataset)
    harden(app)
    add_embed(app, dataset)  # {base}embed/<chart>: one chart for another site's page, and the share buttons
    guard_dispatch(app)
    add_health_check(app, {"regions": len(dataset.region_ids), "figures": len(dataset.values),
                           "data_problems": refused_folder})  # True: a --data folder was refused
    return app
