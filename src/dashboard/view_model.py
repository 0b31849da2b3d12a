"""What a view says, computed once below the UI: the key figures' lines, the rows of the figures table and
each chart's summary in words.

The page's KPI cards (components/kpi_card), the deck's key-figures slide (export/kpi_slide, export/deck), the
profile's key figures (profile/build, on the 'as reported' basis), the figures table (components/figures_table)
and the CSV/XLSX downloads (export/tables, export/package) all read these plain records, so they say the same
thing; none of them reads another's components.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from statistics import median

from dashboard.comparability import compared, kind_label, sentence_start
from dashboard.data import Dataset
from dashboard.data.figure import Figure
from dashboard.figures.common import ChartMeta, point_text, source_text
from dashboard.figures.spec import FigureSpec
from dashboard.formatting import format_number, format_value, format_year, qualifier_text
from dashboard.i18n import N_, _, cldr_locale, current_language, long_date, ngettext, pgettext, with_percent
from dashboard.measures import (
    Point,
    change_since,
    context_figure,
    effective_measure,
    measure_label,
    measure_unit,
    no_comparable,
    point_of,
    points,
    territory_name,
)
from dashboard.state import ViewState
from dashboard.views import CHARTS, headline_basis

# Marked for the catalogs; shown as _(MIXED_TERRITORIES) etc. (Standing's text is already translated)
MIXED_TERRITORIES = N_("mixed territories")
MIXED_WHY = N_("The ranked figures describe different kinds of territory")
NO_PEER = N_("No peer has this figure")


def ordinal(n: int) -> str:
    """'1st', '22nd', '13th' in English; the form the current language's CLDR ordinal rule picks ('1.' in
    German or Finnish, whose translators write every category as '{n}.')."""
    form = cldr_locale(current_language()).ordinal_form(n)
    if form == "one":
        # Translators: an ordinal number of CLDR's ordinal category 'one' (English 1st, 21st)
        return pgettext("ordinal one", "{n}st", n=n)
    if form == "two":
        # Translators: an ordinal number of CLDR's ordinal category 'two' (English 2nd, 22nd)
        return pgettext("ordinal two", "{n}nd", n=n)
    if form == "few":
        # Translators: an ordinal number of CLDR's ordinal category 'few' (English 3rd, 23rd)
        return pgettext("ordinal few", "{n}rd", n=n)
    if form == "many":
        # Translators: an ordinal number of CLDR's ordinal category 'many' (none in English)
        return pgettext("ordinal many", "{n}th", n=n)
    # Translators: an ordinal number of CLDR's ordinal category 'other' (English 4th, 11th; German '{n}.')
    return pgettext("ordinal other", "{n}th", n=n)


@dataclass(frozen=True)
class ShareLine:
    """'25% of Finland's population (c. 2007)', and the figure it was computed or read from."""

    text: str
    territory: str
    how: str
    point: Point
    indicator: str
    measure: str


@dataclass(frozen=True)
class ContextLine:
    """The region's other territory beside the headline, for context; never ranked."""

    text: str
    figure: Figure
    title: str


@dataclass(frozen=True)
class Standing:
    """The focus among its peers: rank (and whether the ranked figures mix territories), distance from the
    peers' median; ``rank`` is NO_PEER when no peer has the figure."""

    rank: str
    mixed: bool = False
    median: str = ""
    no_peer: bool = False  # ``rank`` says that no peer has the figure (NO_PEER, in the view's language)

    def lines(self) -> list[str]:
        """The lines as text, the mixed-territories mark after a '·' (the deck's notes and cards)."""
        first = self.rank + (f" · {_(MIXED_TERRITORIES)}" if self.mixed else "")
        return [first, *([self.median] if self.median else [])]


@dataclass(frozen=True)
class KpiLine:
    """One key figure of the focus on the view's basis: what its card, slide card and table rows say.

    ``figure`` None: ``value`` is 'No data' or 'No comparable figure' (translated) and ``missing`` says why.
    """

    indicator: str
    label: str
    icon: str
    basis: str
    figure: Figure | None
    value: str
    missing: str = ""
    qualifier_text: str = ""
    unit: str = ""
    year: str = ""
    kind: str = ""  # 'Eurostat metropolitan region · compared on ...'
    share: ShareLine | None = None
    context: ContextLine | None = None
    standing: Standing | None = None  # None without peers or without a figure


