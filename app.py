"""Run the Baltic Metropoles dashboard: ``python app.py [--host H] [--port P] [--data DIR] [--debug]``.

``server`` is the Flask app for production servers: ``gunicorn app:server``. The data folder comes
from ``--data`` or ``BALTMET_DATA_DIR``: a complete folder, or your values.csv (with sources.csv,
regions.csv) on top of the bundled data. If it has problems, the app says so on the page and in the
log, and serves the bundled data: nothing stops working.
"""

from __future__ import annotations

import argparse
import os
import sys

from dashboard.app_factory import create_app
from dashboard.cli_common import environment_language
from dashboard.data import DataValidationError, load_dataset
from dashboard.data.folders import load_data_folder, report_refusal
from dashboard.data.limits import printable
from dashboard.i18n import _, use_language
from dashboard.paths import BUNDLED_DATA_DIR, DATA_DIR_ENV


def load_app(directory: str | None):
    """The app for ``directory``; on problems, the bundled data (the problems on the console and in the log)."""
    if not directory:
        return create_app(load_dataset(BUNDLED_DATA_DIR), warm_languages=True)
    try:
        loaded = load_data_folder(directory)
    except DataValidationError as err:
        report_refusal(directory, err.problems)  # console and log only; the page says the bundled data is shown
        return create_app(load_dataset(BUNDLED_DATA_DIR), refused_folder=True, warm_languages=True)
    for note in loaded.notes:
        print(f"{printable(directory)}: {printable(note)}", file=sys.stderr)
    return create_app(loaded.dataset, warm_languages=True)


app = load_app(os.environ.get(DATA_DIR_ENV))
server = app.server


def _help(text: str) -> str:
    return text.replace("%", "%%")  # a translation's '%' is not argparse's


def main(argv: list[str] | None = None) -> None:
    with use_language(environment_language()):  # the console's language (LANG); each page picks its own
        parser = argparse.ArgumentParser(description=_("Serve the Baltic Metropoles dashboard."))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8050")))
        parser.add_argument("--data", default=None,
                            help=_help(_("data folder (default: {variable} or data/)", variable="$" + DATA_DIR_ENV)))
        parser.add_argument("--debug", action="store_true", default=os.environ.get("DASH_DEBUG") == "1",
                            help=_help(_("Dash debug mode (off unless asked)")))
        args = parser.parse_args(argv)
    served = app if args.data is None else load_app(args.data)
    served.run(host=args.host, port=args.port, debug=args.debug, dev_tools_disable_version_check=True)


if __name__ == "__main__":
    main()
