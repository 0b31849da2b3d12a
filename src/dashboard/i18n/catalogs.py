"""The message catalogs: one gettext ``.po`` file per language, read with Babel's own tools.

The ``.po`` files under ``dashboard/locale`` are the only copy (no compiled ``.mo`` to fall out of step);
``scripts/catalogs.py`` extracts the messages from the code and updates them. Plural forms are picked by CLDR's
rules for the number itself (Babel), so '1,3 mln' takes Polish's fourth form, the one for fractions, which a
gettext plural expression over whole numbers cannot reach.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po

from dashboard.i18n.languages import DEFAULT_LANGUAGE, LANGUAGES, PSEUDO, cldr_locale

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"
# CLDR's order of the plural categories: Babel's to_gettext numbers the ones a language uses in this order.
_ORDER = ("zero", "one", "two", "few", "many", "other")


def catalog_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def plural_index(locale: Locale, n: float | Decimal) -> int:
    """The msgstr[i] that CLDR's plural category of ``n`` has in a catalog whose header Babel wrote from CLDR."""
    rule = locale.plural_form
    used = [tag for tag in _ORDER if tag in rule.tags or tag == "other"]
    return used.index(rule(abs(n)))


@dataclass(frozen=True)
class Catalog:
    """One language's translations: ``(context, msgid) -> msgstr`` or a tuple of plural forms."""

    code: str
    locale: Locale
    messages: dict[tuple[str | None, str], str | tuple[str, ...]] = field(default_factory=dict)

    def gettext(self, message: str, context: str | None = None) -> str:
        found = self.messages.get((context, message))
        return found if isinstance(found, str) and found else message

    def ngettext(self, singular: str, plural: str, n: float, context: str | None = None) -> str:
        forms = self.messages.get((context, singular))
        index = plural_index(self.locale, n)
        if isinstance(forms, tuple) and index < len(forms) and forms[index]:
            return forms[index]
        return singular if plural_index(cldr_locale(DEFAULT_LANGUAGE), n) == 0 else plural


class PseudoCatalog(Catalog):
    """Every message in the pseudo-language (for layout tests): accented, 40 % longer, in brackets."""

    def gettext(self, message: str, context: str | None = None) -> str:
        return pseudo(message)

    def ngettext(self, singular: str, plural: str, n: float, context: str | None = None) -> str:
        return pseudo(super().ngettext(singular, plural, n, context))


@cache
def catalog(code: str) -> Catalog:
    """The catalog of ``code``; English (the messages themselves) when there is none."""
    if code == PSEUDO:
        return PseudoCatalog(PSEUDO, cldr_locale(DEFAULT_LANGUAGE))
    path = catalog_path(code)
    if code == DEFAULT_LANGUAGE or code not in LANGUAGES or not path.is_file():
        return Catalog(DEFAULT_LANGUAGE, cldr_locale(DEFAULT_LANGUAGE))
    with path.open("rb") as po:
        read = read_po(po, locale=code, domain=DOMAIN)
    messages: dict[tuple[str | None, str], str | tuple[str, ...]] = {}
    for message in read:
        if not message.id or message.fuzzy:
            continue
        key = message.id[0] if isinstance(message.id, tuple | list) else message.id
        messages[(message.context, key)] = (tuple(message.string) if isinstance(message.string, tuple | list)
                                            else message.string)
    return Catalog(code, cldr_locale(code), messages)


_ACCENTED = str.maketrans("AaCcDEeGgHhIiJjKkLlNnOoRrSsTtUuWwYyZz",
                          "ÅåÇçÐÉéĜĝĤĥÎîĴĵĶķĻļÑñÖöŔŕŠšŢţÛûŴŵÝýŽž")
_FIELD = re.compile(r"(\{[^{}]*\})")  # {name} and {name:,.0f} stay as they are


def pseudo(message: str) -> str:
    """``'Population of {region}'`` -> ``'[Þöþûļåţîöñ öƒ {region} ·········]'``: accented, 40 % longer, in brackets,
    so that a screenshot shows any text that missed the catalogs (plain) or got cut (no closing bracket)."""
    parts = _FIELD.split(message)
    text = "".join(part if _FIELD.fullmatch(part) else part.translate(_ACCENTED) for part in parts)
    visible = sum(len(part) for part in parts if not _FIELD.fullmatch(part))
    padding = "·" * max(1, round(visible * 0.4))
    # in words of five, as long text is: one unbroken run of dots would be a 600-pixel 'word' no language has
    return f"[{text} {' '.join(padding[i:i + 5] for i in range(0, len(padding), 5))}]"
