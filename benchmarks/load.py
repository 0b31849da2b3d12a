"""Bounded load test on loopback: 50 simulated users for 60 s against gunicorn.

    .venv/bin/python benchmarks/load.py [--users 50] [--seconds 60] [--workers 4]

gunicorn runs with the project's gunicorn.conf.py (each worker warms its export browser as it starts;
the users come --warm-up seconds after the server answers, as they would on a deployed server).
Each user loads the page, then keeps clicking as a person would (a new focus region: the state
callback, then the KPI cards and the ranking chart it updates) and, at a random moment of the run,
asks for one SVG export. Traffic goes only to 127.0.0.1; the run stops by itself. Prints requests,
errors and p50/p95 latency.
"""

from __future__ import annotations

import argparse
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


def callback(deps: list[dict], prefix: str) -> dict:
    return next(d for d in deps if d["output"].startswith(prefix))


def outputs_of(spec: dict) -> list[dict]:
    return [{"id": o.split(".")[0], "property": o.split(".")[1]} for o in spec["output"].strip(".").split("...")]


def user(base: str, deps: list[dict], until: float, rng: random.Random, results: list, errors: list) -> None:
    export_at = time.time() + rng.uniform(0, max(0.0, until - time.time() - 10))
    sync = callback(deps, "..view-state.data")
    kpis = callback(deps, "..region-heading.children")
    ranking = callback(deps, "..chart-ranking.figure")
    download = callback(deps, "..download.data")
    state: dict | None = None
    exported = False

    def timed(kind: str, payload: dict) -> dict | None:
        start = time.perf_counter()
        try:
            status, body = post(base, payload)
            if status not in (200, 204):
                errors.append(f"{kind}: HTTP {status}")
        except Exception as err:  # counted, not raised: the run goes on
            errors.append(f"{kind}: {type(err).__name__}: {err}")
            return None
        results.append((kind, (time.perf_counter() - start) * 1000))
        return body

    start = time.perf_counter()
    try:
        with urllib.request.urlopen(base, timeout=60) as response:
            response.read()
        results.append(("page", (time.perf_counter() - start) * 1000))
    except Exception as err:
        errors.append(f"page: {err}")
    first = True
    while time.time() < until:
        focus = rng.choice(REGIONS)
        inputs = []
        for item in sync["inputs"]:
            if item["id"].startswith("{"):
                inputs.append([])
            else:
                value = focus if item["id"] == "region-select" else ("" if item["id"] == "url" else None)
                inputs.append({"id": item["id"], "property": item["property"], "value": value})
        changed = "url.search" if first else "region-select.value"  # the page's first call comes from the URL
        first = False
        body = timed("focus change (state)", {
            "output": sync["output"], "outputs": outputs_of(sync), "inputs": inputs,
            "changedPropIds": [changed],
            "state": [{"id": "view-state", "property": "data", "value": state}]})
        if body and "response" in body:
            state = body["response"]["view-state"]["data"]
        if state is None:
            time.sleep(0.5)
            continue
        view = [{"id": "view-state", "property": "data", "value": state}]
        timed("focus change (KPI cards)", {"output": kpis["output"], "outputs": outputs_of(kpis), "inputs": view,
                                           "changedPropIds": ["view-state.data"],
                                           "state": [{"id": "user-data", "property": "data", "value": None}]})
        timed("focus change (ranking chart)", {
            "output": ranking["output"], "outputs": outputs_of(ranking), "inputs": view,
            "changedPropIds": ["view-state.data"],
            "state": [{"id": "ranking-key", "property": "data", "value": None},
                      {"id": "user-data", "property": "data", "value": None}]})
        if not exported and time.time() >= export_at:
            trigger = {"chart": "ranking", "fmt": "svg", "scale": 1, "size": "slide", "type": "export"}
            timed("export (SVG)", {
                "output": download["output"], "outputs": outputs_of(download),
                "inputs": [[{"id": trigger, "property": "n_clicks", "value": 1}], []],
                "changedPropIds": [json.dumps(trigger, separators=(",", ":"), sort_keys=True) + ".n_clicks"],
                "state": [{"id": "view-state", "property": "data", "value": state},
                          {"id": "user-data", "property": "data", "value": None}]})
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
        deps = json.loads(urllib.request.urlopen(base + "_dash-dependencies", timeout=10).read())
        results: list[tuple[str, float]] = []
        errors: list[str] = []
        until = time.time() + args.seconds
        threads = [threading.Thread(target=user, args=(base, deps, until, random.Random(i), results, errors))
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
