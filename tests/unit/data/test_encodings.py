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
