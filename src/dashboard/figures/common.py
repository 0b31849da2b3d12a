"""Hover text and chart metadata shared by the builders."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from dashboard.comparability import Comparability, assess, kind_label
from dashboard.data import Dataset
from dashboard.data.schema import BASES, EDITIONS
from dashboard.formatting import format_value, format_year
from dashboard.i18n import N_, _, ngettext
from dashboard.measures import Point, basis_name, measure_unit

HOVER = "<b>%{customdata[1]}</b><br>%{customdata[7]}<extra></extra>"  # [7]: the lines under the name, wrapped
# Bar charts' hovermode: a bar answers a hover or a tap anywhere in its row, not only on the bar. Under
# 'closest' plotly takes only a pointer inside the bar, so a finger on a short bar (12 px wide at 390 px),
# just past its end or on its value label, set nothing; the map's and trend's points take one within 20 px.
ROW_HOVER = "y"
GROUP_HOVER = "y unified"  # grouped bars: one box for the row's series (separate boxes are drawn rotated)

HOVER_WIDTH = 42  # characters per hover line: ~300 px at 13 px, so a box fits in a chart even on a phone
_MARKUP = re.compile(r"(<[^>]*>|&[#\w]+;)")  # a tag (no width) or an entity (one character wide)


def _atoms(word: str) -> list[str]:
    """A word split into what is drawn as one character (an entity counts once) and tags (none)."""
    atoms: list[str] = []
    for part in _MARKUP.split(word):
        atoms += [part] if _MARKUP.fullmatch(part) else list(part)
    return atoms


def _width(atoms: list[str]) -> int:
    return sum(0 if atom.startswith("<") and len(atom) > 1 else 1 for atom in atoms)


@lru_cache(maxsize=8192)  # pure; a source's line recurs on every mark of a chart
def wrap_hover(text: str, width: int = HOVER_WIDTH) -> str:
    """Break a hover line into lines of at most ``width`` characters at spaces, joined by ``<br>``.

    plotly draws a hover label as wide as its longest line and never wraps it, so a publisher and title on
    one line made a box wider than the chart, cut off at its edge with the source lost. Existing ``<br>``
    breaks are kept; a word longer than ``width`` (a long address) is cut, never outside a tag or entity.
    """
    if len(text) <= width and not _MARKUP.search(text) and not text.startswith(" "):
        return text  # plain and short: one line as it is (what the loop below gives it), without the loop's cost
    lines: list[str] = []
    for paragraph in text.split("<br>"):
        line: list[str] = []
        line_width = 0  # _width(line), kept as words are added: measuring the line anew per word was quadratic
        for word in paragraph.split(" "):
            atoms = _atoms(word)
            while _width(atoms) > width:  # a word wider than a line is cut into line-sized pieces
                room = width - line_width - (1 if line else 0)
                if room < min(8, width):  # too little room left on this line: start a new one
                    lines.append("".join(line))
                    line, line_width, room = [], 0, width
                cut, taken = 0, 0
                while cut < len(atoms) and taken + _width(atoms[cut:cut + 1]) <= room:
                    taken += _width(atoms[cut:cut + 1])
                    cut += 1
                lines.append("".join([*line, " " if line else "", *atoms[:cut]]))
                line, line_width, atoms = [], 0, atoms[cut:]
            atoms_width = _width(atoms)
            if line and line_width + 1 + atoms_width > width:
                lines.append("".join(line))
                line, line_width = [], 0
            line, line_width = ([*line, " ", *atoms], line_width + 1 + atoms_width) if line else (atoms, atoms_width)
        lines.append("".join(line))
    return "<br>".join(lines)


def hover_lines(*lines: str, width: int = HOVER_WIDTH) -> str:
    """The hover's lines, each wrapped to ``width``: what ``customdata[7]`` holds."""
    return "<br>".join(wrap_hover(line, width) for line in lines if line)


def value_decimals(dataset: Dataset, indicator: str, measure: str, value: float) -> int:
    if measure in ("absolute", "change"):  # a change is in the indicator's own unit
        return dataset.indicator(indicator).decimals
    return 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2


def point_text(dataset: Dataset, indicator: str, measure: str, point: Point) -> str:
    if point.value is None:
        return _("no data")
    return format_value(point.value, value_decimals(dataset, indicator, measure, point.value), point.qualifier)


def esc(text: object) -> str:
    """Text for plotly labels and hovers, which render a little HTML: a user's '<b>' stays text."""
    return html.escape(str(text), quote=False)


