"""Colours, fonts and shared layout, so every chart looks like one product."""

from __future__ import annotations

import hashlib
from functools import lru_cache

from dashboard.data import Dataset
from dashboard.figures.spec import FigureSpec

# Paul Tol's colour-blind-safe 'muted' scheme plus two Okabe-Ito colours: eleven distinguishable hues.
# Each region keeps its colour in every chart; names always label the marks too.
PALETTE = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255",
           "#AA4499", "#E69F00", "#0072B2")
FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif"  # installed with Chromium here and in exports
FOCUS_LINE = "#000000"
MISSING_GREY = "#8a8f98"


def id_colour(region_id: str) -> str:
    """A palette colour derived from the id alone (not from its position), so it never moves."""
    return PALETTE[int(hashlib.sha256(region_id.encode()).hexdigest(), 16) % len(PALETTE)]


@lru_cache(maxsize=64)  # per Dataset (identity): every builder asks
def region_colours(dataset: Dataset) -> dict[str, str]:
    """A stable colour per region: the one regions.csv gives it (the eleven BaltMet regions each have their
    own), else one derived from its id, so adding or removing a region never recolours another."""
    given = dataset.regions["colour"] if "colour" in dataset.regions.columns else None
    return {r: (str(given[r]) if given is not None and isinstance(given[r], str) and given[r] else id_colour(r))
            for r in dataset.region_ids}


def base_layout(height: int = 380) -> FigureSpec:
    """A new layout dict; ``template: {}`` keeps plotly.py from adding its 10 kB default template."""
    return {
        "template": {},
        "font": {"family": FONT_FAMILY, "size": 13, "color": "#1f2328"},
        "margin": {"l": 10, "r": 16, "t": 10, "b": 10},
        "height": height,
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "hoverlabel": {"font": {"family": FONT_FAMILY, "size": 13}, "align": "left"},
        "hovermode": "closest",
        "showlegend": False,
        "clickmode": "event",
        "dragmode": False,
    }
