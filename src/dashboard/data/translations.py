"""The data's text in the other languages: per-language tables under ``i18n/<lang>/`` of a data folder.

The main tables (regions.csv, indicators.csv, ...) are the English. ``i18n/<lang>/<table>.csv`` gives the same
rows' readable text in one other language, keyed by the same ids: region and country names with the forms a
sentence needs (``in_name``: 'Helsingissä', ``genitive``: 'Helsingin'), indicator labels, units and nouns,
the territory kinds' labels and badges, territory names and definitions, gap reasons. A row or cell a table
leaves out is English at run time (``Texts.text``); ``tests/data/test_translations_complete.py`` holds the
bundled tables complete. Read with the project's bounded reader and checked like the other tables: an unknown
id, a duplicate, a missing key column, an unknown column or a placeholder left in a cell is a Problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from dashboard.data import validate as v
from dashboard.data.problems import Problem
from dashboard.data.reader import LINE, read_table
from dashboard.data.schema import EDITIONS, Column, Table
from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES, PSEUDO, cldr_locale
from dashboard.i18n.catalogs import pseudo

FOLDER = "i18n"  # <data folder>/i18n/<lang>/<table>.csv

REGION_FORMS = ("name", "in_name", "genitive")  # what region_text / country_text give
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")  # CLDR's

REGION_TEXTS = Table(
    file="regions.csv",
    columns=(Column("region_id", "id"), Column("name", required=False), Column("in_name", required=False),
             Column("genitive", required=False), Column("no_eurostat_reason", required=False)),
    key=("region_id",), required_file=False)
COUNTRY_TEXTS = Table(
    file="countries.csv",
    columns=(Column("country", "country"), Column("name", required=False), Column("in_name", required=False),
             Column("genitive", required=False)),
    key=("country",), required_file=False)
INDICATOR_TEXTS = Table(
    file="indicators.csv",
    columns=(Column("indicator_id", "id"), *(Column(name, required=False) for name in (
        "label", "short_label", "unit", "category", "description", "per_capita_unit", "share_label", "share_words",
        "noun_one", "noun_many", "noun_forms", "prose_name"))),
    key=("indicator_id",), required_file=False)
KIND_TEXTS = Table(
    file="territory_kinds.csv",
    columns=(Column("kind", "id"), *(Column(name, required=False) for name in (
        "label", "short_label", "badge", "badge_why"))),
    key=("kind",), required_file=False)
TERRITORY_TEXTS = Table(
    file="territories.csv",
    columns=(Column("territory_id", "id"), Column("name", required=False), Column("definition", required=False)),
    key=("territory_id",), required_file=False)
GAP_TEXTS = Table(
    file="gaps.csv",
    columns=(Column("region_id", "id"), Column("indicator_id", "id"),
             Column("edition", "choice", choices=tuple(EDITIONS)), Column("reason", required=False)),
    key=("region_id", "indicator_id", "edition"), required_file=False)

TEXT_TABLES: tuple[Table, ...] = (REGION_TEXTS, COUNTRY_TEXTS, INDICATOR_TEXTS, KIND_TEXTS, TERRITORY_TEXTS,
                                  GAP_TEXTS)
# The columns a person reads (not the key) of each table.
TEXT_COLUMNS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {t.file: tuple(c.name for c in t.columns if c.name not in t.key) for t in TEXT_TABLES})

# A cell that is a note to a translator rather than text: TODO, FIXME, XXX, TBD, '???', '{region}', '[...]'
PLACEHOLDER = re.compile(r"\b(TODO|FIXME|TBD|XXX)\b|\?\?\?|\{[^{}]*\}|^\[.*\]$|^[-–—.…_\s]+$")
_FORM = re.compile(r"^\s*([a-z]+)\s*:\s*(\S.*?)\s*$")

Key = str | tuple[str, ...]


def parse_noun_forms(cell: str) -> dict[str, str]:
    """``'one:uniwersytet|few:uniwersytety|many:uniwersytetów'`` -> {category: noun}; a malformed part is left out
    (the loader reports it)."""
    forms = {}
    for part in cell.split("|"):
        found = _FORM.match(part)
        if found and found.group(1) in PLURAL_CATEGORIES:
            forms[found.group(1)] = found.group(2)
    return forms


def plural_category(number: float, lang: str) -> str:
    """CLDR's plural category of ``number`` in ``lang`` ('one', 'few', 'many', 'other')."""
    return str(cldr_locale(lang).plural_form(abs(number)))


