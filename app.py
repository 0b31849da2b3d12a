"""Run the Baltic Metropoles dashboard: ``python app.py [--host H] [--port P] [--data DIR] [--debug]``.

``server`` is the Flask app for production servers: ``gunicorn app:server``.
"""

from __future__ import annotations

import argparse
import os
import sys

from dashboard.app_factory import create_app
from dashboard.data import DataValidationError, load_dataset
from dashboard.paths import DATA_DIR_ENV, default_data_dir


def _load_or_exit(directory):
    try:
        return load_dataset(directory)
    except DataValidationError as err:
        print(f"Cannot start: the data in {directory} has problems:", file=sys.stderr)
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        raise SystemExit(1) from None


app = create_app(_load_or_exit(default_data_dir()))
server = app.server


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the Baltic Metropoles dashboard.")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8050")))
    parser.add_argument("--data", default=None, help=f"data folder (default: ${DATA_DIR_ENV} or data/)")
    parser.add_argument("--debug", action="store_true", default=os.environ.get("DASH_DEBUG") == "1",
                        help="Dash debug mode (off unless asked)")
    args = parser.parse_args(argv)
    served = app if args.data is None else create_app(_load_or_exit(args.data))
    served.run(host=args.host, port=args.port, debug=args.debug, dev_tools_disable_version_check=True)


if __name__ == "__main__":
    main()
