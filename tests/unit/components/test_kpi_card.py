"""KPI cards show value, unit, year, territory and source, or 'No data' with a reason."""

from __future__ import annotations

from statistics import median

import pytest

from dashboard.components.kpi_card import kpi_card, kpi_row
from dashboard.data import Dataset
from dashboard.formatting import THOUSANDS, format_value
from dashboard.measures import region_point
from tests.helpers import find_by_id, text_of, walk


def test_helsinki_profile_population_card(dataset: Dataset) -> None:
    text = text_of(kpi_card(dataset, "helsinki", "population", "baltmet", basis="reported"))
    assert f"1{THOUSANDS}300{THOUSANDS}000" in text
    assert "persons" in text and "c.\u00a02007" in text
    assert "Helsinki Region (12 municipalities)" in text
    assert "25 % of Finland's population (c.\u00a02007)" in text
    assert f"City of Helsinki: 560{THOUSANDS}000 persons" in text
    assert "BaltMet Inno partner profile: Helsinki Region" in text


def test_source_is_linked(dataset: Dataset) -> None:
    card = kpi_card(dataset, "helsinki", "science_parks", "baltmet", basis="reported")
    footnote = find_by_id(card, "kpi-source-science_parks")
    links = [n for n in walk(footnote) if getattr(n, "href", None)]
    assert links and links[0].href == dataset.source("baltmet_inno_helsinki_profile")["url"]


def test_missing_figure_says_why_and_never_zero(dataset: Dataset) -> None:
    text = text_of(kpi_card(dataset, "helsinki", "gdp", "baltmet", basis="reported"))
    assert "No data" in text
    assert "not as an amount" in text
    assert "34 % of Finland's GVA (c.\u00a02007, Helsinki Region (12 municipalities))" in text
    assert " 0 " not in f" {text} "


def test_city_figure_is_badged(dataset: Dataset) -> None:
    text = text_of(kpi_card(dataset, "riga", "population", "baltmet", basis="reported"))
    assert "City of Riga" in text and "City figure" in text


@pytest.mark.parametrize("edition", ["baltmet", "recent"])
def test_every_region_gets_five_cards(dataset: Dataset, edition: str) -> None:
    for region in dataset.region_ids:
        assert len(kpi_row(dataset, region, edition)) == 5


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
    assert f"{(values['helsinki'] / mid - 1) * 100:+.0f} % vs peers' median ({format_value(mid, 0)})" in text
    kinds = {dataset.figure(r, "population", "recent", basis="reported").territory_kind for r in peers}
    assert ("mixed territories" in text) == (len(kinds) > 1)
    like = text_of(kpi_card(dataset, "helsinki", "population", "recent", peers, basis="eurostat_metro"))
    metro = {r: f.value for r in peers if (f := dataset.figure(r, "population", "recent", basis="eurostat_metro"))}
    like_rank = 1 + sum(v > metro["helsinki"] for r, v in metro.items() if r != "helsinki")
    assert f"{like_rank}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(like_rank, 'th')} of {len(metro)}" in like
    assert "mixed territories" not in like


def test_rank_flags_mixed_territories(dataset: Dataset) -> None:
    text = text_of(kpi_card(dataset, "helsinki", "population", "baltmet", tuple(dataset.region_ids), basis="reported"))
    assert "7th of 11" in text and "mixed territories" in text


def test_computed_national_share(dataset: Dataset) -> None:
    text = text_of(kpi_card(dataset, "copenhagen", "population", "recent", (), basis="reported"))
    share = region_point(dataset, "copenhagen", "population", "recent", "share", None, "reported")
    assert share.how.startswith("computed")
    assert f"{format_value(share.value, 1)} % of Denmark's population ({share.year})" in text
