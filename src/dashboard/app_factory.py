"""Build the Dash app for a Dataset. Everything it serves comes from this machine."""

from __future__ import annotations

import dash_bootstrap_components  # noqa: F401  (registers the component suite to be served locally)
from dash import Dash

from dashboard.callbacks import register_callbacks
from dashboard.data import Dataset
from dashboard.layout import build_layout
from dashboard.paths import ASSETS_DIR
from dashboard.serving import harden

# Bootstrap and its icons are vendored under assets/vendor (see assets/vendor/*/LICENSE), listed
# first so the app's own CSS overrides them, and never fetched from a CDN.
# The ?v= version makes the URL change with the file, so browsers may keep it for a year.
VENDOR_CSS = ("vendor/bootstrap/bootstrap.min.css?v=5.3.6", "vendor/bootstrap-icons/bootstrap-icons.min.css?v=1.11.3")


def create_app(dataset: Dataset, *, url_base_pathname: str = "/", startup_problems=None) -> Dash:
    """The app for ``dataset``; ``startup_problems`` = (folder, problems) when a requested folder failed."""
    app = Dash(
        __name__,
        title="Baltic Metropoles",
        assets_folder=str(ASSETS_DIR),
        assets_path_ignore=["vendor"],
        external_stylesheets=[f"{url_base_pathname}assets/{path}" for path in VENDOR_CSS],
        url_base_pathname=url_base_pathname,
        serve_locally=True,
        update_title=None,
    )
    app.index_string = app.index_string.replace("<html>", '<html lang="en">', 1)
    app.layout = build_layout(dataset, startup_problems)
    register_callbacks(app, dataset)
    harden(app)
    return app
