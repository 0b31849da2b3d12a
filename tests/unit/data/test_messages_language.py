"""Problems and notes of the readers speak the current language; their FILE:ROW:COLUMN location does not change."""

from __future__ import annotations

import re

import pandas as pd

from dashboard.data import validate as v
from dashboard.data.limits import Limits, exceeded, human, human_bytes
from dashboard.data.reader import LINE
from dashboard.data.schema import BASES, EDITIONS, REGIONS
from dashboard.data.tolerant import read_any
from dashboard.i18n import _, use_language

PSEUDO = re.compile(r"^\[.* ·+\]$", re.DOTALL)  # a whole message in the pseudo-language


def test_a_refused_file_is_said_in_the_language_its_location_is_not() -> None:
    with use_language("qps"):
        result = read_any(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "picture.png")
    (problem,) = result.problems
    assert str(problem).startswith("picture.png:1:-: [")
    assert PSEUDO.match(problem.message) and "PNG image" not in problem.message


def test_notes_on_how_a_table_was_read_are_translated() -> None:
    raw = b"region_id;indicator_id;year;value\nhelsinki;population;2020;1 234,5\n"
    with use_language("qps"):
        result = read_any(raw, "values.csv")
    assert result.problems == []
    assert all(PSEUDO.match(note) or note == "UTF-8" for note in result.notes), result.notes


def test_a_limit_is_said_with_its_unit_and_setting_in_the_language() -> None:
    with use_language("qps"):
        problem = exceeded("big.csv", 3, "-", _("the file has too many rows"), "max_rows", Limits(max_rows=1000),
                           "rows")
    assert str(problem).startswith("big.csv:3:-: [")
    assert PSEUDO.match(problem.message) and "BALTMET_MAX_ROWS" in problem.message and "1 000" in problem.message
    with use_language("en"):
        english = exceeded("big.csv", 3, "-", _("the file has too many rows"), "max_rows", Limits(max_rows=1000),
                           "rows")
    assert english.message == "the file has too many rows; the limit is 1 000 rows (BALTMET_MAX_ROWS)"


def test_limits_use_the_decimal_sign_of_the_language() -> None:
    with use_language("fi"):
        assert human(0.5) == "0,5" and human_bytes(int(1.5 * 1024 * 1024)).startswith("1,5")
    with use_language("en"):
        assert human(200_000) == "200 000" and human_bytes(32 * 1024 * 1024) == "32 MB"


def test_validation_messages_are_translated_cell_by_cell() -> None:
    frame = pd.DataFrame({"region_id": ["Not An Id"], "name": ["x"], "country": ["FI"], "country_name": ["Finland"],
                          "lat": ["95"], "lon": ["20"], "capital": ["maybe"], "surprise": ["?"], LINE: [2]})
    with use_language("qps"):
        problems = v.check_header(frame, REGIONS, "regions.csv") + v.check_cells(frame, REGIONS, "regions.csv")
    assert problems
    for problem in problems:
        assert PSEUDO.match(problem.message), problem.message
    assert any("'Not An Id'" in p.message and str(p).startswith("regions.csv:2:region_id: [") for p in problems)


def test_edition_and_basis_names_are_marked_for_the_catalogs() -> None:
    with use_language("qps"):
        assert all(PSEUDO.match(_(label)) for label in (*EDITIONS.values(), *BASES.values()))
