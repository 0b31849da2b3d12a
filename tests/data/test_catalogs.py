"""The bundled message catalogs: every message of the code translated in every language, placeholders kept.

A message added to the code without running ``scripts/catalogs.py`` and translating it fails here, by name.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES
from dashboard.i18n.catalogs import LOCALE_DIR, catalog_path

PACKAGE = Path(LOCALE_DIR).parent
KEYWORDS = {"_": None, "gettext": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
FIELD = re.compile(r"\{([^{}:!]*)[^{}]*\}")
TRANSLATED = [code for code in LANGUAGES if code != DEFAULT_LANGUAGE]
# The profile passes every form of its places, so its sentences may name a region or country in any of them.
PLACES = ({"region", "in_region", "region_genitive"}, {"country", "in_country", "country_genitive"})


def places_kept(got: set[str], wanted: set[str], any_form: bool) -> bool:
    """Every placeholder kept; in the profile, a place by any of its forms."""
    if not any_form:
        return got == wanted
    plain = {w for w in wanted if not any(w in group for group in PLACES)}
    allowed = wanted.union(*(group for group in PLACES if wanted & group))
    return plain <= got <= allowed and all(got & group for group in PLACES if wanted & group)


@cache
def code_messages() -> dict[tuple[str | None, str], str]:
    """Every message the code passes to the language layer: (context, msgid) -> where (the first place)."""
    found: dict[tuple[str | None, str], str] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
            PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            found.setdefault((context, msgid), f"{filename}:{lineno}")
    return found


@cache
def read(code: str):
    with catalog_path(code).open("rb") as po:
        return read_po(po, locale=code)


def fields(text: str) -> set[str]:
    return set(FIELD.findall(text))


def test_the_template_lists_what_the_code_says():
    with (LOCALE_DIR / "messages.pot").open("rb") as pot:
        template = {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id) for m in read_po(pot) if m.id}
    missing = sorted(set(code_messages()) - template)
    assert not missing, f"run scripts/catalogs.py: {len(missing)} message(s) not in messages.pot, e.g. {missing[:3]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_is_translated_with_its_placeholders(code):
    catalog = read(code)
    problems = []
    for key, where in code_messages().items():
        message = catalog.get(key[1], context=key[0])
        if message is None:
            problems.append(f"{where}: {key[1]!r} is not in the catalog")
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(f"{where}: {key[1]!r} is {'fuzzy' if message.fuzzy else 'not translated'}")
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = set().union(*(fields(i) for i in ids))
        in_profile = all("/profile/" in path for path, _line in message.locations)
        given = wanted.union(*(group for group in PLACES if in_profile and wanted & group), {"n"})
        for text in strings:
            if fields(text) - given:
                problems.append(f"{where}: {text!r} has placeholders the code does not give: "
                                f"{sorted(fields(text) - given)}")
            elif not message.pluralizable and not places_kept(fields(text), wanted, in_profile):
                problems.append(f"{where}: {text!r} drops a placeholder of {sorted(wanted)}")
    assert not problems, f"{code}: {len(problems)} problem(s):\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("code", TRANSLATED)
def test_plural_forms_are_cldrs(code):
    catalog = read(code)
    rule = Locale.parse(code).plural_form
    assert catalog.num_plurals == len(rule.tags | {"other"})
    for message in catalog:  # the messages are brace-formatted: a '%' is a percent sign, not a printf code
        message.flags.discard("python-format")
    assert [error for _message, errors in catalog.check() for error in errors] == []
    if code in ("pl", "lt", "ru"):
        assert catalog.num_plurals == 4


def test_no_message_hides_inside_an_f_string():
    """Babel's extractor does not look inside f-strings: f"{_('x')}" would never reach the catalogs (and the
    pseudo-language, which accents any message, would not show it)."""
    hidden = re.compile(r"\{\s*(?:_|gettext|ngettext|pgettext)\(\s*['\"]")
    found = [f"{path.relative_to(PACKAGE)}:{n}" for path in sorted(PACKAGE.rglob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if hidden.search(line)]
    assert not found, f"move these messages out of their f-strings: {found}"
