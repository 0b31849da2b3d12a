"""Raw responses kept under the output folder, so a run can be repeated without a network.

``OUT/raw/<series>.<n>.body`` is each answer exactly as received (after gzip), ``OUT/raw/manifest.json``
what the last run with a network asked, when, and how each query ended: per series its exchanges in order
(``steps``: a table's metadata, an interface that failed before another answered, the data query), the
last one also written out as the series' entry. ``--offline`` reads only these: it replays each series
through the same exchanges, failures included, so it reproduces that run's folder and report and never
reaches a publisher.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from dashboard.data.limits import Refused, read_regular_file
from dashboard.i18n import _
from dashboard.refresh.http import Request

RAW = "raw"
MANIFEST = "manifest.json"
MANIFEST_VERSION = 1


class CacheError(Exception):
    """A cached response is missing or damaged; the message says which and how."""


def write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class Cache:
    def __init__(self, out: Path) -> None:
        self.folder = out / RAW

    def store(self, key: str, request: Request, body: bytes, retrieved: str, status: int) -> dict[str, object]:
        """Keep one answer; the manifest entry that finds it again."""
        name = f"{key}.body"
        write_atomic(self.folder / name, body)
        return {"status": "ok", "file": name, "sha256": hashlib.sha256(body).hexdigest(), "bytes": len(body),
                "http_status": status, "method": request.method, "url": request.url,
                "body": request.body.decode("utf-8") if request.body is not None else None, "retrieved": retrieved}

    @staticmethod
    def failure(request: Request, message: str, retrieved: str, file: str | None = None,
                kind: str = "http") -> dict[str, object]:
        return {"status": "failed", "error": message, "kind": kind, "method": request.method, "url": request.url,
                "body": request.body.decode("utf-8") if request.body is not None else None, "retrieved": retrieved,
                "file": file}

    @staticmethod
    def steps(entry: dict[str, object]) -> list[dict[str, object]]:
        """A series' exchanges in order; a manifest written before steps were kept has the one entry."""
        steps = entry.get("steps")
        if isinstance(steps, list):
            return [step for step in steps if isinstance(step, dict)]
        return [entry]

    @staticmethod
    def asks(step: dict[str, object], request: Request) -> bool:
        """Whether a recorded exchange is this request (method, URL and posted body)."""
        body = request.body.decode("utf-8") if request.body is not None else None
        return step.get("method") == request.method and step.get("url") == request.url and step.get("body") == body

    @staticmethod
    def legacy(entry: dict[str, object]) -> bool:
        """A manifest entry written before exchanges were kept one by one (one answer per series)."""
        return not isinstance(entry.get("steps"), list)

    def write_manifest(self, run: str, entries: dict[str, dict[str, object]],
                       asked: dict[str, object] | None = None) -> None:
        """``asked``: the base URLs and interface order the run used, so --offline asks the same way."""
        document = {"version": MANIFEST_VERSION, "run": run, **(asked or {}), "series": entries}
        write_atomic(self.folder / MANIFEST, (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode())

    def manifest(self) -> dict[str, object] | None:
        """The last run's manifest, None when there is none; CacheError when it cannot be read."""
        path = self.folder / MANIFEST
        if not path.exists():
            return None
        try:
            document = json.loads(read_regular_file(path, str(path), limit=4 * 1024 * 1024))
        except Refused as refused:
            raise CacheError(str(refused.problem)) from None
        except (ValueError, RecursionError) as err:
            raise CacheError(_("{file}: not a manifest this tool wrote ({problem})", file=path,
                               problem=err)) from None
        if not isinstance(document, dict) or document.get("version") != MANIFEST_VERSION \
                or not isinstance(document.get("series"), dict):
            raise CacheError(_("{file}: not a manifest this tool wrote", file=path))
        return document

    def read(self, entry: dict[str, object], max_bytes: int) -> bytes:
        """The cached body of a manifest entry, checked against the hash recorded when it was stored."""
        name = str(entry.get("file") or "")
        if not name or "/" in name or name.startswith("."):
            raise CacheError(_("no cached response"))
        path = self.folder / name
        try:
            body = read_regular_file(path, str(path), limit=max_bytes, inside=self.folder)
        except Refused as refused:
            raise CacheError(_("cached response unreadable: {problem}", problem=refused.problem.message)) from None
        if hashlib.sha256(body).hexdigest() != entry.get("sha256"):
            raise CacheError(_("cached response {name} was changed after it was stored", name=name))
        return body
