"""The bundled figures compare like with like: each ranking on one kind of territory, marked where not."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dashboard.data import Dataset
from dashboard.data.schema import BASES, EDITIONS
from dashboard.state import default_state
from dashboard.views import CHARTS

KPIS = ["population", "employment", "gdp", "universities", "science_parks"]


@pytest.mark.parametrize("edition", list(EDITIONS))
@pytest.mark.parametrize("kpi", KPIS)
def test_each_default_ranking_compares_one_kind_of_territory_or_marks_the_others(dataset: Dataset, kpi: str,
                                                                               edition: str) -> None:
    state = replace(default_state(dataset), indicator=kpi, edition=edition, peers=tuple(dataset.region_ids))
    for basis in ("", *BASES):  # '' is the default basis of the indicator and edition
        fig, meta = CHARTS.by_name("ranking").build(dataset, replace(state, basis=basis))
        bar = fig["data"][0]
        kinds = {c[5].rsplit(" (", 1)[-1] for c in bar["customdata"]}
        if meta.comparability.basis != "reported":
            assert len(kinds) <= 1, (kpi, edition, basis, kinds)
            assert set(bar["marker"]["pattern"]["shape"]) <= {""}
        else:  # every bar of a minority kind is hatched and labelled with its kind on the bar itself
            odd = meta.comparability.odd
            for region, label, shape, row in zip((c[0] for c in bar["customdata"]), bar["y"],
                                                 bar["marker"]["pattern"]["shape"], bar["customdata"], strict=True):
                kind = row[5].rsplit(" (", 1)[-1].rstrip(")")
                assert (shape == "/") == (region in odd) and ((f" · {kind}" in label) == (region in odd))
    # and every bar of another year than most says its year (AUDIT item 8: Warsaw's 2022 GDP among 2021 ones)
    fig, meta = CHARTS.by_name("ranking").build(dataset, state)
    bar = fig["data"][0]
    for region, label, row in zip((c[0] for c in bar["customdata"]), bar["y"], bar["customdata"], strict=True):
        assert (f" · {row[4]}" in label) == (region in meta.comparability.other_year)


@pytest.mark.parametrize("kpi", ["population", "employment", "gdp"])
def test_the_recent_headline_kpis_default_to_a_like_with_like_basis(dataset: Dataset, kpi: str) -> None:
    assert dataset.default_basis(kpi, "recent") in ("eurostat_metro", "city")
