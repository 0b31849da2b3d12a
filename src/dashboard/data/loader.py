"""Load a data folder into a Dataset, or raise with every problem found."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data import validate as v
from dashboard.data.compose import Composition, parse_compositions
from dashboard.data.dataset import Dataset
from dashboard.data.declarations import REFERENCE_COLUMNS
from dashboard.data.overlay import LAST_BALTMET_YEAR
from dashboard.data.problems import DataValidationError, Problem
from dashboard.data.reader import LINE, read_table
from dashboard.data.schema import (
    COMPOSITIONS,
    GAPS,
    INDICATORS,
    REGIONS,
    SOURCES,
    TABLES,
    TERRITORIES,
    TERRITORY_KIND_TABLE,
    VALUES,
    Table,
)
from dashboard.data.territory_kinds import NEEDED_KINDS, TerritoryKinds, bundled_territory_kinds, kinds_from_rows
from dashboard.data.tolerant import folder_table_reader
from dashboard.data.translations import Texts, known_ids, read_texts

CATEGORY_MIN_ROWS = 10_000  # below this, plain text columns are as fast


def _read_and_check(directory: Path, table: Table, numbers: dict[str, pd.Series], notes: list[str],
                    region_countries: dict[str, str] | None = None) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The table as text cells, and its problems; ``numbers`` receives its numeric columns, parsed once.

    A plain UTF-8 comma-separated file is read strictly (and fast). A values.csv that is not is read as an upload
    is (saved by Excel in a Finnish or German locale: BOM, ';', decimal comma, CRLF), said in ``notes``; the
    other tables are the operator's and stay UTF-8 comma-separated."""
    path = directory / table.file
    label = str(path)
    if not path.exists():
        if table.required_file:
            return None, [Problem(label, 0, "-", "file is missing")]
        return pd.DataFrame(columns=[*table.names, LINE]), []
    tolerant = folder_table_reader(label, region_countries, notes) if table is VALUES else None
    frame, problems = read_table(path, label, numbers, other=tolerant)
    if frame is None:
        return None, problems
    if table is VALUES:
        frame = _edition_from_year(frame, table.file, notes)
    frame = _repeated_as_categories(frame, table)
    problems += v.check_header(frame, table, label)
    problems += v.check_cells(frame, table, label, numbers)
    problems += v.check_unique(frame, table, label)
    for column in table.columns:  # optional columns may be absent from the file
        if column.name not in frame.columns:
            frame[column.name] = ""
    return frame, problems


def _edition_from_year(frame: pd.DataFrame, name: str, notes: list[str]) -> pd.DataFrame:
    """A values table without an edition column takes it from the year, as an upload does (and says so)."""
    if "edition" in frame.columns or "year" not in frame.columns:
        return frame
    years = pd.to_numeric(frame["year"], errors="coerce").fillna(9999)
    notes.append(f"{name}: no edition column: edition taken from the year (up to {LAST_BALTMET_YEAR}: BaltMet "
                 f"profiles) for {len(frame)} row(s)")
    return frame.assign(edition=["baltmet" if y <= LAST_BALTMET_YEAR else "recent" for y in years])


