"""Files as people have them: a corpus of good files in European Excel layouts, and bad files whose
problem each test locates exactly (FILE:ROW:COLUMN)."""

from __future__ import annotations

import base64
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data import Dataset
from dashboard.upload import MAX_UPLOAD_BYTES, dataset_for, parse_upload

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "uploads"
EUROSTAT = Path(__file__).resolve().parents[2] / "fixtures" / "eurostat"


def upload(dataset: Dataset, path: Path):
    contents = "data:application/octet-stream;base64," + base64.b64encode(path.read_bytes()).decode()
    return parse_upload(contents, path.name, dataset)


# file -> (what was assumed, one figure that must arrive: region, indicator, year, value)
GOOD = {
    "utf8_bom_comma.csv": ("UTF-8 with BOM", ("helsinki", "science_parks", 2023, 6)),
    "utf16_tab_finnish.txt": ("tab separated, UTF-16 (Excel 'Unicode text'), decimal comma",
                              ("helsinki", "population", 2024, 1_750_000.5)),
    "cp1252_semicolon_german.csv": ("; separated, Windows-1252 (assumed: the file is not UTF-8), decimal comma",
                                    ("malmo", "population", 2024, 1_420_000)),
    "swiss_apostrophe.csv": ("; separated", ("stockholm", "population", 2024, 2_460_000)),
    "crlf_percent.csv": (", separated, UTF-8, decimal comma", ("riga", "share_national_population", 2023, 32.5)),
    "polish_narrow_space.csv": ("; separated, UTF-8", ("warsaw", "population", 2024, 3_280_000)),
    "header_row4_with_regions.xlsx": ("Excel sheet 'Figures', header on row 4", ("narva", "population", 2024, 53_000)),
}


@pytest.mark.parametrize("name", GOOD)
def test_good_files_are_read_and_say_what_was_assumed(dataset: Dataset, name: str) -> None:
    assumed, (region, indicator, year, value) = GOOD[name]
    outcome = upload(dataset, CORPUS / "good" / name)
    assert outcome.problems == []
    assert any(assumed in note for note in outcome.notes), outcome.notes
    merged = dataset_for(dataset, outcome.payload)
    figure = merged.figure(region, indicator, "recent", year)
    assert figure is not None and figure.value == pytest.approx(value)
    assert merged.is_user_source(figure.source_id)


def test_decoded_text_is_kept(dataset: Dataset) -> None:
    merged = dataset_for(dataset, upload(dataset, CORPUS / "good" / "cp1252_semicolon_german.csv").payload)
    assert merged.figure("malmo", "population", "recent", 2024).territory == "Skåne (Malmö region)"


def test_a_regions_sheet_adds_a_region(dataset: Dataset) -> None:
    merged = dataset_for(dataset, upload(dataset, CORPUS / "good" / "header_row4_with_regions.xlsx").payload)
    assert merged.region_name("narva") == "Narva" and "narva" not in dataset.regions.index


def test_an_upload_overrides_and_the_base_is_untouched(dataset: Dataset) -> None:
    before = dataset.figure("helsinki", "share_national_gva", "baltmet", 2007)
    outcome = upload(dataset, CORPUS / "good" / "crlf_percent.csv")
    assert any("1 replacing bundled one(s)" in n for n in outcome.notes)
    merged = dataset_for(dataset, outcome.payload)
    assert merged.figure("helsinki", "share_national_gva", "baltmet", 2007).source_id.startswith("upload_")
    assert dataset.figure("helsinki", "share_national_gva", "baltmet", 2007) == before


