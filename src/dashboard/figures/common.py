"""Hover text and chart metadata shared by the builders."""

from __future__ import annotations

import html
from dataclasses import dataclass, replace

from dashboard.comparability import Comparability, assess, kind_label
from dashboard.data import Dataset
from dashboard.formatting import format_value, format_year
from dashboard.measures import Point, measure_unit

HOVER = ("<b>%{customdata[1]}</b><br>%{customdata[2]} %{customdata[3]}<br>%{customdata[4]} · %{customdata[5]}"
         "<br>Source: %{customdata[6]}<extra></extra>")


def value_decimals(dataset: Dataset, indicator: str, measure: str, value: float) -> int:
    if measure == "absolute":
        return int(dataset.indicator(indicator)["decimals"])
    return 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2


def point_text(dataset: Dataset, indicator: str, measure: str, point: Point) -> str:
    if point.value is None:
        return "no data"
    return format_value(point.value, value_decimals(dataset, indicator, measure, point.value), point.qualifier)


def esc(text: object) -> str:
    """Text for plotly labels and hovers, which render a little HTML: a user's '<b>' stays text."""
    return html.escape(str(text), quote=False)


def region_label(dataset: Dataset, region_id: str) -> str:
    return esc(dataset.region_name(region_id))


def source_text(dataset: Dataset, source_id: str) -> str:
    """'publisher: title', with '(secondary copy)' when the figure was read in a third-party copy."""
    return dataset.source_label(source_id) + (" (secondary copy)" if dataset.is_secondary(source_id) else "")


def custom_data(dataset: Dataset, indicator: str, measure: str, point: Point) -> list[str]:
    """[region_id, name, value, unit, year, territory (kind), sources] for the hover and for clicks."""
    sources = "; ".join(esc(source_text(dataset, s)) for s in point.source_ids)
    year = format_year(point.year, point.year_approx) if point.year else ""
    how = f" ({point.how})" if point.how else ""
    territory = f"{point.territory} ({kind_label(point.territory_kind)})" if point.territory_kind else point.territory
    return [point.region_id, region_label(dataset, point.region_id), point_text(dataset, indicator, measure, point),
            esc(measure_unit(dataset, indicator, measure) + how), year, esc(territory), sources]


MAX_ITEMS = 20  # a chart shows at most this many regions by name (plus the focus); the table has them all


def top_regions(points: list[Point], focus: str | None, limit: int = MAX_ITEMS) -> tuple[set[str], str]:
    """The regions a crowded chart shows: the ``limit`` largest values and the focus, and the note saying
    so; every region (and no note) when there are not more than ``limit``."""
    shown = [p for p in points if p.value is not None]
    if len(shown) <= limit:
        return {p.region_id for p in shown}, ""
    top = {p.region_id for p in sorted(shown, key=lambda p: -p.value)[:limit]}
    note = f"top {limit} of {len(shown)} regions" + (" and the focus" if focus and focus not in top else "")
    return top | ({focus} if focus else set()), note


def marked_label(dataset: Dataset, point: Point, comparability: Comparability) -> str:
    """The region's name, followed by its kind of territory when that differs from the majority's."""
    name = region_label(dataset, point.region_id)
    if point.region_id in comparability.odd:
        return f"{name} · {esc(kind_label(point.territory_kind))}"
    return name


@dataclass(frozen=True)
class ChartMeta:
    """What the card around a chart says: title, subtitle, badges, source line, missing regions."""

    title: str
    subtitle: str
    comparability: Comparability
    sources: tuple[str, ...]  # "publisher: title", once each
    missing: tuple[tuple[str, str], ...]
    publishers: tuple[str, ...] = ()

    @property
    def includes_user_data(self) -> bool:
        return any(p == "Your data" or p.startswith("Your data") for p in self.publishers)


def cite(dataset: Dataset, points: list[Point]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """('publisher: title' per source, distinct publishers) of the points that have a value."""
    ids = list(dict.fromkeys(s for p in points if p.value is not None for s in p.source_ids))
    publishers = [("Your data" if dataset.is_user_source(i) else str(dataset.source(i)["publisher"])) for i in ids]
    return tuple(source_text(dataset, i) for i in ids), tuple(dict.fromkeys(publishers))


def year_label(points: list[Point], year: int | None) -> str:
    if year is not None:
        return str(year)
    years = sorted({(p.year, p.year_approx) for p in points if p.value is not None and p.year})
    if not years:
        return "no year"
    first, last = format_year(*years[0]), format_year(*years[-1])  # 'c. 2007' where a year was inferred
    return first if first == last else f"{first}–{last} (default year per region)"


def chart_meta(dataset: Dataset, title: str, indicator: str, measure: str, points: list[Point],
               year: int | None, basis: str = "reported", comparability: Comparability | None = None) -> ChartMeta:
    comparability = comparability or assess(dataset, points, basis)
    unit = measure_unit(dataset, indicator, measure)
    subtitle = f"{unit} · {year_label(points, year)} · {comparability.basis_label}"
    sources, publishers = cite(dataset, points)
    missing = tuple((dataset.region_name(p.region_id), p.missing) for p in points if p.value is None)
    return ChartMeta(title, subtitle, comparability, sources, missing, publishers)


def with_note(meta: ChartMeta, note: str) -> ChartMeta:
    """The meta with a note (e.g. 'top 20 of 300 regions') at the end of its subtitle."""
    return replace(meta, subtitle=f"{meta.subtitle} · {note}") if note else meta


def axis_title(dataset: Dataset, indicator: str, measure: str) -> str:
    label = dataset.indicator(indicator)["short_label"]
    return f"{label} ({measure_unit(dataset, indicator, measure)})"
