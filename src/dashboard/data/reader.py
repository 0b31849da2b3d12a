"""Read one CSV file into a frame of strings that remembers each record's line number.

Reading is separate from validation so that every problem can be reported together,
with the line a person sees in their editor (records may span lines when quoted).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from dashboard.data.problems import Problem

LINE = "_line"


def _decode(raw: bytes, label: str) -> tuple[str | None, list[Problem]]:
    if b"\x00" in raw[:4096]:
        return None, [Problem(label, 1, "-", "not a text file (binary content); expected UTF-8 CSV")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        byte = raw[err.start : err.start + 1].hex().upper()
        return None, [Problem(label, line, "-", f"not UTF-8 text (byte 0x{byte}); save the file as UTF-8")]


def read_table(path: Path, label: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Return the file's records as strings (header -> columns) plus a ``_line`` column.

    ``None`` comes back when the file cannot be read as a table at all; the problems say why.
    """
    try:
        raw = path.read_bytes()
    except OSError as err:
        return None, [Problem(label, 0, "-", f"cannot read file: {err.strerror or err}")]
    text, problems = _decode(raw, label)
    if text is None:
        return None, problems
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return None, [Problem(label, 1, "-", "file is empty; expected a header row")]
    except csv.Error as err:
        return None, [Problem(label, 1, "-", f"not a readable CSV header: {err}")]
    header = [h.strip() for h in header]
    rows: list[list[str]] = []
    lines: list[int] = []
    start = reader.line_num + 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            problems.append(Problem(label, start, "-", f"malformed CSV record: {err}"))
            start = reader.line_num + 1
            continue
        if not record or all(not cell.strip() for cell in record):
            start = reader.line_num + 1
            continue
        if len(record) != len(header):
            problems.append(Problem(label, start, "-",
                                    f"has {len(record)} fields but the header has {len(header)}"))
        else:
            rows.append([cell.strip() for cell in record])
            lines.append(start)
        start = reader.line_num + 1
    frame = pd.DataFrame(rows, columns=header, dtype=str) if rows else pd.DataFrame(columns=header, dtype=str)
    frame[LINE] = pd.Series(lines, dtype="int64")
    return frame, problems
