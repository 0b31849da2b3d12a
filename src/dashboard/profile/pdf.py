"""The printable profile: one A4 page per region, and a booklet of all regions with a comparison table.

Each page holds the headline cards, the text with footnote numbers, the then-and-now table, a ranking
against the peers and a population / GDP trend (kaleido PNGs) and the sources. Text is set at the
largest of a few sizes that fits the page; a last shrink-to-fit guarantees one page, never an overflow.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepInFrame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from dashboard.data import Dataset
from dashboard.i18n import _, current_language, long_date
from dashboard.profile.build import build_profile, rule_lines, subtitle, with_unit
from dashboard.profile.charts import chart_pngs
from dashboard.profile.fonts import BOLD, REGULAR, drawable, register
from dashboard.profile.model import Profile

MARGIN = 13 * mm
PAGE_W, PAGE_H = A4
BODY_W, BODY_H = PAGE_W - 2 * MARGIN, PAGE_H - 2 * MARGIN - 6 * mm  # room for the page footer
SCALES = (1.15, 1.07, 1.0, 0.93, 0.86, 0.8, 0.74, 0.68)
INK, GREY, RULE, CARD = colors.HexColor("#111827"), colors.HexColor("#4b5563"), colors.HexColor("#d1d5db"), \
    colors.HexColor("#f3f4f6")
CHART_W = 68 * mm


def _style(size: float, bold: bool = False, colour=INK, leading: float = 1.25, **extra) -> ParagraphStyle:
    return ParagraphStyle("p", fontName=BOLD if bold else REGULAR, fontSize=size, leading=size * leading,
                          textColor=colour, splitLongWords=1, **extra)


def _text(text: str) -> str:
    return escape(drawable(text))


def _marks(notes: Iterable[int]) -> str:
    notes = list(notes)
    return f"<super>{','.join(str(n) for n in notes)}</super>" if notes else ""


def _card_marks(notes: Iterable[int], s: float) -> str:
    """' [1]' beside a card's number, not a superscript that would read as a power (4¹¹)."""
    notes = list(notes)
    return (f"<font name='{REGULAR}' size='{6 * s:.1f}' color='#4b5563'> [{','.join(map(str, notes))}]</font>"
            if notes else "")


def _cards(profile: Profile, s: float) -> Table:
    cells = []
    for h in profile.headlines:
        # Translators: a key figure's card in the PDF when the sources give no figure.
        value = with_unit(h.value, h.unit, h.shown_unit) if h.value else _("no figure")
        lines = [Paragraph(_text(h.label), _style(6.8 * s, colour=GREY)),
                 Paragraph(_text(value) + _card_marks(h.notes, s), _style((11 if h.value else 9) * s, bold=True))]
        if h.value:
            lines.append(Paragraph(_text(f"{h.year} · {h.kind_short or h.kind_label}"),
                                   _style(6.5 * s, colour=GREY)))
        cells.append(lines)
    table = Table([cells], colWidths=[BODY_W / max(len(cells), 1)] * len(cells))
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), CARD), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEAFTER", (0, 0), (-2, -1), 2, colors.white),
                               ("TOPPADDING", (0, 0), (-1, -1), 3 * s), ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * s)]))
    return table


def _paragraphs(profile: Profile, s: float) -> list[Flowable]:
    out: list[Flowable] = []
    for paragraph in profile.paragraphs:
        out.append(Paragraph(_text(paragraph.heading), _style(8.4 * s, bold=True, spaceBefore=4 * s)))
        body = "".join(_text(c.text) + _marks(c.notes) for c in paragraph.chunks)
        out.append(Paragraph(body, _style(8 * s, leading=1.3)))
    return out


def _then_now(profile: Profile, s: float) -> list[Flowable]:
    if not profile.then_now:
        return []
    small = _style(6.8 * s)
    # Translators: the headings of the PDF's then-and-now table's columns.
    titles = ("", _("BaltMet profiles (c. 2007)"), _("Recent statistics"), _("How to read it"))
    head = [Paragraph(f"<b>{_text(t)}</b>", small) for t in titles]
    rows = [head]
    for row in profile.then_now:
        # Translators: a then-and-now row of one territory only: the indicator's label, then the territory's name.
        label = _("{indicator}, {territory}", indicator=row.label, territory=row.chunk.facts[0].territory) \
            if row.like_for_like else row.label
        rows.append([Paragraph(_text(label), small), Paragraph(_text(row.then), small),
                     Paragraph(_text(row.now) + _marks(row.chunk.notes), small), Paragraph(_text(row.remark), small)])
    widths = [0.16, 0.29, 0.29, 0.26]
    table = Table(rows, colWidths=[w * BODY_W for w in widths], repeatRows=1)
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, 0), 0.6, GREY), ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 2),
                               ("TOPPADDING", (0, 0), (-1, -1), 1.2 * s),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2 * s)]))
    return [Paragraph(_text(_("Then and now")), _style(8.4 * s, bold=True, spaceBefore=5 * s, spaceAfter=2 * s)), table]


