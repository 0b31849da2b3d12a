"""The app serves its page and answers callbacks, checked through Flask's test client."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace

import pytest

from dashboard.app_factory import create_app
from dashboard.data import Dataset
from dashboard.formatting import format_value
from dashboard.paths import ASSETS_DIR, PLOTLYJS_VERSION, PROJECT_ROOT
from dashboard.state import default_state, with_edition
from dashboard.url_state import restore
from dashboard.views import CHARTS, headline_basis
from tests.dash_requests import Requests


@pytest.fixture(scope="module")
def client(dataset: Dataset):
    return create_app(dataset).server.test_client()


def test_page_links_only_local_stylesheets_and_scripts(client) -> None:
    html = client.get("/").get_data(as_text=True)
    digest = hashlib.sha256((ASSETS_DIR / "vendor/bootstrap/bootstrap.min.css").read_bytes()).hexdigest()[:12]
    assert f'<link rel="stylesheet" href="/assets/vendor/bootstrap/bootstrap.min.css?v={digest}">' in html
    assert "cdn" not in html.lower() and "https://" not in html
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert any(s.startswith(f"/assets/vendor/plotly/plotly-baltmet-{PLOTLYJS_VERSION}.min.js?v=") for s in scripts)
    assert not [s for s in scripts if "package_data/plotly" in s]  # the full 4.8 MB plotly.js is never listed
    assert not [s for s in scripts if "dash_ag_grid" in s]  # loaded when the Table tab is first opened


@pytest.mark.parametrize("path", ["/assets/vendor/bootstrap/bootstrap.min.css",
                                  "/assets/vendor/bootstrap-icons/bootstrap-icons-subset.css",
                                  "/assets/vendor/bootstrap-icons/fonts/bootstrap-icons-subset.woff2",
                                  f"/assets/vendor/plotly/plotly-baltmet-{PLOTLYJS_VERSION}.min.js",
                                  "/_dash-component-suites/dash_ag_grid/dash_ag_grid.min.js?v=1",
                                  "/assets/app.css"])
def test_vendored_assets_are_served(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200 and len(response.data) > 100


def test_every_icon_the_app_uses_is_in_the_icon_subset() -> None:
    css = (ASSETS_DIR / "vendor/bootstrap-icons/bootstrap-icons-subset.css").read_text()
    icon = re.compile(r"\bbi-[a-z0-9]+(?:-[a-z0-9]+)*")
    declared = [PROJECT_ROOT / "data" / "indicators.csv"]  # the KPI cards' icons are declared there
    used = {m for path in [*(PROJECT_ROOT / "src").rglob("*.py"), *declared] for m in icon.findall(path.read_text())}
    assert used and all(f".{name}::before" in css for name in used), "run scripts/subset_icons.py"


def test_the_plotly_bundle_matches_plotly_py_and_draws_every_trace_type_the_builders_use() -> None:
    bundle = (ASSETS_DIR / f"vendor/plotly/plotly-baltmet-{PLOTLYJS_VERSION}.min.js").read_text()
    assert bundle.startswith(f"/* plotly.js v{PLOTLYJS_VERSION} ")  # else: scripts/build_plotly_bundle.sh
    assert "partial bundle: scatter, bar, scattergeo" in bundle.splitlines()[0]


def _post(client, output: str, outputs: list[dict], inputs: list[dict], changed: str, state=None):
    payload = {"output": output, "outputs": outputs, "inputs": inputs, "changedPropIds": [changed],
               "state": state or []}
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


VIEW = "..view-state.data"


def test_one_request_answers_a_focus_change_with_the_cards_and_every_chart(client, dataset: Dataset) -> None:
    stored = with_edition(dataset, default_state(dataset), "recent").to_dict()
    body = Requests(client).post(VIEW, {"region-select": "riga", "view-state": stored}, "region-select.value")
    response = body["response"]
    text = json.dumps(response["kpi-row"], ensure_ascii=False)
    state = restore(dataset, response["view-state"]["data"])
    population = dataset.figure("riga", "population", "recent", basis=headline_basis(dataset, state))
    assert "Riga" in text and format_value(population.value, 0) in text  # Riga's card, whatever its figure
    assert state.focus == "riga"
    assert all(f"chart-{view.name}" in response for view in CHARTS)


def test_charts_whose_inputs_did_not_change_are_not_resent(client, dataset: Dataset) -> None:
    from dashboard.views import kpi_key

    state = replace(default_state(dataset), basis="reported")  # a set basis: the cards do not follow the indicator
    shown = {f"{v.name}-key": [*v.key(state), None] for v in CHARTS}
    values = {"view-state": state.to_dict(), "kpi-key": kpi_key(state), **shown, "indicator-select": "gdp"}
    response = Requests(client).post(VIEW, values, "indicator-select.value")["response"]
    # GDP feeds the ranking, the map and the trend; the scatter, the shares and the cards stay as they are
    assert {"chart-ranking", "chart-map", "chart-trend"} <= set(response)
    assert not {"chart-scatter", "chart-shares", "kpi-row"} & set(response)


def test_the_scale_toggle_redraws_only_the_trend_and_the_scatter(client, dataset: Dataset) -> None:
    from dashboard.views import kpi_key

    state = default_state(dataset)
    shown = {f"{v.name}-key": [*v.key(state), None] for v in CHARTS}
    values = {"view-state": state.to_dict(), "kpi-key": kpi_key(state), **shown, "scale-select": "log"}
    response = Requests(client).post(VIEW, values, "scale-select.value")["response"]
    assert {"chart-trend", "chart-scatter"} <= set(response)
    assert not {"chart-ranking", "chart-map", "chart-shares", "kpi-row"} & set(response)
    assert response["chart-trend"]["figure"]["layout"]["yaxis"]["type"] == "log"
    assert response["chart-scatter"]["figure"]["layout"]["xaxis"]["type"] == "log"
    assert response["url"]["search"] == "?scale=log&lang=en"
    assert "scale-select" not in response  # the control shows it already: not drawn again


@pytest.mark.parametrize("ready", [True, "failed"])
def test_the_table_is_created_once_its_library_is_loaded_or_says_it_could_not_be(client, dataset, ready) -> None:
    state = replace(default_state(dataset), peers=("oslo", "riga"), tab="table")
    body = _post(client, "figures-table.children", {"id": "figures-table", "property": "children"},
                 [{"id": "grid-library", "property": "data", "value": ready}], "grid-library.data",
                 state=[{"id": "view-state", "property": "data", "value": state.to_dict()},
                        {"id": "user-data", "property": "data", "value": None}])
    grid = body["response"]["figures-table"]["children"]
    if ready is True:
        assert grid["type"] == "AgGrid" and grid["namespace"] == "dash_ag_grid"
        assert {row["region"] for row in grid["props"]["rowData"]} == {"Helsinki", "Oslo", "Riga"}
    else:
        assert grid["type"] == "Alert" and "could not be loaded" in json.dumps(grid)


def test_url_drives_the_state_and_reports_bad_values(client, dataset: Dataset) -> None:
    body = Requests(client).post(VIEW, {"url": "?focus=oslo&measure=nonsense",
                                        "view-state": default_state(dataset).to_dict()}, "url.search")
    response = body["response"]
    assert response["view-state"]["data"]["focus"] == "oslo"
    assert response["url"]["search"] == "?focus=oslo&lang=en"
    assert "measure=nonsense" in json.dumps(response["url-notice"]["children"])
    assert response["url-notice"]["is_open"] is True


def test_an_export_the_menu_does_not_offer_is_refused_and_nothing_breaks(client, dataset: Dataset) -> None:
    app = create_app(dataset)
    key = next(k for k in app.callback_map if k.startswith("..download.data"))
    spec = app.callback_map[key]
    bad = {"type": "export", "chart": "no-such-chart", "fmt": "png", "size": "slide", "scale": 2}
    inputs = [[{"id": bad, "property": "n_clicks", "value": 1}], []]
    outputs = [{"id": o.split(".")[0], "property": o.split(".")[1]} for o in key.strip(".").split("...")]
    body = _post(client, key, outputs, inputs, json.dumps(bad, separators=(",", ":"), sort_keys=True) + ".n_clicks",
                 state=[{"id": "view-state", "property": "data", "value": default_state(dataset).to_dict()},
                        {"id": "user-data", "property": "data", "value": None}])
    response = body["response"]
    assert response["export-error"]["is_open"] is True
    assert "That export is not offered" in json.dumps(response["export-error"]["children"])
    assert "download" not in response
    assert spec["inputs"][0]["property"] == "n_clicks"
    assert client.get("/").status_code == 200  # the app keeps serving


def test_no_chart_offers_the_cloud_or_a_bare_png(client) -> None:
    layout = json.dumps(client.get("/_dash-layout").get_json())
    graphs = re.findall(r'"config": (\{[^}]*\})', layout)
    assert graphs
    for config in map(json.loads, graphs):
        if config.get("displayModeBar") is False:
            continue  # the presentation graph shows no mode bar at all
        assert config["displaylogo"] is False and config["showSendToCloud"] is False
        assert {"toImage", "sendDataToCloud"} <= set(config["modeBarButtonsToRemove"])