Rows = Mapping[Key, Mapping[str, str]]  # one table of one language: key -> {column: text}


@dataclass(frozen=True)
class Texts:
    """Every language's text of the data: ``rows[file][lang][key] -> {column: text}`` (filled cells only).

    ``english``: the main tables' own text (``english[file][key] -> {column: text}``, as ``known_ids`` read it),
    from which the pseudo-language (``dashboard.i18n.PSEUDO``, for layout tests) makes its text: under it every
    text cell is the English one pseudo-translated, so that a screenshot shows which text is data and that it
    passed the language layer. Ids, codes and English-only columns (``unit_code``) are never in these tables."""

    rows: Mapping[str, Mapping[str, Rows]] = field(default_factory=dict)
    english: Mapping[str, Rows] = field(default_factory=dict, repr=False, compare=False)
    _pseudo: dict[str, Rows] = field(default_factory=dict, repr=False, compare=False)  # made on first use

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted({lang for by_lang in self.rows.values() for lang in by_lang}))

    def text(self, file: str, lang: str, key: Key, column: str) -> str:
        """The cell in ``lang``; '' when the table, row or cell is not there (the caller then takes English)."""
        row = self.table(file, lang).get(key)
        return row.get(column, "") if row else ""

    def row(self, file: str, lang: str, key: Key) -> Mapping[str, str]:
        """The filled cells of one row in ``lang`` ({} when none)."""
        return self.table(file, lang).get(key) or {}

    def without(self, file: str, keys: set) -> Texts:
        """These texts without ``file``'s rows for ``keys`` in any language (a region an upload renamed: the
        translations were of the bundled name, so every language shows the user's)."""
        if not keys:
            return self
        rows = {f: ({lang: MappingProxyType({k: r for k, r in table.items() if k not in keys})
                     for lang, table in by_lang.items()} if f == file else by_lang) for f, by_lang in self.rows.items()}
        english = {f: (MappingProxyType({k: r for k, r in table.items() if k not in keys}) if f == file else table)
                   for f, table in self.english.items()}
        return Texts(rows=rows, english=english)

    def table(self, file: str, lang: str) -> Rows:
        if lang == PSEUDO:
            return self._pseudo_table(file)
        return self.rows.get(file, {}).get(lang, {})

    def _pseudo_table(self, file: str) -> Rows:
        """The English table pseudo-translated, made once per table (a few hundred cells)."""
        made = self._pseudo.get(file)
        if made is None:
            made = self._pseudo[file] = MappingProxyType({
                key: MappingProxyType({column: pseudo(text) for column, text in row.items() if text})
                for key, row in self.english.get(file, {}).items()})
        return made


NO_TEXTS = Texts()


@dataclass(frozen=True)
class KnownIds:
    """The ids the main tables hold: a translated row of anything else is a Problem."""

    regions: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    indicators: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    territories: frozenset[str] = frozenset()
    gaps: frozenset[tuple[str, str, str]] = frozenset()
    # the main tables' text, for the pseudo-language (Texts.english); not part of what is checked
    english: Mapping[str, Rows] = field(default_factory=dict, repr=False, compare=False)


Record = dict[str, object]  # one row as read: {column: text, LINE: line number}


def _check_placeholders(records: list[Record], table: Table, label: str) -> list[Problem]:
    problems = []
    for record in records:
        for column in TEXT_COLUMNS[table.file]:
            cell = str(record.get(column) or "")
            if cell and PLACEHOLDER.search(cell):
                problems.append(Problem(label, int(record[LINE]), column,  # type: ignore[call-overload]
                                        f"'{cell}' looks like a placeholder, not text; leave the cell empty "
                                        "for English"))
    return problems


