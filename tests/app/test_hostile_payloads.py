"""Payloads that still took a worker to a 500: a year of Infinity (int() raised OverflowError) and a
control's value nested 500 deep (the view state's asdict recursed until RecursionError). Each is now
answered with the view unchanged, never a server error."""

from __future__ import annotations

import json
import logging

import pytest

from dashboard.app_factory import create_app
from dashboard.data import Dataset
from dashboard.state import default_state
from dashboard.view_rules import CONTROLS, chosen_year
from tests.dash_requests import Requests


def _deep(depth: int, make) -> object:
    value: object = "x"
    for _ in range(depth):
        value = make(value)
    return value


@pytest.fixture(scope="module")
def requests(dataset: Dataset) -> Requests:
    logging.getLogger("dash").setLevel(logging.CRITICAL)
    return Requests(create_app(dataset).server.test_client())


def _post(requests: Requests, dataset: Dataset, control: str, value: object) -> int:
    values = {"view-state": default_state(dataset).to_dict(), "url": "", "user-data": None, control: value}
    body = requests.body("..view-state.data", values, f"{control}.value")
    raw = json.dumps(body)  # Python writes Infinity as the bare literal, as a crafted request can
    return requests.client.post("/_dash-update-component", data=raw, content_type="application/json").status_code


@pytest.mark.parametrize("year", [float("inf"), float("-inf"), 1e308, "Infinity", "²", True, [2021], 2021.5])
def test_a_year_that_is_no_year_is_the_default(requests: Requests, dataset: Dataset, year: object) -> None:
    assert _post(requests, dataset, "year-slider", year) == 200
    assert chosen_year(year) is None


def test_a_real_year_is_kept() -> None:
    assert chosen_year("2021") == chosen_year(2021) == chosen_year(2021.0) == 2021


@pytest.mark.parametrize("control", [*CONTROLS, "year-slider", "year-mode"])
@pytest.mark.parametrize("make", [lambda v: [v], lambda v: {"a": v}], ids=["lists", "objects"])
def test_a_value_nested_500_deep_is_ignored(requests: Requests, dataset: Dataset, control: str, make) -> None:
    assert _post(requests, dataset, control, _deep(500, make)) == 200


def test_a_link_with_a_long_bad_value_is_echoed_cut(requests: Requests, dataset: Dataset) -> None:
    values = {"view-state": default_state(dataset).to_dict(), "url": "?year=" + "9" * 1500, "user-data": None}
    response = requests.post("..view-state.data", values, "url.search")["response"]
    assert response["view-state"]["data"]["year"] is None
    notice = json.dumps(response["url-notice"]["children"], ensure_ascii=False)
    assert "year=" + "9" * 60 + "…" in notice and len(notice) < 300
