"""(file name, bytes) for every download: the page's buttons and the CLI both call these."""

from __future__ import annotations

import datetime as dt

from dashboard.data import Dataset
from dashboard.export.images import export_chart
from dashboard.export.naming import slug, view_stem
from dashboard.export.tables import to_csv, to_xlsx
from dashboard.measures import effective_measure, points, resolve_basis
from dashboard.state import ViewState
from dashboard.views import CHARTS

CHART_INDICATOR = {"ranking": "indicator", "map": "indicator", "trend": "indicator", "scatter": "y"}


def _year_text(dataset: Dataset, state: ViewState, chart: str, indicator: str) -> str:
    if chart == "trend":
        years = dataset.years(indicator, state.edition)
        return f"{years[0]}-{years[-1]}" if years else ""
    if state.year:
        return str(state.year)
    measure = effective_measure(dataset, indicator, state.measure)
    basis = resolve_basis(dataset, state.basis, indicator, state.edition)
    years = sorted({p.year for p in points(dataset, state.regions, indicator, state.edition, measure, None, basis,
                                           state.focus) if p.value is not None and p.year})
    return "" if not years else str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"


def chart_file(dataset: Dataset, state: ViewState, chart: str, fmt: str, size: str = "slide",
               scale: float = 2, today: dt.date | None = None) -> tuple[str, bytes]:
    view = next(v for v in CHARTS if v.name == chart)
    figure, meta = view.build(dataset, state)
    indicator = getattr(state, CHART_INDICATOR.get(chart, "indicator"))
    stem = view_stem(dataset, state, chart, indicator, _year_text(dataset, state, chart, indicator))
    suffix = f"@{int(scale)}x" if fmt == "png" and scale != 2 else ""
    size_part = "" if size == "slide" else f"_{size}"
    return f"{stem}{size_part}{suffix}.{fmt}", export_chart(figure, meta, fmt, size, scale, today)


def data_file(dataset: Dataset, state: ViewState, fmt: str, today: dt.date | None = None) -> tuple[str, bytes]:
    stem = f"{slug(dataset.region_name(state.focus))}-vs-peers_{state.edition}_figures"
    payload = to_csv(dataset, state, today) if fmt == "csv" else to_xlsx(dataset, state, today)
    return f"{stem}.{fmt}", payload


def deck_file(dataset: Dataset, state: ViewState, today: dt.date | None = None) -> tuple[str, bytes]:
    from dashboard.export.deck import build_deck

    stem = f"{slug(dataset.region_name(state.focus))}-vs-peers_{state.edition}"
    return f"{stem}.pptx", build_deck(dataset, state, today)
