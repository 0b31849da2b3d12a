"""Text in the code pages of the Baltic Sea region is read as written, the code page chosen from the
content (the letters of each row's region), said back to the user, and doubts are said too."""

from __future__ import annotations

import base64

import pytest

from dashboard.data import Dataset
from dashboard.data.tolerant import decode_text
from dashboard.upload import dataset_for, parse_upload

HEAD = "region_id;indicator_id;year;value;territory\n"

# language -> (region, place names), each file holding one figure per name (years 2001, 2002, ...)
PLACES = {
    "Polish": ("warsaw", ["Łódź", "Kraków", "Gdańsk", "Śląsk"]),
    "Lithuanian": ("vilnius", ["Šiaurės", "Klaipėda", "Kėdainiai"]),
    "Latvian": ("riga", ["Rīga", "Jūrmala", "Ērgļi"]),
    "Estonian": ("tallinn", ["Pärnu", "Tõnismägi", "Tartu"]),
    "German": ("berlin", ["Straße", "München", "Köln"]),
    "Nordic": ("copenhagen", ["Malmö", "Ærø", "Øresund"]),
}
CASES = [("Polish", "cp1250", "Windows-1250"), ("Polish", "iso-8859-2", "ISO-8859-2"),
         ("Lithuanian", "cp1257", "Windows-1257"), ("Lithuanian", "iso-8859-4", "ISO-8859-4"),
         ("Latvian", "cp1257", "Windows-1257"), ("Latvian", "iso-8859-4", "ISO-8859-4"),
         ("Latvian", "iso-8859-13", "Windows-1257"),  # the same bytes for these letters: either reads right
         ("Estonian", "cp1257", "Windows-1257"), ("Estonian", "iso-8859-4", "Windows-1257"),
         ("German", "cp1252", "Windows-1252"), ("German", "iso-8859-2", "Windows-1252"),
         ("Nordic", "cp1252", "Windows-1252"), ("Nordic", "iso-8859-13", "Windows-1257")]


def table(language: str) -> str:
    region, names = PLACES[language]
    return HEAD + "".join(f"{region};population;{2001 + i};{1000 + i};{name}\n" for i, name in enumerate(names))


def upload(dataset: Dataset, raw: bytes, name: str = "names.csv"):
    return parse_upload("data:text/csv;base64," + base64.b64encode(raw).decode(), name, dataset)


@pytest.mark.parametrize(("language", "codec", "said"), CASES)
def test_names_arrive_as_written_and_the_code_page_is_said(dataset: Dataset, language: str, codec: str,
                                                           said: str) -> None:
    outcome = upload(dataset, table(language).encode(codec))
    assert outcome.problems == []
    assert f"{said} (assumed: the file is not UTF-8)" in outcome.notes[0]
    merged = dataset_for(dataset, outcome.payload)
    region, names = PLACES[language]
    assert [merged.figure(region, "population", "baltmet", 2001 + i).wording for i in range(len(names))] == names


def test_utf8_is_kept_and_never_guessed(dataset: Dataset) -> None:
    text = table("Polish") + table("Latvian")[len(HEAD):]
    outcome = upload(dataset, text.encode("utf-8"))
    assert outcome.problems == [] and "; separated, UTF-8" in outcome.notes[0]
    assert dataset_for(dataset, outcome.payload).figure("riga", "population", "baltmet", 2001).wording == "Rīga"


def test_without_a_region_both_readings_are_said_and_which_was_used() -> None:
    decoded = decode_text("name\nÆrø\nØresund\n".encode("cp1252"), "names.csv")
    assert decoded.name.startswith("Windows-1252")
    assert "also readable as Windows-1257 ('Ęrų' instead of 'Ærø'); read as Windows-1252" in decoded.notes


def test_the_region_of_the_row_settles_what_the_letters_alone_cannot() -> None:
    raw = "region_id;name\ncopenhagen;Ærø\nvilnius;Šiaurės\n".encode("cp1257")
    decoded = decode_text(raw, "names.csv", {"copenhagen": "DK", "vilnius": "LT"})
    assert decoded.text.splitlines()[1:] == ["copenhagen;Ærø", "vilnius;Šiaurės"]
    assert decoded.name == "Windows-1257 (assumed: the file is not UTF-8)"


def test_a_folder_is_read_with_the_same_choice(tmp_path, dataset: Dataset) -> None:
    from dashboard.data.folders import load_data_folder

    (tmp_path / "values.csv").write_bytes(table("Lithuanian").encode("cp1257"))
    loaded = load_data_folder(tmp_path, bundled=dataset)
    assert any("Windows-1257" in note for note in loaded.notes)
    assert loaded.dataset.figure("vilnius", "population", "baltmet", 2002).wording == "Klaipėda"


# --- Issue 24 point 8: text of two or four bytes a character, files with no rows, files in two encodings -----
WIDE = "region_id;indicator_id;year;value;territory\r\nhelsinki;population;2024;1750000,5;Helsingin seutu\r\n" \
       "riga;population;2024;600000;Rīga\r\n"


