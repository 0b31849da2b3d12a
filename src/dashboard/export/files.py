"""(file name, bytes) for every download: the page's buttons and the CLI both call these."""

from __future__ import annotations

import datetime as dt

from dashboard.data import Dataset
from dashboard.export.images import export_chart
from dashboard.export.naming import region_slug, view_file_stem, view_stem
from dashboard.export.package import csv_package
from dashboard.export.tables import to_xlsx
from dashboard.measures import points, resolve_basis
from dashboard.state import ViewState
from dashboard.views import CHARTS, ChartView


def _span(years: set[int]) -> str:
    ordered = sorted(years)
    return "" if not ordered else str(ordered[0]) if len(ordered) == 1 else f"{ordered[0]}-{ordered[-1]}"


def _year_text(dataset: Dataset, state: ViewState, view: ChartView, indicator: str) -> str:
    """The years the chart's figures are of: every year of a series chart, the chosen year, or the range of
    the default years of what it draws (its registry entry says which)."""
    if view.years == "series":
        return _span(set(dataset.years(indicator, state.edition)))
    if state.year:
        return str(state.year)
    years = set()
    for ind, measure in view.series(dataset, state):
        basis = resolve_basis(dataset, state.basis, ind, state.edition)
        years |= {p.year for p in points(dataset, state.regions, ind, state.edition, measure, None, basis,
                                         state.focus) if p.value is not None and p.year}
    return _span(years)


def chart_name(dataset: Dataset, state: ViewState, chart: str, fmt: str, size: str = "slide",
               scale: float = 2) -> str:
    """The chart's file name: unique per chart and view (see ``naming``), then size and scale if not default."""
    view = CHARTS.by_name(chart)
    indicator = getattr(state, view.export_indicator or "indicator")
    stem = view_stem(dataset, state, view, indicator, _year_text(dataset, state, view, indicator))
    suffix = f"@{int(scale)}x" if fmt == "png" and scale != 2 else ""
    size_part = "" if size == "slide" else f"_{size}"
    return f"{stem}{size_part}{suffix}.{fmt}"


def chart_file(dataset: Dataset, state: ViewState, chart: str, fmt: str, size: str = "slide",
               scale: float = 2, today: dt.date | None = None) -> tuple[str, bytes]:
    figure, meta = CHARTS.by_name(chart).build(dataset, state)
    return (chart_name(dataset, state, chart, fmt, size, scale),
            export_chart(figure, meta, fmt, size, scale, today))


def data_file(dataset: Dataset, state: ViewState, fmt: str, today: dt.date | None = None) -> tuple[str, bytes]:
    """'csv': a zip of the CSV with its README.txt and datapackage.json; 'xlsx': one workbook."""
    stem = view_file_stem(dataset, state, "figures")
    if fmt == "csv":
        return f"{stem}.zip", csv_package(dataset, state, stem, today)
    return f"{stem}.xlsx", to_xlsx(dataset, state, today)


def deck_file(dataset: Dataset, state: ViewState, today: dt.date | None = None) -> tuple[str, bytes]:
    from dashboard.export.deck import build_deck

    return f"{view_file_stem(dataset, state)}.pptx", build_deck(dataset, state, today)


def profile_file(dataset: Dataset, state: ViewState) -> tuple[str, bytes]:
    """The focus region's profile as one A4 page, against the view's peers."""
    from dashboard.profile import profile_pdf

    peers = tuple(p for p in state.regions if p != state.focus)
    return (f"{region_slug(dataset, state.focus)}_profile_{state.edition}.pdf",
            profile_pdf(dataset, state.focus, state.edition, peers))
