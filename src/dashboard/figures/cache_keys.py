"""What a figure's cache key needs of the focus: the builders cache a figure per set of regions, not per focus.

A focus change is the commonest click; outside the index and a crowded chart the focus is only marked
on the cached figure (figures/focus.py), so the builders leave it out of their cache keys.
"""

from __future__ import annotations

CROWDED = 20  # more regions than this: charts show the top ones and the focus (figures.common.MAX_ITEMS)


def index_focus(focus: str, measure: str) -> str | None:
    """The focus where only the index needs it (charts that name a crowded set's top regions by the data
    alone, and mark the focus afterwards: the scatter and the map)."""
    return focus if measure == "index" else None


def focus_key(focus: str, measure: str, regions: tuple[str, ...]) -> str | None:
    """What a figure's cache key needs of the focus: the index (its average leaves the focus out) and a
    crowded chart (it shows the top regions and the focus) depend on it; everywhere else the focus is
    only marked, on the cached figure (figures/focus.py)."""
    return focus if measure == "index" or len(regions) > CROWDED else None
