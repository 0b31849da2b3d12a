"""What a user waits for when changing the focus region: our app against the naive one-file Dash app.

    .venv/bin/python benchmarks/interaction.py            (about 3 minutes; needs /usr/bin/chromium)
    .venv/bin/python benchmarks/interaction.py --quick    (bundled and 300 regions only, about 2 minutes)

In one run, interleaved click by click, on the same data folder, each app served by werkzeug in its own
subprocess (so its CPU time is read from /proc/<pid>/stat):
- ours: ``create_app(load_data_folder(DIR).dataset)``, opened at ``?edition=recent`` (the naive app shows
  that edition too);
- naive: ``benchmarks/naive_app.py`` (pandas + plotly express, one callback, no caching).
Data: (a) the bundled folder, (b) 300 regions x 30 indicators x 25 years, (c) 3 000 regions x 30
indicators x 5 years (server only: callback requests replayed without a browser). Synthetic folders are
test numbers from benchmarks/scale_data.py.

In headless Chromium (1400x900) each page is loaded until every chart is drawn and no callback is pending;
then every ``.js-plotly-plot`` gets a ``plotly_afterplot`` listener and, for each run, the focus moves to a
region not visited before by choosing it in ``#region-select``. Measured per click: time from the option's
pointerdown to the last ``plotly_afterplot`` (once no ``_dash-update-component`` request has been pending
for 300 ms), the number of POSTs to ``_dash-update-component``, their response bytes; per app, the server's
CPU time over all runs / runs. The floor: a bare Dash app whose one callback returns a string (POST round
trip, median). Memory: resident set of our server process after hundreds of focus changes posted
directly (the request the browser sent, replayed with other regions, following each answer as the browser
does).

Not a test: nothing fails on timing; the script prints tables.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import brotli  # flask-compress's dependency: decodes the answers a browser would get

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_data import region_id, region_name, write_folder  # noqa: E402

PYTHON = sys.executable
CHROMIUM = "/usr/bin/chromium"
CLK_TCK = os.sysconf("SC_CLK_TCK")
DISPATCH = "_dash-update-component"
# Limits of our loader raised for the synthetic folders only (each is a documented BALTMET_MAX_* setting);
# the script first says whether the folder loads with the defaults.
RAISED_LIMITS = {"BALTMET_MAX_ROWS": "5000000", "BALTMET_MAX_CELLS": "100000000",
                 "BALTMET_MAX_FILE_BYTES": "1000000000", "BALTMET_MAX_READ_SECONDS": "600"}
OURS_QUERY = "?edition=recent"
BUNDLED_VISITS = ["riga", "oslo", "berlin", "warsaw", "tallinn", "vilnius", "stockholm", "copenhagen", "malmo",
                  "st_petersburg"]

ROWS: list[tuple[str, str, str, str]] = []
NOTES: list[str] = []


def row(what: str, value: str, baseline: str = "", ratio: str = "") -> None:
    ROWS.append((what, value, baseline, ratio))
    print(f"{what:64} {value:>14} {baseline:>14} {ratio:>8}", flush=True)


def note(text: str) -> None:
    NOTES.append(text)
    print(f"  note: {text}", flush=True)


def med(samples: list[float]) -> float:
    return statistics.median(samples) if samples else float("nan")


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b and b == b and a == a else ""


# ---- the servers (subprocesses) ----------------------------------------------------------------------------
def bare_app():
    from dash import Dash, Input, Output, dcc, html

    app = Dash(__name__)
    app.layout = html.Div([dcc.Input(id="in", value="a"), html.Div(id="out")])

    @app.callback(Output("out", "children"), Input("in", "value"))
    def echo(value):
        return f"you typed {value}"

    return app


def serve_forever(kind: str, data: str | None, port: int) -> None:
    """The subprocess: build one app and serve it with werkzeug (threaded, as benchmarks/run.py serve())."""
    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    if kind == "bare":
        app = bare_app()
    else:
        from dashboard.app_factory import create_app
        from dashboard.data import DataValidationError, load_dataset
        from dashboard.data.folders import load_data_folder
        from dashboard.paths import BUNDLED_DATA_DIR

        try:
            dataset = load_data_folder(data).dataset if data else load_dataset(BUNDLED_DATA_DIR)
        except DataValidationError as err:
            print(f"our loader refused {data}:", *(f"  {p}" for p in err.problems[:10]), sep="\n", file=sys.stderr)
            sys.exit(2)
        app = create_app(dataset)
    make_server("127.0.0.1", port, app.server, threaded=True).serve_forever()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    name: str
    proc: subprocess.Popen
    url: str
    log: Path
    started_s: float = 0.0

    def cpu_ms(self) -> float:
        stat = Path(f"/proc/{self.proc.pid}/stat").read_text()
        fields = stat[stat.rindex(")") + 2:].split()  # fields[0] is field 3 (state)
        return (int(fields[11]) + int(fields[12])) * 1000 / CLK_TCK  # utime + stime, all threads

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


RUNNING: list[Server] = []


def start(name: str, kind: str, data: Path | None, tmp: Path, raised: bool = False) -> Server:
    port = free_port()
    if kind == "naive":
        cmd = [PYTHON, str(ROOT / "benchmarks" / "naive_app.py"), "--port", str(port),
               "--data", str(data or ROOT / "data")]
    else:
        cmd = [PYTHON, __file__, "--serve", kind, "--port", str(port), *(["--data", str(data)] if data else [])]
    env = {**os.environ, **(RAISED_LIMITS if raised else {})}
    log = tmp / f"{name}-{port}.log"
    with log.open("w") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    server = Server(name, proc, f"http://127.0.0.1:{port}/", log)
    RUNNING.append(server)
    began = time.perf_counter()
    while time.perf_counter() - began < 180:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited ({proc.returncode}):\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(server.url, timeout=30) as response:
                if response.status == 200:
                    server.started_s = time.perf_counter() - began
                    return server
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{name} did not answer within 180 s")


def stop(*servers: Server) -> None:
    for server in servers:
        server.stop()
        if server in RUNNING:
            RUNNING.remove(server)


def post(url: str, body: dict) -> tuple[float, dict]:
    data = json.dumps(body).encode()
    # The encodings a browser accepts, so the server compresses the answer as it does for the page.
    request = urllib.request.Request(url + DISPATCH, data=data, method="POST",
                                     headers={"Content-Type": "application/json", "Accept": "application/json",
                                              "Accept-Encoding": "br, gzip"})
    began = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        payload = response.read()
        status = response.status
        encoding = response.headers.get("Content-Encoding", "")
    elapsed = (time.perf_counter() - began) * 1000
    if encoding == "br":
        payload = brotli.decompress(payload)
    elif encoding == "gzip":
        payload = gzip.decompress(payload)
    if status != 200:
        raise RuntimeError(f"{url}: callback answered {status}")
    return elapsed, json.loads(payload) if payload else {}


# ---- replaying the focus change the browser sent -------------------------------------------------------------
class Session:
    """A browser's callback session without the browser: the recorded focus-change request, re-sent with
    another region, each answer copied into the next request's inputs and states (as the renderer does)."""

    def __init__(self, server: Server, template: str) -> None:
        self.server = server
        self.body = json.loads(template)

    def _entries(self):
        for group in ("inputs", "state"):
            for entry in self.body.get(group, []):
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    yield entry

    def _apply(self, answer: dict) -> None:
        response = answer.get("response", {})
        for entry in self._entries():
            props = response.get(entry["id"], {})
            if entry["property"] in props:
                entry["value"] = props[entry["property"]]

    def send(self, changed: str, value) -> tuple[float, dict]:
        component, prop = changed.rsplit(".", 1)
        for entry in self._entries():
            if entry["id"] == component and entry["property"] == prop:
                entry["value"] = value
        self.body["changedPropIds"] = [changed]
        elapsed, answer = post(self.server.url, self.body)
        self._apply(answer)
        return elapsed, answer

    def open_url(self, query: str) -> None:
        """What the page's first callback does: read the URL (ours; the naive app has no URL input)."""
        if any(e["id"] == "url" and e["property"] == "search" for e in self._entries()):
            self.send("url.search", query)

    def focus(self, region: str) -> tuple[float, dict]:
        return self.send("region-select.value", region)


