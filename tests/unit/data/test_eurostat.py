"""Eurostat downloads, written by hand in the real layouts (tests/fixtures/eurostat)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.data import Dataset
from dashboard.data.eurostat import import_eurostat
from dashboard.data.folders import load_data_folder

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "eurostat"


def imported(dataset: Dataset, name: str):
    return import_eurostat((FIXTURES / name).read_bytes(), name, dataset, dt.date(2026, 11, 27))


@pytest.mark.parametrize("name", ["met_pjanaggr3.tsv", "met_pjanaggr3_linear.tsv.gz"])
def test_population_tsv_plain_and_gzip(dataset: Dataset, name: str) -> None:
    result = imported(dataset, name)
    rows = {(v["region_id"], v["year"]): v for v in result.values}
    assert rows[("helsinki", 2023)]["value"] == 1_733_033  # totals only: not the age group, not women only
    assert len(result.values) == 6
    assert rows[("stockholm", 2022)]["note"].endswith("flag p (provisional)")
    assert ("riga", 2023) not in rows  # ':' stays missing
    assert result.notes[-1] == "unknown metro code DE099M: 3 figure(s) skipped"
    assert rows[("helsinki", 2023)]["territory"] == "Eurostat metro region FI001MC Helsinki"
    assert result.sources[0]["publisher"] == "Eurostat" and result.sources[0]["source_id"] == "eurostat_met_pjanaggr3"


def test_gdp_keeps_million_euro_only(dataset: Dataset) -> None:
    result = imported(dataset, "met_10r_3gdp.tsv")
    assert sorted((v["region_id"], v["year"], v["value"]) for v in result.values) == [
        ("helsinki", 2020, 93100.12), ("helsinki", 2021, 98660.45), ("tallinn", 2020, 19876.5),
        ("tallinn", 2021, 22011.3)]
    assert "unknown metro code EU27_2020: 2 figure(s) skipped" in result.notes


def test_employment_sdmx_csv_in_thousands_becomes_persons(dataset: Dataset) -> None:
    result = imported(dataset, "met_10r_3emp_sdmx.csv")
    assert sorted((v["region_id"], v["value"]) for v in result.values) == [("helsinki", 946_910.0),
                                                                          ("warsaw", 1_768_700.0)]
    assert "unknown metro code XX999MC: 1 figure(s) skipped" in result.notes


def test_import_cli_writes_a_folder_the_app_reads(tmp_path: Path, capsys) -> None:
    out = tmp_path / "eurostat"
    code = main(["import-eurostat", str(FIXTURES / "met_pjanaggr3.tsv"), str(FIXTURES / "met_10r_3gdp.tsv"),
                 str(FIXTURES / "met_10r_3emp_sdmx.csv"), "--out", str(out)])
    assert code == 0
    said = capsys.readouterr().out
    assert "unknown metro code DE099M: 3 figure(s) skipped" in said
    assert len(pd.read_csv(out / "values.csv")) == 12
    loaded = load_data_folder(out)
    assert loaded.kind == "overlay"
    assert loaded.dataset.figure("tallinn", "gdp", "recent", 2021).value == 22011.3
    assert loaded.dataset.is_user_source("eurostat_met_10r_3gdp")
    assert main(["validate", str(out)]) == 0


def test_a_bad_value_is_located(dataset: Dataset, tmp_path: Path) -> None:
    bad = tmp_path / "met_10r_3gdp.tsv"
    bad.write_text("freq,unit,metroreg\\TIME_PERIOD\t2020 \t2021 \nA,MIO_EUR,FI001MC\t1 \t9x \n")
    result = import_eurostat(bad.read_bytes(), str(bad), dataset)
    assert [str(p) for p in result.problems] == [f"{bad}:2:2021: '9x' is not a Eurostat value"]


def test_the_imported_wording_is_english_whatever_the_language(dataset: Dataset) -> None:
    """The territory's wording is data: the same in every language the import runs in (the pseudo-language
    would mark any display name that crept in)."""
    from dashboard.i18n import use_language

    with use_language("qps"):
        rows = {(v["region_id"], v["year"]): v for v in imported(dataset, "met_pjanaggr3.tsv").values}
    assert rows[("helsinki", 2023)]["territory"] == "Eurostat metro region FI001MC Helsinki"
