"""User figures on top of a Dataset: a folder holding values.csv (plus sources.csv, regions.csv),
or an uploaded table. They add to or override the base figures; nothing of the base is lost.

The user's tables are read tolerantly (see tolerant.py), checked with the same rules as the bundled
data against the union of both, and merged into a new immutable Dataset.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from dashboard.data import validate as v
from dashboard.data.dataset import FOLDER_TITLE, USER_PUBLISHER, Dataset
from dashboard.data.limits import Refused, read_regular_file
from dashboard.data.problems import DataValidationError, Problem
from dashboard.data.reader import LINE
from dashboard.data.schema import INDICATORS, REGIONS, SOURCES, USER_VALUES, VALUES, Table
from dashboard.data.territory_match import match_territories
from dashboard.data.tolerant import how_read, read_any
from dashboard.data.translations import REGION_TEXTS
from dashboard.i18n import _, ngettext

CITY_WORDS = ("city of", "municipality", "kommune", "stadt", "miasto", "(city", "city county")
LAST_BALTMET_YEAR = 2010


@dataclass(frozen=True)
class UserTables:
    """A user's tables as read: string frames with line numbers, and where each came from."""

    values: tuple[pd.DataFrame, str]
    regions: tuple[pd.DataFrame, str] | None = None
    sources: tuple[pd.DataFrame, str] | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class OverlayResult:
    dataset: Dataset
    notes: list[str] = field(default_factory=list)
    added: int = 0
    replaced: int = 0


def _check(frame: pd.DataFrame, table: Table, label: str) -> list[Problem]:
    problems = v.check_header(frame, table, label) + v.check_cells(frame, table, label)
    return problems + v.check_unique(frame, table, label)


def _fill_values(frame: pd.DataFrame, own_source: str, notes: list[str]) -> pd.DataFrame:
    """Defaults for the optional columns of a user's values table, each said in the notes."""
    frame = frame.copy()
    for column in VALUES.names:
        if column not in frame.columns:
            frame[column] = ""
    years = pd.to_numeric(frame["year"], errors="coerce")
    no_edition = frame["edition"] == ""
    if no_edition.any():
        frame.loc[no_edition, "edition"] = ["baltmet" if y <= LAST_BALTMET_YEAR else "recent" for y in
                                            years[no_edition].fillna(9999)]
        # English keeps 'row(s)' in both forms (its wording is fixed); other languages give each form
        notes.append(ngettext("edition taken from the year (up to {year}: BaltMet profiles) for {n} row(s)",
                              "edition taken from the year (up to {year}: BaltMet profiles) for {n} row(s)",
                              int(no_edition.sum()), year=LAST_BALTMET_YEAR))
    no_type = frame["territory_type"] == ""
    if no_type.any():
        lowered = frame.loc[no_type, "territory"].str.lower()
        frame.loc[no_type, "territory_type"] = ["city" if any(w in t for w in CITY_WORDS) else "metro"
                                                for t in lowered]
        notes.append(ngettext("territory type taken from the territory's wording for {n} row(s)",
                              "territory type taken from the territory's wording for {n} row(s)",
                              int(no_type.sum())))
    no_source = frame["source_id"] == ""
    if no_source.any():
        frame.loc[no_source, "source_id"] = own_source
        notes.append(ngettext("{n} row(s) cite the file itself as their source",
                              "{n} row(s) cite the file itself as their source", int(no_source.sum())))
    frame.loc[frame["year_approx"] == "", "year_approx"] = "false"
    return frame


