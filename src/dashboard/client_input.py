"""What a browser sends is not trusted: every callback reads its inputs through these.

Dash delivers whatever JSON a client posts (a crafted request, an old tab, a broken extension), so a
value may have any type. Each reader returns a value of the expected type, or the default, and never
raises: a callback then answers with the default view and a notice instead of a server error.
"""

from __future__ import annotations

import logging
from typing import Any

from dashboard import upload_store
from dashboard.data import Dataset, DataValidationError
from dashboard.upload import kept_dataset, restored_dataset

log = logging.getLogger(__name__)
MAX_TEXT = 2000  # a URL query, a region id or a file name longer than this is not one the app made
PAYLOAD_KEYS = {"name": str, "digest": str, "hash": str, "own_source": dict, "values": list}


def text(value: Any, default: str = "") -> str:
    """A short string, or ``default``."""
    return value if isinstance(value, str) and len(value) <= MAX_TEXT else default


def clicks(value: Any) -> int:
    """A button's click count (0 for anything that is not a non-negative int)."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def user_reference(value: Any) -> dict | None:
    """What the browser keeps of a session's upload ({id, name, figures}), or None."""
    return value if upload_store.is_reference(value) else None


def user_payload(value: Any) -> dict | None:
    """The session's upload payload, from the server's upload store (never from the browser), or None."""
    value = upload_store.get(value)
    if not isinstance(value, dict):
        return None
    if not all(isinstance(value.get(k), t) for k, t in PAYLOAD_KEYS.items()):
        return None
    if not all(isinstance(row, dict) for row in value["values"]):
        return None
    return value


def session_dataset(base: Dataset, user: Any) -> Dataset:
    """The session's Dataset: the base with its upload on top, or the base when the store does not have it.

    Found by the upload's id in this worker's cache (the store is only asked whether it still keeps the id);
    otherwise the payload is read from the store and checked like any upload, once, and kept under the id
    (a failure leaves the bundled data, never an error)."""
    upload_id = upload_store.reference_id(user)
    if upload_id is None:
        return base
    kept = kept_dataset(base, upload_id)
    if kept is not None:
        return kept
    payload = user_payload(user)
    if payload is None:
        return base
    try:
        return restored_dataset(base, upload_id, payload)
    except (DataValidationError, KeyError, TypeError, ValueError, AttributeError, RecursionError) as err:
        log.info("a session's upload payload could not be restored: %s", type(err).__name__)
        return base
