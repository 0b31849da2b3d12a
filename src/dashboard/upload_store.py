"""Uploads are kept on the server, under their content hash, in one shared cache.

The id is the sha256 of the checked payload (the figures as read, the file's name, the day it was
uploaded), so one id always means one payload: a worker may keep the Dataset it built for an id
(upload.py) and only ask the store whether the id is still kept. The browser keeps only
``{"id", "name", "figures"}``: a click sends a few bytes however large the upload, and nothing can
overflow the browser's storage. The cache is flask-caching's: a local folder by default (shared by the
workers of one server), Redis when BALTMET_REDIS_URL names one, so several instances behind a load
balancer share it. An id the cache no longer has (expired, evicted, another instance without Redis)
shows the bundled data and asks the user to upload the file again.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import zlib
from typing import Any

from flask import Flask
from flask_caching import Cache

log = logging.getLogger(__name__)
REDIS_ENV = "BALTMET_REDIS_URL"
FOLDER_ENV = "BALTMET_UPLOAD_CACHE_DIR"
LIFETIME_S = 7 * 24 * 3600  # a session's upload stays a week after it was uploaded (a read does not extend it)
MAX_ENTRIES = 200  # the folder cache's bound (each entry is a compressed upload, 10 MB at most)
MAX_STORED_BYTES = 16 * 1024 * 1024  # a compressed payload larger than this is not kept
ID = re.compile(r"^[0-9a-f]{64}$")
PREFIX = "baltmet-upload:"

_cache: Cache | None = None


def configure(server: Flask) -> Cache:
    """The one upload cache of this process, bound to the app's Flask server (called by create_app)."""
    global _cache
    url = os.environ.get(REDIS_ENV)
    if url:
        config = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": url, "CACHE_KEY_PREFIX": PREFIX,
                  "CACHE_DEFAULT_TIMEOUT": LIFETIME_S}
    else:
        folder = os.environ.get(FOLDER_ENV) or os.path.join(tempfile.gettempdir(), "baltmet-uploads")
        config = {"CACHE_TYPE": "FileSystemCache", "CACHE_DIR": folder, "CACHE_THRESHOLD": MAX_ENTRIES,
                  "CACHE_DEFAULT_TIMEOUT": LIFETIME_S}
    cache = Cache(config=config)
    cache.init_app(server)
    server.extensions["baltmet_upload_cache"] = cache
    _cache = cache
    return cache


def _store() -> Cache:
    if _cache is None:
        raise RuntimeError("the upload store is not configured (create_app does it)")
    return _cache


def put(payload: dict) -> dict | None:
    """Keep the payload; what the browser keeps instead (None when it could not be stored)."""
    blob = zlib.compress(json.dumps(payload, sort_keys=True, default=str).encode(), 6)
    if len(blob) > MAX_STORED_BYTES:
        return None
    key = str(payload["hash"]) if ID.match(str(payload.get("hash", ""))) else None  # upload.py computes it
    if key is None:
        return None
    try:
        stored = _store().set(key, blob)
    except Exception as err:  # Redis down or the folder not writable: said to the user, not a 500
        log.warning("the upload cache could not keep an upload: %s", type(err).__name__)
        return None
    if stored is False:
        return None
    return {"id": key, "name": str(payload["name"]), "figures": len(payload.get("values") or ())}


def reference_id(reference: Any) -> str | None:
    """The id of a browser's reference, when it is shaped like one (whether or not the cache still has it)."""
    if not isinstance(reference, dict) or not ID.match(str(reference.get("id", ""))):
        return None
    return str(reference["id"])


def has(key: str) -> bool:
    """Whether the cache still keeps this id, without reading the payload (a file's expiry stamp, a Redis
    EXISTS); False when the cache cannot be asked."""
    try:
        return bool(ID.match(key)) and bool(_store().has(key))
    except Exception as err:
        log.warning("the upload cache could not be asked: %s", type(err).__name__)
        return False


def get(reference: Any) -> dict | None:
    """The payload a browser's reference points at, or None (malformed, expired, or on another instance)."""
    key = reference_id(reference)
    if key is None:
        return None
    try:
        blob = _store().get(key)
    except Exception as err:
        log.warning("the upload cache could not be read: %s", type(err).__name__)
        return None
    if not isinstance(blob, bytes):
        return None
    try:
        return json.loads(zlib.decompress(blob, bufsize=MAX_STORED_BYTES))
    except (zlib.error, ValueError, RecursionError):  # the server never writes such a blob: not one of its own
        return None


def is_reference(value: Any) -> bool:
    """Shaped like what put() returns (whether or not the cache still has it)."""
    return isinstance(value, dict) and bool(ID.match(str(value.get("id", "")))) and isinstance(value.get("name"), str)
