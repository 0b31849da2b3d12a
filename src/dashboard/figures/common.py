"""Hover text and chart metadata shared by the builders."""

from __future__ import annotations

import html
from dataclasses import dataclass

from dashboard.comparability import Comparability, assess
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


def custom_data(dataset: Dataset, indicator: str, measure: str, point: Point) -> list[str]:
    """[region_id, name, value, unit, year, territory, sources] for the hover and for clicks."""
    sources = "; ".join(esc(dataset.source_label(s)) for s in point.source_ids)
    year = format_year(point.year, point.year_approx) if point.year else ""
    how = f" ({point.how})" if point.how else ""
    return [point.region_id, region_label(dataset, point.region_id), point_text(dataset, indicator, measure, point),
            esc(measure_unit(dataset, indicator, measure) + how), year, esc(point.territory), sources]


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
    return tuple(dataset.source_label(i) for i in ids), tuple(dict.fromkeys(publishers))


def year_label(points: list[Point], year: int | None) -> str:
    if year is not None:
        return str(year)
    years = sorted({p.year for p in points if p.value is not None and p.year})
    if not years:
        return "no year"
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]} (default year per region)"


def chart_meta(dataset: Dataset, title: str, indicator: str, measure: str, points: list[Point],
               year: int | None) -> ChartMeta:
    unit = measure_unit(dataset, indicator, measure)
    subtitle = f"{unit} · {year_label(points, year)}"
    sources, publishers = cite(dataset, points)
    missing = tuple((dataset.region_name(p.region_id), p.missing) for p in points if p.value is None)
    return ChartMeta(title, subtitle, assess(dataset, points), sources, missing, publishers)


def axis_title(dataset: Dataset, indicator: str, measure: str) -> str:
    label = dataset.indicator(indicator)["short_label"]
    return f"{label} ({measure_unit(dataset, indicator, measure)})"
