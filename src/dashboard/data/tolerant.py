"""Read tables as people have them: any common encoding, delimiter, decimal mark and Excel layout.

Everything assumed is said back ('read as ; separated, decimal comma, Windows-1252'), and the result
is the same string frame (with file line numbers) that the strict reader produces, so the same
validation runs on both. Numbers are rewritten to plain ``1234.5`` form here; a cell that is not a
number is left as it was, for the validator to report.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

import pandas as pd

from dashboard.data.problems import Problem
from dashboard.data.reader import LINE

NUMERIC_COLUMNS = ("value", "year", "lat", "lon", "decimals", "kpi_order")
SPACES = "\u00a0\u202f\u2009 "  # no-break, narrow no-break, thin and plain spaces as thousands separators
XLSX_MAGIC = b"PK\x03\x04"
NOT_TABLE_MAGIC = {b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
                   b"%PDF": "a PDF document", b"\x1f\x8b": "a gzip archive", b"Rar!": "a RAR archive",
                   b"7z\xbc\xaf": "a 7-Zip archive", b"\xd0\xcf\x11\xe0": "an old-style Office file (.xls)"}


@dataclass
class ReadResult:
    frame: pd.DataFrame | None
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def decode(raw: bytes) -> tuple[str, str]:
    """Text and the name of the encoding used: BOMs first, then UTF-8, then Windows-1252."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "UTF-8 with BOM"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "UTF-16 (Excel 'Unicode text')"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "Windows-1252 (assumed: the file is not UTF-8)"


def sniff_delimiter(text: str) -> str:
    """The delimiter of the header line among tab, ';' and ','."""
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in ("\t", ";", ",")}
    return max(counts, key=lambda d: (counts[d], d == ","))


DELIMITER_NAMES = {"\t": "tab", ";": ";", ",": ","}


def _decimal_comma(cells: pd.Series, european_hint: bool = False) -> bool:
    """True when the numbers use a decimal comma ('1 234,5', '1.234,5', '34,2').

    '500.000' could be either; a ';'-separated file (how Excel writes CSV in Finnish, Swedish, German,
    Polish and Baltic locales) settles it for the decimal comma, any other for the decimal point."""
    sample = cells.dropna().astype(str).str.strip()
    comma_decimal = (sample.str.contains(r"^-?[\d\s\u00a0\u202f.']*\d,\d+\s*%?$", regex=True)
                     | sample.str.contains(r"^-?\d{1,3}(?:\.\d{3}){2,}$", regex=True))  # 1.300.000
    ambiguous = sample.str.contains(r"^-?\d{1,3}\.\d{3}$", regex=True)  # 500.000
    point_decimal = sample.str.contains(r"^-?[\d\s\u00a0\u202f,']*\d\.\d{1,2}\s*%?$|^-?\d+\.\d+$",
                                        regex=True) & ~ambiguous
    comma_votes = comma_decimal.sum() + (ambiguous.sum() if european_hint else 0)
    return bool(comma_votes > point_decimal.sum())


def normalise_number(text: str, decimal_comma: bool) -> str:
    """'1 234,5' / '1.234,5' / "1'234.5" / '34 %' -> '1234.5' / '34'; anything else unchanged."""
    cell = text.strip()
    if not cell:
        return cell
    body = cell[:-1].strip() if cell.endswith("%") else cell
    for space in SPACES:
        body = body.replace(space, "")
    body = body.replace("'", "")
    body = body.replace(".", "").replace(",", ".") if decimal_comma else body.replace(",", "")
    return body if re.fullmatch(r"-?\d+(\.\d+)?", body) else cell


def _normalise(frame: pd.DataFrame, notes: list[str], european_hint: bool = False) -> None:
    for column in NUMERIC_COLUMNS:
        if column not in frame.columns:
            continue
        comma = _decimal_comma(frame[column], european_hint)
        if comma and "decimal comma" not in notes:
            notes.append("decimal comma")
        elif not comma and column == "value" and frame[column].astype(str).str.contains(r"\d\.\d").any() \
                and "decimal point" not in notes:
            notes.append("decimal point")
        frame[column] = [normalise_number(str(c), comma) for c in frame[column]]
    if "value" in frame.columns and frame["value"].astype(str).str.contains("%").any():
        notes.append("percent signs dropped")


