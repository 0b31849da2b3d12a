"""What one publisher table gives, in the app's terms: figures, and what was held back and why.

Each table (Eurostat's, an office's) knows how to ask for itself (``request``) and how to read its answer
(``extract``); everything after that is the same for all of them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from dashboard.refresh.http import Request
from dashboard.refresh.jsonstat import Cube
from dashboard.refresh.places import Places


@dataclass(frozen=True)
class Figure:
    """One figure as the publisher gives it, placed on a region and territory."""

    region_id: str
    indicator_id: str
    year: int
    value: Decimal
    territory_id: str
    territory: str  # the publisher's own words for the area
    detail: str  # which cell of the table: codes, unit, reference date
    flags: str = ""  # the publisher's flags with their meaning, e.g. "p (provisional)"
    series_break: bool = False


@dataclass
class Extract:
    figures: list[Figure] = field(default_factory=list)
    held_back: Counter[str] = field(default_factory=Counter)  # reason -> how many cells


class Series(Protocol):
    """One query to one publisher: ``key`` names it in source ids, the cache and messages."""

    @property
    def key(self) -> str: ...

    @property
    def publisher(self) -> str: ...

    @property
    def base(self) -> str: ...  # the Settings.base_urls key

    @property
    def code(self) -> str: ...

    @property
    def title(self) -> str: ...

    def request(self, base_url: str, places: Places) -> Request: ...

    def extract(self, cube: Cube, places: Places) -> Extract: ...


def flag_words(status: str, labels: dict[str, str] | None = None, known: dict[str, str] | None = None,
               letters: bool = True) -> str:
    """'p (provisional)', 'b (break in time series), e (estimated)': each flag with its meaning. Eurostat's
    flags are letters that combine ('bp'); other publishers' symbols ('..', ':') are read whole."""
    words = []
    for letter in (status.strip() if letters else [status.strip()] if status.strip() else []):
        meaning = (labels or {}).get(letter) or (known or {}).get(letter)
        words.append(f"{letter} ({meaning})" if meaning else letter)
    return ", ".join(words) if words else ""
