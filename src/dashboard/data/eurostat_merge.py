"""Eurostat imports merged into a data folder: how the bundled tables are rebuilt from the stored files.

For each series (region, indicator, edition, territory) an import covers, the import's figures are the
series: every other figure of that series goes (a third party's transcription of some Eurostat vintage, or
an earlier import), because a line never joins two vintages or publishers. Figures of other territories,
and series the import does not cover (employment, where no official file is at hand), stay as they are.
Sources no row cites any more are dropped; gaps a figure now fills are removed. Every change is counted.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from dashboard.data.limits import read_regular_file

SERIES = ("region_id", "indicator_id", "edition", "territory_id")
ORDER = ("region_id", "indicator_id", "edition", "year", "territory_id")


@dataclass(frozen=True)
class MergeReport:
    added: int
    replaced: int  # figures of covered series that were not the import's
    sources_dropped: tuple[str, ...]
    gaps_filled: int


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    if not path.exists():
        return [], []
    reader = csv.DictReader(io.StringIO(read_regular_file(path, str(path)).decode("utf-8-sig"), newline=""))
    return list(reader.fieldnames or []), [{k: v or "" for k, v in row.items() if k is not None} for row in reader]


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _text(row: dict) -> dict[str, str]:
    return {k: "" if v is None else str(v) for k, v in row.items()}


def _order(row: dict[str, str]) -> tuple:
    return tuple(int(row[k]) if k == "year" else row[k] for k in ORDER)


def merge_into(folder: Path, values: list[dict], sources: list[dict]) -> MergeReport:
    """Rewrite ``folder``'s values.csv, sources.csv and gaps.csv with the imported rows merged in."""
    values = [_text(v) for v in values]
    covered = {tuple(v[k] for k in SERIES) for v in values}
    header, current = _read(folder / "values.csv")
    kept = [row for row in current if tuple(row.get(k, "") for k in SERIES) not in covered]
    merged = sorted(kept + values, key=_order)
    _write(folder / "values.csv", header, merged)

    source_header, source_rows = _read(folder / "sources.csv")
    new_sources = {s["source_id"]: _text(s) for s in sources}
    _, territories = _read(folder / "territories.csv")
    cited = {row["source_id"] for row in merged} | {row.get("source_id", "") for row in territories}
    rows = [new_sources.pop(row["source_id"], row) for row in source_rows]
    rows += list(new_sources.values())
    dropped = tuple(row["source_id"] for row in rows if row["source_id"] not in cited)
    _write(folder / "sources.csv", source_header, [row for row in rows if row["source_id"] in cited])

    gaps_header, gaps = _read(folder / "gaps.csv")
    filled = {(v["region_id"], v["indicator_id"], v["edition"]) for v in values}
    open_gaps = [g for g in gaps if (g["region_id"], g["indicator_id"], g["edition"]) not in filled]
    if gaps_header:
        _write(folder / "gaps.csv", gaps_header, open_gaps)
    return MergeReport(added=len(values), replaced=len(current) - len(kept), sources_dropped=dropped,
                       gaps_filled=len(gaps) - len(open_gaps))
