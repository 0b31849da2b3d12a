"""How numbers, years and qualifiers read on screen and in exports."""

from __future__ import annotations

import math

THOUSANDS = "\u202f"  # narrow no-break space: the SI thousands separator, unambiguous in every locale

QUALIFIER_SIGN = {"approx": "≈\u00a0", "rounded": "≈\u00a0", "lower_bound": "≥\u00a0", "upper_bound": "≤\u00a0"}
# Eurostat's flags stay letters after the number, as Eurostat prints them ('1 868 018 e')
QUALIFIER_SUFFIX = {"estimated": "\u00a0e", "provisional": "\u00a0p"}
QUALIFIER_TEXT = {
    "estimated": "estimated (Eurostat flag e)",
    "provisional": "provisional (Eurostat flag p)",
    "approx": "approximate figure",
    "rounded": "rounded figure",
    "lower_bound": "lower bound ('more than')",
    "upper_bound": "upper bound ('nearly', 'up to')",
}


def format_number(value: float, decimals: int = 0) -> str:
    """``1300000 -> '1 300 000'`` with narrow no-break spaces; never shows a missing value as 0."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "no data"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", THOUSANDS)


def format_value(value: float, decimals: int, qualifier: str = "") -> str:
    """The number with its qualifier sign, e.g. ``≥ 1 800 000``."""
    return QUALIFIER_SIGN.get(qualifier, "") + format_number(value, decimals) + QUALIFIER_SUFFIX.get(qualifier, "")


def format_year(year: int, approx: bool) -> str:
    """``c. 2007`` when the source is undated and the year was inferred."""
    return f"c.\u00a0{year}" if approx else str(year)
