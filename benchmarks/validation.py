"""Validation of a large data folder: 100 000 figures read, checked and typed, against plain pandas.

    .venv/bin/python benchmarks/validation.py [ROWS]        (about 20 s)

Builds a complete data folder in a temporary directory (the bundled regions, indicators and sources;
territories and ROWS values made up so that every key is distinct), then times, best of three:
pandas.read_csv of values.csv (the baseline), the strict reader (reader.read_table), the checks alone
(validate.*) and load_dataset (read + check + Dataset). Not a test: nothing here fails on timing.
"""

from __future__ import annotations

import csv
import itertools
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dashboard.data import validate as v  # noqa: E402
from dashboard.data.loader import load_dataset  # noqa: E402
from dashboard.data.reader import read_table  # noqa: E402
from dashboard.data.schema import TERRITORIES, VALUES  # noqa: E402
from dashboard.data.territory_kinds import bundled_territory_kinds  # noqa: E402
from dashboard.paths import BUNDLED_DATA_DIR  # noqa: E402

YEARS = range(1990, 2031)


def build_folder(folder: Path, rows: int) -> Path:
    """A complete folder whose values.csv has ``rows`` figures with distinct keys."""
    for name in ("regions.csv", "indicators.csv", "sources.csv"):
        shutil.copy(BUNDLED_DATA_DIR / name, folder / name)
    regions = pd.read_csv(folder / "regions.csv", dtype=str)["region_id"].tolist()
    indicators = pd.read_csv(folder / "indicators.csv", dtype=str)
    source = pd.read_csv(folder / "sources.csv", dtype=str)["source_id"].iloc[0]
    kinds = list(bundled_territory_kinds().order)[:5]
    territories = [(f"{r}_{k}", r, k) for r in regions for k in kinds]
    with open(folder / TERRITORIES.file, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(TERRITORIES.names)
        writer.writerows([tid, r, k, f"{r} {k}", "made up for the benchmark", "", ""] for tid, r, k in territories)
    combos = itertools.product(territories, indicators.itertuples(index=False), YEARS, ("baltmet", "recent"))
    with open(folder / VALUES.file, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(VALUES.names)
        for n, ((tid, region, _), indicator, year, edition) in enumerate(itertools.islice(combos, rows)):
            value = 50 if indicator.kind == "percent" else 1000 + n
            writer.writerow([region, indicator.indicator_id, edition, year, "false", value, "", tid, "", "", "", source,
                             "benchmark figure"])
    return folder


def best_of(fn: Callable[[], object], runs: int = 3) -> tuple[float, float]:
    """(best wall time in s, peak traced memory in MB of the last run)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return min(times), peak


def checks(frame: pd.DataFrame, label: str) -> list:
    return v.check_header(frame, VALUES, label) + v.check_cells(frame, VALUES, label) + \
        v.check_unique(frame, VALUES, label)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = build_folder(Path(tmp), rows)
        values = folder / VALUES.file
        frame, problems = read_table(values, str(values))
        assert frame is not None and not problems, problems[:3]
        assert not checks(frame, str(values))
        dataset = load_dataset(folder)
        assert len(dataset.values) == rows
        baseline, base_mem = best_of(lambda: pd.read_csv(values, dtype=str, keep_default_na=False))
        print(f"{rows} figures, values.csv {values.stat().st_size / 2**20:.1f} MB\n")
        print(f"{'step':44} {'best of 3':>10} {'x read_csv':>10} {'peak MB':>8}")
        print(f"{'pandas.read_csv (baseline)':44} {baseline:>9.2f}s {1:>10.1f} {base_mem:>8.0f}")
        for what, fn in (("reader.read_table (bounded strict reader)", lambda: read_table(values, str(values))),
                         ("validate: header, cells, unique keys", lambda: checks(frame, str(values))),
                         ("load_dataset (read, check all, type, index)", lambda: load_dataset(folder))):
            seconds, memory = best_of(fn)
            print(f"{what:44} {seconds:>9.2f}s {seconds / baseline:>10.1f} {memory:>8.0f}")


if __name__ == "__main__":
    main()
