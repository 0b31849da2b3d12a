"""Numbers, percentages and dates as the current language writes them, from CLDR (Babel).

One deliberate exception: thousands are grouped with a narrow no-break space in every language (the SI rule,
CLDR's own choice for Finnish, Swedish, Norwegian, Polish, Estonian, Latvian, Lithuanian and Russian), so that
'1 300 000' never reads as a decimal in the other language of a bilingual seminar. The decimal sign, the percent
sign's place and spacing, plurals and dates are the locale's.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from babel.dates import format_date
from babel.numbers import format_percent, get_decimal_symbol

from dashboard.i18n.current import current_language
from dashboard.i18n.languages import cldr_locale

THOUSANDS = "\u202f"  # narrow no-break space


@cache
def _decimal_sign(code: str) -> str:
    return get_decimal_symbol(cldr_locale(code))


def decimal_sign(code: str | None = None) -> str:
    """``'.'`` in English, ``','`` in Finnish, German, Polish, Russian…"""
    return _decimal_sign(code or current_language())


def localise_number(text: str, code: str | None = None) -> str:
    """A number written the Python way (``'1,234.5'``) in the language's signs: ``'1 234,5'``."""
    return text.replace(",", "\0").replace(".", decimal_sign(code)).replace("\0", THOUSANDS)


@cache
def _percent_affixes(code: str) -> tuple[str, str]:
    sample = format_percent(0.29, locale=cldr_locale(code))
    prefix, _, suffix = sample.partition("29")
    return prefix, suffix


def with_percent(number_text: str, code: str | None = None) -> str:
    """``'29'`` -> ``'29%'`` in English, ``'29 %'`` (no-break space) in Finnish, German, Swedish…"""
    prefix, suffix = _percent_affixes(code or current_language())
    return f"{prefix}{number_text}{suffix}"


def plotly_separators(code: str | None = None) -> str:
    """Plotly's ``layout.separators``: the decimal sign, then the thousands separator."""
    return decimal_sign(code) + THOUSANDS


def long_date(day: dt.date, code: str | None = None) -> str:
    """``7 December 2026`` / ``7. joulukuuta 2026`` / ``7 grudnia 2026``."""
    return format_date(day, format="long", locale=cldr_locale(code or current_language()))
