"""Named peer groups a policymaker reaches for first."""

from __future__ import annotations

from functools import lru_cache

from dashboard.data import Dataset

# id -> (label, members). "all" means every region in the data, including ones a user adds.
PRESETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "all": ("All BaltMet regions", ()),
    "nordic": ("Nordic capitals", ("copenhagen", "helsinki", "oslo", "stockholm")),
    "baltic": ("Baltic states' capitals", ("riga", "tallinn", "vilnius")),
    "inno": ("BaltMet Inno partners", ("berlin", "copenhagen", "helsinki", "malmo", "riga", "st_petersburg",
                                       "stockholm", "tallinn")),
}


@lru_cache(maxsize=256)  # per Dataset (identity): asked on every URL round trip
def preset_members(dataset: Dataset, preset_id: str) -> tuple[str, ...]:
    """The preset's regions that exist in this dataset, in the dataset's order."""
    _, members = PRESETS[preset_id]
    wanted = set(members) if members else set(dataset.region_ids)
    return tuple(r for r in dataset.region_ids if r in wanted)
