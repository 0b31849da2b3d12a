"""The key figures' slide cards, readable from the back of a room (the deck lays them out 3 + 2).

Each card says what the page's KPI card says (both draw ``view_model.KpiLine``), on the view's basis:
the number (with its qualifier) at 40 pt or more, its unit and year ('c.' when inferred), the territory
and its kind, the national share, and the source, marked when it was read in a secondary copy. Text
is native, so it stays editable.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Inches, Pt

from dashboard.comparability import kind_label
from dashboard.data import Dataset
from dashboard.export.slide_text import (
    ACCENT,
    DARK,
    GREY,
    LINE,
    Line,
    add_text,
    height_of,
    wrapped,
)
from dashboard.export.textfit import fitting_size
from dashboard.i18n import _
from dashboard.measures import territory_name
from dashboard.view_model import KpiLine

CARD_FILL = RGBColor(0xF3, 0xF4, 0xF6)
VALUE_PT = (48, 40)  # largest and smallest size of the big number
SPACE_AFTER = 1
LABEL_PT = 18
TOP, GAP = Inches(1.15), Inches(0.2)
BOTTOM = Inches(0.3)
PADDING = Inches(0.12)


@dataclass(frozen=True)
class Card:
    """What one card shows: ``details`` always, ``extra`` (share, context) while there is room, the source."""

    label: str
    value: str
    details: list[Line]
    extra: list[Line] = field(default_factory=list)
    source: Line | None = None
    missing: bool = False


def kpi_card(dataset: Dataset, line: KpiLine) -> Card:
    """One key figure as the page's card has it."""
    figure = line.figure
    if figure is None:
        return Card(line.label, _("No data"), [Line(line.missing, 14, colour=GREY)], missing=True)
    details = [Line(f"{line.unit} · {line.year}", 16, True),
               Line(_("{territory} ({kind})", territory=territory_name(dataset, figure),
                      kind=kind_label(figure.territory_kind, dataset)), 14)]
    extra = [*([Line(line.share.text, 14)] if line.share else []),
             *([Line(line.context.text, 12, colour=GREY)] if line.context else [])]
    source = Line(_("Source: {source}", source=source_line(dataset, figure.source_id)), 12, colour=GREY)
    return Card(line.label, line.value, details, extra, source)


def source_line(dataset: Dataset, source_id: str) -> str:
    """The publisher, marked when the figure was read in a secondary copy (the notes give the full title)."""
    source = dataset.source(source_id)
    publisher = _("Your data") if dataset.is_user_source(source_id) else str(source["publisher"])
    # Translators: a source read in a third party's copy; {source} is 'publisher: title' or the publisher alone
    return _("{source} (secondary copy)", source=publisher) if dataset.is_secondary(source_id) else publisher


def card_lines(card: Card, width: int, room: int) -> list[Line]:
    """The card's lines that fit ``room`` EMU at their own sizes (the same on every card): the extra lines
    go first, last one first, then the source shrinks to 10 pt (the speaker notes keep everything)."""
    extra, source = list(card.extra), card.source

    def lines() -> list[Line]:
        return [*card.details, *extra, *([source] if source else [])]

    while extra and height_of(wrapped(lines(), width), SPACE_AFTER) > room:
        extra.pop()
    while source and source.size > 10 and height_of(wrapped(lines(), width), SPACE_AFTER) > room:
        source = Line(source.text, source.size - 1, source.bold, source.colour)
    return lines()


def draw_card(slide, card: Card, left: int, top: int, width: int, height: int) -> None:
    """A rounded card with the label, the big number and the details, each measured to fit."""
    shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Emu(left), Emu(top), Emu(width), Emu(height))
    shape.adjustments[0] = 0.06
    shape.fill.solid()
    shape.fill.fore_color.rgb = CARD_FILL
    shape.line.fill.background()
    shape.shadow.inherit = False
    inner = width - 2 * PADDING
    value_pt = 28 if card.missing else fitting_size(card.value, Emu(inner).pt * 0.92, *VALUE_PT)
    y = top + PADDING
    add_text(slide, left + PADDING, y, inner, [Line(card.label, LABEL_PT, True, ACCENT)])
    y += Pt(LABEL_PT * LINE) + Inches(0.04)
    add_text(slide, left + PADDING, y, inner, [Line(card.value, value_pt, True, GREY if card.missing else DARK)])
    y += Pt(value_pt * LINE) + Inches(0.06)
    room = top + height - PADDING - y
    add_text(slide, left + PADDING, y, inner, card_lines(card, inner, room), height=room,
             space_after=SPACE_AFTER)
