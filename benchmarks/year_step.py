"""What a user waits for when the year moves one step: our timeline against the simple year-slider page, in Chromium.

    .venv/bin/python benchmarks/year_step.py                    (11 and 300 regions; ~4 minutes)
    .venv/bin/python benchmarks/year_step.py --sizes 11 --steps 6

Both apps are served as in production by gunicorn with the same workers, on the same synthetic folder
(benchmarks/scale_data.py: N regions x 30 indicators x 25 years, TEST NUMBERS; both show the recent edition,
2011-2023), as in benchmarks/interaction.py, whose servers and measuring scripts this reuses:
- ours: ``gunicorn app:server``, opened at ``?edition=recent&year=2011`` (the same year for all regions);
- naive: benchmarks/naive_timeline_app.py (a ``dcc.Slider`` and one callback drawing a plotly-express ranking,
  map and scatter of the year, and a line counting the regions).

In one headless Chromium (1400x900, HTTP cache disabled), both pages open until drawn; then, alternating ours /
naive, the slider's handle gets the focus and ArrowRight moves it one year (what a keyboard user, and our Play
button, does). Per step: from the keydown until every chart that shows the year has fired ``plotly_afterplot``
(ours: ranking, map, scatter, shares = 4; naive: 3) and the text that counts the regions has changed (ours:
the key figures' row, answered in the same response as the timeline's sentence; naive: its count line; Dash's
own loading flag on those elements does not count), once nothing has moved for 300 ms. Server CPU per step
(master + workers) and the answer's size beside it.

Not a test: nothing fails on timing; the script prints tables (README.md keeps the figures).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import interaction as bench
from scale_data import write_folder

QUERY = {"ours": "?edition=recent&year=2011", "naive": ""}
CHARTS = {"ours": 4, "naive": 3}
WATCHED = {"ours": "kpi-row", "naive": "year-count"}  # the text that changes with the year, besides the charts

KEY_JS = """() => { const b = window.__bm;
    document.addEventListener('keydown', e => {
        if (e.target.closest && e.target.closest('#year-slider')) { b.clickAt = performance.now(); }
    }, true); }"""

ATTACH_JS = """(watched) => {
    const b = window.__bm;
    document.querySelectorAll('.js-plotly-plot').forEach((g, i) => {
        if (g.__bmListening) { return; }
        g.__bmListening = true;
        const name = g.id || (g.parentElement && g.parentElement.id) || `plot${i}`;
        g.on('plotly_afterplot', () => b.afterplots.push([name, performance.now()]));
    });
    const box = document.getElementById(watched);
    // Dash's loading flag (data-dash-is-loading) is not a redraw anyone sees: the text's own changes count
    new MutationObserver(records => {
        if (records.some(r => r.attributeName !== 'data-dash-is-loading')) { b.cardsAt = performance.now(); }
    }).observe(
        box, {subtree: true, childList: true, characterData: true, attributes: true});
    return Boolean(box);
}"""


def attach(name: str):
    """After the page is drawn: the keydown that starts a step, every chart's redraw, the watched text's changes."""
    def on(page) -> None:
        page.evaluate(KEY_JS)
        if not page.evaluate(ATTACH_JS, WATCHED[name]):
            bench.note(f"{name}: #{WATCHED[name]} not found")
    return on


def open_page(browser, name: str, server: bench.Server) -> bench.PageRun:
    return bench.open_page(browser, name, server, QUERY[name], charts=5 if name == "ours" else 3,
                           attach=attach(name))


def step(run: bench.PageRun) -> dict:
    page = run.page
    handle = page.locator("#year-slider [role=slider]")
    handle.focus()
    page.evaluate(bench.RESET_JS)
    before = len(run.requests)
    page.keyboard.press("ArrowRight")
    result = page.evaluate(bench.SETTLE_JS, {"quiet": 300, "timeout": 90000, "expect": CHARTS[run.name]})
    page.wait_for_timeout(50)
    made = run.requests[before:]
    result["seen_posts"] = sum(1 for method, url in made if method == "POST" and bench.DISPATCH in url)
    result["other_requests"] = [url.split("/", 3)[-1] for method, url in made if bench.DISPATCH not in url]
    result["ok"] = result.get("ms") is not None
    result["year"] = handle.get_attribute("aria-valuenow")
    run.clicks.append(result)
    return result


def compare(label: str, ours: bench.Server, naive: bench.Server, steps: int) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=bench.CHROMIUM,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        pages = {"ours": open_page(browser, "ours", ours), "naive": open_page(browser, "naive", naive)}
        # the naive page starts at its last year: one step back to the first, not measured, then the same steps
        naive_handle = pages["naive"].page.locator("#year-slider [role=slider]")
        naive_handle.focus()
        pages["naive"].page.keyboard.press("Home")
        pages["naive"].page.wait_for_timeout(3000)
        for run in pages.values():
            run.cpu_start = run.server.cpu_ms()
        for _ in range(steps):
            for run in pages.values():
                step(run)
        for run in pages.values():
            run.cpu_ms_per_change = (run.server.cpu_ms() - run.cpu_start) / len(run.clicks)
        years = {k: [c.get("year") for c in r.clicks] for k, r in pages.items()}
        print(f"  {label}: years stepped to (ours | naive): {years['ours']} | {years['naive']}")
        browser.close()
    ours_run, naive_run = pages["ours"], pages["naive"]
    times = {k: [c["ms"] for c in r.clicks if c.get("ms") is not None] for k, r in pages.items()}
    bench.row(f"{label}: year step -> every chart and count redrawn, median ms ({steps})",
              f"{bench.med(times['ours']):.0f}", f"{bench.med(times['naive']):.0f}",
              bench.ratio(bench.med(times["ours"]), bench.med(times["naive"])))
    response = {k: [c["responseEnd"] for c in r.clicks if c.get("responseEnd") is not None] for k, r in pages.items()}
    bench.row(f"{label}:   of which step -> last answer received, median ms", f"{bench.med(response['ours']):.0f}",
              f"{bench.med(response['naive']):.0f}", bench.ratio(bench.med(response["ours"]),
                                                                  bench.med(response["naive"])))
    bench.row(f"{label}: server CPU per step (master + workers), ms", f"{ours_run.cpu_ms_per_change:.0f}",
              f"{naive_run.cpu_ms_per_change:.0f}", bench.ratio(ours_run.cpu_ms_per_change,
                                                                naive_run.cpu_ms_per_change))
    body = {k: [c.get("bodyBytes", 0) / 1000 for c in r.clicks] for k, r in pages.items()}
    bench.row(f"{label}: answer per step, kB JSON", f"{bench.med(body['ours']):.0f}",
              f"{bench.med(body['naive']):.0f}", bench.ratio(bench.med(body["ours"]), bench.med(body["naive"])))
    print(f"  {label}: every step, ms (ours | naive): {[round(t) for t in times['ours']]} | "
          f"{[round(t) for t in times['naive']]}")
    for k in pages:
        per_chart: dict[str, list[float]] = {}
        for c in pages[k].clicks:
            for chart, ms in (c.get("perChart") or {}).items():
                per_chart.setdefault(chart, []).append(ms)
        print(f"  {label}: {k}: per chart, median ms from the step to its last redraw: "
              + ", ".join(f"{chart} {bench.med(v):.0f}" for chart, v in per_chart.items()))
    bad = [(k, i) for k, r in pages.items() for i, c in enumerate(r.clicks) if not c.get("ok")]
    if bad:
        bench.note(f"{label}: steps without every chart and count redrawn: {bad}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Year-step benchmark in Chromium: our timeline against a naive page.")
    parser.add_argument("--sizes", default="11,300")
    parser.add_argument("--steps", type=int, default=8, help="year steps per app and size (at most 12)")
    args = parser.parse_args()
    steps = max(3, min(12, args.steps))
    began = time.perf_counter()
    print(f"machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores; "
          f"Chromium headless 1400x900, cache disabled; gunicorn -w {bench.workers()} for both; {steps} year steps "
          f"per app and size, interleaved")
    print(f"{'figure':64} {'ours':>14} {'naive':>14} {'ratio':>8}")
    with tempfile.TemporaryDirectory(prefix="baltmet-years-") as name:
        tmp = Path(name)
        try:
            for size in (int(s) for s in args.sizes.split(",") if s.strip()):
                label = f"{size:,} regions".replace(",", " ")
                folder = tmp / f"regions{size}"
                write_folder(folder, size, 30, 25)
                ours = bench.start(f"ours-{size}", "ours", folder, tmp)
                naive = bench.start(f"naive-{size}", "naive-timeline", folder, tmp)
                compare(label, ours, naive, steps)
                bench.stop(ours, naive)
        finally:
            bench.stop(*list(bench.RUNNING))
    print(f"\nfinished in {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
