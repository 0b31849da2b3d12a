"""The bundled figures as the look-ups and the KPI cards give them: Helsinki's BaltMet Inno profile, Riga's
city figure, the five KPIs. Curated numbers belong here; the logic behind them is tested on made-up data in
tests/unit (test_dataset.py, test_kpi_card.py)."""

from __future__ import annotations

from dashboard.data import Dataset
from dashboard.formatting import THOUSANDS
from tests.helpers import find_by_id, text_of, walk
from tests.helpers import kpi_card_for as kpi_card


def test_the_five_kpis_in_card_order(dataset: Dataset) -> None:
    assert dataset.kpi_ids == ["population", "employment", "gdp", "universities", "science_parks"]


def test_helsinki_baltmet_population_is_the_profiles_of_2007(dataset: Dataset) -> None:
    # Helsinki has 2005, 2007 and 2009 figures in the BaltMet edition; the profile is c. 2007.
    figure = dataset.figure("helsinki", "population", "baltmet")
    assert (figure.year, figure.value, figure.source_id) == (2007, 1_300_000, "baltmet_inno_helsinki_profile")
    assert dataset.figure("helsinki", "population", "baltmet", 2005).value == 1_240_482


def test_helsinki_recent_population_is_uusimaas_latest(dataset: Dataset) -> None:
    figure = dataset.figure("helsinki", "population", "recent")
    latest = max(f.year for f in dataset.series("helsinki", "population", "recent") if f.territory_id == "fi001mc")
    assert figure.territory_id == "fi001mc" and figure.year == latest  # Uusimaa (FI001MC), whatever its last year


def test_helsinki_profile_population_card(dataset: Dataset) -> None:
    text = text_of(kpi_card(dataset, "helsinki", "population", "baltmet", basis="reported"))
    assert f"1{THOUSANDS}300{THOUSANDS}000" in text
    assert "persons" in text and "c.\u00a02007" in text
    assert "Helsinki Region (12 municipalities)" in text
    assert "25% of Finland's population (c.\u00a02007)" in text
    assert f"City of Helsinki: 560{THOUSANDS}000 persons" in text
    assert "BaltMet Inno partner profile: Helsinki Region" in text


def test_helsinki_science_parks_link_to_the_profile(dataset: Dataset) -> None:
    card = kpi_card(dataset, "helsinki", "science_parks", "baltmet", basis="reported")
    footnote = find_by_id(card, "kpi-source-science_parks")
    links = [n for n in walk(footnote) if getattr(n, "href", None)]
    assert links and links[0].href == dataset.source("baltmet_inno_helsinki_profile")["url"]


def test_helsinki_has_no_gdp_amount_c2007_only_a_share_of_gva(dataset: Dataset) -> None:
    assert dataset.figure("helsinki", "gdp", "baltmet") is None
    assert "34 %" in dataset.missing_reason("helsinki", "gdp", "baltmet")
    text = text_of(kpi_card(dataset, "helsinki", "gdp", "baltmet", basis="reported"))
    assert "No data" in text and "not as an amount" in text
    assert "34% of Finland's GVA (c.\u00a02007, Helsinki Region (12 municipalities))" in text
    assert " 0 " not in f" {text} "


def test_rigas_baltmet_population_is_a_city_figure(dataset: Dataset) -> None:
    text = text_of(kpi_card(dataset, "riga", "population", "baltmet", basis="reported"))
    assert "City of Riga" in text and "City figure" in text
