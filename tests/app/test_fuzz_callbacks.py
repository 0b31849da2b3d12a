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
from dashboard.state import default_state, from_query

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


def _parse_outputs(spec: str):
    multi = spec.startswith("..")
    parts = spec[2:-2].split("...") if multi else [spec]
    out = []
    for part in parts:
        ident, prop = part.rsplit(".", 1)
        out.append({"id": json.loads(ident) if ident.startswith("{") else ident, "property": prop})
    return out if multi else out[0]


def _layout_ids(node, found: list) -> None:
    if isinstance(node, dict):
        props = node.get("props")
        if isinstance(props, dict) and "id" in props:
            found.append(props["id"])
        for value in node.values():
            _layout_ids(value, found)
    elif isinstance(node, list):
        for value in node:
            _layout_ids(value, found)


def _matches(pattern: dict, ident) -> bool:
    return isinstance(ident, dict) and set(ident) == set(pattern) and all(
        v == ["ALL"] or ident[k] == v for k, v in pattern.items())


@pytest.fixture(scope="module")
def client(dataset: Dataset):
    app = create_app(dataset)
    logging.getLogger("dash").setLevel(logging.CRITICAL)
    return app.server.test_client(), app


@pytest.fixture(scope="module")
def callbacks(client, dataset: Dataset):
    test_client, _ = client
    deps = [d for d in test_client.get("/_dash-dependencies").get_json() if not d.get("clientside_function")]
    ids: list = []
    _layout_ids(test_client.get("/_dash-layout").get_json(), ids)
    ids += [{"type": "figures-grid", "slot": "main"}]  # created when the Table tab opens
    valid = {"view-state": default_state(dataset).to_dict(), "url": "", "user-data": None}
    out = []
    for dep in deps:
        def entry(item, value=None):
            ident = item["id"]
            if ident.startswith("{"):
                pattern = json.loads(ident)
                return [{"id": i, "property": item["property"], "value": value} for i in ids if _matches(pattern, i)]
            return {"id": ident, "property": item["property"], "value": valid.get(ident, value)}
        outputs = _parse_outputs(dep["output"])
        if isinstance(outputs, dict) and isinstance(outputs["id"], dict):
            outputs = [{"id": i, "property": outputs["property"]} for i in ids if _matches(outputs["id"], i)]
        elif isinstance(outputs, list):
            expanded = []
            for o in outputs:
                expanded.append(o if not isinstance(o["id"], dict) else
                                [{"id": i, "property": o["property"]} for i in ids if _matches(o["id"], i)])
            outputs = expanded
        body = {"output": dep["output"], "outputs": outputs,
                "inputs": [entry(i) for i in dep["inputs"]], "state": [entry(s) for s in dep["state"]]}
        out.append(body)
    return out


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
    assert sum(statuses.values()) >= PER_CALLBACK * len(callbacks) and len(callbacks) >= 10
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