def apply_overlay(base: Dataset, tables: UserTables, own_source: dict[str, str]) -> OverlayResult:
    """Check the user's tables against base + themselves and merge; raise with every problem found."""
    notes = list(tables.notes)
    values, values_label = tables.values
    problems = _check(values, USER_VALUES, values_label)
    regions = sources = None
    if tables.regions is not None:
        regions, label = tables.regions
        problems += _check(regions, REGIONS, label)
    if tables.sources is not None:
        sources, label = tables.sources
        problems += _check(sources, SOURCES, label)
    required = [c.name for c in USER_VALUES.columns if c.required]
    if not all(c in values.columns for c in required):  # without these columns nothing more can be checked
        raise DataValidationError(problems)

    values = match_territories(_fill_values(values, own_source["source_id"], notes), base.territories, notes)
    region_ids = set(base.regions.index) | (set(regions["region_id"]) if regions is not None
                                            and "region_id" in regions.columns else set())
    source_ids = set(base.sources.index) | {own_source["source_id"]} | (
        set(sources["source_id"]) if sources is not None and "source_id" in sources.columns else set())
    problems += v.check_reference(values, "region_id", region_ids, values_label, "region",
                                  _("the bundled regions or your regions table"))
    problems += v.check_reference(values, "indicator_id", set(base.indicators.index), values_label, "indicator",
                                  INDICATORS.file)
    problems += v.check_reference(values, "source_id", source_ids, values_label, "source",
                                  _("the bundled sources or your sources table"))
    problems += v.check_reference(values, "territory_id", set(base.territories.index), values_label, "territory",
                                  "territories.csv")
    problems += v.check_value_ranges(values, base.indicators["kind"].to_dict(), values_label)
    filled_in = [c for c in VALUES.columns if c.name in ("edition", "territory_type")]
    problems += [p for c in filled_in for p in v.check_cells(values, Table(VALUES.file, (c,), ()), values_label)]
    problems += v.check_unique(values, VALUES, values_label)  # the key includes the filled-in edition
    if problems:
        raise DataValidationError(list(dict.fromkeys(problems)))
    return _merge(base, values, regions, sources, own_source, notes)


def _merge(base: Dataset, values: pd.DataFrame, regions: pd.DataFrame | None, sources: pd.DataFrame | None,
           own_source: dict[str, str], notes: list[str]) -> OverlayResult:
    new_values = values.drop(columns=LINE)[list(VALUES.names)].assign(
        year=lambda f: f["year"].astype(int), value=lambda f: f["value"].astype(float),
        year_approx=lambda f: v.is_true(f["year_approx"]))
    key = list(VALUES.key)
    existing = base.values.set_index(key).index
    incoming = new_values.set_index(key).index
    replaced = int(incoming.isin(existing).sum())
    kept = base.values[~existing.isin(incoming)]
    merged_values = pd.concat([kept, new_values], ignore_index=True)
    merged_regions = base.regions
    if regions is not None:
        extra = regions.drop(columns=LINE).assign(
            lat=lambda f: f["lat"].astype(float), lon=lambda f: f["lon"].astype(float),
            capital=lambda f: v.is_true(f["capital"])).set_index("region_id")
        if "network" in base.regions.columns:  # a bundled region the user's row changes stays in its network
            given = (extra["network"] if "network" in extra.columns else pd.Series("", index=extra.index)).fillna("")
            bundled = base.regions["network"].reindex(extra.index).fillna("")
            extra = extra.assign(network=given.where(given != "", bundled))
        merged_regions = pd.concat([base.regions[~base.regions.index.isin(extra.index)], extra])
    own = pd.DataFrame([own_source]).set_index("source_id")
    extra_sources = [own]
    if sources is not None:
        extra_sources.append(sources.drop(columns=LINE).set_index("source_id"))
    added_sources = pd.concat(extra_sources).assign(kind="user")  # whatever they cite, a user brought them
    merged_sources = pd.concat([base.sources[~base.sources.index.isin(added_sources.index)], added_sources])
    merged_sources = merged_sources[~merged_sources.index.duplicated(keep="last")].fillna("")
    used = set(merged_values["source_id"]) | set(base.sources.index)
    merged_sources = merged_sources[merged_sources.index.isin(used)]
    filled = {(r, i, e) for r, i, e in new_values[["region_id", "indicator_id", "edition"]].itertuples(index=False)}
    gaps = {k: reason for k, reason in base.gaps.items() if k not in filled}
    # a region the user renamed keeps no translation of its bundled name: every language shows the user's
    common = merged_regions.index.intersection(base.regions.index)
    renamed = {str(r) for r in common if str(merged_regions.at[r, "name"]) != str(base.regions.at[r, "name"])}
    texts = base.texts.without(REGION_TEXTS.file, renamed) if base.texts is not None else None
    dataset = Dataset(regions=merged_regions, indicators=base.indicators, sources=merged_sources,
                      values=merged_values, gaps=gaps, data_dir=base.data_dir, territories=base.territories,
                      compositions=base.compositions, territory_kinds=base.territory_kinds, texts=texts)
    added = len(new_values) - replaced
    # English keeps '(s)' in both forms (its wording is fixed); {replaced} is a number too
    notes.append(ngettext("{n} figure(s) added, {replaced} replacing bundled one(s)",
                          "{n} figure(s) added, {replaced} replacing bundled one(s)", added, replaced=replaced))
    return OverlayResult(dataset, notes, added, replaced)


