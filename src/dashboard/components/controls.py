"""The selectors at the top of the page."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc

from dashboard.data import Dataset
from dashboard.data.schema import EDITIONS

DEFAULT_REGION = "helsinki"
DEFAULT_EDITION = "baltmet"


def region_options(dataset: Dataset) -> list[dict[str, str]]:
    return [{"label": f"{dataset.region_name(r)} ({dataset.regions.at[r, 'country_name']})", "value": r}
            for r in dataset.region_ids]


def controls(dataset: Dataset) -> dbc.Row:
    region = dataset.region_ids[0] if DEFAULT_REGION not in dataset.regions.index else DEFAULT_REGION
    return dbc.Row([
        dbc.Col([
            dbc.Label("Region", html_for="region-select", className="fw-semibold"),
            dcc.Dropdown(id="region-select", options=region_options(dataset), value=region,
                         clearable=False, searchable=True, placeholder="Type to search a region"),
        ], xs=12, md=6, lg=4, className="mb-2"),
        dbc.Col([
            dbc.Label("Edition", html_for="edition-select", className="fw-semibold d-block"),
            dbc.RadioItems(id="edition-select", value=DEFAULT_EDITION, inline=True,
                           options=[{"label": label, "value": key} for key, label in EDITIONS.items()],
                           className="btn-group flex-wrap", inputClassName="btn-check",
                           labelClassName="btn btn-outline-primary",
                           labelCheckedClassName="active"),
        ], xs=12, md=6, lg=8, className="mb-2"),
    ], className="controls align-items-end")
