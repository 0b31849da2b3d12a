"""Bounds on the work one input may cause, and the bounded ways of reading that enforce them.

Every file, upload and folder is read within these limits, checked while reading and before anything is
expanded, so no input can hold a worker or grow its memory without bound. Each limit is a named setting:
``BALTMET_MAX_ROWS=500000`` in the environment overrides ``max_rows``, and so on for every field.
Exceeding one refuses the input with one line that names the setting.
"""

from __future__ import annotations

import logging
import os
import stat
import time
import unicodedata
import zlib
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from pathlib import Path

from dashboard.data.problems import Problem
from dashboard.formatting import THOUSANDS, format_number
from dashboard.i18n import N_, _, localise_number, ngettext

MIB = 1024 * 1024
ENV_PREFIX = "BALTMET_"
CHUNK = 1 * MIB
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    """One setting per kind of work; the defaults leave room for 100 000-figure folders."""

    max_file_bytes: int = 32 * MIB  # a file read from disk (the CLI, a --data folder)
    max_upload_bytes: int = 10 * MIB  # one upload, as decoded from the browser
    max_decompressed_bytes: int = 32 * MIB  # gzip output; all members of an XLSX together
    max_rows: int = 200_000  # records of one table (a user table has ~20 000 distinct keys at most)
    max_columns: int = 256  # columns of one table (a Eurostat download has one per year)
    max_cells: int = 2_000_000  # rows x columns of one CSV/TSV table (100 000 figures are 1.3 million)
    max_cell_chars: int = 10_000  # characters in one cell (the longest bundled cell has ~400)
    max_sheet_cells: int = 300_000  # cells of one XLSX sheet or shared strings; Excel reading costs ~8 us a cell
    # Characters all cells of one XLSX sheet hold once each shared string is put in every cell that uses it
    # (counted while the rows stream): a 16 KB workbook whose 8 MB string 300 cells use expands to 2.4 GB.
    # As much as the sheet's XML may hold (max_decompressed_bytes) when no text is shared.
    max_sheet_text_bytes: int = 32 * MIB
    max_abs_value: float = 1e15  # |figure| above this is refused as a typo or an overflow
    max_archive_members: int = 1_000  # files inside one XLSX
    max_xml_depth: int = 64  # element nesting in an XLSX part (SpreadsheetML needs ~8)
    max_read_seconds: float = 8.0  # a backstop: reading one input stops after this long
    # The server's own data folder (bundled, --data, the CLI's validate) is the operator's choice, not a
    # visitor's: it may be far larger (3 000 regions x 30 indicators x 25 years is 2.25 million figures).
    max_folder_file_bytes: int = 512 * MIB
    max_folder_rows: int = 5_000_000
    max_folder_cells: int = 80_000_000
    max_folder_read_seconds: float = 120.0

    def for_server_folder(self) -> Limits:
        """The limits for a complete data folder the server or the CLI was pointed at."""
        return replace(self, max_file_bytes=self.max_folder_file_bytes, max_rows=self.max_folder_rows,
                       max_cells=self.max_folder_cells, max_read_seconds=self.max_folder_read_seconds)

    def env_name(self, name: str) -> str:
        return ENV_PREFIX + name.upper()


@lru_cache(maxsize=8)
def _parse(env: tuple[tuple[str, str | None], ...]) -> Limits:
    overrides: dict[str, int | float] = {}
    defaults = Limits()
    for name, text in env:
        if text is None:
            continue
        kind = type(getattr(defaults, name))
        try:
            value = kind(float(text)) if kind is int else float(text)
        except ValueError:
            value = 0
        if value <= 0:
            log.warning("ignoring %s%s=%r: expected a positive number", ENV_PREFIX, name.upper(), text)
            continue
        overrides[name] = value
    return Limits(**overrides)


def current() -> Limits:
    """The limits in force: the defaults with any ``BALTMET_MAX_...`` overrides (read each call, cached)."""
    return _parse(tuple((f.name, os.environ.get(ENV_PREFIX + f.name.upper())) for f in fields(Limits)))


