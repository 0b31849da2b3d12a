"""Lookups over what indicators.csv declares (dashboard.data.indicator.Indicator): the code reads these,
never an id list.

A new indicator (or a sixth KPI) is a row of indicators.csv: its per-inhabitant form, the national
total and reported share its share comes from, its place in the shares chart, its card's icon and
whether it can be mapped are columns there, so no module names indicator ids.
"""

from __future__ import annotations

from functools import lru_cache

from dashboard.data.dataset import Dataset
from dashboard.i18n import current_language


def _capital(text: str) -> str:
    """'jobs' on a card ('29 % of Finland's jobs'), 'Jobs' as a chart's series: the first letter only (the rest
    is left as the data table writes it, German nouns' capitals included)."""
    return text[:1].upper() + text[1:]


def share_series(dataset: Dataset) -> tuple[tuple[str, str, str], ...]:
    """(label, indicator, pattern) of the shares chart, in their declared order, in the current language."""
    return _share_series(dataset, current_language())


@lru_cache(maxsize=64)
def _share_series(dataset: Dataset, lang: str) -> tuple[tuple[str, str, str], ...]:
    """share_series, cached per Dataset and language (the labels are the data tables' text in ``lang``)."""
    ordered = sorted((d.shares_order, d.id, d) for d in dataset.all_indicators if d.shares_order is not None)
    return tuple((_capital(d.share_label or d.short_label), i, d.shares_pattern) for _, i, d in ordered)


def is_share(dataset: Dataset, indicator_id: str) -> bool:
    """A share already (a percentage of a national total): it stands in the shares chart as it is."""
    return dataset.indicator(indicator_id).is_share


# Columns of indicators.csv that name another indicator: the loader checks that it exists.
REFERENCE_COLUMNS = ("per_capita_base", "national_total", "reported_share", "card_extra_share", "per_capita_of")
