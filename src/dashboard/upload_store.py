"""Uploads are kept on the server, under their content hash, in one shared cache.

The id is the sha256 of the checked payload (the figures as read, the file's name, the day it was
uploaded), so one id always means one payload: a worker may keep the Dataset it built for an id
(upload.py) and only ask the store whether the id is still kept. The browser keeps only
``{"id", "name", "figures"}``: a click sends a few bytes however large the upload, and nothing can
overflow the browser's storage. The cache is flask-caching's: a local folder by default (shared by the
workers of one server), Redis when BALTMET_REDIS_URL names one, so several instances behind a load
balancer share it. An id the cache no longer has (expired, evicted, another instance without Redis)
shows the bundled data and asks the user to upload the file again.

A store that cannot be asked (Redis down or frozen, the folder unwritable) is not an upload that is gone:
``status`` says "unavailable" and the page says so (try again in a minute), not "upload again". Redis is
asked with short socket timeouts and no retries, and after a failure this process does not ask it again
for a few seconds (DOWN_S), so a frozen Redis costs a request at most about REDIS_TIMEOUT_S.

Each client (its address: ``client_address``) keeps at most UPLOADS_PER_CLIENT live uploads (a week each),
so one client cannot fill the store and push everyone else's uploads out of the folder cache's
MAX_ENTRIES. A client on the server's own loopback with no forwarded address is the operator: no quota.
A session's new upload frees the slot of the one it replaces, and "Remove your data" frees its slot. The
count is kept in the same store (a few bytes per client), read and written without a lock: two uploads of
one client at the very same moment may both pass, so a client can exceed its share by a request or two.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import logging
import os
import re
import tempfile
import threading
import time
import zlib
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, has_request_context, request
from flask_caching import Cache

from dashboard.i18n import N_, _, ngettext

log = logging.getLogger(__name__)
REDIS_ENV = "BALTMET_REDIS_URL"
FOLDER_ENV = "BALTMET_UPLOAD_CACHE_DIR"
LIFETIME_S = 7 * 24 * 3600  # a session's upload stays a week after it was uploaded (a read does not extend it)
MAX_ENTRIES = 200  # the folder cache's bound (each entry is a compressed upload, 10 MB at most)
MAX_STORED_BYTES = 16 * 1024 * 1024  # a compressed payload larger than this is not kept
ID = re.compile(r"^[0-9a-f]{64}$")
PREFIX = "baltmet-upload:"
CLIENT_PREFIX = "baltmet-upload-client:"
QUOTA_ENV = "BALTMET_UPLOADS_PER_CLIENT"
UPLOADS_PER_CLIENT = 20  # live uploads one client address may keep (BALTMET_UPLOADS_PER_CLIENT)
TRUSTED_PROXIES_ENV = "BALTMET_TRUSTED_PROXIES"  # whose X-Forwarded-For is believed ("none": nobody's)
TRUSTED_BY_DEFAULT = "127.0.0.1,::1,unix"  # a proxy on this host (deploy/nginx.conf); "unix": gunicorn bound to a
# Unix socket, which gives no peer address
TIMEOUT_ENV = "BALTMET_REDIS_TIMEOUT_S"
REDIS_TIMEOUT_S = 0.5  # connecting to Redis, and each answer from it
DOWN_S = 5.0  # after the store failed, it is not asked again for this long (fails at once)
CLIENT_ENTRIES = 10_000  # the folder cache of per-client counts

_cache: Cache | None = None
_clients: Cache | None = None
_down_until = 0.0
_down_lock = threading.Lock()
T = TypeVar("T")


class Unavailable(Exception):
    """The store could not be asked: Redis unreachable or too slow, the folder not writable."""


class OverQuota(Exception):
    """This client already keeps UPLOADS_PER_CLIENT uploads; the message is for the user."""


def _float_env(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name) or default)
    except ValueError:
        log.warning("%s is not a number; using %s", name, default)
        return default
    return value if value > 0 else default


def quota() -> int:
    """Live uploads one client address may keep: BALTMET_UPLOADS_PER_CLIENT, a whole number of at least 1."""
    try:
        value = int(os.environ.get(QUOTA_ENV) or UPLOADS_PER_CLIENT)
    except ValueError:
        log.warning("%s is not a whole number; using %s", QUOTA_ENV, UPLOADS_PER_CLIENT)
        return UPLOADS_PER_CLIENT
    return value if value >= 1 else UPLOADS_PER_CLIENT


def configure(server: Flask) -> Cache:
    """The one upload cache of this process, bound to the app's Flask server (called by create_app)."""
    global _cache, _clients, _down_until
    url = os.environ.get(REDIS_ENV)
    if url:
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        seconds = _float_env(TIMEOUT_ENV, REDIS_TIMEOUT_S)
        options = {"socket_timeout": seconds, "socket_connect_timeout": seconds, "retry": Retry(NoBackoff(), 0)}
        config = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": url, "CACHE_KEY_PREFIX": PREFIX,
                  "CACHE_DEFAULT_TIMEOUT": LIFETIME_S, "CACHE_OPTIONS": options}
        counts = {**config, "CACHE_KEY_PREFIX": CLIENT_PREFIX, "CACHE_OPTIONS": dict(options)}
    else:
        folder = os.environ.get(FOLDER_ENV) or os.path.join(tempfile.gettempdir(), "baltmet-uploads")
        config = {"CACHE_TYPE": "FileSystemCache", "CACHE_DIR": folder, "CACHE_THRESHOLD": MAX_ENTRIES,
                  "CACHE_DEFAULT_TIMEOUT": LIFETIME_S}
        # beside the uploads, not inside: the folder cache counts (and evicts) every file in its folder
        counts = {**config, "CACHE_DIR": folder.rstrip("/\\") + "-clients", "CACHE_THRESHOLD": CLIENT_ENTRIES}
    cache = Cache(config=config)
    cache.init_app(server)
    clients = Cache(config=counts)
    clients.init_app(server)
    server.extensions["baltmet_upload_cache"] = cache
    _cache, _clients, _down_until = cache, clients, 0.0
    return cache


