"""Colours, fonts and shared layout, so every chart looks like one product."""

from __future__ import annotations

import hashlib
from functools import lru_cache

from dashboard.data import Dataset
from dashboard.figures.spec import FigureSpec
from dashboard.i18n import plotly_separators

# Paul Tol's colour-blind-safe 'muted' scheme plus two Okabe-Ito colours: eleven distinguishable hues.
# Each region keeps its colour in every chart; names always label the marks too.
PALETTE = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255",
           "#AA4499", "#E69F00", "#0072B2")
FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif"  # installed with Chromium here and in exports
FOCUS_LINE = "#000000"
MISSING_GREY = "#8a8f98"
PLOT_BACKGROUND = "#ffffff"  # the light theme's plot and paper (base_layout); styling.CONTRAST has the dark one
TEXT_CONTRAST = 4.5  # WCAG 2 AA for normal-size text: what a label in a region's colour must reach
NAMED = {"white": "#ffffff", "black": "#000000"}


def hex_rgb(colour: str) -> tuple[int, int, int]:
    """'#rrggbb', '#rgb', 'white' or 'black' as (r, g, b) 0-255: the forms the figures use."""
    text = NAMED.get(colour.strip().lower(), colour.strip())
    digits = text[1:] if text.startswith("#") else ""
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    if len(digits) != 6:
        raise ValueError(f"not a colour: {colour!r}")
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def relative_luminance(colour: str) -> float:
    """WCAG 2's relative luminance (sRGB channels linearised, weighted by the eye's sensitivity)."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in hex_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2's contrast ratio, 1 (same) to 21 (black on white), whichever of the two is lighter."""
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _mixed(colour: tuple[int, int, int], target: int, amount: float) -> str:
    return "#" + "".join(f"{round(c + (target - c) * amount):02x}" for c in colour)


@lru_cache(maxsize=256)
def text_colour_on(colour: str, background: str, minimum: float = TEXT_CONTRAST) -> str:
    """The colour itself if text in it reaches ``minimum`` against ``background``, else the least darkened
    (on a light background) or lightened (on a dark one) variant that does: a label keeps its region's hue,
    readable on a washed-out projector. Mixing towards black or white changes luminance monotonically, so
    the first step that passes is the closest variant; the far end (black or white) always passes 4.5."""
    own = hex_rgb(colour)
    target = 0 if contrast_ratio("#000000", background) >= contrast_ratio("#ffffff", background) else 255
    for step in range(101):
        candidate = _mixed(own, target, step / 100)
        if contrast_ratio(candidate, background) >= minimum:
            return candidate
    return _mixed(own, target, 1.0)


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
    """A new layout dict; ``template: {}`` keeps plotly.py from adding its 10 kB default template. Its
    ``separators`` are the current language's (ticks read '2,5' in Finnish), so a builder that caches the
    figure keys its cache by the language."""
    return {
        "template": {},
        "separators": plotly_separators(),
        "font": {"family": FONT_FAMILY, "size": 13, "color": "#1f2328"},
        "margin": {"l": 10, "r": 16, "t": 10, "b": 10},
        "height": height,
        "paper_bgcolor": PLOT_BACKGROUND,
        "plot_bgcolor": PLOT_BACKGROUND,
        "hoverlabel": {"font": {"family": FONT_FAMILY, "size": 13}, "align": "left"},
        "hovermode": "closest",
        "showlegend": False,
        "clickmode": "event",
        "dragmode": False,
    }
