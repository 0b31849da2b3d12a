"""The page: navbar, selectors, heading and KPI cards. Pure function of the Dataset."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.components.controls import DEFAULT_EDITION, DEFAULT_REGION, controls
from dashboard.components.kpi_card import kpi_row
from dashboard.components.navbar import navbar
from dashboard.data import Dataset
from dashboard.data.schema import EDITIONS


def heading(dataset: Dataset, region_id: str, edition: str) -> list:
    country = dataset.regions.at[region_id, "country_name"]
    return [html.H1([dataset.region_name(region_id),
                     html.Small(f" {country}", className="text-body-secondary fs-5")], className="h3 mb-0"),
            html.P(EDITIONS[edition], className="text-body-secondary mb-2")]


def build_layout(dataset: Dataset) -> html.Div:
    region = DEFAULT_REGION if dataset.has_region(DEFAULT_REGION) else dataset.region_ids[0]
    return html.Div([
        navbar(),
        dbc.Container([
            controls(dataset),
            html.Div(heading(dataset, region, DEFAULT_EDITION), id="region-heading", className="mt-2"),
            dbc.Row(kpi_row(dataset, region, DEFAULT_EDITION), id="kpi-row", className="g-3"),
            html.Footer([
                html.P(["Every figure names its territory, year and source. A city is not a metropolitan "
                        "region: figures for the core city carry a ",
                        dbc.Badge("City figure", color="warning", className="text-dark"),
                        " badge. ≈ approximate, ≥ lower bound, c. year inferred from an undated page. "
                        "Missing figures say why."], className="small text-body-secondary mb-1"),
            ], className="mt-3 pb-3"),
        ], fluid=True, className="px-3 px-lg-4"),
    ])
