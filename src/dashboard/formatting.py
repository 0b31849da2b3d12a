"""How numbers, years and qualifiers read on screen and in exports, in the current language."""

from __future__ import annotations

import math

from dashboard.i18n import N_, THOUSANDS, _, localise_number, with_percent

__all__ = ["QUALIFIER_SIGN", "QUALIFIER_SUFFIX", "THOUSANDS", "format_number", "format_percent", "format_value",
           "format_year", "qualifier_text"]

QUALIFIER_SIGN = {"approx": "≈\u00a0", "rounded": "≈\u00a0", "lower_bound": "≥\u00a0", "upper_bound": "≤\u00a0"}
# Eurostat's flags stay letters after the number, as Eurostat prints them ('1 868 018 e')
QUALIFIER_SUFFIX = {"estimated": "\u00a0e", "provisional": "\u00a0p"}
_QUALIFIER_TEXT = {
    "estimated": N_("estimated (Eurostat flag e)"),
    "provisional": N_("provisional (Eurostat flag p)"),
    "approx": N_("approximate figure"),
    "rounded": N_("rounded figure"),
    "lower_bound": N_("lower bound ('more than')"),
    "upper_bound": N_("upper bound ('nearly', 'up to')"),
}


def qualifier_text(qualifier: str) -> str:
    """What a qualifier means, in words of the current language ('' for none)."""
    return _(_QUALIFIER_TEXT[qualifier]) if qualifier in _QUALIFIER_TEXT else ""


def format_number(value: float, decimals: int = 0) -> str:
    """``1300000 -> '1 300 000'`` with narrow no-break spaces and the language's decimal sign (``'2,5'`` in
    Finnish); never shows a missing value as 0."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return _("no data")
    return localise_number(f"{value:,.{decimals}f}")


def format_percent(value: float, decimals: int = 0) -> str:
    """``29 -> '29%'`` in English, ``'29 %'`` in Finnish or German: the percent sign as CLDR places it."""
    return with_percent(format_number(value, decimals))


def format_value(value: float, decimals: int, qualifier: str = "") -> str:
    """The number with its qualifier sign, e.g. ``≥ 1 800 000``."""
    return QUALIFIER_SIGN.get(qualifier, "") + format_number(value, decimals) + QUALIFIER_SUFFIX.get(qualifier, "")


def format_year(year: int, approx: bool) -> str:
    """``c. 2007`` when the source is undated and the year was inferred."""
    # Translators: 'circa', before a year inferred from an undated page; keep the no-break space.
    return _("c.\u00a0{year}", year=year) if approx else str(year)
