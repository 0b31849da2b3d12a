"""One figure of values.csv with its citation: what every layer above the data passes around."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One figure from values.csv, with everything needed to cite it.

    ``territory`` is the territory's display name (territories.csv), ``wording`` the source's own words.
    """

    region_id: str
    indicator_id: str
    edition: str
    year: int
    year_approx: bool
    value: float
    qualifier: str
    territory_id: str
    territory: str
    territory_kind: str
    series_break: bool
    source_id: str
    note: str
    wording: str = ""