def region_label(dataset: Dataset, region_id: str) -> str:
    return esc(dataset.region_name(region_id))


def source_text(dataset: Dataset, source_id: str) -> str:
    """'publisher: title', with '(secondary copy)' when the figure was read in a third-party copy."""
    if dataset.is_secondary(source_id):
        # Translators: a source read in a third party's copy; {source} is 'publisher: title'
        return _("{source} (secondary copy)", source=dataset.source_label(source_id))
    return dataset.source_label(source_id)


def sources_text(dataset: Dataset, source_ids: tuple[str, ...]) -> str:
    """The sources of a mark, each once (a share's figure and national total often share one), escaped."""
    return "; ".join(esc(source_text(dataset, s)) for s in dict.fromkeys(source_ids))


def custom_data(dataset: Dataset, indicator: str, measure: str, point: Point) -> list[str]:
    """[region_id, name, value, unit, year, territory (kind), sources, hover body] for the hover and for
    clicks; the first seven are plain fields (summaries, slides and tests read them), the last is what the
    hover shows under the name, wrapped so that the box fits the chart."""
    sources = sources_text(dataset, point.source_ids)
    year = format_year(point.year, point.year_approx) if point.year else ""
    unit = measure_unit(dataset, indicator, measure)
    unit = esc(_("{unit} ({how})", unit=unit, how=point.how) if point.how else unit)
    territory = (_("{territory} ({kind})", territory=point.territory, kind=kind_label(point.territory_kind, dataset))
                 if point.territory_kind else point.territory)
    value = point_text(dataset, indicator, measure, point)
    body = hover_lines(f"{value} {unit}", f"{year} · {esc(territory)}" if year else esc(territory),
                       _("Source: {sources}", sources=sources))
    return [point.region_id, region_label(dataset, point.region_id), value, unit, year, esc(territory), sources, body]


MAX_ITEMS = 20  # a chart shows at most this many regions by name (plus the focus); the table has them all


def top_regions(points: list[Point], focus: str | None, limit: int = MAX_ITEMS,
                named: bool = False) -> tuple[set[str], str]:
    """The regions a crowded chart shows: the ``limit`` largest values and the focus, and the note saying
    so; every region (and no note) when there are not more than ``limit``. ``named``: the chart draws every
    region and names only these (the map, the scatter): the note says 'regions named'."""
    shown = [p for p in points if p.value is not None]
    if len(shown) <= limit:
        return {p.region_id for p in shown}, ""
    top = {p.region_id for p in sorted(shown, key=lambda p: -p.value)[:limit]}
    return top | ({focus} if focus else set()), crowded_note(limit, len(shown), bool(focus and focus not in top), named)


def crowded_note(limit: int, total: int, with_focus: bool = False, named: bool = False) -> str:
    """'top 20 of 300 regions' (and the focus), '... regions named' where a chart names but draws them all."""
    if named:
        if with_focus:
            return ngettext("top {limit} of {n} region named and the focus", "top {limit} of {n} regions named and "
                            "the focus", total, limit=limit)
        return ngettext("top {limit} of {n} region named", "top {limit} of {n} regions named", total, limit=limit)
    if with_focus:
        return ngettext("top {limit} of {n} region and the focus", "top {limit} of {n} regions and the focus",
                        total, limit=limit)
    return ngettext("top {limit} of {n} region", "top {limit} of {n} regions", total, limit=limit)


def odd_year(point: Point, comparability: Comparability) -> str:
    """The point's year where it differs from most ('2022', 'c. 2009'), else '': a 2022 GDP beside 2021 ones is
    a year's growth ahead, so the mark says so, not only the footnote."""
    if point.region_id in comparability.other_year and point.year is not None:
        return format_year(point.year, point.year_approx)
    return ""


# a metro sum whose NUTS 3 composition is not verified (marked for the catalogs: shown as ``_(ASSUMED_MARK)``)
ASSUMED_MARK = N_("composition assumed")


def marked_label(dataset: Dataset, point: Point, comparability: Comparability, with_year: bool = True) -> str:
    """The region's name, followed by its kind of territory and (``with_year``) its year where they differ
    from the majority's, and 'composition assumed' where its metro sum is not verified."""
    name = region_label(dataset, point.region_id)
    if point.region_id in comparability.odd:
        name = f"{name} · {esc(kind_label(point.territory_kind, dataset))}"
    year = odd_year(point, comparability) if with_year else ""
    name = f"{name} · {year}" if year else name
    if point.region_id in comparability.assumed:  # its own line: a long name line squeezes a phone's plot
        name = f"{name}<br>{_(ASSUMED_MARK)}"
    return name


