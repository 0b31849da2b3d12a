"""Benchmarks: prints a table of figures, each against a baseline measured in the same run.

    .venv/bin/python benchmarks/run.py            (about 2 minutes; needs Chromium for load and export)

First load, exports and the scale of data; benchmarks/interaction.py measures the interaction itself.

Not a test: nothing here fails on timing. Record the output in benchmarks/README.md.
"""

from __future__ import annotations

import logging
import os
import platform
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import plotly.graph_objects as go
from dash import Dash, Input, Output, dcc, html
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

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
    figure, meta = CHARTS.by_name("ranking").build(dataset, state)
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


# ---- scale: the first page at 300 regions, loading 3 000 regions ----------------------------------------
def first_page_bytes(directory: Path | None) -> tuple[int, int]:
    """(layout, first view answer) in bytes as brotli sends them: what the page itself costs, beside the
    static libraries (plotly.js, Bootstrap) that every page shares and browsers cache."""
    import brotli

    from dashboard.data.folders import load_data_folder
    from tests.dash_requests import Requests

    dataset = load_data_folder(directory).dataset if directory else load_dataset(BUNDLED_DATA_DIR)
    client = create_app(dataset).server.test_client()
    layout = client.get("/_dash-layout").get_data()
    body = Requests(client).body("..view-state.data", {"url": ""}, "url.search")
    answer = client.post("/_dash-update-component", json=body).get_data()
    return len(brotli.compress(layout, quality=5)), len(brotli.compress(answer, quality=5))


LOAD_SCRIPT = """
import resource, sys, time
start = time.perf_counter()
from dashboard.data.folders import load_data_folder
dataset = load_data_folder(sys.argv[1]).dataset
hwm = next(l for l in open("/proc/self/status") if l.startswith("VmHWM"))
usage = resource.getrusage(resource.RUSAGE_SELF)
print(time.perf_counter() - start, int(hwm.split()[1]) / 1024, len(dataset.values), usage.ru_utime + usage.ru_stime)
"""


def load_in_a_fresh_process(directory: Path) -> tuple[float, float, int, float]:
    """(seconds to load and validate, peak RSS in MB, figures, CPU seconds), in a process of its own,
    imports included. CPU seconds beside the wall time show whether other work on the machine slowed it."""
    import subprocess

    out = subprocess.run([sys.executable, "-c", LOAD_SCRIPT, str(directory)], capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")}).stdout.split()
    return float(out[0]), float(out[1]), int(out[2]), float(out[3])


def scale_benchmark() -> None:
    from benchmarks.scale_data import write_folder

    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "r300", Path(tmp) / "r3000"
        small.mkdir()
        large.mkdir()
        write_folder(small, regions=300)
        write_folder(large, regions=3000)
        layout, answer = first_page_bytes(small)
        base_layout, base_answer = first_page_bytes(None)
        row("300 regions: first page (layout + first answer), kB br", f"{(layout + answer) / 1e3:.0f}",
            "300 target", f"{(layout + answer) / 3e5:.2f}x")
        row("bundled: first page (layout + first answer), kB br", f"{(base_layout + base_answer) / 1e3:.0f}")
        base = load_in_a_fresh_process(BUNDLED_DATA_DIR)
        seconds, peak, figures, cpu = load_in_a_fresh_process(large)
        row(f"3 000 regions: load + validate {figures:,} figures, s", f"{seconds:.1f}", "10 target",
            f"{seconds / 10:.2f}x")
        row("3 000 regions: CPU time of that load, s", f"{cpu:.1f}", "10 target", f"{cpu / 10:.2f}x")
        row("3 000 regions: peak RSS while loading, MB", f"{peak:.0f}", "1500 target", f"{peak / 1500:.2f}x")
        row("bundled: load + validate, s / peak RSS MB (baseline)", f"{base[0]:.2f} / {base[1]:.0f}")


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no access log between the rows
    use_fast_json()  # the app's JSON setting, for the floor too: the comparison is the callback, not the engine
    print(f"machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores")
    print(f"{'figure':58} {'value':>16} {'baseline':>16} {'ratio':>8}")
    if Path("/usr/bin/chromium").exists():
        page_load_benchmark()
        export_benchmark()
    scale_benchmark()
    print("The whole interaction (click to last redraw, requests, server CPU, memory) is benchmarks/interaction.py.")


if __name__ == "__main__":
    main()