def _repeated_as_categories(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """Text columns whose cells repeat (ids, choices, flags: 3 000 regions in 2 million rows) as categories,
    so that every later check and lookup works on the few distinct values (and a million copies of a
    region id cost a million small integers). The Dataset keeps them so."""
    if len(frame) < CATEGORY_MIN_ROWS:
        return frame
    numeric = {c.name for c in table.columns if c.kind in ("float", "int")}
    repeated = {}
    for column in frame.columns:
        if column == LINE or column in numeric:
            continue
        codes, distinct = pd.factorize(frame[column])
        if 2 * len(distinct) <= len(frame) and (codes >= 0).all():
            repeated[column] = pd.Categorical.from_codes(codes, categories=pd.Index(distinct, dtype=object))
    return frame.assign(**repeated) if repeated else frame


def _ids(frame: pd.DataFrame | None, column: str) -> set[str]:
    if frame is None or column not in frame.columns:
        return set()
    return set(frame[column])


def _kinds(directory: Path, frame: pd.DataFrame | None) -> tuple[TerritoryKinds | None, list[Problem]]:
    """The folder's territory kinds and their problems beyond the cells; the bundled ones when it has none."""
    if not (directory / TERRITORY_KIND_TABLE.file).exists():
        return bundled_territory_kinds(), []
    if frame is None:
        return None, []
    problems = v.check_territory_kinds(frame, str(directory / TERRITORY_KIND_TABLE.file), NEEDED_KINDS)
    usable = frame[pd.to_numeric(frame["rank"], errors="coerce").notna() & (frame["kind"] != "")]
    return kinds_from_rows(usable.drop(columns=LINE).to_dict(orient="records")), problems


def load_dataset(directory: str | Path, notes: list[str] | None = None) -> Dataset:
    """Read, check and type the four tables (plus the optional gaps.csv, territories.csv, metro_compositions.csv and
    territory_kinds.csv: without it, the bundled kinds; and the other languages' text in i18n/<lang>/) of
    ``directory``. ``notes`` receives what was assumed
    reading a table that is not plain UTF-8 comma-separated text (the delimiter, decimal mark, encoding)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise DataValidationError([Problem(str(directory), 0, "-", "not a folder")])
    frames: dict[str, pd.DataFrame | None] = {}
    numbers: dict[str, dict[str, pd.Series]] = {table.file: {} for table in TABLES}
    problems: list[Problem] = []
    notes = [] if notes is None else notes
    for table in TABLES:
        regions = frames.get(REGIONS.file) if table is VALUES else None  # their countries: the encoding's hint
        countries = None if regions is None or not {"region_id", "country"} <= set(regions.columns) else \
            dict(zip(regions["region_id"].astype(str), regions["country"].astype(str), strict=True))
        frames[table.file], found = _read_and_check(directory, table, numbers[table.file], notes, countries)
        problems += found

    regions, indicators = frames[REGIONS.file], frames[INDICATORS.file]
    sources, values, gaps = frames[SOURCES.file], frames[VALUES.file], frames[GAPS.file]
    territories, compositions = frames[TERRITORIES.file], frames[COMPOSITIONS.file]
    region_ids, indicator_ids = _ids(regions, "region_id"), _ids(indicators, "indicator_id")
    source_ids, territory_ids = _ids(sources, "source_id"), _ids(territories, "territory_id")
    kind_table, found = _kinds(directory, frames[TERRITORY_KIND_TABLE.file])
    problems += found
    if territories is not None:
        label = str(directory / TERRITORIES.file)
        if kind_table is not None:
            problems += v.check_reference(territories, "kind", set(kind_table.order), label, "territory kind",
                                          TERRITORY_KIND_TABLE.file)
        named = territories[territories["region_id"] != ""]
        if regions is not None:
            problems += v.check_reference(named, "region_id", region_ids, label, "region", REGIONS.file)
        if sources is not None:
            cited = territories[territories["source_id"] != ""]
            problems += v.check_reference(cited, "source_id", source_ids, label, "source", SOURCES.file)
        if values is not None and "territory_id" in values.columns:
            placed = values[values["territory_id"] != ""]
            problems += v.check_reference(placed, "territory_id", territory_ids, str(directory / VALUES.file),
                                          "territory", TERRITORIES.file)
    for frame, table in ((values, VALUES), (gaps, GAPS)):
        if frame is None:
            continue
        label = str(directory / table.file)
        if regions is not None:
            problems += v.check_reference(frame, "region_id", region_ids, label, "region", REGIONS.file)
        if indicators is not None:
            problems += v.check_reference(frame, "indicator_id", indicator_ids, label, "indicator",
                                          INDICATORS.file)
    if indicators is not None:  # what a declaration points at (per_capita_base, national_total, ...) must exist
        for column in REFERENCE_COLUMNS:
            problems += v.check_reference(indicators, column, indicator_ids, str(directory / INDICATORS.file),
                                          "indicator", INDICATORS.file)
    if values is not None and sources is not None:
        problems += v.check_reference(values, "source_id", source_ids, str(directory / VALUES.file),
                                      "source", SOURCES.file)
    if values is not None and indicators is not None and "kind" in indicators.columns:
        kinds = dict(zip(indicators["indicator_id"], indicators["kind"], strict=True))
        problems += v.check_value_ranges(values, kinds, str(directory / VALUES.file),
                                         numbers[VALUES.file].get("value"))
    # i18n/<lang>/*.csv: the same rows' text in the other languages, checked against these tables' ids
    texts, found = read_texts(directory, known_ids(regions, indicators, kind_table if kind_table else (),
                                                   territories, gaps))
    problems += found
    if problems:
        raise DataValidationError(problems)
    declared = tuple(parse_compositions(compositions.drop(columns=LINE).to_dict(orient="records")))
    return _build(directory, regions, indicators, sources, values, gaps, territories, numbers[VALUES.file], declared,
                  kind_table, texts)


def _build(directory: Path, regions: pd.DataFrame, indicators: pd.DataFrame, sources: pd.DataFrame,
           values: pd.DataFrame, gaps: pd.DataFrame, territories: pd.DataFrame,
           value_numbers: dict[str, pd.Series], compositions: tuple[Composition, ...] = (),
           kinds: TerritoryKinds | None = None, texts: Texts | None = None) -> Dataset:
    """Turn checked string frames into typed ones (values' year and value as check_cells parsed them)."""
    regions = regions.drop(columns=LINE).assign(
        lat=lambda f: f["lat"].astype(float), lon=lambda f: f["lon"].astype(float),
        capital=lambda f: v.is_true(f["capital"]),
    ).set_index("region_id")
    indicators = indicators.drop(columns=LINE).assign(
        kpi_order=lambda f: pd.to_numeric(f["kpi_order"]).astype("Int64"),
        decimals=lambda f: f["decimals"].astype(int),
    ).set_index("indicator_id")
    sources = sources.drop(columns=LINE).set_index("source_id")
    values = values.drop(columns=LINE).assign(
        year=value_numbers["year"].astype(int), value=value_numbers["value"].astype(float),
        year_approx=lambda f: v.is_true(f["year_approx"]), series_break=lambda f: v.is_true(f["series_break"]),
    ).reset_index(drop=True)
    gap_map = {(r, i, e): reason for r, i, e, reason in
               gaps[["region_id", "indicator_id", "edition", "reason"]].itertuples(index=False, name=None)}
    return Dataset(regions=regions, indicators=indicators, sources=sources, values=values, gaps=gap_map,
                   data_dir=str(directory), territories=territories.drop(columns=LINE).set_index("territory_id"),
                   compositions=compositions, territory_kinds=kinds, texts=texts)
