"""Metro regions composed from NUTS 3 tables: the sum, flag, vintage and merge rules, on made-up tables.

The numbers are test values, not data."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from dashboard.data import Dataset, load_dataset
from dashboard.data.compose import Cell, Composition, compose, compose_year
from dashboard.data.eurostat import import_eurostat_files
from dashboard.data.eurostat_merge import merge_into
from dashboard.measures import region_point
from tests.synthetic import build

AA = Composition("AA001MC", "Aa", ("X1", "X2"), "NUTS 2021", "proved", "test")
TODAY = dt.date(2026, 12, 7)


def test_a_sum_carries_the_union_of_its_parts_flags() -> None:
    cells = {("X1", 2020): Cell(10.0, "e"), ("X2", 2020): Cell(5.5, "p"), ("X1", 2021): Cell(11.0, "b"),
             ("X2", 2021): Cell(6.0)}
    out = {c.year: c for c in compose(AA, cells)}
    assert out[2020].value == 15.5 and out[2020].flags == "ep" and not out[2020].series_break
    assert out[2021].value == 17.0 and out[2021].series_break
    assert out[2020].parts == (("X1", 10.0), ("X2", 5.5))


@pytest.mark.parametrize("x2", [None, Cell(None), Cell(3.0, "c"), Cell(None, "c")])
def test_a_missing_or_confidential_part_leaves_the_year_missing(x2: Cell | None) -> None:
    cells = {("X1", 2020): Cell(10.0)} | ({("X2", 2020): x2} if x2 else {})
    composed = compose_year(AA, 2020, cells)
    assert composed is not None and composed.value is None
    assert "X2" in composed.why_missing and "partial" in composed.why_missing


def _folder(tmp_path: Path, status: str = "proved") -> Dataset:
    folder = tmp_path / "data"
    build(folder, [("aa", "population", 2015, 1, "metro", False, "copy"),  # a transcription, to be replaced
                   ("aa", "population", 2015, 7, "city"),  # another territory: kept
                   ("bb", "population", 2020, 3, "metro")], regions=("aa", "bb"),
          eurostat_codes={"aa_metro": "AA001MC", "nat": "FI"})
    (folder / "metro_compositions.csv").write_text(
        "metro_code,metro_name,nuts3_codes,nuts_version,status,check\n"
        f"AA001MC,Aa,X1 X2,NUTS 2021,{status},test\n", encoding="utf-8")
    return load_dataset(folder)


OLD = ("freq,unit,sex,age,geo\\TIME_PERIOD\t2014 \t2015 \t2016 \n"
       "A,NR,T,TOTAL,X1\t100 \t110 \t120 \n"
       "A,NR,T,TOTAL,X2\t10 \t11 \t12 \n"
       "A,NR,F,TOTAL,X1\t50 \t55 \t60 \n"
       "A,NR,T,TOTAL,FI\t1000 \t1010 \t1020 \n")
NEW = ("freq,unit,sex,age,geo\\TIME_PERIOD\t2016 \t2017 \t2018 \n"
       "A,NR,T,TOTAL,X1\t121 \t130 b\t140 e\n"
       "A,NR,T,TOTAL,X2\t12 \t13 \t: \n"
       "A,NR,T,TOTAL,FI\t1021 \t1030 \t1040 \n")


def _import(dataset: Dataset, tmp_path: Path):
    old, new = tmp_path / "demo_r_pjanaggr3.old.tsv", tmp_path / "demo_r_pjanaggr3.new.tsv"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    # undeclared files are vintages in the order given: the later is the newer
    return import_eurostat_files([(old.read_bytes(), str(old)), (new.read_bytes(), str(new))], dataset, TODAY)


def test_each_year_from_the_newest_vintage_and_a_break_where_the_vintage_changes(tmp_path: Path) -> None:
    dataset = _folder(tmp_path)
    results = _import(dataset, tmp_path)
    assert not [p for r in results for p in r.problems]
    rows = {(r["indicator_id"], int(r["year"])): r for res in results for r in res.values}
    metro = {y: r for (i, y), r in rows.items() if i == "population"}
    assert sorted(metro) == [2014, 2015, 2016, 2017]  # 2018: X2 missing, so no partial sum
    assert metro[2016]["value"] == "133" and metro[2015]["value"] == "121"  # 2016 from the newer file, not 132
    assert metro[2016]["series_break"] == "true" and "two vintages are not joined" in metro[2016]["note"]
    assert metro[2015]["series_break"] == "" and metro[2015]["source_id"] != metro[2016]["source_id"]
    assert metro[2017]["series_break"] == "true" and "flag b" in metro[2017]["note"]
    assert metro[2014]["note"].count("X1 100") == 1 and "X2 10" in metro[2014]["note"]
    assert all(r["edition"] == "recent" and r["territory_id"] == "aa_metro" for r in metro.values())
    national = {y: r for (i, y), r in rows.items() if i == "national_population"}
    assert national[2018]["value"] == "1040" and national[2016]["value"] == "1021"
    assert any("X2 in 2018" in note for r in results for note in r.notes)
    sources = [s for r in results for s in r.sources]
    assert {s["kind"] for s in sources} == {"official"} and {s["publisher"] for s in sources} == {"Eurostat"}


def test_an_estimated_part_makes_an_estimated_figure(tmp_path: Path) -> None:
    new = tmp_path / "demo_r_pjanaggr3.tsv"
    new.write_text(NEW.replace("\t: \n", "\t14 \n"), encoding="utf-8")
    results = import_eurostat_files([(new.read_bytes(), str(new))], _folder(tmp_path), TODAY)
    row = next(r for res in results for r in res.values if r["year"] == 2018 and r["indicator_id"] == "population")
    assert row["qualifier"] == "estimated" and "flags e (e estimated)" in row["note"]


def test_merge_makes_the_import_the_whole_series_and_keeps_the_rest(tmp_path: Path) -> None:
    dataset = _folder(tmp_path)
    results = _import(dataset, tmp_path)
    folder = Path(dataset.data_dir)
    report = merge_into(folder, [v for r in results for v in r.values], [s for r in results for s in r.sources])
    merged = load_dataset(folder)
    aa = merged.series("aa", "population", "recent", "eurostat_metro")
    assert [f.value for f in aa] == [110, 121, 133, 143] and report.replaced == 1  # the transcription is gone
    assert [f.value for f in merged.series("aa", "population", "recent", "city")] == [7]
    assert [f.value for f in merged.series("bb", "population", "recent")] == [3]
    assert "copy" in report.sources_dropped and "copy" not in merged.sources.index
    again = merge_into(folder, [v for r in results for v in r.values], [s for r in results for s in r.sources])
    assert again.replaced == again.added == report.added  # a re-run replaces its own rows: nothing doubled


def test_a_share_divides_by_the_national_total_of_its_own_table(tmp_path: Path) -> None:
    dataset = _folder(tmp_path)
    results = _import(dataset, tmp_path)
    merge_into(Path(dataset.data_dir), [v for r in results for v in r.values], [s for r in results for s in r.sources])
    merged = load_dataset(Path(dataset.data_dir))
    share = region_point(merged, "aa", "population", "recent", "share", 2016, "eurostat_metro")
    figure = merged.figure("aa", "population", "recent", 2016, "eurostat_metro")
    assert share.value == pytest.approx(13.0) and set(share.source_ids) == {figure.source_id}  # one file: its own total
    total = next(f for f in merged.series("aa", "national_population", "recent") if f.year == 2016)
    assert total.value == 1021 and total.source_id == figure.source_id  # the newer file's, not the older 1020


def test_an_assumed_composition_is_marked_on_the_mark(tmp_path: Path) -> None:
    from dashboard.comparability import assess
    from dashboard.figures.common import marked_label
    from dashboard.measures import points

    dataset = _folder(tmp_path, status="assumed")
    results = _import(dataset, tmp_path)
    merge_into(Path(dataset.data_dir), [v for r in results for v in r.values], [s for r in results for s in r.sources])
    merged = load_dataset(Path(dataset.data_dir))
    shown = points(merged, ("aa", "bb"), "population", "recent", "absolute", None, "eurostat_metro")
    compared = assess(merged, shown, "eurostat_metro")
    assert compared.assumed == {"aa"} and "Composition assumed: AA" in compared.footnote
    assert marked_label(merged, shown[0], compared).endswith("<br>composition assumed")
    assert "composition assumed" not in marked_label(merged, shown[1], compared)


@pytest.mark.parametrize(("cell", "number", "flags"), [
    ("1868018 ep", "1868018", "ep"), (": ", None, ""), (":C", None, "c"), (": c", None, "c"), (":|C", None, "c"),
    ("12.5 b", "12.5", "b"), ("7 i", "7", "i"), (": m", None, "m")])
def test_eurostat_cells_and_their_flags(cell: str, number: str | None, flags: str) -> None:
    from dashboard.data.eurostat import parse_cell

    match = parse_cell(cell)
    assert match is not None and match["number"] == number and match["flags"] == flags


def test_a_cell_that_is_no_eurostat_value_is_refused() -> None:
    from dashboard.data.eurostat import parse_cell

    assert parse_cell("9x") is None and parse_cell("12,5") is None


def test_the_out_folder_keeps_a_city_and_its_metro_region_of_the_same_year(tmp_path: Path) -> None:
    """--out wrote one figure per region, indicator and year: Berlin's DE300 row hid its DE001MC one."""
    from dashboard.cli import main

    dataset = _folder(tmp_path)
    path = tmp_path / "data" / "metro_compositions.csv"
    path.write_text(path.read_text(encoding="utf-8") + "X1,City,X1,NUTS 2021,proved,the city is one NUTS 3\n",
                    encoding="utf-8")
    territories = tmp_path / "data" / "territories.csv"
    text = territories.read_text(encoding="utf-8")
    territories.write_text(text.replace("aa_city,aa,city,AA city,the city of aa,,",
                                        "aa_city,aa,city,AA city,the city of aa,X1,"), encoding="utf-8")
    del dataset
    new = tmp_path / "demo_r_pjanaggr3.tsv"
    new.write_text(NEW, encoding="utf-8")
    assert main(["import-eurostat", str(new), "--data", str(tmp_path / "data"), "--out", str(tmp_path / "out")]) == 0
    with (tmp_path / "out" / "values.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["indicator_id"] == "population" and r["year"] == "2016"]
    assert sorted(r["territory_id"] for r in rows) == ["aa_city", "aa_metro"]
