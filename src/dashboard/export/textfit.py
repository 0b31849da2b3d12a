"""Measure text in the exports' font, so titles wrap and big numbers fit before anything is drawn.

plotly annotations and PowerPoint text boxes do not tell us how wide a line came out, so the slide
layouts measure it here with the DejaVu Sans metrics (Pillow ships with python-pptx). Where the font
file is missing, an average glyph width stands in (a little wide, so text still fits).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
AVERAGE_EM = 0.62  # DejaVu Sans' mean advance for mixed text, used without the font file


@lru_cache(maxsize=64)
def _font(size: float, bold: bool) -> ImageFont.FreeTypeFont | None:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return ImageFont.truetype(str(folder / name), size=max(1, round(size)))
    return None


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Advance width of one line of ``text`` at ``size`` (px or pt: the result is in the same unit)."""
    font = _font(size, bold)
    return font.getlength(text) if font is not None else len(text) * size * AVERAGE_EM


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """Greedy word wrap of ``text`` into lines no wider than ``width`` (a longer single word stays whole)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and text_width(candidate, size, bold) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def fitting_size(text: str, width: float, largest: float, smallest: float, bold: bool = True) -> float:
    """The largest font size (in steps of 2) at which ``text`` fits ``width``, never below ``smallest``."""
    size = largest
    while size > smallest and text_width(text, size, bold) > width:
        size -= 2
    return max(size, smallest)