def _footnotes(profile: Profile, s: float) -> list[Flowable]:
    tiny = _style(5.9 * s, colour=GREY, leading=1.2)
    notes = [Paragraph(f"<super>{n.number}</super> " + _text(n.text), tiny) for n in profile.footnotes]
    half = (len(notes) + 1) // 2
    left, right = notes[:half], notes[half:]
    rows = [[left[i], right[i] if i < len(right) else ""] for i in range(half)]
    out: list[Flowable] = [Paragraph(_text(_("Sources")), _style(7.4 * s, bold=True, spaceBefore=5 * s, spaceAfter=1))]
    if rows:
        table = Table(rows, colWidths=[BODY_W / 2] * 2)
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 6), ("TOPPADDING", (0, 0), (-1, -1), 0.6),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6)]))
        out.append(table)
    # Translators: the PDF's last line before the footer; {rules} are the sentences of how each derived value
    # was made.
    derived = _("Derived values — {rules}", rules=" ".join(rule_lines(profile)))
    out.append(Paragraph(_text(derived), _style(5.9 * s, colour=GREY, spaceBefore=2)))
    return out


def _image(data: bytes, width: float) -> Image:
    picture = Image(io.BytesIO(data))
    ratio = picture.imageHeight / picture.imageWidth
    return Image(io.BytesIO(data), width=width, height=width * ratio)


def _page(profile: Profile, charts: tuple[bytes, bytes], s: float) -> list[Flowable]:
    title = [Paragraph(_text(profile.title), _style(16 * s, bold=True, spaceAfter=1)),
             Paragraph(_text(subtitle(profile)), _style(8 * s, colour=GREY, spaceAfter=4 * s))]
    chart_w = CHART_W * min(s, 1.0)
    right = [_image(charts[0], chart_w), Spacer(1, 3 * mm), _image(charts[1], chart_w)]
    body = Table([[_paragraphs(profile, s), right]], colWidths=[BODY_W - chart_w - 4 * mm, chart_w + 4 * mm])
    body.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (0, 0), 4 * mm), ("RIGHTPADDING", (1, 0), (1, 0), 0),
                              ("TOPPADDING", (0, 0), (-1, -1), 0)]))
    return [*title, _cards(profile, s), Spacer(1, 2 * mm), body, *_then_now(profile, s), *_footnotes(profile, s)]


def _height(flowables: list[Flowable]) -> float:
    total = 0.0
    for f in flowables:
        total += f.wrap(BODY_W, BODY_H)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def fitted_page(profile: Profile, charts: tuple[bytes, bytes]) -> KeepInFrame:
    """The page's flowables at the largest type size that fits, held to one page whatever happens."""
    register()
    for s in SCALES:
        flowables = _page(profile, charts, s)
        if _height(flowables) <= BODY_H:
            break
    return KeepInFrame(BODY_W, BODY_H, _page(profile, charts, s), mode="shrink")


def _footer(label: str, today: dt.date) -> Callable:
    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 6.5)
        canvas.setFillColor(GREY)
        # Translators: the PDF's page footer; 'Baltic Metropoles' is the product's name, {edition} the edition's
        # label, {date} the day it was written.
        canvas.drawString(MARGIN, MARGIN - 4 * mm, drawable(
            _("Baltic Metropoles · {edition} · {date} · figures as published by the sources", edition=label,
              date=long_date(today))))
        canvas.drawRightString(PAGE_W - MARGIN, MARGIN - 4 * mm, f"{doc.page}")
        canvas.restoreState()
    return draw


def _document(story: list[Flowable], title: str, label: str, today: dt.date) -> bytes:
    """The PDF, its metadata in the current language (its /Lang too, for screen readers and search)."""
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                          bottomMargin=MARGIN, title=title, author="Baltic Metropoles dashboard",
                          subject=label, creator="Baltic Metropoles dashboard", lang=pdf_language())
    frame = Frame(MARGIN, MARGIN + 2 * mm, BODY_W, BODY_H, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0)
    doc.addPageTemplates([PageTemplate("page", frames=[frame], onPage=_footer(label, today))])
    doc.build(story)
    return out.getvalue()


def pdf_language() -> str:
    """The PDF's /Lang: the current language's code (the pseudo-language's texts are English underneath)."""
    code = current_language()
    return "en" if code == "qps" else code


def profile_pdf(dataset: Dataset, region: str, edition: str, peers: tuple[str, ...] = (),
                today: dt.date | None = None) -> bytes:
    """One A4 page: the profile of ``region`` in ``edition`` against ``peers``."""
    profile = build_profile(dataset, region, edition, peers)
    charts = chart_pngs(dataset, region, profile.peers, edition)
    return _document([fitted_page(profile, charts)], profile.title, profile.edition_label, today or dt.date.today())


