"""A plain file (no quotes, every line as wide as the header) is read by pandas' C parser; anything it
reads must come out exactly as the record loop reads it, and anything else must go to the loop."""

from __future__ import annotations

import random

import pytest

from dashboard.data import reader
from dashboard.data.limits import current

CELLS = ["a", " b", "c ", "", "  ", "1.5", "x y", "\u00a0z", "Łódź", "q\t", "\tw", "e\u2003"]


def slow(text: str, delimiter: str, lower: bool) -> reader.Records:
    plain, reader._plain_records = reader._plain_records, lambda *args: None
    try:
        records = reader.parse_records(text, "x.csv", delimiter, lower)
    finally:
        reader._plain_records = plain
    return records


def random_table(rng: random.Random, delimiter: str) -> str:
    width = rng.randint(1, 4)
    lines = [delimiter.join(rng.choice(["H", " h ", "Id", "\u00a0X"]) + str(i) for i in range(width))]
    for _ in range(rng.randint(0, 6)):
        kind = rng.random()
        lines.append("" if kind < 0.15 else delimiter * (width - 1) if kind < 0.25 else
                     rng.choice(["   ", "\t", " \u00a0 "]) if kind < 0.3 else
                     delimiter.join(rng.choice(CELLS).replace(delimiter, "") for _ in range(width)))
    return "\n".join(lines) + rng.choice(["", "\n", "\n\n", " \n"])


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_fast_path_reads_what_the_record_loop_reads(delimiter: str) -> None:
    rng = random.Random(delimiter)
    for _ in range(400):
        text, lower = random_table(rng, delimiter), rng.random() < 0.5
        fast = reader._plain_records(text, delimiter, lower, current())
        assert fast is not None, repr(text)
        expected = slow(text, delimiter, lower)
        assert fast.header == expected.header and not expected.problems
        assert reader.to_frame(fast).equals(reader.to_frame(expected)), repr(text)


@pytest.mark.parametrize("text", ['a,b\n"x",1\n', "a,b\n1,2,3\n", "a,b\n1\n", "a,b\r\n1,2\r\n", "a,b\n1,\x002\n"])
def test_anything_irregular_goes_to_the_record_loop(text: str) -> None:
    assert reader._plain_records(text, ",", False, current()) is None


@pytest.mark.parametrize("scan_bytes", [1, 3, 7, 1 << 22])
def test_ascii_padding_is_found_across_scan_chunks(scan_bytes: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """ASCII files find padded cells in the byte scan, a few bytes at a time here: a space next to a
    delimiter or a line's end in any chunk, or across two, must still be stripped as the loop strips it."""
    monkeypatch.setattr(reader, "_SCAN_BYTES", scan_bytes)
    rng = random.Random(scan_bytes)
    ascii_cells = ["a", " b", "c ", "", "1.5", "x y", "q\t", "\tw", "zz"]
    for _ in range(300):
        width = rng.randint(1, 3)
        lines = [",".join(f"h{i}" for i in range(width))]
        lines += [",".join(rng.choice(ascii_cells) for _ in range(width)) for _ in range(rng.randint(1, 5))]
        text = "\n".join(lines) + rng.choice(["", "\n", " "])
        fast = reader._plain_records(text, ",", False, current())
        if fast is None:  # e.g. a record of spaces only: the loop's business
            continue
        assert reader.to_frame(fast).equals(reader.to_frame(slow(text, ",", False))), repr(text)