def _not_a_table(raw: bytes, label: str) -> ReadResult | None:
    for magic, what in NOT_TABLE_MAGIC.items():
        if raw.startswith(magic):
            return ReadResult(None, [Problem(label, 1, "-", f"this is {what}, not a table (CSV, TSV or XLSX)")])
    if raw.startswith(XLSX_MAGIC):
        return None
    head = raw[:4096]
    if b"\x00" in head and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ReadResult(None, [Problem(label, 1, "-", "this is a binary file, not a table (CSV, TSV or XLSX)")])
    return None


def read_text_table(raw: bytes, label: str) -> ReadResult:
    text, encoding = decode(raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return ReadResult(None, [Problem(label, 1, "-", "the file is empty; expected a header row")])
    delimiter = sniff_delimiter(text)
    notes = [f"{DELIMITER_NAMES[delimiter]} separated", encoding]
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    problems: list[Problem] = []
    rows, lines = [], []
    header: list[str] | None = None
    start = 1
    for record in reader:
        line = start
        start = reader.line_num + 1
        if not record or all(not c.strip() for c in record):
            continue
        if header is None:
            header = [h.strip().lower() for h in record]
            continue
        if len(record) != len(header):
            problems.append(Problem(label, line, "-", f"has {len(record)} fields but the header has {len(header)}"))
            continue
        rows.append([c.strip() for c in record])
        lines.append(line)
    if header is None:
        return ReadResult(None, [Problem(label, 1, "-", "the file has no header row")])
    if len(header) == 1 and len(rows) > 0 and len(text) > 0 and not any(d in text for d in ",;\t"):
        return ReadResult(None, [Problem(label, 1, "-", "this does not look like a table: no column separators")])
    frame = pd.DataFrame(rows, columns=header, dtype=str)
    frame[LINE] = pd.Series(lines, dtype="int64")
    _normalise(frame, notes, european_hint=delimiter == ";")
    return ReadResult(frame, problems, notes)


KNOWN_HEADERS = {"region_id", "indicator_id", "year", "value", "territory", "name", "country", "source_id"}


def _header_row(rows: list[tuple[int, list[str]]]) -> int:
    """Index of the header among the non-empty rows: the first naming two known columns (a title or a
    note may stand above it), else the first non-empty row."""
    for index, (_, cells) in enumerate(rows[:20]):
        if len({c.strip().lower() for c in cells} & KNOWN_HEADERS) >= 2:
            return index
    return 0


def read_xlsx(raw: bytes, label: str, sheet: str | None = None) -> ReadResult:
    """The first sheet (or ``sheet``); the header is found below any title rows; ROW is Excel's row number."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # a damaged workbook, or a zip that is no workbook: say so in one line
        return ReadResult(None, [Problem(label, 1, "-", "a zip archive that is not an Excel workbook (.xlsx)")])
    worksheet = book[sheet] if sheet else book.worksheets[0]
    notes = [f"Excel sheet '{worksheet.title}'"]
    filled = [(number, ["" if v is None else _cell_text(v) for v in values])
              for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1)]
    book.close()
    filled = [(number, cells) for number, cells in filled if any(c.strip() for c in cells)]
    if not filled:
        return ReadResult(None, [Problem(label, 1, "-", f"sheet '{worksheet.title}' is empty")], notes)
    start = _header_row(filled)
    header_number, header = filled[start][0], [c.strip().lower() for c in filled[start][1]]
    while header and not header[-1]:
        header.pop()
    if header_number > 1:
        notes.append(f"header on row {header_number}")
    rows, lines = [], []
    for number, cells in filled[start + 1:]:
        rows.append([c.strip() for c in cells[: len(header)]] + [""] * (len(header) - len(cells)))
        lines.append(number)
    frame = pd.DataFrame(rows, columns=header, dtype=str)
    frame[LINE] = pd.Series(lines, dtype="int64")
    _normalise(frame, notes)
    return ReadResult(frame, [], notes)


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def sheet_names(raw: bytes) -> list[str]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True)
    except Exception:
        return []
    names = book.sheetnames
    book.close()
    return names


def read_any(raw: bytes, label: str, sheet: str | None = None) -> ReadResult:
    """CSV/TSV text in any of the encodings above, or an XLSX workbook."""
    refused = _not_a_table(raw, label)
    if refused:
        return refused
    if raw.startswith(XLSX_MAGIC):
        return read_xlsx(raw, label, sheet)
    return read_text_table(raw, label)
