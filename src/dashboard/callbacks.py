"""Thin wiring: selector values -> builders. No data work happens here."""

from __future__ import annotations

from dash import Dash, Input, Output

from dashboard.components.kpi_card import kpi_row
from dashboard.data import Dataset
from dashboard.layout import heading


def register_callbacks(app: Dash, dataset: Dataset) -> None:
    @app.callback(
        Output("region-heading", "children"),
        Output("kpi-row", "children"),
        Input("region-select", "value"),
        Input("edition-select", "value"),
    )
    def show_region(region_id: str, edition: str):
        return heading(dataset, region_id, edition), kpi_row(dataset, region_id, edition)
