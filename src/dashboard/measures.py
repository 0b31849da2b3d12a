"""The page's one measure switch: absolute, per inhabitant, share of the national total, index.

Every value is taken on one basis (a kind of territory, see ``Dataset.figure``). A derived value is
computed only from figures of the same edition, territory and year; otherwise the point is missing and
says why. Reported shares (a source's own percentage) count only for the figure's own territory.
Derived values are rounded to the significant digits their inputs support.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from math import floor, isfinite, log10
from statistics import fmean

from dashboard.data import Dataset
from dashboard.data.dataset import Figure
from dashboard.data.schema import BASES
from dashboard.formatting import format_number
from dashboard.i18n import N_, _, current_language, localise_number, ngettext, with_percent

# The measures' names (marked for the catalogs; shown through ``measure_label``, in the current language)
MEASURE_LABELS = {
    "absolute": N_("Absolute"),
    "per_capita": N_("Per inhabitant"),
    "share": N_("Share of national total"),
    "index": N_("Index (peers' average = 100)"),
    "change": N_("Change since a base year"),
    "change_pct": N_("% change since a base year"),
}


def measure_label(measure: str) -> str:
    """The measure's name in the current language ('Per inhabitant')."""
    return _(MEASURE_LABELS[measure]) if measure in MEASURE_LABELS else measure


def basis_name(basis: str) -> str:
    """The basis's name as schema.BASES gives it (marked there), in the current language ('core cities')."""
    return _(BASES[basis]) if basis in BASES else basis


CHANGE_MEASURES = ("change", "change_pct")  # need a base year: ViewState.since (None: see resolve_since)
DEFAULT_SINCE_SPAN = 10  # when no region's series allows a comparison: ten years before the shown year
MAX_DERIVED_DIGITS = 4
MIN_DERIVED_DIGITS = 3  # a ratio of rounded inputs still reads 6.92, not 7


@dataclass(frozen=True)
class Point:
    """One region's value in a chart, with its provenance; ``value`` None means missing (see ``missing``)."""

    region_id: str
    value: float | None
    year: int | None = None
    year_approx: bool = False
    qualifier: str = ""
    territory: str = ""
    territory_kind: str = ""
    source_ids: tuple[str, ...] = ()
    how: str = ""
    missing: str = ""
    territory_id: str = ""


def significant_digits(value: float) -> int:
    """Digits a reported figure carries: 1 300 000 -> 2, 98 660 -> 4, 0.25 -> 2 (trailing zeros of an
    integer are taken as rounding)."""
    if not value or not isfinite(value):
        return 1
    text = f"{abs(value):.10g}"
    if "e" in text:
        text = f"{abs(value):.0f}"
    digits = text.replace(".", "").lstrip("0")
    if "." not in text:
        digits = digits.rstrip("0")
    return max(1, len(digits))


def round_derived(value: float, *inputs: float) -> float:
    """Round a derived value to what its inputs support (no 63.1578947368421), at most 4 digits."""
    digits = min(MAX_DERIVED_DIGITS, *(significant_digits(i) for i in inputs)) if inputs else MAX_DERIVED_DIGITS
    return _round_to(value, digits)


def _round_to(value: float, digits: int) -> float:
    """``value`` to ``digits`` significant digits (never fewer than MIN_DERIVED_DIGITS)."""
    if not value or not isfinite(value):
        return value
    digits = max(MIN_DERIVED_DIGITS, digits)
    return round(value, digits - 1 - floor(log10(abs(value))))


def availability(dataset: Dataset, indicator_id: str) -> dict[str, str]:
    """measure -> '' when it applies to the indicator, else the reason it does not (shown beside it)."""
    row = dataset.indicator(indicator_id)
    reasons = {"absolute": "", "index": "", "change": "", "change_pct": ""}
    if row.per_capita_base:
        reasons["per_capita"] = ""
    elif row.kind in ("percent", "index"):
        reasons["per_capita"] = _("{indicator} is already a ratio.", indicator=row.short_label)
    else:
        reasons["per_capita"] = _("{indicator} has no per-inhabitant form.", indicator=row.short_label)
    if row.national_total or row.reported_share:
        reasons["share"] = ""
    else:
        reasons["share"] = _("The data has no national total or reported share for {indicator}.",
                             indicator=row.short_label)
    return reasons