@pytest.mark.parametrize(("codec", "said"), [
    ("utf-32", "UTF-32 (with a byte-order mark)"),
    ("utf-32-le", "UTF-32 little-endian without a byte-order mark (recognised by its zero bytes)"),
    ("utf-32-be", "UTF-32 big-endian without a byte-order mark (recognised by its zero bytes)"),
    ("utf-16-le", "UTF-16 little-endian without a byte-order mark (recognised by its zero bytes)"),
    ("utf-16-be", "UTF-16 big-endian without a byte-order mark (recognised by its zero bytes)"),
])
def test_utf32_and_utf16_without_a_mark_are_read_and_named(dataset: Dataset, codec: str, said: str) -> None:
    outcome = upload(dataset, WIDE.encode(codec), "wide.txt")
    assert outcome.problems == []
    assert said in outcome.notes[0]
    merged = dataset_for(dataset, outcome.payload)
    assert merged.figure("riga", "population", "recent", 2024).wording == "Rīga"
    assert merged.figure("helsinki", "population", "recent", 2024).value == 1_750_000.5


@pytest.mark.parametrize(("codec", "why"), [("utf-32-le", "its length is not a multiple of 4 bytes"),
                                            ("utf-16-be", "it has an odd number of bytes")])
def test_wide_text_cut_short_is_refused_naming_its_encoding(dataset: Dataset, codec: str, why: str) -> None:
    problems = [str(p) for p in upload(dataset, WIDE.encode(codec)[:-1], "cut.txt").problems]
    encoding = codec.upper().replace("-LE", " little-endian").replace("-BE", " big-endian")
    assert problems == [f"cut.txt:3:-: the file is {encoding} text but {why}: the last character is cut off; "
                        "save the file again (as UTF-8)"]


def test_zero_bytes_in_no_pattern_are_still_a_binary_file(dataset: Dataset) -> None:
    problems = [str(p) for p in upload(dataset, b"\x00" * 4000, "zeros.csv").problems]
    assert problems == ["zeros.csv:1:-: this is a binary file, not a table (CSV, TSV or XLSX)"]


def test_one_utf8_line_among_windows_lines_is_refused_not_stored_as_mojibake(dataset: Dataset) -> None:
    raw = (HEAD + "malmo;population;2001;1;Malmö\nmalmo;population;2002;1;Göteborg\n").encode("cp1252") \
        + "oslo;population;2003;1;Bærum\n".encode()
    problems = [str(p) for p in upload(dataset, raw, "mixed.csv").problems]
    assert problems == ["mixed.csv:4:-: this line is UTF-8 ('Bærum'), though line 2 and other lines are not: the "
                        "file mixes encodings; save it again as UTF-8 and check the letters of these lines"]


def test_one_windows_line_in_a_utf8_file_is_named(dataset: Dataset) -> None:
    raw = (HEAD + "malmo;population;2001;1;Malmö\n").encode() + "oslo;population;2003;1;Bærum\n".encode("cp1252")
    problems = [str(p) for p in upload(dataset, raw, "mixed.csv").problems]
    assert problems == ["mixed.csv:3:-: this line is not UTF-8 (byte 0xE6), though line 2 is ('Malmö'): the file "
                        "mixes encodings; save it again as UTF-8 and check this line's letters"]


@pytest.mark.parametrize(("name", "raw"), [
    ("header_only.csv", HEAD.encode() + b"\r\n\r\n"),
    ("header_only.xlsx", None),
])
def test_a_header_without_rows_is_a_problem_not_a_success(dataset: Dataset, name: str, raw: bytes | None) -> None:
    from tests.fixtures.hostile.make_corpus import HEADER, table_book

    outcome = upload(dataset, raw if raw is not None else table_book([HEADER]), name)
    assert outcome.payload is None and outcome.dataset is None
    sheet = " (sheet 'Figures')" if name.endswith("xlsx") else ""
    assert [str(p) for p in outcome.problems] == [
        f"{name}:1:-: no rows below the header: the file names its columns but holds no figures{sheet}"]


def test_a_folder_of_user_figures_with_no_rows_is_refused(tmp_path, dataset: Dataset) -> None:
    from dashboard.data import DataValidationError
    from dashboard.data.folders import load_data_folder

    (tmp_path / "values.csv").write_bytes(HEAD.encode())
    with pytest.raises(DataValidationError) as refused:
        load_data_folder(tmp_path, bundled=dataset)
    assert "no rows below the header" in str(refused.value.problems[0])


def test_a_line_saved_in_another_code_page_is_refused_naming_it(dataset: Dataset) -> None:
    raw = table("Lithuanian").encode("cp1257") + "copenhagen;population;2009;1;Ærø\n".encode("cp1252")
    problems = [str(p) for p in upload(dataset, raw, "mixed.csv").problems]
    assert problems == ["mixed.csv:5:-: this line is not Windows-1257 like the rest of the file: 'Ęrų' here reads "
                        "as 'Ærø' in Windows-1252: the file mixes encodings; save it again as UTF-8 and check this "
                        "line's letters"]


def test_a_foreign_name_in_one_code_page_is_not_taken_for_a_mixture(dataset: Dataset) -> None:
    outcome = upload(dataset, (table("Polish") + "warsaw;population;2009;1;Győr\n").encode("cp1250"))
    assert outcome.problems == []
    assert dataset_for(dataset, outcome.payload).figure("warsaw", "population", "baltmet", 2009).wording == "Győr"
