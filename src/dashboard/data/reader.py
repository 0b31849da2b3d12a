"""Read one CSV file into a frame of strings that remembers each record's line number.

Reading is separate from validation so that every problem can be reported together,
with the line a person sees in their editor (records may span lines when quoted).
Reading is bounded (see limits.py): rows, columns and cell length are checked while parsing, and
cells no table may hold (control characters, numbers that are not finite or absurdly large) are
refused here, where they are read, so that nothing later quotes or computes with them.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.data.limits import Deadline, Limits, Refused, current, exceeded, human, read_regular_file
from dashboard.data.problems import Problem
from dashboard.i18n import N_, _, ngettext

LINE = "_line"
NUMERIC_COLUMNS = ("value", "year", "lat", "lon", "decimals", "kpi_order")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # tab, LF and CR are text
NOT_A_NUMBER_WORD = re.compile(r"^\s*[+-]?nan\s*$", re.IGNORECASE)
LINE_BREAK = re.compile(r"\r\n|\r|\n")  # how csv counts lines of a newline='' stream
QUOTE_MAX = 40


def quoted(cell: str) -> str:
    """A cell as messages quote it: short, one line."""
    cell = cell if len(cell) <= QUOTE_MAX else cell[:QUOTE_MAX] + "…"
    return CONTROL.sub("?", cell)


@dataclass
class Records:
    """A table's text split into records: the header, each record with the line it starts on (or, from
    the fast path, the frame of them already)."""

    header: list[str] | None = None
    rows: list[list[str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    frame: pd.DataFrame | None = None

    def __len__(self) -> int:
        return len(self.frame) if self.frame is not None else len(self.rows)


def _unclosed_quote(text: str, first: int, delimiter: str) -> tuple[int, int] | None:
    """(line, field index) of the quote that opens a cell never closed, scanning from line ``first``;
    None when every quote closes.

    csv swallows everything after such a quote into one cell (or, strict, fails at the end of the file);
    the person needs the line where the quote opened. Follows csv's rules: a quote opens a cell only at
    the start of a field; inside, '""' is a quote and '"' ends the cell.
    """
    inside_cell = re.compile(r'(?:[^"]|"")*+"')
    in_quote, column, opener = False, 0, (first, 0)
    for number, line in enumerate(LINE_BREAK.split(text)[first - 1:], start=first):
        pos = 0
        while True:
            if in_quote:
                closed = inside_cell.match(line, pos)
                if closed is None:
                    break  # the cell goes on to the next line
                in_quote, pos = False, closed.end()
            elif line.startswith('"', pos):
                in_quote, opener, pos = True, (number, column), pos + 1
                continue
            comma = line.find(delimiter, pos)
            if comma < 0:
                column = 0
                break
            column, pos = column + 1, comma + 1
    return opener if in_quote else None


def _long_field(text: str, line: int, delimiter: str, header: list[str] | None, limits: Limits) -> str:
    """The column of the first over-long cell on ``line`` (split plainly: a best guess for the message)."""
    start = 0
    for _skipped in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return "-"
    end = text.find("\n", start)
    cells = text[start: end if end >= 0 else len(text)].split(delimiter)
    index = next((i for i, cell in enumerate(cells) if len(cell) > limits.max_cell_chars), None)
    return header[index] if header and index is not None and index < len(header) else "-"


def _refusal(err: csv.Error, text: str, start: int, delimiter: str, out: Records, label: str,
             limits: Limits) -> bool:
    """Handle a csv error at the record starting on line ``start``: True when reading must stop.

    A quote never closed swallows the rest of the file: csv then fails at the end (strict) or at the
    cell-length limit; either way the answer is the line where that quote opened."""
    opener = _unclosed_quote(text, start, delimiter) if "field larger" in str(err) or "end of data" in str(err) \
        else None
    if opener is None and "field larger than field limit" in str(err):
        raise Refused(exceeded(label, start, _long_field(text, start, delimiter, out.header, limits),
                               _("a cell of this record is too long"), "max_cell_chars", limits, "characters"))
    if opener is not None or "unexpected end of data" in str(err):
        line, index = opener or (start, 0)
        header = out.header or []
        out.problems.append(Problem(label, line, header[index] if index < len(header) else "-",
                                    _("a quote opens a cell here and is never closed; close it "
                                      "(or double it: \"\") so the rest of the file is not one cell")))
        return True
    out.problems.append(Problem(label, start, "-", _("malformed CSV record: {error}", error=err)))
    return False


def _padded(body: str, delimiter: str) -> bool:
    """Whether any cell has spaces around it (then cells are stripped, as the record loop does)."""
    if body[:256].lstrip("\n")[:1].isspace() or body[-256:].rstrip("\n")[-1:].isspace():
        return True  # (the file's own newlines at either end are not padding)
    other = any(c in body for c in "\t\x0b\x0c\x1c\x1d\x1e\x1f" if c != delimiter) if body.isascii() else \
        re.search(rf"[^\S \n{re.escape(delimiter)}]", body) is not None
    if other:  # tabs, no-break spaces...: the thorough search
        d = re.escape(delimiter)
        return re.search(rf"\s({d}|$)|(^|{d})\s", body, re.MULTILINE) is not None
    return any(mark in body for mark in (f" {delimiter}", f"{delimiter} ", " \n", "\n "))


_SCAN_BYTES = 1 << 22  # bytes scanned at a time: temporaries stay ~40 MB whatever the file's size


_ASCII_SPACE = np.zeros(256, dtype=bool)  # what str.strip removes, among ASCII bytes (not newline)
_ASCII_SPACE[[9, 11, 12, 28, 29, 30, 31, 32]] = True


@dataclass
class LineShapes:
    """Every line's start offset, length in bytes and number of delimiters, and whether any cell of an
    ASCII text has spaces around it (then cells are stripped)."""

    starts: np.ndarray
    lengths: np.ndarray
    counts: np.ndarray
    padded: bool


def _line_shapes(data: bytes, delimiter: str) -> LineShapes:
    """Scan the bytes as whole arrays, a few MB at a time: a Python loop over two million lines costs seconds
    and a list of their strings hundreds of MB."""
    octets = np.frombuffer(data, dtype=np.uint8)
    mark = ord(delimiter)
    space = _ASCII_SPACE.copy()
    space[mark] = False
    ends, counted, before, padded = [], [], 0, False
    previous_edge, previous_space = True, False  # the start of the file is a cell's edge
    for start in range(0, len(octets), _SCAN_BYTES):
        chunk = octets[start:start + _SCAN_BYTES]
        marks, newlines = np.flatnonzero(chunk == mark), np.flatnonzero(chunk == 10)
        ends.append(newlines + start)
        counted.append(np.searchsorted(marks, newlines) + before)  # delimiters from the start of the file
        before += len(marks)
        if not padded:
            edge, blank = (chunk == mark) | (chunk == 10), space[chunk]
            padded = bool((previous_edge and blank[0]) or (previous_space and edge[0])
                          or (edge[:-1] & blank[1:]).any() or (blank[:-1] & edge[1:]).any())
            previous_edge, previous_space = bool(edge[-1]), bool(blank[-1])
    if len(octets) and octets[-1] != 10:  # the last line has no newline
        ends.append(np.array([len(octets)]))
        counted.append(np.array([before]))
        padded = padded or previous_space
    ends_all = np.concatenate(ends) if ends else np.zeros(0, dtype=np.int64)
    counts = np.diff(np.r_[0, np.concatenate(counted)]) if counted else np.zeros(0, dtype=np.int64)
    starts = np.r_[0, ends_all[:-1] + 1].astype(np.int64) if len(ends_all) else np.zeros(0, dtype=np.int64)
    return LineShapes(starts, ends_all - starts, counts, padded)


def _plain_records(text: str, delimiter: str, lower_header: bool, limits: Limits) -> Records | None:
    """The records of a plain file (no quotes, one record a line, every line as wide as the header) by
    pandas' C parser and array scans, 10x faster than the loop below; None for anything else, which the
    loop then reads and reports (wrong widths, quotes, limits)."""
    if '"' in text or "\r" in text or "\x00" in text or len(delimiter) != 1 or not delimiter.isascii():
        return None
    data = text.encode("utf-8")
    shapes = _line_shapes(data, delimiter)
    starts, lengths, counts = shapes.starts, shapes.lengths, shapes.counts
    if not len(lengths) or lengths.max() > limits.max_cell_chars:
        return None
    # A line is blank (skipped, as the loop skips it) when empty or only spaces; only lines whose width
    # differs from the header's, or every line of a one-column file, need looking at one by one.
    first_filled = np.flatnonzero(lengths > 0)
    if not len(first_filled):
        return None
    width = int(counts[first_filled[0]])
    odd = np.flatnonzero((lengths > 0) & ((counts != width) | (width == 0)))
    spaces = [int(i) for i in odd if not data[starts[i]:starts[i] + lengths[i]].decode("utf-8").strip()]
    blank = lengths == 0
    blank[spaces] = True
    filled = np.flatnonzero(~blank)
    if not len(filled) or len(filled) - 1 > limits.max_rows:
        return None
    first = int(filled[0])
    header = [h.strip() for h in data[starts[first]:starts[first] + lengths[first]].decode("utf-8").split(delimiter)]
    width = len(header) - 1
    body = filled[1:]
    if width + 1 > limits.max_columns or len(body) * (width + 1) > limits.max_cells or \
            (counts[body] != width).any():
        return None  # a line of a different width needs the loop's located message
    if spaces:  # lines of spaces only: the parser would read them as records
        data = b"\n".join(data[starts[i]:starts[i] + lengths[i]] for i in filled)
        first = 0
    names = list(range(width + 1))
    try:
        frame = pd.read_csv(io.BytesIO(data), encoding="utf-8", sep=delimiter, header=None, skiprows=first + 1,
                            names=names, dtype=str, keep_default_na=False, na_filter=False, skip_blank_lines=True,
                            engine="c", quoting=csv.QUOTE_NONE) if len(body) else pd.DataFrame(columns=names, dtype=str)
    except (pd.errors.ParserError, ValueError, UnicodeError):
        return None
    del data
    if len(frame) != len(body):
        return None
    padded = shapes.padded if text.isascii() else _padded(text, delimiter)
    if padded:
        frame = frame.apply(lambda column: column.str.strip())
    frame.columns = [h.lower() for h in header] if lower_header else header
    frame[LINE] = body.astype("int64") + 1
    if padded or (lengths[body] == counts[body]).any():  # some record may hold only empty cells
        frame = frame[~(frame.drop(columns=LINE) == "").all(axis=1)].reset_index(drop=True)
    return Records(header=list(frame.columns[:-1]), frame=frame)


def parse_records(text: str, label: str, delimiter: str = ",", lower_header: bool = False,
                  limits: Limits | None = None) -> Records:
    """Split CSV text into records, within the limits; Refused when one is exceeded.

    Blank records are skipped; a record with the wrong number of fields is reported and left out;
    an unterminated quote is reported on the line where it opened. The cell-length limit is csv's own
    field limit (set here: only csv readers of this package run in the process), so it costs nothing.
    """
    limits = limits or current()
    plain = _plain_records(text, delimiter, lower_header, limits)
    if plain is not None:
        return plain
    deadline = Deadline(label, limits)
    csv.field_size_limit(limits.max_cell_chars)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    out = Records()
    rows, lines, problems = out.rows, out.lines, out.problems
    width, max_rows = 0, limits.max_rows
    start = 1
    while True:
        try:
            for record in reader:
                line, start = start, reader.line_num + 1
                cells = [cell.strip() for cell in record]
                if not any(cells):
                    continue
                if out.header is None:
                    if len(cells) > limits.max_columns:
                        raise Refused(exceeded(label, line, "-", ngettext("the header has {n} column",
                                                                               "the header has {n} columns", len(cells),
                                                                               n=human(len(cells))),
                                               "max_columns", limits, "columns"))
                    out.header = [c.lower() for c in cells] if lower_header else cells
                    width = len(cells)
                    max_rows = min(limits.max_rows, limits.max_cells // width)
                elif len(cells) != width:
                    problems.append(Problem(label, line, "-", ngettext(
                        "has {n} field but the header has {width}", "has {n} fields but the header has {width}",
                        len(cells), n=human(len(cells)), width=human(width))))
                elif len(rows) >= max_rows:
                    raise Refused(exceeded(label, line, "-", _("the file has too many rows"), "max_rows", limits,
                                           "rows")
                                  if max_rows == limits.max_rows else
                                  exceeded(label, line, "-", ngettext(
                                      "the file has too many cells ({n} column a row)",
                                      "the file has too many cells ({n} columns a row)", width, n=human(width)),
                                           "max_cells", limits, "cells"))
                else:
                    rows.append(cells)
                    lines.append(line)
                    if not len(rows) & 8191:
                        deadline.check(line)
            return out
        except csv.Error as err:
            if _refusal(err, text, start, delimiter, out, label, limits):
                return out
            start = reader.line_num + 1


def to_frame(records: Records) -> pd.DataFrame:
    if records.frame is not None:
        return records.frame
    header = records.header or []
    frame = pd.DataFrame(records.rows, columns=header, dtype=str) if records.rows else \
        pd.DataFrame(columns=header, dtype=str)
    frame[LINE] = pd.Series(records.lines, dtype="int64")
    return frame


def _control_name(char: str) -> str:
    if char == "\x1b":
        return _("ESC, as in terminal escape codes")
    names = {"\x00": "NUL", "\x7f": "DEL"}
    return names.get(char) or unicodedata.name(char, f"U+{ord(char):04X}")


def check_header_cells(header: list[str], label: str, limits: Limits | None = None) -> None:
    """Refused when a column name holds a control character, is absurdly long, or is given twice (which of
    two 'value' columns is the value? pandas would make every later step a frame of two columns)."""
    limits = limits or current()
    seen: dict[str, int] = {}
    for position, name in enumerate(header, start=1):
        key = name.strip().lower()
        if key and key in seen:
            raise Refused(Problem(label, 1, quoted(name.strip()) or "-",
                                  _("the column '{name}' appears twice (columns {first} and {second}); keep one",
                                    name=quoted(name.strip()), first=seen[key], second=position)))
        seen.setdefault(key, position)
    for name in header:
        found = CONTROL.search(name)
        if found:
            raise Refused(Problem(label, 1, "-", _("a column name contains a control character ({character}); "
                                                   "remove it", character=_control_name(found.group()))))
        if len(name) > limits.max_cell_chars:
            raise Refused(exceeded(label, 1, "-", ngettext("a column name has {n} character",
                                                                   "a column name has {n} characters", len(name),
                                                                   n=human(len(name))),
                                   "max_cell_chars", limits, "characters"))


def parse_numbers(cells: pd.Series) -> pd.Series:
    """The cells as floats (NaN where not a number). Years and other repeated numbers are parsed once per
    distinct text: a factorize is cheaper than parsing two million strings."""
    codes, distinct = pd.factorize(cells)
    if 4 * len(distinct) > len(cells):
        return pd.to_numeric(cells, errors="coerce").astype(float)
    parsed = pd.to_numeric(pd.Series(distinct, dtype=object), errors="coerce").to_numpy(dtype=float)
    out = np.full(len(cells), np.nan) if len(distinct) == 0 else parsed[codes]
    out[codes < 0] = np.nan
    return pd.Series(out, index=cells.index)


def check_read_cells(frame: pd.DataFrame, label: str, limits: Limits | None = None,
                     text: str | None = None, numbers: dict[str, pd.Series] | None = None,
                     ) -> tuple[pd.DataFrame, list[Problem]]:
    """Cells no table may hold: control characters, over-long text, numbers that are not finite or out of
    range. Vectorised per column; rows with such a cell are reported and left out, so that nothing later
    quotes them. ``text``: the CSV text the frame was parsed from (csv already bounded its cells, and one
    search of it lets a clean file skip the per-column search for control characters). ``numbers``, if
    given, receives the numeric columns as parsed here, for the later checks and the typing to reuse.
    """
    limits = limits or current()
    problems: list[Problem] = []
    drop = np.zeros(len(frame), dtype=bool)
    controls = text is None or CONTROL.search(text) is not None
    lines = frame[LINE].to_numpy()
    parsed: dict[str, pd.Series] = {}
    for column in frame.columns:
        if column == LINE or (text is not None and not controls and column not in NUMERIC_COLUMNS):
            continue
        cells = frame[column].fillna("").astype(str)
        length = np.zeros(len(cells), dtype=int) if text is not None else cells.str.len().to_numpy()
        for i in np.flatnonzero(length > limits.max_cell_chars):
            problems.append(exceeded(label, int(lines[i]), column,
                                     ngettext("the cell has {n} character", "the cell has {n} characters",
                                              int(length[i]), n=human(int(length[i]))),
                                     "max_cell_chars", limits, "characters"))
            drop[i] = True
        if controls:
            for i in np.flatnonzero(cells.str.contains(CONTROL, regex=True).to_numpy()):
                char = CONTROL.search(cells.iat[i]).group()
                problems.append(Problem(label, int(lines[i]), column, _("contains a control character ({character}); "
                                                                        "remove it", character=_control_name(char))))
                drop[i] = True
        if column not in NUMERIC_COLUMNS:
            continue
        parsed[column] = parse_numbers(cells)
        numbers_ = parsed[column].to_numpy()
        not_finite = np.isinf(numbers_)
        for i in np.flatnonzero(np.isnan(numbers_)):
            not_finite[i] = bool(NOT_A_NUMBER_WORD.match(cells.iat[i]))
        for i in np.flatnonzero(not_finite & ~drop):
            problems.append(Problem(label, int(lines[i]), column,
                                    _("'{cell}' is not a finite number", cell=quoted(cells.iat[i]))))
            drop[i] = True
        with np.errstate(invalid="ignore"):
            huge = np.abs(numbers_) > limits.max_abs_value
        for i in np.flatnonzero(huge & ~drop):
            problems.append(exceeded(label, int(lines[i]), column, _("'{cell}' is too large for a figure",
                                                                     cell=quoted(cells.iat[i])),
                                     "max_abs_value", limits))
            drop[i] = True
    if drop.any():
        frame = frame[~drop].reset_index(drop=True)
        parsed = {column: pd.Series(series.to_numpy()[~drop], index=frame.index) for column, series in parsed.items()}
    if numbers is not None:
        numbers.update(parsed)
    return frame, problems


# Text of two or four bytes a character, recognised by its byte-order mark or, without one, by where its zero
# bytes fall (a table is mostly ASCII: 'a' is 61 00 in UTF-16 little-endian, 61 00 00 00 in UTF-32).
# The names are English here (the readers take them apart); wide_name() says them in the current language.
WIDE_BOMS = ((b"\xff\xfe\x00\x00", "utf-32", N_("UTF-32 (with a byte-order mark)")),
             (b"\x00\x00\xfe\xff", "utf-32", N_("UTF-32 (with a byte-order mark)")),
             (b"\xff\xfe", "utf-16", N_("UTF-16 (Excel 'Unicode text')")),
             (b"\xfe\xff", "utf-16", N_("UTF-16 (Excel 'Unicode text')")))
WIDE_PATTERNS = (((2, 3), (0,), "utf-32-le", N_("UTF-32 little-endian")),
                 ((0, 1), (3,), "utf-32-be", N_("UTF-32 big-endian")),
                 ((1, 3), (0, 2), "utf-16-le", N_("UTF-16 little-endian")),
                 ((0, 2), (1, 3), "utf-16-be", N_("UTF-16 big-endian")))
WITHOUT_MARK = " without a byte-order mark (recognised by its zero bytes)"


def wide_name(name: str) -> str:
    """A name wide_encoding gave, in the current language."""
    base, without, _rest = name.partition(WITHOUT_MARK)
    if without:
        return _("{encoding} without a byte-order mark (recognised by its zero bytes)", encoding=_(base))
    return _(name)


def wide_encoding(raw: bytes) -> tuple[str, str] | None:
    """(codec, name) of UTF-16 or UTF-32 text, with a byte-order mark or recognised by its zero bytes; None
    for anything else (a binary file's zero bytes fall anywhere)."""
    for mark, codec, name in WIDE_BOMS:
        if raw.startswith(mark):
            return codec, name
    sample = raw[: 4096 - 4096 % 4]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    share = [sample[k::4].count(0) / len(sample[k::4]) for k in range(4)]
    for zeros, filled, codec, name in WIDE_PATTERNS:
        if all(share[k] > 0.9 if codec.startswith("utf-32") else share[k] > 0.5 for k in zeros) and \
                all(share[k] < 0.1 for k in filled):
            return codec, f"{name}{WITHOUT_MARK}"
    return None


def _decode(raw: bytes, label: str) -> tuple[str | None, list[Problem]]:
    wide = wide_encoding(raw)
    if wide is not None:
        encoding = wide[1].split(" (")[0].split(" without")[0]
        return None, [Problem(label, 1, "-", _("this is {encoding} text, not UTF-8; save the file as UTF-8 CSV",
                                               encoding=encoding))]
    if b"\x00" in raw[:4096]:
        return None, [Problem(label, 1, "-", _("not a text file (binary content); expected UTF-8 CSV"))]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        start = err.start + (3 if raw.startswith(b"\xef\xbb\xbf") and err.object is not raw else 0)
        line = raw[:start].count(b"\n") + 1
        byte = raw[start: start + 1].hex().upper()
        return None, [Problem(label, line, "-", _("not UTF-8 text (byte 0x{byte}); save the file as UTF-8", byte=byte))]


def _comma_header(raw: bytes) -> bool:
    """Whether the first line is comma-separated text (more ',' than ';' or tabs, as the tolerant reader
    would judge it) with no zero byte near the start (UTF-16 and UTF-32 text has many)."""
    head = raw[:65536]
    header = head.split(b"\n", 1)[0]
    return b"\x00" not in head and header.count(b",") >= max(header.count(b";"), header.count(b"\t"))


def read_table(path: Path, label: str, numbers: dict[str, pd.Series] | None = None,
               other: Callable[[bytes], tuple[pd.DataFrame | None, list[Problem]]] | None = None,
               ) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Return the file's records as strings (header -> columns) plus a ``_line`` column; ``numbers``
    receives the numeric columns parsed (see check_read_cells).

    ``None`` comes back when the file cannot be read as a table at all; the problems say why.
    Only a regular file inside its own folder is read, and at most ``max_folder_file_bytes`` of it: this
    reads complete data folders, which the operator chose (limits.Limits.for_server_folder).
    ``other``: how a file that is not UTF-8 comma-separated text is read instead (the tolerant reader, as
    uploads are read); without it, such a file is refused here.
    """
    limits = current().for_server_folder()
    try:
        raw = read_regular_file(path, label, limits.max_file_bytes, inside=Path(path).parent)
    except Refused as refused:
        return None, [refused.problem]
    if other is not None and not _comma_header(raw):
        return other(raw)
    text, problems = _decode(raw, label)
    if text is None and other is not None:
        return other(raw)
    del raw
    if text is None:
        return None, problems
    try:
        records = parse_records(text, label, ",", limits=limits)
        if records.header is None:
            return None, [Problem(label, 1, "-", _("file is empty; expected a header row"))]
        check_header_cells(records.header, label, limits)
    except Refused as refused:
        return None, [refused.problem]
    frame, found = check_read_cells(to_frame(records), label, limits, text, numbers)
    return frame, problems + records.problems + found
