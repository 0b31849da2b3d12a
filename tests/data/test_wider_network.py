"""The wider network in the bundled data: the BaltMet eleven and the other Baltic Sea Region metro regions,
each with a network, coordinates and its territories; presets and profiles follow the data, not a list in code."""

from __future__ import annotations

import pytest

from dashboard.data import Dataset
from dashboard.data.schema import NETWORKS
from dashboard.presets import preset_members
from dashboard.profile import build_profile

BALTMET = {"berlin", "copenhagen", "helsinki", "malmo", "oslo", "riga", "st_petersburg", "stockholm", "tallinn",
           "vilnius", "warsaw"}
# region -> Eurostat metro code, and whether its NUTS 3 composition is only assumed (metro_compositions.csv)
WIDER = {"hamburg": ("DE002M", False), "aarhus": ("DK002M", False), "tampere": ("FI002M", False),
         "turku": ("FI003M", True), "goteborg": ("SE002M", True), "bergen": ("NO002M", False),
         "kaunas": ("LT002M", False)}


def test_every_bundled_region_names_its_network(dataset: Dataset) -> None:
    networks = dataset.regions["network"]
    assert set(networks) <= set(NETWORKS) - {""}  # bundled regions are never without one (that means a user's)
    assert set(networks.index[networks == "baltmet"]) == BALTMET
    assert set(WIDER) <= set(networks.index[networks == "bsr"])


def test_the_default_peers_are_the_baltmet_eleven_and_bsr_is_everyone(dataset: Dataset) -> None:
    from dashboard.state import default_state

    assert set(default_state(dataset).peers) == set(preset_members(dataset, "all")) == BALTMET
    assert preset_members(dataset, "bsr") == tuple(dataset.region_ids)


@pytest.mark.parametrize("region", sorted(WIDER))
def test_each_wider_region_has_coordinates_a_city_and_its_eurostat_metro_territory(dataset: Dataset,
                                                                                    region: str) -> None:
    code, assumed = WIDER[region]
    row = dataset.region(region)
    assert row["eurostat_metro_code"] == code and not row["capital"] and not row["baltmet_inno_role"]
    assert 50 <= float(row["lat"]) <= 63 and 3.5 <= float(row["lon"]) <= 36.5  # on the map (figures/map.py GEO)
    assert "http" in str(row["coord_source"]) and "'" in str(row["coord_source"])  # the page read, its words
    territories = dataset.territories[dataset.territories["region_id"] == region]
    metro = territories[territories["kind"] == "eurostat_metro"]
    assert list(metro["eurostat_code"]) == [code] and code in metro["name"].iloc[0]
    assert (territories["kind"] == "city").sum() == 1
    said = f"{metro['name'].iloc[0]} {metro['definition'].iloc[0]}".lower()
    assert ("assumed" in metro["name"].iloc[0]) == assumed and ("not verified" in said) == assumed


def test_every_region_has_a_colour_of_its_own(dataset: Dataset) -> None:
    from dashboard.figures.theme import region_colours

    colours = region_colours(dataset)
    assert len(set(colours.values())) == len(dataset.region_ids)


@pytest.mark.parametrize("edition", ["baltmet", "recent"])
def test_every_region_has_a_profile_that_says_something(dataset: Dataset, edition: str) -> None:
    """A region with no figure yet gets a page that says so, never a blank one (or a crash)."""
    everyone = tuple(dataset.region_ids)
    for region in everyone:
        profile = build_profile(dataset, region, edition, everyone)
        assert profile.paragraphs and len(profile.headlines) == len(dataset.kpi_ids), region
        for headline in profile.headlines:
            assert headline.value or headline.missing, (region, headline.indicator_id)