BAD = {
    "missing_column.csv": ["missing_column.csv:1:value"],
    "empty_required.csv": ["empty_required.csv:3:territory"],
    "not_a_number.csv": ["not_a_number.csv:2:value"],
    "unknown_region.csv": ["unknown_region.csv:2:region_id"],
    "unknown_indicator.csv": ["unknown_indicator.csv:2:indicator_id"],
    "duplicate_key.csv": ["duplicate_key.csv:3:year"],
    "negative_count.csv": ["negative_count.csv:2:value"],
    "percent_out_of_range.csv": ["percent_out_of_range.csv:2:value"],
    "year_out_of_range.csv": ["year_out_of_range.csv:2:year"],
    "bad_edition.csv": ["bad_edition.csv:2:edition"],
    "bad_territory_type.csv": ["bad_territory_type.csv:2:territory_type"],
    "bad_qualifier.csv": ["bad_qualifier.csv:2:qualifier"],
    "unknown_source.csv": ["unknown_source.csv:2:source_id"],
    "wrong_field_count.csv": ["wrong_field_count.csv:2:-"],
    "script_in_cell.csv": ["script_in_cell.csv:2:region_id"],
    "empty.csv": ["empty.csv:1:-"],
    "picture.png": ["picture.png:1:-"],
    "archive.zip": ["archive.zip:1:-"],
    "compressed.csv.gz": ["compressed.csv.gz:1:-"],
    "bad_value.xlsx": ["bad_value.xlsx:3:value"],
    "met_10r_3gdp_bad_value.tsv": ["met_10r_3gdp_bad_value.tsv:2:2021"],
    "eurostat_unknown_table.tsv": ["eurostat_unknown_table.tsv:1:-"],
    "mixture.csv": ["mixture.csv:2:value", "mixture.csv:3:region_id", "mixture.csv:4:year"],
}


@pytest.mark.parametrize("name", BAD)
def test_bad_files_are_located_exactly(dataset: Dataset, name: str) -> None:
    outcome = upload(dataset, CORPUS / "bad" / name)
    assert outcome.payload is None
    assert [str(p).split(": ", 1)[0] for p in outcome.problems] == BAD[name]


def test_every_bad_file_is_in_the_table() -> None:
    assert sorted(p.name for p in (CORPUS / "bad").iterdir()) == sorted(BAD)


@pytest.mark.parametrize("name", ["picture.png", "archive.zip", "compressed.csv.gz"])
def test_a_file_that_is_no_table_gets_one_line(dataset: Dataset, name: str) -> None:
    problems = upload(dataset, CORPUS / "bad" / name).problems
    assert len(problems) == 1 and "\n" not in str(problems[0]) and "not" in problems[0].message


def test_markup_stays_text(dataset: Dataset) -> None:
    message = str(upload(dataset, CORPUS / "bad" / "script_in_cell.csv").problems[0])
    assert "'<script>alert(1)</script>' is not an id" in message  # shown by Dash as text, never as markup


def test_oversized_upload_is_refused_before_it_is_read(dataset: Dataset) -> None:
    contents = "data:text/csv;base64," + "A" * (MAX_UPLOAD_BYTES // 3 * 4 + 400)  # never decoded
    outcome = parse_upload(contents, "huge.csv", dataset)
    assert [str(p) for p in outcome.problems] == ["huge.csv:0:-: the file is larger than 10 MB; nothing was read"]


@pytest.mark.parametrize("path", [CORPUS / "good" / name for name in GOOD] + sorted(EUROSTAT.iterdir()),
                         ids=lambda path: path.name)
def test_the_dataset_built_while_checking_is_the_one_its_payload_makes_again(dataset: Dataset, path: Path) -> None:
    """The worker that checked an upload keeps this Dataset for the session's clicks; any other worker rebuilds
    it from the stored payload: both must be the same figures, regions and sources."""
    outcome = upload(dataset, path)
    assert outcome.problems == [] and outcome.dataset is not None and outcome.dataset is not dataset
    again = dataset_for(dataset, outcome.payload)
    assert again is not outcome.dataset  # not cached: a session's Dataset is found by its upload's id
    for table in ("regions", "indicators", "sources", "values", "territories"):
        pd.testing.assert_frame_equal(getattr(outcome.dataset, table), getattr(again, table))
    assert outcome.dataset.gaps == again.gaps
    assert dataset_for(dataset, None) is dataset


def test_a_refused_upload_keeps_no_dataset(dataset: Dataset) -> None:
    outcome = upload(dataset, CORPUS / "bad" / "unknown_region.csv")
    assert outcome.problems and outcome.payload is None and outcome.dataset is None
