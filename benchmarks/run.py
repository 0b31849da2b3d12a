"""Benchmarks: prints a table of figures, each against a baseline measured in the same run.

    .venv/bin/python benchmarks/run.py            (about 2 minutes; needs Chromium for load and export)

Not a test: nothing here fails on timing. Record the output in benchmarks/README.md.
"""

from __future__ import annotations

import gc
import logging
import os
import platform
import socket
import statistics
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

import plotly.graph_objects as go
from dash import Dash, Input, Output, dcc, html
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dashboard.app_factory import create_app, use_fast_json  # noqa: E402
from dashboard.data import load_dataset  # noqa: E402
from dashboard.paths import BUNDLED_DATA_DIR  # noqa: E402
from dashboard.state import default_state  # noqa: E402

ROWS: list[tuple[str, str, str, str]] = []


def row(what: str, value: str, baseline: str = "", ratio: str = "") -> None:
    ROWS.append((what, value, baseline, ratio))
    print(f"{what:58} {value:>16} {baseline:>16} {ratio:>8}", flush=True)


def pct(samples: list[float], q: float) -> float:
    return statistics.quantiles(samples, n=100)[int(q) - 1] if len(samples) > 2 else samples[0]


def post_timings(client, payloads: list[dict], rounds: int) -> list[float]:
    out = []
    for i in range(rounds):
        payload = payloads[i % len(payloads)]
        start = time.perf_counter()
        response = client.post("/_dash-update-component", json=payload)
        out.append((time.perf_counter() - start) * 1000)
        assert response.status_code in (200, 204), response.status_code
    return out


# ---- the floor: a bare Dash app whose one callback returns one go.Figure -------------------------
def bare_app() -> Dash:
    app = Dash(__name__)
    app.layout = html.Div([dcc.Dropdown(id="pick", options=list("abcdefghijk"), value="a"), dcc.Graph(id="graph")])
    names = [f"Region {c}" for c in "abcdefghijk"]

    @app.callback(Output("graph", "figure"), Input("pick", "value"))
    def draw(value):
        colours = ["#332288" if n.endswith(value) else "#88CCEE" for n in names]
        return go.Figure(go.Bar(x=list(range(11)), y=names, orientation="h", marker_color=colours))

    return app


def bare_payloads() -> list[dict]:
    return [{"output": "graph.figure", "outputs": {"id": "graph", "property": "figure"},
             "inputs": [{"id": "pick", "property": "value", "value": c}], "changedPropIds": ["pick.value"],
             "state": []} for c in "abcdefghijk"]


def focus_payloads(app, dataset, state) -> list[dict]:
    """The ranking chart's callback for each focus: what a click on a bar costs the server."""
    key = next(k for k in app.callback_map if k.startswith("..chart-ranking.figure"))
    outputs = [{"id": o.split(".")[0], "property": o.split(".")[1]} for o in key.strip(".").split("...")]
    payloads = []
    for region in dataset.region_ids:
        data = {**state.to_dict(), "focus": region, "peers": list(state.peers)}
        payloads.append({"output": key, "outputs": outputs,
                         "inputs": [{"id": "view-state", "property": "data", "value": data}],
                         "changedPropIds": ["view-state.data"],
                         "state": [{"id": "ranking-key", "property": "data", "value": None},
                                   {"id": "user-data", "property": "data", "value": None}]})
    return payloads


def callback_benchmark(label: str, dataset, rounds: int = 300) -> float:
    floor = post_timings(bare_app().server.test_client(), bare_payloads(), rounds)
    app = create_app(dataset)
    client = app.server.test_client()
    payloads = focus_payloads(app, dataset, default_state(dataset))
    from dashboard.figures import ranking

    cold = []
    for i in range(min(rounds, 100)):
        ranking._ranking.cache_clear()  # every figure built from scratch
        from dashboard.measures import region_point
        region_point.cache_clear()
        cold += post_timings(client, [payloads[i % len(payloads)]], 1)
    warm = post_timings(client, payloads, rounds)
    p50f, p95f = pct(floor, 50), pct(floor, 95)
    row(f"{label}: bare Dash callback (floor) p50 / p95 ms", f"{p50f:.1f} / {p95f:.1f}")
    row(f"{label}: focus change, ranking built fresh, p50 / p95 ms", f"{pct(cold, 50):.1f} / {pct(cold, 95):.1f}",
        f"{p50f:.1f}", f"{pct(cold, 50) / p50f:.2f}x")
    row(f"{label}: focus change, figure cached, p50 / p95 ms", f"{pct(warm, 50):.1f} / {pct(warm, 95):.1f}",
        f"{p50f:.1f}", f"{pct(warm, 50) / p50f:.2f}x")
    return pct(cold, 50) / p50f


