"""What every command line of the product shares: printing a line safely and loading the data folder.

The main CLI and the sub-commands it registers (profile, refresh) all import from here, never from
each other, so the commands hang below one entry point without a loop.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from dashboard.data import Dataset, DataValidationError
from dashboard.data.limits import printable


def say(text: object, stream: TextIO | None = None) -> None:
    """Print one line with control characters escaped: a data file's ANSI escapes never reach the terminal."""
    print(printable(text), file=stream or sys.stdout)


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line ('dashboard export: error: ...') and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {printable(message)}\n")


def load_dataset(directory: str | None) -> Dataset:
    """The data folder's Dataset (the bundled one without ``directory``); a folder with problems exits 1."""
    from dashboard.data.folders import load_data_folder
    from dashboard.paths import default_data_dir

    try:
        return load_data_folder(Path(directory) if directory else default_data_dir()).dataset
    except DataValidationError as err:
        say(f"error: the data folder has {len(err.problems)} problem(s); run 'validate' to list them", sys.stderr)
        raise SystemExit(1) from None
