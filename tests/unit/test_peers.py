"""The focus is never one of its own peers: not in the peer selector, not in the count, not in the peers'
median or the index's average (issue 11, point 6). Test values from tests/synthetic.py, not data."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from dashboard.components.controls import peer_options
from dashboard.layout import build_layout, heading
from dashboard.measures import points
from dashboard.state import ViewState, default_state
from dashboard.view_rules import chosen_peers, menus_key, menus_to_send, next_state
from dashboard.views import CHARTS
from tests.helpers import find_by_id, text_of
from tests.helpers import kpi_card_for as kpi_card
from tests.synthetic import REGIONS, build


@pytest.fixture
def data(tmp_path: Path):
    # populations 100, 200, 300, 400 in 2007 (baltmet edition); ee has none
    values = dict(aa=100, bb=200, cc=300, dd=400)
    return build(tmp_path, [(r, "population", 2007, v, "metro") for r, v in values.items()])


def everyone(focus: str) -> ViewState:
    return ViewState(focus=focus, peers=REGIONS)  # like the 'all' preset: the focus is among the peers


def test_the_peer_selector_lists_every_region_but_the_focus(data) -> None:
    assert [o["value"] for o in peer_options(data, "aa")] == ["bb", "cc", "dd", "ee"]
    assert [o["value"] for o in peer_options(data, "cc")] == ["aa", "bb", "dd", "ee"]
    assert everyone("aa").others == ("bb", "cc", "dd", "ee")


def test_the_heading_counts_exactly_the_peers_listed(data) -> None:
    state = everyone("aa")
    assert f"compared with {len(state.others)} peer regions" in text_of(heading(data, state))
    assert "compared with 4 peer regions" in text_of(heading(data, state))


def test_the_rendered_page_lists_and_counts_the_same_peers(data) -> None:
    page = build_layout(data)
    focus = default_state(data).focus
    selector = find_by_id(page, "peers-select")
    listed = [o["value"] for o in selector.options]
    assert focus not in listed and focus not in selector.value
    assert set(selector.value) == set(REGIONS) - {focus}
    assert f"compared with {len(selector.value)} peer regions" in text_of(find_by_id(page, "region-heading"))


def test_unticking_a_peer_keeps_the_unlisted_focus_in_the_comparison(data) -> None:
    state = everyone("aa")
    after = next_state(data, "peers-select", state, {"peers-select": ["bb", "cc"]})
    assert after.peers == ("aa", "bb", "cc") and after.others == ("bb", "cc")
    # a focus that was not a peer is not made one
    assert chosen_peers(data, ViewState(focus="aa", peers=("bb", "cc")), ["bb"]) == ("bb",)
    # a later focus change keeps the former focus as a peer, listed and ticked
    assert next_state(data, "region-select", after, {"region-select": "bb"}).others == ("aa", "cc")


def test_a_focus_change_resends_the_peer_menu_only(data) -> None:
    state = everyone("aa")
    shown = menus_key(None, state)
    assert menus_to_send(menus_key(None, state), shown) == (False, False)
    assert menus_to_send(menus_key(None, replace(state, focus="bb")), shown) == (False, True)
    assert menus_to_send(menus_key(None, replace(state, indicator="gdp")), shown) == (True, False)
    assert menus_to_send(menus_key(None, state), "nonsense") == (True, True)


def test_the_peers_median_leaves_the_focus_out(data) -> None:
    text = text_of(kpi_card(data, "aa", "population", "baltmet", everyone("aa").regions, basis="eurostat_metro"))
    assert "1st of 4" not in text and "4th of 4" in text  # ranked among the focus and its peers with a figure
    assert "-67% vs peers' median (300)" in text  # median of 200, 300, 400; with the focus it would be 250


def test_the_index_divides_by_the_peers_average_without_the_focus(data) -> None:
    pts = points(data, REGIONS, "population", "baltmet", "index", None, "eurostat_metro", focus="aa")
    assert pts[0].value == pytest.approx(33.3, abs=0.05)  # 100 / mean(200, 300, 400) * 100; 40 with the focus
    assert "average of 3 peers" in pts[0].how
    state = replace(default_state(data, "baltmet"), focus="aa", measure="index", basis="eurostat_metro")
    fig, _ = CHARTS.by_name("ranking").build(data, state)
    bar = fig["data"][0]
    by_region = dict(zip((c[0] for c in bar["customdata"]), bar["x"], strict=True))
    assert by_region["aa"] == pytest.approx(33.3, abs=0.05)