def measure_unit(dataset: Dataset, indicator_id: str, measure: str) -> str:
    row = dataset.indicator(indicator_id)
    if measure == "per_capita":
        return row.per_capita_unit or _("{unit} per inhabitant", unit=row.unit)
    if measure == "share":
        # Translators: a unit, under a chart and after a value ('29% of national total')
        return _("% of national total")
    if measure == "index":
        return _("index, peers' average = 100")
    if measure == "change_pct":
        return _("% change")
    if measure == "change":
        # Translators: a unit: the change in the indicator's own unit ('change, persons')
        return _("change, {unit}", unit=row.unit)
    return row.unit


def measure_title(dataset: Dataset, indicator_id: str, measure: str, since: int | None = None) -> str:
    """What a chart of the indicator in the measure shows, for its title: 'Population', 'GDP per inhabitant',
    'Jobs, share of the national total', 'GDP, index (peers' average = 100)', 'Population, % change since 2015'."""
    row = dataset.indicator(indicator_id)
    short = row.short_label
    if measure == "change_pct":
        if since is None:
            return _("{indicator}, % change since the base year", indicator=short)
        return _("{indicator}, % change since {year}", indicator=short, year=since)
    if measure == "change":
        if since is None:
            return _("{indicator}, change since the base year", indicator=short)
        return _("{indicator}, change since {year}", indicator=short, year=since)
    if measure == "per_capita":
        if not row.per_capita_unit:
            return _("{indicator} per inhabitant", indicator=short)
        unit = row.per_capita_unit  # 'EUR per inhabitant' -> 'per inhabitant' (the data's own wording)
        per = unit[unit.index("per"):] if unit.startswith("per") or " per " in unit else unit
        # Translators: a chart's title: an indicator and its per-inhabitant unit ('GDP per inhabitant',
        # 'Jobs per 1 000 inhabitants'); the unit comes from the data tables
        return _("{indicator} {per_unit}", indicator=short, per_unit=per)
    if measure == "share":
        return _("{indicator}, share of the national total", indicator=short)
    if measure == "index":
        return _("{indicator}, index (peers' average = 100)", indicator=short)
    return row.label


def effective_measure(dataset: Dataset, indicator_id: str, measure: str) -> str:
    """The measure a chart can really show for this indicator: the page's, or absolute."""
    return measure if availability(dataset, indicator_id).get(measure, "x") == "" else "absolute"


def context_figure(dataset: Dataset, figure: Figure) -> Figure | None:
    """The figure shown beside a headline for context: the core city's under a wider territory, or the
    region's own wider (as reported) figure under a city headline. None when the region has no other."""
    if figure.territory_kind == "city":
        other = dataset.figure(figure.region_id, figure.indicator_id, figure.edition)
        return other if other is not None and other.territory_kind != "city" else None
    return dataset.figure(figure.region_id, figure.indicator_id, figure.edition, basis="city")


def resolve_basis(dataset: Dataset, basis: str, indicator_id: str, edition: str, measure: str = "absolute") -> str:
    """The view's basis, or (when it names none) the one that covers most regions for what is shown: the
    indicator in the measure (GDP per inhabitant needs a population of the same territory, so its best basis
    may differ from GDP's); a metropolitan region wins a tie."""
    if basis in BASES:
        return basis
    if measure != "per_capita" or not dataset.indicator(indicator_id).per_capita_base:
        return dataset.default_basis(indicator_id, edition)
    return _per_capita_basis(dataset, indicator_id, edition)


@lru_cache(maxsize=256)
def _per_capita_basis(dataset: Dataset, indicator_id: str, edition: str) -> str:
    """The like-with-like basis on which most regions have a per-inhabitant value (metro region on a tie);
    'as reported' when that covers fewer than half of the regions with any."""
    def covered(basis: str) -> int:
        return sum(region_point(dataset, r, indicator_id, edition, "per_capita", None, basis).value is not None
                   for r in dataset.region_ids)

    counts = {basis: covered(basis) for basis in dataset.kinds.bases}
    if not counts:
        return "reported"
    top = max(counts, key=lambda b: counts[b])  # the kinds' order: the metro region first, so it wins a tie
    return top if counts[top] and 2 * counts[top] >= covered("reported") else "reported"


