"""KPI cards show value, unit, year, territory and source, or 'No data' with a reason."""

from __future__ import annotations

import pytest
from tests.helpers import find_by_id, text_of, walk

from dashboard.components.kpi_card import kpi_card, kpi_row
from dashboard.data import Dataset
from dashboard.formatting import THOUSANDS


def test_helsinki_profile_population_card(dataset: Dataset) -> None:
    text = text_of(kpi_card(dataset, "helsinki", "population", "baltmet"))
    assert f"1{THOUSANDS}300{THOUSANDS}000" in text
    assert "persons" in text and "c.\u00a02007" in text
    assert "Helsinki Region (Helsinki, Espoo, Vantaa" in text
    assert "Share of population of Finland: 25 %" in text
    assert f"City of Helsinki: 560{THOUSANDS}000 persons" in text
    assert "BaltMet Inno partner profile: Helsinki Region" in text


def test_source_is_linked(dataset: Dataset) -> None:
    card = kpi_card(dataset, "helsinki", "science_parks", "baltmet")
    footnote = find_by_id(card, "kpi-source-science_parks")
    links = [n for n in walk(footnote) if getattr(n, "href", None)]
    assert links and links[0].href == dataset.source("baltmet_inno_helsinki_profile")["url"]


def test_missing_figure_says_why_and_never_zero(dataset: Dataset) -> None:
    text = text_of(kpi_card(dataset, "helsinki", "gdp", "baltmet"))
    assert "No data" in text
    assert "not as an amount" in text
    assert "Share of GVA of Finland: 34 %" in text
    assert " 0 " not in f" {text} "


def test_city_figure_is_badged(dataset: Dataset) -> None:
    text = text_of(kpi_card(dataset, "riga", "population", "baltmet"))
    assert "City of Riga" in text and "City figure" in text


@pytest.mark.parametrize("edition", ["baltmet", "recent"])
def test_every_region_gets_five_cards(dataset: Dataset, edition: str) -> None:
    for region in dataset.region_ids:
        assert len(kpi_row(dataset, region, edition)) == 5
