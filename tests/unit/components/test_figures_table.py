"""'Figures of this view' holds exactly what the view draws: each chart's marks and each card's figures,
read back from the figures and the cards themselves, and nothing else."""

from __future__ import annotations

import io
from dataclasses import replace

import pandas as pd
import pytest

from dashboard.components.kpi_card import kpi_row
from dashboard.data import Dataset
from dashboard.export.tables import to_csv
from dashboard.state import default_state
from dashboard.views import CHARTS, headline_basis
from tests.helpers import text_of


def _marks(dataset: Dataset, fig: dict) -> set[tuple[str, float]]:
    """(region name, value) of every numeric mark of a chart, read from its traces."""
    out = set()
    for trace in fig["data"]:
        ids = [c[0] for c in trace.get("customdata") or []]
        if not ids or trace.get("type") == "scattergeo":
            continue
        axes = ["x"] if trace.get("orientation") == "h" else ["y", "x"] if trace.get("type") == "scatter" else ["y"]
        for axis in axes:
            for region, value in zip(ids, trace.get(axis) or [], strict=False):
                if isinstance(value, int | float) and region and not (axis == "x" and trace.get("mode") == "lines"):
                    out.add((dataset.region_name(region), round(float(value), 6)))
    return out


STATES = {
    "recent": lambda d: default_state(d),
    "baltmet": lambda d: default_state(d, "baltmet"),
    "per_capita": lambda d: replace(default_state(d), indicator="gdp", measure="per_capita"),
    "core cities": lambda d: replace(default_state(d), basis="city"),
}


@pytest.mark.parametrize("name", list(STATES))
def test_the_csv_holds_what_the_charts_and_cards_draw(dataset: Dataset, name: str) -> None:
    state = STATES[name](dataset)
    frame = pd.read_csv(io.BytesIO(to_csv(dataset, state)))
    rows = {(r, round(float(v), 6)) for r, v in zip(frame["region"], frame["value"], strict=True)}
    drawn: set[tuple[str, float]] = set()
    for view in CHARTS:
        fig = view.build(dataset, state)[0]
        marks = _marks(dataset, fig)
        if view.name != "scatter":  # the scatter's trace x/y are the figures; the trend's x are years
            assert marks <= rows, (view.name, sorted(marks - rows)[:5])
        drawn |= marks
    cards = text_of(kpi_row(dataset, state.focus, state.edition, state.regions, state.year,
                            headline_basis(dataset, state))).replace("\u202f", " ")
    for region, value_text, indicator in zip(frame["region"], frame["value_text"], frame["indicator"], strict=True):
        value = float(frame.loc[(frame["region"] == region) & (frame["value_text"] == value_text), "value"].iloc[0])
        on_a_chart = (region, round(value, 6)) in drawn
        on_a_card = str(value_text).replace("\u202f", " ") in cards
        on_the_map = any(view.name == "map" for view in CHARTS)  # the map's marks carry text, not numbers
        assert on_a_chart or on_a_card or on_the_map and _on_map(dataset, state, region, value_text), (
            region, indicator, value_text)


def _on_map(dataset: Dataset, state, region: str, value_text: str) -> bool:
    fig = next(v for v in CHARTS if v.name == "map").build(dataset, state)[0]
    return any(c[1] == region and c[2] == value_text for t in fig["data"] for c in t.get("customdata") or [])


def test_the_scatter_x_y_and_size_are_all_in_the_csv(dataset: Dataset) -> None:
    state = default_state(dataset)
    frame = pd.read_csv(io.BytesIO(to_csv(dataset, state)))
    meta = next(v for v in CHARTS if v.name == "scatter").build(dataset, state)[1]
    assert {i for i, _, _ in meta.drawn} == {state.x, state.y, state.size}
    labels = {str(dataset.indicator(i)["label"]) for i in (state.x, state.y, state.size)}
    assert labels <= set(frame["indicator"])