# ---- the browser part -------------------------------------------------------------------------------------
INIT_JS = """(() => {
    const b = window.__bm = {pending: 0, lastEnd: 0, starts: [], afterplots: [], clickAt: null, drawnAt: 0};
    performance.setResourceTimingBufferSize(100000);
    const original = window.fetch;
    window.fetch = function (input, init) {
        const url = typeof input === 'string' ? input : (input && input.url) || '';
        if (!url.includes('_dash-update-component')) { return original.apply(this, arguments); }
        b.pending += 1; b.starts.push(performance.now());
        const done = () => { b.pending -= 1; b.lastEnd = performance.now(); };
        return original.apply(this, arguments).then(r => { done(); return r; }, e => { done(); throw e; });
    };
    document.addEventListener('pointerdown', e => {
        if (e.target.closest && e.target.closest('.dash-dropdown-option')) { b.clickAt = performance.now(); }
    }, true);
})();"""

# A chart is drawn once plotly has laid it out and drawn its traces: SVG groups, or the WebGL canvas that
# plotly express switches to for more than 1 000 points (the naive trend at 300 regions).
DRAWN_JS = """(g) => Boolean(g._fullLayout && g.data && g.data.length &&
    (g.querySelector('.trace') || (g._fullLayout._glcanvas && g.querySelector('canvas.gl-canvas'))))"""

