"""(file name, bytes) for every download: the page's buttons and the CLI both call these."""

from __future__ import annotations

import datetime as dt

from dashboard.data import Dataset
from dashboard.data.declarations import is_share, share_series
from dashboard.export.images import export_chart
from dashboard.export.naming import slug, view_file_stem, view_stem
from dashboard.export.package import csv_package
from dashboard.export.tables import to_xlsx
from dashboard.measures import effective_measure, points, resolve_basis
from dashboard.state import ViewState
from dashboard.views import CHART_BY_NAME, CHARTS


def _span(years: set[int]) -> str:
    ordered = sorted(years)
    return "" if not ordered else str(ordered[0]) if len(ordered) == 1 else f"{ordered[0]}-{ordered[-1]}"


def _year_text(dataset: Dataset, state: ViewState, chart: str, indicator: str) -> str:
    """The years the chart's figures are of: the trend's span, the chosen year, or the default years' range."""
    if chart == "trend":
        return _span(set(dataset.years(indicator, state.edition)))
    if state.year:
        return str(state.year)
    if chart == "shares":
        wanted = [(ind, "absolute" if is_share(dataset, ind) else "share") for _, ind, _ in share_series(dataset)]
    else:
        wanted = [(indicator, effective_measure(dataset, indicator, state.measure))]
    years = set()
    for ind, measure in wanted:
        basis = resolve_basis(dataset, state.basis, ind, state.edition)
        years |= {p.year for p in points(dataset, state.regions, ind, state.edition, measure, None, basis,
                                         state.focus) if p.value is not None and p.year}
    return _span(years)


def chart_name(dataset: Dataset, state: ViewState, chart: str, fmt: str, size: str = "slide",
               scale: float = 2) -> str:
    """The chart's file name: unique per chart and view (see ``naming``), then size and scale if not default."""
    indicator = getattr(state, CHART_BY_NAME[chart].export_indicator or "indicator")
    stem = view_stem(dataset, state, chart, indicator, _year_text(dataset, state, chart, indicator))
    suffix = f"@{int(scale)}x" if fmt == "png" and scale != 2 else ""
    size_part = "" if size == "slide" else f"_{size}"
    return f"{stem}{size_part}{suffix}.{fmt}"


def chart_file(dataset: Dataset, state: ViewState, chart: str, fmt: str, size: str = "slide",
               scale: float = 2, today: dt.date | None = None) -> tuple[str, bytes]:
    view = next(v for v in CHARTS if v.name == chart)
    figure, meta = view.build(dataset, state)
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
    return (f"{slug(dataset.region_name(state.focus))}_profile_{state.edition}.pdf",
            profile_pdf(dataset, state.focus, state.edition, peers))
