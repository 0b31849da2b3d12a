"""Figure builders are pure functions of (Dataset, ViewState), checked without a browser."""

from __future__ import annotations

from dataclasses import replace

import plotly.graph_objects as go
import pytest

from dashboard.data import Dataset
from dashboard.figures.styling import for_presentation, themed
from dashboard.figures.theme import region_colours
from dashboard.formatting import format_number
from dashboard.state import default_state, with_edition
from dashboard.views import CHARTS


def _validated(build):
    """The builder, its spec checked against plotly's schema (go.Figure raises on an unknown property)."""
    def checked(dataset, state):
        spec, meta = build(dataset, state)
        return go.Figure(spec), meta
    return checked


RAW = {view.name: view.build for view in CHARTS}
BUILDERS = {name: _validated(build) for name, build in RAW.items()}


@pytest.fixture
def recent(dataset: Dataset):
    return with_edition(dataset, default_state(dataset), "recent")


def _axis_titles(fig) -> str:
    return " ".join(str(getattr(fig.layout, ax).title.text).replace("<br>", " ") for ax in ("xaxis", "yaxis")
                    if getattr(fig.layout, ax).title.text)


def test_ranking_orders_regions_and_marks_the_focus(dataset: Dataset, recent) -> None:
    fig, meta = BUILDERS["ranking"](dataset, replace(recent, focus="oslo"))
    bar = fig.data[0]
    assert list(bar.x) == sorted(bar.x)
    focus_index = [c[0] for c in bar.customdata].index("oslo")
    assert bar.marker.line.width[focus_index] == 3 and bar.y[focus_index].startswith("<b>Oslo") \
        and bar.y[focus_index].endswith("</b>")
    assert meta.title == "Ranking: Population"
    assert meta.subtitle.startswith("persons · ")


@pytest.mark.parametrize("name", ["ranking", "scatter", "trend"])
def test_axis_titles_follow_the_measure(dataset: Dataset, recent, name: str) -> None:
    titles = {m: _axis_titles(BUILDERS[name](dataset, replace(recent, indicator="gdp", measure=m))[0])
              for m in ("absolute", "index")}
    assert "EUR million" in titles["absolute"] and "index, peers' average = 100" in titles["index"]


def test_each_region_keeps_its_colour_in_every_chart(dataset: Dataset, recent) -> None:
    colours = region_colours(dataset)
    fig, _ = BUILDERS["ranking"](dataset, recent)
    for region_id, colour in zip([c[0] for c in fig.data[0].customdata], fig.data[0].marker.color, strict=True):
        assert colours[region_id] == colour
    geo, _ = BUILDERS["map"](dataset, recent)
    for region_id, colour in zip([c[0] for c in geo.data[0].customdata], geo.data[0].marker.color, strict=True):
        assert colours[region_id] == colour


def test_map_is_bubbles_on_a_local_base_map(dataset: Dataset, recent) -> None:
    fig, _ = BUILDERS["map"](dataset, recent)
    assert [t.type for t in fig.data] == ["scattergeo"]
    assert fig.layout.geo.scope == "europe" and fig.layout.geo.resolution == 50


def test_hover_names_value_unit_year_territory_and_source(dataset: Dataset, recent) -> None:
    fig, _ = BUILDERS["ranking"](dataset, replace(recent, basis="eurostat_metro"))
    helsinki = next(c for c in fig.data[0].customdata if c[0] == "helsinki")
    figure = dataset.figure("helsinki", "population", "recent", basis="eurostat_metro")
    assert helsinki[1:6] == ["Helsinki", format_number(figure.value), "persons", str(figure.year),
                             f"{dataset.territory(figure.territory_id)['name']} (Eurostat metropolitan region)"]
    secondary = " (secondary copy)" if dataset.is_secondary(figure.source_id) else ""
    assert helsinki[6] == dataset.source_label(figure.source_id) + secondary  # publisher: title
    assert "%{customdata[7]}" in fig.data[0].hovertemplate  # the hover shows the wrapped lines, source included
    assert f"Source: {helsinki[6]}" in helsinki[7].replace("<br>", " ")


def test_shares_chart_tells_the_profile_story(dataset: Dataset) -> None:
    fig, _ = BUILDERS["shares"](dataset, default_state(dataset, "baltmet"))
    helsinki = {t.meta: x for t in fig.data if t.meta for row, x in zip(t.customdata, t.x, strict=True)
                if row[0] == "helsinki"}
    assert helsinki == {"Population": 25, "Jobs": 29, "GVA (reported)": 34}


def test_missing_regions_are_listed_with_reasons(dataset: Dataset, recent) -> None:
    _, meta = BUILDERS["ranking"](dataset, replace(recent, indicator="gdp"))
    reasons = dict(meta.missing)
    assert dataset.missing_reason("st_petersburg", "gdp", "recent") in reasons["St. Petersburg"]  # roubles only
    assert str(dataset.region("st_petersburg")["no_eurostat_reason"]) in reasons["St. Petersburg"]  # why no Eurostat


