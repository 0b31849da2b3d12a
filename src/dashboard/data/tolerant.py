"""Read tables as people have them: any common encoding, delimiter, decimal mark and Excel layout.

Everything assumed is said back ('read as ; separated, decimal comma, Windows-1250'), and the result
is the same string frame (with file line numbers) that the strict reader produces, so the same
validation runs on both. Numbers are rewritten to plain ``1234.5`` form here; a cell that is not a
number is left as it was, for the validator to report. Reading is bounded (limits.py): an XLSX is
scanned before it is opened and then read in streaming mode, ignoring the size it declares.
"""

from __future__ import annotations

import html
import io
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import pandas as pd
from babel.lists import format_list

from dashboard.data.limits import Deadline, Limits, Refused, current, exceeded, gunzip_head, human, human_bytes
from dashboard.data.problems import Problem
from dashboard.data.reader import (
    LINE,
    NUMERIC_COLUMNS,
    check_header_cells,
    check_read_cells,
    parse_records,
    quoted,
    to_frame,
    wide_encoding,
    wide_name,
)
from dashboard.i18n import N_, _, cldr_locale, current_language, ngettext

__all__ = ["LINE", "NUMERIC_COLUMNS", "ReadResult", "read_any", "read_text_table", "read_xlsx", "read_xlsx_tables"]

SPACES = "\u00a0\u202f\u2009 "  # no-break, narrow no-break, thin and plain spaces as thousands separators
XLSX_MAGIC = b"PK\x03\x04"
GZIP_MAGIC = b"\x1f\x8b"
# What a file is, by its first bytes: said in '... is {what}, not a table' (translated where shown)
NOT_TABLE_MAGIC = {b"\x89PNG": N_("a PNG image"), b"\xff\xd8\xff": N_("a JPEG image"), b"GIF8": N_("a GIF image"),
                   b"%PDF": N_("a PDF document"), b"Rar!": N_("a RAR archive"),
                   b"7z\xbc\xaf": N_("a 7-Zip archive"), b"\xd0\xcf\x11\xe0": N_("an old-style Office file (.xls)")}


@dataclass
class ReadResult:
    frame: pd.DataFrame | None
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --- Encodings -------------------------------------------------------------------------------------------
# Single-byte code pages of the Baltic Sea region, in the order a tie is settled (Windows before ISO,
# because Excel writes Windows code pages). Each yields text from any bytes; the content decides.
SINGLE_BYTE = (("cp1252", "Windows-1252"), ("cp1250", "Windows-1250"), ("cp1257", "Windows-1257"),
               ("iso-8859-2", "ISO-8859-2"), ("iso-8859-13", "ISO-8859-13"), ("iso-8859-4", "ISO-8859-4"))
LETTERS = {"Polish": set("ąćęłńóśźż"), "Lithuanian": set("ąčęėįšųūž"), "Latvian": set("āčēģīķļņšūž"),
           "Estonian": set("äõöüšž"), "German": set("äöüßé"), "Swedish": set("åäöé"),
           "Danish and Norwegian": set("æøåé"), "Finnish": set("äöåšž")}
COUNTRY_LANGUAGE = {"PL": "Polish", "LT": "Lithuanian", "LV": "Latvian", "EE": "Estonian", "DE": "German",
                    "AT": "German", "SE": "Swedish", "DK": "Danish and Norwegian", "NO": "Danish and Norwegian",
                    "FI": "Finnish"}
NATIVE = {"Polish": "cp1250", "Lithuanian": "cp1257", "Latvian": "cp1257", "Estonian": "cp1257"}
VOWELS = set("aeiouyæøœ")
HIGH = re.compile(rb"[\x80-\xff]")
BYTE_WORD = re.compile(rb"(?:[A-Za-z]|[\x80-\x9f\xa1-\xff])+")  # 0xA0 is a no-break space in all of them
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
SAMPLE_LINES = 20_000


@dataclass(frozen=True)
class Decoded:
    text: str
    name: str
    notes: tuple[str, ...] = ()


def _vowel(char: str) -> bool:
    return unicodedata.normalize("NFD", char)[0].lower() in VOWELS


