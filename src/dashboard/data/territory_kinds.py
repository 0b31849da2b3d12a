"""The kinds of territory a figure can describe, as territory_kinds.csv declares them: one row per kind with
its preference rank, its names, its KPI-card badge, the basis ('Compare on') that compares it and its file-name
slug, and the coarse territory type of a user's table that means it. Every label of a kind is read here.

A folder without territory_kinds.csv takes the bundled table (``Dataset.territory_kinds``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from dashboard.data import validate as v
from dashboard.data.problems import DataValidationError
from dashboard.data.reader import LINE, read_table
from dashboard.data.schema import TERRITORY_KIND_TABLE
from dashboard.data.translations import KIND_TEXTS, NO_TEXTS, KnownIds, Texts, read_texts
from dashboard.i18n import current_language

# The kinds the code gives a meaning of its own to; every territory_kinds.csv must have them.
EUROSTAT_METRO = "eurostat_metro"  # a wording holding a Eurostat metro code (DE001MC) names one
CITY = "city"  # the core city: the 'core cities' basis, the context figure under a region's headline
COUNTRY = "country"  # national totals
UNSPECIFIED = "unspecified"  # a territory nobody defined: a user's 'metro' wording without a Eurostat code
NEEDED_KINDS = (EUROSTAT_METRO, CITY, COUNTRY, UNSPECIFIED)
UNKNOWN_RANK = 99  # a kind the table does not know comes last


@dataclass(frozen=True)
class TerritoryKind:
    """One row of territory_kinds.csv."""

    kind: str
    rank: int
    label: str
    short_label: str = ""
    badge: str = ""
    badge_colour: str = ""
    badge_why: str = ""
    basis: str = ""
    basis_slug: str = ""
    wording: str = ""


@dataclass(frozen=True)
class TerritoryKinds:
    """Every kind, most preferred first ('as each region reports' shows a region's first kind with a figure).

    ``texts``: the kinds' labels and badges in the other languages (i18n/<lang>/territory_kinds.csv); the
    labels follow the current language, English (``rows``) where a language has none."""

    rows: tuple[TerritoryKind, ...]
    texts: Texts = field(default=NO_TEXTS, repr=False, compare=False)
    _by_kind: Mapping[str, TerritoryKind] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        rows = tuple(sorted(self.rows, key=lambda r: r.rank))
        object.__setattr__(self, "rows", rows)
        object.__setattr__(self, "_by_kind", MappingProxyType({r.kind: r for r in rows}))

    def __contains__(self, kind: object) -> bool:
        return kind in self._by_kind

    def get(self, kind: str) -> TerritoryKind | None:
        return self._by_kind.get(kind)

    @property
    def order(self) -> tuple[str, ...]:
        """The kinds, most preferred first."""
        return tuple(r.kind for r in self.rows)

    @property
    def ranks(self) -> Mapping[str, int]:
        return MappingProxyType({r.kind: r.rank for r in self.rows})

    def rank(self, kind: str) -> int:
        row = self._by_kind.get(kind)
        return row.rank if row is not None else UNKNOWN_RANK

    def with_texts(self, texts: Texts) -> TerritoryKinds:
        """The same kinds speaking the languages of ``texts``."""
        return TerritoryKinds(self.rows, texts)

    def _text(self, row: TerritoryKind, column: str) -> str:
        """The column of the row in the current language; English where the language has no text."""
        lang = current_language()
        return self.texts.text(KIND_TEXTS.file, lang, row.kind, column) or str(getattr(row, column))

    def label(self, kind: str) -> str:
        """'core city', 'Eurostat metropolitan region' (the kind's id when the table does not know it), in the
        current language."""
        row = self._by_kind.get(kind)
        return (self._text(row, "label") or kind) if row is not None else kind

    def short_label(self, kind: str) -> str:
        """'Eurostat metro region', 'county': where room is short (a printed card); else the label."""
        row = self._by_kind.get(kind)
        return (self._text(row, "short_label") or self.label(kind)) if row is not None else self.label(kind)

    def badge(self, kind: str) -> tuple[str, str, str] | None:
        """(text, colour, tooltip) of the KPI card's badge for a figure of this kind; None: no badge. Whether a
        kind has a badge is English's (``badge``); its words follow the current language."""
        row = self._by_kind.get(kind)
        if row is None or not row.badge:
            return None
        return self._text(row, "badge"), row.badge_colour or "secondary", self._text(row, "badge_why")

    def basis_of(self, kind: str) -> str:
        """The basis ('Compare on' choice) whose comparisons take figures of this kind; '' for none."""
        row = self._by_kind.get(kind)
        return row.basis if row is not None else ""

    @property
    def bases(self) -> tuple[str, ...]:
        """The like-with-like bases the kinds are compared on, in the order of their first kind."""
        return tuple(dict.fromkeys(r.basis for r in self.rows if r.basis))

    def basis_slug(self, basis: str) -> str:
        """The file-name slug of a like-with-like basis ('core-cities'); '' when no kind gives one."""
        return next((r.basis_slug for r in self.rows if r.basis == basis and r.basis_slug), "")

    def for_wording(self, coarse: str) -> str | None:
        """The kind a user's coarse territory type ('city', 'wider', 'metro') means; None when none does."""
        return next((r.kind for r in self.rows if coarse and r.wording == coarse), None)


def _cell(row: Mapping[str, object], name: str) -> str:
    value = row.get(name, "")
    return "" if value is None or value != value else str(value).strip()


def kinds_from_rows(rows: Iterable[Mapping[str, object]]) -> TerritoryKinds:
    """The table from checked rows (text cells, as the loader reads them)."""
    return TerritoryKinds(tuple(
        TerritoryKind(kind=_cell(r, "kind"), rank=int(float(_cell(r, "rank"))), label=_cell(r, "label"),
                      short_label=_cell(r, "short_label"), badge=_cell(r, "badge"),
                      badge_colour=_cell(r, "badge_colour"), badge_why=_cell(r, "badge_why"),
                      basis=_cell(r, "basis"), basis_slug=_cell(r, "basis_slug"), wording=_cell(r, "wording"))
        for r in rows))


@lru_cache(maxsize=1)
def bundled_territory_kinds() -> TerritoryKinds:
    """data/territory_kinds.csv, checked, with its translations (data/i18n/<lang>/territory_kinds.csv): the kinds
    of a folder (or an upload) that declares none. Cached once for every language: the labels are looked up
    in the current language when asked for."""
    from dashboard.paths import BUNDLED_DATA_DIR  # plotly's version comes with it: only when needed

    path = BUNDLED_DATA_DIR / TERRITORY_KIND_TABLE.file
    frame, problems = read_table(path, str(path), {})
    if frame is not None:
        problems += v.check_header(frame, TERRITORY_KIND_TABLE, str(path))
        problems += v.check_cells(frame, TERRITORY_KIND_TABLE, str(path))
        problems += v.check_unique(frame, TERRITORY_KIND_TABLE, str(path))
        problems += v.check_territory_kinds(frame, str(path), NEEDED_KINDS)
    if frame is None or problems:
        raise DataValidationError(problems)
    kinds = kinds_from_rows(frame.drop(columns=LINE).to_dict(orient="records"))
    texts, problems = read_texts(BUNDLED_DATA_DIR, KnownIds(kinds=frozenset(kinds.order)), (KIND_TEXTS,))
    if problems:
        raise DataValidationError(problems)
    return kinds.with_texts(texts)


__all__ = ["CITY", "COUNTRY", "EUROSTAT_METRO", "NEEDED_KINDS", "UNSPECIFIED", "TerritoryKind", "TerritoryKinds",
           "bundled_territory_kinds", "kinds_from_rows"]