def territory_name(dataset: Dataset | None, figure: Figure) -> str:
    """The figure's territory as a person reads it, in the current language ('Helsingin kaupunki').
    ``Figure.territory`` is the English name (or a user's own wording): it stays in what is written as data; a
    territory the tables do not know (a user's upload) keeps it here too."""
    if dataset is None or not figure.territory_id:
        return figure.territory
    try:
        return dataset.territory_name(figure.territory_id) or figure.territory
    except KeyError:
        return figure.territory


def point_of(figure: Figure, dataset: Dataset | None = None) -> Point:
    """A figure as it stands (absolute, not derived); its territory named in the current language when the
    ``dataset`` is given."""
    return _from_figure(dataset, figure, figure.value)


def _from_figure(dataset: Dataset | None, figure: Figure, value: float, how: str = "",
                 extra_sources: tuple[str, ...] = ()) -> Point:
    return Point(region_id=figure.region_id, value=value, year=figure.year, year_approx=figure.year_approx,
                 qualifier=figure.qualifier, territory=territory_name(dataset, figure),
                 territory_kind=figure.territory_kind, source_ids=(figure.source_id, *extra_sources), how=how,
                 territory_id=figure.territory_id)


def no_comparable(dataset: Dataset, region: str, indicator: str, edition: str, year: int | None,
                  basis: str) -> Point:
    """Missing on this basis: say so, and what the region has instead (never its other territory standing in)."""
    if basis != "reported":
        other = dataset.figure(region, indicator, edition, year)
        noted = dataset.region(region).get("no_eurostat_reason") if basis == "eurostat_metro" else ""
        # a user's region row may leave the column out (NaN): no reason then
        why = dataset.region_text(region, "no_eurostat_reason") if isinstance(noted, str) and noted else ""
        if other is not None:
            kind = dataset.kinds.label(other.territory_kind)
            values = {"basis": basis_name(basis), "territory": territory_name(dataset, other), "kind": kind,
                      "year": other.year}
            missing = (_("No comparable figure ({basis}): {why}; has {territory} ({kind}, {year}) instead.",
                         why=why, **values) if why else
                       _("No comparable figure ({basis}); has {territory} ({kind}, {year}) instead.", **values))
            return Point(region_id=region, value=None, missing=missing)
        if why:
            gap = dataset.gap_reason(region, indicator, edition)  # e.g. GDP in roubles only
            missing = (_("No comparable figure ({basis}): {why}. {gap}", basis=basis_name(basis), why=why, gap=gap)
                       if gap else _("No comparable figure ({basis}): {why}.", basis=basis_name(basis), why=why))
            return Point(region_id=region, value=None, missing=missing)
    reason = (_("No figure for {year}.", year=year) if year is not None
              else dataset.missing_reason(region, indicator, edition))
    return Point(region_id=region, value=None, missing=reason)


def _denominator(dataset: Dataset, region: str, base_id: str, edition: str, figure: Figure) -> Figure | None:
    """The per-inhabitant base of exactly the figure's territory and year, if there is a usable one."""
    base = dataset.figure_on(region, base_id, edition, figure.year, figure.territory_id)
    return base if base is not None and base.value > 0 else None


def region_point(dataset: Dataset, region: str, indicator: str, edition: str, measure: str,
                 year: int | None, basis: str = "reported") -> Point:
    """One region's value in a measure other than the index (which needs the other regions); its reasons and
    notes in the current language."""
    return _region_point(dataset, region, indicator, edition, measure, year, basis, current_language())


