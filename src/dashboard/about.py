"""What the 'About the figures' tab says of a region: every territory its figures describe (the Eurostat metro region,
the functional urban area, the county, the core city...), with its definition, its size as a population figure of
that very territory, the NUTS 3 regions a metro region sums and how far that composition is proved.

Pure and below the UI, as view_model is: components/about_view draws these records, and the key figures' cards
link each territory's name here (``about_query``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from dashboard.comparability import kind_label
from dashboard.data import Dataset
from dashboard.data.compose import STATUSES
from dashboard.data.schema import EDITIONS
from dashboard.figures.outlines import nuts3_name
from dashboard.formatting import format_value, format_year
from dashboard.i18n import _, current_language, ngettext
from dashboard.measures import Point
from dashboard.state import ViewState
from dashboard.url_state import to_query

SIZE_INDICATOR = "population"  # a territory's size is its population (an area is in its definition, when known)


@dataclass(frozen=True)
class TerritoryNote:
    territory_id: str
    kind: str  # territory_kinds.csv's kind
    kind_label: str  # 'Eurostat metropolitan region', in the current language
    name: str
    definition: str
    eurostat_code: str
    size: str  # 'Population 1 782 300 (2025)', '' when the data has no population figure of this territory
    size_source: str  # 'publisher: title' of that figure
    parts: tuple[tuple[str, str], ...]  # (NUTS 3 code, GISCO's name) a metro region sums; () for other kinds
    status: str  # how far the composition is proved, in words ('' without one)
    check: str  # how it was checked (metro_compositions.csv, English)
    figures: int  # how many figures of the data describe it


def about_region(dataset: Dataset, region_id: str) -> tuple[TerritoryNote, ...]:
    return _about_region(dataset, region_id, current_language())


@lru_cache(maxsize=64)
def _about_region(dataset: Dataset, region_id: str, lang: str) -> tuple[TerritoryNote, ...]:
    counts = dataset.values["territory_id"].value_counts().to_dict() if "territory_id" in dataset.values else {}
    notes = []
    for territory_id in dataset.territories_of(region_id):
        row = dataset.territory(territory_id)
        code = str(row["eurostat_code"] or "")
        composition = dataset.composition(code) if str(row["kind"]) == "eurostat_metro" and code else None
        size, source = _size(dataset, region_id, territory_id)
        notes.append(TerritoryNote(
            territory_id=territory_id, kind=str(row["kind"]), kind_label=kind_label(str(row["kind"]), dataset),
            name=dataset.territory_name(territory_id), definition=dataset.territory_text(territory_id, "definition"),
            eurostat_code=code, size=size, size_source=source,
            parts=tuple((part, nuts3_name(part)) for part in composition.parts) if composition else (),
            status=_(STATUSES[composition.status]) if composition and composition.status in STATUSES else "",
            check=composition.check if composition else "", figures=int(counts.get(territory_id, 0))))
    return tuple(notes)


def _size(dataset: Dataset, region_id: str, territory_id: str) -> tuple[str, str]:
    """The newest population figure of exactly this territory, in any edition, with its source."""
    if SIZE_INDICATOR not in dataset.indicators.index:
        return "", ""
    found = [f for edition in EDITIONS for f in dataset.series(region_id, SIZE_INDICATOR, edition)
             if f.territory_id == territory_id]
    if not found:
        return "", ""
    figure = max(found, key=lambda f: f.year)
    decimals = dataset.indicator(SIZE_INDICATOR).decimals
    # Translators: a territory's size in the About the figures tab: 'Population 1 782 300 (2025)'
    return (_("Population {value} ({year})", value=format_value(figure.value, decimals, figure.qualifier),
              year=format_year(figure.year, figure.year_approx)), dataset.source_label(figure.source_id))


def region_summary(notes: tuple[TerritoryNote, ...]) -> str:
    """'The data has figures on 5 territories of the region (…)' — the sentence above the list: the territories some
    figure describes, each kind once (a territory the tables define but no figure uses is listed, not counted)."""
    described = [note for note in notes if note.figures]
    if not described:
        return _("The data has no figure on any territory of this region.")
    kinds = ", ".join(dict.fromkeys(note.kind_label for note in described))
    # Translators: the About the figures tab's first line; {kinds} are the kinds of territory, comma-separated
    return ngettext("The data has figures on {n} territory of this region ({kinds}).",
                    "The data has figures on {n} territories of this region ({kinds}).", len(described),
                    kinds=kinds)


def link_id(where: str, region_id: str, territory_id: str = "") -> dict[str, str]:
    """The id of a link to the About the figures tab: the browser rewrites its address whenever the view's changes
    (callbacks._register_about), so that it keeps the view as it is when clicked, not as it was when drawn."""
    return {"type": "about-link", "where": where, "region": region_id, "territory": territory_id}


def territory_anchor(territory_id: str) -> str:
    """The element id of a territory's entry (a link to it ends with '#' and this)."""
    return f"about-{territory_id}"


PLAIN_ID = re.compile(r"[\w.-]{1,100}", re.ASCII)  # a territory id an address can carry after '#' as it stands


def entry_hrefs(dataset: Dataset, state: ViewState, drawn: Iterable[tuple[str, str, Point]]) -> dict[str, str]:
    """Region id -> the address of its entry for the figures a chart drew (``ChartMeta.drawn``): at the entry of
    the one territory they describe, or at the region's entry when they describe several (or an id an address
    cannot carry). Escaped for an attribute in double quotes; the browser keeps the rest of the view as it is when
    the link is followed (assets/chart_links.js)."""
    territories: dict[str, set[str]] = {}
    for _indicator, _measure, point in drawn:
        territories.setdefault(point.region_id, set()).add(point.territory_id)
    hrefs = {}
    for region, ids in territories.items():
        (only,) = ids if len(ids) == 1 else ("",)
        anchor = f"#{territory_anchor(only)}" if only and PLAIN_ID.fullmatch(only) else ""
        hrefs[region] = html.escape(about_query(dataset, state, region) + anchor, quote=True)
    return hrefs


def about_query(dataset: Dataset, state: ViewState, region_id: str) -> str:
    """The address of a region's entry in the About the figures tab, keeping the rest of the view as drawn (the
    browser keeps it up to date: ``link_id``)."""
    query = to_query(dataset, replace(state, tab="about", focus=region_id, present=False))
    query = query if "lang=" in query else f"{query}&lang={state.lang}"
    # the focus always named, as the browser writes these links (a default focus would be left out of the query)
    return query if "focus=" in query else f"{query}&focus={region_id}"
