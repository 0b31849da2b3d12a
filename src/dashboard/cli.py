"""Command line: ``python -m dashboard validate [DIR]``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from dashboard.data import DataValidationError, load_dataset
from dashboard.paths import default_data_dir


def _validate(args: argparse.Namespace) -> int:
    directory = Path(args.directory) if args.directory else default_data_dir()
    try:
        dataset = load_dataset(directory)
    except DataValidationError as err:
        for problem in err.problems:
            print(problem)
        print(f"{len(err.problems)} problem(s) in {directory}", file=sys.stderr)
        return 1
    per_edition = dataset.values.groupby("edition").size()
    editions = ", ".join(f"{e} {n}" for e, n in per_edition.items())
    print(f"OK {directory}: {len(dataset.regions)} regions, {len(dataset.indicators)} indicators, "
          f"{len(dataset.values)} values ({editions}), {len(dataset.sources)} sources, "
          f"{len(dataset.gaps)} documented gaps")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard",
                                     description="Baltic Metropoles dashboard tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check a data folder and report every problem",
                              description="Check a data folder. Exit 0 and print a summary when it is "
                                          "good; exit 1 and print FILE:ROW:COLUMN: message lines when not.")
    validate.add_argument("directory", nargs="?", help="data folder (default: the bundled data/)")
    validate.set_defaults(handler=_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)
