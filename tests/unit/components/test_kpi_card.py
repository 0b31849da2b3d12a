"""KPI cards show value, unit, year, territory and source, or 'No data' with a reason. The card's parts on
made-up data (tests/synthetic.py); ranks, medians and shares against the bundled data's own figures (the
bundled cards' curated numbers: tests/data/test_bundled_cards.py)."""

from __future__ import annotations

from pathlib import Path
from statistics import median

import pytest

from dashboard.data import Dataset
from dashboard.formatting import THOUSANDS, format_value
from dashboard.measures import region_point
from tests.helpers import find_by_id, text_of, walk
from tests.helpers import kpi_card_for as kpi_card
from tests.helpers import kpi_row_for as kpi_row
from tests.synthetic import Row, build, indicator_rows

PERCENT = {"unit": "%", "kind": "percent", "category": "National shares", "decimals": "0", "description": "test"}


@pytest.fixture
def made_up(tmp_path: Path) -> Dataset:
    """AA's c. 2007 profile (a functional urban area, its core city, shares of the country), BB's city figure."""
    indicators = indicator_rows(
        [{"indicator_id": "share_national_population", "label": "Share of population", "short_label": "Share",
          **PERCENT},
         {"indicator_id": "share_national_gva", "label": "Share of GVA", "short_label": "GVA", **PERCENT},
         {"indicator_id": "science_parks", "label": "Science parks", "short_label": "Science parks", "unit": "count",
          "kind": "count", "category": "Knowledge", "kpi_order": "4", "decimals": "0", "description": "test"}],
        population={"reported_share": "share_national_population", "kpi_context": "true"},
        gdp={"card_extra_share": "share_national_gva", "kpi_context": "true"})
    figures = [Row("aa", "population", 2007, 1_300_000, "fua", approx=True),
               Row("aa", "population", 2007, 560_000, "city", approx=True),
               Row("aa", "share_national_population", 2007, 25, "fua", approx=True),
               Row("aa", "share_national_gva", 2007, 34, "fua", approx=True),
               Row("aa", "science_parks", 2007, 4, "fua", approx=True),
               Row("bb", "population", 2009, 700_000, "city", source="copy")]
    return build(tmp_path, figures, indicators=indicators,
                 gaps={("aa", "gdp", "baltmet"): "The sources give GDP as a share only, not as an amount."})


def test_a_card_shows_value_unit_year_territory_share_city_and_source(made_up: Dataset) -> None:
    text = text_of(kpi_card(made_up, "aa", "population", "baltmet", basis="reported"))
    assert f"1{THOUSANDS}300{THOUSANDS}000" in text
    assert "persons" in text and "c.\u00a02007" in text
    assert "AA fua" in text and "Functional urban area" in text
    assert "25% of Finland's population (c.\u00a02007)" in text
    assert f"AA city: 560{THOUSANDS}000 persons" in text
    assert "Test table" in text


def test_source_is_linked(made_up: Dataset) -> None:
    card = kpi_card(made_up, "aa", "science_parks", "baltmet", basis="reported")
    footnote = find_by_id(card, "kpi-source-science_parks")
    links = [n for n in walk(footnote) if getattr(n, "href", None)]
    assert links and links[0].href == made_up.source("src")["url"]


def test_missing_figure_says_why_and_never_zero(made_up: Dataset) -> None:
    text = text_of(kpi_card(made_up, "aa", "gdp", "baltmet", basis="reported"))
    assert "No data" in text
    assert "The sources give GDP as a share only, not as an amount." in text
    assert "34% of Finland's GVA (c.\u00a02007, AA fua)" in text  # the share the card can give instead
    assert " 0 " not in f" {text} "


def test_city_figure_is_badged_and_a_copy_said_so(made_up: Dataset) -> None:
    text = text_of(kpi_card(made_up, "bb", "population", "baltmet", basis="reported"))
    assert "BB city" in text and "City figure" in text
    assert "Secondary copy" in text and "A copy" in text


@pytest.mark.parametrize("edition", ["baltmet", "recent"])
def test_every_region_gets_a_card_per_kpi(dataset: Dataset, edition: str) -> None:
    for region in dataset.region_ids:
        assert len(kpi_row(dataset, region, edition)) == len(dataset.kpi_ids)


def test_rank_share_and_median_against_peers(dataset: Dataset) -> None:
    # Nordic capitals, recent, as reported: the rank and the median come from the figures themselves, so that
    # correcting a figure does not break this test (tests/data holds the tests of the bundled values).
    peers = ("copenhagen", "helsinki", "oslo", "stockholm")
    values = {r: dataset.figure(r, "population", "recent", basis="reported").value for r in peers}
    others = sorted(v for r, v in values.items() if r != "helsinki")
    rank = 1 + sum(v > values["helsinki"] for v in others)
    mid = median(others)
    text = text_of(kpi_card(dataset, "helsinki", "population", "recent", peers, basis="reported"))
    assert f"{rank}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(rank, 'th')} of 4" in text
    assert f"{(values['helsinki'] / mid - 1) * 100:+.0f}% vs peers' median ({format_value(mid, 0)})" in text
    kinds = {dataset.figure(r, "population", "recent", basis="reported").territory_kind for r in peers}
    assert ("mixed territories" in text) == (len(kinds) > 1)
    like = text_of(kpi_card(dataset, "helsinki", "population", "recent", peers, basis="eurostat_metro"))
    metro = {r: f.value for r in peers if (f := dataset.figure(r, "population", "recent", basis="eurostat_metro"))}
    like_rank = 1 + sum(v > metro["helsinki"] for r, v in metro.items() if r != "helsinki")
    assert f"{like_rank}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(like_rank, 'th')} of {len(metro)}" in like
    assert "mixed territories" not in like


def test_rank_flags_mixed_territories(dataset: Dataset) -> None:
    regions = tuple(dataset.region_ids)
    figures = {r: f for r in regions if (f := dataset.figure(r, "population", "baltmet", basis="reported"))}
    assert len({f.territory_kind for f in figures.values()}) > 1  # the case under test: mixed kinds
    rank = 1 + sum(f.value > figures["helsinki"].value for f in figures.values())
    text = text_of(kpi_card(dataset, "helsinki", "population", "baltmet", regions, basis="reported"))
    assert f"{rank}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(rank, 'th')} of {len(figures)}" in text
    assert "mixed territories" in text


def test_computed_national_share(dataset: Dataset) -> None:
    text = text_of(kpi_card(dataset, "copenhagen", "population", "recent", (), basis="reported"))
    share = region_point(dataset, "copenhagen", "population", "recent", "share", None, "reported")
    assert share.how.startswith("computed")
    assert f"{format_value(share.value, 1)}% of Denmark's population ({share.year})" in text