def card_share(dataset: Dataset, region_id: str, indicator_id: str, edition: str, year: int | None,
               basis: str = "reported") -> tuple[Point, str, str, str] | None:
    """(point, its indicator, its measure, what it is a share of) of the share a key figure shows: computed
    from a national total of the same year, or as a source reported it; None when neither exists."""
    declared = dataset.indicator(indicator_id)
    sources = [(indicator_id, "share", declared.share_label)] if declared.share_label else []
    if declared.card_extra_share:
        extra = dataset.indicator(declared.card_extra_share)
        sources.append((declared.card_extra_share, "absolute", extra.share_label.split(" (")[0] or
                        extra.short_label))
    for source_indicator, measure, what in sources:
        share = points(dataset, (region_id,), source_indicator, edition, measure, year, basis)[0]
        if share.value is not None:
            return share, source_indicator, measure, what
    return None


def share_line(dataset: Dataset, region_id: str, indicator_id: str, edition: str, year: int | None,
               basis: str = "reported", headline: Figure | None = None) -> ShareLine | None:
    """'25% of Finland's population (c. 2007)'; a share of another territory than the headline's names its
    own ('18% of Finland's jobs (2021, City of Helsinki)'), so that it never reads as the headline's."""
    found = card_share(dataset, region_id, indicator_id, edition, year, basis)
    if found is None:
        return None
    share, indicator, measure, what = found
    decimals = 0 if float(share.value).is_integer() else 1
    own = headline is not None and share.territory_id == headline.territory_id
    values = {"share": with_percent(format_value(share.value, decimals, share.qualifier)),
              "country": dataset.region_country_text(region_id, "name"),
              "country_genitive": dataset.region_country_text(region_id, "genitive"),
              "what": what, "share_words": dataset.indicator(indicator).share_of,
              "year": format_year(share.year, share.year_approx)}
    # Translators: a key figure's share line ('25% of Finland's population (c. 2007)'); {what} comes from the
    # data tables (the indicator's legend label: 'population', 'GVA'). The sentence may instead use
    # {country_genitive} (the country's genitive: 'Suomen') and {share_words} (what the share is of, in the form
    # '29 % of Finland's …' takes: 'väestöstä', 'der Arbeitsplätze')
    text = (_("{share} of {country}'s {what} ({year})", **values) if own else
            _("{share} of {country}'s {what} ({year}, {territory})", territory=share.territory, **values))
    return ShareLine(text, share.territory, share.how or _("share as reported by the source"), share, indicator,
                     measure)


def context_line(dataset: Dataset, indicator_id: str, figure: Figure) -> ContextLine | None:
    """'Helsinki Region (12 municipalities): 1 300 000 persons (c. 2007)': the region's other territory
    beside the headline (the city under a wider figure, or the reverse), for context; not ranked."""
    other = context_figure(dataset, figure) if dataset.indicator(indicator_id).kpi_context else None
    if other is None:
        return None
    unit = dataset.indicator(indicator_id).unit
    text = _("{territory}: {value} {unit} ({year})", territory=territory_name(dataset, other),
             value=format_value(other.value, 0, other.qualifier), unit=unit,
             year=format_year(other.year, other.year_approx))
    return ContextLine(text, other, _("{kind}, for context; not ranked. {note}",
                                      kind=sentence_start(kind_label(other.territory_kind, dataset)), note=other.note))


def standing(focus: Point, peer_points: list[Point], decimals: int) -> Standing:
    """Rank among focus + peers with a figure, and the difference from the peers' median."""
    ranked = sorted([focus, *[p for p in peer_points if p.value is not None]], key=lambda p: -p.value)
    if len(ranked) < 2:
        return Standing(_(NO_PEER), no_peer=True)
    position = next(i for i, p in enumerate(ranked, start=1) if p.region_id == focus.region_id)
    mixed = len({p.territory_kind for p in ranked}) > 1
    peer_values = [p.value for p in ranked if p.region_id != focus.region_id]  # the focus is not its own peer
    mid = median(peer_values)
    distance = ""
    if mid:
        difference = (focus.value - mid) / mid * 100  # the sign, then the number as the language writes it
        signed = with_percent(("-" if difference < 0 else "+") + format_number(abs(difference), 0))
        # Translators: the focus against its peers' median ('-67% vs peers' median (300)')
        distance = _("{difference} vs peers' median ({median})", difference=signed, median=format_value(mid, decimals))
    # Translators: a rank among the regions with the figure ('2nd of 4')
    return Standing(_("{rank} of {total}", rank=ordinal(position), total=len(ranked)), mixed, distance)


