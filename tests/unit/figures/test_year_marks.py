"""A figure of another year than most says its year on its mark: the ranking's name, the map's value line."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from dashboard.state import default_state
from dashboard.views import CHART_BY_NAME
from tests.synthetic import build


def test_the_odd_year_is_on_the_bar_and_on_the_map_label(tmp_path: Path) -> None:
    data = build(tmp_path, [("aa", "population", 2021, 1000, "metro"), ("bb", "population", 2021, 2000, "metro"),
                            ("cc", "population", 2021, 1500, "metro"), ("dd", "population", 2023, 3000, "metro")])
    state = replace(default_state(data), focus="aa", peers=("bb", "cc", "dd"), edition="recent",
                    indicator="population", basis="eurostat_metro")
    bar = CHART_BY_NAME["ranking"].build(data, state)[0]["data"][0]
    assert [y.replace("<b>", "").replace("</b>", "") for y in bar["y"]] == ["AA", "CC", "BB", "DD · 2023"]
    spec, meta = CHART_BY_NAME["map"].build(data, state)
    labels = dict(zip((c[0] for c in spec["data"][0]["customdata"]), spec["data"][0]["text"], strict=True))
    assert labels["dd"].split("<br>")[0] == "DD" and labels["dd"].endswith("(2023)")  # the name line stays short
    assert "(20" not in labels["bb"]
    assert "Not 2021: DD 2023" in meta.comparability.footnote
