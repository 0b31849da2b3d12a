"""The fetched figures merged into the current tables, and every difference named.

Rules, in the order they apply to a fetched figure with the key of values.csv (region, indicator,
edition, year, territory):
- no current figure: added (a new year, or a new series);
- a current figure from an earlier refresh: replaced, so provenance and flags are the latest; reported
  when the value or the flags changed;
- another current figure with the same value from an official source: kept as it is (confirmed);
- any other current figure: replaced by the official figure (old -> new, and whose figure it was).
Where two tables give the same key, the first listed is kept: agreeing pairs are counted, differing ones
named. A figure an earlier refresh wrote that the publisher no longer gives is reported and kept (deleting
a figure is a person's decision). Sources no figure or territory cites any more are dropped, and gaps a
figure now fills are removed, as data/README.md asks of any edit.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from dashboard.data.limits import read_regular_file
from dashboard.i18n import _
from dashboard.refresh.rows import SOURCE_PREFIX, flags_of

KEY = ("region_id", "indicator_id", "edition", "year", "territory_id")
Key = tuple[str, str, str, str, str]


@dataclass
class Table:
    header: list[str]
    rows: list[dict[str, str]]

    @classmethod
    def read(cls, path: Path) -> Table:
        text = read_regular_file(path, str(path)).decode("utf-8-sig")
        reader = csv.DictReader(io.StringIO(text, newline=""))
        rows = [{k: v or "" for k, v in row.items() if k is not None} for row in reader]
        return cls(list(reader.fieldnames or []), rows)

    def text(self) -> bytes:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=self.header, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(self.rows)
        return out.getvalue().encode("utf-8")


@dataclass
class Fetched:
    """One series that answered: its rows for values.csv and its sources.csv row."""

    label: str  # "Eurostat met_pjanaggr3"
    prefix: str  # source ids of this series start with it
    rows: list[dict[str, str]]
    source: dict[str, str]


@dataclass(frozen=True)
class Change:
    key: Key
    old: str | None
    new: str | None
    old_source: str = ""
    old_kind: str = ""
    old_flags: str = ""
    new_flags: str = ""


@dataclass
class Merged:
    values: Table
    sources: Table
    gaps: Table
    new: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    flags_changed: list[Change] = field(default_factory=list)
    reread: list[Change] = field(default_factory=list)  # same value, now from the publisher itself
    unchanged: int = 0
    disappeared: list[Change] = field(default_factory=list)
    overlaps: list[str] = field(default_factory=list)  # two tables, two different values: each named
    overlaps_agreeing: Counter[tuple[str, str]] = field(default_factory=Counter)  # (kept, other) -> how many
    gaps_filled: list[tuple[str, str, str]] = field(default_factory=list)
    sources_dropped: list[str] = field(default_factory=list)


def key_of(row: dict[str, str]) -> Key:
    return tuple(row.get(k, "") for k in KEY)  # type: ignore[return-value]


def _same_number(a: str, b: str) -> bool:
    try:
        return Decimal(a) == Decimal(b)
    except InvalidOperation:
        return a == b


def _first_per_key(fetched: Iterable[Fetched], merged: Merged) -> dict[Key, tuple[dict[str, str], Fetched]]:
    """Each key once: the first series listed wins; the other is reported, agreeing or not."""
    chosen: dict[Key, tuple[dict[str, str], Fetched]] = {}
    for series in fetched:
        for row in series.rows:
            key = key_of(row)
            if key in chosen:
                kept, first = chosen[key]
                if _same_number(kept["value"], row["value"]):
                    merged.overlaps_agreeing[(first.label, series.label)] += 1
                else:
                    # Translators: two tables give different values for one figure: the first one's is kept.
                    merged.overlaps.append(_("{figure}: {first} {kept} kept, {other} {value} (differs)",
                                             figure=" ".join((*key[:2], key[3], key[4])), first=first.label,
                                             kept=kept["value"], other=series.label, value=row["value"]))
                continue
            chosen[key] = (row, series)
    return chosen


def merge(values: Table, sources: Table, gaps: Table, fetched: list[Fetched]) -> Merged:
    """The current tables with the fetched figures merged in, and the differences."""
    merged = Merged(Table(values.header, []), Table(sources.header, []), Table(gaps.header, []))
    kinds = {row["source_id"]: row.get("kind", "") for row in sources.rows}
    chosen = _first_per_key(fetched, merged)
    out_rows: list[dict[str, str]] = []
    placed: set[Key] = set()
    for row in values.rows:
        key = key_of(row)
        if key not in chosen:
            out_rows.append(row)
            continue
        new, _ = chosen[key]
        placed.add(key)
        old_source = row.get("source_id", "")
        change = Change(key, row.get("value", ""), new["value"], old_source, kinds.get(old_source, ""),
                        flags_of(row.get("note", "")), flags_of(new["note"]))
        same = _same_number(change.old or "", new["value"])
        if old_source.startswith(SOURCE_PREFIX):
            out_rows.append({**row, **new})
            if not same:
                merged.changed.append(change)
            elif change.old_flags != change.new_flags:
                merged.flags_changed.append(change)
            else:
                merged.unchanged += 1
        elif same and change.old_kind == "official":
            out_rows.append(row)
            merged.unchanged += 1
        else:
            out_rows.append({**row, **new})
            (merged.reread if same else merged.changed).append(change)
    for key, (row, _) in chosen.items():
        if key not in placed:
            out_rows.append(row)
            merged.new.append(Change(key, None, row["value"], new_flags=flags_of(row["note"])))
    for row in values.rows:
        key = key_of(row)
        source = row.get("source_id", "")
        if key not in chosen and any(source.startswith(s.prefix) for s in fetched):
            merged.disappeared.append(Change(key, row.get("value", ""), None, source, kinds.get(source, "")))
    out_rows.sort(key=lambda r: (r["region_id"], r["indicator_id"], r["edition"], int(r["year"] or 0)))
    merged.values.rows = out_rows
    _sources(merged, sources, fetched)
    _gaps(merged, gaps)
    return merged


def _sources(merged: Merged, sources: Table, fetched: list[Fetched]) -> None:
    """The current sources, plus one row per query whose figures are in the merged values."""
    cited = {row["source_id"] for row in merged.values.rows}
    rows = list(sources.rows)
    known = {row["source_id"] for row in rows}
    for series in fetched:
        if series.source["source_id"] in cited and series.source["source_id"] not in known:
            rows.append(series.source)
            known.add(series.source["source_id"])
        elif series.source["source_id"] in known:  # a second run on the same day: the latest query
            rows = [series.source if r["source_id"] == series.source["source_id"] else r for r in rows]
    merged.sources.rows = rows


def drop_uncited(merged: Merged, territory_sources: Iterable[str]) -> None:
    """Drop sources that no figure and no territory cites any more (every source must be used)."""
    cited = {row["source_id"] for row in merged.values.rows} | set(territory_sources)
    merged.sources_dropped = [r["source_id"] for r in merged.sources.rows if r["source_id"] not in cited]
    merged.sources.rows = [r for r in merged.sources.rows if r["source_id"] in cited]


def _gaps(merged: Merged, gaps: Table) -> None:
    """A gap row says why a KPI has no figure; one that now has a figure goes."""
    filled = {(r["region_id"], r["indicator_id"], r["edition"]) for r in merged.values.rows}
    for row in gaps.rows:
        slot = (row.get("region_id", ""), row.get("indicator_id", ""), row.get("edition", ""))
        if slot in filled:
            merged.gaps_filled.append(slot)
        else:
            merged.gaps.rows.append(row)
