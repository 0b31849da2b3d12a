"""The change report: what a refresh would change in the current data, in lines a person reads.

New figures are grouped by series with their years; every changed value is listed (old -> new, and whose
figure it was); figures that disappeared, figures held back and failed series are listed with the reason.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from dashboard.refresh.merge import Change, Merged


@dataclass
class Outcome:
    """How one series ended: ``error`` set when it failed."""

    label: str
    error: str | None = None
    figures: int = 0
    held_back: Counter[str] = field(default_factory=Counter)
    via: str = ""  # the interface that answered, for a table with more than one
    fallbacks: list[str] = field(default_factory=list)  # the interfaces that failed before it


def years_text(years: Iterable[int]) -> str:
    """'2011-2015, 2017' (with an en dash): consecutive years as ranges."""
    ordered = sorted(set(years))
    parts, start = [], None
    for i, year in enumerate(ordered):
        if start is None:
            start = year
        if i + 1 == len(ordered) or ordered[i + 1] != year + 1:
            parts.append(str(start) if start == year else f"{start}–{year}")
            start = None
    return ", ".join(parts)


def _where(change: Change) -> str:
    region, indicator, _, year, territory = change.key
    return f"{region} {indicator} {year} {territory}"


def _was(change: Change) -> str:
    kind = f", {change.old_kind}" if change.old_kind else ""
    return f" (was {change.old_source}{kind})" if change.old_source else ""


def lines(merged: Merged, outcomes: list[Outcome], data_dir: str) -> list[str]:
    failed = [o for o in outcomes if o.error]
    out = [f"Change report against {data_dir}: {len(outcomes)} series asked, {len(outcomes) - len(failed)} "
           f"answered, {len(failed)} failed"]
    if failed:
        out.append(f"Failed series ({len(failed)}; their figures in the data are left as they are):")
        out += [f"  {o.label}: {o.error}" for o in failed]
    fell_back = [o for o in outcomes if o.fallbacks and not o.error]
    if fell_back:
        out.append(f"Answered through a fallback interface ({len(fell_back)}):")
        out += [f"  {o.label}: {o.via}, after {'; then '.join(o.fallbacks)}" for o in fell_back]
    groups: dict[tuple[str, str, str], list[int]] = {}
    for change in merged.new:
        region, indicator, _, year, territory = change.key
        groups.setdefault((region, indicator, territory), []).append(int(year))
    out.append(f"New figures: {len(merged.new)}" + (" (new years, by series):" if merged.new else ""))
    for (region, indicator, territory), years in sorted(groups.items()):
        out.append(f"  {region} {indicator} {territory}: {years_text(years)} ({len(years)})")
    out.append(f"Changed values: {len(merged.changed)}" + (" (old -> new):" if merged.changed else ""))
    out += [f"  {_where(c)}: {c.old} -> {c.new}{_was(c)}" for c in merged.changed]
    if merged.flags_changed:
        out.append(f"Flags changed: {len(merged.flags_changed)}")
        out += [f"  {_where(c)}: {c.old_flags or 'none'} -> {c.new_flags or 'none'}" for c in merged.flags_changed]
    if merged.reread:
        out.append(f"Re-read at source (same value, now the publisher's own figure): {len(merged.reread)}")
        out += [f"  {_where(c)}: {c.new}{_was(c)}" for c in merged.reread]
    out.append(f"Unchanged: {merged.unchanged}")
    out.append(f"Disappeared: {len(merged.disappeared)}" + (
        " (an earlier refresh wrote them; the publisher no longer gives them; kept, delete them by hand if "
        "they were withdrawn):" if merged.disappeared else ""))
    out += [f"  {_where(c)}: {c.old} ({c.old_source})" for c in merged.disappeared]
    held = Counter()
    for outcome in outcomes:
        for reason, count in outcome.held_back.items():
            held[f"{outcome.label}: {reason}"] += count
    if held:
        out.append(f"Held back (not written): {sum(held.values())}")
        out += [f"  {count} {reason}" for reason, count in sorted(held.items())]
    if merged.overlaps or merged.overlaps_agreeing:
        total = len(merged.overlaps) + sum(merged.overlaps_agreeing.values())
        out.append(f"Overlaps (two tables give the same figure; the first is kept): {total}")
        out += [f"  {count} the same: {first} kept, {second} agrees"
                for (first, second), count in sorted(merged.overlaps_agreeing.items())]
        out += [f"  {o}" for o in merged.overlaps]
    if merged.gaps_filled:
        filled = ", ".join(" ".join(g) for g in merged.gaps_filled)
        out.append(f"Gaps now filled (rows removed from gaps.csv): {filled}")
    if merged.sources_dropped:
        dropped = ", ".join(merged.sources_dropped)
        out.append(f"Sources no figure cites any more (removed from sources.csv): {dropped}")
    return out
