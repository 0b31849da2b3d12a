"""Region profiles: how long a profile takes to build, beside what a focus change costs, and the booklet.

    .venv/bin/python benchmarks/profile.py        (about 30 s; needs Chromium for the PDFs)

- build_profile for each region and edition (every lookup cache cleared first), against the figure
  build of a focus change: the five charts of dashboard.views.CHARTS for the same focus, caches cleared
  the same way;
- one region's A4 page (two kaleido charts) and the 11-region booklet (target < 30 s).

Not a test: nothing fails on timing.
"""

from __future__ import annotations

import dataclasses
import functools
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dashboard.data import load_dataset  # noqa: E402
from dashboard.paths import BUNDLED_DATA_DIR  # noqa: E402
from dashboard.state import default_state  # noqa: E402

BOOKLET_TARGET = 30.0


def clear_caches() -> None:
    """Forget every memoised lookup of the app, so each build is measured from scratch."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("dashboard"):
            continue
        for value in vars(module).values():
            if isinstance(value, functools._lru_cache_wrapper):
                value.cache_clear()


def timed(work, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        clear_caches()
        start = time.perf_counter()
        work()
        samples.append(time.perf_counter() - start)
    return samples


def row(what: str, value: str, baseline: str = "", ratio: str = "") -> None:
    print(f"{what:58} {value:>12} {baseline:>12} {ratio:>8}", flush=True)


def main() -> None:
    from dashboard.profile import booklet_pdf, build_profile, profile_pdf
    from dashboard.views import CHARTS

    dataset = load_dataset(BUNDLED_DATA_DIR)
    regions = tuple(dataset.region_ids)
    print(f"machine: {platform.platform()}, Python {platform.python_version()}")
    print(f"{'figure':58} {'value':>12} {'baseline':>12} {'ratio':>8}")
    for edition in ("baltmet", "recent"):
        state = default_state(dataset, edition)
        profile_ms, charts_ms = [], []
        for region in regions:
            focus = dataclasses.replace(state, focus=region)
            build = functools.partial(build_profile, dataset, region, edition, regions)
            profile_ms += [t * 1000 for t in timed(build, 3)]
            charts_ms += [t * 1000 for t in timed(lambda s=focus: [v.build(dataset, s) for v in CHARTS], 3)]
        p, c = statistics.median(profile_ms), statistics.median(charts_ms)
        row(f"{edition}: build_profile, median ms (11 regions x 3)", f"{p:.1f}", f"{c:.1f}", f"{p / c:.2f}x")
    print("  baseline: a focus change's figure build, the 5 charts of views.CHARTS, caches cleared")
    start = time.perf_counter()
    profile_pdf(dataset, "riga", "recent", regions)
    row("one A4 page, first (starts kaleido's browser), s", f"{time.perf_counter() - start:.2f}")
    start = time.perf_counter()
    profile_pdf(dataset, "helsinki", "baltmet", regions)
    row("one A4 page, browser warm, s", f"{time.perf_counter() - start:.2f}")
    for edition in ("baltmet", "recent"):
        start = time.perf_counter()
        size = len(booklet_pdf(dataset, edition, regions))
        elapsed = time.perf_counter() - start
        row(f"{edition}: 11-region booklet (13 pages, {size / 1e6:.1f} MB), s", f"{elapsed:.2f}",
            f"{BOOKLET_TARGET:.2f} target", f"{elapsed / BOOKLET_TARGET:.2f}x")


if __name__ == "__main__":
    main()