def _check_noun_forms(records: list[Record], lang: str, label: str) -> list[Problem]:
    categories = set(cldr_locale(lang).plural_form.tags) | {"other"}
    problems = []
    for record in records:
        cell, line = str(record.get("noun_forms") or ""), int(record[LINE])  # type: ignore[call-overload]
        for part in (p for p in cell.split("|") if cell):
            found = _FORM.match(part)
            if not found:
                problems.append(Problem(label, line, "noun_forms",
                                        f"'{part}' is not category:noun (e.g. few:uniwersytety)"))
            elif found.group(1) not in categories:
                problems.append(Problem(label, line, "noun_forms",
                                        f"'{found.group(1)}' is not a plural category of {lang}; "
                                        f"expected some of: {', '.join(sorted(categories))}"))
    return problems


def _key(record: Record, table: Table) -> Key:
    parts = tuple(str(record.get(k) or "") for k in table.key)
    return parts if len(parts) > 1 else parts[0]


def _check_keys(records: list[Record], table: Table, label: str) -> list[Problem]:
    """The key cells as validate checks them (filled, of their kind), and each key once. In plain Python: the
    tables are small, and pandas' per-call cost for sixty of them is most of the time."""
    problems = []
    first: dict[Key, int] = {}
    for record in records:
        line = int(record[LINE])  # type: ignore[call-overload]
        for column in (c for c in table.columns if c.name in table.key):
            cell = str(record.get(column.name) or "")
            if not cell:
                problems.append(Problem(label, line, column.name, "empty; a value is required"))
            elif column.kind == "id" and not re.match(v.ID_PATTERN, cell):
                problems.append(Problem(label, line, column.name,
                                        f"'{cell}' is not an id (lower-case letters, digits, _)"))
            elif column.kind == "country" and not re.match(v.COUNTRY_PATTERN, cell):
                problems.append(Problem(label, line, column.name,
                                        f"'{cell}' is not an ISO 3166-1 alpha-2 country code"))
            elif column.kind == "choice" and cell not in column.choices:
                problems.append(Problem(label, line, column.name,
                                        f"'{cell}' is not one of: {', '.join(c for c in column.choices if c)}"))
        key = _key(record, table)
        if key in first:
            parts = key if isinstance(key, tuple) else (key,)
            text = ", ".join(f"{k}={p}" for k, p in zip(table.key, parts, strict=True) if p)
            problems.append(Problem(label, line, table.key[-1] if len(table.key) > 1 else table.key[0],
                                    f"duplicate key ({text}); first on line {first[key]}"))
        else:
            first[key] = line
    return problems


def _check_known(records: list[Record], table: Table, known: KnownIds, label: str) -> list[Problem]:
    """Rows whose key the main table does not have."""
    main = {REGION_TEXTS.file: known.regions, COUNTRY_TEXTS.file: known.countries,
            INDICATOR_TEXTS.file: known.indicators, KIND_TEXTS.file: known.kinds,
            TERRITORY_TEXTS.file: known.territories}
    problems = []
    for record in records:
        key, line = _key(record, table), int(record[LINE])  # type: ignore[call-overload]
        if table is GAP_TEXTS:
            if all(key) and key not in known.gaps:
                problems.append(Problem(label, line, "region_id",
                                        f"no row of gaps.csv for ({', '.join(key)}): nothing to translate"))
        elif key and key not in main[table.file]:
            column = table.key[0]
            problems.append(Problem(label, line, column,
                                    f"unknown {column.replace('_id', '')} '{key}' (not in the main {table.file})"))
    return problems


def _rows(records: list[Record], table: Table) -> dict[Key, Mapping[str, str]]:
    out: dict[Key, Mapping[str, str]] = {}
    for record in records:
        key = _key(record, table)
        if key in out:  # a duplicate: reported; the first row counts
            continue
        out[key] = MappingProxyType({c: str(record[c]).strip() for c in TEXT_COLUMNS[table.file]
                                     if str(record.get(c) or "").strip()})
    return out


