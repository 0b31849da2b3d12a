"""A 16:9 slide deck of the current view that a speaker can present as it is, or restyle.

Slides: title, key figures (big native text, with the rank and the peers' median as on the page's cards),
one slide per chart, sources. Ranking, shares, trend and scatter are native PowerPoint charts built from
the page's own figure specs (``native_charts``), so their numbers are the page's and their data sits in
the chart; the map is a picture rendered by the same exporter as the page's downloads. Each chart slide
carries title and subtitle, the chart filling the rest of the slide, and its sources in a footer line;
what a speaker must say aloud (the basis, years far apart, secondary copies, the comparability footnote,
regions without data, every source's full title) is in its speaker notes.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

from pptx import Presentation
from pptx.util import Emu, Inches, Pt

from dashboard.comparability import compared
from dashboard.data import Dataset
from dashboard.data.schema import EDITIONS
from dashboard.export.images import SIZES as IMAGE_SIZES
from dashboard.export.images import decorate, render
from dashboard.export.kpi_slide import BOTTOM, GAP, PADDING, SPACE_AFTER, TOP, VALUE_PT, Card, draw_card, kpi_card
from dashboard.export.kpi_slide import LABEL_PT as CARD_LABEL_PT
from dashboard.export.native_charts import has_native, native_chart
from dashboard.export.slide_text import (
    DARK,
    GREY,
    HEIGHT,
    INNER,
    INSET,
    LINE,
    MARGIN,
    WIDTH,
    Line,
    add_text,
    height_of,
    wrapped,
)
from dashboard.export.textfit import fitting_size
from dashboard.export.typography import plain
from dashboard.figures.common import ChartMeta, source_text
from dashboard.figures.spec import FigureSpec
from dashboard.i18n import N_, _, current_language, long_date, ngettext
from dashboard.measures import territory_name
from dashboard.state import ViewState
from dashboard.view_model import KpiLine, chart_summary, kpi_lines
from dashboard.views import CHARTS

SECONDARY = N_("{source} (secondary copy)")  # figures.common's mark of a source read in a third-party copy
SOURCE_PT = 12
FOOTER_PT = (12, 11, 10)  # a chart slide's source line: the largest size at which it is one line
SOURCES_PT, SOURCE_SPACE = (12, 11, 10), 3
SOURCES_TOP, COLUMN_GAP = Inches(1.3), Inches(0.4)


def _blank(prs: Presentation):
    return prs.slides.add_slide(prs.slide_layouts[6])


def _notes(slide, paragraphs: list[str]) -> None:
    slide.notes_slide.notes_text_frame.text = "\n".join(p for p in paragraphs if p)


def secondary_mark() -> str:
    """The words figures.common adds after a source read in a secondary copy, in the current language."""
    prefix, _sep, suffix = _(SECONDARY, source="\0").partition("\0")
    return suffix.strip() or prefix.strip()


def secondary_regions(figure: FigureSpec) -> list[str]:
    """Names of the regions whose mark rests on a figure read in a secondary copy (from the hover data)."""
    mark = secondary_mark()
    names = []
    for trace in figure["data"]:
        for row in trace.get("customdata") or []:
            if isinstance(row, list | tuple) and len(row) > 6 and mark and mark in str(row[6]):
                names.append(plain(row[1]))
    return list(dict.fromkeys(names))


def chart_notes(meta: ChartMeta, figure: FigureSpec) -> list[str]:
    """The caveats of one chart, for the speaker: basis, badges, secondary copies, footnote, gaps, sources."""
    comparability = meta.comparability
    badges = "; ".join(f"{text}: {why}" for text, why in comparability.badges)
    secondary = secondary_regions(figure)
    return [
        f"{comparability.basis_label}.",
        _("Caveats: {badges}", badges=badges) if badges else "",
        # Translators: {regions} is a comma-separated list of region names
        _("Secondary figures (read in a third-party copy, not at the publisher): {regions}.",
          regions=", ".join(secondary)) if secondary else "",
        _("What is compared: {footnote}", footnote=comparability.footnote) if comparability.footnote else "",
        # Translators: the regions a chart leaves out, each with why: 'Riga: no figure; Oslo: ...'
        _("No data: {regions}", regions="; ".join(f"{name}: {why}" for name, why in meta.missing))
        if meta.missing else "",
        _("Sources: {sources}", sources="; ".join(meta.sources)) if meta.sources else "",
    ]


def source_footer(meta: ChartMeta, width: int = INNER) -> Line:
    """The chart's sources in one line: every source where they fit, else the publishers, else as many
    publishers as fit and how many more (the notes and the data download have every title)."""
    if not meta.sources:
        return Line(_("Source: no figures"), SOURCE_PT, colour=GREY)
    candidates = [_("Sources: {sources}", sources="; ".join(meta.sources)),
                  _("Sources: {publishers} (titles in the notes)", publishers="; ".join(meta.publishers))]
    publishers = list(meta.publishers or meta.sources)
    # Translators: the first publishers of a chart's sources, and how many more there are
    candidates += [ngettext("Sources: {publishers} and {n} more (titles in the notes)",
                            "Sources: {publishers} and {n} more (titles in the notes)", len(publishers) - n,
                            publishers="; ".join(publishers[:n]))
                   for n in range(len(publishers) - 1, 0, -1)]
    for size in FOOTER_PT:
        for text in candidates:
            if len(wrapped([Line(text, size)], width)) == 1:
                return Line(text, size, colour=GREY)
    return Line(ngettext("Sources: {n} publisher (titles in the notes)",
                         "Sources: {n} publishers (titles in the notes)", len(publishers)), FOOTER_PT[-1], colour=GREY)


def _heading(slide, title: str, subtitle: str) -> int:
    """Title (one line if it can, 28-36 pt) and subtitle; returns where the content may start (EMU)."""
    size = fitting_size(title, Emu(INNER).pt * 0.95, 36, 28)
    box = add_text(slide, MARGIN, Inches(0.25), INNER, [Line(title, size, True, DARK)])
    sub = add_text(slide, MARGIN, box.top + box.height, INNER, [Line(subtitle, 18, colour=GREY)])
    return sub.top + sub.height + Inches(0.05)


def chart_slide(prs: Presentation, drawing: str, figure: FigureSpec, meta: ChartMeta, state: ViewState,
                today: dt.date) -> None:
    """A native chart with its title, subtitle and sources (the map, or a chart with no marks: its exported
    picture, which says so)."""
    slide = _blank(prs)
    _notes(slide, chart_notes(meta, figure))
    if has_native(drawing, figure):
        badges = " · ".join(text for text, _why in meta.comparability.badges)
        top = _heading(slide, meta.title, meta.subtitle + (f"  ⚠ {badges}" if badges else ""))
        footer = source_footer(meta)
        bottom = HEIGHT - Inches(0.15) - height_of([footer])
        native_chart(slide, drawing, (MARGIN, top, INNER, bottom - top - Inches(0.05)), figure, state.focus)
        add_text(slide, MARGIN, bottom, INNER, [footer])
        return
    size = IMAGE_SIZES["slide"]
    png = render(decorate(figure, meta, size, today), "png", size.width, size.height, 1.5)
    height = HEIGHT - Inches(0.5)
    width = int(height * size.width / size.height)
    picture = slide.shapes.add_picture(io.BytesIO(png), int((WIDTH - width) / 2), Inches(0.25), width, height)
    picture._element.nvPicPr.cNvPr.set("descr", chart_summary(meta, figure))  # alt text: the page's summary


def _title_slide(prs: Presentation, dataset: Dataset, state: ViewState, today: dt.date) -> None:
    slide = _blank(prs)
    focus = dataset.region_name(state.focus)
    peers = [dataset.region_name(r) for r in state.regions if r != state.focus]
    # Translators: {peers} is a comma-separated list of region names
    compared = _("Compared with {peers}", peers=", ".join(peers)) if peers else _("Compared with no peers")
    add_text(slide, MARGIN, Inches(2.0), INNER, [
        Line(_("{region} and its peers", region=focus), 44, True, DARK),
        Line(compared, 20),
        Line(_("{edition} · Baltic Metropoles dashboard · {date}", edition=_(EDITIONS[state.edition]),
               date=long_date(today)), 16, colour=GREY)],
        space_after=8)


def _profile_slide(prs: Presentation, dataset: Dataset, state: ViewState) -> None:
    """The region's profile in short lines (every number one the profile states), its sources in the notes."""
    from dashboard.profile import build_profile, profile_blocks, profile_slide_lines

    profile = build_profile(dataset, state.focus, state.edition, tuple(r for r in state.regions if r != state.focus))
    slide = _blank(prs)
    add_text(slide, MARGIN, Inches(0.5), INNER, [
        Line(_("{region}: profile", region=dataset.region_name(state.focus)), 36, True, DARK),
        *(Line(line, 18) for line in profile_slide_lines(profile))], space_after=10)
    _notes(slide, [f"[{n['number']}] {n['text']}" for n in profile_blocks(profile)["footnotes"]])


