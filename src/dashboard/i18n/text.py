"""The one door for text a person reads: ``_``, ``ngettext``, ``pgettext`` and ``N_``.

Messages are English sentences with named placeholders (``_("{region} in {year}", region=..., year=...)``), so a
translation may reorder them; the values are filled in after translating. A message is written whole: never
glue translated pieces into a sentence, since word order and grammar differ between languages.
"""

from __future__ import annotations

from dashboard.i18n.catalogs import catalog
from dashboard.i18n.current import current_language


def _fill(text: str, values: dict, english: str) -> str:
    """The placeholders filled; a translation naming one the code does not give (tests/data/test_catalogs.py
    forbids it) falls back to the English message rather than failing the page."""
    if not values:
        return text
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError, AttributeError, TypeError):
        return english.format(**values)


def gettext(message: str, /, **values: object) -> str:
    """``message`` in the current language, its ``{placeholders}`` filled from ``values``."""
    return _fill(catalog(current_language()).gettext(message), values, message)


_ = gettext


def ngettext(singular: str, plural: str, n: float, /, **values: object) -> str:
    """The plural form CLDR's rules pick for ``n`` in the current language (Polish, Lithuanian and Russian have
    four; a fraction such as 1.3 takes its own form); ``{n}`` is filled with ``n`` unless ``values`` gives it
    (a formatted number, say)."""
    values = {"n": n, **values}
    return _fill(catalog(current_language()).ngettext(singular, plural, n), values, singular if n == 1 else plural)


def pgettext(context: str, message: str, /, **values: object) -> str:
    """A short message whose meaning needs its context (``pgettext("measure", "Share")``)."""
    return _fill(catalog(current_language()).gettext(message, context), values, message)


def N_(message: str) -> str:
    """Marks a message kept in a constant for the catalogs; translate it where it is shown, with ``_(constant)``."""
    return message
