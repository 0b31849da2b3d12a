"""Text on a 16:9 slide: boxes whose lines are measured to fit, in the exports' font and colours.

PowerPoint does not shrink text to fit when a file is made by a program (it does so only on edit), and
LibreOffice never does: text that is too long runs past its box and off the slide. So every line is
wrapped here, with the font's own metrics, before it is placed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu, Inches, Pt

from dashboard.export.textfit import wrap

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
INNER = WIDTH - 2 * MARGIN
DARK, GREY, ACCENT = RGBColor(0x11, 0x18, 0x27), RGBColor(0x4B, 0x55, 0x63), RGBColor(0x0D, 0x6E, 0xFD)
FONT = "DejaVu Sans"
LINE = 1.2  # PowerPoint's single line spacing, in font sizes
INSET = Inches(0.05)
SLACK = 0.95


@dataclass(frozen=True)
class Line:
    text: str
    size: float  # pt
    bold: bool = False
    colour: RGBColor = DARK


def wrapped(lines: Iterable[Line], width: int) -> list[Line]:
    """Each line broken into the lines it takes in a box ``width`` EMU wide (measured a little narrow, so
    PowerPoint's and LibreOffice's own wrapping never needs a line more than this counts)."""
    points = Emu(width - 2 * INSET).pt * SLACK
    return [Line(part, line.size, line.bold, line.colour) for line in lines
            for part in (wrap(line.text, line.size, points, line.bold) or [""])]


def height_of(lines: Iterable[Line], space_after: float = 0) -> int:
    """EMU the (already wrapped) lines take, with ``space_after`` pt below each."""
    return int(sum(Pt(line.size * LINE + space_after) for line in lines)) + 2 * INSET


def add_text(slide, left: int, top: int, width: int, lines: Iterable[Line], height: int | None = None,
             space_after: float = 0, anchor: MSO_ANCHOR = MSO_ANCHOR.TOP):
    """A text box, one paragraph per line (the renderer wraps it), as tall as the wrapped lines are (or
    ``height``); returns the shape."""
    lines = list(lines)
    height = height or height_of(wrapped(lines, width), space_after)
    box = slide.shapes.add_textbox(Emu(left), Emu(top), Emu(width), Emu(height))
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = INSET
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(space_after)
        run = paragraph.add_run()
        run.text = line.text
        run.font.size, run.font.bold, run.font.name = Pt(line.size), line.bold, FONT
        run.font.color.rgb = line.colour
    return box
