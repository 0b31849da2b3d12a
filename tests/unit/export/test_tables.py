"""Data downloads: exactly the view's figures, with provenance, a citation, and no live formulas."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

import openpyxl
import pandas as pd

from dashboard.data import Dataset, load_dataset
from dashboard.export.tables import neutralise, to_csv, to_xlsx
from dashboard.state import default_state

TODAY = dt.date(2026, 11, 27)


def test_csv_has_citation_provenance_and_the_profile_figures(dataset: Dataset) -> None:
    text = to_csv(dataset, default_state(dataset), TODAY).decode("utf-8-sig")
    first, rest = text.split("\n", 1)
    assert first.startswith("# Baltic Metropoles dashboard, BaltMet profiles (c. 2007): Helsinki compared with")
    frame = pd.read_csv(io.StringIO(rest))
    assert list(frame.columns) == ["region", "indicator", "measure", "value", "unit", "year", "year_approx",
                                   "qualifier", "territory", "territory_kind", "source", "secondary_copy",
                                   "source_url", "derived_how"]
    helsinki = frame[(frame.region == "Helsinki") & (frame.indicator == "Population")
                     & (frame.measure == "Absolute")]
    # the baltmet population is compared on core cities (all 11 have one); the card's context line adds
    # the 1.3 m Helsinki Region, and both rows say which territory they describe
    assert sorted(helsinki.year) == [2007, 2007, 2009]
    assert set(helsinki.territory_kind) == {"core city", "functional urban area"}
    helsinki = helsinki[helsinki.territory_kind == "functional urban area"]
    assert helsinki.value.tolist() == [1_300_000] and helsinki.year_approx.tolist() == [True]
    assert helsinki.source.iloc[0].startswith("BaltMet Inno project")


def test_formulas_are_neutralised_numbers_are_not() -> None:
    assert neutralise("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)" and neutralise("+1") == "'+1" and neutralise("-2") == "'-2"
    assert neutralise(-2.5) == -2.5 and neutralise("Helsinki") == "Helsinki"


def test_a_hostile_cell_arrives_inert_in_excel(mini_dir: Path) -> None:
    values = mini_dir / "values.csv"
    values.write_text(values.read_text().replace("Helsinki Region,metro,profile,one",
                                                 '"=cmd|\' /C calc\'!A0",metro,profile,one'), encoding="utf-8")
    data = load_dataset(mini_dir)
    state = replace(default_state(data), basis="reported")  # the worded 'metro' row shows as reported
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(data, state, TODAY)))
    cells = [c.value for row in book["Figures"].iter_rows() for c in row if isinstance(c.value, str)]
    assert "'=cmd|' /C calc'!A0" in cells
    assert not any(c.startswith("=") for c in cells)
    assert b"=cmd" not in to_csv(data, state, TODAY).replace(b"'=cmd", b"")


def test_xlsx_has_figures_and_sources_sheets(dataset: Dataset) -> None:
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(dataset, default_state(dataset), TODAY)))
    assert book.sheetnames == ["Figures", "Sources"]
    assert book["Figures"]["A1"].value.startswith("Baltic Metropoles dashboard")
    assert book["Figures"]["A3"].value == "region"
    assert book["Sources"]["A1"].value == "source_id" and book["Sources"].max_row > 5