def kpi_peer_lines(line: KpiLine) -> list[str]:
    """The rank among the focus and its peers and the distance from the peers' median, as the page's KPI
    card says them (both read ``KpiLine.standing``); nothing without peers or a figure."""
    return line.standing.lines() if line.standing is not None else []


def card_need(card: Card, width: int) -> int:
    """EMU a card needs to show all its lines at their own sizes (draw_card's layout: label, number, lines)."""
    inner = width - 2 * PADDING
    value_pt = 28 if card.missing else fitting_size(card.value, Emu(inner).pt * 0.92, *VALUE_PT)
    lines = [*card.details, *card.extra, *([card.source] if card.source else [])]
    return int(2 * PADDING + Pt(CARD_LABEL_PT * LINE) + Inches(0.04) + Pt(value_pt * LINE) + Inches(0.06)
               + height_of(wrapped(lines, inner), SPACE_AFTER))


def row_heights(needs: list[int], room: int) -> list[int]:
    """Each row's height: what it needs and an even share of what is left, or, when the rows need more than
    there is, a share in proportion (the cards then leave out their last extra lines)."""
    total = sum(needs)
    if total <= room:
        return [need + (room - total) // len(needs) for need in needs]
    return [int(room * need / total) for need in needs]


def key_figures_slide(slide, dataset: Dataset, state: ViewState) -> list[Card]:
    """The key figures: kpi_slide's cards, 3 + 2 in rows filling the width, each with the page card's rank and
    median lines first among the lines that give way on a full card; a row of cards without figures takes
    only the height it needs, so that the figures' cards have room for all they say."""
    add_text(slide, MARGIN, Inches(0.3), INNER,
             [Line(_("{region}: key figures", region=dataset.region_name(state.focus)), 36, True, DARK)])
    cards = []
    for line in kpi_lines(dataset, state):
        card = kpi_card(dataset, line)
        peers = [Line(text, 14, True) for text in kpi_peer_lines(line)]
        cards.append(replace(card, extra=[*peers, *card.extra]))
    per_row = 3
    rows = [cards[i:i + per_row] for i in range(0, len(cards), per_row)]
    widths = [int((INNER - GAP * (len(row) - 1)) / len(row)) for row in rows]
    heights = row_heights([max(card_need(c, w) for c in row) for row, w in zip(rows, widths, strict=True)],
                          int(HEIGHT - TOP - BOTTOM - GAP * (len(rows) - 1)))
    top = TOP
    for row, width, height in zip(rows, widths, heights, strict=True):
        for column, card in enumerate(row):
            draw_card(slide, card, MARGIN + column * (width + GAP), top, width, height)
        top += height + GAP
    return cards


def _kpi_notes(dataset: Dataset, state: ViewState) -> list[str]:
    """Per key figure: the basis it is compared on, and whether its source is a secondary copy."""
    out = []
    for line in kpi_lines(dataset, state):
        if line.figure is None:
            # Translators: a speaker note; {compared} is e.g. 'compared on core cities'
            out.append(_("{indicator}: no figure, {compared}.", indicator=line.label, compared=compared(line.basis)))
            continue
        # Translators: a speaker note; {compared} is e.g. 'compared on core cities', {source} 'publisher: title'
        out.append(_("{indicator}: {territory}, {compared}; source {source}.", indicator=line.label,
                     territory=territory_name(dataset, line.figure), compared=compared(line.basis),
                     source=source_text(dataset, line.figure.source_id)))
    return out


def _columns(lines: list[Line], width: int, room: int) -> list[list[Line]]:
    """The lines poured into columns ``width`` wide and ``room`` tall, as many columns as they need."""
    columns: list[list[Line]] = [[]]
    used = 0
    for line in lines:
        height = height_of(wrapped([line], width), SOURCE_SPACE) - 2 * INSET
        if columns[-1] and used + height > room:
            columns.append([])
            used = 0
        columns[-1].append(line)
        used += height
    return columns


def _sources_slides(prs: Presentation, sources: list[str]) -> None:
    """The sources of every chart in two columns, at the largest size that fits one slide (from 12 pt down
    to 10 pt), else on as many slides as they need: nothing runs off a slide."""
    width = int((INNER - COLUMN_GAP) / 2)
    room = HEIGHT - SOURCES_TOP - Inches(0.3) - 2 * INSET
    for size in SOURCES_PT:
        lines = [Line(s, size) for s in sources] or [Line(_("No figures in this view."), 14, colour=GREY)]
        columns = _columns(lines, width, room)
        if len(columns) <= 2:
            break
    pages = [columns[i:i + 2] for i in range(0, len(columns), 2)]
    for number, page in enumerate(pages, start=1):
        slide = _blank(prs)
        # Translators: the title of the deck's last slides, when the sources take more than one
        title = (_("Sources ({number} of {total})", number=number, total=len(pages)) if len(pages) > 1
                 else _("Sources"))
        add_text(slide, MARGIN, Inches(0.3), INNER, [Line(title, 32, True, DARK)])
        for column, lines in enumerate(page):
            add_text(slide, MARGIN + column * (width + COLUMN_GAP), SOURCES_TOP, width, lines,
                     space_after=SOURCE_SPACE)


def build_deck(dataset: Dataset, state: ViewState, today: dt.date | None = None) -> bytes:
    today = today or dt.date.today()
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    prs.core_properties.language = current_language()  # the language of its texts (dc:language)
    _title_slide(prs, dataset, state, today)
    slide = _blank(prs)
    key_figures_slide(slide, dataset, state)
    _notes(slide, _kpi_notes(dataset, state))
    used_sources: list[str] = []
    for view in CHARTS:
        figure, meta = view.build(dataset, state)
        chart_slide(prs, view.deck, figure, meta, state, today)
        used_sources += [s for s in meta.sources if s not in used_sources]
    _profile_slide(prs, dataset, state)
    _sources_slides(prs, used_sources)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()

