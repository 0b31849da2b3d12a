"""Like with like: one basis per comparison, chosen by coverage, with every other kind marked."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from dashboard.comparability import assess
from dashboard.measures import no_comparable, points
from dashboard.state import default_state
from dashboard.views import CHARTS
from tests.synthetic import build

REGIONS = ("aa", "bb", "cc", "dd", "ee")


@pytest.fixture
def data(tmp_path: Path):
    return build(tmp_path, [
        # metro-region figures for aa, bb, cc; city figures for all but ee; ee reports only an undefined area
        ("aa", "population", 2021, 1000, "metro"), ("bb", "population", 2021, 2000, "metro"),
        ("cc", "population", 2021, 3000, "metro"),
        ("aa", "population", 2021, 400, "city"), ("bb", "population", 2021, 500, "city"),
        ("dd", "population", 2021, 600, "city"), ("ee", "population", 2021, 9000, "other"),
        ("aa", "gdp", 2021, 50, "metro"), ("bb", "gdp", 2021, 80, "city"),
        ("aa", "universities", 2021, 5, "fua"), ("bb", "universities", 2021, 6, "fua"),
        ("cc", "universities", 2021, 7, "city"),
    ])


def test_the_default_basis_is_the_one_most_regions_have(data) -> None:
    assert data.default_basis("population", "recent") == "eurostat_metro"  # 3 metro against 3 city: metro
    # a like-with-like basis that covers under half of the reporting regions gives way to 'as reported'
    assert data.default_basis("universities", "recent") == "reported"


def test_a_ranking_uses_figures_of_its_basis_only(data) -> None:
    for basis, kinds in (("eurostat_metro", {"eurostat_metro"}), ("city", {"city"})):
        pts = points(data, REGIONS, "population", "recent", "absolute", None, basis)
        assert {p.territory_kind for p in pts if p.value is not None} == kinds
    metro = {p.region_id: p.value for p in points(data, REGIONS, "population", "recent", "absolute", None,
                                                  "eurostat_metro")}
    assert metro == {"aa": 1000, "bb": 2000, "cc": 3000, "dd": None, "ee": None}


def test_a_region_without_a_figure_on_the_basis_says_what_it_has_instead(data) -> None:
    p = no_comparable(data, "dd", "population", "recent", None, "eurostat_metro")
    assert p.value is None
    assert p.missing.startswith("No comparable figure (Eurostat metropolitan regions)")
    assert "DD city (core city, 2021)" in p.missing


def test_as_reported_prefers_the_widest_defined_territory_and_marks_the_minority(data) -> None:
    pts = points(data, REGIONS, "population", "recent", "absolute", None, "reported")
    assert [p.territory_kind for p in pts] == ["eurostat_metro"] * 3 + ["city", "unspecified"]
    result = assess(data, pts, "reported")
    assert result.majority_kind == "eurostat_metro" and result.odd == {"dd", "ee"}
    assert "Mixed territories" in [b for b, _ in result.badges]


def test_the_ranking_hatches_and_labels_each_odd_bar(data) -> None:
    state = replace(default_state(data), focus="aa", peers=REGIONS[1:], basis="reported", edition="recent")
    fig, meta = CHARTS.by_name("ranking").build(data, state)
    bar = fig["data"][0]
    by_region = {c[0]: i for i, c in enumerate(bar["customdata"])}
    shapes = bar["marker"]["pattern"]["shape"]
    assert shapes[by_region["dd"]] == "/" and shapes[by_region["aa"]] == ""
    assert "core city" in bar["y"][by_region["dd"]] and "core city" not in bar["y"][by_region["aa"]]
    assert "Compared on: as each region reports" in meta.subtitle


def test_a_like_with_like_ranking_has_no_mark(data) -> None:
    state = replace(default_state(data), focus="aa", peers=REGIONS[1:], edition="recent")
    fig, meta = CHARTS.by_name("ranking").build(data, state)
    assert set(fig["data"][0]["marker"]["pattern"]["shape"]) == {""}
    assert meta.comparability.badges == [] and "Eurostat metropolitan regions" in meta.subtitle
    assert {name for name, _ in meta.missing} == {"DD", "EE"}
