"""A 16:9 slide deck of the current view: title, KPI cards, one slide per chart, sources.

Charts are placed as PNG pictures rendered by the same builders and exporter as the page (PNG,
not SVG: PowerPoint renders SVG with transparency badly). The KPI slide is native text, so it
stays editable.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from dashboard.comparability import kind_label
from dashboard.components.kpi_card import context_text, share_line
from dashboard.data import Dataset
from dashboard.data.schema import EDITIONS
from dashboard.export.images import SIZES as IMAGE_SIZES
from dashboard.export.images import decorate, render
from dashboard.figures.common import source_text
from dashboard.formatting import format_value, format_year
from dashboard.measures import no_comparable, resolve_basis
from dashboard.state import ViewState
from dashboard.views import CHARTS

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
DARK, GREY, ACCENT = RGBColor(0x11, 0x18, 0x27), RGBColor(0x4B, 0x55, 0x63), RGBColor(0x0D, 0x6E, 0xFD)
FONT = "DejaVu Sans"


def _text(slide, left, top, width, height, lines: Iterable[tuple[str, int, bool, RGBColor]]) -> None:
    """A text box with all four of left/top/width/height set (python-pptx zeroes what is not)."""
    box = slide.shapes.add_textbox(Emu(left), Emu(top), Emu(width), Emu(height))
    frame = box.text_frame
    frame.word_wrap = True
    for i, (text, size, bold, colour) in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
        run.font.color.rgb = colour


def _blank(prs: Presentation):
    return prs.slides.add_slide(prs.slide_layouts[6])


def _kpi_lines(dataset: Dataset, state: ViewState, kpi: str) -> list[tuple[str, int, bool, RGBColor]]:
    """The card's content on the view's basis, as on the page: value with its qualifier, year ('c.' when
    inferred), territory and its kind, share, and the source (marked when read in a secondary copy)."""
    indicator = dataset.indicator(kpi)
    basis = resolve_basis(dataset, state.basis, kpi, state.edition)
    figure = dataset.figure(state.focus, kpi, state.edition, state.year, basis)
    lines = [(str(indicator["short_label"]), 16, True, ACCENT)]
    if figure is None:
        reason = no_comparable(dataset, state.focus, kpi, state.edition, state.year, basis).missing
        return [*lines, ("No data", 24, True, GREY), (reason, 11, False, GREY)]
    share = share_line(dataset, state.focus, kpi, state.edition, state.year, basis)
    context = context_text(dataset, kpi, figure)
    return [*lines,
            (format_value(figure.value, int(indicator["decimals"]), figure.qualifier), 24, True, DARK),
            (f"{indicator['unit']} · {format_year(figure.year, figure.year_approx)}", 13, False, GREY),
            (f"{figure.territory} ({kind_label(figure.territory_kind)})", 11, False, DARK),
            *([(share[0].children, 11, False, DARK)] if share else []),
            *([(context[0], 11, False, GREY)] if context else []),
            (f"Source: {source_text(dataset, figure.source_id)}", 9, False, GREY)]


def build_deck(dataset: Dataset, state: ViewState, today: dt.date | None = None) -> bytes:
    today = today or dt.date.today()
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    margin = Inches(0.6)
    inner = WIDTH - 2 * margin
    focus = dataset.region_name(state.focus)
    peers = [dataset.region_name(r) for r in state.regions if r != state.focus]

    slide = _blank(prs)
    _text(slide, margin, Inches(2.2), inner, Inches(3.5), [
        (f"{focus} and its peers", 40, True, DARK),
        (f"Compared with {', '.join(peers) or 'no peers'}", 18, False, DARK),
        (f"{EDITIONS[state.edition]} · Baltic Metropoles dashboard · {today.isoformat()}", 14, False, GREY)])

    slide = _blank(prs)
    _text(slide, margin, Inches(0.4), inner, Inches(0.8), [(f"{focus}: key figures", 28, True, DARK)])
    gap = Inches(0.2)
    card_width = int((inner - gap * 4) / 5)
    for i, kpi in enumerate(dataset.kpi_ids):
        _text(slide, margin + i * (card_width + gap), Inches(1.5), card_width, Inches(5.3),
              _kpi_lines(dataset, state, kpi))

    used_sources: list[str] = []
    size = IMAGE_SIZES["slide"]
    for view in CHARTS:
        figure, meta = view.build(dataset, state)
        png = render(decorate(figure, meta, size, today), "png", size.width, size.height, 1.5)
        slide = _blank(prs)
        picture_height = HEIGHT - Inches(0.5)
        picture_width = int(picture_height * size.width / size.height)
        slide.shapes.add_picture(io.BytesIO(png), int((WIDTH - picture_width) / 2), Inches(0.25),
                                 picture_width, picture_height)
        used_sources += [s for s in meta.sources if s not in used_sources]

    slide = _blank(prs)
    _text(slide, margin, Inches(0.4), inner, Inches(0.8), [("Sources", 28, True, DARK)])
    _text(slide, margin, Inches(1.3), inner, Inches(5.8),
          [(s, 10 if len(used_sources) < 25 else 8, False, DARK) for s in used_sources] or
          [("No figures in this view.", 12, False, GREY)])
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
