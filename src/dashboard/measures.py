"""The page's one measure switch: absolute, per inhabitant, share of the national total, index.

A derived value is computed only from figures of the same edition, territory and year; otherwise
the point is missing and says why. Reported shares (a source's own percentage) are used when no
national total of the same year exists, and are labelled as reported.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from statistics import fmean

from dashboard.data import Dataset
from dashboard.data.dataset import Figure

MEASURE_LABELS = {
    "absolute": "Absolute",
    "per_capita": "Per inhabitant",
    "share": "Share of national total",
    "index": "Index (peer average = 100)",
}
NATIONAL_TOTAL = {"population": "national_population", "gdp": "national_gdp"}
REPORTED_SHARE = {"population": "share_national_population", "employment": "share_national_employment",
                  "gdp": "share_national_gdp"}
PER_CAPITA_BASE = {"_city": "population_city"}


@dataclass(frozen=True)
class Point:
    """One region's value in a chart, with its provenance; ``value`` None means missing (see ``missing``)."""

    region_id: str
    value: float | None
    year: int | None = None
    year_approx: bool = False
    qualifier: str = ""
    territory: str = ""
    territory_type: str = ""
    source_ids: tuple[str, ...] = ()
    how: str = ""
    missing: str = ""


def per_capita_base(indicator_id: str) -> str:
    return "population_city" if indicator_id.endswith("_city") else "population"


def availability(dataset: Dataset, indicator_id: str) -> dict[str, str]:
    """measure -> '' when it applies to the indicator, else the reason it does not (for a tooltip)."""
    row = dataset.indicator(indicator_id)
    kind, unit = row["kind"], row["unit"]
    reasons = {"absolute": "", "index": ""}
    if indicator_id.startswith("population") or indicator_id.startswith("national_"):
        reasons["per_capita"] = f"{row['short_label']} per inhabitant is not meaningful."
    elif kind in ("percent", "index"):
        reasons["per_capita"] = f"{row['short_label']} is already a ratio."
    elif kind == "count" or unit == "EUR million":
        reasons["per_capita"] = ""
    else:
        reasons["per_capita"] = f"{row['short_label']} ({unit}) has no per-inhabitant form here."
    if indicator_id in NATIONAL_TOTAL or indicator_id in REPORTED_SHARE:
        reasons["share"] = ""
    else:
        reasons["share"] = f"The data has no national total or reported share for {row['short_label']}."
    return reasons


def measure_unit(dataset: Dataset, indicator_id: str, measure: str) -> str:
    row = dataset.indicator(indicator_id)
    if measure == "per_capita":
        if row["unit"] == "EUR million":
            return "EUR per inhabitant"
        return "per million inhabitants" if row["unit"] == "count" else "per 1 000 inhabitants"
    if measure == "share":
        return "% of national total"
    if measure == "index":
        return "index, peer average = 100"
    return str(row["unit"])


def effective_measure(dataset: Dataset, indicator_id: str, measure: str) -> str:
    """The measure a chart can really show for this indicator: the page's, or absolute."""
    return measure if availability(dataset, indicator_id).get(measure, "x") == "" else "absolute"


def _from_figure(figure: Figure, value: float, how: str = "", extra_sources: tuple[str, ...] = ()) -> Point:
    return Point(region_id=figure.region_id, value=value, year=figure.year, year_approx=figure.year_approx,
                 qualifier=figure.qualifier, territory=figure.territory, territory_type=figure.territory_type,
                 source_ids=(figure.source_id, *extra_sources), how=how)


def _figure(dataset: Dataset, region: str, indicator: str, edition: str, year: int | None) -> Figure | None:
    return dataset.figure(region, indicator, edition, year)


def _missing(dataset: Dataset, region: str, indicator: str, edition: str, year: int | None) -> Point:
    reason = (f"No figure for {year}." if year is not None else dataset.missing_reason(region, indicator, edition))
    return Point(region_id=region, value=None, missing=reason)


@lru_cache(maxsize=4096)
def region_point(dataset: Dataset, region: str, indicator: str, edition: str, measure: str,
                 year: int | None) -> Point:
    """One region's value in a measure other than the index (which needs the other regions)."""
    figure = _figure(dataset, region, indicator, edition, year)
    if measure == "share":
        return _share_point(dataset, region, indicator, edition, year, figure)
    if figure is None:
        return _missing(dataset, region, indicator, edition, year)
    if measure == "absolute" or measure == "index":
        return _from_figure(figure, figure.value)
    base_id = per_capita_base(indicator)
    base = dataset.figure(region, base_id, edition, figure.year)
    if base is None or base.territory != figure.territory or base.value <= 0:
        return Point(region_id=region, value=None, year=figure.year, territory=figure.territory,
                     territory_type=figure.territory_type,
                     missing=f"No population for {figure.territory} in {figure.year} to divide by.")
    unit = dataset.indicator(indicator)["unit"]
    # EUR million -> EUR per inhabitant; institutions per million inhabitants; persons per 1 000.
    scale = {"EUR million": 1e6, "count": 1e6}.get(unit, 1000)
    value = figure.value * scale / base.value
    qualifier = figure.qualifier or base.qualifier
    point = _from_figure(figure, value, how=f"divided by population {base.year} ({base.territory})",
                         extra_sources=(base.source_id,))
    return replace(point, qualifier=qualifier)


def _share_point(dataset: Dataset, region: str, indicator: str, edition: str, year: int | None,
                 figure: Figure | None) -> Point:
    """A source's own share for the figure's year and territory first, then one computed from a
    national total of the same year, then the source's share for another year (its year shown)."""
    share_id = REPORTED_SHARE.get(indicator)
    if figure is not None and share_id:
        reported = dataset.figure(region, share_id, edition, figure.year)
        if reported is not None and reported.territory == figure.territory:
            return _from_figure(reported, reported.value, how="share as reported by the source")
    total_id = NATIONAL_TOTAL.get(indicator)
    if figure is not None and total_id:
        total = dataset.figure(region, total_id, edition, figure.year)
        if total is not None and total.value > 0:
            point = _from_figure(figure, figure.value / total.value * 100,
                                 how=f"computed: share of {total.territory} {total.year}",
                                 extra_sources=(total.source_id,))
            return replace(point, qualifier=figure.qualifier or total.qualifier)
    reported = dataset.figure(region, share_id, edition, year) if share_id else None
    if reported is not None:
        return _from_figure(reported, reported.value, how="share as reported by the source")
    if figure is None:
        return _missing(dataset, region, indicator, edition, year)
    return Point(region_id=region, value=None, year=figure.year, territory=figure.territory,
                 territory_type=figure.territory_type,
                 missing=f"No national total for {figure.year} and no reported share.")


def points(dataset: Dataset, regions: tuple[str, ...], indicator: str, edition: str, measure: str,
           year: int | None = None) -> list[Point]:
    """Every region's point; the index divides by the mean of the shown regions' absolute values."""
    if measure != "index":
        return [region_point(dataset, r, indicator, edition, measure, year) for r in regions]
    absolute = [region_point(dataset, r, indicator, edition, "absolute", year) for r in regions]
    present = [p.value for p in absolute if p.value is not None]
    if len(present) < 2:
        return [replace(p, value=None, missing=p.missing or "An index needs at least two regions with figures.")
                for p in absolute]
    mean = fmean(present)
    how = f"divided by the average of {len(present)} regions"
    return [p if p.value is None else replace(p, value=p.value / mean * 100, how=how) for p in absolute]
