"""The figures a profile states, and the few values it derives from them by a stated rule (model.RULES).

The lookups follow the page: the edition's default figure on a region's widest territory
(``Dataset.figure``), shares as ``measures`` makes them (the source's own share of the figure's
territory and year, else one computed from a national total of the same year), per-inhabitant values
divided by the population of the same territory and year, peers compared on one basis.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from statistics import median

from dashboard.data import Dataset
from dashboard.data.dataset import Figure
from dashboard.data.schema import EDITION_REFERENCE_YEAR
from dashboard.measures import national_total, round_derived
from dashboard.profile.model import Derived, Fact

THEN, NOW = "baltmet", "recent"
MIN_PEERS = 2  # a median of one peer is that peer: say nothing rather than dress it up


def named(dataset: Dataset, found: Figure | None) -> Figure | None:
    """The figure with its territory named in the current language, as the profile's sentences state it (the
    Dataset's figures keep the English name; a territory the tables do not list keeps it too)."""
    if found is None:
        return None
    try:
        name = dataset.territory_name(found.territory_id)
    except (KeyError, ValueError):
        return found
    return found if not name or name == found.territory else replace(found, territory=name)


def has(dataset: Dataset, indicator: str) -> bool:
    return indicator in dataset.indicators.index


def figure(dataset: Dataset, region: str, indicator: str, edition: str, basis: str = "reported") -> Figure | None:
    """The edition's figure (nearest 2007, or the latest) as the page shows it; None when the data has none."""
    return named(dataset, dataset.figure(region, indicator, edition, basis=basis)) if has(dataset, indicator) else None


def derived(rule: str, value: float, inputs: tuple[Fact, ...], like: Fact | None = None, **extra) -> Derived:
    """A Derived standing where ``like`` (default: its first input) stands."""
    where = like or inputs[0]
    return Derived(rule=rule, value=value, inputs=inputs, year=where.year, year_approx=where.year_approx,
                   qualifier=extra.pop("qualifier", where.qualifier), territory_id=where.territory_id,
                   territory=where.territory, territory_kind=where.territory_kind, **extra)


def share_of_nation(dataset: Dataset, region: str, indicator: str, edition: str) -> Fact | None:
    """The region's share of the national total of ``indicator``: reported for the headline's territory and
    year, else computed from a national total of that year, else the share the region reports elsewhere."""
    if not has(dataset, indicator):
        return None
    declared = dataset.indicator(indicator)
    head = figure(dataset, region, indicator, edition)
    share_id = declared.reported_share if has(dataset, declared.reported_share) else ""
    if head is not None and share_id:
        reported = named(dataset, dataset.figure_on(region, share_id, edition, head.year, head.territory_id))
        if reported is not None:
            return reported
    if head is not None and has(dataset, declared.national_total):
        total = national_total(dataset, region, declared.national_total, edition, head)
        if total is not None and total.value > 0:
            value = round_derived(head.value / total.value * 100, head.value, total.value)
            return derived("share", value, (head, total), qualifier=head.qualifier or total.qualifier)
    return figure(dataset, region, share_id, edition) if share_id else None


def per_inhabitant(dataset: Dataset, region: str, indicator: str, edition: str, basis: str) -> Derived | None:
    """The figure divided by the population of the same territory and year (measures' per-inhabitant rule)."""
    declared = dataset.indicator(indicator)
    head = figure(dataset, region, indicator, edition, basis)
    if head is None or not has(dataset, declared.per_capita_base):
        return None
    base = named(dataset, dataset.figure_on(region, declared.per_capita_base, edition, head.year, head.territory_id))
    if base is None or base.value <= 0:
        return None
    value = round_derived(head.value * declared.per_capita_scale / base.value, head.value, base.value)
    return derived("per_inhabitant", value, (head, base), qualifier=head.qualifier or base.qualifier,
                   scale=declared.per_capita_scale)


