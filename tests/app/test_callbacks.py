"""State transitions behind the callbacks, as pure functions: clicks, presets, edition, year."""

from __future__ import annotations

from dataclasses import replace

from dashboard.callbacks import next_state, normalise
from dashboard.data import Dataset
from dashboard.presets import preset_members
from dashboard.state import default_state
from dashboard.views import CHARTS


def click(region_id: str) -> dict:
    return {"points": [{"customdata": [region_id, "Name"]}]}


def test_a_click_in_any_chart_sets_the_focus(dataset: Dataset) -> None:
    start = default_state(dataset, "baltmet")
    for chart in (f"chart-{view.name}" for view in CHARTS):
        assert next_state(dataset, chart, start, {chart: click("riga")}).focus == "riga"


def test_a_click_on_nothing_known_changes_nothing(dataset: Dataset) -> None:
    start = default_state(dataset, "baltmet")
    assert next_state(dataset, "chart-map", start, {"chart-map": click("atlantis")}) == start
    assert next_state(dataset, "chart-map", start, {"chart-map": None}) == start


def test_preset_sets_the_peers(dataset: Dataset) -> None:
    state = next_state(dataset, {"type": "preset", "id": "nordic"}, default_state(dataset, "baltmet"), {})
    assert state.peers == ("copenhagen", "helsinki", "oslo", "stockholm")
    assert state.peers == preset_members(dataset, "nordic")


def test_edition_change_resets_the_year(dataset: Dataset) -> None:
    start = replace(default_state(dataset, "baltmet"), year=2007)
    state = next_state(dataset, "edition-select", start, {"edition-select": "recent"})
    assert state.edition == "recent" and state.year is None


def test_year_choice(dataset: Dataset) -> None:
    state = next_state(dataset, "year-slider", default_state(dataset, "baltmet"), {"year-slider": 2009})
    assert state.year == 2009
    assert next_state(dataset, "year-mode", state, {"year-mode": "latest", "year-slider": 2009}).year is None


def test_a_measure_that_does_not_apply_falls_back_to_absolute(dataset: Dataset) -> None:
    start = replace(default_state(dataset, "baltmet"), indicator="population", measure="per_capita")
    state, notes = normalise(dataset, start)
    assert state.measure == "absolute" and notes == []


def test_a_year_without_figures_is_dropped_with_a_note(dataset: Dataset) -> None:
    state, notes = normalise(dataset, replace(default_state(dataset, "baltmet"), year=2023))
    assert state.year is None and notes == ["year=2023 (no population figure for that year in this edition)"]


def test_presentation_steps(dataset: Dataset) -> None:
    state = next_state(dataset, "present-open", replace(default_state(dataset, "baltmet"), peers=("oslo", "riga")), {})
    assert state.present and state.slide == "kpis"
    state = next_state(dataset, "present-next", state, {})
    first, *_, last = (view.name for view in CHARTS)  # the key figures, then the charts in the registry's order
    assert state.slide == first
    assert next_state(dataset, "present-prev", next_state(dataset, "present-prev", state, {}), {}).slide == last
    # Up/down walk the compared regions (focus included), wrapping round.
    assert [r for r in state.regions] == ["helsinki", "oslo", "riga"]
    down = next_state(dataset, "present-down", state, {})
    assert down.focus == "oslo" and next_state(dataset, "present-up", state, {}).focus == "riga"
    assert not next_state(dataset, "present-exit", state, {}).present


def test_theme_toggle(dataset: Dataset) -> None:
    state = next_state(dataset, "theme-toggle", default_state(dataset, "baltmet"), {"theme-toggle": True})
    assert state.theme == "contrast"
