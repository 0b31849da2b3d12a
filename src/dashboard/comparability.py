"""Say what a comparison compares: its basis, and every mark whose territory or year differs.

On a like-with-like basis (Eurostat metro regions, core cities) every shown figure is of one kind of
territory. 'As each region reports' may mix kinds: then each mark whose kind differs from the majority
is marked on the mark itself (see ``odd``), and the footnote names them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from dashboard.data import Dataset
from dashboard.data.territory_kinds import bundled_territory_kinds
from dashboard.formatting import format_year
from dashboard.i18n import N_, _, ngettext
from dashboard.measures import Point, basis_name

MAX_YEAR_SPREAD = 3
# 'compared on ...' per basis: whole phrases, since a basis's name does not always follow 'on' (BASES)
_COMPARED = {
    "eurostat_metro": N_("compared on Eurostat metropolitan regions"),
    "city": N_("compared on core cities"),
    "reported": N_("compared as each region reports"),
}


def sentence_start(text: str) -> str:
    """``text`` with its first letter a capital, the rest as it is (a data label opening a sentence: 'core city'
    -> 'Core city'; never lowercases the rest, as str.capitalize would a German noun or 'NUTS')."""
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Comparability:
    mixed_territories: bool
    year_range: tuple[int, int] | None
    footnote: str
    basis: str = "reported"
    majority_kind: str = ""
    odd: frozenset[str] = frozenset()  # region ids whose territory kind differs from the majority
    other_year: frozenset[str] = frozenset()  # region ids whose figure is of another year than the majority's
    assumed: frozenset[str] = frozenset()  # region ids whose metro region's NUTS 3 composition is assumed

    @property
    def years_apart(self) -> bool:
        return bool(self.year_range and self.year_range[1] - self.year_range[0] > MAX_YEAR_SPREAD)

    @property
    def basis_label(self) -> str:
        return _("Compared on: {basis}", basis=basis_name(self.basis))


    @property
    def badges(self) -> list[tuple[str, str]]:
        """(text, tooltip) pairs for the chart card."""
        out = []
        if self.mixed_territories:
            out.append((_("Mixed territories"), _("The figures describe different kinds of territory; hatched or "
                                                  "labelled marks differ from the majority.")))
        if self.years_apart:
            out.append((_("Years {first}–{last}", first=self.year_range[0], last=self.year_range[1]),
                        ngettext("The figures are more than {n} year apart.",
                                 "The figures are more than {n} years apart.", MAX_YEAR_SPREAD)))
        return out


def compared(basis: str) -> str:
    """'compared on core cities', 'compared as each region reports'."""
    if basis in _COMPARED:
        return _(_COMPARED[basis])
    return _("compared on {basis}", basis=basis_name(basis))


def kind_label(kind: str, dataset: Dataset | None = None) -> str:
    """'core city': the kind's label in the dataset's territory_kinds.csv (without a dataset, the bundled one)."""
    if dataset is None:
        return bundled_territory_kinds().label(kind)
    return dataset.kinds.label(kind)


YEAR_RULES = ("marked", "listed", "none")


def assess(dataset: Dataset, points: list[Point], basis: str = "reported", years: str = "marked") -> Comparability:
    """How the points compare. ``years``: 'marked' for one indicator at one moment (ranking, map): where more
    than half the figures share a year, each other one is named in the footnote and carries its year on its
    mark; where no year has a majority, every mark carries its year. 'listed' for a scatter or the shares
    chart, whose series may differ in year by design: only a spread of more than MAX_YEAR_SPREAD is listed.
    'none' for a trend, whose points span years by design."""
    if years not in YEAR_RULES:
        raise ValueError(f"years must be one of {YEAR_RULES}, not {years!r}")
    shown = [p for p in points if p.value is not None]
    kinds = Counter(p.territory_kind for p in shown)
    known = [p.year for p in shown if p.year is not None]
    year_range = (min(known), max(known)) if known else None
    ranked = kinds.most_common(2)
    tied = len(ranked) == 2 and ranked[0][1] == ranked[1][1]  # no kind is the norm: every mark says its kind
    majority = ranked[0][0] if ranked and not tied else ""
    odd = frozenset(p.region_id for p in shown if p.territory_kind != majority) if len(kinds) > 1 else frozenset()
    counted = Counter(known)
    usual = next((y for y, n in counted.items() if n * 2 > len(known)), None)  # a year most figures share
    other_year = frozenset(p.region_id for p in shown if years == "marked" and p.year is not None
                           and p.year != usual and len(counted) > 1)
    parts = []
    if len(kinds) > 1:
        for kind in dataset.kinds.order:
            # a trend has a point per year: each region's territory is named once, without the years
            names = list(dict.fromkeys(
                _("{region} ({territory})", region=dataset.region_name(p.region_id), territory=p.territory)
                if years == "none" else
                _("{region} ({territory}, {year})", region=dataset.region_name(p.region_id), territory=p.territory,
                  year=p.year)
                for p in shown if p.territory_kind == kind))
            if names:
                # Translators: a footnote's sentence: a kind of territory, then the regions of that kind
                parts.append(_("{kind}: {regions}.", kind=sentence_start(kind_label(kind, dataset)),
                               regions="; ".join(names)))
    if years == "none":
        pass
    elif year_range and year_range[1] - year_range[0] > MAX_YEAR_SPREAD:
        parts.append(_("Years: {regions}.", regions=", ".join(
            _("{region} {year}", region=dataset.region_name(p.region_id), year=p.year) for p in shown)))
    elif other_year and usual is not None:
        named = [_("{region} {year}", region=dataset.region_name(p.region_id),
                   year=format_year(p.year, p.year_approx)) for p in shown
                 if p.year is not None and p.region_id in other_year]
        # Translators: a footnote: the figures of another year than most ('Not 2021: Riga 2020 (the year ...)')
        parts.append(_("Not {year}: {regions} (the year is on the mark).", year=usual, regions=", ".join(named)))
    elif other_year:
        parts.append(_("No year is shared by most figures: each mark carries its year."))
    assumed = frozenset(p.region_id for p in shown if dataset.composition_assumed(p.territory_id))
    if assumed:
        names = ", ".join(dict.fromkeys(dataset.region_name(p.region_id) for p in shown if p.region_id in assumed))
        parts.append(_("Composition assumed: {regions} (a sum of NUTS 3 regions not verified against Eurostat's "
                       "metro-region table; marked on the mark).", regions=names))
    return Comparability(len(kinds) > 1, year_range, " ".join(parts), basis, majority, odd, other_year, assumed)
