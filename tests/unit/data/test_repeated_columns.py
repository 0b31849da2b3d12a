"""A column given twice ('value' or 'year' twice, 95 bytes) is one clear FILE:1:COLUMN message on every path:
validate, a --data folder (complete or overlay), an upload (CSV or XLSX). Before, it was an AttributeError
on the CLI, a 500 on the page, and a server that did not start."""

from __future__ import annotations

import base64
import io
import shutil
from pathlib import Path

import openpyxl
import pytest

from dashboard.cli import main
from dashboard.data import Dataset
from dashboard.data.folders import load_data_folder
from dashboard.data.problems import DataValidationError
from dashboard.paths import BUNDLED_DATA_DIR
from dashboard.upload import parse_upload

REPEATED = "region_id,indicator_id,year,value,value,territory\nhelsinki,population,2024,1,2,Helsinki\n"


def test_validate_names_the_repeated_column(tmp_path: Path, capsys) -> None:
    (tmp_path / "values.csv").write_text(REPEATED, encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 1
    said = capsys.readouterr()
    text = said.out + said.err
    assert f"{tmp_path / 'values.csv'}:1:value: the column 'value' appears twice (columns 4 and 5)" in text
    assert "Error" not in text


def test_a_complete_folder_with_a_repeated_column_is_refused_with_the_place(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(BUNDLED_DATA_DIR, folder)
    lines = (folder / "regions.csv").read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace(",lat,", ",lat,LAT,")  # the header names lat twice (the case differs)
    (folder / "regions.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as refused:
        load_data_folder(folder)
    assert any(p.row == 1 and p.column == "LAT" and "appears twice" in p.message for p in refused.value.problems)


def test_an_upload_with_a_repeated_column_says_so(dataset: Dataset) -> None:
    twice = REPEATED.replace("value,value", "year,year").encode()
    contents = "data:text/csv;base64," + base64.b64encode(twice).decode()
    outcome = parse_upload(contents, "mine.csv", dataset)
    assert outcome.payload is None
    assert [str(p) for p in outcome.problems] == ["mine.csv:1:year: the column 'year' appears twice "
                                                  "(columns 3 and 4); keep one"]


def test_an_xlsx_upload_with_a_repeated_column_says_so(dataset: Dataset) -> None:
    book = openpyxl.Workbook()
    for row in (line.split(",") for line in REPEATED.strip().splitlines()):
        book.active.append(row)
    raw = io.BytesIO()
    book.save(raw)
    contents = "data:application/octet-stream;base64," + base64.b64encode(raw.getvalue()).decode()
    outcome = parse_upload(contents, "mine.xlsx", dataset)
    assert outcome.payload is None and "appears twice" in str(outcome.problems[0])
