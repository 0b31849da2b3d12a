"""The workbooks PowerPoint embeds behind the deck's native charts hold no live formula: a region named
'=cmd|...' became one in 12 places of one deck, while the CSV and Excel downloads were already inert.
One rule (export/cells.py) now serves every file the product writes."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

import openpyxl
from pptx import Presentation

from dashboard.export.cells import neutralise
from dashboard.export.deck import build_deck
from dashboard.state import default_state
from tests.synthetic import build

HOSTILE = "=cmd|' /C calc'!A0"


def test_a_region_named_like_a_formula_stays_text_in_the_deck_workbooks(needs_chromium, tmp_path: Path) -> None:
    data = build(tmp_path, [(r, i, 2021, v * (k + 1), "metro") for k, r in enumerate(("aa", "bb", "cc"))
                            for i, v in (("population", 1000), ("gdp", 50))], region_changes={"bb": {"name": HOSTILE}})
    state = replace(default_state(data), focus="aa", peers=("bb", "cc"), edition="recent", indicator="population",
                    basis="eurostat_metro", x="population", y="gdp", size="population")
    deck = Presentation(io.BytesIO(build_deck(data, state, dt.date(2026, 12, 7))))
    books = [openpyxl.load_workbook(io.BytesIO(shape.chart.part.chart_workbook.xlsx_part.blob))
             for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    assert books  # the ranking, the scatter, the trend at least are native charts
    cells = [c for book in books for sheet in book for row in sheet.iter_rows() for c in row]
    assert not [c.value for c in cells if c.data_type == "f"]  # no formula anywhere
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert any(t == neutralise(HOSTILE) or t.startswith("'=cmd") for t in texts)
