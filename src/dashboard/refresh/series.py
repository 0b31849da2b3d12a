"""What one publisher table gives, in the app's terms: figures, and what was held back and why.

Each table (Eurostat's, an office's) knows how to ask for itself and how to read its answer: ``answer``
runs its exchanges through ``ask`` (a table read from its metadata asks twice, an office with a fallback
interface may ask again elsewhere) and returns the data query, its body and the reader for it; everything
after that is the same for all of them. ``ask`` is the network on a normal run and the cached answers of
the last run with ``--offline``, so both take the same path through the same answers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from dashboard.refresh.http import Request
from dashboard.refresh.jsonstat import Cube
from dashboard.refresh.places import Places
from dashboard.refresh.settings import Settings

Ask = Callable[[Request], bytes]  # the body of one answer; FetchError when there is none


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


class SeriesFailed(Exception):
    """No interface of the series gave an answer that can be read; the message says what each one did."""


@dataclass
class Answer:
    """The data query a series' figures come from, its answer, and how to read it."""

    request: Request
    body: bytes
    read: Callable[[Cube, Places], Extract]
    via: str = ""  # the interface that answered, when a table can be read through more than one
    fallbacks: list[str] = field(default_factory=list)  # the interfaces tried first, and why they failed


class Series(Protocol):
    """One table of one publisher: ``key`` names it in source ids, the cache and messages."""

    @property
    def key(self) -> str: ...

    @property
    def publisher(self) -> str: ...

    @property
    def code(self) -> str: ...

    @property
    def title(self) -> str: ...

    def answer(self, settings: Settings, places: Places, ask: Ask) -> Answer: ...


def flag_words(status: str, labels: dict[str, str] | None = None, known: dict[str, str] | None = None,
               letters: bool = True) -> str:
    """'p (provisional)', 'b (break in time series), e (estimated)': each flag with its meaning. Eurostat's
    flags are letters that combine ('bp'); other publishers' symbols ('..', ':') are read whole."""
    words = []
    for letter in (status.strip() if letters else [status.strip()] if status.strip() else []):
        meaning = (labels or {}).get(letter) or (known or {}).get(letter)
        words.append(f"{letter} ({meaning})" if meaning else letter)
    return ", ".join(words) if words else ""
