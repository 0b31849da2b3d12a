"""A click's server cost of a session's upload: from the browser's `user-data` value to the Dataset ready
for the builders, before and after uploads were looked up by their id (issue 23 point 5).

    .venv/bin/python benchmarks/upload_click.py [ROWS ...]      (default 10000 200000; about 2 minutes)

The base is a synthetic folder (benchmarks/scale_data.py: 300 regions x 30 indicators x 25 years, 225 000
figures of TEST NUMBERS); the upload is a CSV of ROWS figures on those regions (the five required columns),
read and checked by parse_upload and kept in the server's upload store as the app keeps it: the folder
store by default, and Redis too when Debian's redis-server is installed.

Measured, median of several runs each, for each size and store:

- **before, a click** (the baseline): what every click did before: the store read, decompression and
  JSON parse (upload_store.get), the payload's shape checks (client_input.user_payload), then the old
  dataset_for's cache lookup: the payload serialised again (json.dumps, sorted keys) and hashed
  (sha256). The old code is gone; these are the same calls, made here in the same order.
- **before, first use**: the old first click on any worker, also the first after the upload on the worker
  that read the file (the Dataset built while checking it was thrown away): the above, then the payload
  parsed back (json.loads) and checked and merged a second time (upload._merged).
- **after, a click**: client_input.session_dataset with the Dataset in this worker's cache: a lookup by
  the upload's id and the store's answer that it still keeps the id (a file's expiry stamp, a Redis EXISTS).
- **after, first click after the upload**: the same, the cache filled by upload.keep_checked with the
  Dataset parse_upload built (what the upload callback does); no second check.
- **after, first use on another worker**: session_dataset with this worker's cache empty: the store read
  once, the payload checked once (upload.restored_dataset), the Dataset kept under the id.

Ratios are against "before, a click" of the same size and store, measured in the same run. Not a test:
nothing here fails on timing.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_data import region_id, region_name, write_folder  # noqa: E402

from dashboard import upload, upload_store  # noqa: E402
from dashboard.client_input import session_dataset, user_payload  # noqa: E402
from dashboard.data import Dataset, load_dataset  # noqa: E402

REGIONS, INDICATORS, YEARS = 300, 30, range(1990, 2031)


def upload_csv(folder: Path, rows: int) -> bytes:
    """ROWS figures with distinct keys on the synthetic regions, as a user's CSV (the required columns)."""
    with (folder / "indicators.csv").open(newline="", encoding="utf-8") as fh:
        indicators = [(i["indicator_id"], i["kind"]) for i in csv.DictReader(fh)][:INDICATORS]
    lines = ["region_id,indicator_id,year,value,territory\n"]
    for n in range(rows):
        region, rest = divmod(n, len(indicators) * len(YEARS))
        (indicator, kind), year = indicators[rest // len(YEARS)], YEARS[rest % len(YEARS)]
        value = 10 + n % 80 if kind == "percent" else 1000 + n
        lines.append(f"{region_id(region, REGIONS)},{indicator},{year},{value},{region_name(region, REGIONS)}\n")
    assert rows <= REGIONS * len(indicators) * len(YEARS), "more rows than distinct keys"
    return "".join(lines).encode()


def median_ms(fn: Callable[[], object], runs: int, before: Callable[[], object] | None = None) -> float:
    """Median wall time of ``fn`` in ms; ``before`` runs untimed ahead of each run."""
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def old_click(base: Dataset, reference: dict) -> str:
    """The removed per-click path: read, decompress and parse the payload, check its shape, serialise and
    hash it again to find the session's Dataset in the old payload-keyed cache."""
    payload = user_payload(reference)
    assert payload is not None
    sum(len(payload.get(k) or ()) for k in ("values", "regions", "sources"))
    text = json.dumps(payload, sort_keys=True, default=str)
    hashlib.sha256(text.encode()).hexdigest()
    return text


def old_first_use(base: Dataset, reference: dict) -> Dataset:
    """The removed first use: the click above, then the payload parsed back and checked a second time."""
    text = old_click(base, reference)
    return upload._merged(base, json.loads(text))


def start_redis(folder: Path) -> tuple[subprocess.Popen, str] | None:
    server = shutil.which("redis-server")
    if server is None:
        return None
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(folder)], stdout=subprocess.DEVNULL)
    for _ in range(100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    return process, f"redis://127.0.0.1:{port}/0"


def measure(base: Dataset, rows: int, data: bytes, store: str) -> None:
    contents = "data:text/csv;base64," + base64.b64encode(data).decode()
    started = time.perf_counter()
    outcome = upload.parse_upload(contents, f"upload_{rows}.csv", base)
    parsed = time.perf_counter() - started
    assert not outcome.problems, [str(p) for p in outcome.problems[:3]]
    reference = upload_store.put(outcome.payload)
    assert reference is not None, "the store did not keep the upload"
    runs, slow_runs = (15, 5) if rows <= 20_000 else (5, 3)
    print(f"\n{rows:,} uploaded rows ({len(data) / 2**20:.1f} MB CSV, {reference['figures']:,} figures; "
          f"parse_upload {parsed:.1f} s), {store} store")

    baseline = median_ms(lambda: old_click(base, reference), runs)
    first_old = median_ms(lambda: old_first_use(base, reference), slow_runs)

    def fresh_after_upload() -> None:
        upload._cache.clear()
        upload.keep_checked(base, reference, outcome)

    first_after_upload = median_ms(lambda: session_dataset(base, reference), runs, before=fresh_after_upload)
    first_elsewhere = median_ms(lambda: session_dataset(base, reference), slow_runs, before=upload._cache.clear)
    assert session_dataset(base, reference) is not base
    hit = median_ms(lambda: session_dataset(base, reference), runs * 20)
    assert upload.kept_dataset(base, reference["id"]) is session_dataset(base, reference)

    print(f"{'step':58} {'median ms':>10} {'x before':>9}")
    for what, ms in (("before, a click (baseline: read, parse, re-serialise, hash)", baseline),
                     ("before, first use (+ parse back, check again)", first_old),
                     ("after, a click (cache hit by id + store's 'still kept')", hit),
                     ("after, first click after the upload (kept while checking)", first_after_upload),
                     ("after, first use on another worker (read + check once)", first_elsewhere)):
        print(f"{what:58} {ms:>10.3f} {ms / baseline:>9.2g}")


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 200_000]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "base"
        figures = write_folder(folder, regions=REGIONS, indicators=INDICATORS, years=25)
        base = load_dataset(folder)
        print(f"base: {REGIONS} regions, {figures:,} figures (synthetic test numbers); Python {sys.version.split()[0]}")
        redis = start_redis(Path(tmp))
        stores = [("folder", None)] + ([("Redis", redis[1])] if redis else [])
        try:
            for store, url in stores:
                if url:
                    os.environ[upload_store.REDIS_ENV] = url
                else:
                    os.environ.pop(upload_store.REDIS_ENV, None)
                    os.environ[upload_store.FOLDER_ENV] = str(Path(tmp) / "uploads")
                upload_store.configure(Flask(f"bench-{store}"))
                for rows in sizes:
                    upload._cache.clear()
                    measure(base, rows, upload_csv(folder, rows), store)
        finally:
            if redis:
                redis[0].terminate()
                redis[0].wait(10)
        if not redis:
            print("\n(no redis-server: the Redis store was not measured)")


if __name__ == "__main__":
    main()