def _store() -> Cache:
    if _cache is None:
        raise RuntimeError("the upload store is not configured (create_app does it)")
    return _cache


def _ask(what: str, call: Callable[[], T]) -> T:
    """``call`` on the store, or Unavailable: at once while the store is known to be down (DOWN_S after a
    failure), else after at most the store's own timeout."""
    global _down_until
    if time.monotonic() < _down_until:
        raise Unavailable(f"the upload store is unavailable ({what} not tried: it failed moments ago)")
    try:
        return call()
    except Exception as err:  # Redis down or frozen, the folder not writable: said to the user, not a 500
        with _down_lock:
            _down_until = time.monotonic() + DOWN_S
        log.warning("the upload store could not %s: %s", what, type(err).__name__)
        raise Unavailable(f"the upload store is unavailable ({type(err).__name__})") from None


def client_address() -> str:
    """The address of the client this request comes from, as the app can trust it.

    The peer's address, unless the peer is one of BALTMET_TRUSTED_PROXIES (comma-separated addresses; by
    default this host's loopback, where deploy/nginx.conf's nginx runs; "none" trusts nobody): then
    X-Forwarded-For is read from the right, skipping trusted proxies, and the first other address is the
    client (the rightmost one no trusted proxy vouches for; what a client writes into the header itself is
    further left and never reached). "local" outside a request."""
    if not has_request_context():
        return "local"
    peer = request.remote_addr or "unix"  # gunicorn on a Unix socket gives no address: the proxy's socket
    setting = os.environ.get(TRUSTED_PROXIES_ENV, TRUSTED_BY_DEFAULT)
    trusted = {part.strip() for part in setting.split(",") if part.strip() and part.strip().lower() != "none"}
    if peer not in trusted:
        return peer
    hops = [hop.strip() for hop in ",".join(request.headers.getlist("X-Forwarded-For")).split(",") if hop.strip()]
    for hop in reversed(hops):
        if hop in trusted:
            continue
        try:
            return str(ipaddress.ip_address(hop))
        except ValueError:
            return f"unreadable-forwarded-address:{peer}"  # counted (never the exempt loopback), not trusted
    return peer  # no forwarded address: the trusted peer itself (on loopback, the operator: not counted)


def _on_this_host(client: str) -> bool:
    """A client on the server itself (the operator, a benchmark, a test): no quota."""
    if client == "local":
        return True
    try:
        return ipaddress.ip_address(client).is_loopback
    except ValueError:
        return False


def _client_key(client: str) -> str:
    return hashlib.sha256(client.encode("utf-8", "replace")).hexdigest()[:32]


def _clients_store() -> Cache:
    if _clients is None:
        raise RuntimeError("the upload store is not configured (create_app does it)")
    return _clients


def _live(client_key: str) -> dict[str, float]:
    """The client's uploads still kept: id -> when it expires (epoch seconds)."""
    kept = _ask("read a client's uploads", lambda: _clients_store().get(client_key))
    if not isinstance(kept, dict):
        return {}
    now = time.time()
    return {k: float(v) for k, v in kept.items()
            if isinstance(k, str) and ID.match(k) and isinstance(v, int | float) and v > now}


