"""A figure's territory as a person reads it (issue 25): the current language's name where the i18n tables give
one, the figure's own name (English, or a user's wording) where they do not, and never a failure for a territory
the tables do not know (a user's upload). ``Figure.territory`` itself stays English: it is data."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from dashboard.components.kpi_card import _territory_line
from dashboard.data import Dataset, load_dataset
from dashboard.i18n import use_language
from dashboard.i18n.catalogs import pseudo
from dashboard.measures import no_comparable, point_of, region_point, territory_name
from tests import synthetic
from tests.helpers import text_of


def _data(tmp_path: Path) -> Dataset:
    folder = tmp_path / "data"
    synthetic.build(folder, [("aa", "population", 2020, 1000, "metro"), ("aa", "population", 2020, 400, "city"),
                             ("bb", "population", 2020, 900, "metro")],
                    gaps={("cc", "population", "recent"): "Not published"})
    (folder / "i18n" / "fi").mkdir(parents=True)
    (folder / "i18n" / "fi" / "territories.csv").write_text(
        "territory_id,name,definition\naa_metro,AA:n metroalue,AA:n metroalue kokonaan\n", encoding="utf-8")
    return load_dataset(folder)


def test_the_territory_is_named_in_the_current_language(tmp_path: Path) -> None:
    data = _data(tmp_path)
    figure = data.figure("aa", "population", "recent")
    assert figure.territory_id == "aa_metro" and figure.territory == "AA metro"
    assert territory_name(data, figure) == "AA metro"
    with use_language("fi"):
        assert territory_name(data, figure) == "AA:n metroalue"
        assert point_of(figure, data).territory == "AA:n metroalue"
        assert region_point(data, "aa", "population", "recent", "absolute", None).territory == "AA:n metroalue"
        line = text_of(_territory_line(data, figure))
        assert "AA:n metroalue" in line and "AA metro" not in line
        untranslated = data.figure("bb", "population", "recent")
        assert territory_name(data, untranslated) == "BB metro"  # no Finnish row: English
    assert figure.territory == "AA metro"  # the data keeps English
    assert region_point(data, "aa", "population", "recent", "absolute", None).territory == "AA metro"  # per language


def test_an_unknown_territory_falls_back_to_the_figures_own_name(tmp_path: Path) -> None:
    data = _data(tmp_path)
    figure = data.figure("aa", "population", "recent")
    uploaded = replace(figure, territory_id="not_in_the_tables", territory="Our own commuting area")
    unnamed = replace(figure, territory_id="", territory="As the source words it")
    for lang in ("en", "fi", "qps"):
        with use_language(lang):
            assert territory_name(data, uploaded) == "Our own commuting area"
            assert territory_name(data, unnamed) == "As the source words it"
            assert point_of(uploaded, data).territory == "Our own commuting area"
            line = _territory_line(data, uploaded)  # no definition to show, and no KeyError
            assert text_of(line).startswith("Our own commuting area")
    assert territory_name(None, figure) == "AA metro"  # without a dataset: the figure's own
    assert point_of(figure).territory == "AA metro"


def test_a_gap_reason_follows_the_language_layer(tmp_path: Path) -> None:
    data = _data(tmp_path)
    assert no_comparable(data, "cc", "population", "recent", None, "reported").missing == "Not published"
    with use_language("qps"):
        assert no_comparable(data, "cc", "population", "recent", None, "reported").missing == pseudo("Not published")


def test_the_pseudo_language_marks_the_datas_text_but_not_its_ids_or_codes(tmp_path: Path) -> None:
    data = _data(tmp_path)
    figure = data.figure("aa", "population", "recent")
    with use_language("qps"):
        indicator = data.indicator("population")
        assert data.region_name("aa") == pseudo("AA")
        assert data.region_text("aa", "genitive") == pseudo("AA's")
        assert data.region_country_text("aa", "in_name") == pseudo("in Finland")
        assert data.territory_name("aa_metro") == pseudo("AA metro")
        assert territory_name(data, figure) == pseudo("AA metro")
        assert (indicator.label, indicator.unit) == (pseudo("Population"), pseudo("persons"))
        assert (indicator.id, indicator.unit_code, indicator.kind) == ("population", "persons", "count")
        assert data.region_ids == ["aa", "bb", "cc", "dd", "ee"] and figure.territory == "AA metro"
    assert data.region_name("aa") == "AA" and data.indicator("population").label == "Population"
