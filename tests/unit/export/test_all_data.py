"""'Download all data': the zip is a data folder (every table, README.txt, datapackage.json) that reads back with
the same rows; the workbook has one sheet per table and a README sheet; the provenance line counts right."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from dashboard.data import Dataset, load_dataset
from dashboard.export.all_data import all_data_file, table_frames
from dashboard.state import default_state
from dashboard.view_model import provenance, read_date, table_rows, view_provenance
from tests.synthetic import Row, build

TODAY = dt.date(2026, 12, 7)
TABLES = ("values", "regions", "indicators", "sources", "territories", "gaps", "territory_kinds",
          "metro_compositions")


def test_the_zip_is_a_data_folder_that_reads_back_with_the_same_rows(dataset: Dataset, tmp_path: Path) -> None:
    name, payload = all_data_file(dataset, "all-csv", TODAY)
    assert name == "baltic-metropoles_all-data_2026-12-07.zip" and name.isascii()
    archive = zipfile.ZipFile(io.BytesIO(payload))
    stem = "baltic-metropoles_all-data_2026-12-07"
    assert sorted(archive.namelist()) == sorted([f"{stem}/{t}.csv" for t in TABLES]
                                                + [f"{stem}/README.txt", f"{stem}/datapackage.json"])
    archive.extractall(tmp_path)
    folder = tmp_path / stem
    for table, frame in table_frames(dataset).items():
        assert len(pd.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False)) == len(frame), table
    again = load_dataset(folder)  # the project's own loader, with every check it makes
    assert len(again.values) == len(dataset.values)
    assert len(again.regions) == len(dataset.regions) and len(again.sources) == len(dataset.sources)
    assert dict(again.gaps) == dict(dataset.gaps)
    # the same compositions; a text that starts like a formula ('= NUTS 2 PL91') keeps its apostrophe
    assert [(c.metro_code, c.parts, c.status, c.check.removeprefix("'")) for c in again.compositions] == [
        (c.metro_code, c.parts, c.status, c.check) for c in dataset.compositions]
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert sorted(r["path"] for r in package["resources"]) == sorted(f"{t}.csv" for t in TABLES)
    values = next(r for r in package["resources"] if r["path"] == "values.csv")
    types = {f["name"]: f["type"] for f in values["schema"]["fields"]}
    assert types["value"] == "number" and types["year"] == "integer" and types["note"] == "string"
    assert package["licenses"] and package["profile"] == "tabular-data-package"
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    assert "HOW TO CITE" in readme and "exported 2026-12-07" in readme and "Sources read up to 2026-" in readme
    assert all(f"{t}.csv" in readme for t in TABLES)


def test_the_workbook_has_a_readme_and_one_sheet_per_table(dataset: Dataset) -> None:
    name, payload = all_data_file(dataset, "all-xlsx", TODAY)
    assert name == "baltic-metropoles_all-data_2026-12-07.xlsx"
    book = load_workbook(io.BytesIO(payload), read_only=True)
    assert book.sheetnames == ["README", *TABLES]
    frames = table_frames(dataset)
    for table in TABLES:
        assert book[table].max_row == len(frames[table]) + 1, table


def test_a_cell_that_looks_like_a_formula_is_neutralised(tmp_path: Path) -> None:
    sources = [("src", "=HYPERLINK(\"http://x\")", "Test table", "http://127.0.0.1/t", "read 2026-11-30", "official")]
    data = build(tmp_path / "d", [Row("aa", "population", 2020, 100)], sources=sources)
    frames = table_frames(data)
    assert frames["sources"].loc[0, "publisher"].startswith("'=")
    _, payload = all_data_file(data, "all-csv", TODAY)
    text = zipfile.ZipFile(io.BytesIO(payload)).read("baltic-metropoles_all-data_2026-12-07/sources.csv").decode()
    assert "'=HYPERLINK" in text


def test_the_read_date_is_the_newest_day_a_source_says_it_was_read() -> None:
    assert read_date("stored copy read 2026-12-01 via search") == "2026-12-01"
    assert read_date("archived copy read 2026 (not re-read 2026-12-01)") == "2026"
    assert read_date("bulk file of 2026; read 2026-12-07 in the copy x; read 2026-11-02") == "2026-12-07"
    assert read_date("") == "" and read_date(None) == ""


def test_the_official_share_counts_the_figures_shown(tmp_path: Path) -> None:
    sources = [("src", "Test office", "Test table", "http://127.0.0.1/t", "read 2026-11-30", "official"),
               ("copy", "Somebody", "A copy", "http://127.0.0.1/c", "stored copy read 2026-12-02", "secondary")]
    figures = [Row("aa", "population", 2020, 100), Row("bb", "population", 2020, 200),
               Row("cc", "population", 2020, 300, source="copy")]
    data = build(tmp_path / "d", figures, regions=("aa", "bb", "cc"), sources=sources)
    state = default_state(data)
    rows = table_rows(data, state)
    official = sum(1 for r in rows if r["source_ids"] == ["src"])
    secondary = sum(1 for r in rows if r["source_ids"] == ["copy"])
    assert official >= 2 and secondary >= 1 and official + secondary == len(rows)
    result = provenance(data, rows)
    assert (result.official, result.total, result.read_up_to) == (official, len(rows), "2026-12-02")
    assert f"{official} of {len(rows)} figures shown come from official statistics" in result.text
    assert "Figures as of December 2, 2026" in result.text
    only_official = provenance(data, [r for r in rows if r["source_ids"] == ["src"]])
    assert only_official.read_up_to == "2026-11-30" and only_official.official == only_official.total
    assert view_provenance(data, state) == result  # the page's line counts the same figures, without the rows
