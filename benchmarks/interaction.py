"""What a user waits for when changing the focus region: our app against the simple Dash page, in Chromium.

    .venv/bin/python benchmarks/interaction.py                      (11, 300 and 3 000 regions; ~15 minutes)
    .venv/bin/python benchmarks/interaction.py --sizes 11,300       (quick: ~4 minutes)

Both apps are served as in production, by gunicorn with the same number of workers (``BALTMET_WORKERS``,
default gunicorn.conf.py's 2 per core), on the same synthetic data folder (benchmarks/scale_data.py: N
regions x 30 indicators x 25 years, 1999-2023, TEST NUMBERS; both pages show the recent edition, 2011-2023):
- ours: ``gunicorn app:server`` from the project folder, reading gunicorn.conf.py (data loaded before the
  workers fork), ``BALTMET_DATA_DIR`` set to the folder, opened at ``?edition=recent``; the export service
  off (``BALTMET_EXPORT_SERVICE=0``: no image is asked for here, and its browser would share the cores);
- naive: benchmarks/naive_app.py (one callback, plotly express, a pre-indexed pandas DataFrame; three
  charts and five cards), ``gunicorn --preload`` with the same workers and timeout.

In one headless Chromium (1400x900, HTTP cache disabled) both pages are opened, each until every chart is
drawn and no callback is pending; then, alternating ours / naive, the focus moves to a region not visited
before by choosing it in ``#region-select``. Per click: time from the option's pointerdown until every
chart (ours 5, naive 3) has fired ``plotly_afterplot`` and the cards (``#kpi-row``) have changed, once
nothing has moved for 300 ms (the time of the last redraw, not of the quiet); POSTs to
``_dash-update-component`` and other requests; answer bytes; per app the CPU time of gunicorn's master and
workers over all clicks / clicks, and their proportional memory (PSS) afterwards.

Not a test: nothing fails on timing; the script prints tables (README.md keeps the figures).
"""

from __future__ import annotations

import argparse
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_data import region_id, region_name, write_folder  # noqa: E402

BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
CLK_TCK = os.sysconf("SC_CLK_TCK")
DISPATCH = "_dash-update-component"
# Limits of our loader raised for the synthetic folders only (each is a documented BALTMET_MAX_* setting);
# the script first says whether the folder loads with the defaults.
RAISED_LIMITS = {"BALTMET_MAX_ROWS": "5000000", "BALTMET_MAX_CELLS": "100000000",
                 "BALTMET_MAX_FILE_BYTES": "1000000000", "BALTMET_MAX_READ_SECONDS": "600"}
OURS_QUERY = "?edition=recent"
CHARTS = {"ours": 5, "naive": 3}

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


# ---- the servers: gunicorn, as in production -----------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(c) for c in text.split()]


@dataclass
class Server:
    name: str
    proc: subprocess.Popen
    url: str
    log: Path
    started_s: float = 0.0

    def pids(self) -> list[int]:
        """gunicorn's master and its workers (and anything they started)."""
        found, todo = [], [self.proc.pid]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo += _children(pid)
        return found

    def cpu_ms(self) -> float:
        """CPU time of the master and the live workers (utime + stime, all threads)."""
        total = 0
        for pid in self.pids():
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()  # fields[0] is field 3 (state)
            total += int(fields[11]) + int(fields[12])
        return total * 1000 / CLK_TCK

    def pss_mb(self) -> float:
        """Proportional set size of the master and workers: shared (forked) pages counted once in all."""
        total = 0
        for pid in self.pids():
            try:
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
            except OSError:
                continue
        return total / 1024

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()  # gunicorn's master stops its workers
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()


RUNNING: list[Server] = []


def workers() -> int:
    return int(os.environ.get("BALTMET_WORKERS", 2 * (os.cpu_count() or 1)))


