"""Say what a comparison compares: its basis, and every mark whose territory or year differs.

On a like-with-like basis (Eurostat metro regions, core cities) every shown figure is of one kind of
territory. 'As each region reports' may mix kinds: then each mark whose kind differs from the majority
is marked on the mark itself (see ``odd``), and the footnote names them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from dashboard.data import Dataset
from dashboard.data.schema import BASES, TERRITORY_KINDS
from dashboard.formatting import format_year
from dashboard.measures import Point

MAX_YEAR_SPREAD = 3


@dataclass(frozen=True)
class Comparability:
    mixed_territories: bool
    year_range: tuple[int, int] | None
    footnote: str
    basis: str = "reported"
    majority_kind: str = ""
    odd: frozenset[str] = frozenset()  # region ids whose territory kind differs from the majority
    other_year: frozenset[str] = frozenset()  # region ids whose figure is of another year than the majority's

    @property
    def years_apart(self) -> bool:
        return bool(self.year_range and self.year_range[1] - self.year_range[0] > MAX_YEAR_SPREAD)

    @property
    def basis_label(self) -> str:
        return f"Compared on: {BASES.get(self.basis, self.basis)}"


    @property
    def badges(self) -> list[tuple[str, str]]:
        """(text, tooltip) pairs for the chart card."""
        out = []
        if self.mixed_territories:
            out.append(("Mixed territories", "The figures describe different kinds of territory; hatched or "
                                             "labelled marks differ from the majority."))
        if self.years_apart:
            out.append((f"Years {self.year_range[0]}–{self.year_range[1]}",
                        f"The figures are more than {MAX_YEAR_SPREAD} years apart."))
        return out


def compared(basis: str) -> str:
    """'compared on core cities', 'compared as each region reports'."""
    return "compared as each region reports" if basis == "reported" else f"compared on {BASES.get(basis, basis)}"


def kind_label(kind: str) -> str:
    return TERRITORY_KINDS.get(kind, kind)


def assess(dataset: Dataset, points: list[Point], basis: str = "reported", years: str = "marked") -> Comparability:
    """How the points compare. ``years``: 'marked' for one indicator at one moment (ranking, map, shares): a
    figure of another year than most is named in the footnote and on its mark; 'listed' for a scatter, whose
    two indicators may differ in year by design: only a spread of more than MAX_YEAR_SPREAD is listed;
    'none' for a trend, whose points span years by design."""
    shown = [p for p in points if p.value is not None]
    kinds = Counter(p.territory_kind for p in shown)
    known = [p.year for p in shown if p.year is not None]
    year_range = (min(known), max(known)) if known else None
    majority = kinds.most_common(1)[0][0] if kinds else ""
    odd = frozenset(p.region_id for p in shown if p.territory_kind != majority)
    counted = Counter(known)
    usual = max(counted, key=lambda y: (counted[y], y)) if counted else None  # on a tie, the later year
    other_year = frozenset(p.region_id for p in shown if p.year is not None and p.year != usual
                           and years == "marked")
    parts = []
    if len(kinds) > 1:
        for kind in TERRITORY_KINDS:
            names = [f"{dataset.region_name(p.region_id)} ({p.territory}, {p.year})" for p in shown
                     if p.territory_kind == kind]
            if names:
                parts.append(f"{kind_label(kind).capitalize()}: {'; '.join(names)}.")
    if years == "none":
        pass
    elif year_range and year_range[1] - year_range[0] > MAX_YEAR_SPREAD:
        parts.append("Years: " + ", ".join(f"{dataset.region_name(p.region_id)} {p.year}" for p in shown) + ".")
    elif other_year:
        named = [f"{dataset.region_name(p.region_id)} {format_year(p.year, p.year_approx)}" for p in shown
                 if p.year is not None and p.region_id in other_year]
        parts.append(f"Not {usual}: {', '.join(named)} (the year is on the mark).")
    return Comparability(len(kinds) > 1, year_range, " ".join(parts), basis, majority, odd, other_year)
