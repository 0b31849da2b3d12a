"""The data's text in the other languages (i18n/<lang>/*.csv): read through the Dataset in the current language,
English where a table, row or cell is missing, and checked like the other tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.data import Dataset, load_dataset
from dashboard.data.problems import DataValidationError
from dashboard.data.territory_kinds import bundled_territory_kinds
from dashboard.data.translations import parse_noun_forms, plural_category
from dashboard.i18n import use_language
from dashboard.i18n.catalogs import pseudo
from tests import synthetic

FIGURES = [("aa", "population", 2021, 500_000, "metro"), ("bb", "population", 2021, 300_000, "city")]
GAPS = {("aa", "gdp", "recent"): "No GDP for AA.", ("bb", "gdp", "recent"): "No GDP for BB."}


def _write(folder: Path, lang: str, name: str, text: str) -> None:
    path = folder / "i18n" / lang / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "d"
    synthetic.build(folder, FIGURES, gaps=GAPS)
    _write(folder, "fi", "regions.csv", "region_id,name,in_name,genitive\naa,Aa-kaupunki,Aa-kaupungissa,Aa-kaupungin\n")
    _write(folder, "fi", "countries.csv", "country,name,in_name,genitive\nFI,Suomi,Suomessa,Suomen\n")
    _write(folder, "fi", "indicators.csv",
           "indicator_id,label,short_label,unit,noun_one,noun_many\n"
           "population,Väkiluku,Väkiluku,henkilöä,asukas,asukasta\ngdp,Bruttokansantuote,,,,\n")
    _write(folder, "fi", "territories.csv", "territory_id,name,definition\naa_metro,AA:n metroalue,\n")
    _write(folder, "fi", "gaps.csv", "region_id,indicator_id,edition,reason\naa,gdp,recent,Ei BKT:ta.\n")
    _write(folder, "pl", "indicators.csv",
           "indicator_id,noun_one,noun_many,noun_forms\n"
           "universities,uniwersytet,uniwersytetów,few:uniwersytety|other:uniwersytetu\n")
    return folder


@pytest.fixture
def data(tmp_path: Path) -> Dataset:
    return load_dataset(_folder(tmp_path))


def test_names_follow_the_current_language_and_fall_back_to_english(data: Dataset) -> None:
    assert data.region_name("aa") == "AA"
    with use_language("fi"):
        assert data.region_name("aa") == "Aa-kaupunki"
        assert data.region_text("aa", "in_name") == "Aa-kaupungissa"
        assert data.region_text("aa", "genitive") == "Aa-kaupungin"
        assert data.region_name("bb") == "BB"  # no row: English
        assert data.region_text("bb", "in_name") == "in BB"
        assert data.country_text("FI", "in_name") == "Suomessa"
        assert data.region_country_text("bb", "genitive") == "Suomen"
    with use_language("sv"):  # no Swedish tables at all
        assert data.region_text("aa", "genitive") == "AA's"
        assert data.country_text("FI") == "Finland"
    assert data.country_text("FI", "genitive") == "Finland's"
    with pytest.raises(ValueError):
        data.region_text("aa", "dative")


def test_the_indicator_record_speaks_the_current_language(data: Dataset) -> None:
    english = data.indicator("population")
    with use_language("fi"):
        finnish = data.indicator("population")
        gdp = data.indicator("gdp")
        assert [r.label for r in data.all_indicators][:2] == ["Väkiluku", "Bruttokansantuote"]
    assert (english.label, english.unit, english.unit_code, english.lang) == ("Population", "persons", "persons", "en")
    assert (finnish.label, finnish.unit, finnish.unit_code, finnish.lang) == ("Väkiluku", "henkilöä", "persons", "fi")
    assert (finnish.kind, finnish.kpi_order, finnish.national_total) == (english.kind, english.kpi_order,
                                                                         english.national_total)
    assert (gdp.label, gdp.short_label, gdp.unit) == ("Bruttokansantuote", "GDP", "EUR million")  # empty cell: English
    assert (finnish.noun_for(1), finnish.noun_for(9)) == ("asukas", "asukasta")
    assert data.indicator("population").label == "Population"  # English again after the block
    with use_language("qps"):  # the pseudo-language pseudo-translates the English (the code reads unit_code)
        pseudo_record = data.indicator("population")
    assert (pseudo_record.label, pseudo_record.unit_code) == (pseudo("Population"), "persons")


def test_plural_nouns_take_the_languages_categories(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    rows = synthetic.indicator_rows(universities={"noun_one": "university", "noun_many": "universities"})
    synthetic.build(folder, FIGURES, gaps=GAPS, indicators=rows)
    data = load_dataset(folder)
    assert [data.indicator("universities").noun_for(n) for n in (1, 3)] == ["university", "universities"]
    with use_language("pl"):
        nouns = [data.indicator("universities").noun_for(n) for n in (1, 3, 9, 22, 1.5)]
    assert nouns == ["uniwersytet", "uniwersytety", "uniwersytetów", "uniwersytety", "uniwersytetu"]
    assert parse_noun_forms("few:a | many:b|bad") == {"few": "a", "many": "b"}
    assert plural_category(21, "ru") == "one" and plural_category(5, "ru") == "many"


def test_territories_gaps_and_kinds_follow_the_language(data: Dataset) -> None:
    with use_language("fi"):
        assert data.territory_name("aa_metro") == "AA:n metroalue"
        assert data.territory_text("aa_metro", "definition") == "the metro of aa"  # empty cell: English
        assert data.missing_reason("aa", "gdp", "recent") == "Ei BKT:ta."
        assert data.missing_reason("bb", "gdp", "recent") == "No GDP for BB."  # no row: English
        assert data.gap_reason("aa", "population", "recent") == ""
        assert data.kinds.label("city") == bundled_territory_kinds().label("city") != "core city"  # bundled kinds
    assert data.missing_reason("aa", "gdp", "recent") == "No GDP for AA."
    assert data.kinds.label("city") == "core city"
    with use_language("qps"):  # the generic reason is a message of the code: the catalogs translate it
        assert data.missing_reason("cc", "gdp", "recent").startswith("[")


def test_a_folder_translates_its_own_kinds(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    _write(folder, "de", "territory_kinds.csv", "kind,label,badge\ncity,Stadt selbst,Nur die Stadt\nfua,,\n")
    data = load_dataset(folder)
    with use_language("de"):
        assert data.kinds.label("city") == "Stadt selbst"
        assert data.kinds.badge("city")[0] == "Nur die Stadt"  # type: ignore[index]
        assert data.kinds.badge("country") is None  # English has no badge: none in any language
    assert data.kinds.label("city") == "core city"


def test_a_dataset_made_from_another_keeps_the_folders_text(data: Dataset) -> None:
    copy = Dataset(regions=data.regions, indicators=data.indicators, sources=data.sources, values=data.values,
                   gaps=data.gaps, data_dir=data.data_dir, territories=data.territories)
    with use_language("fi"):
        assert copy.region_name("aa") == "Aa-kaupunki"
        assert copy.indicator("population").label == "Väkiluku"


def _problems(folder: Path) -> list[str]:
    with pytest.raises(DataValidationError) as raised:
        load_dataset(folder)
    return [str(p) for p in raised.value.problems]


@pytest.mark.parametrize(("lang", "name", "text", "expected"), [
    ("fi", "regions.csv", "region_id,name\nzz,Zz\n", "fi/regions.csv:2:region_id: unknown region 'zz'"),
    ("fi", "regions.csv", "region_id,name\naa,A\naa,B\n", "fi/regions.csv:3:region_id: duplicate key (region_id=aa)"),
    ("fi", "regions.csv", "name,in_name\nA,B\n", "fi/regions.csv:1:region_id: missing column"),
    ("fi", "regions.csv", "region_id,name,colour\naa,A,#fff\n", "fi/regions.csv:1:colour: unknown column"),
    ("fi", "indicators.csv", "indicator_id,label\ngdp,TODO\n", "fi/indicators.csv:2:label: 'TODO' looks like a "
                                                                "placeholder"),
    ("fi", "indicators.csv", "indicator_id,label\ngdp,BKT {region}\n", "fi/indicators.csv:2:label: 'BKT {region}'"),
    ("pl", "indicators.csv", "indicator_id,noun_forms\ngdp,dual:x\n", "pl/indicators.csv:2:noun_forms: 'dual' is not "
                                                                       "a plural category of pl"),
    ("fi", "gaps.csv", "region_id,indicator_id,edition,reason\naa,population,recent,X\n",
     "fi/gaps.csv:2:region_id: no row of gaps.csv for (aa, population, recent)"),
    ("fi", "countries.csv", "country,name\nSE,Ruotsi\n", "fi/countries.csv:2:country: unknown country 'SE'"),
    ("fi", "territory_kinds.csv", "kind,label\nvillage,kylä\n", "fi/territory_kinds.csv:2:kind: unknown kind"),
    ("fi", "territories.csv", "territory_id,name\nnowhere,Ei missään\n", "fi/territories.csv:2:territory_id: unknown"),
    ("fi", "notes.csv", "a\nb\n", "fi/notes.csv:0:-: unknown table"),
    ("xx", "regions.csv", "region_id,name\naa,A\n", "i18n/xx:0:-: not a language folder"),
    ("en", "regions.csv", "region_id,name\naa,A\n", "i18n/en:0:-: not a language folder"),
])
def test_a_bad_translation_table_is_a_problem_with_its_place(tmp_path: Path, lang: str, name: str, text: str,
                                                             expected: str) -> None:
    folder = _folder(tmp_path)
    _write(folder, lang, name, text)
    problems = _problems(folder)
    assert any(expected in p for p in problems), problems


def test_every_problem_of_every_table_is_reported_at_once(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    _write(folder, "fi", "regions.csv", "region_id,name\nzz,Zz\n")
    _write(folder, "de", "indicators.csv", "indicator_id,label\nnope,Nein\n")
    problems = _problems(folder)
    assert len(problems) == 2 and "fi/regions.csv" in problems[1] and "de/indicators.csv" in problems[0]


def test_the_pseudo_language_is_the_english_text_pseudo_translated(tmp_path: Path) -> None:
    from dashboard.data.translations import KIND_TEXTS, REGION_TEXTS, known_ids, read_texts

    kinds = bundled_territory_kinds()
    known = known_ids(None, None, kinds, None, None)  # a TerritoryKinds: its labels too, not only its ids
    assert known.kinds == frozenset(kinds.order)
    texts, problems = read_texts(tmp_path, known)  # no i18n folder: the pseudo-language still has its text
    assert problems == []
    label = kinds.rows[0].label
    assert texts.text(KIND_TEXTS.file, "qps", kinds.rows[0].kind, "label") == pseudo(label)
    assert texts.text(KIND_TEXTS.file, "fi", kinds.rows[0].kind, "label") == ""  # other languages: their tables
    assert texts.table(REGION_TEXTS.file, "qps") == {}
    assert known_ids(None, None, kinds.order, None, None).kinds == known.kinds  # the ids alone, as before
