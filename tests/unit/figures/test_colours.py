"""A region keeps its colour whatever is added or removed."""

from __future__ import annotations

from pathlib import Path

from dashboard.data import load_dataset
from dashboard.figures.theme import PALETTE, region_colours
from tests.synthetic import build


def test_adding_a_region_recolours_no_other(tmp_path: Path) -> None:
    before = region_colours(build(tmp_path / "a", [], regions=("bb", "dd", "ff")))
    after = region_colours(build(tmp_path / "b", [], regions=("aa", "bb", "cc", "dd", "ee", "ff")))
    assert all(after[r] == before[r] for r in before)
    assert set(after.values()) <= set(PALETTE)  # the colour-blind-safe palette


def test_a_colour_given_in_regions_csv_wins(tmp_path: Path) -> None:
    data = build(tmp_path, [], regions=("aa", "bb"))
    regions = (tmp_path / "regions.csv").read_text(encoding="utf-8").splitlines()
    regions = [regions[0] + ",colour", regions[1] + ",#123456", regions[2] + ","]
    (tmp_path / "regions.csv").write_text("\n".join(regions) + "\n", encoding="utf-8")
    colours = region_colours(load_dataset(tmp_path))
    assert colours["aa"] == "#123456" and colours["bb"] == region_colours(data)["bb"]