# ---- first page load in headless Chromium ------------------------------------------------------------
def serve(app) -> tuple[str, object]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = make_server("127.0.0.1", port, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{port}/", server


LOAD_JS = """async (selector) => {
    const count = selector === 'bare' ? 1 : 5;
    const start = performance.now();
    const drawn = () => Array.from(document.querySelectorAll('.js-plotly-plot'))
        .filter(g => g.querySelector('.trace')).length;
    while (drawn() < count) { await new Promise(r => setTimeout(r, 20)); if (performance.now() - start > 30000) break; }
    const nav = performance.getEntriesByType('navigation')[0];
    const bytes = performance.getEntriesByType('resource').reduce((s, e) => s + e.transferSize, nav.transferSize);
    return {drawn: performance.now(), bytes};
}"""


def page_load_benchmark() -> None:
    from playwright.sync_api import sync_playwright

    ours, ours_server = serve(create_app(load_dataset(BUNDLED_DATA_DIR)))
    floor_app = bare_app()
    from dashboard.serving import harden
    harden(floor_app)  # same compression, so the comparison is the page, not the server settings
    floor, floor_server = serve(floor_app)
    results: dict[str, list[dict]] = {"bare": [], "ours": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        for _ in range(5):
            for name, url in (("bare", floor), ("ours", ours)):
                context = browser.new_context(viewport={"width": 1400, "height": 900})  # cold cache
                page = context.new_page()
                page.goto(url)
                results[name].append(page.evaluate(LOAD_JS, name))
                context.close()
        browser.close()
    ours_server.shutdown()
    floor_server.shutdown()
    t_bare = statistics.median(r["drawn"] for r in results["bare"])
    t_ours = statistics.median(r["drawn"] for r in results["ours"])
    b_bare = statistics.median(r["bytes"] for r in results["bare"])
    b_ours = statistics.median(r["bytes"] for r in results["ours"])
    row("first load: bytes transferred (compressed), MB", f"{b_ours / 1e6:.2f}", f"{b_bare / 1e6:.2f}",
        f"{b_ours / b_bare:.2f}x")
    row("first load: ms until every chart is drawn (median of 5)", f"{t_ours:.0f}", f"{t_bare:.0f}",
        f"{t_ours / t_bare:.2f}x")


# ---- exports -------------------------------------------------------------------------------------------
def export_benchmark() -> None:
    from dashboard.export.deck import build_deck
    from dashboard.export.images import export_chart
    from dashboard.views import CHARTS

    dataset = load_dataset(BUNDLED_DATA_DIR)
    state = default_state(dataset)
    figure, meta = CHARTS[0].build(dataset, state)
    start = time.perf_counter()
    export_chart(figure, meta, "png", "slide", 2)
    row("export: first PNG (starts kaleido's browser), s", f"{time.perf_counter() - start:.2f}")
    for fmt in ("png", "svg"):
        times = []
        for _ in range(5):
            start = time.perf_counter()
            export_chart(figure, meta, fmt, "slide", 2)
            times.append(time.perf_counter() - start)
        row(f"export: {fmt.upper()} after warm-up (median of 5), s", f"{statistics.median(times):.2f}",
            "0.40 target", f"{statistics.median(times) / 0.4:.2f}x")
    start = time.perf_counter()
    build_deck(dataset, state)
    elapsed = time.perf_counter() - start
    row("export: 8-slide deck, s", f"{elapsed:.2f}", "5.00 target", f"{elapsed / 5:.2f}x")


# ---- scale: 300 regions x 30 indicators x 25 years -------------------------------------------------------
def generated_folder(directory: Path, regions: int = 300, indicators: int = 30, years: int = 25) -> int:
    base = load_dataset(BUNDLED_DATA_DIR)
    kpis = list(base.indicators.index)[:indicators]
    with (directory / "regions.csv").open("w") as fh:
        fh.write("region_id,name,country,country_name,lat,lon,eurostat_metro_code,capital,baltmet_inno_role\n")
        for i in range(regions):
            fh.write(f"r{i:03d},Region {i:03d},FI,Finland,{50 + i % 15}.5,{5 + i % 30}.5,,false,\n")
    base.indicators.reset_index().to_csv(directory / "indicators.csv", index=False)
    with (directory / "sources.csv").open("w") as fh:
        fh.write("source_id,publisher,title,url,accessed,kind\nsynthetic,Benchmark,Generated figures,,,secondary\n")
    count = 0
    with (directory / "values.csv").open("w") as fh:
        fh.write("region_id,indicator_id,edition,year,year_approx,value,qualifier,territory,territory_type,"
                 "source_id,note\n")
        for i in range(regions):
            for indicator in kpis:
                kind = base.indicators.at[indicator, "kind"]
                for y in range(1999, 1999 + years):
                    value = (i * 7 + y) % 90 + 1 if kind == "percent" else (i + 1) * 1000 + y
                    edition = "baltmet" if y <= 2010 else "recent"
                    fh.write(f"r{i:03d},{indicator},{edition},{y},false,{value},,Region {i:03d},metro,synthetic,\n")
                    count += 1
    return count


def scale_benchmark(bundled_ratio: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        count = generated_folder(directory)
        gc.collect()
        start = time.perf_counter()
        dataset = load_dataset(directory)
        elapsed = time.perf_counter() - start
        del dataset
        gc.collect()
        tracemalloc.start()  # memory on a second load: tracing slows allocation, so it is not timed
        dataset = load_dataset(directory)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        base_start = time.perf_counter()
        load_dataset(BUNDLED_DATA_DIR)
        base_elapsed = time.perf_counter() - base_start
        row(f"scale: load + validate {count:,} figures, s", f"{elapsed:.2f}", f"{base_elapsed:.3f}",
            f"{elapsed / base_elapsed:.0f}x")
        row("scale: peak memory while loading, MB", f"{peak / 1e6:.0f}")
        ratio = callback_benchmark("scale", dataset, rounds=120)
        row("scale: focus-change ratio vs bundled data", f"{ratio:.2f}x", f"{bundled_ratio:.2f}x", "")


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no access log between the rows
    use_fast_json()  # the app's JSON setting, for the floor too: the comparison is the callback, not the engine
    print(f"machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores")
    print(f"{'figure':58} {'value':>16} {'baseline':>16} {'ratio':>8}")
    ratio = callback_benchmark("bundled", load_dataset(BUNDLED_DATA_DIR))
    if Path("/usr/bin/chromium").exists():
        page_load_benchmark()
        export_benchmark()
    scale_benchmark(ratio)


if __name__ == "__main__":
    main()
