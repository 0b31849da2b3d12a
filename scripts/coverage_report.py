"""Print, per KPI and edition, the headline figures on each basis and how many come from official statistics.

    .venv/bin/python scripts/coverage_report.py [DATA_DIR] [--network baltmet|bsr]

What the issue tracker's targets count: the share of recent headline figures read at their publisher
(sources.csv kind 'official'), and the regions whose GDP has a population of the same territory and year.
"""

from __future__ import annotations

import sys
from collections import Counter

from dashboard.data import load_dataset
from dashboard.data.schema import BASES
from dashboard.measures import region_point
from dashboard.paths import BUNDLED_DATA_DIR


def main(directory: str, network: str = "") -> None:
    data = load_dataset(directory)
    regions = [r for r in data.region_ids if not network or data.region(r).get("network") == network]
    for edition in ("baltmet", "recent"):
        kinds: Counter = Counter()
        headline = set()
        for kpi in data.kpi_ids:
            default = data.default_basis(kpi, edition)
            for basis in BASES:
                shown = [data.figure(r, kpi, edition, basis=basis) for r in regions]
                shown = [f for f in shown if f is not None]
                mark = "*" if basis == default else " "
                print(f"{edition:8} {kpi:14} {mark}{basis:15} {len(shown):2} regions: "
                      + ", ".join(f"{f.region_id}={data.source(f.source_id)['kind'][:3]}" for f in shown))
                headline |= {(f.region_id, kpi, f.year, f.territory_id, f.source_id) for f in shown}
        for *_, source in headline:
            kinds[str(data.source(source)["kind"])] += 1
        total = sum(kinds.values())
        print(f"{edition}: {total} distinct headline figures over all bases; "
              + ", ".join(f"{k} {n} ({n / total:.0%})" for k, n in kinds.most_common()))
    per_head = [r for r in regions
                if region_point(data, r, "gdp", "recent", "per_capita", None, "reported").value is not None
                or any(region_point(data, r, "gdp", "recent", "per_capita", None, b).value is not None
                       for b in ("eurostat_metro", "city"))]
    metro = [r for r in regions
             if region_point(data, r, "gdp", "recent", "per_capita", None, "eurostat_metro").value is not None]
    print(f"recent GDP per inhabitant on Eurostat metropolitan regions: {len(metro)} of {len(regions)}")
    print(f"recent GDP per inhabitant (same territory and year): {len(per_head)} of {len(regions)}: "
          + ", ".join(per_head))


if __name__ == "__main__":
    args = sys.argv[1:]
    chosen = args[args.index("--network") + 1] if "--network" in args else ""
    folders = [a for i, a in enumerate(args) if not a.startswith("--") and (i == 0 or args[i - 1] != "--network")]
    main(folders[0] if folders else str(BUNDLED_DATA_DIR), chosen)
