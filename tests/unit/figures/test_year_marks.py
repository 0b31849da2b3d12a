"""A figure of another year than most says its year on its mark: the ranking's name, the map's value line."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from dashboard.state import default_state
from dashboard.views import CHARTS
from tests.synthetic import build


def test_the_odd_year_is_on_the_bar_and_on_the_map_label(tmp_path: Path) -> None:
    data = build(tmp_path, [("aa", "population", 2021, 1000, "metro"), ("bb", "population", 2021, 2000, "metro"),
                            ("cc", "population", 2021, 1500, "metro"), ("dd", "population", 2023, 3000, "metro")])
    state = replace(default_state(data), focus="aa", peers=("bb", "cc", "dd"), edition="recent",
                    indicator="population", basis="eurostat_metro")
    bar = CHARTS.by_name("ranking").build(data, state)[0]["data"][0]
    assert [y.replace("<b>", "").replace("</b>", "") for y in bar["y"]] == ["AA", "CC", "BB", "DD · 2023"]
    spec, meta = CHARTS.by_name("map").build(data, state)
    labels = dict(zip((c[0] for c in spec["data"][0]["customdata"]), spec["data"][0]["text"], strict=True))
    assert labels["dd"].split("<br>")[0] == "DD" and labels["dd"].endswith("(2023)")  # the name line stays short
    assert "(20" not in labels["bb"]
    assert "Not 2021: DD 2023" in meta.comparability.footnote


def _years_in(subtitle: str) -> str:
    return subtitle.split(" · ")[1]


def test_every_chart_subtitle_gives_the_years_it_draws(tmp_path: Path) -> None:
    """The map used to show the year of the last region drawn (a walrus in a comprehension overwrote it)."""
    figures = [(r, "population", 2021, 1000 + i, "metro") for i, r in enumerate(("aa", "bb", "cc"))]
    figures += [("dd", "population", 2023, 3000, "metro"), ("aa", "population", 2019, 900, "metro")]
    figures += [(r, "gdp", 2021, 50 + i, "metro") for i, r in enumerate(("aa", "bb", "cc", "dd"))]
    data = build(tmp_path, figures)
    state = replace(default_state(data), focus="aa", peers=("bb", "cc", "dd"), edition="recent",
                    indicator="population", basis="eurostat_metro", x="population", y="gdp", size="population")
    for name in ("ranking", "map"):
        assert _years_in(CHARTS.by_name(name).build(data, state)[1].subtitle).startswith("2021–2023"), name
        picked = CHARTS.by_name(name).build(data, replace(state, year=2021))[1].subtitle
        assert _years_in(picked) == "2021", name
    assert _years_in(CHARTS.by_name("trend").build(data, state)[1].subtitle) == "2019–2023"
    assert "2021" in CHARTS.by_name("scatter").build(data, replace(state, year=2021))[1].subtitle


def test_an_empty_chart_says_why_inside_the_plot(tmp_path: Path) -> None:
    data = build(tmp_path, [("aa", "universities", 2021, 3, "city"), ("bb", "universities", 2021, 5, "city"),
                            ("aa", "population", 2021, 10, "metro"), ("bb", "population", 2021, 20, "metro")])
    state = replace(default_state(data), focus="aa", peers=("bb",), edition="recent", indicator="universities",
                    basis="eurostat_metro", x="population", y="universities", size="population")
    for name in ("ranking", "map", "trend", "scatter"):
        layout = CHARTS.by_name(name).build(data, state)[0]["layout"]
        notes = [a["text"] for a in layout.get("annotations", [])]
        assert any("compare on core cities" in n for n in notes), name
        assert layout.get("xaxis", {}).get("visible", False) is False, name
    drawn = CHARTS.by_name("ranking").build(data, replace(state, basis="city"))[0]["layout"]
    assert not drawn.get("annotations")
    shares = CHARTS.by_name("shares").build(data, state)[0]["layout"]  # no shares in this data at all
    assert any("No region shown has a share" in a["text"] for a in shares.get("annotations", []))


def test_the_shares_subtitle_gives_the_years_it_draws(dataset) -> None:
    """The bundled shares (the synthetic tables declare no share series): the subtitle's years are the bars'."""
    state = default_state(dataset)
    meta = CHARTS.by_name("shares").build(dataset, state)[1]
    years = sorted({p.year for _, _, p in meta.drawn})
    assert f" · {years[0]}–{years[-1]} (default year per region) · " in meta.subtitle
    picked = CHARTS.by_name("shares").build(dataset, replace(state, year=2021))[1]
    assert " · 2021 · " in picked.subtitle


def test_chart_titles_name_the_measure(tmp_path: Path) -> None:
    data = build(tmp_path, [(r, i, 2021, v * (k + 1), "metro") for k, r in enumerate(("aa", "bb"))
                            for i, v in (("population", 1000), ("gdp", 50))])
    state = replace(default_state(data), focus="aa", peers=("bb",), edition="recent", indicator="gdp",
                    measure="per_capita", basis="eurostat_metro", x="population", y="gdp", size="population")
    titles = {name: CHARTS.by_name(name).build(data, state)[1].title for name in ("ranking", "map", "trend", "scatter")}
    assert titles == {"ranking": "Ranking: GDP per inhabitant", "map": "Map: GDP per inhabitant",
                      "trend": "Trend: GDP per inhabitant", "scatter": "GDP per inhabitant against Population"}
