"""A workbook's shared strings cannot amplify it: one long string is refused before any cell is filled with it,
and the text a sheet expands to (each shared string counted in every cell using it) is bounded while the rows
stream, on every path that reads a workbook (an upload, `validate`, `--data`)."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from dashboard.data import Dataset, DataValidationError
from dashboard.data.folders import load_data_folder
from dashboard.data.tolerant import read_xlsx
from dashboard.upload import parse_upload
from tests.fixtures.hostile.make_corpus import GOOD_ROW, HEADER, shared_string_book, sheet, sheet_rows, xlsx
from tests.fixtures.hostile.measure import measured
from tests.helpers import run_cli

MB = 1024 * 1024
SECONDS, GROWTH_MB = 3.0, 100.0  # an 8 MB string used by 300 cells took 12.8 s; by 2 000 cells, over 40 s


def upload(dataset: Dataset, raw: bytes, name: str = "ss.xlsx") -> list[str]:
    sent = "data:application/octet-stream;base64," + base64.b64encode(raw).decode()
    return [str(p) for p in parse_upload(sent, name, dataset).problems]


@pytest.mark.parametrize("references", [300, 2000])
def test_one_long_shared_string_is_refused_before_any_cell_holds_it(dataset: Dataset, references: int) -> None:
    raw = shared_string_book(8 * MB, references)
    assert len(raw) < 64 * 1024  # a small file: the cost is all in the expansion
    m = measured(lambda: upload(dataset, raw), timeout=30)
    print(f"8 MB x {references}: {m.seconds:.2f} s, +{m.peak_mb:.0f} MB")
    assert not m.error, m.error
    assert m.value == ["ss.xlsx:1:-: shared string 1 of the workbook has 8 388 608 characters (refused before any "
                       "cell was filled with it); the limit is 10 000 characters (BALTMET_MAX_CELL_CHARS)"]
    assert m.seconds < SECONDS and m.peak_mb < GROWTH_MB


def test_the_text_a_sheet_expands_to_is_counted_while_reading(dataset: Dataset) -> None:
    raw = shared_string_book(9_000, 20_000)  # each use within the cell limit; 180 million characters in all
    m = measured(lambda: upload(dataset, raw), timeout=30)
    print(f"9 000 x 20 000: {m.seconds:.2f} s, +{m.peak_mb:.0f} MB")
    assert not m.error, m.error
    assert m.value == ["ss.xlsx:3722:E: the sheet's cells hold too much text up to here (reading stopped: a long "
                       "text repeated in many cells?); the limit is 32 MB (BALTMET_MAX_SHEET_TEXT_BYTES)"]
    assert m.seconds < SECONDS and m.peak_mb < GROWTH_MB


def test_the_sheet_text_limit_is_a_setting(monkeypatch) -> None:
    monkeypatch.setenv("BALTMET_MAX_SHEET_TEXT_BYTES", "5000")
    result = read_xlsx(shared_string_book(1_000, 10), "ss.xlsx")
    assert [str(p) for p in result.problems] == [
        "ss.xlsx:6:E: the sheet's cells hold too much text up to here (reading stopped: a long text repeated in "
        "many cells?); the limit is 5 KB (BALTMET_MAX_SHEET_TEXT_BYTES)"]


def test_a_shared_string_whose_xml_is_long_but_text_is_not_is_read() -> None:
    territory = "&" * 3_000  # 15 000 bytes of XML (&amp;), 3 000 characters
    rows = sheet_rows([GOOD_ROW[:4]], first=2).replace("</row>", '<c r="E2" t="s"><v>0</v></c></row>')
    book = xlsx({"Figures": sheet(sheet_rows([HEADER]) + rows)}, strings=[territory])
    result = read_xlsx(book, "ss.xlsx")
    assert result.problems == []
    assert result.frame["territory"].tolist() == [territory]


def test_validate_and_data_refuse_it_the_same_way(tmp_path: Path, dataset: Dataset) -> None:
    (tmp_path / "values.csv").write_bytes(shared_string_book(8 * MB, 2000))  # an overlay folder
    label = str(tmp_path / "values.csv")
    code, out, _ = run_cli("validate", str(tmp_path))
    assert code == 1
    assert out.splitlines()[0].startswith(f"{label}:1:-: shared string 1 of the workbook has 8 388 608 characters")
    with pytest.raises(DataValidationError) as refused:
        load_data_folder(tmp_path, bundled=dataset)
    assert "BALTMET_MAX_CELL_CHARS" in str(refused.value.problems[0])


def test_a_complete_folder_refuses_it_too(tmp_path: Path) -> None:
    from tests.synthetic import build

    build(tmp_path, [("aa", "population", 2024, 1.0, "metro")])
    (tmp_path / "values.csv").write_bytes(shared_string_book(8 * MB, 2000))
    m = measured(lambda: run_cli("validate", str(tmp_path)), timeout=30)
    assert not m.error, m.error
    code, out, _ = m.value
    assert code == 1 and m.seconds < SECONDS
    assert out.splitlines() == [f"{tmp_path / 'values.csv'}:1:-: shared string 1 of the workbook has 8 388 608 "
                                "characters (refused before any cell was filled with it); the limit is 10 000 "
                                "characters (BALTMET_MAX_CELL_CHARS)"]


def _with_shared_strings(book: bytes, xml: bytes) -> bytes:
    """The workbook with its sharedStrings.xml replaced by ``xml`` (raw, as a hostile file writes it)."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, xml if item.filename.endswith("sharedStrings.xml") else data)
    return out.getvalue()


@pytest.mark.parametrize("filler", [b"<rPh/>", b"<", b"si>"], ids=["unclosed-phonetics", "lone-brackets", "fake-marks"])
def test_a_long_string_of_markup_is_measured_in_one_pass(filler: bytes) -> None:
    """60 KB of '<rPh/>' (no '</rPh>') took a backtracking pattern 12 s; 'si>' in the text hid the string's
    length from the streaming scan. Each is refused at once, the string named (the empty <si/> counts)."""
    import time

    rows = sheet_rows([GOOD_ROW[:4]], first=2).replace("</row>", '<c r="E2" t="s"><v>1</v></c></row>')
    book = xlsx({"Figures": sheet(sheet_rows([HEADER]) + rows)}, strings=["a", "b"])
    text = b"x" * 20_000 + filler * 10_000 if filler != b"<" else filler * 60_000 + b"x" * 20_000
    xml = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
           b'2006/main"><si/><si><t>' + text + b"</t></si></sst>")
    started = time.monotonic()
    result = read_xlsx(_with_shared_strings(book, xml), "ss.xlsx")
    assert time.monotonic() - started < 3
    assert result.frame is None or result.frame.empty
    if filler != b"<":  # 60 000 lone '<' are refused sooner, as nesting too deep
        assert [p.message for p in result.problems if "shared string 2 " in p.message], result.problems[:3]
