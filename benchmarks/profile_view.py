"""Profile tab against the dashboard: choose a new focus in each (interleaved, headless Chromium), time until
the profile shows the region (plus 600 ms settle) vs until the last chart redraws. Needs the app running:
    .venv/bin/python app.py --port 8061 &   .venv/bin/python benchmarks/profile_view.py
Not a test: it prints a ratio (issue target: profile <= 1.2x a focus change)."""
import statistics

from playwright.sync_api import sync_playwright

REG = ["Riga", "Oslo", "Tallinn", "Vilnius", "Warsaw", "Berlin", "Malmö", "Stockholm"]
def pick(pg, name):
    pg.click("#region-select"); pg.keyboard.type(name); pg.click(f".dash-dropdown-option:has-text('{name}')")
with sync_playwright() as p:
    b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    prof = b.new_page(viewport={"width": 1400, "height": 900}); prof.goto("http://127.0.0.1:8061/?tab=profile&edition=recent")
    dash = b.new_page(viewport={"width": 1400, "height": 900}); dash.goto("http://127.0.0.1:8061/?edition=recent")
    prof.wait_for_selector("#profile-view article"); dash.wait_for_timeout(4000)
    dash.evaluate("""() => { window.__m = []; document.querySelectorAll('.js-plotly-plot').forEach(g => g.on('plotly_afterplot', () => window.__m.push(performance.now()))); }""")
    tp, td = [], []
    for name in REG:
        t0 = prof.evaluate("performance.now()"); pick(prof, name)
        prof.wait_for_function(f"() => document.querySelector('#profile-view h2') && document.querySelector('#profile-view h2').textContent.startsWith('{name}')")
        prof.wait_for_timeout(600)
        tp.append(prof.evaluate("performance.now()") - t0 - 600)
        dash.evaluate("window.__m = []"); t0 = dash.evaluate("performance.now()"); pick(dash, name)
        dash.wait_for_function(f"() => document.querySelector('#region-heading h1').textContent.startsWith('{name}')"); dash.wait_for_timeout(800)
        td.append(max(dash.evaluate("window.__m") or [t0]) - t0)
    print("profile", statistics.median(tp), "dashboard", statistics.median(td), "ratio", statistics.median(tp)/statistics.median(td), len(REG))
    b.close()