@pytest.mark.parametrize("name", list(RAW))
def test_a_focus_change_reuses_the_cached_figure_and_only_marks_the_focus(dataset: Dataset, recent, name) -> None:
    one, other = (RAW[name](dataset, replace(recent, focus=f))[0] for f in ("helsinki", "stockholm"))
    shared = [t for t in one["data"] if t.get("customdata")]
    assert any(a["customdata"] is b.get("customdata") for a in shared for b in other["data"])  # not rebuilt
    assert RAW[name](dataset, replace(recent, focus="helsinki"))[0] == one  # the same marks for the same focus
    assert one != other


def test_the_focus_is_outlined_and_bold_on_the_ranking(dataset: Dataset, recent) -> None:
    bar = RAW["ranking"](dataset, replace(recent, focus="riga"))[0]["data"][0]
    ids = [c[0] for c in bar["customdata"]]
    assert [w for w, r in zip(bar["marker"]["line"]["width"], ids, strict=True) if r == "riga"] == [3]
    assert sum(bar["marker"]["line"]["width"]) == 3 and "<b>Riga" in bar["y"][ids.index("riga")]


def test_the_cached_figure_is_never_marked(dataset: Dataset, recent) -> None:
    from dashboard.figures.ranking import _ranking
    from dashboard.measures import resolve_basis

    RAW["ranking"](dataset, replace(recent, focus="riga"))
    base, _ = _ranking(dataset, recent.regions, None, recent.indicator, recent.edition, recent.measure, None,
                       resolve_basis(dataset, "", recent.indicator, recent.edition))
    assert "line" not in base["data"][0]["marker"] and not any("<b>" in y for y in base["data"][0]["y"])


@pytest.mark.parametrize("name", list(RAW))
@pytest.mark.parametrize("edition", ["baltmet", "recent"])
def test_every_spec_is_valid_plotly_without_the_default_template(dataset: Dataset, name: str, edition: str) -> None:
    spec, _ = RAW[name](dataset, with_edition(dataset, default_state(dataset), edition))
    fig = go.Figure(spec)  # raises ValueError on any property plotly.js does not know
    assert fig.data and fig.layout.height
    assert not fig.layout.template.layout.to_plotly_json()  # not plotly.py's 10 kB default template


@pytest.mark.parametrize("name", list(RAW))
def test_restyling_copies_and_never_changes_the_cached_spec(dataset: Dataset, name: str, recent) -> None:
    spec, _ = RAW[name](dataset, recent)
    before = go.Figure(spec).to_json()
    contrast, presented = themed(spec, "contrast"), for_presentation(spec)
    go.Figure(contrast), go.Figure(presented)  # still valid
    assert go.Figure(spec).to_json() == before
    assert themed(spec, "light") is spec
    assert contrast["layout"]["paper_bgcolor"] == "#000000" and contrast["layout"]["font"]["color"] == "#ffffff"
    assert contrast["layout"]["font"]["family"] == spec["layout"]["font"]["family"]  # merged, not replaced
    assert presented["layout"]["font"]["size"] == 24 and "height" not in presented["layout"]


def test_presentation_doubles_the_focus_outline(dataset: Dataset, recent) -> None:
    spec, _ = RAW["ranking"](dataset, replace(recent, focus="oslo"))
    widths = for_presentation(spec)["data"][0]["marker"]["line"]["width"]
    assert sorted(widths)[-1] == 6 and widths == [w * 2 for w in spec["data"][0]["marker"]["line"]["width"]]


@pytest.mark.parametrize("edition", ["baltmet", "recent"])
def test_builders_draw_only_trace_types_in_the_vendored_plotly_bundle(dataset: Dataset, edition: str) -> None:
    state = with_edition(dataset, default_state(dataset), edition)
    types = {trace["type"] for build in RAW.values() for trace in build(dataset, state)[0]["data"]}
    assert types <= {"bar", "scatter", "scattergeo"}  # else add it to scripts/build_plotly_bundle.sh


def test_a_charts_inputs_are_its_builders_parameters_and_its_key_follows_them(dataset: Dataset, recent) -> None:
    ranking = next(v for v in CHARTS if v.name == "ranking")
    assert ranking.inputs == ("regions", "focus", "indicator", "edition", "measure", "year", "basis", "since")
    shares = next(v for v in CHARTS if v.name == "shares")
    assert "indicator" not in shares.inputs  # so an indicator change does not rebuild or resend it
    assert shares.key(recent) == shares.key(replace(recent, indicator="gdp"))
    assert ranking.key(recent) != ranking.key(replace(recent, indicator="gdp"))
    assert ranking.key(recent) != ranking.key(replace(recent, theme="contrast"))  # restyled, so resent


def test_a_long_axis_title_takes_two_lines_broken_at_a_space() -> None:
    from dashboard.figures.spec import wrapped

    assert wrapped("Population (persons)") == "Population (persons)"
    assert wrapped("Численность населения (человек)") == "Численность<br>населения (человек)"
    assert wrapped("x" * 40) == "x" * 40  # no space: left as it is
