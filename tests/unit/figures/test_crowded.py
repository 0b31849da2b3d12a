"""A chart with more regions than it can show by name shows the top ones and the focus, and says so."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from dashboard.state import default_state
from dashboard.views import CHARTS
from tests.synthetic import build

REGIONS = tuple(f"r{i:02d}" for i in range(40))


@pytest.fixture(scope="module")
def crowd(tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("crowd")
    figures = [(r, "population", y, 1000 * (i + 1) + y, "metro") for i, r in enumerate(REGIONS)
               for y in (2021, 2022)]
    figures += [(r, "gdp", 2022, 10 * (i + 1), "metro") for i, r in enumerate(REGIONS)]
    return build(folder, figures, regions=REGIONS)


@pytest.fixture
def state(crowd):
    return replace(default_state(crowd), focus="r00", peers=REGIONS, edition="recent", indicator="population",
                   x="population", y="gdp", size="population")


def test_the_ranking_shows_the_top_twenty_and_the_focus(crowd, state) -> None:
    fig, meta = CHARTS.by_name("ranking").build(crowd, state)
    ids = [c[0] for c in fig["data"][0]["customdata"]]
    assert len(ids) == 21 and "r00" in ids and "r39" in ids and "r10" not in ids
    assert "top 20 of 40 regions and the focus" in meta.subtitle


def test_the_trend_draws_the_top_lines_and_the_focus(crowd, state) -> None:
    fig, meta = CHARTS.by_name("trend").build(crowd, state)
    assert {t["customdata"][0][0] for t in fig["data"]} == {"r00", *REGIONS[20:]}
    assert "top 20 of 40" in meta.subtitle


@pytest.mark.parametrize("builder", [CHARTS.by_name("scatter").build, CHARTS.by_name("map").build])
def test_the_scatter_and_map_keep_every_mark_but_name_the_top_ones_and_the_focus(crowd, state, builder) -> None:
    fig, meta = builder(crowd, state)
    trace = fig["data"][0]
    assert len(trace["customdata"]) == 40  # every region is drawn
    named = {c[0] for c, t in zip(trace["customdata"], trace["text"], strict=True) if t}
    assert named == {"r00", *REGIONS[20:]} and "regions named" in meta.subtitle
