"""Synthetic data folders for benchmarks: N regions x M indicators x Y years of TEST NUMBERS.

    .venv/bin/python benchmarks/scale_data.py DIR [--regions 300] [--indicators 30] [--years 25]

The folder is complete (regions, indicators, territories, sources, values), so the app's loader reads it
as it reads data/. Every figure cites one source whose publisher and title say the numbers are made up.
Each region has one Eurostat-metro territory and every figure sits on it, so the app compares on one
basis. Regions are spread over the bundled countries and around the Baltic Sea so maps and shares look
like the real page's (not one pile of bubbles in one country). Indicators are the bundled ones, in order.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data"

REGION_HEADER = "region_id,name,country,country_name,lat,lon,eurostat_metro_code,capital,baltmet_inno_role\n"
TERRITORY_HEADER = "territory_id,region_id,kind,name,definition,eurostat_code,source_id\n"
VALUE_HEADER = ("region_id,indicator_id,edition,year,year_approx,value,qualifier,territory_id,territory,"
                "territory_type,source_id,note\n")
SOURCES_TEXT = ("source_id,publisher,title,url,accessed,kind\n"
                "synthetic,Benchmark generator (TEST NUMBERS),Synthetic test numbers: not statistics,,,secondary\n")
COUNTRIES = (("DE", "Germany"), ("DK", "Denmark"), ("FI", "Finland"), ("SE", "Sweden"), ("NO", "Norway"),
             ("LV", "Latvia"), ("RU", "Russia"), ("EE", "Estonia"), ("LT", "Lithuania"), ("PL", "Poland"))


def region_name(i: int, regions: int) -> str:
    width = max(3, len(str(regions - 1)))
    return f"Region {i:0{width}d}"


def region_id(i: int, regions: int) -> str:
    width = max(3, len(str(regions - 1)))
    return f"r{i:0{width}d}"


def bundled_indicators() -> list[dict[str, str]]:
    with (BUNDLED / "indicators.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def write_folder(directory: Path, regions: int = 300, indicators: int = 30, years: int = 25, step: int = 1) -> int:
    """Write the folder; returns the number of figures (rows of values.csv). ``years`` years ending in 2023,
    ``step`` apart (editions: up to 2010 ``baltmet``, later ``recent``)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "indicators.csv").write_bytes((BUNDLED / "indicators.csv").read_bytes())
    (directory / "sources.csv").write_text(SOURCES_TEXT, encoding="utf-8")
    chosen = bundled_indicators()[:indicators]
    region_lines, territory_lines, value_lines = [REGION_HEADER], [TERRITORY_HEADER], [VALUE_HEADER]
    span = [2023 - step * k for k in reversed(range(years))]
    for i in range(regions):
        rid, name = region_id(i, regions), region_name(i, regions)
        code, country = COUNTRIES[i % len(COUNTRIES)]
        lat, lon = 53.0 + (i * 37 % 1000) / 100, 9.0 + (i * 53 % 2100) / 100  # 53-63 N, 9-30 E
        region_lines.append(f"{rid},{name},{code},{country},{lat:.2f},{lon:.2f},{rid.upper()}MC,false,\n")
        territory = f"{rid}_metro"
        territory_lines.append(f"{territory},{rid},eurostat_metro,{name} (synthetic metro),"
                               f"Synthetic test territory,{rid.upper()}MC,synthetic\n")
        for indicator in chosen:
            iid, kind = indicator["indicator_id"], indicator["kind"]
            for y in span:
                value = (i * 7 + y) % 90 + 1 if kind == "percent" else (i % 97 + 1) * 1000 + (i * 13 + y) % 500
                edition = "baltmet" if y <= 2010 else "recent"
                value_lines.append(f"{rid},{iid},{edition},{y},false,{value},,{territory},{name},,synthetic,"
                                   "test number\n")
    (directory / "regions.csv").write_text("".join(region_lines), encoding="utf-8")
    (directory / "territories.csv").write_text("".join(territory_lines), encoding="utf-8")
    (directory / "values.csv").write_text("".join(value_lines), encoding="utf-8")
    return len(value_lines) - 1


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--regions", type=int, default=300)
    parser.add_argument("--indicators", type=int, default=30)
    parser.add_argument("--years", type=int, default=25)
    parser.add_argument("--step", type=int, default=1, help="years between two figures")
    args = parser.parse_args(argv)
    count = write_folder(args.directory, args.regions, args.indicators, args.years, args.step)
    print(f"{args.directory}: {args.regions} regions, {count:,} figures (test numbers)", file=sys.stderr)


if __name__ == "__main__":
    main()
