"""What every command line of the product shares: printing a line safely, loading the data folder, and the
language a command writes in (``--lang``, by default the environment's).

The main CLI and the sub-commands it registers (profile, refresh) all import from here, never from
each other, so the commands hang below one entry point without a loop.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from dashboard.data import Dataset, DataValidationError
from dashboard.data.limits import printable
from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES, PSEUDO, _, ngettext

# The codes --lang accepts: the eleven languages, then the pseudo-language for testing layouts.
LANGUAGE_CHOICES = (*LANGUAGES, PSEUDO)
# POSIX order: LC_ALL overrides LC_MESSAGES, which overrides LANG.
LANGUAGE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
# Norwegian locales often say 'no' or 'nn' where the product has 'nb'.
_LOCALE_ALIASES = {"no": "nb", "nn": "nb"}


def environment_language(environ: Mapping[str, str] | None = None) -> str:
    """The language of the environment's locale (``LANG=fi_FI.UTF-8`` -> 'fi') if it is one of ours, else 'en'.

    The first of LC_ALL, LC_MESSAGES and LANG that is set decides, as for any POSIX program.
    """
    environ = os.environ if environ is None else environ
    for name in LANGUAGE_VARIABLES:
        value = environ.get(name, "")
        if value:
            code = value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
            code = _LOCALE_ALIASES.get(code, code)
            return code if code in LANGUAGE_CHOICES else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def requested_language(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """The language a command line asks for, read before parsing it: so that its help and usage errors are
    written in that language too. A missing or unknown ``--lang`` gives the environment's."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else arg[7:] if arg.startswith("--lang=") \
            else None
        if value is not None:
            return value if value in LANGUAGE_CHOICES else environment_language(environ)
    return environment_language(environ)


def add_language_option(parser: argparse.ArgumentParser) -> None:
    """``--lang``: the language of everything the command writes for a person."""
    parser.add_argument("--lang", default=environment_language(), choices=LANGUAGE_CHOICES, metavar="CODE",
                        help=_("the language of the text written: {languages} ({pseudo}: a pseudo-language for "
                               "testing layouts) (default: from LANG, else en)",
                               languages=", ".join(LANGUAGES), pseudo=PSEUDO))


def say(text: object, stream: TextIO | None = None) -> None:
    """Print one line with control characters escaped: a data file's ANSI escapes never reach the terminal."""
    print(printable(text), file=stream or sys.stdout)


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line ('dashboard export: error: ...') and exit code 2.

    Each command's parser has ``--lang`` (the subcommands are made with this class); the entry point's own
    parser, which only picks the command, is made with ``lang_option=False``.
    """

    def __init__(self, *args, lang_option: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if lang_option:
            add_language_option(self)

    def add_argument(self, *args, **kwargs) -> argparse.Action:
        if isinstance(kwargs.get("help"), str):  # a translated help may hold a '%' ("40 %"): not argparse's
            kwargs["help"] = kwargs["help"].replace("%", "%%")
        return super().add_argument(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {printable(message)}\n")


def load_dataset(directory: str | None) -> Dataset:
    """The data folder's Dataset (the bundled one without ``directory``); a folder with problems exits 1."""
    from dashboard.data.folders import load_data_folder
    from dashboard.paths import default_data_dir

    try:
        return load_data_folder(Path(directory) if directory else default_data_dir()).dataset
    except DataValidationError as err:
        count = len(err.problems)
        say(ngettext("error: the data folder has {n} problem(s); run 'validate' to list them",
                     "error: the data folder has {n} problem(s); run 'validate' to list them", count), sys.stderr)
        raise SystemExit(1) from None
