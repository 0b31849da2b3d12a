"""The PDF's fonts: DejaVu Sans (the charts' font, installed with Chromium) for its ≈, ≥, → and narrow
no-break spaces; ReportLab's bundled Vera when DejaVu is absent, with the glyphs Vera lacks spelled out."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
VERA = Path(reportlab.__file__).parent / "fonts"
REGULAR, BOLD = "ProfileSans", "ProfileSans-Bold"
PLAIN = {"\u202f": " ", "\u00a0": " ", "≈": "~", "≥": ">=", "≤": "<=", "→": "->", "−": "-", "–": "-", "—": "-",
         "²": "2"}


@lru_cache(maxsize=1)
def register() -> frozenset[int]:
    """Register the two faces once; the code points the regular face can draw."""
    pairs = [(DEJAVU / "DejaVuSans.ttf", DEJAVU / "DejaVuSans-Bold.ttf"), (VERA / "Vera.ttf", VERA / "VeraBd.ttf")]
    regular, bold = next((r, b) for r, b in pairs if r.exists() and b.exists())
    face = TTFont(REGULAR, str(regular))
    pdfmetrics.registerFont(face)
    pdfmetrics.registerFont(TTFont(BOLD, str(bold)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    return frozenset(face.face.charToGlyph)


def drawable(text: str) -> str:
    """``text`` with any character the font cannot draw replaced by a plain equivalent."""
    known = register()
    return "".join(PLAIN.get(ch, ch) if ord(ch) not in known else ch for ch in text)
