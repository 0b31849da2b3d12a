"""What a view says (view_model) in the view's language: key figures, ranks, summaries, provenance."""

from __future__ import annotations

from dataclasses import replace

from dashboard.data import Dataset
from dashboard.i18n import use_language
from dashboard.state import default_state, with_edition
from dashboard.view_model import Provenance, chart_summary, kpi_lines, ordinal
from dashboard.views import CHARTS


def _english_ordinal(n: int) -> str:  # what view_model wrote before the language layer
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def test_english_ordinals_are_as_before() -> None:
    assert [ordinal(n) for n in range(1, 130)] == [_english_ordinal(n) for n in range(1, 130)]
    with use_language("qps"):
        assert ordinal(2).startswith("[") and "2" in ordinal(2)


def test_key_figures_are_written_and_cached_per_language(dataset: Dataset) -> None:
    state = with_edition(dataset, default_state(dataset), "recent")
    english = kpi_lines(dataset, state)
    with use_language("qps"):
        pseudo = kpi_lines(dataset, replace(state, lang="qps"))
    ranked = [(e, p) for e, p in zip(english, pseudo, strict=True) if e.standing is not None]
    assert ranked and all(p.standing.rank.startswith("[") and " of " in e.standing.rank for e, p in ranked)
    assert all(p.share.text.startswith("[") for p in pseudo if p.share is not None)
    assert kpi_lines(dataset, state) == english  # the English ones are still cached as English


def test_the_summary_and_provenance_are_in_the_language(dataset: Dataset) -> None:
    state = with_edition(dataset, default_state(dataset), "recent")
    with use_language("qps"):
        figure, meta = CHARTS.by_name("ranking").build(dataset, replace(state, lang="qps"))
        summary = chart_summary(meta, figure)
        provenance = Provenance(3, 4, "2026-12-07").text
    assert summary.startswith("[") and "Ranking" not in summary
    assert "Figures as of" not in provenance and "official statistics" not in provenance
    assert Provenance(1, 4, "").text.endswith("1 of 4 figures shown come from official statistics")
