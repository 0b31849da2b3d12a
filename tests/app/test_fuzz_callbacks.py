"""Every callback and every URL setting answers any payload a client can send without a server error.

A seeded generator mutates valid callback requests (values of every input and state, pattern-matching
ids, the structure itself) and sends them through Flask's test client: the real Dash dispatch, the
real callbacks. A bad value must be answered with the default and a notice (200/204) or a 400, never
a 500.
"""

from __future__ import annotations

import json
import logging
import random
from collections import Counter

import pytest

from dashboard.app_factory import create_app
from dashboard.data import Dataset
from dashboard.state import default_state
from dashboard.url_state import from_query
from tests.dash_requests import Requests

PER_CALLBACK = 1000
SEED = 20261201
JUNK: list = [None, "", " ", "²", "١٢", "2007", 2007, -1, 0, 1, 16, 1e308, -1e308, float("nan"), float("inf"),
              True, False, [], {}, [None], ["helsinki", 3], {"a": 1}, "x" * 5000, "helsinki", "riga", "<b>x</b>",
              "../../etc/passwd", "all", "auto", "png", "svg", "pdf", "slide", "report", 2, 4, "\x00\x1b[31m",
              "2023", "2030", "1989", {"points": [{"customdata": ["riga"]}]}, {"points": "x"}, [[[[[]]]]],
              "focus=riga&year=²", "?year=²&focus=" + "a" * 3000, "?peers=" + ",".join(["x"] * 500),
              {"hash": "x", "values": "x"}, {"hash": "x", "values": [{"region_id": "x"}]}, "charts", "table"]
STATE_KEYS = ["focus", "peers", "edition", "indicator", "x", "y", "size", "measure", "basis", "year", "tab",
              "present", "slide", "theme"]


@pytest.fixture(scope="module")
def client(dataset: Dataset):
    app = create_app(dataset)
    logging.getLogger("dash").setLevel(logging.CRITICAL)
    return app.server.test_client(), app


@pytest.fixture(scope="module")
def callbacks(client, dataset: Dataset):
    test_client, _ = client
    requests = Requests(test_client, extra_ids=({"type": "figures-grid", "slot": "main"},))  # made with the tab
    valid = {"view-state": default_state(dataset).to_dict(), "url": "", "user-data": None}
    return [requests.body(d["output"], valid, "") for d in requests.deps]


def _mutate(rng: random.Random, body: dict, dataset: Dataset) -> dict:
    body = json.loads(json.dumps(body))
    slots = [e for group in ("inputs", "state") for e in body[group] for e in (e if isinstance(e, list) else [e])]
    for item in rng.sample(slots, k=min(len(slots), rng.randint(1, 3))):
        if item["id"] == "view-state" and rng.random() < 0.7:  # a state dict with one or two bad fields
            value = default_state(dataset).to_dict()
            for key in rng.sample(STATE_KEYS, k=rng.randint(1, 2)):
                value[key] = rng.choice(JUNK)
            if rng.random() < 0.1:
                value.pop(rng.choice(STATE_KEYS))
            if rng.random() < 0.1:
                value["extra"] = 1
            item["value"] = value
        else:
            item["value"] = rng.choice(JUNK)
        if isinstance(item["id"], dict) and rng.random() < 0.5:  # a crafted pattern-matching id
            key = rng.choice(sorted(item["id"]))
            item["id"][key] = rng.choice(JUNK[:40])
    triggered = [f"{json.dumps(e['id'], separators=(',', ':')) if isinstance(e['id'], dict) else e['id']}."
                 f"{e['property']}" for e in slots if e in [s for g in ("inputs",) for s in body[g]] or True][:1]
    body["changedPropIds"] = triggered if rng.random() < 0.9 else [rng.choice(["x.y", "", "url.search"])]
    if rng.random() < 0.03:  # the structure itself
        body[rng.choice(["inputs", "state", "outputs"])] = rng.choice(JUNK[:30])
    return body


def test_a_thousand_mutated_payloads_per_callback_give_no_server_error(client, callbacks, dataset) -> None:
    test_client, _ = client
    rng = random.Random(SEED)
    statuses: Counter = Counter()
    failures = []
    for body in callbacks:
        for _ in range(PER_CALLBACK):
            mutated = _mutate(rng, body, dataset)
            raw = json.dumps(mutated, allow_nan=True)  # NaN and Infinity as a crafted client may send them
            response = test_client.post("/_dash-update-component", data=raw, content_type="application/json")
            statuses[response.status_code] += 1
            if response.status_code >= 500:
                failures.append((body["output"][:60], raw[:300]))
    assert not failures, (len(failures), failures[:3])
    assert sum(statuses.values()) >= PER_CALLBACK * len(callbacks) and len(callbacks) >= 5
    assert statuses[200] > 0  # the generator also sends usable requests, not only refused ones


@pytest.mark.parametrize("name", ["focus", "peers", "edition", "indicator", "x", "y", "size", "measure", "basis",
                                  "year", "tab", "present", "slide", "theme", "other"])
def test_a_thousand_mutated_values_per_query_parameter_are_ignored_with_a_notice(dataset: Dataset,
                                                                                 name: str) -> None:
    rng = random.Random(f"{SEED}-{name}")
    alphabet = "abcdefghijklmnopqrstuvwxyz_,0123456789²١%&=?#+ \x00\x1b\u202f"
    for _ in range(PER_CALLBACK):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        if rng.random() < 0.05:
            value = "x" * rng.randint(1000, 20000)
        state, ignored = from_query(dataset, "?" + name + "=" + value)
        assert state.focus in dataset.regions.index
        assert isinstance(ignored, list)
