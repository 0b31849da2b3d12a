"""A user's upload: read and checked once into a JSON payload kept on the server (upload_store.py).

The browser keeps only the upload's id, the sha256 of the payload. The worker that checked the upload
keeps the Dataset it built (the base with the upload on top) in a bounded cache under that id, so a click
costs a lookup and the store's answer that it still keeps the id. Any other worker (or this one after
the entry was evicted) reads the payload from the store once, checks it again, and keeps that Dataset:
any worker can serve any user. Every upload gets an answer, the figures or one-line problems: reading is
bounded (data/limits.py) and nothing raises.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import pandas as pd

from dashboard import upload_store
from dashboard.data import Dataset, DataValidationError, Problem
from dashboard.data.dataset import UPLOAD_TITLE, USER_PUBLISHER
from dashboard.data.eurostat import import_eurostat, is_eurostat
from dashboard.data.limits import Limits, current
from dashboard.data.overlay import UserTables, apply_overlay, mark_changed_regions
from dashboard.data.reader import LINE
from dashboard.data.tolerant import XLSX_MAGIC, ReadResult, how_read, read_any, read_xlsx_tables
from dashboard.formatting import format_number
from dashboard.i18n import _

MAX_UPLOAD_BYTES = Limits().max_upload_bytes  # the default; BALTMET_MAX_UPLOAD_BYTES overrides it
MAX_UPLOAD_TEXT = "10 MB"
CACHE_ENTRIES = 64
# The cache holds at most this many times the row limit of one table, counted in the rows of the Datasets it keeps
# (the base's included: each keeps its own merged copy): 2 million rows at the defaults, about 200 MB
# (benchmarks/upload_click.py measured 80-100 bytes a merged row).
CACHE_ROWS_PER_LIMIT = 10
log = logging.getLogger(__name__)


@dataclass
class UploadOutcome:
    payload: dict | None
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dataset: Dataset | None = field(default=None, repr=False, compare=False)  # the base with the upload on top


def decoded_size(contents: str) -> int:
    """Bytes of a ``data:...;base64,`` upload, computed without decoding it."""
    data = contents.split(",", 1)[-1]
    return len(data) * 3 // 4 - data.count("=", -2)


def _own_source(name: str, digest: str, today: dt.date) -> dict[str, str]:
    return {"source_id": f"upload_{digest[:10]}", "publisher": USER_PUBLISHER,
            "title": UPLOAD_TITLE.format(name=name), "url": "", "accessed": f"uploaded {today.isoformat()}",
            "kind": "user"}


def _records(frame: pd.DataFrame) -> list[dict]:
    return frame.astype(object).where(frame.notna(), "").to_dict("records")


def size_text(limit: int | None = None) -> str:
    """The upload limit as a person reads it in the current language ('10 MB'; the limit in force by default).
    MAX_UPLOAD_TEXT is the English default, kept for callers not yet moved to this."""
    limit = current().max_upload_bytes if limit is None else limit
    megabytes = limit / 1048576
    number = format_number(megabytes, 0 if megabytes.is_integer() else len(f"{megabytes:g}".partition(".")[2]))
    # Translators: a size in megabytes (1 MB = 1 048 576 bytes)
    return _("{size} MB", size=number)


def parse_upload(contents: str, name: str, base: Dataset, today: dt.date | None = None) -> UploadOutcome:
    """Read, check and merge an upload against ``base``: the payload the server keeps (upload_store.keep) and
    the Dataset built while checking it (the same one dataset_for(base, payload) builds again)."""
    today = today or dt.date.today()
    limit = current().max_upload_bytes
    if decoded_size(contents) > limit:
        return UploadOutcome(None, [Problem(name, 0, "-", _("the file is larger than {size}; nothing was read",
                                                             size=size_text(limit)))])
    try:
        raw = base64.b64decode(contents.split(",", 1)[-1], validate=False)
    except (ValueError, binascii.Error):
        return UploadOutcome(None, [Problem(name, 0, "-", _("the upload could not be decoded"))])
    try:
        return _parse(raw, name, base, today)
    except (DataValidationError, RecursionError, MemoryError, ValueError, KeyError, TypeError, OSError) as err:
        # Whatever slipped past the readers: one line for the user, the detail for the log; never a 500.
        log.warning("upload %r could not be read", name, exc_info=True)
        return UploadOutcome(None, [Problem(name, 0, "-", _("the file could not be read ({error})",
                                                             error=type(err).__name__))])


def _read_table(raw: bytes, name: str, base: Dataset) -> tuple[ReadResult, ReadResult | None]:
    """The values table and, for a workbook, its 'regions' sheet, from one reading of the file."""
    if raw.startswith(XLSX_MAGIC):
        return read_xlsx_tables(raw, name, "regions")
    countries = {str(r): str(c) for r, c in base.regions["country"].items()}
    return read_any(raw, name, region_countries=countries), None


def _parse(raw: bytes, name: str, base: Dataset, today: dt.date) -> UploadOutcome:
    digest = hashlib.sha256(raw).hexdigest()
    own = _own_source(name, digest, today)
    notes: list[str] = []
    if is_eurostat(raw):
        imported = import_eurostat(raw, name, base, today)
        if imported.problems:
            return UploadOutcome(None, imported.problems, imported.notes)
        values, sources = imported.frames()
        if values.empty:
            return UploadOutcome(None, [Problem(name, 0, "-", _("no figure for a known metro region in this file"))],
                                 imported.notes)
        values = values.astype(str).assign(**{LINE: range(2, len(values) + 2)})
        tables = UserTables(values=(values, name), sources=(sources.astype(str).assign(**{LINE: 0}), name),
                            notes=tuple(imported.notes))
    else:
        result, regions = _read_table(raw, name, base)
        if regions is not None and (regions.frame is None or regions.problems):
            return UploadOutcome(None, regions.problems, regions.notes)
        if result.frame is None or result.problems:
            return UploadOutcome(None, result.problems, result.notes)
        # Translators: {how} is a list such as '; separated, UTF-8, decimal comma'
        notes.append(_("read as {how}", how=how_read(result.notes)))
        sheet_regions = (regions.frame, f"{name} [regions]") if regions else None
        tables = mark_changed_regions(UserTables(values=(result.frame, name), regions=sheet_regions), base)
        notes += tables.notes
        tables = UserTables(values=tables.values, regions=tables.regions)
    try:
        merged = apply_overlay(base, tables, own)
    except DataValidationError as err:
        return UploadOutcome(None, err.problems, notes)
    payload = {"name": name, "digest": digest, "own_source": own,
               "values": _records(tables.values[0]), "regions": _records(tables.regions[0]) if tables.regions else None,
               "sources": _records(tables.sources[0]) if tables.sources else None}
    payload["hash"] = hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()
    return UploadOutcome(payload, [], notes + merged.notes, merged.dataset)


class _SessionCache:
    """Merged Datasets by the server's upload id (the sha256 of a payload the server made; one id, one payload)
    and the identity of the base they were merged on, bounded by entries and by the rows they hold (the base's
    too), so many large sessions, or many small ones on a large base, cannot grow a worker without end."""

    def __init__(self) -> None:
        # (id(base), upload id) -> (base, Dataset, rows): the entry holds its base, so that id is not reused
        self._items: OrderedDict[tuple[int, str], tuple[Dataset, Dataset, int]] = OrderedDict()
        self._rows = 0
        self._lock = threading.Lock()

    def get(self, base: Dataset, upload_id: str) -> Dataset | None:
        key = (id(base), upload_id)
        with self._lock:
            item = self._items.get(key)
            if item is None or item[0] is not base:
                return None
            self._items.move_to_end(key)
            return item[1]

    def put(self, base: Dataset, upload_id: str, dataset: Dataset) -> None:
        budget = CACHE_ROWS_PER_LIMIT * current().max_rows
        rows = len(dataset.values) + len(dataset.regions) + len(dataset.sources)
        key = (id(base), upload_id)
        with self._lock:
            if key in self._items:
                self._rows -= self._items.pop(key)[2]
            self._items[key] = (base, dataset, rows)
            self._rows += rows
            while len(self._items) > 1 and (len(self._items) > CACHE_ENTRIES or self._rows > budget):
                _, (_, _, dropped) = self._items.popitem(last=False)
                self._rows -= dropped

    def drop(self, base: Dataset, upload_id: str) -> None:
        with self._lock:
            item = self._items.pop((id(base), upload_id), None)
            if item is not None:
                self._rows -= item[2]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._rows = 0


_cache = _SessionCache()


def _merged(base: Dataset, payload: dict) -> Dataset:
    def frame(rows: list[dict] | None, label: str):
        if not rows:
            return None
        data = pd.DataFrame(rows).astype(str)
        data[LINE] = data[LINE].astype(int) if LINE in data.columns else range(2, len(data) + 2)
        return data, label

    tables = UserTables(values=frame(payload["values"], payload["name"]),
                        regions=frame(payload.get("regions"), payload["name"]),
                        sources=frame(payload.get("sources"), payload["name"]))
    return apply_overlay(base, mark_changed_regions(tables, base), payload["own_source"]).dataset


def _count(payload: dict) -> int:
    return sum(len(payload.get(k) or ()) for k in ("values", "regions", "sources"))


def _rows(payload: dict) -> int:
    """The rows a payload holds; refused (DataValidationError) beyond the limit on one table's rows."""
    rows = _count(payload)
    if rows > current().max_rows:
        raise DataValidationError([Problem(str(payload.get("name", "upload")), 0, "-", _("too many rows"))])
    return rows