def read_user_folder(directory: Path, region_countries: Mapping[str, str] | None = None) -> UserTables:
    """values.csv (required), regions.csv and sources.csv (optional) from a folder, read tolerantly.

    Only regular files inside the folder are read, each within the limits (limits.py); ``region_countries``
    (region id -> country) lets a file's encoding be chosen by the language of its regions."""
    problems: list[Problem] = []
    found: dict[str, tuple[pd.DataFrame, str] | None] = {}
    notes: list[str] = []
    for name in ("values.csv", "regions.csv", "sources.csv"):
        path = directory / name
        if not path.exists():
            found[name] = None
            continue
        try:
            raw = read_regular_file(path, str(path), inside=directory)
        except Refused as refused:
            problems.append(refused.problem)
            found[name] = None
            continue
        result = read_any(raw, str(path), region_countries=region_countries, require_rows=name == "values.csv")
        problems += result.problems
        notes += [_("{file}: {how}", file=name, how=how_read(result.notes))] if result.notes else []
        found[name] = (result.frame, str(path)) if result.frame is not None else None
    if not (directory / "values.csv").exists():
        problems.append(Problem(str(directory / "values.csv"), 0, "-", _("file is missing")))
    if problems:
        raise DataValidationError(problems)
    return UserTables(values=found["values.csv"], regions=found["regions.csv"], sources=found["sources.csv"],
                      notes=tuple(notes))


USER_MARK = " (your data)"
REGION_FIELDS = ("name", "country", "country_name", "lat", "lon", "eurostat_metro_code", "capital",
                 "baltmet_inno_role")


def mark_changed_regions(tables: UserTables, base: Dataset) -> UserTables:
    """A user's regions row that changes a bundled region (renames it, moves it) is the user's data, and
    its name says so ('Helsinki Metro (your data)') wherever it appears, as their figures say 'Your data':
    bundled figures are never shown under a name the user gave them without that mark."""
    if tables.regions is None or not {"region_id", "name"} <= set(tables.regions[0].columns):
        return tables
    frame, label = tables.regions
    bundled = base.regions.reindex(frame["region_id"].fillna("").astype(str))
    bundled.index = frame.index
    known = frame["region_id"].isin(base.regions.index)
    changed = pd.Series(False, index=frame.index)
    for column in REGION_FIELDS:
        if column not in frame.columns or column not in bundled.columns:
            continue
        mine = frame[column].fillna("").astype(str).str.strip()
        if column in ("lat", "lon"):
            differs = (pd.to_numeric(mine, errors="coerce") - bundled[column].astype(float)).abs() > 1e-9
        elif column == "capital":
            differs = v.is_true(mine) != bundled[column].fillna(False).astype(bool)
        else:
            differs = mine != bundled[column].fillna("").astype(str)
        changed |= known & differs.fillna(False)
    unmarked = changed & ~frame["name"].fillna("").astype(str).str.endswith(USER_MARK)
    if not unmarked.any():
        return tables
    frame = frame.copy()
    frame.loc[unmarked, "name"] = frame.loc[unmarked, "name"].astype(str) + USER_MARK
    ids = ", ".join(frame.loc[unmarked, "region_id"].astype(str))
    note = ngettext("your regions table changes bundled region(s) {ids}: shown as your data, marked '{mark}'",
                    "your regions table changes bundled region(s) {ids}: shown as your data, marked '{mark}'",
                    int(unmarked.sum()), ids=ids, mark=USER_MARK.strip())
    return replace(tables, regions=(frame, label), notes=(*tables.notes, note))


def folder_source(directory: Path) -> dict[str, str]:
    """The source a folder's figures cite when they name none; its title names no server path."""
    digest = hashlib.sha1(str(directory.resolve()).encode()).hexdigest()[:8]
    return {"source_id": f"user_folder_{digest}", "publisher": USER_PUBLISHER,
            "title": FOLDER_TITLE, "url": "", "accessed": "", "kind": "user"}


def is_complete_folder(directory: Path) -> bool:
    return all((directory / t.file).exists() for t in (REGIONS, INDICATORS, SOURCES, VALUES))