class Refused(Exception):
    """Raised inside a reader to stop reading; the reader returns ``problem`` as its answer."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def human(number: float) -> str:
    """'200 000', '32 MB', '1e+15': a limit as a person reads it, in the current language's decimal sign.

    Thousands are grouped with a plain space (not format_number's narrow no-break space): these lines are also
    printed on consoles and in logs, and their English wording is fixed by the tests."""
    if (isinstance(number, float) and not number.is_integer()) or abs(number) >= 1e12:
        return localise_number(f"{number:g}")
    return format_number(int(number)).replace(THOUSANDS, " ")


def human_bytes(number: int) -> str:
    """'32 MB', '1024 MB', '1.5 MB', '12 KB'."""
    if number >= MIB:
        megabytes = number / MIB
        size = localise_number(str(round(megabytes))) if megabytes >= 10 or megabytes.is_integer() \
            else format_number(megabytes, 1)
        # Translators: a size in megabytes (1 MB = 1 048 576 bytes)
        return _("{size} MB", size=size)
    if number >= 1024:
        # Translators: a size in kilobytes (1 KB = 1024 bytes)
        return _("{size} KB", size=localise_number(str(round(number / 1024))))
    return ngettext("{n} byte", "{n} bytes", number, n=localise_number(str(number)))


def _plural_n(value: float) -> int:
    return int(value) if float(value).is_integer() else 2


# The units exceeded() writes in words, each in its own plural message (_with_unit).
UNITS = frozenset({"rows", "cells", "columns", "characters", "seconds", "levels", "files", "figures",
                   "shared strings"})


def _with_unit(value: float, shown: str, unit: str) -> str:
    if not unit:
        return shown
    if unit not in UNITS:
        return f"{shown} {unit}"  # a caller's own unit (refresh/): English, as it was given
    n = _plural_n(value)
    if unit == "rows":
        return ngettext("{n} row", "{n} rows", n, n=shown)
    if unit == "cells":
        return ngettext("{n} cell", "{n} cells", n, n=shown)
    if unit == "columns":
        return ngettext("{n} column", "{n} columns", n, n=shown)
    if unit == "characters":
        return ngettext("{n} character", "{n} characters", n, n=shown)
    if unit == "seconds":
        return ngettext("{n} second", "{n} seconds", n, n=shown)
    if unit == "levels":
        # Translators: nesting levels of XML elements in an Excel file
        return ngettext("{n} level", "{n} levels", n, n=shown)
    if unit == "files":
        return ngettext("{n} file", "{n} files", n, n=shown)
    if unit == "figures":
        return ngettext("{n} figure", "{n} figures", n, n=shown)
    return ngettext("{n} shared string", "{n} shared strings", n, n=shown)


def exceeded(label: str, row: int, column: str, what: str, name: str, limits: Limits | None = None,
             unit: str = "") -> Problem:
    """'<what>; the limit is 200 000 rows (BALTMET_MAX_ROWS)': one line naming the setting to change.

    ``what`` is the problem, already in the current language; ``unit`` one of UNITS' keys."""
    limits = limits or current()
    value = getattr(limits, name)
    shown = human_bytes(value) if name.endswith("_bytes") else human(value)
    # Translators: {problem} is a sentence such as 'the sheet has too many rows'; {setting} an environment
    # variable's name (BALTMET_MAX_ROWS), not to be translated
    return Problem(label, row, column, _("{problem}; the limit is {limit} ({setting})", problem=what,
                                         limit=_with_unit(value, shown, unit), setting=limits.env_name(name)))


class Deadline:
    """Raises Refused once reading one input has taken ``max_read_seconds``."""

    def __init__(self, label: str, limits: Limits | None = None) -> None:
        self.limits = limits or current()
        self.label = label
        self.end = time.monotonic() + self.limits.max_read_seconds

    def check(self, row: int = 0) -> None:
        if time.monotonic() > self.end:
            raise Refused(exceeded(self.label, row, "-", _("reading took too long and was stopped"),
                                   "max_read_seconds", self.limits, "seconds"))


FILE_KINDS = ((stat.S_ISDIR, N_("a folder")), (stat.S_ISFIFO, N_("a named pipe (FIFO)")),
              (stat.S_ISCHR, N_("a character device")), (stat.S_ISBLK, N_("a block device")),
              (stat.S_ISSOCK, N_("a socket")))


def _kind(mode: int) -> str:
    return _(next((name for test, name in FILE_KINDS if test(mode)), N_("not a plain file")))


def _cannot_read(label: str, err: OSError) -> Problem:
    # Translators: {reason} is the operating system's own words ('Permission denied')
    return Problem(label, 0, "-", _("cannot read file: {reason}", reason=err.strerror or type(err).__name__))


def read_regular_file(path: Path, label: str, limit: int | None = None, inside: Path | None = None) -> bytes:
    """The bytes of a regular file, at most ``limit`` (default max_file_bytes); Refused otherwise.

    Checked with stat before opening (no FIFO, device or socket is ever opened for reading), opened with
    O_NONBLOCK so that a FIFO swapped in meanwhile cannot block, and read to at most limit + 1 bytes, so a
    file that grows, a /proc file or a sparse file costs no more than the limit. ``inside``: the file must
    resolve into this folder (a link to /etc/passwd in a data folder is refused, not read).
    """
    limits = current() if limit is None else replace(current(), max_file_bytes=limit)
    limit, name = limits.max_file_bytes, "max_file_bytes"
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise Refused(Problem(label, 0, "-", _("file is missing"))) from None
    except OSError as err:
        raise Refused(_cannot_read(label, err)) from None
    if not stat.S_ISREG(info.st_mode):
        raise Refused(Problem(label, 0, "-", _("not a regular file ({kind}); only plain files are read",
                                                kind=_kind(info.st_mode))))
    if info.st_size > limit:
        raise Refused(exceeded(label, 0, "-", _("the file has {size}", size=human_bytes(info.st_size)), name, limits))
    if inside is not None and not Path(path).resolve().is_relative_to(Path(inside).resolve()):
        # Translators: follows the file's name ('data/values.csv:0:-: is a link to ...')
        raise Refused(Problem(label, 0, "-", _("is a link to a file outside the folder; copy the file in instead")))
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        raise Refused(_cannot_read(label, err)) from None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode) or (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
            raise Refused(Problem(label, 0, "-", _("the file was replaced while it was opened; try again")))
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise Refused(exceeded(label, 0, "-", _("the file is too large"), name, limits))
        return b"".join(chunks)
    except OSError as err:
        raise Refused(_cannot_read(label, err)) from None
    finally:
        os.close(fd)


def gunzip(raw: bytes, label: str, limit: int | None = None) -> bytes:
    """Decompress gzip data in bounded chunks; Refused past ``limit`` bytes of output, or when damaged.

    Never more than limit + 1 MB is produced, whatever the file claims (a 1 MB file may expand to 2 GB).
    """
    limits = current() if limit is None else replace(current(), max_decompressed_bytes=limit)
    limit = limits.max_decompressed_bytes
    parts: list[bytes] = []
    total, data = 0, raw
    try:
        while True:
            member = zlib.decompressobj(wbits=31)
            while True:
                chunk = member.decompress(data, CHUNK)
                total += len(chunk)
                if total > limit:
                    raise Refused(exceeded(label, 1, "-", _("the compressed file expands too far (reading stopped)"),
                                           "max_decompressed_bytes", limits))
                parts.append(chunk)
                data = member.unconsumed_tail
                if member.eof or (not data and not chunk):
                    break
            if not member.eof:
                raise Refused(Problem(label, 1, "-", _("the gzip data is cut off (the file is incomplete)")))
            data = member.unused_data
            if not data.strip(b"\x00"):
                return b"".join(parts)
            if not data.startswith(b"\x1f\x8b"):
                raise Refused(Problem(label, 1, "-", _("the gzip data is damaged (unexpected bytes after its end)")))
    except zlib.error as err:
        raise Refused(Problem(label, 1, "-", _("the gzip data is damaged ({error})", error=err))) from None


def gunzip_head(raw: bytes, size: int = 64 * 1024) -> bytes | None:
    """The first ``size`` decompressed bytes of gzip data (to recognise a file), None if unreadable."""
    try:
        return zlib.decompressobj(wbits=31).decompress(raw, size)
    except zlib.error:
        return None


ESCAPED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def printable(text: object) -> str:
    """``text`` with control and format characters (ANSI escapes, bidi overrides, line breaks) escaped
    as ``\\x1b`` / ``\\u202e``, so a data file cannot drive the terminal it is reported on."""
    text = str(text)
    if text.isprintable():
        return text
    out = []
    for char in text:
        if unicodedata.category(char) in ESCAPED_CATEGORIES:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(char)
    return "".join(out)