@lru_cache(maxsize=4096)
def _region_point(dataset: Dataset, region: str, indicator: str, edition: str, measure: str,
                  year: int | None, basis: str, lang: str) -> Point:
    """``region_point`` per language (``lang``: the cache key; the text is written in the current language)."""
    figure = dataset.figure(region, indicator, edition, year, basis)
    if measure == "share":
        return _share_point(dataset, region, indicator, edition, year, basis, figure)
    if figure is None:
        return no_comparable(dataset, region, indicator, edition, year, basis)
    if measure in ("absolute", "index"):
        return _from_figure(dataset, figure, figure.value)
    declared = dataset.indicator(indicator)
    if not declared.per_capita_base:
        return replace(no_comparable(dataset, region, indicator, edition, year, basis),
                       missing=availability(dataset, indicator)["per_capita"])
    base = _denominator(dataset, region, declared.per_capita_base, edition, figure)
    if base is None:  # the preferred figure has no population of its territory and year: the next that has
        for other in dataset.ranked(region, indicator, edition, basis, year):
            other_base = _denominator(dataset, region, declared.per_capita_base, edition, other)
            if other_base is not None:
                figure, base = other, other_base
                break
    if base is None:
        where = territory_name(dataset, figure)
        return Point(region_id=region, value=None, year=figure.year, territory=where,
                     territory_kind=figure.territory_kind, territory_id=figure.territory_id,
                     missing=_("No {what} for {territory} in {year} to divide by.",
                               what=_mid_sentence(dataset.indicator(declared.per_capita_base)),
                               territory=where, year=figure.year))
    value = round_derived(figure.value * declared.per_capita_scale / base.value, figure.value, base.value)
    # Translators: how a per-inhabitant value was computed; {indicator} is an id ('population')
    how = _("divided by {indicator} {year} ({territory})", indicator=base.indicator_id, year=base.year,
            territory=territory_name(dataset, base))
    point = _from_figure(dataset, figure, value, how=how, extra_sources=(base.source_id,))
    return replace(point, qualifier=figure.qualifier or base.qualifier)


def _mid_sentence(row) -> str:
    """How the data tables write an indicator inside a sentence ('population'): its ``share_label``, else its
    label as it stands (never lowercased here: the per-language tables write each language's form)."""
    return row.share_label or row.label


def national_total(dataset: Dataset, region: str, total_id: str, edition: str, figure: Figure) -> Figure | None:
    """The national total a share of ``figure`` divides by: of the same year, and from the same table and
    vintage where that source gives national totals at all (a Eurostat metro sum of the 2024 file is never
    divided by a country total of the 2023 file)."""
    same_year = [f for f in dataset.series(region, total_id, edition) if f.year == figure.year]
    if dataset.gives_national_totals(figure.source_id):
        return next((f for f in same_year if f.source_id == figure.source_id), None)
    return dataset.figure(region, total_id, edition, figure.year)


def _share_point(dataset: Dataset, region: str, indicator: str, edition: str, year: int | None, basis: str,
                 figure: Figure | None) -> Point:
    """A source's own share for the figure's year and territory first, then one computed from a national
    total of the same year, then the source's share (on the basis) for another year (its year shown)."""
    declared = dataset.indicator(indicator)
    share_id = declared.reported_share
    if figure is not None and share_id:
        reported = dataset.figure_on(region, share_id, edition, figure.year, figure.territory_id)
        if reported is not None:
            return _from_figure(dataset, reported, reported.value, how=_("share as reported by the source"))
    total_id = declared.national_total
    if figure is not None and total_id:
        total = national_total(dataset, region, total_id, edition, figure)
        if total is not None and total.value > 0:
            value = round_derived(figure.value / total.value * 100, figure.value, total.value)
            # Translators: how a share was computed: of a country's total ('computed: share of Finland 2021')
            how = _("computed: share of {territory} {year}", territory=territory_name(dataset, total),
                    year=total.year)
            point = _from_figure(dataset, figure, value, how=how,
                                 extra_sources=(total.source_id,))
            return replace(point, qualifier=figure.qualifier or total.qualifier)
    reported = dataset.figure(region, share_id, edition, year, basis) if share_id else None
    if reported is not None:
        return _from_figure(dataset, reported, reported.value, how=_("share as reported by the source"))
    if figure is None:
        return no_comparable(dataset, region, indicator, edition, year, basis)
    return Point(region_id=region, value=None, year=figure.year, territory=territory_name(dataset, figure),
                 territory_kind=figure.territory_kind, territory_id=figure.territory_id,
                 missing=_("No national total for {year} and no reported share.", year=figure.year))


