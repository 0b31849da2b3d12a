"""File names that say what a file is: ``helsinki-vs-peers_ranking_gdp-per-inhabitant_2021.png``.

Each chart and each view gets its own name, so downloads never overwrite each other: the chart's name,
what it shows (indicator and measure), the basis when it is not the indicator's default, the years.
Names are ASCII and the same in every language: the region's and indicator's words are their English ones.
"""

from __future__ import annotations

import re
import unicodedata

from dashboard.data import Dataset
from dashboard.i18n import DEFAULT_LANGUAGE, use_language
from dashboard.measures import effective_measure
from dashboard.state import ViewState
from dashboard.views import ChartView

MEASURE_SLUG = {"absolute": "", "per_capita": "per-inhabitant", "share": "share-of-national",
                "index": "index-peers-100"}
REPORTED_SLUG = "as-reported"  # the one basis that is no kind; the kinds' are territory_kinds.csv's basis_slug
SHARES_DEFAULT_BASIS = "reported"  # the shares chart's basis when the view names none (see figures.shares)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def basis_slug(dataset: Dataset, basis: str) -> str:
    """'core-cities': the basis in a file name."""
    if basis == "reported":
        return REPORTED_SLUG
    return dataset.kinds.basis_slug(basis) or slug(basis)


def region_slug(dataset: Dataset, region_id: str) -> str:
    """'helsinki': the region's English name in a file name, whatever the language of the export."""
    with use_language(DEFAULT_LANGUAGE):
        return slug(dataset.region_name(region_id))


def who(dataset: Dataset, state: ViewState) -> str:
    return f"{region_slug(dataset, state.focus)}-vs-peers"


def indicator_part(dataset: Dataset, state: ViewState, indicator: str) -> str:
    """'gdp-per-inhabitant': the indicator's short name and the measure it is shown in (absolute says nothing)."""
    measure = effective_measure(dataset, indicator, state.measure)
    with use_language(DEFAULT_LANGUAGE):  # the English short name, whatever the language of the export
        short = slug(dataset.indicator(indicator).short_label)
    return "-".join(p for p in (short, MEASURE_SLUG[measure]) if p)


def basis_part(dataset: Dataset, state: ViewState, indicator: str | None) -> str:
    """The basis the view chose, when it is not the one the chart would use by default; else ''."""
    if not state.basis:
        return ""
    default = dataset.default_basis(indicator, state.edition) if indicator else SHARES_DEFAULT_BASIS
    return "" if state.basis == default else basis_slug(dataset, state.basis)


def chart_what(dataset: Dataset, state: ViewState, view: ChartView) -> str:
    """What a chart shows, in its file name: its entry's ``file_what`` with each {field} the indicator that
    view-state field names, with its measure."""
    fields = {name: indicator_part(dataset, state, getattr(state, name)) for name in view.indicator_fields}
    return view.file_what.format(**fields)


def view_stem(dataset: Dataset, state: ViewState, view: ChartView, indicator: str | None, year_text: str) -> str:
    """``who_chart_what[_basis][_years]`` for one chart of the view (``indicator`` decides the basis part; a chart
    without an indicator of the view's, such as the shares chart, has its own default basis)."""
    parts = [who(dataset, state), view.name, chart_what(dataset, state, view),
             basis_part(dataset, state, indicator if view.indicator_fields else None), year_text,
             "log" if state.scale == "log" and "scale" in view.inputs else ""]  # a chart drawn on log axes
    return "_".join(p for p in parts if p)


def view_file_stem(dataset: Dataset, state: ViewState, kind: str = "") -> str:
    """``who_edition_indicator[_basis][_year][_kind]`` for what covers the whole view (deck, data)."""
    basis = basis_slug(dataset, state.basis) if state.basis else ""
    parts = [who(dataset, state), state.edition, indicator_part(dataset, state, state.indicator), basis,
             str(state.year) if state.year else "", kind]
    return "_".join(p for p in parts if p)
