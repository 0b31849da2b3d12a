"""Extract the messages from the code into the template and bring every language's catalog up to date with it.

    .venv/bin/python scripts/catalogs.py

Babel's own tools do the work (``pybabel extract``, ``init``, ``update``); this script then sets each catalog's
plural rule from CLDR (Babel's ``init`` takes an older table: Polish and Russian get three forms there, CLDR gives
four, the fourth for fractions such as '1,3 mln'). Then translate what is new (an empty msgstr) in
``src/dashboard/locale/<lang>/LC_MESSAGES/messages.po``. The catalogs are compiled in memory when the app starts
(``dashboard.i18n.catalogs``): there are no ``.mo`` files to rebuild.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po, write_po
from babel.plural import to_gettext

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "src" / "dashboard" / "locale"
TEMPLATE = LOCALE_DIR / "messages.pot"
PYBABEL = [sys.executable, "-m", "babel.messages.frontend"]


def cldr_plural_forms(code: str) -> str:
    return to_gettext(Locale.parse(code).plural_form).strip().rstrip(";") + ";"


def extract() -> None:
    subprocess.run([*PYBABEL, "extract", "-F", "babel.cfg", "-k", "N_", "-k", "ngettext:1,2", "-k", "pgettext:1c,2",
                    "-c", "Translators:", "--sort-by-file", "--project", "Baltic Metropoles",
                    "--copyright-holder", "Baltic Metropoles", "-o", str(TEMPLATE), "."], cwd=ROOT, check=True)


def refresh(code: str) -> None:
    po = LOCALE_DIR / code / "LC_MESSAGES" / "messages.po"
    verb = "update" if po.is_file() else "init"
    extra = ["--no-fuzzy-matching", "--ignore-obsolete"] if verb == "update" else []
    subprocess.run([*PYBABEL, verb, "-i", str(TEMPLATE), "-d", str(LOCALE_DIR), "-l", code, *extra], cwd=ROOT,
                   check=True)
    with po.open("rb") as file:
        catalog = read_po(file, locale=code)
    catalog.mime_headers = [(name, cldr_plural_forms(code) if name.lower() == "plural-forms" else value)
                            for name, value in catalog.mime_headers]
    for message in catalog:
        # Our messages use {name} placeholders; pybabel reads '% change' as a printf code and flags it.
        message.flags.discard("python-format")
        if message.id and message.pluralizable:
            forms = list(message.string) if isinstance(message.string, tuple | list) else [message.string]
            message.string = tuple((forms + [""] * catalog.num_plurals)[:catalog.num_plurals])
    with po.open("wb") as file:
        write_po(file, catalog, width=100, ignore_obsolete=True)


def main() -> None:
    from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES
    extract()
    for code in LANGUAGES:
        if code != DEFAULT_LANGUAGE:
            refresh(code)


if __name__ == "__main__":
    main()
