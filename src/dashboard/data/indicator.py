"""One indicator as indicators.csv declares it: the one typed record the code reads, never an id list.

A new indicator (or a sixth KPI) is a row of indicators.csv: its names, unit and decimals, its
per-inhabitant form, the national total and reported share its share comes from, its place in the shares
chart, its card's icon, whether it can be mapped, and the words and place the region profile gives it are
columns there. Columns a folder leaves out take the defaults below (a profile then says less, never
something wrong).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

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

    @property
    def is_share(self) -> bool:
        """A share already (a percentage of a national total)."""
        return self.kind == "percent"

    @property
    def in_prose(self) -> str:
        """What a sentence calls it: 'GDP', 'higher-education students' (prose_name, else the short label)."""
        return self.prose_name or self.short_label

    @property
    def share_of(self) -> str:
        """What its share of the country is of, in a sentence: 'jobs', 'gross value added (GVA)'; '' if none."""
        return self.share_words or self.share_label.split(" (")[0]


def _text(row: Mapping[str, object], name: str) -> str:
    value = row.get(name, "")
    return "" if value is None or pd.isna(value) else str(value).strip()


def _flag(row: Mapping[str, object], name: str, default: bool) -> bool:
    text = _text(row, name).lower()
    return default if not text else text in TRUE_WORDS


def _whole(row: Mapping[str, object], name: str, default: int | None = None) -> int | None:
    text = _text(row, name)
    return int(float(text)) if text else default


def indicator_record(indicator_id: str, row: Mapping[str, object]) -> Indicator:
    """The typed record of one row (text cells, or the loader's typed ones); absent columns take defaults."""
    scale = _text(row, "per_capita_scale")
    return Indicator(
        id=indicator_id, label=_text(row, "label"), short_label=_text(row, "short_label"),
        unit=_text(row, "unit"), kind=_text(row, "kind"), category=_text(row, "category"),
        kpi_order=_whole(row, "kpi_order"), decimals=_whole(row, "decimals", 0) or 0,
        description=_text(row, "description"),
        per_capita_base=_text(row, "per_capita_base"), per_capita_scale=float(scale) if scale else 1.0,
        per_capita_unit=_text(row, "per_capita_unit"), national_total=_text(row, "national_total"),
        reported_share=_text(row, "reported_share"), share_label=_text(row, "share_label"),
        shares_order=_whole(row, "shares_order"), shares_pattern=_text(row, "shares_pattern"),
        card_extra_share=_text(row, "card_extra_share"), icon=_text(row, "icon") or DEFAULT_ICON,
        kpi_context=_flag(row, "kpi_context", False), mappable=_flag(row, "mappable", True),
        summable=_flag(row, "summable", False),
        noun_one=_text(row, "noun_one"), noun_many=_text(row, "noun_many"), prose_name=_text(row, "prose_name"),
        share_words=_text(row, "share_words"), profile_topic=_text(row, "profile_topic"),
        profile_role=_text(row, "profile_role"), profile_order=_whole(row, "profile_order"),
        per_capita_of=_text(row, "per_capita_of"), then_now=_whole(row, "then_now"),
        profile_trend=_flag(row, "profile_trend", False))


__all__ = ["DEFAULT_ICON", "Indicator", "indicator_record"]
