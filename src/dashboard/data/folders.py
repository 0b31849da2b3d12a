"""One entry point for any data folder: a complete one (the four tables) or an overlay of user
figures on the bundled data (values.csv, optionally sources.csv and regions.csv)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dashboard.data.dataset import Dataset
from dashboard.data.loader import load_dataset
from dashboard.data.overlay import apply_overlay, folder_source, is_complete_folder, read_user_folder
from dashboard.data.problems import DataValidationError, Problem
from dashboard.paths import BUNDLED_DATA_DIR


@dataclass(frozen=True)
class Loaded:
    dataset: Dataset
    kind: str  # "complete" or "overlay"
    notes: list[str] = field(default_factory=list)


def load_data_folder(directory: str | Path, bundled: Dataset | None = None) -> Loaded:
    directory = Path(directory)
    if not directory.is_dir():
        raise DataValidationError([Problem(str(directory), 0, "-", "not a folder")])
    if is_complete_folder(directory):
        return Loaded(load_dataset(directory), "complete")
    base = bundled or load_dataset(BUNDLED_DATA_DIR)
    result = apply_overlay(base, read_user_folder(directory), folder_source(directory))
    return Loaded(result.dataset, "overlay", result.notes)
