"""What each indicator is, as indicators.csv declares it: the code reads these, never an id list.

A new indicator (or a sixth KPI) is a row of indicators.csv: its per-inhabitant form, the national
total and reported share its share comes from, its place in the shares chart, its card's icon and
whether it can be mapped are columns there, so no module names indicator ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from dashboard.data.dataset import Dataset

DEFAULT_ICON = "bi-circle"
TRUE_WORDS = ("true", "1", "yes")


@dataclass(frozen=True)
class Declaration:
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


def _text(row, name: str) -> str:
    value = row.get(name, "")
    return "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()


def _flag(row, name: str, default: bool) -> bool:
    text = _text(row, name).lower()
    return default if not text else text in TRUE_WORDS


@lru_cache(maxsize=4096)
def declaration(dataset: Dataset, indicator_id: str) -> Declaration:
    """The indicator's declared behaviour; columns a folder leaves out take the defaults."""
    row = dataset.indicator(indicator_id)
    order = _text(row, "shares_order")
    scale = _text(row, "per_capita_scale")
    return Declaration(
        per_capita_base=_text(row, "per_capita_base"), per_capita_scale=float(scale) if scale else 1.0,
        per_capita_unit=_text(row, "per_capita_unit"), national_total=_text(row, "national_total"),
        reported_share=_text(row, "reported_share"), share_label=_text(row, "share_label"),
        shares_order=int(float(order)) if order else None, shares_pattern=_text(row, "shares_pattern"),
        card_extra_share=_text(row, "card_extra_share"), icon=_text(row, "icon") or DEFAULT_ICON,
        kpi_context=_flag(row, "kpi_context", False), mappable=_flag(row, "mappable", True),
        summable=_flag(row, "summable", False))


def _capital(text: str) -> str:
    """'jobs' on a card ('29 % of Finland's jobs'), 'Jobs' as a chart's series."""
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=64)
def share_series(dataset: Dataset) -> tuple[tuple[str, str, str], ...]:
    """(label, indicator, pattern) of the shares chart, in their declared order."""
    declared = [(declaration(dataset, i), i) for i in dataset.indicators.index]
    ordered = sorted((d.shares_order, i, d) for d, i in declared if d.shares_order is not None)
    return tuple((_capital(d.share_label or str(dataset.indicator(i)["short_label"])), i, d.shares_pattern)
                 for _, i, d in ordered)


def is_share(dataset: Dataset, indicator_id: str) -> bool:
    """A share already (a percentage of a national total): it stands in the shares chart as it is."""
    return str(dataset.indicator(indicator_id)["kind"]) == "percent"


REFERENCE_COLUMNS = ("per_capita_base", "national_total", "reported_share", "card_extra_share")
