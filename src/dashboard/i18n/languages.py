"""The languages the product speaks, each named in itself, and how a browser's wish picks one."""

from __future__ import annotations

from urllib.parse import unquote_plus

from babel import Locale, UnknownLocaleError

DEFAULT_LANGUAGE = "en"
# The eleven languages of the network's metro regions, in the menu's order, each named in itself.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "da": "Dansk",
    "de": "Deutsch",
    "et": "Eesti",
    "fi": "Suomi",
    "lv": "Latviešu",
    "lt": "Lietuvių",
    "nb": "Norsk bokmål",
    "pl": "Polski",
    "ru": "Русский",
    "sv": "Svenska",
}
# A pseudo-language for testing layouts: every message accented and 40 % longer. Not in the menu; ?lang=qps.
PSEUDO = "qps"
# Which CLDR locale formats numbers, dates and plurals for a language code the URL may carry.
_CLDR = {code: code for code in LANGUAGES} | {PSEUDO: DEFAULT_LANGUAGE}
# Browsers send 'no' (Norwegian) or 'nn' for Norwegian readers more often than 'nb'.
_ALIASES = {"no": "nb", "nn": "nb"}


def is_language(code: object) -> bool:
    """True for a code the URL, the CLI and the catalogs accept (the pseudo-language included)."""
    return isinstance(code, str) and code in _CLDR


MAX_QUERY_CHARS = 2048  # a query string from the client is read this far for its language


def language_in_query(query: object) -> str | None:
    """The ``lang=`` a query string names, when it is one of ours: the last one given, spaces trimmed, as the
    URL parser (dashboard.url_state) reads every setting; None when there is none or the text is not a query."""
    if not isinstance(query, str):
        return None
    found = None
    for part in query.lstrip("?")[:MAX_QUERY_CHARS].split("&")[:100]:
        name, _, value = part.partition("=")
        if name == "lang":
            found = unquote_plus(value).strip()
    return found if is_language(found) else None


def cldr_locale(code: str) -> Locale:
    """The Babel locale whose CLDR data formats this language's numbers and plurals."""
    try:
        return Locale.parse(_CLDR.get(code, DEFAULT_LANGUAGE))
    except (UnknownLocaleError, ValueError):  # cannot happen for the table above; never fail a page for it
        return Locale.parse(DEFAULT_LANGUAGE)


def best_match(accept_language: str | None, limit: int = 400) -> str:
    """The language a browser's Accept-Language header prefers among ours, else English.

    The header is read up to ``limit`` characters and 20 entries: it comes from the client.
    """
    wanted: list[tuple[float, int, str]] = []
    for i, part in enumerate((accept_language or "")[:limit].split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        tag = tag.strip().lower().replace("_", "-")
        if tag and quality > 0:
            wanted.append((-quality, i, tag))
    for *_, tag in sorted(wanted):
        base = tag.split("-")[0]
        base = _ALIASES.get(base, base)
        if base in LANGUAGES:
            return base
    return DEFAULT_LANGUAGE
