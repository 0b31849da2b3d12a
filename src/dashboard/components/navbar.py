"""The top bar with the product name."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html


def navbar() -> dbc.Navbar:
    return dbc.Navbar(
        dbc.Container([
            html.Span([html.I(className="bi bi-globe-europe-africa me-2", **{"aria-hidden": "true"}),
                       "Baltic Metropoles"], className="navbar-brand fw-bold"),
            html.Span("Comparing the BaltMet metropolitan regions around the Baltic Sea",
                      className="navbar-text d-none d-md-inline"),
        ], fluid=True),
        color="primary", dark=True, className="mb-3",
    )