def points(dataset: Dataset, regions: tuple[str, ...], indicator: str, edition: str, measure: str,
           year: int | None = None, basis: str = "reported", focus: str | None = None,
           since: int | None = None) -> list[Point]:
    """Every region's point on one basis. The index divides by the average of the focus's peers (the
    regions other than ``focus``), so the focus is compared with its peers, not with itself. A change
    measure compares with ``since`` (None: ``resolve_since``, one base year for every region)."""
    if measure in CHANGE_MEASURES:
        base_year = since if since is not None else resolve_since(dataset, regions, indicator, edition, year, basis)
        return [change_point(dataset, r, indicator, edition, measure, year, basis, base_year) for r in regions]
    if measure == "absolute":
        known = _known_points(dataset, indicator, edition, year, basis, current_language())
        return [known.get(r) or known.setdefault(r, region_point(dataset, r, indicator, edition, measure, year, basis))
                for r in regions]
    if measure != "index":
        return [region_point(dataset, r, indicator, edition, measure, year, basis) for r in regions]
    base = index_base(dataset, tuple(r for r in regions if r != focus), indicator, edition, year, basis)
    if focus is None and base is not None and base[1] < 2:
        base = None
    return [indexed(region_point(dataset, r, indicator, edition, "absolute", year, basis), base) for r in regions]


IndexBase = tuple[float, int, int]  # the peers' average, how many peers have a figure, the fewest digits they carry


@lru_cache(maxsize=256)
def index_base(dataset: Dataset, peers: tuple[str, ...], indicator: str, edition: str, year: int | None,
               basis: str) -> IndexBase | None:
    """What an index divides by: found once per set of peers and year (an index trend asks for each year once
    per line, and every point is rounded to the digits all the peers carry). None when no peer has a figure."""
    values = [_absolute_value(dataset, r, indicator, edition, year, basis) for r in peers]
    present = [(value, digits) for value, digits in values if value is not None]
    if not present:
        return None
    return fmean(value for value, _ in present), len(present), min(MAX_DERIVED_DIGITS, *(d for _, d in present))


def indexed(point: Point, base: IndexBase | None) -> Point:
    """An absolute point as an index over ``base`` (``index_base``), rounded as ``round_derived`` would with
    the point's and every peer's value as its inputs."""
    if base is None:
        return replace(point, value=None,
                       missing=point.missing or _("An index needs at least one peer with a figure."))
    if point.value is None:
        return point
    mean, count, digits = base
    return replace(point, value=_round_to(point.value / mean * 100, min(digits, significant_digits(point.value))),
                   how=ngettext("divided by the average of {n} peer", "divided by the average of {n} peers", count))


@lru_cache(maxsize=32)  # at 3 000 regions: at most ~100 000 points
def _known_points(dataset: Dataset, indicator: str, edition: str, year: int | None, basis: str,
                  lang: str) -> dict[str, Point]:
    """Filled as asked (``points``), per language (a point's reasons are text): each region's absolute point.
    The key figures rank the focus among all
    its peers and a crowded chart picks its top regions by every region's value, on every focus change;
    at thousands of regions ``region_point``'s cache holds fewer than one indicator's points."""
    return {}


@lru_cache(maxsize=64)
def _known_values(dataset: Dataset, indicator: str, edition: str, year: int | None,
                  basis: str) -> dict[str, tuple[float | None, int]]:
    """Filled as asked (``_absolute_value``): each region's absolute value that year and its digits. An index
    reads every peer's value each year; at thousands of regions ``region_point``'s cache holds fewer."""
    return {}


def _absolute_value(dataset: Dataset, region: str, indicator: str, edition: str, year: int | None,
                    basis: str) -> tuple[float | None, int]:
    known = _known_values(dataset, indicator, edition, year, basis)
    if region not in known:
        value = region_point(dataset, region, indicator, edition, "absolute", year, basis).value
        known[region] = (value, significant_digits(value) if value is not None else 0)
    return known[region]


