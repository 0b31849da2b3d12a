"""The app serves its page and answers callbacks, checked through Flask's test client."""

from __future__ import annotations

import json

import pytest

from dashboard.app_factory import create_app
from dashboard.data import Dataset
from dashboard.formatting import THOUSANDS


@pytest.fixture(scope="module")
def client(dataset: Dataset):
    return create_app(dataset).server.test_client()


def test_page_links_only_local_stylesheets(client) -> None:
    html = client.get("/").get_data(as_text=True)
    assert '<link rel="stylesheet" href="/assets/vendor/bootstrap/bootstrap.min.css">' in html
    assert "cdn" not in html.lower() and "https://" not in html


@pytest.mark.parametrize("path", ["/assets/vendor/bootstrap/bootstrap.min.css",
                                  "/assets/vendor/bootstrap-icons/bootstrap-icons.min.css",
                                  "/assets/vendor/bootstrap-icons/fonts/bootstrap-icons.woff2",
                                  "/assets/app.css"])
def test_vendored_assets_are_served(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200 and len(response.data) > 100


def test_region_change_callback_returns_new_cards(client) -> None:
    payload = {
        "output": "..region-heading.children...kpi-row.children..",
        "outputs": [{"id": "region-heading", "property": "children"}, {"id": "kpi-row", "property": "children"}],
        "inputs": [{"id": "region-select", "property": "value", "value": "riga"},
                   {"id": "edition-select", "property": "value", "value": "recent"}],
        "changedPropIds": ["region-select.value"],
        "state": [],
    }
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200
    body = json.dumps(response.get_json(), ensure_ascii=False)
    assert "Riga" in body and f"609{THOUSANDS}489" in body  # Riga's 2023 population (NUTS3 LV006)
    assert "Helsinki Region" not in body