def above_average(index: Figure, rule: str) -> Derived:
    """Index 144 (average = 100) -> 44: how far above (or, negative, below) the average."""
    return derived(rule, round(index.value - 100, 6), (index,))


@dataclass(frozen=True)
class PeerComparison:
    focus: Fact
    peers: tuple[Fact, ...]
    basis: str
    median: Derived
    difference: Derived
    count: Derived
    rank: Derived
    total: Derived  # how many were ranked (the focus and its peers with a figure)


def compare_with_peers(focus: Fact, peers: tuple[Fact, ...], basis: str) -> PeerComparison | None:
    """The peers' median, the focus's distance from it (in %), and its rank; None with fewer than two peers."""
    if len(peers) < MIN_PEERS:
        return None
    values = [p.value for p in peers]
    mid = derived("median", round_derived(median(values), *values), peers, like=focus)
    if not mid.value:
        return None
    diff = derived("difference", round((focus.value - mid.value) / mid.value * 100), (focus, mid))
    ranked = sorted((focus, *peers), key=lambda f: -f.value)
    rank = derived("rank", ranked.index(focus) + 1, (focus, *peers))
    return PeerComparison(focus, peers, basis, mid, diff, derived("count", len(peers), peers, like=focus), rank,
                          derived("count", len(ranked), (focus, *peers)))


def per_inhabitant_vs_peers(dataset: Dataset, region: str, peers: tuple[str, ...], indicator: str,
                            edition: str) -> tuple[Derived | None, PeerComparison | None]:
    """Per inhabitant on the indicator's default basis (else core cities), against the peers on that basis."""
    first = dataset.default_basis(indicator, edition)
    for basis in dict.fromkeys((first, "city") if first != "reported" else (first,)):
        mine = per_inhabitant(dataset, region, indicator, edition, basis)
        if mine is None:
            continue
        others = tuple(p for p in (per_inhabitant(dataset, r, indicator, edition, basis) for r in peers
                                   if r != region) if p is not None)
        return mine, compare_with_peers(mine, others, basis)
    return None, None


def _nearest(figures: list[Figure], edition: str) -> Figure:
    reference = EDITION_REFERENCE_YEAR.get(edition)
    if reference is None:
        return max(figures, key=lambda f: f.year)
    return min(figures, key=lambda f: (abs(f.year - reference), f.year))


def change(then: Figure, now: Figure) -> Derived | None:
    """The change in per cent between two figures of one territory; None for a bound ('more than')."""
    bounds = ("lower_bound", "upper_bound")
    if then.qualifier in bounds or now.qualifier in bounds or not then.value:
        return None
    value = round((now.value - then.value) / then.value * 100)
    return derived("change", value, (then, now), like=now, qualifier=then.qualifier or now.qualifier)


def breaks_between(dataset: Dataset, then: Figure, now: Figure) -> bool:
    """Whether the territory's series changes method between the two figures (a series_break after ``then``)."""
    later = [f for ed in (THEN, NOW) for f in dataset.series(then.region_id, then.indicator_id, ed)
             if f.territory_id == then.territory_id and then.year < f.year <= now.year]
    return any(f.series_break for f in later)


def same_territory_pair(dataset: Dataset, region: str, indicator: str, prefer: tuple[str, ...]
                        ) -> tuple[Figure, Figure] | None:
    """A c. 2007 and a recent figure of one territory (the headline's first, else by kind), if any."""
    then_by = {}
    for f in dataset.series(region, indicator, THEN):
        then_by.setdefault(f.territory_id, []).append(named(dataset, f))
    now_by = {}
    for f in dataset.series(region, indicator, NOW):
        now_by.setdefault(f.territory_id, []).append(named(dataset, f))
    common = [t for t in then_by if t in now_by]
    if not common:
        return None
    common.sort(key=lambda t: (t not in prefer, prefer.index(t) if t in prefer else 0,
                               dataset.kinds.rank(then_by[t][0].territory_kind)))
    territory = common[0]
    return _nearest(then_by[territory], THEN), _nearest(now_by[territory], NOW)
