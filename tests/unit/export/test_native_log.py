"""The deck's native trend and scatter on a log scale (issue 26): the value axes are logarithmic in the chart's
XML (c:scaling/c:logBase), from a power of ten to a power of ten, so PowerPoint draws them as the page does."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Inches

from dashboard.export.native_charts import log_scale, native_chart
from dashboard.state import default_state
from dashboard.views import CHARTS
from tests.synthetic import build

BOX = (Inches(0.5), Inches(1.5), Inches(12), Inches(5))


@pytest.fixture
def data(tmp_path: Path):
    return build(tmp_path, [
        *[(r, "population", y, v * (1 + (y - 2015) / 10), "metro")
          for r, v in (("aa", 1000), ("bb", 20000), ("cc", 300000)) for y in range(2015, 2019)],
        *[(r, "gdp", 2018, v, "metro") for r, v in (("aa", 40), ("bb", 900), ("cc", 0))],
        *[(r, "universities", 2018, n, "metro") for r, n in (("aa", 2), ("bb", 5), ("cc", 9))],
    ])


def _slide():
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    return prs.slides.add_slide(prs.slide_layouts[6])


def _scaling(axis) -> dict[str, str | None]:
    scaling = axis._element.scaling
    return {tag: (scaling.find(qn(f"c:{tag}")).get("val") if scaling.find(qn(f"c:{tag}")) is not None else None)
            for tag in ("logBase", "min", "max")}


def test_a_log_scale_runs_from_a_power_of_ten_to_a_power_of_ten() -> None:
    scale = log_scale(1000, 330000)
    assert (scale.minimum, scale.maximum, scale.log) == (1000, 1000000, True)
    assert scale.ticks() == [1000, 10000, 100000, 1000000]
    assert scale.fraction(10000) == pytest.approx(1 / 3)
    assert log_scale(5, 5).maximum > log_scale(5, 5).minimum


@pytest.mark.parametrize("scale", ["linear", "log"])
def test_the_native_trend_and_scatter_follow_the_scale(data, scale) -> None:
    state = replace(default_state(data), focus="aa", peers=("bb", "cc"), edition="recent", basis="eurostat_metro",
                    x="population", y="gdp", size="universities", year=2018, scale=scale)
    trend, _ = CHARTS.by_name("trend").build(data, state)
    chart = native_chart(_slide(), "lines", BOX, trend, "aa")
    if scale == "log":
        assert _scaling(chart.value_axis) == {"logBase": "10", "min": "1000.0", "max": "1000000.0"}
        assert chart.value_axis._element.find(qn("c:majorUnit")) is None  # a grid line every power of ten
    else:
        assert _scaling(chart.value_axis)["logBase"] is None
    scatter, _ = CHARTS.by_name("scatter").build(data, state)
    chart = native_chart(_slide(), "bubbles", BOX, scatter, "aa")
    logs = {_scaling(chart.category_axis)["logBase"], _scaling(chart.value_axis)["logBase"]}
    assert logs == ({"10"} if scale == "log" else {None})
    assert len(chart.plots[0].series) == (2 if scale == "log" else 3)  # cc's GDP of 0 is left out on log axes
