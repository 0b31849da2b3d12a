"""A folder large enough for the loader's categorical columns reads to the same figures as a small one.

The loader keeps repeated text (ids, choices) as categories above ``CATEGORY_MIN_ROWS`` rows; every
lookup, check and wording-only territory must come out as it does with plain text columns.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from dashboard.data import DataValidationError, load_dataset, loader
from tests.synthetic import build

REGIONS = tuple(f"r{i:03d}" for i in range(120))


def _figures() -> list[tuple]:
    rows = []
    for n, region in enumerate(REGIONS):
        for year in range(1995, 2025):
            rows.append((region, "population", year, 1000 + n * 7 + year % 13, "metro"))
            rows.append((region, "population", year, 500 + n, "city"))
            rows.append((region, "gdp", year, 10 + n + (year % 5) / 4, "metro" if n % 3 else "county"))
    return rows


def _snapshot(dataset) -> dict:
    out = {}
    for region in dataset.region_ids:
        for indicator in ("population", "gdp"):
            for edition in ("baltmet", "recent"):
                for basis in ("eurostat_metro", "city", "reported"):
                    default = dataset.figure(region, indicator, edition, basis=basis)
                    out[(region, indicator, edition, basis)] = (
                        dataclasses.astuple(default) if default else None,
                        tuple(dataclasses.astuple(f) for f in dataset.series(region, indicator, edition, basis)))
                out[(indicator, edition)] = (dataset.default_basis(indicator, edition),
                                             dataset.years(indicator, edition))
    return out


def test_categorical_columns_give_the_same_figures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    large = build(tmp_path / "f", _figures(), REGIONS)
    assert len(large.values) >= loader.CATEGORY_MIN_ROWS
    monkeypatch.setattr(loader, "CATEGORY_MIN_ROWS", 10**9)
    plain = load_dataset(tmp_path / "f")
    assert _snapshot(large) == _snapshot(plain)
    assert large.figure_on("r003", "gdp", "recent", 2020, "r003_county") is not None


def test_wording_only_figures_in_a_large_folder(tmp_path: Path) -> None:
    """Rows without a territory id get one from their wording, also when the column is categorical."""
    build(tmp_path / "f", _figures(), REGIONS)
    values = tmp_path / "f" / "values.csv"
    text = values.read_text(encoding="utf-8").replace(",r007_city,,", ",,Town of R7,", 3)
    values.write_text(text, encoding="utf-8")
    dataset = load_dataset(tmp_path / "f")
    worded = [f for f in dataset.series("r007", "population", "baltmet") if f.territory_id.startswith("as worded")]
    assert [f.territory for f in worded] == ["Town of R7"] * 3
    assert {f.territory_kind for f in worded} == {"unspecified"}


def test_errors_in_a_large_folder_are_located(tmp_path: Path) -> None:
    build(tmp_path / "f", _figures(), REGIONS)
    values = tmp_path / "f" / "values.csv"
    lines = values.read_text(encoding="utf-8").splitlines()
    lines[5000] = lines[5000].replace(",population,", ",populaton,")
    lines[6000] = lines[6000].replace(",false,", ",maybe,")
    values.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as raised:
        load_dataset(tmp_path / "f")
    found = {(p.row, p.column) for p in raised.value.problems}
    assert (5001, "indicator_id") in found and (6001, "year_approx") in found


def test_the_packed_default_agrees_with_the_preference_order(tmp_path: Path) -> None:
    """The index picks each series' default from a packed score; Dataset.ranked orders by Dataset._rank.
    They say the same preference twice (vectorised for load, plain for one series), so they must agree."""
    rows = [(r, "population", y, 100 + i, kind) for i, r in enumerate(("aa", "bb", "cc"))
            for y, kind in ((2004, "city"), (2007, "fua"), (2009, "metro"), (2015, "county"), (2021, "city"),
                            (2023, "other"), (2023, "fua"))]
    rows.append(("bb", "population", 2022, 7, "metro", False, "copy"))
    dataset = build(tmp_path / "f", rows, ("aa", "bb", "cc"))
    for region in dataset.region_ids:
        for edition in ("baltmet", "recent"):
            for basis in ("eurostat_metro", "city", "reported"):
                ranked = dataset.ranked(region, "population", edition, basis)
                default = dataset.figure(region, "population", edition, basis=basis)
                assert default == (ranked[0] if ranked else None), (region, edition, basis)