LOAD_JS = f"""async ({{count, quiet, timeout}}) => {{
    const b = window.__bm, t0 = performance.now(), drawn = {DRAWN_JS};
    let since = null;
    while (performance.now() - t0 < timeout) {{
        await new Promise(r => setTimeout(r, 20));
        const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
        const ready = plots.length >= count && plots.every(drawn) && b.pending === 0 && b.starts.length > 0;
        if (!ready) {{ since = null; continue; }}
        if (since === null) {{ since = performance.now(); }}
        if (performance.now() - Math.max(since, b.lastEnd) >= quiet) {{
            return {{ms: Math.max(since, b.lastEnd), charts: plots.length, posts: b.starts.length}};
        }}
    }}
    return {{ms: null, charts: document.querySelectorAll('.js-plotly-plot').length, posts: b.starts.length}};
}}"""

ATTACH_JS = """() => {
    const b = window.__bm;
    document.querySelectorAll('.js-plotly-plot').forEach((g, i) => {
        if (g.__bmListening) { return; }
        g.__bmListening = true;
        const name = g.id || (g.parentElement && g.parentElement.id) || `plot${i}`;
        g.on('plotly_afterplot', () => b.afterplots.push([name, performance.now()]));
    });
    return document.querySelectorAll('.js-plotly-plot').length;
}"""

RESET_JS = """() => { const b = window.__bm; b.afterplots = []; b.starts = []; b.clickAt = null;
                      performance.clearResourceTimings(); }"""

SETTLE_JS = """async ({quiet, timeout}) => {
    const b = window.__bm, t0 = performance.now();
    while (performance.now() - t0 < timeout) {
        await new Promise(r => setTimeout(r, 20));
        if (b.clickAt === null || b.pending > 0) { continue; }
        const posts = b.starts.filter(s => s >= b.clickAt).length;
        const plots = b.afterplots.filter(a => a[1] >= b.clickAt);
        const lastPlot = plots.length ? Math.max(...plots.map(p => p[1])) : null;
        const quietFor = performance.now() - Math.max(b.lastEnd, lastPlot || 0);
        if (posts === 0 && performance.now() - b.clickAt < 5000) { continue; }
        if (quietFor < quiet || (lastPlot === null && quietFor < 5000)) { continue; }
        const net = performance.getEntriesByType('resource').filter(
            e => e.name.includes('_dash-update-component') && e.startTime >= b.clickAt - 1);
        return {ms: lastPlot === null ? null : lastPlot - b.clickAt, posts, plots: plots.length,
                charts: new Set(plots.map(p => p[0])).size,
                perChart: Object.fromEntries(plots.map(p => [p[0].replace('chart-', ''), p[1] - b.clickAt])),
                drawCounts: plots.reduce((c, p) => { c[p[0]] = (c[p[0]] || 0) + 1; return c; }, {}),
                firstPost: posts ? Math.min(...b.starts.filter(s => s >= b.clickAt)) - b.clickAt : null,
                responseEnd: net.length ? Math.max(...net.map(e => e.responseEnd)) - b.clickAt : null,
                serverWait: net.map(e => e.responseStart - e.requestStart),
                bytes: net.reduce((s, e) => s + e.transferSize, 0),
                bodyBytes: net.reduce((s, e) => s + e.decodedBodySize, 0)};
    }
    return {ms: null, posts: b.starts.filter(s => s >= (b.clickAt || 0)).length, timeout: true};
}"""