def _cover(dataset: Dataset, profiles: list[Profile], peers: tuple[str, ...], group: str = "",
           s: float = 1.0) -> list[Flowable]:
    first = profiles[0]
    compared = [dataset.region_name(r) for r in dataset.region_ids if r in set(peers)]
    rows = [[Paragraph(_text(p.name), _style(10)), Paragraph(_text(p.country), _style(10, colour=GREY)),
             Paragraph(str(i + 2), _style(10, alignment=2))] for i, p in enumerate(profiles)]
    rows.append([Paragraph(_text(_("Comparison of the headline figures")), _style(10)), "",
                 Paragraph(str(len(profiles) + 2), _style(10, alignment=2))])
    contents = Table(rows, colWidths=[0.5 * BODY_W, 0.35 * BODY_W, 0.15 * BODY_W])
    contents.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE)]))
    # Translators: the booklet's introduction on its cover.
    intro = _("Each page sets a region's figures in the manner of the BaltMet Inno profiles (2005–2007): size and "
              "weight in the country, productivity, knowledge base, innovation infrastructure and economic "
              "structure, each sentence only where the data has its figures, each number with its source. "
              "'Then and now' sets the c. 2007 figures beside recent ones and says when they describe different "
              "territories, so that a difference is not read as growth.")
    # Translators: the booklet's cover; {regions} is a comma-separated list of region names.
    peers_line = _("Compared with: {regions}.", regions=", ".join(compared)) if compared else \
        _("Compared with: no peers.")
    return [Spacer(1, 40 * mm), Paragraph("Baltic Metropoles", _style(30, bold=True, spaceAfter=8)),
            # Translators: the booklet's cover; {edition} is the edition's label ('BaltMet profiles (c. 2007)').
            Paragraph(_text(_("Region profiles — {edition}", edition=first.edition_label)),
                      _style(16, colour=GREY, spaceAfter=18)),
            *([Paragraph(_text(group), _style(12, bold=True, spaceAfter=10))] if group else []),
            Paragraph(_text(intro), _style(10, leading=1.4, spaceAfter=14)),
            Paragraph(_text(peers_line), _style(9, colour=GREY, spaceAfter=16)),
            contents]


def _comparison(profiles: list[Profile]) -> list[Flowable]:
    """Headline figures per region, each with its year and kind of territory."""
    kpis = [h.label for h in profiles[0].headlines]
    small, head = _style(6.6, leading=1.2), _style(7, bold=True)
    # Translators: the heading of the comparison table's first column (the regions' names).
    rows = [[Paragraph(_text(_("Region")), head), *[Paragraph(_text(k), head) for k in kpis]]]
    for p in profiles:
        cells = [Paragraph(_text(p.name), _style(7.5, bold=True))]
        for h in p.headlines:
            if not h.value:
                cells.append(Paragraph("—", _style(7, colour=GREY)))
                continue
            cells.append(Paragraph(f"<b>{_text(with_unit(h.value, h.unit, h.shown_unit))}</b><br/>"
                                   f"<font color='#4b5563'>{_text(h.year)} · "
                                   f"{_text(h.kind_short or h.kind_label)}</font>", small))
        rows.append(cells)
    first_w = 0.14 * BODY_W
    table = Table(rows, colWidths=[first_w] + [(BODY_W - first_w) / len(kpis)] * len(kpis), repeatRows=1)
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, 0), 0.8, GREY), ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 3),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    # Translators: the note under the booklet's comparison table.
    note = _("Each figure is the region's own for its widest defined territory, as each profile states it; "
             "'—': no figure in the sources collected (the page of the region says why where known). Kinds: "
             "Eurostat metro region (NUTS 3 regions around a functional urban area), functional urban area (as a "
             "city or office defines it), county (a county or statistical region that is not the metro area), core "
             "city, extent not stated. Figures of different kinds are not comparable; sources are on each region's "
             "page.")
    return [Paragraph(_text(_("Comparison of the headline figures")), _style(14, bold=True, spaceAfter=4)),
            Paragraph(_text(profiles[0].edition_label), _style(9, colour=GREY, spaceAfter=8)), table,
            Paragraph(_text(note), _style(7, colour=GREY, spaceBefore=8, leading=1.35))]


def booklet_pdf(dataset: Dataset, edition: str, peers: tuple[str, ...] | None = None,
                today: dt.date | None = None, *, regions: tuple[str, ...] | None = None, group: str = "") -> bytes:
    """Cover, one page per region of ``regions`` (default: every region; each against ``peers``, default: the
    same regions), a comparison table, page numbers. ``group`` names the regions on the cover."""
    register()
    regions = tuple(dataset.region_ids) if regions is None else tuple(r for r in regions if dataset.has_region(r))
    if not regions:
        raise ValueError("a booklet needs at least one region")
    peers = regions if peers is None else peers
    profiles = [build_profile(dataset, r, edition, peers) for r in regions]
    story: list[Flowable] = [*_cover(dataset, profiles, peers, group), PageBreak()]
    for profile in profiles:
        story += [fitted_page(profile, chart_pngs(dataset, profile.region_id, profile.peers, edition)), PageBreak()]
    story += [KeepInFrame(BODY_W, BODY_H, _comparison(profiles), mode="shrink")]
    label = profiles[0].edition_label
    # Translators: the booklet PDF's title (its metadata); {edition} is the edition's label.
    title = _("Baltic Metropoles: region profiles ({edition})", edition=label)
    return _document(story, title, label, today or dt.date.today())


__all__ = ["booklet_pdf", "fitted_page", "profile_pdf"]
