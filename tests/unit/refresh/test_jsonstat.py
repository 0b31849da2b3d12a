"""The JSON-stat reader: each publisher's layout read with its flags, every inconsistency refused."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from dashboard.refresh.jsonstat import MalformedResponse, parse
from tests.unit.refresh.server import fixture


def test_eurostat_sparse_values_keep_their_flags_and_labels() -> None:
    cube = parse(fixture("eurostat_met_pjanaggr3.json"))
    assert cube.ids == ("freq", "unit", "sex", "age", "metroreg", "time")
    cells = {(c.coords["metroreg"], c.coords["time"]): c for c in cube.observations()}
    assert cells[("FI001MC", "2023")].value == Decimal(1733033)
    assert cells[("SE001MC", "2022")].status == "p"
    assert cells[("SE003M", "2022")].status == "b"
    assert ("FI001MC", "2011") not in cells  # never filled in: Eurostat gave nothing
    assert cube.status_labels["p"] == "provisional"


def test_pxweb_dense_values_with_a_status_symbol() -> None:
    cube = parse(fixture("scb_befolkningny.json"))
    cells = {(c.coords["Region"], c.coords["Tid"]): c for c in cube.observations()}
    assert cells[("1280", "2022")].value == Decimal(357377)
    assert cells[("0180", "2023")].value is None and cells[("0180", "2023")].status == ".."


def test_statbank_json_stat_1_bundle() -> None:
    cube = parse(fixture("dst_folk1a.json"))
    assert cube.ids == ("OMRÅDE", "ContentsCode", "Tid")
    assert [c.value for c in cube.observations()] == [644431, 646000, 653664, 660842]


def test_an_unknown_code_is_an_empty_dimension() -> None:
    cube = parse(fixture("eurostat_empty_unknown_code.json"))
    assert cube.empty == ("unit",) and list(cube.observations()) == []


def test_decimals_are_exact() -> None:
    cube = parse(fixture("eurostat_met_10r_3gdp.json"))
    values = {c.value for c in cube.observations()}
    assert Decimal("178834.12") in values  # not 178834.11999999999


def _dataset(**changes: object) -> bytes:
    document = {"version": "2.0", "class": "dataset", "id": ["geo", "time"], "size": [2, 2],
                "dimension": {"geo": {"category": {"index": {"A": 0, "B": 1}}},
                              "time": {"category": {"index": ["2021", "2022"]}}},
                "value": [1, 2, 3, 4]}
    document.update(changes)
    return json.dumps(document).encode()


def test_a_well_formed_minimal_dataset_reads() -> None:
    assert [c.coords for c in parse(_dataset()).observations()][3] == {"geo": "B", "time": "2022"}


@pytest.mark.parametrize(("body", "message"), [
    (fixture("scb_befolkningny_truncated.json"), "not JSON"),
    (b"\xff\xfe{}", "not UTF-8"),
    (b"[1, 2]", "not a JSON object"),
    (b'{"dimension": {}}', "'id' and 'size'"),
    (_dataset(size=[2, 3]), "has 2 categories but size says 3"),
    (_dataset(value=[1, 2, 3]), "has 3 cells but the dimensions make 4"),
    (_dataset(value={"7": 1}), "outside the 4"),
    (_dataset(value=[1, "two", 3, 4]), "not a number"),
    (_dataset(value=[1, True, 3, 4]), "not a number"),
    (_dataset(value=[1, 1e300, 3, 4]), "too large"),
    (_dataset(dimension={"geo": {"category": {"index": {"A": 0, "B": 0}}},
                         "time": {"category": {"index": ["2021", "2022"]}}}), "not a free position"),
    (_dataset(dimension={"geo": {"label": "no categories"}}), "has no category"),
    (_dataset(size=[2000, 2000], value={}), "the limit is"),
    (b'{"error":[{"status":400,"id":150,"label":"INVALID_QUERY_DIMENSION"}]}', "answered with an error"),
    (b'{"value": NaN}', "not a number JSON allows"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
])
def test_malformed_bodies_are_one_line_refusals(body: bytes, message: str) -> None:
    with pytest.raises(MalformedResponse, match=message) as caught:
        parse(body)
    assert "\n" not in str(caught.value)