# Diagnosis after the clicks: each chart's figure as shown, drawn again from scratch in a scratch div of the
# same size (Plotly.newPlot until the next frame): the browser's own cost of each chart.
DRAW_JS = """async () => {
    const out = {};
    const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
    for (const [i, g] of plots.entries()) {
        const name = (g.id || (g.parentElement && g.parentElement.id) || `plot${i}`).replace('chart-', '');
        const div = document.createElement('div');
        div.style.width = `${g.clientWidth}px`; div.style.height = `${g.clientHeight}px`;
        document.body.appendChild(div);
        let data, layout;
        try { data = structuredClone(g.data); layout = structuredClone(g.layout); }
        catch (e) { out[name] = null; div.remove(); continue; }
        const config = {displayModeBar: false, topojsonURL: (g._context || {}).topojsonURL};
        const t0 = performance.now();
        await window.Plotly.newPlot(div, data, layout, config);
        await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
        out[name] = performance.now() - t0;
        window.Plotly.purge(div); div.remove();
    }
    return out;
}"""


@dataclass
class PageRun:
    name: str
    server: Server
    page: object
    seen_posts: list = field(default_factory=list)
    clicks: list[dict] = field(default_factory=list)
    load_ms: float | None = None
    template: str | None = None
    cpu_start: float = 0.0
    cpu_ms_per_change: float = float("nan")


def open_page(browser, name: str, server: Server, query: str = "") -> PageRun:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_init_script(INIT_JS)
    page = context.new_page()
    run = PageRun(name, server, page)

    def on_request(request):
        if request.method == "POST" and DISPATCH in request.url:
            run.seen_posts.append(request.post_data or "")

    page.on("request", on_request)
    page.goto(server.url + query)
    loaded = page.evaluate(LOAD_JS, {"count": 5, "quiet": 500, "timeout": 120000})
    run.load_ms = loaded["ms"]
    if loaded["ms"] is None:
        note(f"{name}: the page did not finish drawing its charts in 120 s ({loaded})")
    page.evaluate(ATTACH_JS)
    return run


def choose(run: PageRun, name: str, region: str) -> dict:
    page = run.page
    page.click("#region-select")
    page.fill(".dash-dropdown-content .dash-dropdown-search", name)
    option = page.locator(f'.dash-dropdown-option:has-text("{name}")').first
    option.wait_for(state="visible", timeout=10000)
    page.evaluate(RESET_JS)
    before = len(run.seen_posts)
    option.click()
    result = page.evaluate(SETTLE_JS, {"quiet": 300, "timeout": 60000})
    page.wait_for_timeout(50)  # let Playwright deliver the request events of this click
    result["seen_posts"] = len(run.seen_posts) - before
    bodies = run.seen_posts[before:]
    if run.template is None:
        run.template = next((b for b in bodies if "region-select.value" in b), None)
    shown = page.locator("#region-select").inner_text()
    result["ok"] = name in shown
    if not result["ok"]:
        note(f"{run.name}: after choosing {name!r} the dropdown shows {shown!r}")
    run.clicks.append(result)
    return result


