"""'Figures of this view' holds exactly what the view draws: each chart's marks and each card's figures,
read back from the figures and the cards themselves, and nothing else."""

from __future__ import annotations

import io
from dataclasses import replace

import pandas as pd
import pytest

from dashboard.data import Dataset
from dashboard.export.tables import to_csv
from dashboard.state import default_state
from dashboard.view_model import table_rows
from dashboard.views import CHARTS, headline_basis
from tests.helpers import kpi_row_for as kpi_row
from tests.helpers import text_of


def _marks(dataset: Dataset, name: str, fig: dict) -> set[tuple[str, float]]:
    """(region name, value) of every numeric mark of a chart, read from its traces: a bar's x, a trend
    point's y (its x is the year), a scatter point's x and y."""
    out = set()
    for trace in fig["data"]:
        ids = [c[0] for c in trace.get("customdata") or []]
        if not ids or trace.get("type") == "scattergeo":
            continue
        axes = ["x"] if trace.get("orientation") == "h" else ["x", "y"] if name == "scatter" else ["y"]
        for axis in axes:
            for region, value in zip(ids, trace.get(axis) or [], strict=False):
                if isinstance(value, int | float) and region:
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
    table = table_rows(dataset, state)
    assert list(zip(frame["region"], frame["value"], strict=True)) == [(r["region"], r["value"]) for r in table]
    rows = {(r["region"], round(float(r["value"]), 6)) for r in table}
    drawn: set[tuple[str, float]] = set()
    for view in CHARTS:
        fig = view.build(dataset, state)[0]
        marks = _marks(dataset, view.name, fig)
        assert marks <= rows, (view.name, sorted(marks - rows)[:5])  # every mark is in the file
        drawn |= marks
    cards = text_of(kpi_row(dataset, state.focus, state.edition, state.regions, state.year,
                            headline_basis(dataset, state))).replace("\u202f", " ")
    for row in table:  # and every row of the file is a mark or a card's figure
        on_a_chart = (row["region"], round(float(row["value"]), 6)) in drawn
        on_a_card = row["region"] == dataset.region_name(state.focus) and \
            str(row["value_text"]).replace("\u202f", " ") in cards
        assert on_a_chart or on_a_card or _in_hover(dataset, state, row["region"], row["value_text"]), (
            row["region"], row["indicator"], row["value_text"])


def _in_hover(dataset: Dataset, state, region: str, value_text: str) -> bool:
    """A mark that carries its figure as text: a map label, a scatter bubble's size (its hover's lines)."""
    for view in CHARTS:
        for trace in view.build(dataset, state)[0]["data"]:
            for c in trace.get("customdata") or []:
                if c[1] == region and any(str(f).startswith(value_text) for f in c[2:5]):
                    return True
    return False


def test_the_scatter_x_y_and_size_are_all_in_the_csv(dataset: Dataset) -> None:
    state = default_state(dataset)
    frame = pd.read_csv(io.BytesIO(to_csv(dataset, state)))
    meta = next(v for v in CHARTS if v.name == "scatter").build(dataset, state)[1]
    assert {i for i, _, _ in meta.drawn} == {state.x, state.y, state.size}
    labels = {dataset.indicator(i).label for i in (state.x, state.y, state.size)}
    assert labels <= set(frame["indicator"])
