"""A chart is one registry entry plus its builder: a toy chart registered for a while is on the page, in
presentation mode, in the downloads and in the deck, and no other module names it."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from dashboard.app_factory import create_app
from dashboard.comparability import assess
from dashboard.data import Dataset
from dashboard.export.deck import build_deck
from dashboard.export.files import chart_name, data_file
from dashboard.figures.common import ChartMeta, cite
from dashboard.measures import points
from dashboard.state import default_state
from dashboard.url_state import from_query
from dashboard.views import CHARTS, ChartView
from tests.dash_requests import Requests

TOY_TITLE = "Toy: every region's population as reported"


def build_toy(dataset: Dataset, regions: tuple[str, ...], edition: str, year: int | None):
    """Bars of population as each region reports it: a chart no module knows."""
    drawn = [p for p in points(dataset, regions, "population", edition, "absolute", year, "reported")
             if p.value is not None]
    sources, publishers = cite(dataset, drawn)
    figure = {"data": [{"type": "bar", "orientation": "h", "x": [p.value for p in drawn],
                        "y": [dataset.region_name(p.region_id) for p in drawn],
                        "customdata": [[p.region_id] for p in drawn]}],
              "layout": {"xaxis": {"title": {"text": "persons"}}}}
    meta = ChartMeta(TOY_TITLE, "a chart registered by a test", assess(dataset, drawn, "reported"), sources, (),
                     publishers, tuple(("population", "absolute", p) for p in drawn))
    return figure, meta


TOY = ChartView("toy", build_toy, "Toy chart", width=12, deck="bars", file_what="toy-population")


@pytest.fixture
def toy_registered():
    with CHARTS.temporarily(TOY):
        yield


def test_the_toy_is_on_the_page_and_in_the_view_callback(toy_registered, dataset: Dataset) -> None:
    client = create_app(dataset).server.test_client()
    layout = json.dumps(client.get("/_dash-layout").get_json())
    assert '"chart-toy"' in layout and TOY_TITLE in layout
    stored = default_state(dataset).to_dict()
    response = Requests(client).post("..view-state.data", {"region-select": "riga", "view-state": stored},
                                     "region-select.value")["response"]
    assert "chart-toy" in response  # no chart was shown before this answer: every chart comes, the toy too


def test_the_toy_is_a_slide_of_the_presentation(toy_registered, dataset: Dataset) -> None:
    state, ignored = from_query(dataset, "?present=1&slide=toy")
    assert ignored == [] and state.slide == "toy"
    client = create_app(dataset).server.test_client()
    response = Requests(client).post("..view-state.data", {"url": "?present=1&slide=toy",
                                                           "view-state": default_state(dataset).to_dict()},
                                     "url.search")["response"]
    assert TOY_TITLE in json.dumps(response, ensure_ascii=False)


def test_the_toy_is_in_the_downloads(toy_registered, dataset: Dataset) -> None:
    state = default_state(dataset)
    assert chart_name(dataset, state, "toy", "png").startswith("helsinki-vs-peers_toy_toy-population")
    _, payload = data_file(dataset, state, "xlsx")

    sheet = load_workbook(io.BytesIO(payload)).worksheets[0]
    regions = {row[0] for row in sheet.iter_rows(values_only=True)}
    reported_only = {dataset.region_name(p.region_id) for p in points(
        dataset, state.regions, "population", state.edition, "absolute", None, "reported") if p.value is not None}
    assert reported_only <= regions  # the toy's figures are among the view's


def test_the_toy_is_a_native_chart_in_the_deck(toy_registered, needs_chromium, dataset: Dataset) -> None:
    deck = Presentation(io.BytesIO(build_deck(dataset, default_state(dataset))))
    toy = [slide for slide in deck.slides if any(s.has_text_frame and TOY_TITLE in s.text_frame.text
                                                  for s in slide.shapes)]
    assert len(toy) == 1 and any(shape.has_chart for shape in toy[0].shapes)


def test_the_registry_is_as_before_after_the_block(dataset: Dataset) -> None:
    with CHARTS.temporarily(TOY):
        assert "toy" in CHARTS.names()
    assert "toy" not in CHARTS.names()
    with pytest.raises(KeyError):
        CHARTS.by_name("toy")


def test_every_deck_drawing_the_registry_names_is_drawn() -> None:
    from dashboard.export.native_charts import DRAWINGS
    from dashboard.views import DECK_DRAWINGS

    assert set(DRAWINGS) == set(DECK_DRAWINGS) - {"picture"}
    assert all(view.deck in DECK_DRAWINGS and 1 <= view.width <= 12 for view in CHARTS)
