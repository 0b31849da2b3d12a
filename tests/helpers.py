"""Read Dash component trees in tests without a browser; wait for a condition, never a fixed time."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest

T = TypeVar("T")


def walk(node: Any) -> Iterator[Any]:
    """Every component and string in the tree, depth first."""
    if node is None:
        return
    if isinstance(node, (list, tuple)):
        for child in node:
            yield from walk(child)
        return
    yield node
    children = getattr(node, "children", None)
    if children is not None:
        yield from walk(children)


def text_of(node: Any) -> str:
    """All visible text of a tree joined by spaces."""
    return " ".join(str(n) for n in walk(node) if isinstance(n, (str, int, float)))


def find_by_id(node: Any, element_id: str) -> Any:
    for n in walk(node):
        if getattr(n, "id", None) == element_id:
            return n
    raise KeyError(element_id)


def wait_until(condition: Callable[[], T], what: str, timeout: float = 30, interval: float = 0.05) -> T:
    """Poll ``condition`` until it returns something true and return that; after ``timeout`` seconds fail,
    saying ``what`` was awaited (a loop that just ran out would let the test go on against nothing)."""
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout} s for {what}")
        time.sleep(interval)
    return result


def run_cli(*args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``python -m dashboard ARGS`` run in this process."""
    import contextlib
    import io

    from dashboard.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as stop:
            code = int(stop.code or 0)
    return code, out.getvalue(), err.getvalue()


def kpi_card_for(dataset, region: str, indicator: str, edition: str, peers: tuple[str, ...] = (),
                 year: int | None = None, basis: str = ""):
    """The page's card of one key figure, for a focus, peers, year and basis (a ViewState made of them)."""
    from dashboard.components.kpi_card import kpi_card
    from dashboard.state import ViewState
    from dashboard.view_model import kpi_line

    state = ViewState(focus=region, peers=tuple(peers), edition=edition, indicator=indicator, year=year, basis=basis)
    return kpi_card(dataset, kpi_line(dataset, state, indicator))


def kpi_row_for(dataset, region: str, edition: str, peers: tuple[str, ...] = (), year: int | None = None,
                basis: str = "") -> list:
    """The page's row of key-figure cards for a focus, peers, year and basis."""
    from dashboard.components.kpi_card import kpi_row
    from dashboard.state import ViewState

    return kpi_row(dataset, ViewState(focus=region, peers=tuple(peers), edition=edition, year=year, basis=basis))
