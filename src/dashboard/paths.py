"""Where the bundled data and assets live, found relative to the project checkout."""

from __future__ import annotations

import os
from pathlib import Path

from plotly.offline import get_plotlyjs_version

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BUNDLED_DATA_DIR = PROJECT_ROOT / "data"
ASSETS_DIR = PROJECT_ROOT / "assets"
# plotly.js with only the traces the charts use (scripts/build_plotly_bundle.sh), for the page and exports.
PLOTLYJS_VERSION = get_plotlyjs_version()  # the version plotly.py writes figures for
PLOTLY_JS = f"vendor/plotly/plotly-baltmet-{PLOTLYJS_VERSION}.min.js"
DATA_DIR_ENV = "BALTMET_DATA_DIR"


def default_data_dir() -> Path:
    """The data folder the app serves unless told otherwise (env var, then bundled data)."""
    return Path(os.environ.get(DATA_DIR_ENV) or BUNDLED_DATA_DIR)
