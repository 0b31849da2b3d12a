"""Files -> validated, immutable Dataset. Nothing else in the app reads data files."""

from dashboard.data.dataset import Dataset
from dashboard.data.loader import load_dataset
from dashboard.data.problems import DataValidationError, Problem

__all__ = ["DataValidationError", "Dataset", "Problem", "load_dataset"]
