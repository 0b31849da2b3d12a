"""The change report: what a refresh would change in the current data, in lines a person reads.

New figures are grouped by series with their years; every changed value is listed (old -> new, and whose
figure it was); figures that disappeared, figures held back and failed series are listed with the reason.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from dashboard.i18n import _, ngettext, pgettext
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
    region, indicator, _edition, year, territory = change.key
    return f"{region} {indicator} {year} {territory}"  # ids: the same in every language


def _was(change: Change) -> str:
    """' (was SOURCE, KIND)': whose figure a changed value was ('' when the data did not say)."""
    if not change.old_source:
        return ""
    if change.old_kind:
        # Translators: after "old -> new": the source (and kind of source) the old figure came from.
        return " " + _("(was {source}, {kind})", source=change.old_source, kind=change.old_kind)
    return " " + _("(was {source})", source=change.old_source)


def _flags(flags: str) -> str:
    return flags or pgettext("flags", "none")


def in_turn(failures: list[str]) -> str:
    """The interfaces that failed, in order: 'A; then B; then C'."""
    text = failures[0]
    for later in failures[1:]:
        # Translators: one interface failed, then another: "v2 (HTTP 500); then v1 (timeout)".
        text = _("{earlier}; then {later}", earlier=text, later=later)
    return text


def lines(merged: Merged, outcomes: list[Outcome], data_dir: str) -> list[str]:
    """The report, one line a list item, in the current language."""
    failed = [o for o in outcomes if o.error]
    counts = ", ".join((
        # Translators: the first line of the refresh report: "Change report against DIR: 9 series asked, ...".
        ngettext("{n} series asked", "{n} series asked", len(outcomes)),
        ngettext("{n} answered", "{n} answered", len(outcomes) - len(failed)),
        ngettext("{n} failed", "{n} failed", len(failed)),
    ))
    out = [_("Change report against {folder}: {counts}", folder=data_dir, counts=counts)]
    if failed:
        out.append(ngettext("Failed series ({n}; their figures in the data are left as they are):",
                            "Failed series ({n}; their figures in the data are left as they are):", len(failed)))
        out += [f"  {o.label}: {o.error}" for o in failed]
    fell_back = [o for o in outcomes if o.fallbacks and not o.error]
    if fell_back:
        out.append(_("Answered through a fallback interface ({n}):", n=len(fell_back)))
        # Translators: {interface} answered after the interfaces in {failed} did not ("v1, after v2").
        out += [f"  {o.label}: " + _("{interface}, after {failed}", interface=o.via, failed=in_turn(o.fallbacks))
                for o in fell_back]
    groups: dict[tuple[str, str, str], list[int]] = {}
    for change in merged.new:
        region, indicator, _edition, year, territory = change.key
        groups.setdefault((region, indicator, territory), []).append(int(year))
    out.append(_("New figures: {n} (new years, by series):", n=len(merged.new)) if merged.new
               else _("New figures: {n}", n=0))
    for (region, indicator, territory), years in sorted(groups.items()):
        out.append(f"  {region} {indicator} {territory}: {years_text(years)} ({len(years)})")
    out.append(_("Changed values: {n} (old -> new):", n=len(merged.changed)) if merged.changed
               else _("Changed values: {n}", n=0))
    out += [f"  {_where(c)}: {c.old} -> {c.new}{_was(c)}" for c in merged.changed]
    if merged.flags_changed:
        out.append(_("Flags changed: {n}", n=len(merged.flags_changed)))
        out += [f"  {_where(c)}: {_flags(c.old_flags)} -> {_flags(c.new_flags)}" for c in merged.flags_changed]
    if merged.reread:
        out.append(_("Re-read at source (same value, now the publisher's own figure): {n}", n=len(merged.reread)))
        out += [f"  {_where(c)}: {c.new}{_was(c)}" for c in merged.reread]
    out.append(_("Unchanged: {n}", n=merged.unchanged))
    out.append(_("Disappeared: {n} (an earlier refresh wrote them; the publisher no longer gives them; kept, delete "
                 "them by hand if they were withdrawn):", n=len(merged.disappeared)) if merged.disappeared
               else _("Disappeared: {n}", n=0))
    out += [f"  {_where(c)}: {c.old} ({c.old_source})" for c in merged.disappeared]
    held = Counter()
    for outcome in outcomes:
        for reason, count in outcome.held_back.items():
            held[f"{outcome.label}: {reason}"] += count
    if held:
        out.append(_("Held back (not written): {n}", n=sum(held.values())))
        out += [f"  {count} {reason}" for reason, count in sorted(held.items())]
    if merged.overlaps or merged.overlaps_agreeing:
        total = len(merged.overlaps) + sum(merged.overlaps_agreeing.values())
        out.append(_("Overlaps (two tables give the same figure; the first is kept): {n}", n=total))
        # Translators: {n} figures of table {first} that table {second} gives with the same value.
        out += ["  " + ngettext("{n} the same: {first} kept, {second} agrees", "{n} the same: {first} kept, "
                                "{second} agrees", count, first=first, second=second)
                for (first, second), count in sorted(merged.overlaps_agreeing.items())]
        out += [f"  {o}" for o in merged.overlaps]
    if merged.gaps_filled:
        filled = ", ".join(" ".join(g) for g in merged.gaps_filled)
        out.append(_("Gaps now filled (rows removed from gaps.csv): {gaps}", gaps=filled))
    if merged.sources_dropped:
        dropped = ", ".join(merged.sources_dropped)
        out.append(_("Sources no figure cites any more (removed from sources.csv): {sources}", sources=dropped))
    return out
