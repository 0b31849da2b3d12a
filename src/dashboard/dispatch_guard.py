"""Refuse a malformed callback request with a 400 before Dash reads it.

Dash's dispatcher trusts the shape of what the browser posts to ``/_dash-update-component``: a body
whose ``inputs`` is a number, or that lists fewer inputs than the callback has, ends in an exception
and an HTTP 500. The values inside a well-formed request are each callback's job (see client_input);
the shape is checked here, once, for every callback.
"""

from __future__ import annotations

from typing import Any

from dash import Dash
from flask import jsonify, request

DISPATCH_PATH = "_dash-update-component"


def _is_id(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, dict) and all(isinstance(k, str) for k in value))


def _is_entry(value: Any) -> bool:
    """{id, property[, value]}, or a list of them (a pattern-matching input)."""
    if isinstance(value, list):
        return all(_is_entry(v) and not isinstance(v, list) for v in value)
    return isinstance(value, dict) and _is_id(value.get("id")) and isinstance(value.get("property"), str)


def problem(app: Dash, body: Any) -> str | None:
    """What is wrong with a callback request's structure, or None."""
    if not isinstance(body, dict):
        return "the request is not a JSON object"
    spec = app.callback_map.get(body.get("output")) if isinstance(body.get("output"), str) else None
    if spec is None:
        return "unknown callback"
    outputs = body.get("outputs")
    if not (_is_entry(outputs) or (isinstance(outputs, list) and all(_is_entry(o) for o in outputs))):
        return "malformed outputs"
    name = body["output"]
    expected = name[2:-2].count("...") + 1 if name.startswith("..") else 1
    if name.startswith("..") and (not isinstance(outputs, list) or len(outputs) != expected):
        return f"the callback has {expected} outputs"
    for group in ("inputs", "state"):
        entries = body.get(group, [])
        if not isinstance(entries, list) or not all(_is_entry(e) for e in entries):
            return f"malformed {group}"
        if len(entries) != len(spec.get(group, [])):
            return f"the callback takes {len(spec.get(group, []))} {group}, not {len(entries)}"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "malformed changedPropIds"
    return None


def guard_dispatch(app: Dash) -> None:
    @app.server.before_request
    def check_callback_request():
        if request.method != "POST" or not request.path.endswith(DISPATCH_PATH):
            return None
        try:
            body = request.get_json(silent=True)
        except RecursionError:  # JSON nested thousands deep: refused before anything reads it
            body = None
        wrong = problem(app, body)
        if wrong:
            return jsonify({"error": f"bad callback request: {wrong}"}), 400
        return None