@lru_cache(maxsize=256)
def _read_records(label: str, _mtime_ns: int, _size: int, table: Table) -> tuple[tuple[Record, ...] | None,
                                                                                tuple[Problem, ...]]:
    """One table's rows (None when it cannot be keyed) and the problems of reading it; cached per file version
    (path, modification time, size), since every load of the bundled folder reads the same sixty files."""
    frame, found = read_table(Path(label), label, {})
    if frame is None:
        return None, tuple(found)
    found = [*found, *v.check_header(frame, table, label)]
    if any(k not in frame.columns for k in table.key):  # reported by check_header: nothing to key rows by
        return None, tuple(found)
    records = tuple(MappingProxyType(r) for r in frame.fillna("").to_dict(orient="records"))
    return records, tuple(found)


def read_texts(directory: str | Path, known: KnownIds,
               only: Iterable[Table] = TEXT_TABLES) -> tuple[Texts, list[Problem]]:
    """``directory/i18n/<lang>/*.csv`` checked against the main tables' ids; (NO_TEXTS, []) without the folder.
    ``only``: read just these tables (the others are neither read nor reported)."""
    root = Path(directory) / FOLDER
    if not root.is_dir():
        return (Texts(english=known.english) if known.english else NO_TEXTS), []
    problems: list[Problem] = []
    rows: dict[str, dict[str, dict[Key, Mapping[str, str]]]] = {t.file: {} for t in TEXT_TABLES}
    tables = {t.file: t for t in TEXT_TABLES}
    wanted = {t.file for t in only}
    for folder in sorted(root.iterdir()):
        if folder.name.startswith("."):
            continue
        if not folder.is_dir() or folder.name not in LANGUAGES or folder.name == DEFAULT_LANGUAGE:
            if set(wanted) != set(tables):  # the full read reports it
                continue
            problems.append(Problem(str(folder), 0, "-", "not a language folder; expected one of: "
                                    + ", ".join(c for c in LANGUAGES if c != DEFAULT_LANGUAGE)
                                    + " (English is the main tables)"))
            continue
        lang = folder.name
        for path in sorted(folder.iterdir()):
            if path.name.startswith("."):
                continue
            table = tables.get(path.name)
            if table is not None and table.file not in wanted:
                continue
            if table is None:
                problems.append(Problem(str(path), 0, "-", "unknown table; expected some of: " + ", ".join(tables)))
                continue
            label = str(path)
            stat = path.stat()
            read, found = _read_records(label, stat.st_mtime_ns, stat.st_size, table)
            problems += found
            if read is None:
                continue
            records: list[Record] = list(read)
            problems += _check_keys(records, table, label)  # the text cells need no checking of their kind
            problems += _check_known(records, table, known, label)
            problems += _check_placeholders(records, table, label)
            if table is INDICATOR_TEXTS:
                problems += _check_noun_forms(records, lang, label)
            rows[table.file][lang] = MappingProxyType(_rows(records, table))
    frozen = MappingProxyType({file: MappingProxyType(by_lang) for file, by_lang in rows.items()})
    return Texts(frozen, english=known.english), problems


def _english_form(name: str, form: str) -> str:
    """English's forms of a place name (as Dataset writes them): 'in Helsinki', "Helsinki's"."""
    return f"in {name}" if form == "in_name" else f"{name}'s" if form == "genitive" else name


def _english_rows(frame: pd.DataFrame | None, key: tuple[str, ...], columns: Mapping[str, str]) -> Rows:
    """key -> {text column: the frame's English cell} (``columns``: text column -> the frame's column); empty
    cells and absent columns left out."""
    if frame is None or any(k not in frame.columns for k in key):
        return {}
    present = {mine: theirs for mine, theirs in columns.items() if theirs in frame.columns}
    out: dict[Key, Mapping[str, str]] = {}
    for record in frame[[*key, *dict.fromkeys(present.values())]].fillna("").astype(str).to_dict(orient="records"):
        parts = tuple(record[k] for k in key)
        row = {mine: record[theirs].strip() for mine, theirs in present.items() if record[theirs].strip()}
        if row:
            out.setdefault(parts if len(parts) > 1 else parts[0], row)
    return out


