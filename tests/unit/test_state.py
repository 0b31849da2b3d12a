"""ViewState <-> URL query string: defaults write nothing, round trips are exact, bad values are reported."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dashboard.data import Dataset
from dashboard.presets import preset_members
from dashboard.state import default_state, with_edition
from dashboard.url_state import from_query, restore, to_query
from dashboard.view_rules import next_state


def test_default_view_has_an_empty_query(dataset: Dataset) -> None:
    assert to_query(dataset, default_state(dataset)) == ""
    state, ignored = from_query(dataset, "")
    assert state == default_state(dataset) and ignored == []


def test_round_trip_of_a_full_view(dataset: Dataset) -> None:
    state = replace(with_edition(dataset, default_state(dataset), "baltmet"), focus="riga",
                    peers=preset_members(dataset, "baltic"), indicator="gdp", x="employment", y="gdp",
                    size="population", measure="index", year=2007, tab="table")
    query = to_query(dataset, state)
    assert query.startswith("?focus=riga&peers=baltic&edition=baltmet")
    assert from_query(dataset, query) == (state, [])


def test_only_differences_are_written(dataset: Dataset) -> None:
    assert to_query(dataset, replace(default_state(dataset), measure="share")) == "?measure=share"


def test_custom_peers_are_listed(dataset: Dataset) -> None:
    state = replace(default_state(dataset), peers=("oslo", "warsaw"))
    assert to_query(dataset, state) == "?peers=oslo,warsaw"
    assert from_query(dataset, "?peers=warsaw,oslo")[0].peers == ("oslo", "warsaw")


def test_focus_is_always_shown(dataset: Dataset) -> None:
    state = replace(default_state(dataset), focus="helsinki", peers=("oslo",))
    assert state.regions == ("helsinki", "oslo")


@pytest.mark.parametrize(("query", "ignored"), [
    ("?focus=atlantis", "focus=atlantis (unknown region)"),
    ("?measure=per_furlong",
         "measure=per_furlong (not one of: absolute, per_capita, share, index, change, change_pct)"),
    ("?edition=2099", "edition=2099 (not one of: baltmet, recent)"),
    ("?year=soon", "year=soon (not a year between 1990 and 2030)"),
    ("?colour=red", "colour (unknown setting)"),
    ("?peers=oslo,narnia", "peers: narnia (unknown region)"),
    ("?indicator=<script>alert(1)</script>", "indicator=<script>alert(1)</script> (unknown indicator)"),
])
def test_invalid_values_are_ignored_and_named(dataset: Dataset, query: str, ignored: str) -> None:
    state, notes = from_query(dataset, query)
    assert notes == [ignored]
    assert state.focus in dataset.region_ids


def test_valid_parts_survive_invalid_ones(dataset: Dataset) -> None:
    state, notes = from_query(dataset, "?focus=oslo&measure=bogus&peers=oslo,narnia")
    assert state.focus == "oslo" and state.measure == "absolute" and state.peers == ("oslo",)
    assert len(notes) == 2


def test_edition_switch_moves_default_scatter_axes(dataset: Dataset) -> None:
    recent = with_edition(dataset, default_state(dataset), "recent")
    assert (recent.x, recent.y, recent.size) == ("population", "gdp", "employment")
    custom = with_edition(dataset, replace(default_state(dataset), y="students"), "recent")
    assert custom.y == "students"


def test_a_long_value_in_a_link_is_echoed_cut(dataset) -> None:
    _, ignored = from_query(dataset, "?year=" + "9" * 5000 + "&focus=" + "x" * 300)
    assert len(ignored) == 2 and all(len(message) < 120 for message in ignored)
    assert ignored[0].startswith("year=" + "9" * 60 + "…")


def test_the_log_scale_round_trips_through_the_url_and_a_store(dataset: Dataset) -> None:
    state = replace(default_state(dataset), focus="riga", scale="log")
    assert to_query(dataset, state) == "?focus=riga&scale=log"
    assert from_query(dataset, "?focus=riga&scale=log") == (state, [])
    assert restore(dataset, state.to_dict()) == state  # back/forward and a reload restore it
    assert to_query(dataset, replace(state, scale="linear")) == "?focus=riga"  # the default is not written
    assert from_query(dataset, "?scale=ln") == (default_state(dataset), ["scale=ln (not one of: linear, log)"])
    assert restore(dataset, {**state.to_dict(), "scale": "cubic"}).scale == "linear"
    assert next_state(dataset, "scale-select", default_state(dataset), {"scale-select": "log"}).scale == "log"
