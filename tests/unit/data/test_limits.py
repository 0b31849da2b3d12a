"""Each limit is a named setting with a default, overridden by BALTMET_MAX_...; the bounded readers."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from dashboard.data.limits import Limits, Refused, current, gunzip, printable, read_regular_file


def test_defaults_and_overrides(monkeypatch) -> None:
    assert current() == Limits()
    monkeypatch.setenv("BALTMET_MAX_ROWS", "5000")
    monkeypatch.setenv("BALTMET_MAX_ABS_VALUE", "1e9")
    assert current().max_rows == 5000 and current().max_abs_value == 1e9
    assert current().env_name("max_rows") == "BALTMET_MAX_ROWS"


@pytest.mark.parametrize("text", ["lots", "-3", "0"])
def test_a_bad_override_keeps_the_default(monkeypatch, text: str) -> None:
    monkeypatch.setenv("BALTMET_MAX_COLUMNS", text)
    assert current().max_columns == Limits().max_columns


def test_gunzip_reads_every_member_and_stops_at_the_limit() -> None:
    assert gunzip(gzip.compress(b"a" * 10) + gzip.compress(b"b" * 5), "x.gz") == b"a" * 10 + b"b" * 5
    with pytest.raises(Refused) as refused:
        gunzip(gzip.compress(b"\0" * 5_000_000), "x.gz", limit=1_000_000)
    assert "BALTMET_MAX_DECOMPRESSED_BYTES" in str(refused.value)


def test_a_file_that_says_it_is_empty_is_still_read_to_the_limit_only() -> None:
    status = Path("/proc/self/smaps")  # a regular file of size 0 that reads as several KB
    with pytest.raises(Refused) as refused:
        read_regular_file(status, "smaps", limit=100)
    assert str(refused.value) == "smaps:0:-: the file is too large; the limit is 100 bytes (BALTMET_MAX_FILE_BYTES)"


def test_printable_escapes_controls_and_keeps_letters_and_spaces() -> None:
    assert printable("\x1b[31mŁódź\u202e 1\u00a0000\x07") == "\\x1b[31mŁódź\\u202e 1\u00a0000\\x07"