def index_peer_set(dataset: Dataset, focus: str, peers: tuple[str, ...], indicator: str, edition: str,
                   basis: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """(years, peers) for an index trend with one fixed set of peers: the focus's years on the basis and
    the peers with a figure in every one of them (the years are narrowed to those the most peers share)."""
    years = tuple(f.year for f in dataset.series(focus, indicator, edition, basis))
    if not years:
        return (), ()
    have = {p: {f.year for f in dataset.series(p, indicator, edition, basis)} for p in peers if p != focus}
    best: tuple[tuple[int, ...], tuple[str, ...]] = ((), ())
    for start in range(len(years)):  # the longest run of the focus's years that some peers cover in full
        span = years[start:]
        members = tuple(p for p, ys in have.items() if set(span) <= ys)
        if members and len(span) * len(members) > len(best[0]) * len(best[1]):
            best = (span, members)
    return best


@lru_cache(maxsize=256)
def resolve_since(dataset: Dataset, regions: tuple[str, ...], indicator: str, edition: str, year: int | None,
                  basis: str) -> int | None:
    """The base year of a change when the view names none: the earliest year that the most regions' shown
    figures can be compared with (same territory and source, no break between); when none can,
    DEFAULT_SINCE_SPAN years before the shown year. None when no region has a figure."""
    counts: dict[int, int] = {}
    ends = []
    for region in regions:
        point = region_point(dataset, region, indicator, edition, "absolute", year, basis)
        end = _figure_of(dataset, point, indicator, edition) if point.value is not None else None
        if end is not None:
            ends.append(end.year)
            for y in comparable_years(dataset, end):
                counts[y] = counts.get(y, 0) + 1
    if counts:
        return min(counts, key=lambda y: (-counts[y], y))
    latest = year if year is not None else max(ends, default=None)
    return latest - DEFAULT_SINCE_SPAN if latest is not None else None


def comparable_years(dataset: Dataset, end: Figure) -> tuple[int, ...]:
    """The years before ``end`` a change to it can start from: its run of figures on the same territory and
    source, back to the last break in the series (the break's own year starts the run)."""
    run = [f for f in dataset.series(end.region_id, end.indicator_id, end.edition)
           if f.territory_id == end.territory_id and f.year <= end.year]
    years: list[int] = []
    for figure in sorted(run, key=lambda f: f.year, reverse=True):
        if figure.year < end.year and figure.source_id == end.source_id:
            years.append(figure.year)
        if figure.series_break:
            break
    return tuple(sorted(set(years)))


def _figure_of(dataset: Dataset, point: Point, indicator: str, edition: str) -> Figure | None:
    """The figure an absolute point stands for (its territory, year and source)."""
    return next((f for f in dataset.series(point.region_id, indicator, edition)
                 if f.year == point.year and f.territory_id == point.territory_id
                 and f.source_id == point.source_ids[0]), None)


def comparison_base(dataset: Dataset, end: Figure, since: int) -> tuple[Figure | None, str]:
    """The figure of ``since`` a change from it to ``end`` may use: the same territory and source (vintage),
    with no break in the series after it up to ``end``. Else (None, why not)."""
    every = dataset.series(end.region_id, end.indicator_id, end.edition)
    if since >= end.year:
        return None, _("The base year {since} is not before the figure's year {year}.", since=since, year=end.year)
    breaks = sorted(f.year for f in every if f.territory_id == end.territory_id and since < f.year <= end.year
                    and f.series_break)
    if breaks:
        return None, _("A break in the series in {year} ends the comparison with {since}.", year=breaks[-1],
                       since=since)
    same_year = [f for f in every if f.year == since]
    base = next((f for f in same_year if f.territory_id == end.territory_id and f.source_id == end.source_id), None)
    if base is not None:
        return base, ""
    on_territory = [f for f in same_year if f.territory_id == end.territory_id]
    if on_territory:
        return None, _("The {since} figure for {territory} is from another source ({source}, not {own_source}): "
                       "not comparable.", since=since, territory=territory_name(dataset, end),
                       source=on_territory[0].source_id, own_source=end.source_id)
    if same_year:
        return None, _("No figure for {since} on this territory ({territory}); {since} has {other} instead.",
                       since=since, territory=territory_name(dataset, end),
                       other=territory_name(dataset, same_year[0]))
    return None, _("No figure for {since} on this territory ({territory}).", since=since,
                   territory=territory_name(dataset, end))


def change_value(measure: str, base: float, end: float) -> float | None:
    """``end`` against ``base``: the difference (measure 'change') or the % change (None when base ≤ 0)."""
    if measure == "change_pct":
        return round_derived((end / base - 1) * 100, end, base) if base > 0 else None
    return round_derived(end - base, end, base)


def growth_per_year(base: Figure, end: Figure) -> float | None:
    """The compound growth per year from ``base`` to ``end``, in % (None unless both are > 0)."""
    if base.value <= 0 or end.value <= 0 or end.year <= base.year:
        return None
    return round_derived(((end.value / base.value) ** (1 / (end.year - base.year)) - 1) * 100, end.value, base.value)


def change_point(dataset: Dataset, region: str, indicator: str, edition: str, measure: str, year: int | None,
                 basis: str, since: int | None) -> Point:
    """The change from ``since`` to the shown figure (``year``, else the latest), on one territory and
    source, with no series break between; missing, with the reason, otherwise (in the current language)."""
    return _change_point(dataset, region, indicator, edition, measure, year, basis, since, current_language())


@lru_cache(maxsize=4096)
def _change_point(dataset: Dataset, region: str, indicator: str, edition: str, measure: str, year: int | None,
                  basis: str, since: int | None, lang: str) -> Point:
    """``change_point`` per language (``lang``: the cache key)."""
    end_point = region_point(dataset, region, indicator, edition, "absolute", year, basis)
    if end_point.value is None:
        return end_point
    end = _figure_of(dataset, end_point, indicator, edition)
    if end is None or since is None:
        return replace(end_point, value=None, missing=_("No base year to compare with."))
    base, why = comparison_base(dataset, end, since)
    if base is None:
        return replace(end_point, value=None, missing=why)
    value = change_value(measure, base.value, end.value)
    if value is None:
        return replace(end_point, value=None, missing=_("A % change needs a positive figure in {since}.", since=since))
    growth = growth_per_year(base, end)
    decimals = dataset.indicator(indicator).decimals
    values = {"since": since, "year": end.year, "before": format_number(base.value, decimals),
              "after": format_number(end.value, decimals)}
    if growth is None:
        how = _("change {since}–{year}: {before} → {after}", **values)
    else:  # the sign, then the number as the language writes it ('+2.35%', '+2,35 %')
        rate = with_percent(("+" if growth >= 0 else "-") + localise_number(f"{abs(growth):g}"))
        # Translators: {growth} is a yearly growth rate with its sign and percent sign ('+2.35%')
        how = _("change {since}–{year}: {before} → {after}; {growth} a year", growth=rate, **values)
    return replace(end_point, value=value, how=how, qualifier=end.qualifier or base.qualifier)


def change_since(dataset: Dataset, regions: tuple[str, ...], indicator: str, edition: str, measure: str,
                 year: int | None, basis: str, since: int | None) -> int | None:
    """The base year a chart of the view compares with: the view's, or ``resolve_since``; None unless the
    chart shows a change (so that the other measures' caches are not split by it)."""
    if effective_measure(dataset, indicator, measure) not in CHANGE_MEASURES:
        return None
    return since if since is not None else resolve_since(dataset, regions, indicator, edition, year, basis)


def no_change_reason(since: int | None) -> str:
    """What an empty chart of a change says: nothing compares with the base year, and what to try."""
    # Translators: keep the two line breaks (\n); 'Since' is the name of the base-year menu
    return _("No region's figure can be compared with {since}:\na break in the series since, or no {since} figure "
             "of the same territory and source.\nChoose a later year in 'Since'.", since=since)