def _word_score(word: str, language: str | None) -> int:
    """+1 for a word whose letters one language of the region writes (+1 more for the row's own language,
    -1 for a letter squeezed between consonants, as 'Rļga'); -3 for a word no language here writes."""
    odd = [c for c in word if ord(c) > 0x7F]
    if any(ord(c) < 0xA0 for c in odd):
        return -5  # a C1 control: never meant
    if not any(c.isalpha() for c in word):
        return 0
    if not all(c.isalpha() for c in odd):
        return -3  # a symbol inside a word: '£ód¼'
    lowered = {c.lower() for c in odd}
    languages = [name for name, letters in LETTERS.items() if lowered <= letters]
    if not languages:
        return -3
    squeezed = sum(1 for i in range(1, len(word) - 1) if ord(word[i]) > 0x7F and not _vowel(word[i])
                   and all(word[j].isalpha() and not _vowel(word[j]) for j in (i - 1, i + 1)))
    return 1 + (language in languages) - squeezed


def _line_language(line: bytes, delimiter: bytes, region_countries: Mapping[str, str]) -> str | None:
    """The language of the region a line is about: its region_id, else a country code in it."""
    for cell in line.split(delimiter)[:16]:
        text = cell.strip().strip(b'"').decode("ascii", "ignore")
        country = region_countries.get(text.lower()) or (text if len(text) == 2 and text.isupper() else None)
        if country in COUNTRY_LANGUAGE:
            return COUNTRY_LANGUAGE[country]
    return None


def _line_in_another_code_page(lines: list[tuple[int, bytes]], delimiter: bytes,
                                region_countries: Mapping[str, str], codec: str, name: str, label: str) -> None:
    """Refused when a line's accented words are no words of its region's language in the file's code page but
    all are in another ('Ęrų' in a Copenhagen row of a Windows-1257 file is 'Ærø' in Windows-1252): its lines
    were saved in different code pages, and one reading would store mojibake."""
    cache: dict[tuple[bytes, str, str], int] = {}

    def score(word: bytes, page: str, language: str) -> int:
        key = (word, page, language)
        if key not in cache:
            cache[key] = _word_score(word.decode(page), language)
        return cache[key]

    for number, line in lines:
        language = _line_language(line, delimiter, region_countries)
        if language is None:
            continue  # only the region of the line can say which reading is meant
        accented = [w for w in BYTE_WORD.findall(line) if HIGH.search(w)]
        wrong = [w for w in accented if score(w, codec, language) < 2]  # not a word of the line's language
        if not wrong:
            continue
        for other, other_name in SINGLE_BYTE:
            try:
                fits = [score(w, other, language) for w in accented]
            except UnicodeDecodeError:
                continue
            if other != codec and min(fits) >= 2:
                raise Refused(Problem(label, number, "-", _(
                    "this line is not {encoding} like the rest of the file: '{here}' here reads as '{there}' in "
                    "{other}: the file mixes encodings; save it again as UTF-8 and check this line's letters",
                    encoding=name, here=quoted(wrong[0].decode(codec)), there=quoted(wrong[0].decode(other)),
                    other=other_name)))


def _choose_single_byte(raw: bytes, region_countries: Mapping[str, str], label: str = "") -> Decoded:
    """The code page whose reading gives the most plausible words for the region of each line; Refused when
    a line was plainly written in another (_line_in_another_code_page)."""
    header = raw.split(b"\n", 1)[0]
    delimiter = max((b"\t", b";", b","), key=lambda d: (header.count(d), d == b","))
    words: Counter[tuple[bytes, str | None]] = Counter()
    languages: Counter[str] = Counter()
    lines = [(n, line) for n, line in enumerate(raw.split(b"\n"), start=1) if HIGH.search(line)][:SAMPLE_LINES]
    for _number, line in lines:
        language = _line_language(line, delimiter, region_countries)
        languages[language or ""] += 1
        words.update((w, language) for w in BYTE_WORD.findall(line) if HIGH.search(w))
    majority = next((lang for lang, _count in languages.most_common() if lang), None)
    readings = []
    for rank, (codec, name) in enumerate(SINGLE_BYTE):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue  # a byte this code page does not define
        scores = {(w, lang): _word_score(w.decode(codec), lang) for (w, lang) in words}
        total = sum(scores[k] * n for k, n in words.items())
        implausible = sum(n for k, n in words.items() if scores[k] < 0)
        readings.append(((total, NATIVE.get(majority or "", "cp1252") == codec, -rank), codec, name, text,
                         implausible))
    readings.sort(key=lambda r: r[0], reverse=True)
    (_score, codec, name, text, _implausible), others = readings[0], readings[1:]
    _line_in_another_code_page(lines, delimiter, region_countries, codec, name, label)
    notes = []
    for _score, other, other_name, _text, implausible in others:
        if implausible:
            continue
        differing = [w for (w, _lang), _n in words.most_common() if w.decode(codec) != w.decode(other)]
        if differing:
            word = differing[0]
            notes.append(_("also readable as {other} ('{there}' instead of '{here}'); read as {encoding}",
                           other=other_name, there=word.decode(other), here=word.decode(codec), encoding=name))
    return Decoded(text, _("{encoding} (assumed: the file is not UTF-8)", encoding=name), tuple(dict.fromkeys(notes)))


