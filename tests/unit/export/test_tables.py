"""Data downloads: exactly the view's figures, read as they are by tools, with provenance beside them."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dashboard.data import Dataset, load_dataset
from dashboard.export.files import data_file
from dashboard.export.naming import view_file_stem
from dashboard.export.tables import COLUMN_NAMES, link, neutralise, to_csv, to_xlsx
from dashboard.state import default_state

TODAY = dt.date(2026, 11, 27)
HEADER = ["region", "indicator", "measure", "unit", "year", "year_approx", "value", "qualifier", "territory",
          "territory_kind", "source", "source_url", "secondary_copy", "derived_how"]
PANDAS_TYPES = {"string": "object", "integer": "int64", "number": "float64", "boolean": "bool"}


@pytest.fixture(scope="module")
def package(dataset: Dataset) -> tuple[str, dict[str, bytes]]:
    name, payload = data_file(dataset, default_state(dataset, "baltmet"), "csv", TODAY)
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        return name, {member: archive.read(member) for member in archive.namelist()}


def _member(files: dict[str, bytes], suffix: str) -> bytes:
    return next(data for member, data in files.items() if member.endswith(suffix))


def test_the_csv_download_is_a_zip_of_csv_readme_and_datapackage(package) -> None:
    name, files = package
    assert name == "helsinki-vs-peers_baltmet_population_figures.zip"
    stem = name.removesuffix(".zip")
    assert sorted(files) == sorted(f"{stem}/{f}" for f in ("figures.csv", "README.txt", "datapackage.json"))


def test_pandas_reads_the_csv_as_is(package, dataset: Dataset) -> None:
    data = _member(package[1], "figures.csv")
    assert data.split(b"\n", 1)[0].decode("ascii") == ",".join(HEADER)  # header first: no BOM, no comment line
    frame = pd.read_csv(io.BytesIO(data))  # pandas' defaults, nothing told
    assert list(frame.columns) == HEADER
    assert frame["year"].dtype == "int64" and frame["value"].dtype == "float64"
    assert frame["year_approx"].dtype == bool and frame["secondary_copy"].dtype == bool
    helsinki = frame[(frame.region == "Helsinki") & (frame.indicator == "Population") & (frame.measure == "Absolute")]
    # the baltmet population is compared on core cities; the card's context line adds a figure of another
    # territory, and each row says which territory it describes (the figures themselves: tests/data)
    assert helsinki.territory_kind.nunique() > 1
    figures = {(f.year, f.value, f.territory): f for f in dataset.series("helsinki", "population", "baltmet")}
    for row in helsinki.itertuples():  # each row is a figure as the data has it, with its source and link
        figure = figures[(row.year, row.value, row.territory)]
        assert row.year_approx == figure.year_approx and row.source and row.source_url.startswith("http")
    assert frame.secondary_copy.any() and not frame.secondary_copy.all()


def test_datapackage_describes_the_csv_columns_and_types(package) -> None:
    files = package[1]
    descriptor = json.loads(_member(files, "datapackage.json"))
    assert descriptor["profile"] == "tabular-data-package"
    assert descriptor["description"].startswith("Baltic Metropoles dashboard, BaltMet profiles (c. 2007)")
    [resource] = descriptor["resources"]
    assert resource["path"] == "figures.csv" and resource["profile"] == "tabular-data-resource"
    assert resource["encoding"] == "utf-8" and resource["dialect"]["header"] is True
    fields = resource["schema"]["fields"]
    assert [f["name"] for f in fields] == HEADER
    frame = pd.read_csv(io.BytesIO(_member(files, "figures.csv")))
    for field in fields:  # each declared type is what a reader finds in the column
        assert str(frame[field["name"]].dtype) in (PANDAS_TYPES[field["type"]], "str"), field["name"]
        assert field["description"]
    raw = pd.read_csv(io.BytesIO(_member(files, "figures.csv")), dtype=str, keep_default_na=False)
    for field in (f for f in fields if f["type"] == "boolean"):  # the declared spellings are the ones written
        assert set(raw[field["name"]]) <= {*field["trueValues"], *field["falseValues"]}, field["name"]
    assert raw["year"].str.fullmatch(r"\d{4}").all()
    assert all(s.get("title") for s in descriptor["sources"])


def test_readme_has_citation_basis_notes_and_every_column(package) -> None:
    readme = _member(package[1], "README.txt").decode()
    assert "Baltic Metropoles dashboard, BaltMet profiles (c. 2007): Helsinki compared with" in readme
    assert "Exported 2026-11-27" in readme
    assert "- Population: core cities" in readme  # the basis each indicator is compared on
    assert "NOTES" in readme and "derived_how" in readme
    for column in HEADER:
        assert f"\n{column} (" in readme, column


def test_formulas_are_neutralised_numbers_are_not() -> None:
    assert neutralise("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)" and neutralise("+1") == "'+1" and neutralise("-2") == "'-2"
    assert neutralise(-2.5) == -2.5 and neutralise("Helsinki") == "Helsinki"


def test_a_hostile_cell_arrives_inert_in_excel(mini_dir: Path) -> None:
    values = mini_dir / "values.csv"
    values.write_text(values.read_text().replace("Helsinki Region,metro,profile,one",
                                                 '"=cmd|\' /C calc\'!A0",metro,profile,one'), encoding="utf-8")
    data = load_dataset(mini_dir)
    state = replace(default_state(data, "baltmet"), basis="reported")  # the worded 'metro' row shows as reported
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(data, state, TODAY)))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert "'=cmd|' /C calc'!A0" in texts
    assert not any(t.startswith("=") for t in texts)
    assert {c.hyperlink.target for c in cells if c.hyperlink} == {"http://example.org/p"}
    assert b"=cmd" not in to_csv(data, state, TODAY).replace(b"'=cmd", b"")


def test_only_web_addresses_become_links() -> None:
    sheet = openpyxl.Workbook().active
    for row, url in enumerate(("javascript:alert(1)", "file:///etc/passwd", "'=HYPERLINK(1)", "",
                               "https://a.example/x http://b.example/y"), start=1):
        link(sheet.cell(row=row, column=1, value=url), url)
    assert [c.hyperlink.target if c.hyperlink else None for c in sheet["A"]] == [None] * 4 + ["https://a.example/x"]


def test_xlsx_has_figures_about_and_sources_sheets(dataset: Dataset) -> None:
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(dataset, default_state(dataset, "baltmet"), TODAY)))
    assert book.sheetnames == ["Figures", "About", "Sources"]
    figures = book["Figures"]
    assert [c.value for c in figures[1]] == COLUMN_NAMES == HEADER  # header in row 1: tools read it as is
    assert figures.auto_filter.ref == f"A1:N{figures.max_row}"
    url_column = HEADER.index("source_url") + 1
    links = [figures.cell(row=r, column=url_column) for r in range(2, figures.max_row + 1)]
    assert all(c.hyperlink and c.hyperlink.target == c.value.split()[0] for c in links if c.value)
    assert sum(1 for c in links if c.hyperlink) > 20
    about = {row[0].value: row[1].value for row in book["About"].iter_rows(min_row=2) if row[0].value}
    assert about["Citation"].startswith("Baltic Metropoles dashboard")
    assert "Compared on" in about and about["value"].startswith("The figure")
    assert set(HEADER) <= set(about)
    sources = book["Sources"]
    assert sources["A1"].value == "source_id" and sources.max_row > 5
    assert sources["D2"].hyperlink is not None and sources["D2"].hyperlink.target.startswith("http")
    frame = pd.read_excel(io.BytesIO(to_xlsx(dataset, default_state(dataset, "baltmet"), TODAY)))  # the first sheet
    assert list(frame.columns) == HEADER and len(frame) == figures.max_row - 1


def test_view_files_are_named_by_the_view(dataset: Dataset) -> None:
    state = default_state(dataset, "baltmet")
    assert view_file_stem(dataset, state) == "helsinki-vs-peers_baltmet_population"
    other = replace(state, indicator="gdp", measure="per_capita", basis="city", year=2007)
    assert view_file_stem(dataset, other, "figures") == \
        "helsinki-vs-peers_baltmet_gdp-per-inhabitant_core-cities_2007_figures"
    assert data_file(dataset, other, "xlsx", TODAY)[0] == \
        "helsinki-vs-peers_baltmet_gdp-per-inhabitant_core-cities_2007_figures.xlsx"
