"""The outlines of a metro region: the NUTS 3 regions its Eurostat figures sum, drawn over the Baltic Sea base map,
with the core city as a point. The shapes are Eurostat GISCO's NUTS 2021 regions at 1:20 million, cut to the NUTS 3
regions data/metro_compositions.csv names (scripts/metro_shapes.py; ~19 kB, read once, sent only with the About the
figures tab). Other territories (cities, functional urban areas, counties) have no bundled outline: the point stands
for the city, and the page says so."""

from __future__ import annotations

import copy
import json
from functools import lru_cache

from dashboard.data import Dataset
from dashboard.figures.map import GEO
from dashboard.figures.spec import FigureSpec
from dashboard.figures.theme import base_layout
from dashboard.i18n import current_language
from dashboard.paths import ASSETS_DIR

SHAPES = ASSETS_DIR / "shapes" / "nuts3_2021_metros.geojson"
OUTLINE = "#1f4e8c"
FILL = "rgba(31, 78, 140, 0.18)"
MARGIN_DEGREES = 0.6  # around the outlines, so that the edge regions are not cut by the frame


@lru_cache(maxsize=1)
def nuts3_shapes() -> dict[str, dict]:
    """NUTS 3 code -> its GeoJSON feature (NUTS_ID, NUTS_NAME, CNTR_CODE, geometry)."""
    features = json.loads(SHAPES.read_text(encoding="utf-8"))["features"]
    return {feature["id"]: feature for feature in features}


def nuts3_name(code: str) -> str:
    """GISCO's name of a NUTS 3 region ('' when the bundled shapes do not have it)."""
    feature = nuts3_shapes().get(code)
    return str(feature["properties"]["NUTS_NAME"]) if feature else ""


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    return [polygon[0] for polygon in geometry["coordinates"]]  # outer rings: holes are drawn by their neighbours


def outline_codes(dataset: Dataset, region_id: str) -> tuple[str, ...]:
    """The NUTS 3 regions the region's Eurostat metro region sums, as declared; () when it has none."""
    for territory_id in dataset.territories_of(region_id):
        composition = dataset.composition(str(dataset.territory(territory_id)["eurostat_code"]))
        if str(dataset.territory(territory_id)["kind"]) == "eurostat_metro" and composition is not None:
            return composition.parts
    return ()


def build_outlines(dataset: Dataset, region_id: str) -> FigureSpec:
    return _outlines(dataset, region_id, current_language())


@lru_cache(maxsize=64)
def _outlines(dataset: Dataset, region_id: str, lang: str) -> FigureSpec:
    """One filled outline per NUTS 3 part (named on hover) and the core city's point; the frame fits them."""
    data = []
    lats: list[float] = []
    lons: list[float] = []
    for code in outline_codes(dataset, region_id):
        feature = nuts3_shapes().get(code)
        if feature is None:
            continue
        name = f"{feature['properties']['NUTS_NAME']} ({code})"
        for ring in _rings(feature["geometry"]):
            ring_lons, ring_lats = [p[0] for p in ring], [p[1] for p in ring]
            lats += ring_lats
            lons += ring_lons
            data.append({"type": "scattergeo", "mode": "lines", "lon": ring_lons, "lat": ring_lats, "fill": "toself",
                         "fillcolor": FILL, "line": {"color": OUTLINE, "width": 1.2}, "name": name,
                         "hoverinfo": "text", "text": name, "showlegend": False})
    row = dataset.region(region_id)
    lat, lon = float(row["lat"]), float(row["lon"])
    data.append({"type": "scattergeo", "mode": "markers+text", "lon": [lon], "lat": [lat],
                 "text": [dataset.region_name(region_id)], "textposition": "top center", "hoverinfo": "text",
                 "marker": {"size": 9, "color": "#b42318", "symbol": "circle"}, "showlegend": False})
    lats.append(lat)
    lons.append(lon)
    geo = copy.deepcopy(GEO)
    pad_lat = max(MARGIN_DEGREES, (max(lats) - min(lats)) * 0.15)
    pad_lon = max(MARGIN_DEGREES * 2, (max(lons) - min(lons)) * 0.15)
    geo["lataxis"] = {"range": [min(lats) - pad_lat, max(lats) + pad_lat]}
    geo["lonaxis"] = {"range": [min(lons) - pad_lon, max(lons) + pad_lon]}
    layout = base_layout(height=360)
    layout["geo"] = geo
    layout["margin"] = {"l": 0, "r": 0, "t": 0, "b": 0}
    return {"data": data, "layout": layout}
