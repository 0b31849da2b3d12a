"""How a profile writes numbers, qualifiers, years, territories and place names, in the manner of the BaltMet
profiles, in the current language.

'1.3 million inhabitants', 'nearly 10 000 staff', 'more than 80%', 'one quarter (25%)': the
qualifier becomes a word, and a figure of a million or more is written in millions (three
significant digits at most, see model.DISPLAY_RULE). No other rounding is done here.

Every phrase is a catalog message with named placeholders; region and country names come from the Dataset in
the form a sentence needs (``place_values``: {region}, {in_region}, {region_genitive}, {country}, {in_country},
{country_genitive}).
"""

from __future__ import annotations

import math

from babel import Locale
from babel.lists import format_list

from dashboard.formatting import format_number, format_percent, format_year
from dashboard.i18n import N_, _, cldr_locale, current_language, with_percent

# A qualifier as a word around its number ('rounded' says nothing: '1.3 million' is rounded already)
QUALIFIER_WORD = {
    # Translators: an approximate number, e.g. 'about 700 000'; {number} is the number (with its unit if any).
    "approx": N_("about {number}"),
    # Translators: a lower bound, e.g. 'more than 80%'; {number} is the number (with its unit if any).
    "lower_bound": N_("more than {number}"),
    # Translators: an upper bound, e.g. 'nearly 10 000'; {number} is the number (with its unit if any).
    "upper_bound": N_("nearly {number}"),
}
# A share that is a common fraction, named with its percentage: 'one quarter (25%)'
FRACTIONS = {
    # Translators: a share named as a fraction; {percent} is the percentage itself, e.g. 'one quarter (25%)'.
    25: N_("one quarter ({percent})"),
    # Translators: a share named as a fraction; {percent} is the percentage itself, e.g. 'half (50%)'.
    50: N_("half ({percent})"),
    # Translators: a share named as a fraction; {percent} is the percentage itself.
    75: N_("three quarters ({percent})"),
    # Translators: a share named as a fraction; {percent} is the percentage itself.
    33: N_("one third ({percent})"),
    # Translators: a share named as a fraction; {percent} is the percentage itself.
    67: N_("two thirds ({percent})"),
    # Translators: a share named as a fraction; {percent} is the percentage itself.
    20: N_("one fifth ({percent})"),
    # Translators: a share named as a fraction; {percent} is the percentage itself.
    10: N_("one tenth ({percent})"),
}
MILLION = 1_000_000
MILLION_DIGITS = 3


def qualified(text: str, qualifier: str) -> str:
    """``text`` (a number, with its unit) with the qualifier's word: 'about 700 000', 'more than 80%'."""
    template = QUALIFIER_WORD.get(qualifier or "")
    return _(template, number=text) if template else text


def plain(value: float) -> str:
    """The number as the source gives it: 560 000, 52.8, 3.21 (no trailing zeros, thin thousands spaces; the
    language's decimal sign)."""
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
    # Translators: a number in millions, e.g. '1.3 million' ({number} has the language's decimal sign);
    # an abbreviation ('1,3 mln', '1,3 milj.') is fine.
    return _("{number} million", number=plain(rounded))


def count(value: float) -> str:
    """A count or number of persons: in millions from a million on."""
    return millions(value) if abs(value) >= MILLION else plain(value)


def in_millions(value: float, unit: str) -> bool:
    """Whether ``count`` writes this value in millions (a headline of persons or a count)."""
    return unit in ("persons", "count") and abs(value) >= MILLION


def amount(value: float, unit: str) -> str:
    """'EUR 98 660 million', 'EUR 56 930', '3 000 km²', '700 000'."""
    if unit.startswith("EUR") or unit.startswith("USD"):
        currency, _sep, rest = unit.partition(" ")
        if rest == "million":
            # Translators: an amount in millions of a currency, e.g. 'EUR 98 660 million'; {currency} is the
            # currency code (EUR, USD). Put the code where your language writes it ('98 660 milj. EUR').
            return _("{currency} {number} million", currency=currency, number=plain(value))
        if rest and rest != "per inhabitant":
            # Translators: an amount of a currency with a unit after it; {unit} comes from the data.
            return _("{currency} {number} {unit}", currency=currency, number=plain(value), unit=rest)
        # Translators: an amount of a currency, e.g. 'EUR 56 930'; {currency} is the code (EUR, USD).
        return _("{currency} {number}", currency=currency, number=plain(value))
    if unit == "km2":
        # Translators: an area in square kilometres.
        return _("{number} km²", number=plain(value))
    return count(value)


def percent(value: float, qualifier: str = "", fraction: bool = True) -> str:
    """'one quarter (25%)' for a share that is a common fraction, else '29%'; qualifier as a word."""
    number = format_percent(value, _decimals(value))
    name = FRACTIONS.get(int(value)) if fraction and float(value).is_integer() else None
    return qualified(_(name, percent=number) if name else number, qualifier)


def signed_percent(value: float) -> str:
    """'+30%', '\u22124%' (a change)."""
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return with_percent(sign + plain(abs(value)))


def _decimals(value: float) -> int:
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def quantity(value: float, qualifier: str, unit: str = "") -> str:
    """A figure with its qualifier word: 'about 700 000', '1.3 million', 'more than 80%'."""
    if unit == "%":
        return percent(value, qualifier, fraction=False)
    return qualified(amount(value, unit), qualifier)


def territory_phrase(name: str) -> str:
    """'Helsinki Region (12 municipalities)' -> 'Helsinki Region, 12 municipalities' (inside parentheses)."""
    return name.replace(" (", ", ").replace("(", "").replace(")", "")


def year_text(year: int, approx: bool) -> str:
    return format_year(year, approx)


def context(year: int, approx: bool, territory: str = "") -> str:
    """'(c. 2007, Helsinki Region, 12 municipalities)' or '(2023)'."""
    parts = [year_text(year, approx)] + ([territory_phrase(territory)] if territory else [])
    return f" ({', '.join(parts)})"


def list_locale() -> Locale:
    """The CLDR locale that joins lists; English as the profiles write it ('a, b and c', no serial comma)."""
    locale = cldr_locale(current_language())
    return Locale.parse("en_GB") if locale.language == "en" else locale


def join(items: list[str], style: str = "standard") -> str:
    """'a', 'a and b', 'a, b and c' as the current language joins a list ('or' for ``style='or'``)."""
    if not items:
        return ""
    return format_list(list(items), style=style, locale=list_locale())


def place_values(dataset, region_id: str) -> dict[str, str]:
    """The placeholders a message may use for the region and its country, each in the form its grammar needs
    (``Dataset.region_text`` / ``country_text``, in the current language): {region} (Helsinki), {in_region}
    ('in Helsinki' as the language says it: 'Helsingissä'), {region_genitive} (Helsinki's: 'Helsingin'),
    {country}, {in_country}, {country_genitive}."""
    code = str(dataset.region(region_id).get("country", "") or "")
    return {"region": dataset.region_text(region_id, "name"), "in_region": dataset.region_text(region_id, "in_name"),
            "region_genitive": dataset.region_text(region_id, "genitive"),
            "country": dataset.country_text(code, "name"), "in_country": dataset.country_text(code, "in_name"),
            "country_genitive": dataset.country_text(code, "genitive")}


def sentence_start(text: str) -> str:
    """The first letter of a sentence upper case (every one of the product's languages starts a sentence so);
    the rest as it is. Only for a sentence that begins with a data word or number phrase."""
    return text[:1].upper() + text[1:]
