"""Say when a comparison mixes kinds of territory or years far apart, instead of hiding it."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.data import Dataset
from dashboard.measures import Point

MAX_YEAR_SPREAD = 3
TYPE_LABELS = {"metro": "metro region", "city": "city", "wider": "wider area", "country": "country"}


@dataclass(frozen=True)
class Comparability:
    mixed_territories: bool
    year_range: tuple[int, int] | None
    footnote: str

    @property
    def years_apart(self) -> bool:
        return bool(self.year_range and self.year_range[1] - self.year_range[0] > MAX_YEAR_SPREAD)

    @property
    def badges(self) -> list[tuple[str, str]]:
        """(text, tooltip) pairs for the chart card."""
        out = []
        if self.mixed_territories:
            out.append(("Mixed territories", "The figures describe different kinds of territory."))
        if self.years_apart:
            out.append((f"Years {self.year_range[0]}–{self.year_range[1]}",
                        f"The figures are more than {MAX_YEAR_SPREAD} years apart."))
        return out


def assess(dataset: Dataset, points: list[Point]) -> Comparability:
    shown = [p for p in points if p.value is not None]
    types = {p.territory_type for p in shown}
    years = [p.year for p in shown if p.year is not None]
    year_range = (min(years), max(years)) if years else None
    parts = []
    mixed = len(types) > 1
    if mixed:
        for kind in ("metro", "city", "wider"):
            names = [f"{dataset.region_name(p.region_id)} ({p.territory}, {p.year})" for p in shown
                     if p.territory_type == kind]
            if names:
                parts.append(f"{TYPE_LABELS[kind].capitalize()} figures: {'; '.join(names)}.")
    if year_range and year_range[1] - year_range[0] > MAX_YEAR_SPREAD:
        parts.append("Years: " + ", ".join(f"{dataset.region_name(p.region_id)} {p.year}" for p in shown) + ".")
    return Comparability(mixed, year_range, " ".join(parts))