def kpi_line(dataset: Dataset, state: ViewState, indicator_id: str) -> KpiLine:
    """One key figure of the view's focus on the headline basis (``views.headline_basis``)."""
    indicator = dataset.indicator(indicator_id)
    basis = headline_basis(dataset, state)
    label, icon = indicator.short_label, indicator.icon
    region, edition, year = state.focus, state.edition, state.year
    figure = dataset.figure(region, indicator_id, edition, year, basis)
    if figure is None:
        reason = no_comparable(dataset, region, indicator_id, edition, year, basis).missing
        comparable = dataset.figure(region, indicator_id, edition, year) is None or basis == "reported"
        return KpiLine(indicator_id, label, icon, basis, None,
                       _("No data") if comparable else _("No comparable figure"),
                       missing=reason, share=share_line(dataset, region, indicator_id, edition, year))
    decimals = indicator.decimals
    others = state.others
    rank = None
    if others:
        focus_point = points(dataset, (region,), indicator_id, edition, "absolute", year, basis)[0]
        rank = standing(focus_point, points(dataset, others, indicator_id, edition, "absolute", year, basis),
                        decimals)
    return KpiLine(
        indicator_id, label, icon, basis, figure, format_value(figure.value, decimals, figure.qualifier),
        qualifier_text=qualifier_text(figure.qualifier), unit=indicator.unit,
        year=format_year(figure.year, figure.year_approx),
        kind=f"{sentence_start(kind_label(figure.territory_kind, dataset))} · {compared(basis)}",
        share=share_line(dataset, region, indicator_id, edition, year, basis, figure),
        context=context_line(dataset, indicator_id, figure), standing=rank)


def kpi_lines(dataset: Dataset, state: ViewState) -> tuple[KpiLine, ...]:
    """Every key figure of the view, in the declared KPI order, written in the current language."""
    return _kpi_lines(dataset, state, current_language())


@lru_cache(maxsize=32)  # a click reads them for the cards and again for the table's rows and the official share
def _kpi_lines(dataset: Dataset, state: ViewState, lang: str) -> tuple[KpiLine, ...]:
    """``kpi_lines`` per language: ``state.lang`` names the language the page asked for; ``lang`` the one
    the text is written in (the same in a request), so that neither can serve the other's text."""
    return tuple(kpi_line(dataset, state, kpi) for kpi in dataset.kpi_ids)


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace("<", "&lt;")


def table_row(dataset: Dataset, indicator: str, measure: str, p: Point) -> dict:
    """One figure as the table and the downloads list it (``source`` is markdown with links)."""
    links, texts = [], []
    for source_id in p.source_ids:
        source = dataset.source(source_id)
        title = str(source["title"])  # a source's title stays in its own language
        title = _md(_("Your data: {title}", title=title) if dataset.is_user_source(source_id) else title)
        links.append(f"[{title}]({source['url']})" if source["url"] else title)
        texts.append(source_text(dataset, source_id))
    return {
        "region": dataset.region_name(p.region_id), "indicator": dataset.indicator(indicator).label,
        "measure": measure_label(measure), "value": p.value,
        "value_text": point_text(dataset, indicator, measure, p), "unit": measure_unit(dataset, indicator, measure),
        "year": format_year(p.year, p.year_approx) if p.year else "", "territory": p.territory,
        "territory_kind": kind_label(p.territory_kind, dataset), "qualifier": p.qualifier,
        "secondary": any(dataset.is_secondary(s) for s in p.source_ids),
        "source": "; ".join(links), "source_text": "; ".join(texts), "how": p.how,
        "source_ids": list(p.source_ids), "year_number": p.year, "year_approx": p.year_approx,
    }


def card_figures(dataset: Dataset, state: ViewState) -> list[tuple[str, str, Point]]:
    """(indicator, measure, point) of what the key figures show: each headline, its share line and the other
    territory beside it for context; a key figure without a headline shows any share the region reports."""
    out = []
    for line in kpi_lines(dataset, state):
        if line.share is not None:
            out.append((line.share.indicator, line.share.measure, line.share.point))
        if line.figure is not None:
            out.append((line.indicator, "absolute", point_of(line.figure, dataset)))
            if line.context is not None:
                out.append((line.indicator, "absolute", point_of(line.context.figure, dataset)))
    return out


def view_figures(dataset: Dataset, state: ViewState) -> list[tuple[str, str, Point]]:
    """(indicator, measure, point) of exactly the figures the view draws, each once: every key figure's headline,
    share and context figure, and every figure of every chart (the builders say what they drew: ChartMeta.drawn)."""
    figures, seen = [], set()
    for indicator, measure, p in (*card_figures(dataset, state),
                                  *(drawn for view in CHARTS for drawn in view.build(dataset, state)[1].drawn)):
        key = (p.region_id, indicator, measure, p.year, p.territory_id, p.source_ids)
        if p.value is not None and key not in seen:
            seen.add(key)
            figures.append((indicator, measure, p))
    return figures


