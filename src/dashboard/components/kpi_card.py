"""KPI cards: one headline figure per card, with year, territory and source always beside it."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.data import Dataset
from dashboard.data.dataset import Figure
from dashboard.formatting import QUALIFIER_TEXT, format_number, format_value, format_year

ICONS = {
    "population": "bi-people-fill",
    "employment": "bi-briefcase-fill",
    "gdp": "bi-bar-chart-fill",
    "universities": "bi-mortarboard-fill",
    "science_parks": "bi-buildings-fill",
}
# The core-city series shown under a metro-level headline, and the reported national share.
CITY_COMPANION = {"population": "population_city", "employment": "employment_city", "gdp": "gdp_city"}
NATIONAL_SHARE = {
    "population": ("share_national_population",),
    "employment": ("share_national_employment",),
    "gdp": ("share_national_gva", "share_national_gdp"),
}
TERRITORY_BADGE = {
    "city": ("City figure", "warning", "This figure describes the core city, not the metropolitan region."),
    "wider": ("Wider area", "info", "This figure describes an area wider than the metropolitan region."),
}


def source_footnote(dataset: Dataset, figure: Figure, element_id: str) -> html.Small:
    """'Source: title (publisher)', linked when the source has an address; the note as tooltip."""
    source = dataset.source(figure.source_id)
    title = str(source["title"])
    link = (html.A(title, href=source["url"], target="_blank", rel="noopener noreferrer")
            if source["url"] else html.Span(title))
    tooltip = f"{source['publisher']}. {figure.note}".strip()
    return html.Small(["Source: ", link], className="kpi-source text-body-secondary d-block",
                      title=tooltip, id=element_id)


def _territory_line(figure: Figure) -> list:
    parts: list = [html.Span(figure.territory, className="kpi-territory")]
    if figure.territory_type in TERRITORY_BADGE:
        text, colour, why = TERRITORY_BADGE[figure.territory_type]
        parts.append(dbc.Badge(text, color=colour, className="ms-1 text-dark", title=why))
    return parts


def _share_line(dataset: Dataset, region_id: str, indicator_id: str, edition: str) -> list:
    """The region's share of the national total, as reported by a source (never derived here)."""
    for share_id in NATIONAL_SHARE.get(indicator_id, ()):
        share = dataset.figure(region_id, share_id, edition)
        if share is not None:
            label = dataset.indicator(share_id)["short_label"]
            country = dataset.regions.at[region_id, "country_name"]
            return [html.Div(
                f"{label} of {country}: {format_value(share.value, 1 if share.value % 1 else 0, share.qualifier)} % "
                f"({format_year(share.year, share.year_approx)})",
                className="kpi-extra", title=f"{share.territory}. {share.note}")]
    return []


def _secondary_lines(dataset: Dataset, indicator_id: str, figure: Figure) -> list:
    lines = _share_line(dataset, figure.region_id, indicator_id, figure.edition)
    companion = CITY_COMPANION.get(indicator_id)
    if companion and figure.territory_type != "city":
        city = dataset.figure(figure.region_id, companion, figure.edition)
        if city is not None:
            unit = dataset.indicator(companion)["unit"]
            lines.append(html.Div(
                f"{city.territory}: {format_value(city.value, 0, city.qualifier)} {unit} "
                f"({format_year(city.year, city.year_approx)})",
                className="kpi-extra", title=city.note))
    return lines


def kpi_card(dataset: Dataset, region_id: str, indicator_id: str, edition: str) -> dbc.Card:
    """The card for one KPI; 'No data' with the documented reason when the figure is missing."""
    indicator = dataset.indicator(indicator_id)
    figure = dataset.figure(region_id, indicator_id, edition)
    header = dbc.CardHeader([html.I(className=f"bi {ICONS.get(indicator_id, 'bi-circle')} me-2",
                                    **{"aria-hidden": "true"}),
                             indicator["short_label"]], className="kpi-header")
    if figure is None:
        body = dbc.CardBody([
            html.Div("No data", className="kpi-value kpi-missing"),
            html.P(dataset.missing_reason(region_id, indicator_id, edition), className="kpi-reason small mb-1"),
            *_share_line(dataset, region_id, indicator_id, edition),
        ])
        return dbc.Card([header, body], className="kpi-card h-100 is-missing", id=f"kpi-{indicator_id}")
    value_title = QUALIFIER_TEXT.get(figure.qualifier, "")
    body = dbc.CardBody([
        html.Div(format_value(figure.value, int(indicator["decimals"]), figure.qualifier),
                 className="kpi-value", title=value_title or None),
        html.Div([html.Span(indicator["unit"], className="kpi-unit"), " · ",
                  html.Span(format_year(figure.year, figure.year_approx), className="kpi-year",
                            title="year inferred from an undated page" if figure.year_approx else None)],
                 className="kpi-meta"),
        html.Div(_territory_line(figure), className="kpi-territory-line small"),
        *_secondary_lines(dataset, indicator_id, figure),
    ])
    footer = dbc.CardFooter(source_footnote(dataset, figure, f"kpi-source-{indicator_id}"))
    return dbc.Card([header, body, footer], className="kpi-card h-100", id=f"kpi-{indicator_id}")


def kpi_row(dataset: Dataset, region_id: str, edition: str) -> list[dbc.Col]:
    """The five KPI cards in their grid columns."""
    return [dbc.Col(kpi_card(dataset, region_id, kpi, edition), xs=12, sm=6, lg=4, xl=True, className="mb-3")
            for kpi in dataset.kpi_ids]


__all__ = ["format_number", "kpi_card", "kpi_row"]
