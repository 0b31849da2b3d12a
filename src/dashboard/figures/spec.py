"""Figures as plain plotly dicts ("specs"): what dcc.Graph, kaleido and plotly.js take as they are.

Builders return specs rather than ``go.Figure`` objects: building and serialising a validated
``go.Figure`` cost several times a bare Dash callback, on every focus change. The tests check each
spec against plotly's schema with ``go.Figure(spec)``. Specs are cached and shared, so code that
changes one works on a copy (``copy.deepcopy``) and never in place.
"""

from __future__ import annotations

import re
from typing import Any

FigureSpec = dict[str, Any]

_CARTESIAN_AXIS = re.compile(r"^[xy]axis\d*$")


def merge(target: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """Deep-update ``target`` in place like plotly's ``update``: nested dicts merge, other values replace."""
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            merge(target[key], value)
        else:
            target[key] = value
    return target


def cartesian_axes(layout: dict[str, Any]) -> list[dict[str, Any]]:
    """Every x and y axis of the layout (xaxis, yaxis2, ...)."""
    return [axis for key, axis in layout.items() if _CARTESIAN_AXIS.match(key) and isinstance(axis, dict)]


def axis(title: str | None = None, **settings: Any) -> dict[str, Any]:
    """A cartesian axis in the product's look: light grid, grey zero line, room made for labels."""
    spec: dict[str, Any] = {"gridcolor": "#e5e7eb", "zerolinecolor": "#9ca3af", "automargin": True, **settings}
    if title is not None:
        spec["title"] = {"text": wrapped(title)}
    return spec


WRAP_AFTER = 24  # characters: an axis title longer than this takes two lines


def wrapped(title: str) -> str:
    """A long axis title on two lines, broken at the space nearest its middle: plotly centres an axis title on
    its axis and never wraps it, so 'Численность населения (человек)' ran past a phone-wide chart's edge."""
    if len(title) <= WRAP_AFTER or "<br>" in title:
        return title
    spaces = [i for i, ch in enumerate(title) if ch == " "]
    if not spaces:
        return title
    cut = min(spaces, key=lambda i: abs(i - len(title) / 2))
    return f"{title[:cut]}<br>{title[cut + 1:]}"
