"""How a profile writes numbers, qualifiers, years and territories, in the manner of the BaltMet profiles.

'1.3 million inhabitants', 'nearly 10 000 staff', 'more than 80 %', 'one quarter (25 %)': the
qualifier becomes a word, and a figure of a million or more is written in millions (three
significant digits at most, see model.DISPLAY_RULE). No other rounding is done here.
"""

from __future__ import annotations

import math

from dashboard.formatting import format_number, format_year

QUALIFIER_WORD = {"approx": "about ", "rounded": "", "lower_bound": "more than ", "upper_bound": "nearly "}
FRACTIONS = {25: "one quarter", 50: "half", 75: "three quarters", 33: "one third", 67: "two thirds",
             20: "one fifth", 10: "one tenth"}
MILLION = 1_000_000
MILLION_DIGITS = 3


def qualifier_word(qualifier: str) -> str:
    return QUALIFIER_WORD.get(qualifier or "", "")


def plain(value: float) -> str:
    """The number as the source gives it: 560 000, 52.8, 3.21 (no trailing zeros, thin thousands spaces)."""
    if float(value).is_integer():
        return format_number(value, 0)
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return format_number(value, decimals)


def millions(value: float) -> str:
    """1 733 033 -> '1.73 million', 1 300 000 -> '1.3 million' (three significant digits at most)."""
    scaled = value / MILLION
    digits = MILLION_DIGITS - 1 - math.floor(math.log10(abs(scaled))) if scaled else 0
    rounded = round(scaled, max(0, digits))
    return f"{plain(rounded)} million"


def count(value: float) -> str:
    """A count or number of persons: in millions from a million on."""
    return millions(value) if abs(value) >= MILLION else plain(value)


def amount(value: float, unit: str) -> str:
    """'EUR 98 660 million', 'EUR 56 930', '3 000 km²', '700 000'."""
    if unit.startswith("EUR") or unit.startswith("USD"):
        currency, _, rest = unit.partition(" ")
        return f"{currency} {plain(value)}" + (f" {rest}" if rest and rest != "per inhabitant" else "")
    if unit == "km2":
        return f"{plain(value)} km²"
    return count(value)


def percent(value: float, qualifier: str = "", fraction: bool = True) -> str:
    """'one quarter (25 %)' for a share that is a common fraction, else '29 %'; qualifier as a word."""
    word = qualifier_word(qualifier)
    number = f"{plain(value)}\u00a0%"
    name = FRACTIONS.get(int(value)) if fraction and float(value).is_integer() else None
    return f"{word}{name} ({number})" if name else f"{word}{number}"


def quantity(value: float, qualifier: str, unit: str = "") -> str:
    """A figure with its qualifier word: 'about 700 000', '1.3 million', 'more than 80 %'."""
    if unit == "%":
        return percent(value, qualifier, fraction=False)
    return qualifier_word(qualifier) + amount(value, unit)


def territory_phrase(name: str) -> str:
    """'Helsinki Region (12 municipalities)' -> 'Helsinki Region, 12 municipalities' (inside parentheses)."""
    return name.replace(" (", ", ").replace("(", "").replace(")", "")


def year_text(year: int, approx: bool) -> str:
    return format_year(year, approx)


def context(year: int, approx: bool, territory: str = "") -> str:
    """'(c. 2007, Helsinki Region, 12 municipalities)' or '(2023)'."""
    parts = [year_text(year, approx)] + ([territory_phrase(territory)] if territory else [])
    return f" ({', '.join(parts)})"


def join(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]