def browser_compare(label: str, ours: Server, naive: Server, visits: list[tuple[str, str]], runs: int) -> dict:
    """Both pages open side by side; clicks alternate ours, naive, ours, ... Returns the PageRuns."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        pages = {"ours": open_page(browser, "ours", ours, OURS_QUERY), "naive": open_page(browser, "naive", naive)}
        for run in pages.values():
            run.cpu_start = run.server.cpu_ms()
        for region, name in visits[:runs]:
            for run in pages.values():
                choose(run, name, region)
        for run in pages.values():
            run.cpu_ms_per_change = (run.server.cpu_ms() - run.cpu_start) / len(run.clicks)
        draws = {}
        for key, run in pages.items():
            try:
                draws[key] = run.page.evaluate(DRAW_JS)
            except Exception as err:  # a diagnosis only
                draws[key] = {}
                note(f"{label}: {key}: redrawing the charts in a scratch div failed ({err})")
        browser.close()
    ours_run, naive_run = pages["ours"], pages["naive"]
    n = len(ours_run.clicks)
    row(f"{label}: first load, ms until all 5 charts drawn", f"{ours_run.load_ms or float('nan'):.0f}",
        f"{naive_run.load_ms or float('nan'):.0f}", ratio(ours_run.load_ms or 0, naive_run.load_ms or 0))
    times = {k: [c["ms"] for c in r.clicks if c.get("ms") is not None] for k, r in pages.items()}
    row(f"{label}: focus click -> last chart redrawn, median ms ({n} runs)", f"{med(times['ours']):.0f}",
        f"{med(times['naive']):.0f}", ratio(med(times["ours"]), med(times["naive"])))
    row(f"{label}:   same, slowest run, ms", f"{max(times['ours'], default=float('nan')):.0f}",
        f"{max(times['naive'], default=float('nan')):.0f}", "")
    response = {k: [c["responseEnd"] for c in r.clicks if c.get("responseEnd") is not None] for k, r in pages.items()}
    row(f"{label}:   of which click -> last response received, median ms", f"{med(response['ours']):.0f}",
        f"{med(response['naive']):.0f}", ratio(med(response["ours"]), med(response["naive"])))
    wait = {k: [sum(c.get("serverWait") or [0]) for c in r.clicks] for k, r in pages.items()}
    row(f"{label}:   of which server wait (request sent -> first byte), ms", f"{med(wait['ours']):.0f}",
        f"{med(wait['naive']):.0f}", ratio(med(wait["ours"]), med(wait["naive"])))
    posts = {k: [c["posts"] for c in r.clicks] for k, r in pages.items()}
    row(f"{label}: POSTs to _dash-update-component per click (min-max)",
        f"{min(posts['ours'])}-{max(posts['ours'])}", f"{min(posts['naive'])}-{max(posts['naive'])}", "")
    seen = {k: [c["seen_posts"] for c in r.clicks] for k, r in pages.items()}
    if seen["ours"] != posts["ours"] or seen["naive"] != posts["naive"]:
        note(f"{label}: POSTs counted by Playwright differ from the page's count: {seen} vs {posts}")
    redraws = {k: [c.get("charts", 0) for c in r.clicks] for k, r in pages.items()}
    row(f"{label}: charts redrawn per click (min-max)", f"{min(redraws['ours'])}-{max(redraws['ours'])}",
        f"{min(redraws['naive'])}-{max(redraws['naive'])}", "")
    size = {k: [c.get("bytes", 0) / 1000 for c in r.clicks] for k, r in pages.items()}
    body = {k: [c.get("bodyBytes", 0) / 1000 for c in r.clicks] for k, r in pages.items()}
    row(f"{label}: response per click, kB compressed / JSON",
        f"{med(size['ours']):.0f} / {med(body['ours']):.0f}", f"{med(size['naive']):.0f} / {med(body['naive']):.0f}",
        ratio(med(body["ours"]), med(body["naive"])))
    row(f"{label}: server CPU per focus change, ms", f"{ours_run.cpu_ms_per_change:.0f}",
        f"{naive_run.cpu_ms_per_change:.0f}", ratio(ours_run.cpu_ms_per_change, naive_run.cpu_ms_per_change))
    row(f"{label}: server RSS after the clicks, MB", f"{ours.rss_mb():.0f}", f"{naive.rss_mb():.0f}",
        ratio(ours.rss_mb(), naive.rss_mb()))
    per_chart = {k: {} for k in pages}
    for k, r in pages.items():
        for c in r.clicks:
            for chart, ms in (c.get("perChart") or {}).items():
                per_chart[k].setdefault(chart, []).append(ms)
    print(f"  {label}, per chart: median ms from the click to its last redraw (ours | naive): " + ", ".join(
        f"{chart} {med(per_chart['ours'].get(chart, [])):.0f} | {med(per_chart['naive'].get(chart, [])):.0f}"
        for chart in ("ranking", "map", "scatter", "shares", "trend")))
    print(f"  {label}, per chart: browser draw from scratch, ms (ours | naive): " + ", ".join(
        f"{chart} {draws['ours'].get(chart) or float('nan'):.0f} | {draws['naive'].get(chart) or float('nan'):.0f}"
        for chart in ("ranking", "map", "scatter", "shares", "trend")))
    plots = {k: [c.get("plots", 0) for c in r.clicks] for k, r in pages.items()}
    print(f"  {label}: plotly_afterplot events per click (ours | naive): {plots['ours']} | {plots['naive']}")
    twice = {k: sorted({chart for c in r.clicks for chart, n in (c.get("drawCounts") or {}).items() if n > 1})
             for k, r in pages.items()}
    if twice["ours"] or twice["naive"]:
        print(f"  {label}: charts drawn more than once after one click (ours | naive): {twice['ours']} | "
              f"{twice['naive']}")
    bad = [(k, i) for k, r in pages.items() for i, c in enumerate(r.clicks) if not c.get("ok") or c.get("ms") is None]
    if bad:
        note(f"{label}: clicks without a confirmed redraw: {bad}")
    return pages


# ---- direct POSTs -------------------------------------------------------------------------------------------
def bare_floor(tmp: Path, rounds: int) -> float:
    server = start("bare", "bare", None, tmp)
    body = {"output": "out.children", "outputs": {"id": "out", "property": "children"},
            "inputs": [{"id": "in", "property": "value", "value": "x"}], "changedPropIds": ["in.value"], "state": []}
    for _ in range(5):
        post(server.url, body)
    times = []
    for i in range(rounds):
        body["inputs"][0]["value"] = f"x{i}"
        times.append(post(server.url, body)[0])
    stop(server)
    row(f"floor: bare Dash callback returning a string, POST median ms ({rounds})", f"{med(times):.1f}")
    return med(times)


def replay(server: Server, template: str, regions: list[str], budget_s: float | None = None
           ) -> tuple[list[float], float, dict]:
    """Focus changes posted directly: round trips (ms), server CPU ms per change, the last answer.
    ``budget_s``: stop after the change that passes this many seconds (at least two changes)."""
    session = Session(server, template)
    session.open_url(OURS_QUERY)
    cpu, began = server.cpu_ms(), time.perf_counter()
    times, answer = [], {}
    for region in regions:
        elapsed, answer = session.focus(region)
        times.append(elapsed)
        if budget_s is not None and len(times) >= 2 and time.perf_counter() - began > budget_s:
            note(f"{server.name}: stopped after {len(times)} of {len(regions)} focus changes ({budget_s:.0f} s budget)")
            break
    return times, (server.cpu_ms() - cpu) / max(1, len(times)), answer


def replay_compare(label: str, pages: dict, regions: list[str], naive_regions: list[str], floor: float) -> None:
    ours, naive = pages["ours"], pages["naive"]
    if not ours.template or not naive.template:
        note(f"{label}: no focus-change request was recorded; replay skipped")
        return
    t_ours, cpu_ours, _ = replay(ours.server, ours.template, regions)
    t_naive, cpu_naive, _ = replay(naive.server, naive.template, naive_regions)
    row(f"{label}: focus change POSTed directly, round trip median ms", f"{med(t_ours):.0f}", f"{med(t_naive):.0f}",
        ratio(med(t_ours), med(t_naive)))
    row(f"{label}:   ours against the bare-callback floor", f"{med(t_ours):.1f}", f"{floor:.1f}",
        ratio(med(t_ours), floor))
    row(f"{label}:   server CPU per POSTed focus change, ms", f"{cpu_ours:.0f}", f"{cpu_naive:.0f}",
        ratio(cpu_ours, cpu_naive))


def answer_sizes(answer: dict, top: int = 8) -> str:
    sizes = sorted(((len(json.dumps(props, separators=(",", ":"))), component)
                    for component, props in answer.get("response", {}).items()), reverse=True)
    total = sum(s for s, _ in sizes)
    return f"{total / 1000:.0f} kB JSON: " + ", ".join(f"{c} {s / 1000:.0f} kB" for s, c in sizes[:top])


def memory_run(label: str, server: Server, template: str, regions: list[str], target_mb: float = 200) -> dict:
    before = server.rss_mb()
    times, cpu, answer = replay(server, template, regions)
    after = server.rss_mb()
    distinct = len(set(regions))
    row(f"{label}: our worker's RSS after {len(regions)} focus changes ({distinct} distinct), MB", f"{after:.0f}",
        f"{before:.0f} before", ratio(after, before))
    row(f"{label}:   growth over those changes, MB (issue: figure memory < {target_mb:.0f})", f"{after - before:.0f}",
        f"{target_mb:.0f} target", ratio(after - before, target_mb))
    row(f"{label}:   their round trip median / p95 ms, CPU ms per change",
        f"{med(times):.0f} / {statistics.quantiles(times, n=20)[-1]:.0f}" if len(times) > 2 else f"{med(times):.0f}",
        f"{cpu:.0f} CPU", "")
    return answer


# ---- where our server's time goes: each chart's build, in this process -----------------------------------------
def chart_costs(directory: Path, regions: list[str]) -> None:
    saved = {name: os.environ.get(name) for name in RAISED_LIMITS}
    os.environ.update(RAISED_LIMITS)
    try:
        from dashboard import callbacks
        from dashboard.components.kpi_card import kpi_row
        from dashboard.data.folders import load_data_folder
        from dashboard.url_state import from_query
        from dashboard.views import CHARTS

        dataset = load_data_folder(directory).dataset
        state, _ = from_query(dataset, OURS_QUERY)
        from dataclasses import replace

        print("\nour server, 300 regions: time of each part of the focus-change answer, in-process "
              f"(median of {len(regions) - 1} distinct focuses, after one warm-up; JSON as Dash encodes it)")
        print(f"{'part':40} {'build ms':>9} {'JSON ms':>9} {'kB JSON':>9}")
        parts = {view.name: (lambda s, v=view: callbacks._chart_parts(dataset, v, s)) for view in CHARTS}
        parts["kpi cards"] = lambda s: kpi_row(dataset, s)
        parts["region-select options"] = lambda s: callbacks.region_options(dataset)
        parts["peers-select options"] = lambda s: callbacks.peer_options(dataset)
        import plotly.io as pio
        from dash._utils import to_json

        pio.json.config.default_engine = "json"
        for name, build in parts.items():
            build(replace(state, focus=regions[-1]))
            times, encode, size = [], [], 0
            for region in regions[:-1]:
                began = time.perf_counter()
                out = build(replace(state, focus=region))
                times.append((time.perf_counter() - began) * 1000)
                began = time.perf_counter()
                size = len(to_json(out))
                encode.append((time.perf_counter() - began) * 1000)
            print(f"{name:40} {med(times):9.1f} {med(encode):9.1f} {size / 1000:9.0f}")
    except Exception as err:  # the app's internals move; this table is a diagnosis, not the benchmark
        print(f"(per-part timing skipped: {type(err).__name__}: {err})")
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


# ---- main ---------------------------------------------------------------------------------------------------
def default_limits_check(directory: Path) -> bool:
    """Does our loader take the folder with its default limits? (In this process: no BALTMET_ overrides.)
    False: it refused; the server is then started with RAISED_LIMITS."""
    from dashboard.data import DataValidationError
    from dashboard.data.folders import load_data_folder

    began = time.perf_counter()
    try:
        load_data_folder(directory)
        note(f"{directory.name}: loads with the default limits ({time.perf_counter() - began:.1f} s in this process)")
        return True
    except DataValidationError as err:
        note(f"{directory.name}: REFUSED by our loader with the default limits: "
             f"{'; '.join(str(p) for p in err.problems[:3])}. Served with raised limits "
             f"({', '.join(f'{k}={v}' for k, v in RAISED_LIMITS.items())})")
        return False


def visits_for(regions: int, runs: int) -> list[tuple[str, str]]:
    step = max(1, regions // (runs + 1))
    picked = [(i * step + 1) % regions for i in range(1, runs + 1)]
    return [(region_id(i, regions), region_name(i, regions)) for i in picked]


def main() -> None:
    parser = argparse.ArgumentParser(description="Focus-change benchmark: our app against the naive Dash app.")
    parser.add_argument("--quick", action="store_true", help="bundled and 300 regions only, fewer POSTs")
    parser.add_argument("--runs", type=int, default=7, help="focus changes per app and data size (at least 7)")
    parser.add_argument("--skip-3000", action="store_true", help="leave out the 3 000-region part")
    parser.add_argument("--serve", choices=("ours", "bare"), help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve_forever(args.serve, args.data, args.port)
        return
    runs = max(7, args.runs)
    began = time.perf_counter()
    print(f"machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores; "
          f"Chromium headless 1400x900; {runs} focus changes per app and data size, interleaved")
    print(f"{'figure':64} {'ours':>14} {'naive/base':>14} {'ratio':>8}")
    with tempfile.TemporaryDirectory(prefix="baltmet-interaction-") as name:
        tmp = Path(name)
        try:
            floor = bare_floor(tmp, 30 if args.quick else 100)

            # (a) the bundled data
            ours, naive = start("ours-bundled", "ours", None, tmp), start("naive-bundled", "naive", None, tmp)
            visits = [(r, n) for r, n in zip(BUNDLED_VISITS, ("Riga", "Oslo", "Berlin", "Warsaw", "Tallinn",
                                                              "Vilnius", "Stockholm", "Copenhagen", "Malmö",
                                                              "St. Petersburg"), strict=True)]
            if runs > len(visits):
                note(f"bundled: only {len(visits)} regions besides the first focus; {len(visits)} runs there")
            pages = browser_compare("bundled", ours, naive, visits, runs)
            regions = BUNDLED_VISITS * 3
            replay_compare("bundled", pages, regions[:30], regions[:7], floor)
            stop(ours, naive)

            # (b) 300 regions x 30 indicators x 25 years
            folder = tmp / "regions300"
            count = write_folder(folder, 300, 30, 25)
            note(f"300-region folder: {count:,} figures (test numbers)")
            loads = default_limits_check(folder)
            ours = start("ours-300", "ours", folder, tmp, raised=not loads)
            naive = start("naive-300", "naive", folder, tmp)
            row("300 regions: server start until the page answers, s", f"{ours.started_s:.1f}",
                f"{naive.started_s:.1f}", ratio(ours.started_s, naive.started_s))
            pages = browser_compare("300 regions", ours, naive, visits_for(300, runs), runs)
            all300 = [region_id(i, 300) for i in range(300)]
            replay_compare("300 regions", pages, all300[150:180], all300[150:157], floor)
            template = pages["ours"].template
            stop(naive)
            if template:
                n = 100 if args.quick else 400
                order = [all300[(i * 7) % 300] for i in range(n)]  # every region once, then again from the start
                answer = memory_run("300 regions", ours, template, order)
                note(f"300 regions: our focus-change answer: {answer_sizes(answer)}")
            stop(ours)
            if not args.quick:
                chart_costs(folder, all300[200:209])

            # (c) 3 000 regions: server only (direct POSTs of the recorded request)
            if not (args.quick or args.skip_3000) and template:
                folder = tmp / "regions3000"
                count = write_folder(folder, 3000, 30, 5, step=5)
                note(f"3 000-region folder: {count:,} figures (5 years, 2003-2023, test numbers)")
                loads = default_limits_check(folder)
                ours = start("ours-3000", "ours", folder, tmp, raised=not loads)
                naive = start("naive-3000", "naive", folder, tmp)
                row("3 000 regions: server start until the page answers, s", f"{ours.started_s:.1f}",
                    f"{naive.started_s:.1f}", ratio(ours.started_s, naive.started_s))
                naive_template = pages["naive"].template
                ids = [region_id(i, 3000) for i in range(0, 3000, 3000 // (runs + 1))][1:runs + 1]
                t_ours, cpu_ours, answer = replay(ours, template, ids, budget_s=90)
                t_naive, cpu_naive, _ = (replay(naive, naive_template, ids[:3], budget_s=30) if naive_template
                                         else ([], 0, {}))
                row(f"3 000 regions: focus change POSTed, round trip median ms ({len(t_ours)} / {len(t_naive)} runs)",
                    f"{med(t_ours):.0f}", f"{med(t_naive):.0f}", ratio(med(t_ours), med(t_naive)))
                row("3 000 regions:   server CPU per focus change, ms", f"{cpu_ours:.0f}", f"{cpu_naive:.0f}",
                    ratio(cpu_ours, cpu_naive))
                row("3 000 regions:   ours against the bare-callback floor", f"{med(t_ours):.0f}", f"{floor:.1f}",
                    ratio(med(t_ours), floor))
                row("3 000 regions: server RSS after those changes, MB", f"{ours.rss_mb():.0f}",
                    f"{naive.rss_mb():.0f}", ratio(ours.rss_mb(), naive.rss_mb()))
                note(f"3 000 regions: our focus-change answer: {answer_sizes(answer)}")
                stop(ours, naive)
        finally:
            stop(*list(RUNNING))
    print(f"\nfinished in {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