def start(name: str, kind: str, data: Path, tmp: Path, raised: bool = False) -> Server:
    port = free_port()
    env = {**os.environ, **(RAISED_LIMITS if raised else {}), "BALTMET_WORKERS": str(workers())}
    if kind.startswith("naive"):  # run from benchmarks/, so gunicorn does not read the project's gunicorn.conf.py
        module = "naive_timeline_app" if kind == "naive-timeline" else "naive_app"  # (benchmarks/year_step.py)
        cmd = [str(BIN / "gunicorn"), "-w", str(workers()), "--preload", "--timeout", "60",
               "-b", f"127.0.0.1:{port}", f"{module}:server_from_env()"]
        env["NAIVE_DATA_DIR"] = str(data)
        cwd = ROOT / "benchmarks"
    else:
        cmd = [str(BIN / "gunicorn"), "app:server"]
        env.update({"BALTMET_DATA_DIR": str(data), "BALTMET_BIND": f"127.0.0.1:{port}",
                    "BALTMET_EXPORT_SERVICE": "0"})
        cwd = ROOT
    log = tmp / f"{name}-{port}.log"
    with log.open("w") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, env=env, cwd=cwd)
    server = Server(name, proc, f"http://127.0.0.1:{port}/", log)
    RUNNING.append(server)
    began = time.perf_counter()
    while time.perf_counter() - began < 300:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited ({proc.returncode}):\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(server.url, timeout=30) as response:
                if response.status == 200:
                    server.started_s = time.perf_counter() - began
                    return server
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{name} did not answer within 300 s")


def stop(*servers: Server) -> None:
    for server in servers:
        server.stop()
        if server in RUNNING:
            RUNNING.remove(server)