def _english_texts(regions: pd.DataFrame | None, indicators: pd.DataFrame | None, kinds: object,
                   territories: pd.DataFrame | None, gaps: pd.DataFrame | None) -> dict[str, Rows]:
    """The main tables' text, keyed as the i18n tables are (for the pseudo-language)."""
    english: dict[str, Rows] = {}
    regions_rows = _english_rows(regions, ("region_id",), {"name": "name", "no_eurostat_reason": "no_eurostat_reason"})
    english[REGION_TEXTS.file] = {key: {**row, **{form: _english_form(row["name"], form) for form in REGION_FORMS
                                                  if "name" in row}}
                                  for key, row in regions_rows.items()}
    countries = _english_rows(regions, ("country",), {"name": "country_name"})
    english[COUNTRY_TEXTS.file] = {key: {form: _english_form(row["name"], form) for form in REGION_FORMS}
                                   for key, row in countries.items()}
    # noun_forms is not an English column (and not text to accent: 'category:word')
    english[INDICATOR_TEXTS.file] = _english_rows(indicators, ("indicator_id",), {
        c: c for c in TEXT_COLUMNS[INDICATOR_TEXTS.file] if c != "noun_forms"})
    english[TERRITORY_TEXTS.file] = _english_rows(territories, ("territory_id",),
                                                  {"name": "name", "definition": "definition"})
    english[GAP_TEXTS.file] = _english_rows(gaps, ("region_id", "indicator_id", "edition"), {"reason": "reason"})
    rows = getattr(kinds, "rows", None)  # a TerritoryKinds (its rows' English text), not just the kinds' ids
    if rows is not None:
        english[KIND_TEXTS.file] = {
            str(r.kind): {c: str(getattr(r, c, "") or "") for c in TEXT_COLUMNS[KIND_TEXTS.file]
                          if getattr(r, c, "")} for r in rows}
    return english


def known_ids(regions: pd.DataFrame | None, indicators: pd.DataFrame | None, kinds: Iterable[str] | object,
              territories: pd.DataFrame | None, gaps: pd.DataFrame | None) -> KnownIds:
    """The ids of the main tables as the loader read them (text frames with their id columns), and their English
    text (for the pseudo-language). ``kinds``: the kinds' ids, or the TerritoryKinds itself (then its labels
    are pseudo-translated too)."""
    def ids(frame: pd.DataFrame | None, column: str) -> frozenset[str]:
        return frozenset() if frame is None or column not in frame.columns else frozenset(frame[column].astype(str))

    gap_keys: frozenset[tuple[str, str, str]] = frozenset()
    if gaps is not None and {"region_id", "indicator_id", "edition"} <= set(gaps.columns):
        gap_keys = frozenset(gaps[["region_id", "indicator_id", "edition"]].astype(str).itertuples(index=False,
                                                                                                   name=None))
    kind_ids = getattr(kinds, "order", kinds)
    return KnownIds(regions=ids(regions, "region_id"), countries=ids(regions, "country"),
                    indicators=ids(indicators, "indicator_id"), kinds=frozenset(kind_ids),  # type: ignore[arg-type]
                    territories=ids(territories, "territory_id"), gaps=gap_keys,
                    english=_english_texts(regions, indicators, kinds, territories, gaps))


__all__ = ["COUNTRY_TEXTS", "FOLDER", "GAP_TEXTS", "INDICATOR_TEXTS", "KIND_TEXTS", "NO_TEXTS", "PLACEHOLDER",
           "REGION_FORMS", "REGION_TEXTS", "TERRITORY_TEXTS", "TEXT_COLUMNS", "TEXT_TABLES", "KnownIds", "Texts",
           "known_ids", "parse_noun_forms", "plural_category", "read_texts"]
