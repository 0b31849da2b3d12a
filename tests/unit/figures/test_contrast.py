"""Projector contrast: every text a chart draws reaches WCAG's 4.5:1 against what it is drawn on, in the
light and the high-contrast theme, while marks keep the colour-blind-safe palette."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dashboard.data import Dataset
from dashboard.figures.styling import CONTRAST, themed
from dashboard.figures.theme import (
    PALETTE,
    PLOT_BACKGROUND,
    TEXT_CONTRAST,
    contrast_ratio,
    region_colours,
    relative_luminance,
    text_colour_on,
)
from dashboard.state import default_state, with_edition
from dashboard.views import CHARTS

BACKGROUNDS = {"light": PLOT_BACKGROUND, "contrast": CONTRAST["paper"]}


def test_contrast_ratio_matches_wcag_anchors() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "white") == pytest.approx(4.54, abs=0.01)  # the lightest AA grey on white


@pytest.mark.parametrize("background", BACKGROUNDS.values(), ids=BACKGROUNDS.keys())
@pytest.mark.parametrize("colour", PALETTE)
def test_every_palette_colour_gets_a_readable_text_variant(colour: str, background: str) -> None:
    text = text_colour_on(colour, background)
    assert contrast_ratio(text, background) >= TEXT_CONTRAST
    if contrast_ratio(colour, background) >= TEXT_CONTRAST:
        assert text == colour.lower()  # already readable: unchanged
    else:  # the closest variant that passes: darker on white, lighter on black, not pushed to black/white
        darker = relative_luminance(text) < relative_luminance(colour)
        assert darker == (background == PLOT_BACKGROUND)
        assert contrast_ratio(text, background) < TEXT_CONTRAST + 0.5


def test_some_palette_colours_need_a_variant_on_each_background() -> None:
    """The check above is not vacuous: the palette itself fails 4.5:1 on both backgrounds."""
    for background in BACKGROUNDS.values():
        assert [c for c in PALETTE if contrast_ratio(c, background) < TEXT_CONTRAST]


def _text_colours(figure: dict) -> list[tuple[str, str, list[str]]]:
    """(what, colour, backgrounds) for every text the figure draws: trace text, annotations."""
    layout = figure["layout"]
    default = layout["font"]["color"]
    geo = layout.get("geo") or {}
    out = []
    for number, trace in enumerate(figure["data"]):
        if not trace.get("text") and not trace.get("texttemplate"):
            continue
        colours = (trace.get("textfont") or {}).get("color", default)
        if trace.get("type") == "scattergeo":  # names sit on land or sea
            backgrounds = [geo.get(k) for k in ("bgcolor", "landcolor", "oceancolor") if geo.get(k)]
        else:
            backgrounds = [layout["plot_bgcolor"], layout["paper_bgcolor"]]
        for colour in colours if isinstance(colours, list) else [colours]:
            out.append((f"trace {number} ({trace.get('name', '')})", colour, backgrounds))
    for note in layout.get("annotations") or []:
        out.append((f"annotation {note.get('text', '')[:20]}", (note.get("font") or {}).get("color", default),
                    [layout["paper_bgcolor"]]))
    return out


def _views(dataset: Dataset):
    base = default_state(dataset)
    recent = with_edition(dataset, base, "recent")
    return [base, replace(base, focus="riga"), replace(base, focus="berlin", indicator="gdp"), recent,
            replace(recent, focus="warsaw", measure="index")]


@pytest.mark.parametrize("theme", ["light", "contrast"])
@pytest.mark.parametrize("view", tuple(CHARTS), ids=CHARTS.names())
def test_every_text_in_built_figures_reaches_4_5_to_1(dataset: Dataset, view, theme: str) -> None:
    failing, checked = [], 0
    for state in _views(dataset):
        figure = themed(view.build(dataset, state)[0], theme)
        assert figure["layout"]["plot_bgcolor"].lower() in ("white", BACKGROUNDS[theme])
        for what, colour, backgrounds in _text_colours(figure):
            checked += 1
            failing += [(state.focus, what, colour, bg, round(contrast_ratio(colour, bg), 2))
                        for bg in backgrounds if contrast_ratio(colour, bg) < TEXT_CONTRAST]
    assert checked and failing == []


def test_trend_labels_are_region_coloured_variants_and_lines_keep_the_palette(dataset: Dataset) -> None:
    colours = region_colours(dataset)
    trend = next(v for v in CHARTS if v.name == "trend")
    for theme, background in BACKGROUNDS.items():
        figure = themed(trend.build(dataset, default_state(dataset))[0], theme)
        for trace in figure["data"]:
            region = trace["customdata"][0][0]
            assert trace["line"]["color"] == colours[region]  # the mark keeps its palette colour
            assert trace["textfont"]["color"] == text_colour_on(colours[region], background)


def test_open_rings_stand_out_in_both_themes(tmp_path) -> None:
    """A bubble with no size figure is an open ring, a thin line in its marker colour: 4.5:1 on either
    background, where the palette's yellow was 1.6:1 on white and its indigo 1.7:1 on black."""
    from dashboard.figures.scatter import build_scatter
    from dashboard.figures.styling import CONTRAST, themed
    from dashboard.figures.theme import PLOT_BACKGROUND, contrast_ratio
    from tests.synthetic import build

    data = build(tmp_path, [(r, i, 2021, v, "metro") for r, v in (("aa", 10), ("bb", 20), ("cc", 30))
                            for i in ("population", "gdp")] + [("aa", "universities", 2021, 3, "metro")])
    fig, _ = build_scatter(data, ("aa", "bb", "cc"), "aa", "population", "gdp", "universities", "recent",
                           "absolute", None, "eurostat_metro")
    for figure, background in ((fig, PLOT_BACKGROUND), (themed(fig, "contrast"), CONTRAST["paper"])):
        marker = figure["data"][0]["marker"]
        rings = [c for s, c in zip(marker["symbol"], marker["color"], strict=True) if s.endswith("-open")]
        assert len(rings) == 2 and all(contrast_ratio(c, background) >= 4.5 for c in rings)
