"""The output folder (a complete data folder the app and ``validate`` read) and ``--apply``.

OUT holds the current data with the refreshed figures merged in: regions, indicators, territories, metro
compositions and territory kinds copied unchanged, values, sources and gaps merged, the change report, and raw/ (the
responses). Applying copies the three merged tables into the data folder, each replaced whole (never
half-written), and only if the data folder has not changed since the refresh read it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from dashboard.data.limits import read_regular_file
from dashboard.i18n import _
from dashboard.refresh.cache import MANIFEST, RAW, write_atomic
from dashboard.refresh.merge import Merged

COPIED = ("regions.csv", "indicators.csv", "territories.csv")
COPIED_IF_THERE = ("metro_compositions.csv", "territory_kinds.csv")  # NUTS 3 parts of metro regions; kinds
MERGED = ("values.csv", "sources.csv", "gaps.csv")
REPORT = "refresh-report.txt"


def out_problem(out: Path, data_dir: Path) -> str | None:
    """Why OUT cannot be written, or None: it must not be the data folder or hold someone else's files."""
    if out.exists() and out.resolve() == data_dir.resolve():
        return _("--out {folder} is the data folder itself; write elsewhere, then --apply merges into it", folder=out)
    if out.exists() and not out.is_dir():
        return _("--out {folder} exists and is not a folder", folder=out)
    if out.is_dir() and any(out.iterdir()) and not ((out / RAW / MANIFEST).exists() or (out / REPORT).exists()):
        return _("--out {folder} holds files a refresh did not write; give an empty or new folder", folder=out)
    return None


def fingerprint(data_dir: Path) -> dict[str, str]:
    """Hashes of the tables --apply would replace, to notice an edit made while the refresh ran."""
    return {name: hashlib.sha256((data_dir / name).read_bytes()).hexdigest() if (data_dir / name).exists() else ""
            for name in MERGED}


def write(out: Path, data_dir: Path, merged: Merged, report: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name in COPIED + tuple(n for n in COPIED_IF_THERE if (data_dir / n).is_file()):
        write_atomic(out / name, read_regular_file(data_dir / name, str(data_dir / name)))
    for name, table in zip(MERGED, (merged.values, merged.sources, merged.gaps), strict=True):
        write_atomic(out / name, table.text())
    write_atomic(out / REPORT, ("\n".join(report) + "\n").encode("utf-8"))


def apply(out: Path, data_dir: Path, before: dict[str, str]) -> str | None:
    """Replace the data folder's values, sources and gaps with OUT's; an error message, or None."""
    if fingerprint(data_dir) != before:
        return _("{folder} changed while the refresh ran; nothing was applied (run the refresh again)",
                 folder=data_dir)
    staged = {name: (out / name).read_bytes() for name in MERGED}
    for name, data in staged.items():
        if name == "gaps.csv" and not before[name] and data.count(b"\n") <= 1:
            continue  # the data folder had no gaps.csv and none is needed
        write_atomic(data_dir / name, data)
    return None
