"""A region keeps its colour whatever is added or removed."""

from __future__ import annotations

from pathlib import Path

from dashboard.figures.theme import PALETTE, region_colours
from tests.synthetic import build


def test_adding_a_region_recolours_no_other(tmp_path: Path) -> None:
    before = region_colours(build(tmp_path / "a", [], regions=("bb", "dd", "ff")))
    after = region_colours(build(tmp_path / "b", [], regions=("aa", "bb", "cc", "dd", "ee", "ff")))
    assert all(after[r] == before[r] for r in before)
    assert set(after.values()) <= set(PALETTE)  # the colour-blind-safe palette


def test_a_colour_given_in_regions_csv_wins(tmp_path: Path) -> None:
    data = build(tmp_path / "a", [], regions=("aa", "bb"))
    coloured = build(tmp_path / "b", [], regions=("aa", "bb"), region_changes={"aa": {"colour": "#123456"}})
    colours = region_colours(coloured)
    assert colours["aa"] == "#123456" and colours["bb"] == region_colours(data)["bb"]
