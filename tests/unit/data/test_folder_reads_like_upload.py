"""A complete data folder reads what an upload reads (issue 24 point 9): a values.csv saved by Excel in a Finnish
or German locale (BOM, ';', decimal comma, CRLF, no edition column) validates and is served from `--data`; a plain
UTF-8 comma-separated file is read strictly as before; problems are still FILE:ROW:COLUMN."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from dashboard.data.folders import load_data_folder
from tests.helpers import run_cli
from tests.synthetic import build

FIGURES = [("aa", "population", 2024, 1_500_000.5, "metro"), ("bb", "gdp", 2007, 12_345.25, "city")]


def excel_locale(folder: Path, drop: tuple[str, ...] = ("edition",), broken: str = "") -> Path:
    """The folder's values.csv as Excel writes it in a Finnish or German locale: UTF-8 with BOM, ';' separated,
    decimal comma (thousands grouped with spaces), CRLF; ``drop``: columns left out; ``broken``: a value cell."""
    build(folder, FIGURES)
    rows = list(csv.reader(io.StringIO((folder / "values.csv").read_text(encoding="utf-8"))))
    keep = [i for i, name in enumerate(rows[0]) if name not in drop]
    value = rows[0].index("value")
    rows = [[row[i] for i in keep] for row in rows]
    value = keep.index(value)
    rows[1][value] = "1 500 000,5"
    rows[2][value] = broken or "12345,25"
    text = "".join(";".join(row) + "\r\n" for row in rows)
    (folder / "values.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    return folder


def test_an_excel_locale_values_table_validates(tmp_path: Path) -> None:
    folder = excel_locale(tmp_path / "data")
    code, out, err = run_cli("validate", str(folder))
    assert (code, err) == (0, "")
    assert out.startswith(f"OK {folder}: 5 regions")
    assert "2 values (baltmet 1, recent 1)" in out
    assert "values.csv: read as ; separated, UTF-8 with BOM, decimal comma" in out
    assert "edition taken from the year" in out


def test_an_excel_locale_values_table_is_served(tmp_path: Path) -> None:
    loaded = load_data_folder(excel_locale(tmp_path / "data"))
    assert loaded.kind == "complete"
    assert loaded.dataset.figure("aa", "population", "recent", 2024).value == 1_500_000.5
    assert loaded.dataset.figure_on("bb", "gdp", "baltmet", 2007, "bb_city").value == 12_345.25


def test_its_problems_are_still_located(tmp_path: Path) -> None:
    folder = excel_locale(tmp_path / "data", drop=(), broken="12,345,25")
    code, out, _ = run_cli("validate", str(folder))
    assert code == 1
    assert out.splitlines()[0] == f"{folder / 'values.csv'}:3:value: '12,345,25' is not a number"


def test_a_plain_comma_file_is_read_as_before(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    build(folder, FIGURES)
    loaded = load_data_folder(folder)
    assert loaded.notes == []
    assert loaded.dataset.figure("aa", "population", "recent", 2024).value == 1_500_000.5


def test_another_table_in_utf16_is_named_as_such(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    build(folder, FIGURES)
    regions = folder / "regions.csv"
    regions.write_bytes(regions.read_text(encoding="utf-8").encode("utf-16-le"))
    code, out, _ = run_cli("validate", str(folder))
    assert code == 1
    assert out.splitlines() == [f"{regions}:1:-: this is UTF-16 little-endian text, not UTF-8; save the file as "
                                "UTF-8 CSV"]
