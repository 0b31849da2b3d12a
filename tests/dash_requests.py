"""Build callback requests as the Dash renderer sends them, from the app's own dependency list.

Tests post these through Flask's test client (the real dispatch and callbacks) without spelling out
each callback's inputs, outputs and pattern-matching ids by hand.
"""

from __future__ import annotations

import json
from typing import Any


def parse_outputs(spec: str):
    multi = spec.startswith("..")
    parts = spec[2:-2].split("...") if multi else [spec]
    out = []
    for part in parts:
        ident, prop = part.rsplit(".", 1)
        out.append({"id": json.loads(ident) if ident.startswith("{") else ident, "property": prop})
    return out if multi else out[0]


def layout_ids(node, found: list) -> list:
    if isinstance(node, dict):
        props = node.get("props")
        if isinstance(props, dict) and "id" in props:
            found.append(props["id"])
        for value in node.values():
            layout_ids(value, found)
    elif isinstance(node, list):
        for value in node:
            layout_ids(value, found)
    return found


def matches(pattern: dict, ident) -> bool:
    return isinstance(ident, dict) and set(ident) == set(pattern) and all(
        v == ["ALL"] or ident[k] == v for k, v in pattern.items())


class Requests:
    """Valid request bodies for every server callback of an app, with chosen values."""

    def __init__(self, client, extra_ids: tuple = ()) -> None:
        self.client = client
        self.deps = [d for d in client.get("/_dash-dependencies").get_json() if not d.get("clientside_function")]
        self.ids = layout_ids(client.get("/_dash-layout").get_json(), []) + list(extra_ids)

    def callback(self, output_prefix: str) -> dict:
        return next(d for d in self.deps if d["output"].startswith(output_prefix))

    def _expand(self, item: dict, values: dict[str, Any]):
        ident = item["id"]
        if ident.startswith("{"):
            pattern = json.loads(ident)
            return [{"id": i, "property": item["property"], "value": values.get(json.dumps(i, sort_keys=True))}
                    for i in self.ids if matches(pattern, i)]
        return {"id": ident, "property": item["property"], "value": values.get(ident)}

    def body(self, output_prefix: str, values: dict[str, Any], changed: str) -> dict:
        dep = self.callback(output_prefix)
        outputs = parse_outputs(dep["output"])
        if isinstance(outputs, dict):
            outputs = [outputs]
        expanded = [o if not isinstance(o["id"], dict) else
                    [{"id": i, "property": o["property"]} for i in self.ids if matches(o["id"], i)] for o in outputs]
        if not dep["output"].startswith(".."):
            expanded = expanded[0]
        return {"output": dep["output"], "outputs": expanded,
                "inputs": [self._expand(i, values) for i in dep["inputs"]],
                "state": [self._expand(s, values) for s in dep["state"]], "changedPropIds": [changed]}

    def post(self, output_prefix: str, values: dict[str, Any], changed: str, status: int = 200) -> dict:
        response = self.client.post("/_dash-update-component", json=self.body(output_prefix, values, changed))
        assert response.status_code == status, response.get_data(as_text=True)[:500]
        return response.get_json() if status == 200 else {}
