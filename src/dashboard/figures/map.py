"""A bubble per region on a Baltic Sea base map drawn from assets/topojson (no network).

Bubbles show the chosen indicator in the page's measure; the map is never a choropleth of totals.
"""

from __future__ import annotations

import copy
import math
from dataclasses import replace
from functools import lru_cache

from dashboard.comparability import assess
from dashboard.data import Dataset
from dashboard.figures.cache_keys import index_focus
from dashboard.figures.common import (
    HOVER,
    ChartMeta,
    chart_meta,
    custom_data,
    empty_reason,
    marked_label,
    odd_year,
    point_text,
    say_empty,
    top_regions,
    with_note,
)
from dashboard.figures.focus import highlight_marks
from dashboard.figures.labels import geo_label_sides
from dashboard.figures.spec import FigureSpec
from dashboard.figures.theme import base_layout, region_colours
from dashboard.i18n import _, current_language
from dashboard.measures import (
    CHANGE_MEASURES,
    change_since,
    effective_measure,
    measure_title,
    no_change_reason,
    points,
    resolve_basis,
)

# Labels are placed clear of each other, of the bubbles and of the map's edge (figures/labels.py) for the map
# as a chart card shows it on a laptop, in px; presenting and slides place them again for their type size.
MAP_AREA = (640.0, 460.0)
TEXT_SIZE = 11
TOPOJSON_URL = "/assets/topojson/"  # plotly.js fetches {url}europe_50m.json from our own server
TOPOJSON_FILE = "europe_50m.json"  # scope "europe" at resolution 50, as in GEO below
GEO = {
    "scope": "europe", "resolution": 50, "projection": {"type": "mercator"},
    "lataxis": {"range": [50.2, 62.8]}, "lonaxis": {"range": [3.5, 36.5]},
    "showland": True, "landcolor": "#eef0f3", "showocean": True, "oceancolor": "#dbe9f6",
    "showcountries": True, "countrycolor": "#b6bcc6", "showcoastlines": True, "coastlinecolor": "#9aa3ae",
    "showlakes": False, "bgcolor": "white",
}


def build_map(dataset: Dataset, regions: tuple[str, ...], focus: str, indicator: str, edition: str, measure: str,
              year: int | None, basis: str, since: int | None = None) -> tuple[FigureSpec, ChartMeta]:
    """The map of the view; its parameters are the view fields it depends on (views.py reads them)."""
    resolved = resolve_basis(dataset, basis, indicator, edition, measure)
    since = change_since(dataset, regions, indicator, edition, measure, year, resolved, since)
    fig, meta = _map(dataset, regions, index_focus(focus, measure), indicator, edition, measure, year, resolved,
                     since, current_language())
    return highlight_marks(fig, focus), meta


@lru_cache(maxsize=512)
def _map(dataset: Dataset, regions: tuple[str, ...], focus: str | None, indicator: str, edition: str, measure: str,
         year: int | None, basis: str, since: int | None = None, lang: str = "en") -> tuple[FigureSpec, ChartMeta]:
    """The map without its focus marked. A bubble's area follows the size of the value; a negative value (a
    fall, in a change measure) is an open ring of that size. Written in the current language (``lang`` keys
    the cache by it)."""
    measure = effective_measure(dataset, indicator, measure)
    pts = points(dataset, regions, indicator, edition, measure, year, basis, focus, since)
    comparability = assess(dataset, pts, basis)
    if not dataset.indicator(indicator).mappable:  # e.g. a count that only means something beside its area
        pts = [replace(p, value=None, missing=_("indicators.csv marks this indicator as not for the map"))
               for p in pts]
    shown = [p for p in pts if p.value is not None]
    named, crowded = top_regions(shown, None, named=True)  # a crowded map names its largest regions (and focus)
    colours = region_colours(dataset)
    biggest = max((abs(p.value) for p in shown), default=0) or 1
    regions_rows = [dataset.region(p.region_id) for p in shown]
    lats, lons = [float(r["lat"]) for r in regions_rows], [float(r["lon"]) for r in regions_rows]
    # a year unlike most goes on the value's line, so that the name's line (the widest) keeps its width
    texts = [f"{marked_label(dataset, p, comparability, with_year=False)}<br>"
             + (_("{value} ({year})", value=point_text(dataset, indicator, measure, p), year=odd)
                if (odd := odd_year(p, comparability)) else point_text(dataset, indicator, measure, p))
             # 'odd', not 'year': a walrus in a comprehension binds in the function, and the subtitle reads 'year'
             if p.region_id in named else "" for p in shown]
    sizes = [max(10, 52 * math.sqrt(abs(p.value) / biggest)) for p in shown]
    symbols = [("diamond" if p.region_id in comparability.odd else "circle") + ("-open" if p.value < 0 else "")
               for p in shown]
    trace = {
        "type": "scattergeo", "lat": lats, "lon": lons, "text": texts,
        "mode": "markers+text", "textfont": {"size": TEXT_SIZE},
        "textposition": geo_label_sides(GEO, lats, lons, texts, sizes, TEXT_SIZE, MAP_AREA),
        "marker": {"size": sizes,
                   "color": [colours[p.region_id] for p in shown], "opacity": 0.8, "sizemode": "diameter",
                   "symbol": symbols, "line": {"width": [2 if s.endswith("-open") else 0 for s in symbols]}},
        "customdata": [custom_data(dataset, indicator, measure, p) for p in shown], "hovertemplate": HOVER,
    }
    layout = base_layout(height=460)
    layout["geo"] = copy.deepcopy(GEO)
    layout["margin"] = {"l": 0, "r": 0, "t": 0, "b": 0}
    if not shown:
        mappable = dataset.indicator(indicator).mappable
        reason = (_("This indicator is not drawn on a map (a count means something only beside its area).")
                  if not mappable else no_change_reason(since)
                  if measure in CHANGE_MEASURES and any(p.year is not None for p in pts)
                  else empty_reason(dataset, regions, indicator, edition, basis))
        layout = say_empty(layout, reason)
    fig = {"data": [trace], "layout": layout}
    meta = chart_meta(dataset, _("Map: {what}", what=measure_title(dataset, indicator, measure, since)), indicator,
                      measure, pts, year, basis, comparability)
    return fig, with_note(meta, crowded)
