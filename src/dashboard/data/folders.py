"""One entry point for any data folder: a complete one (the four tables) or an overlay of user
figures on the bundled data (values.csv, optionally sources.csv and regions.csv).

Whatever the folder holds, the answer is a Dataset or a DataValidationError with one-line problems:
never a traceback, never a hang (files are read as limits.py says: regular files only, bounded).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from dashboard.data.dataset import Dataset
from dashboard.data.limits import printable
from dashboard.data.loader import load_dataset
from dashboard.data.overlay import (
    apply_overlay,
    folder_source,
    is_complete_folder,
    mark_changed_regions,
    read_user_folder,
)
from dashboard.data.problems import DataValidationError, Problem
from dashboard.i18n import _, ngettext
from dashboard.paths import BUNDLED_DATA_DIR

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Loaded:
    dataset: Dataset
    kind: str  # "complete" or "overlay"
    notes: list[str] = field(default_factory=list)


def _load(directory: Path, bundled: Dataset | None) -> Loaded:
    if not directory.is_dir():
        raise DataValidationError([Problem(str(directory), 0, "-", _("not a folder"))])
    if is_complete_folder(directory):
        notes: list[str] = []
        return Loaded(load_dataset(directory, notes), "complete", notes)
    base = bundled or load_dataset(BUNDLED_DATA_DIR)
    countries = {str(r): str(c) for r, c in base.regions["country"].items()}
    tables = mark_changed_regions(read_user_folder(directory, countries), base)
    result = apply_overlay(base, tables, folder_source(directory))
    return Loaded(result.dataset, "overlay", result.notes)


def load_data_folder(directory: str | Path, bundled: Dataset | None = None) -> Loaded:
    """The folder's Dataset, or DataValidationError listing every problem (each FILE:ROW:COLUMN)."""
    directory = Path(directory)
    try:
        return _load(directory, bundled)
    except DataValidationError:
        raise
    except Exception as err:  # any failure, a bug in a reader included, is this folder's refusal
        # A folder must never stop the server from starting: say it in one line; the log keeps the detail.
        log.warning("data folder %s could not be read", printable(directory), exc_info=True)
        raise DataValidationError([Problem(str(directory), 0, "-", _("could not be read ({error})",
                                                                      error=type(err).__name__))]) from None


def refusal_lines(directory: str | Path, problems: Iterable[Problem]) -> list[str]:
    """What the console and the log say about a refused data folder, control characters escaped.
    (The page says only that the bundled data is shown: no path and no file content reach a visitor.)"""
    problems = list(problems)
    # English keeps 'problem(s)' in both forms (its wording is fixed); other languages give each form
    return [ngettext("The data in {folder} has {n} problem(s); serving the bundled data:",
                     "The data in {folder} has {n} problem(s); serving the bundled data:", len(problems),
                     folder=printable(directory)),
            *(f"  {printable(p)}" for p in problems)]


def report_refusal(directory: str | Path, problems: Iterable[Problem], stream: TextIO | None = None) -> None:
    """Print refusal_lines on the console (stderr) and, where logging is set up (gunicorn), in the log."""
    lines = refusal_lines(directory, problems)
    print("\n".join(lines), file=stream or sys.stderr)
    if log.hasHandlers():
        log.warning("%s", "\n".join(lines))