def table_rows(dataset: Dataset, state: ViewState) -> list[dict]:
    """The view's figures (``view_figures``) as the table and the downloads list them."""
    return [table_row(dataset, indicator, measure, p) for indicator, measure, p in view_figures(dataset, state)]


SUMMARY_MARKS = 40  # a screen reader hears at most this many marks; a crowded map or scatter has thousands


def chart_summary(meta: ChartMeta, figure: FigureSpec) -> str:
    """The chart in words, for screen readers (the page's hidden summary, the deck's picture alt text): every mark's
    region, value, unit and year."""
    marks = []
    no_data = _("no data")
    for trace in figure["data"]:
        for data in trace.get("customdata") or ():
            if len(data) > 4 and data[2] != no_data:
                # Translators: one mark of a chart read out: region, value, unit and (year)
                mark = _("{region} {value} {unit} ({year})", region=data[1], value=data[2], unit=data[3], year=data[4])
                marks.append(mark.replace("<b>", "").replace("</b>", ""))
    marks = list(dict.fromkeys(marks))
    more = len(marks) - SUMMARY_MARKS
    shown = "; ".join(marks[:SUMMARY_MARKS])
    if more > 0:
        shown = ngettext("{marks}; and {n} more (the Table tab lists them)",
                         "{marks}; and {n} more (the Table tab lists them)", more, marks=shown)
    # Translators: a chart in words for screen readers: its title, subtitle and marks, each a sentence
    return _("{title}. {subtitle}. {marks}.", title=meta.title, subtitle=meta.subtitle,
             marks=shown or _("no figures"))


# "Figures as of" and the official share: what the page says about the provenance of the view's figures.
READ_ON = re.compile(r"(?<![-\w])read (\d{4}-\d{2}-\d{2})\b")  # 'read 2026-12-01', never 'not re-read …'
READ_IN_YEAR = re.compile(r"(?<![-\w])read (\d{4})\b")  # 'archived copy read 2026'


@dataclass(frozen=True)
class Provenance:
    """How many of the view's figures come from official statistics, and when their sources were read."""

    official: int
    total: int
    read_up_to: str  # '2026-12-07', a year ('2026') when no source gives a day, '' when none says

    @property
    def text(self) -> str:
        read = (_("Figures as of {date} (the newest date this view's sources were read)",
                  date=long_date(dt.date.fromisoformat(self.read_up_to)) if len(self.read_up_to) == 10
                  else self.read_up_to)
                if self.read_up_to else _("Figures as of: this view's sources give no reading date"))
        official = ngettext("{official} of {n} figure shown comes from official statistics",
                            "{official} of {n} figures shown come from official statistics", self.total,
                            official=self.official)
        return f"{read} · {official}"


def read_date(accessed: object) -> str:
    """The newest day (or, failing that, year) a sources.csv ``accessed`` text says the source was read."""
    text = str(accessed or "")[:2000]
    days = READ_ON.findall(text)
    return max(days) if days else max(READ_IN_YEAR.findall(text), default="")


def provenance(dataset: Dataset, rows: list[dict]) -> Provenance:
    """``rows`` as ``table_rows`` gives them: a figure is official when every source it names has kind
    ``official`` (a derived figure names all it was computed from); the date is the newest reading of them."""
    return sources_provenance(dataset, [tuple(row["source_ids"]) for row in rows])


def view_provenance(dataset: Dataset, state: ViewState) -> Provenance:
    """``provenance`` of the view's figures, without formatting a table row for each (asked on every change)."""
    return sources_provenance(dataset, [p.source_ids for _i, _m, p in view_figures(dataset, state)])


def sources_provenance(dataset: Dataset, figures: list[tuple[str, ...]]) -> Provenance:
    """``provenance`` of figures given by the sources each names."""
    official = sum(1 for ids in figures if ids and all(str(dataset.source(s)["kind"]) == "official" for s in ids))
    used = {s for ids in figures for s in ids}
    dates = [read_date(dataset.source(s)["accessed"]) for s in used]
    days = [d for d in dates if len(d) == 10]
    return Provenance(official, len(figures), max(days) if days else max(dates, default=""))


