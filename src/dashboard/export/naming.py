"""File names that say what a file is: ``helsinki-vs-peers_gdp-per-inhabitant_2021.png``."""

from __future__ import annotations

import re
import unicodedata

from dashboard.data import Dataset
from dashboard.measures import effective_measure
from dashboard.state import ViewState

MEASURE_SLUG = {"absolute": "", "per_capita": "per-inhabitant", "share": "share-of-national",
                "index": "index-peers-100"}


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def view_stem(dataset: Dataset, state: ViewState, chart: str, indicator: str, year_text: str) -> str:
    measure = effective_measure(dataset, indicator, state.measure)
    what = "-".join(p for p in (slug(str(dataset.indicator(indicator)["short_label"])), MEASURE_SLUG[measure]) if p)
    who = f"{slug(dataset.region_name(state.focus))}-vs-peers"
    parts = [who, what if chart in ("ranking", "map", "trend") else slug(chart), year_text]
    return "_".join(p for p in parts if p)
