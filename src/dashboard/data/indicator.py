"""One indicator as indicators.csv declares it: the one typed record the code reads, never an id list.

A new indicator (or a sixth KPI) is a row of indicators.csv: its names, unit and decimals, its
per-inhabitant form, the national total and reported share its share comes from, its place in the shares
chart, its card's icon, whether it can be mapped, and the words and place the region profile gives it are
columns there. Columns a folder leaves out take the defaults below (a profile then says less, never
something wrong).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields

import pandas as pd

from dashboard.data.translations import parse_noun_forms, plural_category

DEFAULT_ICON = "bi-circle"
TRUE_WORDS = ("true", "1", "yes")


@dataclass(frozen=True)
class Indicator:
    """A row of indicators.csv, typed. ``Dataset.indicator(id)`` gives it."""

    id: str
    label: str = ""
    short_label: str = ""
    unit: str = ""
    kind: str = ""
    category: str = ""
    kpi_order: int | None = None
    decimals: int = 0
    description: str = ""
    # how the code treats it (see data/README.md)
    per_capita_base: str = ""
    per_capita_scale: float = 1.0
    per_capita_unit: str = ""
    national_total: str = ""
    reported_share: str = ""
    share_label: str = ""
    shares_order: int | None = None
    shares_pattern: str = ""
    card_extra_share: str = ""
    icon: str = DEFAULT_ICON
    kpi_context: bool = False
    mappable: bool = True
    summable: bool = False
    # the region profile's words and places (see data/README.md, "The region profile's columns")
    noun_one: str = ""
    noun_many: str = ""
    prose_name: str = ""
    share_words: str = ""
    profile_topic: str = ""
    profile_role: str = ""
    profile_order: int | None = None
    per_capita_of: str = ""
    then_now: int | None = None
    profile_trend: bool = False
    # the language of the text fields (Dataset.indicator gives the current language's record)
    noun_forms: str = ""  # other languages' plural forms by CLDR category: 'few:uniwersytety|many:uniwersytetów'
    unit_code: str = ""  # the unit as indicators.csv writes it in English ('persons', '%', 'km2'): for code to test
    per_capita_unit_code: str = ""  # likewise per_capita_unit in English ('EUR per inhabitant')
    lang: str = "en"

    @property
    def is_share(self) -> bool:
        """A share already (a percentage of a national total)."""
        return self.kind == "percent"

    @property
    def in_prose(self) -> str:
        """What a sentence calls it: 'GDP', 'higher-education students' (prose_name, else the short label)."""
        return self.prose_name or self.short_label

    def noun_for(self, number: float) -> str:
        """The word a count takes after ``number`` in the record's language: 'university' / 'universities';
        Polish 'uniwersytet' / 'uniwersytety' / 'uniwersytetów' (CLDR's plural category; noun_one for 'one', else
        noun_forms' form of the category, else noun_many). '' when the indicator has no nouns."""
        category = plural_category(number, self.lang)
        if category == "one" and self.noun_one:
            return self.noun_one
        return parse_noun_forms(self.noun_forms).get(category) or self.noun_many

    @property
    def share_of(self) -> str:
        """What its share of the country is of, in a sentence: 'jobs', 'gross value added (GVA)'; '' if none."""
        return self.share_words or self.share_label.split(" (")[0]


def _text(row: Mapping[str, object], name: str) -> str:
    value = row.get(name, "")
    return "" if value is None or pd.isna(value) else str(value).strip()


# How a cell becomes a field, by the field's declared type (the annotations are strings: see __future__).
_READ: dict[str, Callable[[str], object]] = {
    "str": str, "int": lambda text: int(float(text)), "int | None": lambda text: int(float(text)),
    "float": float, "bool": lambda text: text.lower() in TRUE_WORDS}


def indicator_record(indicator_id: str, row: Mapping[str, object]) -> Indicator:
    """The typed record of one row (text cells, or the loader's typed ones): each field read by its declared
    type, so a new column is a new field and nothing else; an empty or absent cell takes the field's default."""
    values: dict[str, object] = {}
    for column in fields(Indicator)[1:]:  # after the id
        text = _text(row, column.name)
        if text:
            values[column.name] = _READ[str(column.type)](text)
    values.setdefault("unit_code", values.get("unit", ""))
    values.setdefault("per_capita_unit_code", values.get("per_capita_unit", ""))
    return Indicator(id=indicator_id, **values)


__all__ = ["DEFAULT_ICON", "Indicator", "indicator_record"]
