"""The bundled Eurostat figures are what the product's own importer makes of the stored bulk files.

``python -m dashboard import-eurostat data/eurostat/*.tsv --merge data`` built them; this re-runs the
import and finds exactly the same rows in data/values.csv, and holds the compositions against Eurostat's
own metro-region table where one is stored.
"""

from __future__ import annotations

import csv
import datetime as dt
import warnings
from pathlib import Path

import openpyxl
import pytest

from dashboard.data import Dataset
from dashboard.data.compose import Cell, compose
from dashboard.data.eurostat import import_eurostat_files
from dashboard.paths import BUNDLED_DATA_DIR

STORED = Path(BUNDLED_DATA_DIR) / "eurostat"


@pytest.fixture(scope="module")
def imported(dataset: Dataset):
    files = [(path.read_bytes(), str(path)) for path in sorted(STORED.glob("*.tsv"))]
    results = import_eurostat_files(files, dataset, dt.date(2026, 12, 7))
    assert not [p for r in results for p in r.problems]
    return results


def _key(row: dict) -> tuple:
    return tuple(str(row[k]) for k in ("region_id", "indicator_id", "edition", "year", "territory_id"))


def test_the_bundled_eurostat_rows_are_the_importers(imported) -> None:
    made = {_key(row): {k: str(v) for k, v in row.items()} for r in imported for row in r.values}
    sources = {s["source_id"] for r in imported for s in r.sources}
    with (Path(BUNDLED_DATA_DIR) / "values.csv").open(encoding="utf-8") as handle:
        bundled = {_key(row): row for row in csv.DictReader(handle) if row["source_id"] in sources}
    assert bundled.keys() == made.keys()
    for key, row in made.items():
        assert {k: bundled[key][k] for k in row} == row, key


def test_the_bundled_eurostat_sources_are_official_and_name_the_copy(imported, dataset: Dataset) -> None:
    for result in imported:
        for source in result.sources:
            row = dataset.source(source["source_id"])
            assert row["kind"] == "official" and row["publisher"] == "Eurostat"
            assert "copied line for line" in str(row["accessed"]) and str(row["url"]).startswith("https://github.com/")


def _old_vintage_cells() -> dict[tuple[str, int], Cell]:
    from dashboard.data.eurostat import read_nuts_table
    from dashboard.data.limits import current

    path = STORED / "demo_r_pjanaggr3.1990-2022.tsv"
    table = read_nuts_table(path.read_text(encoding="utf-8"), str(path), "demo_r_pjanaggr3", current(), [])
    return dict(table.cells)


def _metro_table() -> dict[tuple[str, int], float]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the export has no default style
        sheet = openpyxl.load_workbook(STORED / "met_pjanaggr3.DE.2024-05.xlsx")["Sheet 1"]
        rows = [row for row in sheet.iter_rows(values_only=True)]
    years = next(row for row in rows if row[0] == "TIME")[2:]
    out = {}
    for row in rows:
        if isinstance(row[0], str) and row[0].startswith("DE0"):
            out.update({(row[0], int(year)): value for year, value in zip(years, row[2:], strict=False)
                        if isinstance(value, float)})
    return out


@pytest.mark.parametrize("code", ["DE001MC", "DE002M"])
def test_proved_german_compositions_sum_to_eurostats_metro_table(dataset: Dataset, code: str) -> None:
    composition = next(c for c in dataset.compositions if c.metro_code == code)
    assert composition.status == "proved"
    sums = {c.year: c.value for c in compose(composition, _old_vintage_cells())}
    metro = _metro_table()
    for year in (2000, 2010, 2020):
        assert sums[year] == metro[(code, year)], (code, year)


def test_riga_composition_is_marked_assumed(dataset: Dataset) -> None:
    assert dataset.composition_assumed("lv001mc")
    assert "composition assumed" in str(dataset.territory("lv001mc")["name"])
    assert not dataset.composition_assumed("fi001mc")


def test_germany_2023_is_census_based_and_breaks_the_line(dataset: Dataset) -> None:
    """5 340 420 on the Census-2022 basis (2026 file), never the May-2024 table's 5 481 613."""
    series = {f.year: f for f in dataset.series("berlin", "population", "recent", "eurostat_metro")}
    assert series[2023].value == 5_340_420 and series[2023].series_break
    assert "flags b" in series[2023].note
    assert series[2016].series_break and "two vintages are not joined" in series[2016].note
    assert not any(f.value == 5_481_613 for f in series.values())


def test_poland_2021_census_break(dataset: Dataset) -> None:
    series = {f.year: f for f in dataset.series("warsaw", "population", "recent", "eurostat_metro")}
    assert series[2021].series_break and "flag b" in series[2021].note
