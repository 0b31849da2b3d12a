"""The About the figures tab's records: every territory of a region with its kind, size and (for a Eurostat metro
region) the NUTS 3 regions it sums; and the link that keeps the rest of the view (synthetic data)."""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from dashboard.about import about_query, about_region, entry_hrefs, region_summary
from dashboard.figures.outlines import build_outlines, nuts3_name, outline_codes
from dashboard.measures import points
from dashboard.state import ViewState
from dashboard.url_state import from_query
from tests.synthetic import REGIONS, build

COMPOSITIONS = ("metro_code,metro_name,nuts3_codes,nuts_version,status,check\n"
                "FI001MC,Helsinki,FI1B1,NUTS 2021,corroborated,a test check\n")


@pytest.fixture
def data(tmp_path: Path):
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "metro_compositions.csv").write_text(COMPOSITIONS, encoding="utf-8")
    return build(tmp_path, [
        ("aa", "population", 2015, 1000000, "metro"), ("aa", "population", 2023, 1200000, "metro"),
        ("aa", "population", 2023, 600000, "city"), ("aa", "gdp", 2023, 90000, "metro"),
        ("bb", "population", 2023, 800000, "metro"),
    ], eurostat_codes={"aa_metro": "FI001MC"})


def test_every_territory_of_the_region_in_the_kinds_order_with_its_size(data) -> None:
    notes = about_region(data, "aa")
    assert [n.territory_id for n in notes] == ["aa_metro", "aa_fua", "aa_county", "aa_other", "aa_city"]
    metro, city = notes[0], notes[-1]
    assert metro.size == "Population 1\u202f200\u202f000 (2023)" and metro.size_source == "Test office: Test table"
    assert metro.figures == 3 and city.figures == 1 and notes[1].figures == 0
    assert notes[1].size == ""  # no population figure of that territory: no size, never another's


def test_a_metro_region_lists_the_nuts3_regions_it_sums_and_how_far_that_is_proved(data) -> None:
    metro = about_region(data, "aa")[0]
    assert metro.parts == (("FI1B1", "Helsinki-Uusimaa"),) and metro.eurostat_code == "FI001MC"
    assert metro.status.startswith("corroborated") and metro.check == "a test check"
    assert about_region(data, "aa")[-1].parts == ()


def test_the_summary_counts_the_territories_some_figure_describes_each_kind_once(data) -> None:
    said = region_summary(about_region(data, "aa"))  # five territories defined, two of them described
    assert said == "The data has figures on 2 territories of this region (Eurostat metropolitan region, core city)."
    assert region_summary(about_region(data, "cc")) == "The data has no figure on any territory of this region."


def test_the_outline_map_draws_the_declared_parts_and_the_city(data) -> None:
    assert outline_codes(data, "aa") == ("FI1B1",) and outline_codes(data, "bb") == ()
    figure = build_outlines(data, "aa")
    outlines = [t for t in figure["data"] if t.get("fill") == "toself"]
    assert outlines and all(t["name"] == "Helsinki-Uusimaa (FI1B1)" for t in outlines)
    assert figure["data"][-1]["text"] == ["AA"]
    lat = figure["layout"]["geo"]["lataxis"]["range"]
    assert lat[0] < 59.9 < 61 < lat[1]  # the frame holds Uusimaa (about 59.8-61 N)
    assert nuts3_name("XX999") == ""


def test_the_link_opens_the_tab_for_that_region_and_keeps_the_rest_of_the_view(data) -> None:
    state = ViewState(focus="aa", peers=REGIONS, edition="recent", indicator="gdp", present=True, lang="fi")
    query = about_query(data, state, "bb")
    params = {k: v[-1] for k, v in parse_qs(query.lstrip("?")).items()}
    assert params["tab"] == "about" and params["focus"] == "bb" and params["lang"] == "fi"
    assert params["indicator"] == "gdp" and "present" not in params
    assert from_query(data, query)[0].tab == "about"


def test_a_charts_names_link_the_entry_of_the_territory_their_figures_describe(data) -> None:
    state = ViewState(focus="aa", peers=REGIONS, edition="recent", lang="de")
    metro, city = data.figure("aa", "population", "recent", 2023), data.figure("aa", "population", "recent", 2023,
                                                                              basis="city")
    point = points(data, ("aa", "bb"), "population", "recent", "absolute", 2023)
    hrefs = entry_hrefs(data, state, [("population", "absolute", p) for p in point])
    assert hrefs["aa"].endswith(f"#about-{metro.territory_id}") and "&amp;" in hrefs["aa"]  # escaped for an attribute
    query = parse_qs(html.unescape(hrefs["aa"]).split("?", 1)[1].split("#")[0])
    assert query["tab"] == ["about"] and query["focus"] == ["aa"] and query["lang"] == ["de"]
    both = [("population", "absolute", p) for p in point] + [
        ("population", "absolute", replace(point[0], territory_id=city.territory_id))]
    assert "#" not in entry_hrefs(data, state, both)["aa"]  # two territories: the region's entry, no one of them
    odd = [("population", "absolute", replace(point[1], territory_id="as worded: bb: a town"))]
    assert "#" not in entry_hrefs(data, state, odd)["bb"]  # an id an address cannot carry as it stands