def _position(raw: bytes, start: int) -> int:
    return raw[:start].count(b"\n") + 1


def _decode_wide(raw: bytes, label: str, codec: str, name: str) -> Decoded:
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as err:
        line = raw[:err.start].decode(codec, errors="ignore").count("\n") + 1
        size = 4 if "32" in codec else 2
        encoding = name.split(" (")[0].split(" without")[0]
        encoding = _(encoding) if encoding.endswith("-endian") else encoding  # 'UTF-16' is a name
        if len(raw) % size and size == 2:
            message = _("the file is {encoding} text but it has an odd number of bytes: the last character is "
                        "cut off; save the file again (as UTF-8)", encoding=encoding)
        elif len(raw) % size:
            message = _("the file is {encoding} text but its length is not a multiple of 4 bytes: the last "
                        "character is cut off; save the file again (as UTF-8)", encoding=encoding)
        elif size == 2:
            message = _("the file is {encoding} text but it holds a broken character (an unpaired surrogate); "
                        "save the file again (as UTF-8)", encoding=encoding)
        else:
            message = _("the file is {encoding} text but it holds a broken character; save the file again "
                        "(as UTF-8)", encoding=encoding)
        raise Refused(Problem(label, line, "-", message)) from None
    return Decoded(text.removeprefix("\ufeff"), wide_name(name))


