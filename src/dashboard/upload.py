"""A user's upload: parsed once into a small JSON payload kept in *their* browser session.

The server holds nothing per user: every callback rebuilds the session's Dataset from the base
and the payload (cached by the payload's hash), so any worker can serve any user.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from dashboard.data import Dataset, DataValidationError, Problem
from dashboard.data.eurostat import import_eurostat, is_eurostat
from dashboard.data.overlay import UserTables, apply_overlay
from dashboard.data.reader import LINE
from dashboard.data.tolerant import XLSX_MAGIC, read_any, sheet_names

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UPLOAD_TEXT = "10 MB"


@dataclass
class UploadOutcome:
    payload: dict | None
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def decoded_size(contents: str) -> int:
    """Bytes of a ``data:...;base64,`` upload, computed without decoding it."""
    data = contents.split(",", 1)[-1]
    return len(data) * 3 // 4 - data.count("=", -2)


def _own_source(name: str, digest: str, today: dt.date) -> dict[str, str]:
    return {"source_id": f"upload_{digest[:10]}", "publisher": "Your data",
            "title": f"Your upload: {name}", "url": "", "accessed": f"uploaded {today.isoformat()}", "kind": "user"}


def _records(frame: pd.DataFrame) -> list[dict]:
    return frame.astype(object).where(frame.notna(), "").to_dict("records")


def parse_upload(contents: str, name: str, base: Dataset, today: dt.date | None = None) -> UploadOutcome:
    """Read, check and merge an upload against ``base``; the payload is what the browser keeps."""
    today = today or dt.date.today()
    if decoded_size(contents) > MAX_UPLOAD_BYTES:
        return UploadOutcome(None, [Problem(name, 0, "-", f"the file is larger than {MAX_UPLOAD_TEXT}; "
                                                           "nothing was read")])
    try:
        raw = base64.b64decode(contents.split(",", 1)[-1], validate=False)
    except ValueError:
        return UploadOutcome(None, [Problem(name, 0, "-", "the upload could not be decoded")])
    digest = hashlib.sha256(raw).hexdigest()
    own = _own_source(name, digest, today)
    notes: list[str] = []
    if is_eurostat(raw):
        imported = import_eurostat(raw, name, base, today)
        if imported.problems:
            return UploadOutcome(None, imported.problems, imported.notes)
        values, sources = imported.frames()
        if values.empty:
            return UploadOutcome(None, [Problem(name, 0, "-", "no figure for a known metro region in this file")],
                                 imported.notes)
        values = values.astype(str).assign(**{LINE: range(2, len(values) + 2)})
        tables = UserTables(values=(values, name), sources=(sources.astype(str).assign(**{LINE: 0}), name),
                            notes=tuple(imported.notes))
    else:
        sheet_regions = None
        if raw.startswith(XLSX_MAGIC) and "regions" in [s.lower() for s in sheet_names(raw)[1:]]:
            sheet = next(s for s in sheet_names(raw)[1:] if s.lower() == "regions")
            result = read_any(raw, f"{name} [regions]", sheet)
            if result.problems:
                return UploadOutcome(None, result.problems, result.notes)
            sheet_regions = (result.frame, f"{name} [regions]")
        result = read_any(raw, name)
        if result.frame is None or result.problems:
            return UploadOutcome(None, result.problems, result.notes)
        notes.append("read as " + ", ".join(result.notes))
        tables = UserTables(values=(result.frame, name), regions=sheet_regions)
    try:
        merged = apply_overlay(base, tables, own)
    except DataValidationError as err:
        return UploadOutcome(None, err.problems, notes)
    payload = {"name": name, "digest": digest, "own_source": own,
               "values": _records(tables.values[0]), "regions": _records(tables.regions[0]) if tables.regions else None,
               "sources": _records(tables.sources[0]) if tables.sources else None}
    payload["hash"] = hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()
    return UploadOutcome(payload, [], notes + merged.notes)


@lru_cache(maxsize=64)
def _merged(base: Dataset, payload_json: str) -> Dataset:
    payload = json.loads(payload_json)

    def frame(rows: list[dict] | None, label: str):
        if not rows:
            return None
        data = pd.DataFrame(rows).astype(str)
        data[LINE] = data[LINE].astype(int) if LINE in data.columns else range(2, len(data) + 2)
        return data, label

    tables = UserTables(values=frame(payload["values"], payload["name"]),
                        regions=frame(payload.get("regions"), payload["name"]),
                        sources=frame(payload.get("sources"), payload["name"]))
    return apply_overlay(base, tables, payload["own_source"]).dataset


def dataset_for(base: Dataset, payload: dict | None) -> Dataset:
    """The Dataset a session sees: the base, or the base with the session's upload on top."""
    if not payload:
        return base
    return _merged(base, json.dumps(payload, sort_keys=True, default=str))