def empty_reason(dataset: Dataset, regions: tuple[str, ...], indicator: str, edition: str, basis: str) -> str:
    """Why a chart has nothing to draw, and what to try: another basis that has figures, else the other
    edition, else nothing (said so)."""
    what = dataset.indicator(indicator).short_label
    where = basis_name(basis)
    for other in BASES:
        if other != basis and any(dataset.figure(r, indicator, edition, basis=other) for r in regions):
            return _("No region has a figure for {indicator} on {basis}: compare on {other}.", indicator=what,
                     basis=where, other=basis_name(other))
    for other in EDITIONS:
        if other != edition and any(dataset.figure(r, indicator, other) for r in regions):
            return _("No region has a figure for {indicator} in this edition: see {edition}.", indicator=what,
                     edition=_(EDITIONS[other]))
    return _("No region shown has a figure for {indicator}.", indicator=what)


def say_empty(layout: dict, reason: str) -> dict:
    """The layout of a chart with nothing to draw: the reason written inside the plot, no empty axes (a line
    break in ``reason`` breaks the line)."""
    note = {"text": esc(reason).replace("\n", "<br>"), "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5,
            "showarrow": False, "font": {"size": 14}}
    hidden = {key: {**layout.get(key, {}), "visible": False} for key in ("xaxis", "yaxis")}
    return {**layout, **hidden, "annotations": [*layout.get("annotations", []), note]}


USER_DATA = N_("Your data")  # the publisher of a figure a user added


@dataclass(frozen=True)
class ChartMeta:
    """What the card around a chart says: title, subtitle, badges, source line, missing regions."""

    title: str
    subtitle: str
    comparability: Comparability
    sources: tuple[str, ...]  # "publisher: title", once each
    missing: tuple[tuple[str, str], ...]
    publishers: tuple[str, ...] = ()
    # (indicator, measure, point) of every figure the chart draws: the view's table and downloads hold these
    drawn: tuple[tuple[str, str, Point], ...] = ()

    @property
    def includes_user_data(self) -> bool:
        return any(p == _(USER_DATA) or p.startswith(_(USER_DATA)) for p in self.publishers)


def cite(dataset: Dataset, points: list[Point]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """('publisher: title' per source, distinct publishers) of the points that have a value."""
    ids = list(dict.fromkeys(s for p in points if p.value is not None for s in p.source_ids))
    publishers = [(_(USER_DATA) if dataset.is_user_source(i) else str(dataset.source(i)["publisher"])) for i in ids]
    return tuple(source_text(dataset, i) for i in ids), tuple(dict.fromkeys(publishers))


def year_label(points: list[Point], year: int | None) -> str:
    if year is not None:
        return str(year)
    years = sorted({(p.year, p.year_approx) for p in points if p.value is not None and p.year})
    if not years:
        return _("no year")
    first, last = format_year(*years[0]), format_year(*years[-1])  # 'c. 2007' where a year was inferred
    return first if first == last else _("{first}–{last} (default year per region)", first=first, last=last)


def chart_meta(dataset: Dataset, title: str, indicator: str, measure: str, points: list[Point],
               year: int | None, basis: str = "reported", comparability: Comparability | None = None) -> ChartMeta:
    comparability = comparability or assess(dataset, points, basis)
    unit = measure_unit(dataset, indicator, measure)
    subtitle = f"{unit} · {year_label(points, year)} · {comparability.basis_label}"
    sources, publishers = cite(dataset, points)
    missing = tuple((dataset.region_name(p.region_id), p.missing) for p in points if p.value is None)
    drawn = tuple((indicator, measure, p) for p in points if p.value is not None)
    return ChartMeta(title, subtitle, comparability, sources, missing, publishers, drawn)


def with_note(meta: ChartMeta, note: str) -> ChartMeta:
    """The meta with a note (e.g. 'top 20 of 300 regions') at the end of its subtitle."""
    return replace(meta, subtitle=f"{meta.subtitle} · {note}") if note else meta


def axis_title(dataset: Dataset, indicator: str, measure: str) -> str:
    label = dataset.indicator(indicator).short_label
    # Translators: an axis title: the indicator and its unit ('Population (persons)')
    return _("{indicator} ({unit})", indicator=label, unit=measure_unit(dataset, indicator, measure))
