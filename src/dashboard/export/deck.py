"""A 16:9 slide deck of the current view that a speaker can present as it is, or restyle.

Slides: title, key figures (big native text), one slide per chart, sources. Ranking, shares, trend and
scatter are native PowerPoint charts built from the page's own figure specs (``native_charts``), so
their numbers are the page's and their data sits in the chart; the map is a picture rendered by the
same exporter as the page's downloads. Each chart slide carries title, subtitle and sources; what a
speaker must say aloud (the basis, years far apart, secondary copies, the comparability footnote,
regions without data) is in its speaker notes.
"""

from __future__ import annotations

import datetime as dt
import io

from pptx import Presentation
from pptx.util import Emu, Inches

from dashboard.comparability import compared
from dashboard.data import Dataset
from dashboard.data.schema import EDITIONS
from dashboard.export.images import SIZES as IMAGE_SIZES
from dashboard.export.images import decorate, render
from dashboard.export.kpi_slide import kpi_slide
from dashboard.export.native_charts import has_native, native_chart
from dashboard.export.slide_text import (
    DARK,
    GREY,
    HEIGHT,
    INNER,
    INSET,
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
from dashboard.measures import resolve_basis
from dashboard.state import ViewState
from dashboard.views import CHARTS

SECONDARY = "(secondary copy)"
SOURCE_PT = 12
SOURCES_PT, SOURCE_SPACE = (12, 11, 10), 3
SOURCES_TOP, COLUMN_GAP = Inches(1.3), Inches(0.4)
MAX_SOURCE_LINES = 3


def _blank(prs: Presentation):
    return prs.slides.add_slide(prs.slide_layouts[6])


def _notes(slide, paragraphs: list[str]) -> None:
    slide.notes_slide.notes_text_frame.text = "\n".join(p for p in paragraphs if p)


def secondary_regions(figure: FigureSpec) -> list[str]:
    """Names of the regions whose mark rests on a figure read in a secondary copy (from the hover data)."""
    names = []
    for trace in figure["data"]:
        for row in trace.get("customdata") or []:
            if isinstance(row, list | tuple) and len(row) > 6 and SECONDARY in str(row[6]):
                names.append(plain(row[1]))
    return list(dict.fromkeys(names))


def chart_notes(meta: ChartMeta, figure: FigureSpec) -> list[str]:
    """The caveats of one chart, for the speaker: basis, badges, secondary copies, footnote, gaps, sources."""
    comparability = meta.comparability
    badges = "; ".join(f"{text}: {why}" for text, why in comparability.badges)
    secondary = secondary_regions(figure)
    return [
        f"{comparability.basis_label}.",
        f"Caveats: {badges}" if badges else "",
        f"Secondary figures (read in a third-party copy, not at the publisher): {', '.join(secondary)}."
        if secondary else "",
        f"What is compared: {comparability.footnote}" if comparability.footnote else "",
        "No data: " + "; ".join(f"{name}: {why}" for name, why in meta.missing) if meta.missing else "",
        "Sources: " + "; ".join(meta.sources) if meta.sources else "",
    ]


def _source_lines(meta: ChartMeta) -> list[Line]:
    """All sources when they fit in a few lines, else the publishers (the notes have them all)."""
    if not meta.sources:
        return [Line("Source: no figures", SOURCE_PT, colour=GREY)]
    full = [Line("Sources: " + "; ".join(meta.sources), SOURCE_PT, colour=GREY)]
    if len(wrapped(full, INNER)) <= MAX_SOURCE_LINES:
        return full
    return [Line("Sources: " + "; ".join(meta.publishers) + " (full titles in the notes and the data download)",
                 SOURCE_PT, colour=GREY)]


def _heading(slide, title: str, subtitle: str) -> int:
    """Title (one line if it can, 28-36 pt) and subtitle; returns where the content may start (EMU)."""
    size = fitting_size(title, Emu(INNER).pt * 0.95, 36, 28)
    box = add_text(slide, MARGIN, Inches(0.25), INNER, [Line(title, size, True, DARK)])
    sub = add_text(slide, MARGIN, box.top + box.height, INNER, [Line(subtitle, 18, colour=GREY)])
    return sub.top + sub.height + Inches(0.05)


def chart_slide(prs: Presentation, name: str, figure: FigureSpec, meta: ChartMeta, state: ViewState,
                today: dt.date) -> None:
    """A native chart with its title, subtitle and sources (the map, or a chart with no marks: its exported
    picture, which says so)."""
    slide = _blank(prs)
    _notes(slide, chart_notes(meta, figure))
    if has_native(name, figure):
        badges = " · ".join(text for text, _ in meta.comparability.badges)
        top = _heading(slide, meta.title, meta.subtitle + (f"  ⚠ {badges}" if badges else ""))
        sources = _source_lines(meta)
        bottom = HEIGHT - Inches(0.2) - height_of(wrapped(sources, INNER))
        native_chart(slide, name, (MARGIN, top, INNER, bottom - top - Inches(0.1)), figure, state.focus)
        add_text(slide, MARGIN, bottom, INNER, sources)
        return
    size = IMAGE_SIZES["slide"]
    png = render(decorate(figure, meta, size, today), "png", size.width, size.height, 1.5)
    height = HEIGHT - Inches(0.5)
    width = int(height * size.width / size.height)
    picture = slide.shapes.add_picture(io.BytesIO(png), int((WIDTH - width) / 2), Inches(0.25), width, height)
    picture._element.nvPicPr.cNvPr.set("descr", f"{meta.title}. {meta.subtitle}")  # alt text: the picture's words


def _title_slide(prs: Presentation, dataset: Dataset, state: ViewState, today: dt.date) -> None:
    slide = _blank(prs)
    focus = dataset.region_name(state.focus)
    peers = [dataset.region_name(r) for r in state.regions if r != state.focus]
    add_text(slide, MARGIN, Inches(2.0), INNER, [
        Line(f"{focus} and its peers", 44, True, DARK),
        Line(f"Compared with {', '.join(peers) or 'no peers'}", 20),
        Line(f"{EDITIONS[state.edition]} · Baltic Metropoles dashboard · {today.isoformat()}", 16, colour=GREY)],
        space_after=8)


def _profile_slide(prs: Presentation, dataset: Dataset, state: ViewState) -> None:
    """The region's profile in short lines (every number one the profile states), its sources in the notes."""
    from dashboard.profile import build_profile, profile_blocks, profile_slide_lines

    profile = build_profile(dataset, state.focus, state.edition, tuple(r for r in state.regions if r != state.focus))
    slide = _blank(prs)
    add_text(slide, MARGIN, Inches(0.5), INNER, [
        Line(f"{dataset.region_name(state.focus)}: profile", 36, True, DARK),
        *(Line(line, 18) for line in profile_slide_lines(profile))], space_after=10)
    _notes(slide, [f"[{n['number']}] {n['text']}" for n in profile_blocks(profile)["footnotes"]])


def _kpi_notes(dataset: Dataset, state: ViewState) -> list[str]:
    """Per key figure: the basis it is compared on, and whether its source is a secondary copy."""
    out = []
    for kpi in dataset.kpi_ids:
        basis = resolve_basis(dataset, state.basis, kpi, state.edition)
        figure = dataset.figure(state.focus, kpi, state.edition, state.year, basis)
        label = dataset.indicator(kpi)["short_label"]
        if figure is None:
            out.append(f"{label}: no figure, {compared(basis)}.")
            continue
        out.append(f"{label}: {figure.territory}, {compared(basis)}; source {source_text(dataset, figure.source_id)}.")
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
        lines = [Line(s, size) for s in sources] or [Line("No figures in this view.", 14, colour=GREY)]
        columns = _columns(lines, width, room)
        if len(columns) <= 2:
            break
    pages = [columns[i:i + 2] for i in range(0, len(columns), 2)]
    for number, page in enumerate(pages, start=1):
        slide = _blank(prs)
        title = "Sources" + (f" ({number} of {len(pages)})" if len(pages) > 1 else "")
        add_text(slide, MARGIN, Inches(0.3), INNER, [Line(title, 32, True, DARK)])
        for column, lines in enumerate(page):
            add_text(slide, MARGIN + column * (width + COLUMN_GAP), SOURCES_TOP, width, lines,
                     space_after=SOURCE_SPACE)


def build_deck(dataset: Dataset, state: ViewState, today: dt.date | None = None) -> bytes:
    today = today or dt.date.today()
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    _title_slide(prs, dataset, state, today)
    slide = _blank(prs)
    kpi_slide(slide, dataset, state)
    _notes(slide, _kpi_notes(dataset, state))
    used_sources: list[str] = []
    for view in CHARTS:
        figure, meta = view.build(dataset, state)
        chart_slide(prs, view.name, figure, meta, state, today)
        used_sources += [s for s in meta.sources if s not in used_sources]
    _profile_slide(prs, dataset, state)
    _sources_slides(prs, used_sources)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()

