"""Named peer groups a policymaker reaches for first."""

from __future__ import annotations

from functools import lru_cache

from dashboard.data import Dataset
from dashboard.i18n import N_, _

# id -> (label, members); the labels are marked for the catalogs and shown through ``preset_label``. A preset
# with no members is defined by regions.csv's ``network`` column instead
# (NETWORK_PRESETS), so that adding a region stays a change of data.
PRESETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "all": (N_("All BaltMet regions"), ()),
    "bsr": (N_("Baltic Sea Region metro regions"), ()),
    "nordic": (N_("Nordic capitals"), ("copenhagen", "helsinki", "oslo", "stockholm")),
    "baltic": (N_("Baltic states' capitals"), ("riga", "tallinn", "vilnius")),
    # Translators: BaltMet Inno is the name of a project; its partner regions
    "inno": (N_("BaltMet Inno partners"), ("berlin", "copenhagen", "helsinki", "malmo", "riga", "st_petersburg",
                                       "stockholm", "tallinn")),
}
# The networks whose regions a preset takes; None: every region. "all" (its links must keep working) is the
# BaltMet network's members plus any region without a network, i.e. one a user adds; "bsr" is everything.
# "all" comes before "bsr" in PRESETS, so a dataset where both are the same is written as "all" in a URL.
NETWORK_PRESETS: dict[str, frozenset[str] | None] = {"all": frozenset({"baltmet", ""}), "bsr": None}


def preset_label(preset_id: str) -> str:
    """The preset's name in the current language ('Nordic capitals')."""
    return _(PRESETS[preset_id][0])


def region_network(dataset: Dataset, region_id: str) -> str:
    """The region's ``network`` ('' where regions.csv gives none: a user's region, or a table without it)."""
    value = dataset.region(region_id).get("network")
    return value if isinstance(value, str) else ""


@lru_cache(maxsize=256)  # per Dataset (identity): asked on every URL round trip
def preset_members(dataset: Dataset, preset_id: str) -> tuple[str, ...]:
    """The preset's regions that exist in this dataset, in the dataset's order."""
    members = PRESETS[preset_id][1]
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