def decode_text(raw: bytes, label: str, region_countries: Mapping[str, str] | None = None) -> Decoded:
    """Text and how it was read: BOMs first, then UTF-8, then the Baltic-region code page the content fits.

    Refused when a BOM or the bulk of the file says one encoding and a byte breaks it.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return Decoded(raw[3:].decode("utf-8"), _("UTF-8 with BOM"))
        except UnicodeDecodeError as err:
            line = _position(raw, err.start + 3)
            byte = raw[err.start + 3: err.start + 4].hex().upper()
            raise Refused(Problem(label, line, "-", _("the file starts with a UTF-8 mark, but byte 0x{byte} on "
                                                      "this line is not UTF-8; save the file as UTF-8 again",
                                                      byte=byte))) from None
    wide = wide_encoding(raw)
    if wide is not None:
        return _decode_wide(raw, label, *wide)
    try:
        return Decoded(raw.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError as err:
        sample = raw[: 4 * 1024 * 1024]
        sequences = len(UTF8_SEQUENCE.findall(sample))
        if sequences >= 2 and 3 * sequences > len(HIGH.findall(sample)):  # valid sequences outnumber stray bytes
            byte = raw[err.start: err.start + 1].hex().upper()
            raise Refused(Problem(label, _position(raw, err.start), "-", _(
                "not UTF-8 text: byte 0x{byte} on this line breaks it, though the rest of the file is UTF-8; save "
                "the file as UTF-8 again", byte=byte))) from None
        _refuse_utf8_mixed_in(raw, label)
    return _choose_single_byte(raw, region_countries or {}, label)


def _utf8_letters(line: bytes) -> str | None:
    """The first word with letters beyond ASCII of a line that is UTF-8 and reads as words of the region
    ('Malmö'); None for a line that is not UTF-8, has no such letters, or reads as symbols ('É' and a dash)."""
    if not UTF8_SEQUENCE.search(line):
        return None
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return None
    words = [w for w in re.findall(r"[^\W\d_]+|\S", text) if not w.isascii()]
    return words[0] if words and all(_word_score(w, None) > 0 for w in words) else None


def _refuse_utf8_mixed_in(raw: bytes, label: str) -> None:
    """Refused when some lines are UTF-8 (their accented letters read as words) and others are not: read in
    one encoding, the others would be stored as mojibake ('MalmÃ¶'). Names the line of the fewer kind."""
    utf8: list[tuple[int, str]] = []
    other: list[tuple[int, bytes]] = []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if not HIGH.search(line):
            continue
        word = _utf8_letters(line)
        if word is not None:
            utf8.append((number, word))
        else:
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as err:
                other.append((number, line[err.start: err.start + 1]))
        if len(utf8) + len(other) >= SAMPLE_LINES:
            break
    if not utf8 or not other:
        return
    if len(utf8) >= len(other):
        number, byte = other[0]
        raise Refused(Problem(label, number, "-", _(
            "this line is not UTF-8 (byte 0x{byte}), though line {line} is ('{word}'): the file mixes encodings; "
            "save it again as UTF-8 and check this line's letters",
            byte=byte.hex().upper(), line=utf8[0][0], word=quoted(utf8[0][1]))))
    number, word = utf8[0]
    raise Refused(Problem(label, number, "-", _(
        "this line is UTF-8 ('{word}'), though line {line} and other lines are not: the file mixes encodings; "
        "save it again as UTF-8 and check the letters of these lines", word=quoted(word), line=other[0][0])))


def decode(raw: bytes) -> tuple[str, str]:
    """Text and the name of the encoding used (see decode_text); kept for callers that need no notes."""
    decoded = decode_text(raw, "")
    return decoded.text, decoded.name


# --- Numbers ---------------------------------------------------------------------------------------------

def sniff_delimiter(text: str) -> str:
    """The delimiter of the header line among tab, ';' and ','."""
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in ("\t", ";", ",")}
    return max(counts, key=lambda d: (counts[d], d == ","))


DELIMITER_NAMES = {"\t": "tab", ";": ";", ",": ","}


def _separated(delimiter: str) -> str:
    """The note 'tab separated' / '; separated'."""
    if delimiter == "\t":
        return _("tab separated")
    # Translators: a note on how a file was read; {delimiter} is ';' or ','
    return _("{delimiter} separated", delimiter=DELIMITER_NAMES[delimiter])


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


def _normalise_column(cells: pd.Series, comma: bool) -> pd.Series:
    """normalise_number for a column; cells already in plain form (most of a big file) skip the call."""
    text = cells.fillna("").astype(str)
    plain = text.str.fullmatch(r"-?\d+" if comma else r"-?\d+(?:\.\d+)?") | (text == "")
    if plain.all():
        return text
    out = text.copy()
    out[~plain] = [normalise_number(c, comma) for c in text[~plain]]
    return out


def _normalise(frame: pd.DataFrame, notes: list[str], european_hint: bool = False) -> None:
    for column in NUMERIC_COLUMNS:
        if column not in frame.columns:
            continue
        comma = _decimal_comma(frame[column], european_hint)
        if comma and _("decimal comma") not in notes:
            notes.append(_("decimal comma"))
        elif not comma and column == "value" and frame[column].astype(str).str.contains(r"\d\.\d").any() \
                and _("decimal point") not in notes:
            notes.append(_("decimal point"))
        frame[column] = _normalise_column(frame[column], comma)
    if "value" in frame.columns and frame["value"].astype(str).str.contains("%").any():
        notes.append(_("percent signs dropped"))


# --- Text tables -----------------------------------------------------------------------------------------

def _not_a_table(raw: bytes, label: str) -> ReadResult | None:
    for magic, what in NOT_TABLE_MAGIC.items():
        if raw.startswith(magic):
            # Translators: {what} is a kind of file, such as 'a PNG image'
            return ReadResult(None, [Problem(label, 1, "-", _("this is {what}, not a table (CSV, TSV or XLSX)",
                                                              what=_(what)))])
    if raw.startswith(GZIP_MAGIC):
        message = _("this is a gzip archive, not a table (CSV, TSV or XLSX); only Eurostat downloads may be "
                    "compressed") if gunzip_head(raw, 16) is not None else \
            _("this is a damaged gzip archive, not a table (CSV, TSV or XLSX); only Eurostat downloads may be "
              "compressed")
        return ReadResult(None, [Problem(label, 1, "-", message)])
    if raw.startswith(XLSX_MAGIC):
        return None
    head = raw[:4096]
    if b"\x00" in head and wide_encoding(raw) is None:
        return ReadResult(None, [Problem(label, 1, "-", _("this is a binary file, not a table (CSV, TSV or XLSX)"))])
    return None


NO_ROWS = N_("no rows below the header: the file names its columns but holds no figures")


def read_text_table(raw: bytes, label: str, region_countries: Mapping[str, str] | None = None,
                    limits: Limits | None = None, require_rows: bool = True) -> ReadResult:
    """``limits``: the defaults (an upload's) unless given; ``require_rows``: a header without rows is refused
    (an upload or a user's folder must bring figures; a complete folder's optional table may be empty)."""
    limits = limits or current()
    try:
        decoded = decode_text(raw, label, region_countries)
        text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            return ReadResult(None, [Problem(label, 1, "-", _("the file is empty; expected a header row"))])
        delimiter = sniff_delimiter(text)
        records = parse_records(text, label, delimiter, lower_header=True, limits=limits)
        if records.header is None:
            return ReadResult(None, [Problem(label, 1, "-", _("the file has no header row"))])
        check_header_cells(records.header, label, limits)
    except Refused as refused:
        return ReadResult(None, [refused.problem])
    notes = [_separated(delimiter), decoded.name]
    if len(records.header) == 1 and len(records) and not any(d in text for d in ",;\t"):
        return ReadResult(None, [Problem(label, 1, "-", _("this does not look like a table: no column separators"))])
    if require_rows and not len(records) and not records.problems:
        return ReadResult(None, [Problem(label, 1, "-", _(NO_ROWS))], notes)
    frame = to_frame(records)
    _normalise(frame, notes, european_hint=delimiter == ";")
    notes += decoded.notes
    frame, found = check_read_cells(frame, label, limits, text)
    return ReadResult(frame, records.problems + found, notes)


# --- Excel workbooks -------------------------------------------------------------------------------------
KNOWN_HEADERS = {"region_id", "indicator_id", "year", "value", "territory", "name", "country", "source_id"}
EXCEL_LAST_ROW = 1_048_576
PREFIX = rb"<(?:[A-Za-z_][\w.-]*:)?"
CELL_TAG = re.compile(PREFIX + rb"c[\s/>]")
STRING_TAG = re.compile(PREFIX + rb"si[\s/>]")
FAR_ROW = re.compile(PREFIX + rb"row\b[^>]*?\br=\"(\d{7,})\"")
WIDE_CELL = re.compile(rb"\br=\"([A-Z]{2,3})(\d+)\"")
SCAN_CHUNK = 256 * 1024
# A shared string's <si ...> opening and its </si> closing (an empty <si/> holds nothing): the bytes between
# bound the string's text, so only a string whose XML is longer than max_cell_chars needs reading. While the
# part streams, the distance between consecutive <si>, <si/> and </si> tags is measured (a mark the scan
# misses, cut by a chunk's edge, only lengthens a distance): no string can be long unless some distance is.
STRING_EDGE = re.compile(PREFIX + rb"si(?:[\s>/])|</(?:[A-Za-z_][\w.-]*:)?si>")
ANY_STRING_EDGE = re.compile(rb"</?(?:[A-Za-z_][\w.-]*:)?si[\s>/]")
EDGE_CARRY = 64  # bytes of the last chunk searched again with the next, for a tag cut by the chunk's edge


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index


def _long_strings(xml: bytes, limit: int) -> list[tuple[int, int, int]]:
    """(number, start, end) of each shared string whose XML is longer than ``limit`` bytes, from where its <si>
    opens to where it closes (its text can be no longer)."""
    found, opened, number = [], -1, 0
    for match in STRING_EDGE.finditer(xml):
        if match.group().endswith(b"/"):  # an empty <si/>: a number of the table, no text
            opened, number = -1, number + 1
        elif match.group().startswith(b"</"):
            if opened >= 0 and match.end() - opened > limit:
                found.append((number, opened, match.end()))
            opened = -1
        else:
            opened, number = match.start(), number + 1
    return found


def _shared_text_length(xml: bytes) -> int:
    """Characters of one shared string's text (<si>...</si>): its runs' text, entities read, phonetics (<rPh>,
    a reading aid) left out. One pass with ``find``, never a regex that backtracks: a string of many '<rPh/>'
    or '<' without an end took a pattern quadratic time."""
    text, at, phonetic = [], 0, 0
    while True:
        opening = xml.find(b"<", at)
        if phonetic == 0:
            text.append(xml[at:] if opening < 0 else xml[at:opening])
        if opening < 0:
            break
        closing = xml.find(b">", opening)
        if closing < 0:
            break  # an unfinished tag: the rest is markup
        tag = xml[opening + 1:closing]
        name = tag.lstrip(b"/").split(maxsplit=1)[0].rstrip(b"/") if tag.strip(b"/ ") else b""
        if name.rsplit(b":", 1)[-1] == b"rPh":
            if tag.startswith(b"/"):
                phonetic = max(0, phonetic - 1)
            elif not tag.endswith(b"/"):
                phonetic += 1
        at = closing + 1
    return len(html.unescape(b"".join(text).decode("utf-8", "replace")))


def _check_long_strings(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, limits: Limits) -> None:
    """Refused at the first shared string longer than max_cell_chars, before openpyxl expands any: every cell
    using it would be refused, and a few hundred cells using an 8 MB string hold gigabytes."""
    data = archive.read(info)  # no larger than max_decompressed_bytes (scan_workbook checked the sizes)
    for number, start, end in _long_strings(data, limits.max_cell_chars):
        length = _shared_text_length(data[start:end])
        if length > limits.max_cell_chars:
            raise Refused(exceeded(label, 1, "-", ngettext(
                "shared string {number} of the workbook has {n} character (refused before any cell was filled "
                "with it)", "shared string {number} of the workbook has {n} characters (refused before any cell "
                "was filled with it)", length, number=human(number), n=human(length)),
                "max_cell_chars", limits, "characters"))


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, limits: Limits,
               cells: list[int]) -> None:
    """Stream one XML part once, cheaply, before openpyxl parses it: no DOCTYPE (entity bombs), bounded
    nesting, no row past Excel's last, no cell past the column limit, no shared string longer than a cell
    may be; counts cells and shared strings."""
    name = info.filename
    sheet = "worksheets/" in name
    strings = name.endswith("sharedStrings.xml")
    depth, last, tail, longest = 0, b"", b"", 0
    offset, edge, carry = 0, 0, b""  # bytes read; where the last string tag began; the last chunk's end
    with archive.open(info) as stream:
        while chunk := stream.read(SCAN_CHUNK):
            window = tail + chunk
            if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                raise Refused(Problem(label, 1, "-", _("the workbook part {part} declares a DOCTYPE; Excel never "
                                                       "writes one (entity expansion is refused)", part=name)))
            pair = last + chunk  # two-byte marks that straddle chunks are counted once, here
            depth += (chunk.count(b"<") - 2 * pair.count(b"</") - pair.count(b"<?") - pair.count(b"<!")
                      - pair.count(b"/>"))
            if depth > limits.max_xml_depth:
                raise Refused(exceeded(label, 1, "-", _("the workbook part {part} nests elements too deep",
                                                        part=name),
                                       "max_xml_depth", limits, "levels"))
            if sheet:
                cells[0] += CELL_TAG.subn(b"", chunk)[1]
                for match in FAR_ROW.finditer(chunk):
                    if int(match.group(1)) > EXCEL_LAST_ROW:
                        raise Refused(Problem(label, EXCEL_LAST_ROW, "-", _(
                            "the sheet has a row numbered {row}, past Excel's last row ({last})",
                            row=int(match.group(1)), last=EXCEL_LAST_ROW)))
                for match in WIDE_CELL.finditer(chunk):
                    letters = match.group(1).decode()
                    if _column_index(letters) > limits.max_columns:
                        raise Refused(exceeded(label, int(match.group(2)), letters, _(
                            "the sheet has a cell in column {letters} ({index})", letters=letters,
                            index=_column_index(letters)), "max_columns", limits, "columns"))
            if strings:
                cells[1] += STRING_TAG.subn(b"", chunk)[1]
                start = offset - len(carry)
                for match in ANY_STRING_EDGE.finditer(carry + chunk):
                    if start + match.start() > edge:
                        longest, edge = max(longest, start + match.start() - edge), start + match.start()
                offset, carry = offset + len(chunk), chunk[-EDGE_CARRY:]
            if max(cells) > limits.max_sheet_cells:
                what = "cells" if cells[0] > limits.max_sheet_cells else "shared strings"
                message = _("the workbook has too many cells (reading stopped)") if what == "cells" else \
                    _("the workbook has too many shared strings (reading stopped)")
                raise Refused(exceeded(label, 1, "-", message, "max_sheet_cells", limits, what))
            last, tail = chunk[-1:], chunk[-16:]
    if strings and max(longest, offset - edge) > limits.max_cell_chars:
        _check_long_strings(archive, info, label, limits)


def scan_workbook(raw: bytes, label: str, limits: Limits | None = None) -> None:
    """Refused unless the zip is small enough, once expanded, for openpyxl to parse within the limits.

    Sizes are the ones declared in the zip, which zipfile enforces while reading (a member cannot expand
    past its declared size), so nothing is expanded before the check."""
    limits = limits or current()
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise Refused(Problem(label, 1, "-",
                              _("a damaged zip archive, not a readable Excel workbook (.xlsx)"))) from None
    if len(members) > limits.max_archive_members:
        raise Refused(exceeded(label, 1, "-", ngettext("the workbook holds {n} file", "the workbook holds {n} files",
                                                       len(members), n=human(len(members))),
                               "max_archive_members", limits, "files"))
    declared = sum(m.file_size for m in members)
    if declared > limits.max_decompressed_bytes:
        raise Refused(exceeded(label, 1, "-", _("the workbook expands to {size}", size=human_bytes(declared)),
                               "max_decompressed_bytes", limits))
    cells = [0, 0]
    try:
        for member in members:
            if PurePosixPath(member.filename).suffix.lower() in (".xml", ".rels", ".vml"):
                _scan_part(archive, member, label, limits, cells)
    except Refused:
        raise
    except Exception as err:  # zipfile: bad CRC, encryption, unknown compression
        raise Refused(Problem(label, 1, "-",
                              _("a damaged Excel workbook ({error})", error=type(err).__name__))) from None


def _header_row(rows: list[tuple[int, list[str]]]) -> int:
    """Index of the header among the non-empty rows: the first naming two known columns (a title or a
    note may stand above it), else the first non-empty row."""
    for index, (_number, cells) in enumerate(rows[:20]):
        if len({c.strip().lower() for c in cells} & KNOWN_HEADERS) >= 2:
            return index
    return 0


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)


def _column_letters(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _too_much_text(values: tuple, total: int, number: int, label: str, limits: Limits) -> Problem:
    """The refusal of a sheet whose cells' text passed max_sheet_text_bytes in this row: at the cell that did."""
    index = len(values)
    while index > 1:
        value = values[index - 1]
        total -= len(value) if value.__class__ is str else 0
        if total <= limits.max_sheet_text_bytes:
            break
        index -= 1
    return exceeded(label, number, _column_letters(index), _("the sheet's cells hold too much text up to here "
                    "(reading stopped: a long text repeated in many cells?)"), "max_sheet_text_bytes", limits)


def _filled_rows(worksheet, label: str, limits: Limits, deadline: Deadline) -> list[tuple[int, list[str]]]:
    """(Excel row number, cell texts) of the rows holding anything, streamed and stopped at the limits.

    The declared dimension is dropped first: openpyxl would otherwise pad every row to it (A1:XFD1048576 is
    16 384 cells a row for a million rows)."""
    worksheet.reset_dimensions()
    filled: list[tuple[int, list[str]]] = []
    cells = text = 0
    for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
        if number & 4095 == 0:
            deadline.check(number)
            if number > EXCEL_LAST_ROW:
                raise Refused(Problem(label, number, "-", _("the sheet goes past Excel's last row ({last})",
                                                            last=EXCEL_LAST_ROW)))
        empty = values.count(None)
        if empty == len(values):
            continue
        if len(values) > limits.max_columns:
            raise Refused(exceeded(label, number, "-", ngettext("the sheet has {n} column", "the sheet has {n} columns",
                                                                len(values)),
                                   "max_columns", limits, "columns"))
        cells += len(values) - empty
        text += sum(len(v) for v in values if v.__class__ is str)  # a shared string counts in every cell using it
        if text > limits.max_sheet_text_bytes:
            raise Refused(_too_much_text(values, text, number, label, limits))
        if cells > limits.max_sheet_cells:
            raise Refused(exceeded(label, number, "-", _("the sheet has too many cells (reading stopped)"),
                                   "max_sheet_cells", limits, "cells"))
        if len(filled) > limits.max_rows:
            raise Refused(exceeded(label, number, "-", _("the sheet has too many rows (reading stopped)"),
                                   "max_rows", limits, "rows"))
        filled.append((number, ["" if v is None else _cell_text(v) for v in values]))
    return [(number, cells) for number, cells in filled if any(c.strip() for c in cells)]


def _sheet_result(worksheet, label: str, limits: Limits, deadline: Deadline, require_rows: bool = True) -> ReadResult:
    title = worksheet.title
    notes = [_("Excel sheet '{sheet}'", sheet=title)]
    try:
        filled = _filled_rows(worksheet, label, limits, deadline)
    except Refused as refused:
        return ReadResult(None, [refused.problem], notes)
    except Exception as err:  # openpyxl on damaged sheet XML: one line, never a traceback
        return ReadResult(None, [Problem(label, 1, "-", _("sheet '{sheet}' cannot be read ({error})", sheet=title,
                                                                error=type(err).__name__))],
                          notes)
    if not filled:
        return ReadResult(None, [Problem(label, 1, "-", _("sheet '{sheet}' is empty", sheet=title))], notes)
    start = _header_row(filled)
    header_number, header = filled[start][0], [c.strip().lower() for c in filled[start][1]]
    while header and not header[-1]:
        header.pop()
    try:
        check_header_cells(header, label, limits)
    except Refused as refused:
        return ReadResult(None, [refused.problem], notes)
    if header_number > 1:
        notes.append(_("header on row {row}", row=header_number))
    if require_rows and not filled[start + 1:]:
        return ReadResult(None, [Problem(label, header_number, "-", _(
            "no rows below the header: the file names its columns but holds no figures (sheet '{sheet}')",
            sheet=title))], notes)
    rows, lines = [], []
    for number, cells in filled[start + 1:]:
        rows.append([c.strip() for c in cells[: len(header)]] + [""] * (len(header) - len(cells)))
        lines.append(number)
    frame = pd.DataFrame(rows, columns=header, dtype=str)
    frame[LINE] = pd.Series(lines, dtype="int64")
    _normalise(frame, notes)
    frame, found = check_read_cells(frame, label, limits)
    return ReadResult(frame, found, notes)


def _open_workbook(raw: bytes, label: str, limits: Limits):
    scan_workbook(raw, label, limits)
    import openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # a damaged workbook, or a zip that is no workbook: say so in one line
        raise Refused(Problem(label, 1, "-", _("a zip archive that is not an Excel workbook (.xlsx)"))) from None


def read_xlsx_tables(raw: bytes, label: str, extra_sheet: str = "regions") -> tuple[ReadResult, ReadResult | None]:
    """The first sheet, and the sheet named ``extra_sheet`` (any case, not the first) if there is one:
    both from one opening of the workbook, within one deadline."""
    limits = current()
    try:
        book = _open_workbook(raw, label, limits)
    except Refused as refused:
        return ReadResult(None, [refused.problem]), None
    try:
        deadline = Deadline(label, limits)
        first = _sheet_result(book.worksheets[0], label, limits, deadline)
        extra = next((s for s in book.worksheets[1:] if s.title.lower() == extra_sheet), None)
        extra_result = None if extra is None else _sheet_result(extra, f"{label} [{extra_sheet}]", limits, deadline,
                                                                require_rows=False)
        return first, extra_result
    finally:
        book.close()


def read_xlsx(raw: bytes, label: str, sheet: str | None = None, limits: Limits | None = None,
              require_rows: bool = True) -> ReadResult:
    """The first sheet (or ``sheet``); the header is found below any title rows; ROW is Excel's row number."""
    limits = limits or current()
    try:
        book = _open_workbook(raw, label, limits)
    except Refused as refused:
        return ReadResult(None, [refused.problem])
    try:
        if sheet is not None and sheet not in book.sheetnames:
            return ReadResult(None, [Problem(label, 1, "-", _("the workbook has no sheet '{sheet}'", sheet=sheet))])
        worksheet = book[sheet] if sheet else book.worksheets[0]
        return _sheet_result(worksheet, label, limits, Deadline(label, limits), require_rows)
    finally:
        book.close()


def sheet_names(raw: bytes) -> list[str]:
    try:
        book = _open_workbook(raw, "", current())
    except Refused:
        return []
    names = book.sheetnames
    book.close()
    return names


def read_any(raw: bytes, label: str, sheet: str | None = None,
             region_countries: Mapping[str, str] | None = None, limits: Limits | None = None,
             require_rows: bool = True) -> ReadResult:
    """CSV/TSV text in any of the encodings above, or an XLSX workbook. ``region_countries`` (region id ->
    country code) lets the encoding be chosen by the language of each row's region; ``limits`` and
    ``require_rows`` as read_text_table takes them."""
    refused = _not_a_table(raw, label)
    if refused:
        return refused
    if raw.startswith(XLSX_MAGIC):
        return read_xlsx(raw, label, sheet, limits, require_rows)
    return read_text_table(raw, label, region_countries, limits, require_rows)


def how_read(notes: list[str]) -> str:
    """'; separated, UTF-8, decimal comma': the notes on how a table was read, as a list of the current language
    (CLDR's short unit list, which English writes with commas only)."""
    return format_list(list(notes), style="unit-short", locale=cldr_locale(current_language())) if notes else ""


def folder_table_reader(label: str, region_countries: Mapping[str, str] | None = None,
                        notes: list[str] | None = None) -> Callable[[bytes], tuple[pd.DataFrame | None, list[Problem]]]:
    """How a complete data folder's table that is no plain UTF-8 comma-separated file is read (reader.read_table's
    ``other``): as an upload is (Excel's ';', decimal comma and BOM in a Finnish or German locale, another
    encoding), within the folder's limits, an empty table allowed; what was assumed goes to ``notes``."""

    def read(raw: bytes) -> tuple[pd.DataFrame | None, list[Problem]]:
        result = read_any(raw, label, region_countries=region_countries, limits=current().for_server_folder(),
                          require_rows=False)
        if notes is not None and result.notes:
            # Translators: {file} is a file's name, {how} a list such as '; separated, UTF-8, decimal comma'
            notes.append(_("{file}: read as {how}", file=PurePosixPath(label).name, how=how_read(result.notes)))
        return result.frame, result.problems

    return read
