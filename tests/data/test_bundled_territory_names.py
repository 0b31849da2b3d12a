"""The bundled territories' names in the reader's language where a person reads them (issue 25): the KPI card,
a chart's hover and its summary in words say 'Helsingin seutu (12 kuntaa)' in Finnish, not the English name
the figure carries as data (Figure.territory)."""

from __future__ import annotations

from dashboard.data import Dataset
from dashboard.i18n import use_language
from dashboard.state import ViewState
from dashboard.view_model import chart_summary, kpi_lines
from dashboard.views import CHARTS
from tests.helpers import kpi_card_for as kpi_card
from tests.helpers import text_of

ENGLISH_REGION = "Helsinki Region (12 municipalities)"
FINNISH_REGION = "Helsingin seutu (12 kuntaa)"
STATE = ViewState(focus="helsinki", peers=("riga", "tallinn"), edition="baltmet", indicator="population",
                  basis="reported")


def test_the_card_names_the_territory_in_finnish(dataset: Dataset) -> None:
    figure = dataset.figure("helsinki", "population", "baltmet")
    with use_language("fi"):
        text = text_of(kpi_card(dataset, "helsinki", "population", "baltmet", basis="reported"))
        definition = dataset.territory_text(figure.territory_id, "definition")
    assert FINNISH_REGION in text and ENGLISH_REGION not in text
    assert "Helsingin kaupunki" in text  # the city beside the headline, for context
    assert "Suomi" in text or "Suomen" in text  # the share line's country
    assert definition.startswith("Helsingin seutu")
    assert figure.territory == ENGLISH_REGION  # the figure's own name stays English (it is data)


def test_the_slide_and_its_notes_name_the_territory_in_finnish(dataset: Dataset) -> None:
    from dashboard.export.deck import _kpi_notes
    from dashboard.export.kpi_slide import kpi_card as slide_card

    with use_language("fi"):
        line = next(x for x in kpi_lines(dataset, STATE) if x.indicator == "population")
        card = slide_card(dataset, line)
        notes = " ".join(_kpi_notes(dataset, STATE))
    details = " ".join(d.text for d in card.details)
    assert FINNISH_REGION in details and ENGLISH_REGION not in details
    assert FINNISH_REGION in notes and ENGLISH_REGION not in notes


def test_a_charts_hover_and_summary_name_the_territory_in_finnish(dataset: Dataset) -> None:
    with use_language("fi"):
        figure, meta = CHARTS.by_name("ranking").build(dataset, STATE)
        summary = chart_summary(meta, figure)
    hovers = " ".join(str(c) for trace in figure["data"] for row in trace.get("customdata") or () for c in row)
    assert FINNISH_REGION in hovers and ENGLISH_REGION not in hovers
    territories = {p.territory for _i, _m, p in meta.drawn if p.region_id == "helsinki"}
    assert territories == {FINNISH_REGION}
    assert ENGLISH_REGION not in summary


def test_english_is_as_before(dataset: Dataset) -> None:
    text = text_of(kpi_card(dataset, "helsinki", "population", "baltmet", basis="reported"))
    assert ENGLISH_REGION in text and "25% of Finland's population (c.\u00a02007)" in text
    figure, _meta = CHARTS.by_name("ranking").build(dataset, STATE)
    hovers = " ".join(str(c) for trace in figure["data"] for row in trace.get("customdata") or () for c in row)
    assert ENGLISH_REGION in hovers