# ---- the browser part -------------------------------------------------------------------------------------
INIT_JS = """(() => {
    const b = window.__bm = {pending: 0, lastEnd: 0, starts: [], afterplots: [], clickAt: null, cardsAt: 0};
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
# plotly express switches to for more than 1 000 points.
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

# Every chart's redraw (plotly_afterplot) and any change inside the cards' row (a MutationObserver).
ATTACH_JS = """() => {
    const b = window.__bm;
    document.querySelectorAll('.js-plotly-plot').forEach((g, i) => {
        if (g.__bmListening) { return; }
        g.__bmListening = true;
        const name = g.id || (g.parentElement && g.parentElement.id) || `plot${i}`;
        g.on('plotly_afterplot', () => b.afterplots.push([name, performance.now()]));
    });
    const cards = document.getElementById('kpi-row');
    if (cards && !cards.__bmObserved) {
        cards.__bmObserved = true;
        // Dash's loading flag (data-dash-is-loading) is not a redraw anyone sees: the cards' own changes count
        // (as in year_step.py), on both pages
        new MutationObserver(records => {
            if (records.some(r => r.attributeName !== 'data-dash-is-loading')) { b.cardsAt = performance.now(); }
        }).observe(cards, {subtree: true, childList: true, characterData: true, attributes: true});
    }
    return {charts: document.querySelectorAll('.js-plotly-plot').length, cards: Boolean(cards)};
}"""

RESET_JS = """() => { const b = window.__bm; b.afterplots = []; b.starts = []; b.clickAt = null; b.cardsAt = 0;
                      performance.clearResourceTimings(); }"""

# Settled: every chart redrawn and the cards changed (or ``timeout`` * 0.8 passed), no request pending,
# nothing moved for ``quiet`` ms. ms: the click until the last redraw or card change.
SETTLE_JS = """async ({quiet, timeout, expect}) => {
    const b = window.__bm, t0 = performance.now();
    while (performance.now() - t0 < timeout) {
        await new Promise(r => setTimeout(r, 20));
        if (b.clickAt === null || b.pending > 0) { continue; }
        const now = performance.now();
        const posts = b.starts.filter(s => s >= b.clickAt).length;
        const plots = b.afterplots.filter(a => a[1] >= b.clickAt);
        const charts = new Set(plots.map(p => p[0])).size;
        const cards = b.cardsAt >= b.clickAt ? b.cardsAt : null;
        const complete = charts >= expect && cards !== null;
        if (!complete && now - b.clickAt < timeout * 0.8) { continue; }
        const last = Math.max(cards || 0, ...plots.map(p => p[1]));
        if (now - Math.max(b.lastEnd, last) < quiet) { continue; }
        const net = performance.getEntriesByType('resource').filter(
            e => e.name.includes('_dash-update-component') && e.startTime >= b.clickAt - 1);
        return {ms: complete ? last - b.clickAt : null, complete, posts, plots: plots.length, charts,
                cards: cards === null ? null : cards - b.clickAt,
                perChart: Object.fromEntries(plots.map(p => [p[0].replace('chart-', ''), p[1] - b.clickAt])),
                drawCounts: plots.reduce((c, p) => { c[p[0]] = (c[p[0]] || 0) + 1; return c; }, {}),
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
    requests: list = field(default_factory=list)  # (method, url) of every request the page made
    clicks: list[dict] = field(default_factory=list)
    load_ms: float | None = None
    cpu_start: float = 0.0
    cpu_ms_per_change: float = float("nan")


def open_page(browser, name: str, server: Server, query: str = "", charts: int | None = None,
              attach=None) -> PageRun:
    """The page open in a fresh context (cache off) until its ``charts`` (default CHARTS[name]) are drawn, then
    ``attach(page)`` (default: ATTACH_JS, every chart's redraw and the cards' changes recorded)."""
    charts = CHARTS[name] if charts is None else charts
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_init_script(INIT_JS)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    run = PageRun(name, server, page)
    page.on("request", lambda request: run.requests.append((request.method, request.url)))
    page.goto(server.url + query)
    loaded = page.evaluate(LOAD_JS, {"count": charts, "quiet": 500, "timeout": 300000})
    run.load_ms = loaded["ms"]
    if loaded["ms"] is None:
        note(f"{name}: the page did not finish drawing its charts in 300 s ({loaded})")
    if attach is not None:
        attach(page)
        return run
    attached = page.evaluate(ATTACH_JS)
    if attached["charts"] != CHARTS[name] or not attached["cards"]:
        note(f"{name}: {attached['charts']} charts (expected {CHARTS[name]}), cards row found: {attached['cards']}")
    return run


def choose(run: PageRun, name: str) -> dict:
    page = run.page
    page.click("#region-select")
    page.fill(".dash-dropdown-content .dash-dropdown-search", name)
    option = page.locator(f'.dash-dropdown-option:has-text("{name}")').first
    option.wait_for(state="visible", timeout=30000)
    page.evaluate(RESET_JS)
    before = len(run.requests)
    option.click()
    result = page.evaluate(SETTLE_JS, {"quiet": 300, "timeout": 90000, "expect": CHARTS[run.name]})
    page.wait_for_timeout(50)  # let Playwright deliver the request events of this click
    made = run.requests[before:]
    result["seen_posts"] = sum(1 for method, url in made if method == "POST" and DISPATCH in url)
    result["other_requests"] = [url.split("/", 3)[-1] for method, url in made if DISPATCH not in url]
    shown = page.locator("#region-select").inner_text()
    result["ok"] = name in shown
    if not result["ok"]:
        note(f"{run.name}: after choosing {name!r} the dropdown shows {shown!r}")
    run.clicks.append(result)
    return result


def browser_compare(label: str, ours: Server, naive: Server, visits: list[str]) -> dict:
    """Both pages open side by side; clicks alternate ours, naive, ours, ... Returns the PageRuns."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        pages = {"ours": open_page(browser, "ours", ours, OURS_QUERY), "naive": open_page(browser, "naive", naive)}
        for run in pages.values():
            run.cpu_start = run.server.cpu_ms()
        for name in visits:
            for run in pages.values():
                choose(run, name)
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
    report(label, pages, draws, ours, naive)
    return pages


def report(label: str, pages: dict, draws: dict, ours: Server, naive: Server) -> None:
    ours_run, naive_run = pages["ours"], pages["naive"]
    n = len(ours_run.clicks)
    row(f"{label}: first load, ms until every chart drawn", f"{ours_run.load_ms or float('nan'):.0f}",
        f"{naive_run.load_ms or float('nan'):.0f}", ratio(ours_run.load_ms or 0, naive_run.load_ms or 0))
    times = {k: [c["ms"] for c in r.clicks if c.get("ms") is not None] for k, r in pages.items()}
    row(f"{label}: click -> every chart and card redrawn, median ms ({n})", f"{med(times['ours']):.0f}",
        f"{med(times['naive']):.0f}", ratio(med(times["ours"]), med(times["naive"])))
    row(f"{label}:   same, first click (a fresh worker), ms",
        f"{times['ours'][0] if times['ours'] else float('nan'):.0f}",
        f"{times['naive'][0] if times['naive'] else float('nan'):.0f}", "")
    row(f"{label}:   same, slowest click, ms", f"{max(times['ours'], default=float('nan')):.0f}",
        f"{max(times['naive'], default=float('nan')):.0f}", "")
    response = {k: [c["responseEnd"] for c in r.clicks if c.get("responseEnd") is not None] for k, r in pages.items()}
    row(f"{label}:   of which click -> last answer received, median ms", f"{med(response['ours']):.0f}",
        f"{med(response['naive']):.0f}", ratio(med(response["ours"]), med(response["naive"])))
    wait = {k: [sum(c.get("serverWait") or [0]) for c in r.clicks] for k, r in pages.items()}
    row(f"{label}:   of which server wait (request sent -> first byte), ms", f"{med(wait['ours']):.0f}",
        f"{med(wait['naive']):.0f}", ratio(med(wait["ours"]), med(wait["naive"])))
    row(f"{label}: server CPU per focus change (master + workers), ms", f"{ours_run.cpu_ms_per_change:.0f}",
        f"{naive_run.cpu_ms_per_change:.0f}", ratio(ours_run.cpu_ms_per_change, naive_run.cpu_ms_per_change))
    posts = {k: [c.get("seen_posts", 0) for c in r.clicks] for k, r in pages.items()}
    row(f"{label}: POSTs per click (min-max)", f"{min(posts['ours'])}-{max(posts['ours'])}",
        f"{min(posts['naive'])}-{max(posts['naive'])}", "")
    other = {k: [len(c.get("other_requests") or []) for c in r.clicks] for k, r in pages.items()}
    row(f"{label}: other requests per click (min-max)", f"{min(other['ours'])}-{max(other['ours'])}",
        f"{min(other['naive'])}-{max(other['naive'])}", "")
    for k, r in pages.items():
        urls = sorted({u for c in r.clicks for u in c.get("other_requests") or []})
        if urls:
            note(f"{label}: {k}: other requests after clicks: {', '.join(urls[:6])}")
    redraws = {k: [c.get("charts", 0) for c in r.clicks] for k, r in pages.items()}
    row(f"{label}: charts redrawn per click (min-max)", f"{min(redraws['ours'])}-{max(redraws['ours'])}",
        f"{min(redraws['naive'])}-{max(redraws['naive'])}", "")
    size = {k: [c.get("bytes", 0) / 1000 for c in r.clicks] for k, r in pages.items()}
    body = {k: [c.get("bodyBytes", 0) / 1000 for c in r.clicks] for k, r in pages.items()}
    row(f"{label}: answer per click, kB transferred / JSON",
        f"{med(size['ours']):.0f} / {med(body['ours']):.0f}", f"{med(size['naive']):.0f} / {med(body['naive']):.0f}",
        ratio(med(body["ours"]), med(body["naive"])))
    row(f"{label}: server memory after the clicks (PSS, master + workers), MB", f"{ours.pss_mb():.0f}",
        f"{naive.pss_mb():.0f}", ratio(ours.pss_mb(), naive.pss_mb()))
    print(f"  {label}: click -> done, every click, ms (ours | naive): "
          f"{[round(t) for t in times['ours']]} | {[round(t) for t in times['naive']]}")
    cards = {k: [c.get("cards") for c in r.clicks if c.get("cards") is not None] for k, r in pages.items()}
    print(f"  {label}: click -> cards changed, median ms (ours | naive): {med(cards['ours']):.0f} | "
          f"{med(cards['naive']):.0f}")
    for k in pages:
        per_chart: dict[str, list[float]] = {}
        for c in pages[k].clicks:
            for chart, ms in (c.get("perChart") or {}).items():
                per_chart.setdefault(chart, []).append(ms)
        print(f"  {label}: {k}: per chart, median ms from the click to its last redraw: "
              + ", ".join(f"{chart} {med(v):.0f}" for chart, v in per_chart.items())
              + "; drawn from scratch: " + ", ".join(f"{chart} {ms or float('nan'):.0f}"
                                                      for chart, ms in draws.get(k, {}).items()))
    twice = {k: sorted({chart for c in r.clicks for chart, n in (c.get("drawCounts") or {}).items() if n > 1})
             for k, r in pages.items()}
    if twice["ours"] or twice["naive"]:
        print(f"  {label}: charts drawn more than once after one click (ours | naive): {twice['ours']} | "
              f"{twice['naive']}")
    bad = [(k, i) for k, r in pages.items() for i, c in enumerate(r.clicks) if not c.get("ok") or c.get("ms") is None]
    if bad:
        note(f"{label}: clicks without every chart and card redrawn: {bad}")


# ---- where our server's time goes: each part of the answer, in this process (--parts) ---------------------------
def chart_costs(directory: Path, label: str, regions: list[str]) -> None:
    saved = {name: os.environ.get(name) for name in RAISED_LIMITS}
    os.environ.update(RAISED_LIMITS)
    try:
        from dataclasses import replace

        import plotly.io as pio
        from dash._utils import to_json

        from dashboard import callbacks
        from dashboard.components.kpi_card import kpi_row
        from dashboard.data.folders import load_data_folder
        from dashboard.url_state import from_query
        from dashboard.views import CHARTS as VIEWS

        dataset = load_data_folder(directory).dataset
        state, _ = from_query(dataset, OURS_QUERY)
        print(f"\nour server, {label}: time of each part of the focus-change answer, in-process "
              f"(median of {len(regions) - 1} distinct focuses, after one warm-up; JSON as Dash encodes it)")
        print(f"{'part':40} {'build ms':>9} {'JSON ms':>9} {'kB JSON':>9}")
        parts = {view.name: (lambda s, v=view: callbacks._chart_parts(dataset, v, s)) for view in VIEWS}
        parts["kpi cards"] = lambda s: kpi_row(dataset, s)
        parts["index trend (measure = index)"] = lambda s: callbacks._chart_parts(
            dataset, VIEWS.by_name("trend"), replace(s, measure="index"))
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


def visits_for(regions: int, runs: int) -> list[str]:
    """``runs`` region names spread over the folder, none the first focus (region 0)."""
    step = max(1, (regions - 1) // (runs + 1))
    picked = [1 + (i * step) % (regions - 1) for i in range(1, runs + 1)]
    return [region_name(i, regions) for i in picked]


def main() -> None:
    parser = argparse.ArgumentParser(description="Focus-change benchmark in Chromium: our app against the naive page.")
    parser.add_argument("--sizes", default="11,300,3000", help="numbers of regions, comma-separated")
    parser.add_argument("--runs", type=int, default=7, help="focus changes per app and size (at least 5)")
    parser.add_argument("--years", type=int, default=25)
    parser.add_argument("--parts", action="store_true", help="also time each part of our answer in-process")
    args = parser.parse_args()
    runs = max(5, args.runs)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    began = time.perf_counter()
    print(f"machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores; "
          f"Chromium headless 1400x900, cache disabled; gunicorn -w {workers()} for both; {runs} focus changes "
          f"per app and size, interleaved")
    print(f"{'figure':64} {'ours':>14} {'naive':>14} {'ratio':>8}")
    with tempfile.TemporaryDirectory(prefix="baltmet-interaction-") as name:
        tmp = Path(name)
        try:
            for size in sizes:
                label = f"{size:,} regions".replace(",", " ")
                folder = tmp / f"regions{size}"
                count = write_folder(folder, size, 30, args.years)
                note(f"{label}: {count:,} figures ({size} x 30 indicators x {args.years} years, test numbers)")
                loads = default_limits_check(folder)
                ours = start(f"ours-{size}", "ours", folder, tmp, raised=not loads)
                naive = start(f"naive-{size}", "naive", folder, tmp)
                row(f"{label}: server start until the page answers, s", f"{ours.started_s:.1f}",
                    f"{naive.started_s:.1f}", ratio(ours.started_s, naive.started_s))
                row(f"{label}: server memory before the first page (PSS), MB", f"{ours.pss_mb():.0f}",
                    f"{naive.pss_mb():.0f}", ratio(ours.pss_mb(), naive.pss_mb()))
                browser_compare(label, ours, naive, visits_for(size, runs))
                stop(ours, naive)
                if args.parts:
                    chart_costs(folder, label, [region_id(i, size) for i in range(1, min(size, 10))])
        finally:
            stop(*list(RUNNING))
    print(f"\nfinished in {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
