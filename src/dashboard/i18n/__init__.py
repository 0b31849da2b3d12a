"""The language layer: every text a person reads passes through here (messages, numbers, dates, plurals)."""

from dashboard.i18n.current import current_language, use_language
from dashboard.i18n.languages import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    PSEUDO,
    best_match,
    cldr_locale,
    is_language,
    language_in_query,
)
from dashboard.i18n.numbers import (
    THOUSANDS,
    decimal_sign,
    localise_number,
    long_date,
    plotly_separators,
    with_percent,
)
from dashboard.i18n.text import N_, _, gettext, ngettext, pgettext

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "N_",
    "PSEUDO",
    "THOUSANDS",
    "_",
    "best_match",
    "cldr_locale",
    "current_language",
    "decimal_sign",
    "gettext",
    "is_language",
    "language_in_query",
    "localise_number",
    "long_date",
    "ngettext",
    "pgettext",
    "plotly_separators",
    "use_language",
    "with_percent",
]
