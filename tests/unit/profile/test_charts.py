"""The profile's population ranking says, on the bar's name, a kind of territory or a year unlike most."""

from __future__ import annotations

from pathlib import Path

from dashboard.profile.charts import rank_spec
from tests.unit.profile.synth import Row, build


def test_a_bar_of_another_year_than_most_says_its_year(tmp_path: Path) -> None:
    data = build(tmp_path / "d", [Row("aa", "population", 2021, 1000), Row("bb", "population", 2021, 2000),
                                  Row("cc", "population", 2021, 1500), Row("dd", "population", 2023, 3000)])
    names = rank_spec(data, "aa", ("bb", "cc", "dd"), "recent")["data"][0]["y"]
    assert names == ["AA", "CC", "BB", "DD · 2023"]
