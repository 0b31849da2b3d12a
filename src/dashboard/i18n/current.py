"""The language of what is being written now: set once per request or command, read by the text layer."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from dashboard.i18n.languages import DEFAULT_LANGUAGE, is_language

_LANGUAGE: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)


def current_language() -> str:
    return _LANGUAGE.get()


@contextmanager
def use_language(code: str | None) -> Iterator[str]:
    """Write in ``code`` inside the block (an unknown code writes English); the previous language after it.

    A context variable, so that each request thread and each export keeps its own language.
    """
    token = _LANGUAGE.set(code if is_language(code) else DEFAULT_LANGUAGE)
    try:
        yield _LANGUAGE.get()
    finally:
        _LANGUAGE.reset(token)
