"""Read Dash component trees in tests without a browser."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


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
