"""The charts in the language of the view: every text through the catalogs, numbers in the language's signs,
and no cache serving one language's figure to another."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dashboard.data import Dataset
from dashboard.i18n import plotly_separators, use_language
from dashboard.i18n.catalogs import pseudo
from dashboard.measures import MEASURE_LABELS, basis_name, measure_label, measure_title
from dashboard.presets import PRESETS, preset_label
from dashboard.state import default_state, with_edition
from dashboard.view_rules import menus_key, menus_to_send
from dashboard.views import CHARTS, kpi_key

# English words of the builders' own messages (not of the data tables, which another layer translates)
ENGLISH = ("Ranking:", "Map:", "Trend:", "against", "Share of the national total", "Compared on", "Source:",
           "Year", "no data", "bubble size", "% of the country")


@pytest.fixture
def recent(dataset: Dataset):
    return with_edition(dataset, default_state(dataset), "recent")


def _texts(figure: dict, meta) -> list[str]:
    layout = figure["layout"]
    texts = [meta.title, meta.subtitle, meta.comparability.footnote]
    texts += [axis["title"]["text"] for key, axis in layout.items() if key.endswith("axis") and "title" in axis]
    texts += [note["text"] for note in layout.get("annotations", [])]
    texts += [row[7] for trace in figure["data"] for row in trace.get("customdata") or ()]
    return texts


@pytest.mark.parametrize("name", [view.name for view in CHARTS])
def test_every_chart_speaks_the_pseudo_language(dataset: Dataset, recent, name: str) -> None:
    view = CHARTS.by_name(name)
    with use_language("qps"):
        figure, meta = view.build(dataset, replace(recent, lang="qps"))
    assert meta.title.startswith("[") and "Compared on" not in meta.subtitle
    texts = " ".join(_texts(figure, meta))
    assert not [word for word in ENGLISH if word in texts], texts[:400]


@pytest.mark.parametrize("name", [view.name for view in CHARTS])
def test_a_cached_figure_is_never_served_in_another_language(dataset: Dataset, recent, name: str) -> None:
    view = CHARTS.by_name(name)
    english = view.build(dataset, recent)[1].title
    with use_language("qps"):
        pseudo = view.build(dataset, replace(recent, lang="qps"))[1].title
    assert english != pseudo and pseudo.startswith("[")
    assert view.build(dataset, recent)[1].title == english  # and back


def test_the_axes_use_the_languages_decimal_sign(dataset: Dataset, recent) -> None:
    for lang, sign in (("en", "."), ("fi", ","), ("de", ",")):
        with use_language(lang):
            figure, _meta = CHARTS.by_name("ranking").build(dataset, replace(recent, lang=lang))
        assert figure["layout"]["separators"] == plotly_separators(lang) and figure["layout"]["separators"][0] == sign


def test_the_keys_of_charts_cards_and_menus_change_with_the_language(recent) -> None:
    finnish = replace(recent, lang="fi")
    for view in CHARTS:
        assert view.key(recent) != view.key(finnish)
    assert kpi_key(recent) != kpi_key(finnish)
    assert menus_to_send(menus_key(None, finnish), menus_key(None, recent)) == (True, True)
    assert menus_to_send(menus_key(None, replace(recent, focus="riga")), menus_key(None, recent)) == (False, True)


def test_names_of_measures_presets_charts_and_bases_are_in_the_catalogs(dataset: Dataset) -> None:
    assert basis_name("city") == "core cities"
    with use_language("qps"):
        assert all(measure_label(m).startswith("[") for m in MEASURE_LABELS)
        assert all(preset_label(p).startswith("[") for p in PRESETS)
        assert all(view.label.startswith("[") for view in CHARTS)
        assert basis_name("city").startswith("[")
    assert measure_label("per_capita") == "Per inhabitant" and CHARTS.by_name("ranking").label == "Ranking"


def test_an_indicator_label_is_never_lowercased_into_a_title(dataset: Dataset) -> None:
    assert measure_title(dataset, "population", "share") == "Population, share of the national total"
    assert measure_title(dataset, "gdp", "per_capita") == "GDP per inhabitant"
    with use_language("qps"):
        title = measure_title(dataset, "population", "share")
    # the label placed as it stands (the data's text, pseudo-translated too)
    assert pseudo("Population") in title and title.startswith("[")