def keep(payload: dict, client: str, replaces: Any = None) -> dict | None:
    """Keep the payload for ``client``; what the browser keeps instead. None for a payload the server does not
    keep (too large, not made by upload.py); Unavailable when the store cannot be asked; OverQuota when the
    client already keeps its share. ``replaces``: the session's previous reference, whose slot is freed."""
    blob = zlib.compress(json.dumps(payload, sort_keys=True, default=str).encode(), 6)
    if len(blob) > MAX_STORED_BYTES:
        return None
    key = str(payload["hash"]) if ID.match(str(payload.get("hash", ""))) else None  # upload.py computes it
    if key is None:
        return None
    client_key = _client_key(client)
    live = _live(client_key)
    replaced = reference_id(replaces)
    if replaced is not None and replaced != key and live.pop(replaced, None) is not None:
        _forget(replaced)  # its slot is free because the payload is gone, not only the count
    if key not in live and len(live) >= quota() and not _on_this_host(client):
        live = {k: v for k, v in live.items() if status(k) != "missing"}  # evicted or expired: slots free again
        if len(live) >= quota():
            raise OverQuota(ngettext(
                "this address already keeps {n} upload on the server, the most one may; remove one you no "
                "longer need ('Remove your data' in its browser), or wait until the oldest expires a week after "
                "it was uploaded",
                "this address already keeps {n} uploads on the server, the most one may; remove one you no "
                "longer need ('Remove your data' in its browser), or wait until the oldest expires a week after "
                "it was uploaded", len(live)))
    if _ask("keep an upload", lambda: _store().set(key, blob)) is False:
        raise Unavailable("the upload store did not keep the upload")
    live[key] = time.time() + LIFETIME_S
    _ask("count a client's uploads", lambda: _clients_store().set(client_key, live, timeout=LIFETIME_S))
    return {"id": key, "name": str(payload["name"]), "figures": len(payload.get("values") or ())}


def _forget(key: str) -> None:
    """Delete a payload its client's session replaced or removed. Freeing only the count let a client that
    always named its last upload as replaced fill the store and push everyone else's out. (The same file
    under the same name, uploaded the same day, is one id: a second session showing it is asked to upload
    it again.)"""
    _ask("delete an upload", lambda: _store().delete(key))


def release(reference: Any, client: str) -> None:
    """Delete an upload its session no longer shows and free the client's slot, when this client kept it.
    Quietly nothing when the store cannot be asked."""
    key = reference_id(reference)
    if key is None:
        return
    client_key = _client_key(client)
    try:
        live = _live(client_key)
        if live.pop(key, None) is not None:
            _forget(key)
            _ask("count a client's uploads", lambda: _clients_store().set(client_key, live, timeout=LIFETIME_S))
    except Unavailable:
        pass


UNAVAILABLE_TEXT = N_("the server's upload store is unavailable right now: try again in a minute")


def keep_for_session(payload: dict, current: Any) -> tuple[dict | None, str]:
    """For the upload callback: (the reference, "") or (None, why the server did not keep it, for the user),
    counted against this request's client; ``current`` is the session's previous reference (its slot is freed)."""
    try:
        reference = keep(payload, client_address(), replaces=current)
    except OverQuota as err:
        return None, str(err)
    except Unavailable:
        return None, _(UNAVAILABLE_TEXT)
    if reference is None:
        return None, _("the server could not keep it (larger than it keeps)")
    return reference, ""


def put(payload: dict) -> dict | None:
    """Keep the payload without a client's quota (the command line, tests); None when it could not be kept."""
    try:
        return keep(payload, "local")
    except (Unavailable, OverQuota):
        return None


def reference_id(reference: Any) -> str | None:
    """The id of a browser's reference, when it is shaped like one (whether or not the cache still has it)."""
    if not isinstance(reference, dict) or not ID.match(str(reference.get("id", ""))):
        return None
    return str(reference["id"])


def status(key: str) -> str:
    """"kept", "missing" (never kept, expired or evicted) or "unavailable" (the store cannot be asked now)."""
    if not ID.match(key):
        return "missing"
    try:
        return "kept" if _ask("be asked", lambda: _store().has(key)) else "missing"
    except Unavailable:
        return "unavailable"


def has(key: str) -> bool:
    """Whether the cache still keeps this id, without reading the payload (a file's expiry stamp, a Redis
    EXISTS); False when the cache cannot be asked."""
    return status(key) == "kept"


def get(reference: Any) -> dict | None:
    """The payload a browser's reference points at, or None (malformed, expired, or on another instance)."""
    key = reference_id(reference)
    if key is None:
        return None
    try:
        blob = _ask("be read", lambda: _store().get(key))
    except Unavailable:
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