def dataset_for(base: Dataset, payload: dict | None) -> Dataset:
    """The Dataset a payload makes: the base, or the base with the upload on top, checked again (not cached;
    a session's Dataset is found by its upload's id: session_dataset).

    Raises DataValidationError for a payload the server would not have made (too many rows, nested too
    deep to serialise, or figures that fail the checks); callers then show the base."""
    if not payload:
        return base
    _rows(payload)
    try:
        text = json.dumps(payload, sort_keys=True, default=str)
    except (RecursionError, ValueError) as err:
        raise DataValidationError([Problem("upload", 0, "-", _("not a payload ({error})",
                                                                error=type(err).__name__))]) from None
    return _merged(base, json.loads(text))


def keep_checked(base: Dataset, reference: dict, outcome: UploadOutcome) -> None:
    """After the upload store kept ``outcome``'s payload under ``reference``'s id: keep the Dataset built while
    checking it, so this worker's first click with the upload neither reads the store nor checks it again."""
    upload_id = upload_store.reference_id(reference)
    if upload_id is None or outcome.payload is None or outcome.dataset is None:
        return
    if _count(outcome.payload) <= current().max_rows:  # beyond it every other worker refuses the payload
        _cache.put(base, upload_id, outcome.dataset)


def kept_dataset(base: Dataset, upload_id: str) -> Dataset | None:
    """This worker's Dataset for an upload id, while the store still keeps the id (asked without reading the
    payload: an upload the store dropped is not shown here and missing elsewhere); None otherwise. While the
    store cannot be asked, the kept Dataset is shown and kept (the id pins its content; the upload is not gone)."""
    dataset = _cache.get(base, upload_id)
    if dataset is None:
        return None
    if upload_store.status(upload_id) == "missing":
        _cache.drop(base, upload_id)
        return None
    return dataset


def restored_dataset(base: Dataset, upload_id: str, payload: dict) -> Dataset:
    """The Dataset of a payload read from the store under ``upload_id``, checked like any upload (once per
    worker: it is kept under the id). Raises DataValidationError as dataset_for does."""
    _rows(payload)
    dataset = _merged(base, payload)
    _cache.put(base, upload_id, dataset)
    return dataset
