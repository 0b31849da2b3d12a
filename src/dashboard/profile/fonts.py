"""The PDF's fonts: DejaVu Sans (the charts' font, installed with Chromium) for its ≈, ≥, → and narrow
no-break spaces, and the letters of every language of the product (Latvian ā ē ģ ķ ļ ņ, Lithuanian ą ę ė į ų,
Polish ł ń ś ź ż, Estonian õ, Russian Cyrillic; tests/unit/profile/test_fonts.py checks them); ReportLab's bundled
Vera when DejaVu is absent, with the glyphs Vera lacks spelled out (a letter without its accent where it has
the base letter)."""

from __future__ import annotations

import unicodedata
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
    """``text`` with any character the font cannot draw replaced by a plain equivalent (for Vera: its base
    letter, 'ā' -> 'a', where there is one)."""
    known = register()
    return "".join(ch if ord(ch) in known else PLAIN.get(ch) or _base_letter(ch, known) for ch in text)


def _base_letter(ch: str, known: frozenset[int]) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return base if base and all(ord(c) in known for c in base) else ch
