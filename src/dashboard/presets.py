"""Named peer groups a policymaker reaches for first."""

from __future__ import annotations

from functools import lru_cache

from dashboard.data import Dataset

# id -> (label, members). A preset with no members is defined by regions.csv's ``network`` column instead
# (NETWORK_PRESETS), so that adding a region stays a change of data.
PRESETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "all": ("All BaltMet regions", ()),
    "bsr": ("Baltic Sea Region metro regions", ()),
    "nordic": ("Nordic capitals", ("copenhagen", "helsinki", "oslo", "stockholm")),
    "baltic": ("Baltic states' capitals", ("riga", "tallinn", "vilnius")),
    "inno": ("BaltMet Inno partners", ("berlin", "copenhagen", "helsinki", "malmo", "riga", "st_petersburg",
                                       "stockholm", "tallinn")),
}
# The networks whose regions a preset takes; None: every region. "all" (its links must keep working) is the
# BaltMet network's members plus any region without a network, i.e. one a user adds; "bsr" is everything.
# "all" comes before "bsr" in PRESETS, so a dataset where both are the same is written as "all" in a URL.
NETWORK_PRESETS: dict[str, frozenset[str] | None] = {"all": frozenset({"baltmet", ""}), "bsr": None}


def region_network(dataset: Dataset, region_id: str) -> str:
    """The region's ``network`` ('' where regions.csv gives none: a user's region, or a table without it)."""
    value = dataset.region(region_id).get("network")
    return value if isinstance(value, str) else ""


@lru_cache(maxsize=256)  # per Dataset (identity): asked on every URL round trip
def preset_members(dataset: Dataset, preset_id: str) -> tuple[str, ...]:
    """The preset's regions that exist in this dataset, in the dataset's order."""
    _, members = PRESETS[preset_id]
    if members:
        wanted = set(members)
        return tuple(r for r in dataset.region_ids if r in wanted)
    networks = NETWORK_PRESETS.get(preset_id)
    if networks is None:
        return tuple(dataset.region_ids)
    return tuple(r for r in dataset.region_ids if region_network(dataset, r) in networks)


def with_users_regions(before: Dataset, after: Dataset, peers: tuple[str, ...]) -> tuple[str, ...]:
    """The peers once a user's figures are added or removed (``before`` -> ``after``): a view comparing with all
    of preset 'all' (or more, as 'bsr') also compares with the regions the user adds; any other choice stays."""
    if not set(peers) >= set(preset_members(before, "all")):
        return peers
    joined = set(preset_members(after, "all")) | set(peers)
    return tuple(r for r in after.region_ids if r in joined)