@dataclass(frozen=True)
class YearCoverage:
    """What the timeline says of the view's years: how many of the view's regions have a figure of the view's
    indicator (in its measure, on its one basis) in each year, and in the year shown; a play through the years
    and 'the same year for all' are read against these counts."""
    counts: tuple[tuple[int, int], ...]  # (year, regions with a figure), oldest first
    total: int  # the view's regions (focus and peers)
    year: int | None  # the year shown; None: each region's own latest (or nearest 2007) figure
    shown_years: tuple[int, ...]  # the years of the figures shown, oldest first
    left_out: tuple[str, ...]  # ids of the regions without a figure in the view as shown
    best_year: int | None  # the newest year with the most regions: where 'the same year for all' starts

    def count(self, year: int) -> int:
        return dict(self.counts).get(year, 0)

    @property
    def shown(self) -> int:
        return self.total - len(self.left_out)


def year_coverage(dataset: Dataset, state: ViewState) -> YearCoverage:
    """The view's coverage by year (cached per view shape: a step through the years reads it once)."""
    return _year_coverage(dataset, state.regions, state.focus, state.indicator, state.edition, state.measure,
                          headline_basis(dataset, state), state.since, state.year)


@lru_cache(maxsize=64)
def _counts(dataset: Dataset, regions: tuple[str, ...], focus: str | None, indicator: str, edition: str, measure: str,
            basis: str, since: int | None) -> tuple[tuple[int, int], ...]:
    measure = effective_measure(dataset, indicator, measure)
    if measure == "absolute":  # a region counts when it has a figure on the basis: no point made (a fresh
        # worker's first year step counted every year of a 300-region view through points, ~4 000 of them)
        return tuple((year, sum(dataset.figure(r, indicator, edition, year, basis) is not None for r in regions))
                     for year in dataset.years(indicator, edition))
    counts = []
    for year in dataset.years(indicator, edition):
        base = change_since(dataset, regions, indicator, edition, measure, year, basis, since)
        shown = points(dataset, regions, indicator, edition, measure, year, basis, focus, base)
        counts.append((year, sum(p.value is not None for p in shown)))
    return tuple(counts)


@lru_cache(maxsize=64)
def _year_coverage(dataset: Dataset, regions: tuple[str, ...], focus: str, indicator: str, edition: str,
                   measure: str, basis: str, since: int | None, year: int | None) -> YearCoverage:
    # only an index depends on the focus (its peers' average): counted once per view shape, not per focus (a focus
    # change at 3 000 regions counted every year's figures again)
    counts = _counts(dataset, regions, focus if effective_measure(dataset, indicator, measure) == "index" else None,
                     indicator, edition, measure, basis, since)
    measure = effective_measure(dataset, indicator, measure)
    base = change_since(dataset, regions, indicator, edition, measure, year, basis, since)
    shown = points(dataset, regions, indicator, edition, measure, year, basis, focus, base)
    most = max((n for _y, n in counts), default=0)
    return YearCoverage(counts=counts, total=len(regions), year=year,
                        shown_years=tuple(sorted({p.year for p in shown if p.value is not None and p.year})),
                        left_out=tuple(p.region_id for p in shown if p.value is None),
                        best_year=max((y for y, n in counts if n == most and n), default=None))


def year_status(dataset: Dataset, state: ViewState) -> str:
    """The timeline's sentence: in one year, how many regions have a figure and which are left out; for each
    region's latest figure, the years that spans and what the same year for all would leave out."""
    cover = year_coverage(dataset, state)
    what = dataset.indicator(state.indicator).in_prose or dataset.indicator(state.indicator).label
    if state.year is not None:
        # Translators: the timeline's status in one year: '2015: figures of Population for 9 of 11 regions'
        said = ngettext("{year}: figures of {indicator} for {n} of {total} region.",
                        "{year}: figures of {indicator} for {n} of {total} regions.", cover.total,
                        year=state.year, n=cover.shown, total=cover.total, indicator=what)
        if cover.left_out:
            names = ", ".join(dataset.region_name(r) for r in cover.left_out)
            # Translators: the regions the year shown leaves out, after their number
            said += " " + _("Left out ({n}): {regions}.", n=len(cover.left_out), regions=names)
        return said
    span = cover.shown_years
    years = "" if not span else str(span[0]) if len(span) == 1 else f"{span[0]}–{span[-1]}"
    said = (_("Each region's figure nearest 2007 ({years}).", years=years) if state.edition == "baltmet"
            else _("Each region's latest figure ({years}).", years=years)) if years else ""
    left = cover.total - cover.count(cover.best_year) if cover.best_year is not None else 0
    if left:
        # Translators: what the 'Same year for all' choice would cost: '… (2021) would leave out 2 of 11 regions'
        said += " " + ngettext("The same year for all ({year}) would leave out {n} of {total} region.",
                               "The same year for all ({year}) would leave out {n} of {total} regions.",
                               cover.total, year=cover.best_year, n=left, total=cover.total)
    return said.strip()
