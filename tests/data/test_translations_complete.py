"""The bundled data's text is complete in every language (data/i18n/<lang>/): a row for every row of the English
tables, and a cell wherever English has text. At run time a missing row or cell falls back to English; this test
is what keeps the bundled tables from relying on that. Codes (Eurostat and NUTS codes, file names) stay as they are.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from dashboard.data import Dataset
from dashboard.data.translations import FOLDER, TEXT_COLUMNS, parse_noun_forms
from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES, cldr_locale
from dashboard.paths import BUNDLED_DATA_DIR

OTHER_LANGUAGES = [code for code in LANGUAGES if code != DEFAULT_LANGUAGE]
# Codes a translation must keep as they are: Eurostat metro and NUTS codes (DE001MC, FI1B1, LV00A), table codes
# (nama_10r_3gdp), file paths (data/eurostat/PROVENANCE.md).
CODE = re.compile(r"\b[A-Z]{2}[0-9][0-9A-Z]{0,4}\b|\b[a-z]+_[a-z0-9_]+\b|\bdata/[\w/.]+")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _english(file: str) -> dict[object, dict[str, str]]:
    """The English text of each row of the main table, keyed as its translation table is."""
    if file == "countries.csv":  # the countries are regions.csv's, named in its country_name
        return {r["country"]: {"name": r["country_name"], "in_name": "in", "genitive": "'s"}
                for r in _rows(BUNDLED_DATA_DIR / "regions.csv")}
    rows = _rows(BUNDLED_DATA_DIR / file)
    if file == "gaps.csv":
        return {(r["region_id"], r["indicator_id"], r["edition"]): r for r in rows}
    key = {"regions.csv": "region_id", "indicators.csv": "indicator_id", "territory_kinds.csv": "kind",
           "territories.csv": "territory_id"}[file]
    out = {r[key]: r for r in rows}
    if file == "regions.csv":  # English's forms are made from the name: every language spells its own
        out = {k: {**r, "in_name": "in", "genitive": "'s"} for k, r in out.items()}
    return out


def _translated(lang: str, file: str) -> dict[object, dict[str, str]]:
    path = BUNDLED_DATA_DIR / FOLDER / lang / file
    assert path.is_file(), f"{path} is missing"
    rows = _rows(path)
    if file == "gaps.csv":
        return {(r["region_id"], r["indicator_id"], r["edition"]): r for r in rows}
    key = next(iter(rows[0])) if rows else ""
    return {r[key]: r for r in rows}


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
@pytest.mark.parametrize("file", list(TEXT_COLUMNS))
def test_every_row_and_cell_is_translated(lang: str, file: str) -> None:
    english, translated = _english(file), _translated(lang, file)
    missing_rows = sorted(str(k) for k in english if k not in translated)
    assert not missing_rows, f"{lang}/{file}: no row for {missing_rows}"
    empty = [f"{key}.{column}" for key, row in english.items() for column in TEXT_COLUMNS[file]
             if (row.get(column) or "").strip() and not (translated[key].get(column) or "").strip()]
    assert not empty, f"{lang}/{file}: {len(empty)} cell(s) empty where English has text: {empty[:10]}"


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
@pytest.mark.parametrize("file", list(TEXT_COLUMNS))
def test_codes_stay_as_they_are(lang: str, file: str) -> None:
    english, translated = _english(file), _translated(lang, file)
    lost = []
    for key, row in english.items():
        for column in TEXT_COLUMNS[file]:
            theirs = translated.get(key, {}).get(column) or ""
            if not theirs:
                continue  # the test above reports it
            lost += [f"{key}.{column}: {code}" for code in CODE.findall(row.get(column) or "") if code not in theirs]
    assert not lost, f"{lang}/{file}: codes changed or dropped: {lost}"


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_counts_have_every_plural_form_the_language_needs(lang: str) -> None:
    """A language with more plural forms than 'one' and 'other' (Polish 'few': 2 uniwersytety, 'many': 5
    uniwersytetów) names each in noun_forms, or noun_many serves them all."""
    categories = set(cldr_locale(lang).plural_form.tags) - {"one", "zero"}
    for row in _rows(BUNDLED_DATA_DIR / FOLDER / lang / "indicators.csv"):
        if not row.get("noun_many"):
            continue
        forms = parse_noun_forms(row.get("noun_forms") or "")
        uncovered = categories - set(forms) - {"other", "many"}
        assert not uncovered, f"{lang}: {row['indicator_id']} has no noun for {uncovered}"


def test_the_bundled_dataset_reads_every_language(dataset: Dataset) -> None:
    """The tables load without a problem (load_dataset checks them) and every language has them all."""
    assert dataset.texts is not None
    for file in TEXT_COLUMNS:
        assert set(dataset.texts.rows[file]) == set(OTHER_LANGUAGES), file
