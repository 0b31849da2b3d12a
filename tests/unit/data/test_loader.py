"""The loader refuses bad tables and says exactly where: FILE:ROW:COLUMN: message."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.data import DataValidationError, load_dataset


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(directory: Path) -> list[str]:
    with pytest.raises(DataValidationError) as caught:
        load_dataset(directory)
    return [str(p) for p in caught.value.problems]


def locations(directory: Path) -> list[str]:
    """``FILE:ROW:COLUMN`` of each problem, FILE relative to the folder."""
    return [s.split(": ", 1)[0].replace(f"{directory}/", "") for s in problems_of(directory)]


def test_mini_folder_is_valid(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    assert len(dataset.values) == 3
    assert dataset.figure("helsinki", "population", "baltmet").value == 1_300_000


def test_missing_column(mini_dir: Path) -> None:
    path = mini_dir / "values.csv"
    text = path.read_text().splitlines()
    text = [",".join(line.split(",")[:9] + line.split(",")[10:]) for line in text]  # drop 'source_id'
    path.write_text("\n".join(text) + "\n")
    assert locations(mini_dir) == ["values.csv:1:source_id"]
    assert problems_of(mini_dir)[0].endswith("values.csv:1:source_id: missing column")


def test_unknown_column(mini_dir: Path) -> None:
    replace_in(mini_dir / "sources.csv", "kind\n", "kind,colour\n")
    replace_in(mini_dir / "sources.csv", "official\n", "official,blue\n")
    assert locations(mini_dir) == ["sources.csv:1:colour"]


def test_empty_required_cell(mini_dir: Path) -> None:
    replace_in(mini_dir / "values.csv", ",profile,three", ",,three")
    assert locations(mini_dir) == ["values.csv:4:source_id"]
    assert problems_of(mini_dir)[0].endswith("empty; a value is required")


def test_non_numeric_value(mini_dir: Path) -> None:
    replace_in(mini_dir / "values.csv", ",742200,", ",742 thousand,")
    assert problems_of(mini_dir) == [f"{mini_dir}/values.csv:4:value: '742 thousand' is not a number"]


def test_unknown_region(mini_dir: Path) -> None:
    replace_in(mini_dir / "values.csv", "riga,population", "atlantis,population")
    assert problems_of(mini_dir) == [
        f"{mini_dir}/values.csv:4:region_id: unknown region 'atlantis' (not in regions.csv)"]


def test_unknown_indicator(mini_dir: Path) -> None:
    replace_in(mini_dir / "values.csv", "riga,population", "riga,happiness")
    assert locations(mini_dir) == ["values.csv:4:indicator_id"]


def test_unknown_source(mini_dir: Path) -> None:
    replace_in(mini_dir / "values.csv", "metro,profile,two", "metro,rumour,two")
    assert locations(mini_dir) == ["values.csv:3:source_id"]


def test_duplicate_key(mini_dir: Path) -> None:
    with (mini_dir / "values.csv").open("a") as fh:
        fh.write("helsinki,population,baltmet,2007,,1250000,,Helsinki Region,metro,profile,again\n")
    assert problems_of(mini_dir) == [
        f"{mini_dir}/values.csv:5:year: duplicate key (region_id=helsinki, indicator_id=population, "
        "edition=baltmet, year=2007); first on line 2"]


def test_negative_count(mini_dir: Path) -> None:
    replace_in(mini_dir / "values.csv", ",742200,", ",-742200,")
    assert locations(mini_dir) == ["values.csv:4:value"]
    assert "negative" in problems_of(mini_dir)[0]


def test_percentage_out_of_range(mini_dir: Path) -> None:
    replace_in(mini_dir / "values.csv", ",34,", ",134,")
    assert problems_of(mini_dir) == [f"{mini_dir}/values.csv:3:value: '134' is outside 0-100 for a percentage"]


@pytest.mark.parametrize("year", ["1850", "2031"])
def test_year_out_of_range(mini_dir: Path, year: str) -> None:
    replace_in(mini_dir / "values.csv", "baltmet,2009", f"baltmet,{year}")
    assert problems_of(mini_dir) == [f"{mini_dir}/values.csv:4:year: '{year}' is outside 1990-2030"]


def test_not_utf8(mini_dir: Path) -> None:
    path = mini_dir / "regions.csv"
    path.write_bytes(path.read_bytes().replace(b"Riga,LV", "R\xefga,LV".encode("latin-1")))
    assert problems_of(mini_dir)[0].startswith(f"{mini_dir}/regions.csv:3:-: not UTF-8 text (byte 0xEF)")


def test_binary_file(mini_dir: Path) -> None:
    (mini_dir / "values.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert locations(mini_dir) == ["values.csv:1:-"]


def test_wrong_field_count(mini_dir: Path) -> None:
    replace_in(mini_dir / "values.csv", "metro,profile,two", "metro,profile,two,extra")
    assert problems_of(mini_dir) == [f"{mini_dir}/values.csv:3:-: has 12 fields but the header has 11"]


def test_missing_file(mini_dir: Path) -> None:
    (mini_dir / "sources.csv").unlink()
    assert f"{mini_dir}/sources.csv:0:-: file is missing" in problems_of(mini_dir)


def test_line_numbers_follow_quoted_multiline_records(mini_dir: Path) -> None:
    replace_in(mini_dir / "values.csv", "metro,profile,one", 'metro,profile,"one\nspanning two lines"')
    replace_in(mini_dir / "values.csv", ",742200,", ",x,")
    assert locations(mini_dir) == ["values.csv:5:value"]


def test_all_problems_in_one_run(mini_dir: Path) -> None:
    replace_in(mini_dir / "values.csv", ",742200,", ",abc,")
    replace_in(mini_dir / "values.csv", ",34,", ",340,")
    replace_in(mini_dir / "regions.csv", ",FI,", ",Finland,")
    replace_in(mini_dir / "indicators.csv", "count,Population", "tally,Population")
    assert locations(mini_dir) == [
        "indicators.csv:2:kind", "regions.csv:2:country", "values.csv:3:value", "values.csv:4:value"]


def test_missing_folder(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nowhere") == [f"{tmp_path}/nowhere:0:-: not a folder"]


def test_gaps_file_is_optional_and_checked(mini_dir: Path) -> None:
    (mini_dir / "gaps.csv").write_text(
        "region_id,indicator_id,edition,reason\nriga,population,recent,Not published\n"
        "riga,unknown_thing,recent,x\n", encoding="utf-8")
    assert locations(mini_dir) == ["gaps.csv:3:indicator_id"]
