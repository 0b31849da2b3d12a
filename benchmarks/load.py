"""Bounded load test on loopback: 50 simulated users for 60 s against gunicorn.

    .venv/bin/python benchmarks/load.py [--users 50] [--seconds 60] [--workers 4]

gunicorn runs with the project's gunicorn.conf.py (each worker warms its export browser as it starts;
the users come --warm-up seconds after the server answers, as they would on a deployed server).
Each user loads the page, then keeps clicking as a person would, through every callback a user can
fire: focus, indicator, measure, basis, edition, tab and theme changes (each one request to the view
callback), the table's creation, one upload (and its banner), and at a random moment one export or
download (SVG, PNG, CSV zip, Excel or deck). Traffic goes only to 127.0.0.1; the run stops by itself. Prints requests,
errors and p50/p95 latency.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from dashboard.views import CHARTS  # noqa: E402
from tests.dash_requests import Requests  # noqa: E402

CHART_NAMES = [view.name for view in CHARTS]
REGIONS = ["berlin", "copenhagen", "helsinki", "malmo", "oslo", "riga", "st_petersburg", "stockholm", "tallinn",
           "vilnius", "warsaw"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(base: str, payload: dict) -> tuple[int, dict | None]:
    request = urllib.request.Request(base + "_dash-update-component", data=json.dumps(payload).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=60) as response:
        body = response.read()
        return response.status, (json.loads(body) if body else None)


class _Http:
    """The two GETs tests.dash_requests.Requests makes, over HTTP to the server under load."""

    class _Answer:
        def __init__(self, data: bytes) -> None:
            self.data = data

        def get_json(self):
            return json.loads(self.data)

    def __init__(self, base: str) -> None:
        self.base = base

    def get(self, path: str):
        with urllib.request.urlopen(self.base + path.lstrip("/"), timeout=30) as response:
            return self._Answer(response.read())


SMALL_UPLOAD = b"region_id,indicator_id,year,value,territory\nhelsinki,science_parks,2024,6,Helsinki Region\n"
CLICKS = [  # (what a person does, the input it changes, the values it takes)
    ("focus", "region-select", REGIONS), ("indicator", "indicator-select", ["population", "gdp", "employment"]),
    ("measure", "measure-select", ["absolute", "index", "share"]),
    ("basis", "basis-select", ["auto", "eurostat_metro", "city", "reported"]),
    ("edition", "edition-select", ["baltmet", "recent"]), ("tab", "tabs", ["charts", "table"]),
    ("theme", "theme-toggle", [True, False]),
]
EXPORTS = [({"type": "export", "chart": "ranking", "fmt": "svg", "size": "slide", "scale": 1}, "export (SVG)"),
           ({"type": "export", "chart": "map", "fmt": "png", "size": "slide", "scale": 2}, "export (PNG)"),
           ({"type": "download", "what": "csv"}, "download (CSV zip)"),
           ({"type": "download", "what": "xlsx"}, "download (Excel)"),
           ({"type": "download", "what": "deck"}, "download (deck)")]


def user(base: str, requests: Requests, until: float, rng: random.Random, results: list, errors: list) -> None:
    """A person: loads the page, clicks every kind of control, opens the table, uploads a file once,
    and asks for one export or download at a random moment; each request goes through the server."""
    export_at = time.time() + rng.uniform(0, max(0.0, until - time.time() - 10))
    upload_at = time.time() + rng.uniform(0, max(0.0, until - time.time() - 10))
    values: dict = {"url": ""}
    exported = uploaded = False

    def timed(kind: str, body: dict) -> dict | None:
        start = time.perf_counter()
        try:
            status, answer = post(base, body)
            if status not in (200, 204):
                errors.append(f"{kind}: HTTP {status}")
        except Exception as err:  # counted, not raised: the run goes on
            errors.append(f"{kind}: {type(err).__name__}: {err}")
            return None
        results.append((kind, (time.perf_counter() - start) * 1000))
        return answer

    def view(kind: str, changed: str) -> None:
        answer = timed(kind, requests.body("..view-state.data", values, changed))
        response = (answer or {}).get("response", {})
        for key in ("view-state", "kpi-key", "options-key", *(f"{c}-key" for c in CHART_NAMES)):
            if key in response:
                values[key] = response[key]["data"]

    start = time.perf_counter()
    try:
        with urllib.request.urlopen(base, timeout=60) as response:
            response.read()
        results.append(("page", (time.perf_counter() - start) * 1000))
    except Exception as err:
        errors.append(f"page: {err}")
    view("first view (from the URL)", "url.search")
    while time.time() < until:
        what, control, options = rng.choice(CLICKS)
        values[control] = rng.choice(options)
        view(f"click: {what}", f"{control}.active_tab" if control == "tabs" else f"{control}.value")
        if values.get("tabs") == "table" and rng.random() < 0.3:
            timed("table created", requests.body("figures-table.children", {**values, "grid-library": True},
                                                 "grid-library.data"))
        if not uploaded and time.time() >= upload_at:
            contents = "data:text/csv;base64," + base64.b64encode(SMALL_UPLOAD).decode()
            answer = timed("upload", requests.body("..user-data.data", {
                **values, "upload-accepted": {"contents": contents, "name": "mine.csv"}}, "upload-accepted.data"))
            reference = ((answer or {}).get("response", {}).get("user-data") or {}).get("data")
            if reference:
                values["user-data"] = reference
                timed("upload banner", requests.body("..upload-remove.style", values, "user-data.data"))
                view("view with the upload", "user-data.data")
            uploaded = True
        if not exported and time.time() >= export_at:
            trigger, kind = rng.choice(EXPORTS)
            key = json.dumps(trigger, sort_keys=True)
            timed(kind, requests.body("..download.data", {**values, key: 1},
                                      json.dumps(trigger, separators=(",", ":"), sort_keys=True) + ".n_clicks"))
            exported = True
        time.sleep(rng.uniform(0.5, 2.0))  # a person reads before the next click


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--warm-up", type=float, default=15, help="seconds between server start and users")
    args = parser.parse_args()
    port = free_port()
    server = subprocess.Popen([str(ROOT / ".venv" / "bin" / "gunicorn"), "app:server", "-w", str(args.workers),
                               "-b", f"127.0.0.1:{port}"],  # and the rest from ROOT/gunicorn.conf.py
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(base, timeout=2).read()
                break
            except OSError:
                time.sleep(0.5)
        time.sleep(args.warm_up)
        requests = Requests(_Http(base), extra_ids=({"type": "figures-grid", "slot": "main"},))
        results: list[tuple[str, float]] = []
        errors: list[str] = []
        until = time.time() + args.seconds
        threads = [threading.Thread(target=user, args=(base, requests, until, random.Random(i), results, errors))
                   for i in range(args.users)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.seconds + 120)
    finally:
        server.terminate()
        server.wait(timeout=20)
    print(f"{args.users} users, {args.seconds} s, gunicorn -w {args.workers} on 127.0.0.1")
    print(f"{'request':32} {'count':>7} {'p50 ms':>9} {'p95 ms':>9}")
    for kind in dict.fromkeys(k for k, _ in results):
        times = [t for k, t in results if k == kind]
        p95 = statistics.quantiles(times, n=100)[94] if len(times) > 2 else max(times)
        print(f"{kind:32} {len(times):>7} {statistics.median(times):>9.1f} {p95:>9.1f}")
    print(f"errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
