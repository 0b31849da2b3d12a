"""Presets on a made-up dataset: 'all' is the BaltMet network's members plus regions a user adds (no network),
'bsr' is every region; the default view's peers and the URL follow them. Test values from tests/synthetic.py."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from dashboard.data import Dataset
from dashboard.data.folders import load_data_folder
from dashboard.presets import PRESETS, preset_members, region_network, with_users_regions
from dashboard.state import default_state
from dashboard.url_state import from_query, to_query
from tests.synthetic import build

# aa, bb: BaltMet members; cc, dd: other Baltic Sea Region metro regions; ee: no network (as a user adds it)
NETWORKS = {"aa": "baltmet", "bb": "baltmet", "cc": "bsr", "dd": "bsr"}
FIGURES = [(r, "population", 2021, 1000 + i, "metro") for i, r in enumerate(("aa", "bb", "cc", "dd", "ee"))]


@pytest.fixture
def networked(tmp_path: Path) -> Dataset:
    return build(tmp_path / "d", FIGURES, networks=NETWORKS)


def test_all_is_the_baltmet_members_and_regions_without_a_network(networked: Dataset) -> None:
    assert preset_members(networked, "all") == ("aa", "bb", "ee")
    assert [region_network(networked, r) for r in networked.region_ids] == ["baltmet", "baltmet", "bsr", "bsr", ""]


def test_bsr_is_every_region(networked: Dataset) -> None:
    assert PRESETS["bsr"][0] == "Baltic Sea Region metro regions"
    assert preset_members(networked, "bsr") == tuple(networked.region_ids) == ("aa", "bb", "cc", "dd", "ee")


def test_a_named_preset_keeps_only_the_regions_the_data_has(networked: Dataset) -> None:
    assert preset_members(networked, "nordic") == ()  # none of its capitals is in this dataset


def test_without_a_network_column_all_is_every_region(tmp_path: Path) -> None:
    plain = build(tmp_path / "plain", FIGURES)  # a data folder from before the column: nothing drops out
    assert preset_members(plain, "all") == preset_members(plain, "bsr") == tuple(plain.region_ids)
    assert to_query(plain, replace(default_state(plain), peers=preset_members(plain, "bsr"))) == ""  # = 'all'


def test_the_default_peers_are_preset_all_and_the_url_shortens_both(networked: Dataset) -> None:
    state = default_state(networked)
    assert state.peers == preset_members(networked, "all")
    assert to_query(networked, state) == ""
    wider = replace(state, peers=preset_members(networked, "bsr"))
    assert "peers=bsr" in to_query(networked, wider)
    parsed, ignored = from_query(networked, "peers=bsr")
    assert parsed.peers == wider.peers and not ignored
    parsed, ignored = from_query(networked, "peers=all")
    assert parsed.peers == state.peers and not ignored


def test_a_users_region_joins_all_and_a_changed_bundled_region_keeps_its_network(networked: Dataset,
                                                                                  tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "regions.csv").write_text(
        "region_id,name,country,country_name,lat,lon,eurostat_metro_code,capital\n"
        "zz,Zed,FI,Finland,61,24,,false\n"
        "cc,Cee renamed,FI,Finland,60,25,CC001MC,true\n", encoding="utf-8")
    (folder / "values.csv").write_text("region_id,indicator_id,year,value,territory\n"
                                       "zz,population,2021,500,Zed city\n", encoding="utf-8")
    mine = load_data_folder(folder, bundled=networked).dataset
    assert preset_members(mine, "all") == ("aa", "bb", "ee", "zz")
    assert region_network(mine, "cc") == "bsr" and "cc" not in preset_members(mine, "all")
    assert set(preset_members(mine, "bsr")) == {"aa", "bb", "cc", "dd", "ee", "zz"}
    # the open view's peers when the figures arrive: 'all' and 'bsr' take the new region in, a choice stays
    assert with_users_regions(networked, mine, preset_members(networked, "all")) == preset_members(mine, "all")
    assert with_users_regions(networked, mine, preset_members(networked, "bsr")) == preset_members(mine, "bsr")
    assert with_users_regions(networked, mine, ("aa", "cc")) == ("aa", "cc")
