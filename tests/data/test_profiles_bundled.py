"""Every region's profile in both editions, on the bundled data: every number traced to the figures."""

from __future__ import annotations

import pytest

from dashboard.data import Dataset
from dashboard.profile import build_profile, profile_slide_lines
from dashboard.profile.model import Chunk, Paragraph
from tests.unit.profile.trace import names, text_problems, untraced

EDITIONS = ("baltmet", "recent")


def _all(dataset: Dataset, region: str, edition: str):
    return build_profile(dataset, region, edition, tuple(dataset.region_ids))


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_number_of_every_profile_is_traced_to_figures(dataset: Dataset, edition: str) -> None:
    problems, stated = [], 0
    for region in dataset.region_ids:
        profile = _all(dataset, region, edition)
        problems += [f"{region}: {p}" for p in untraced(dataset, profile)]
        pool = profile.facts
        for line in profile_slide_lines(profile):
            problems += [f"{region} slide: {p}" for p in text_problems(line, pool, names(dataset))]
        stated += len(pool)
    assert not problems, "\n".join(problems[:20])
    assert stated > 100  # the profiles do say things (about 150 facts in each edition)


def test_the_tracer_catches_an_invented_number(dataset: Dataset) -> None:
    """A number that no figure gives (here 1.4 million for 1.3 million) is reported, and a rounded one too."""
    profile = _all(dataset, "helsinki", "baltmet")
    first = profile.paragraphs[0].chunks[0]
    forged = Chunk(first.text.replace("1.3 million", "1.4 million"), first.notes, first.facts)
    assert text_problems(forged.text, forged.facts, names(dataset))
    forged = Chunk(first.text.replace("1.3 million", "1 300 001"), first.notes, first.facts)
    assert text_problems(forged.text, forged.facts, names(dataset))
    unsourced = Paragraph("size", "x", (Chunk(first.text, (), first.facts),))
    from dataclasses import replace
    assert untraced(dataset, replace(profile, paragraphs=(unsourced,)))


def test_helsinki_c2007_reads_as_its_baltmet_inno_profile(dataset: Dataset) -> None:
    """The seed's numbers: 1.3 million, one quarter, 29%, 34%, 9 + 9, 100 000 students, 9 000 staff, 4 parks."""
    profile = _all(dataset, "helsinki", "baltmet")
    text = profile.text.replace("\u202f", " ").replace("\u00a0", " ")
    for phrase in ("1.3 million inhabitants (c. 2007, Helsinki Region, 12 municipalities)",
                   "City of Helsinki, with 560 000", "one quarter (25%) of Finland's population", "29% of its jobs",
                   "34% of its gross value added", "9 universities", "9 polytechnics", "100 000 students",
                   "9 000 academic staff", "4 science and technology parks", "nearly 10 000 staff",
                   "44% above the national average", "10 business incubators", "More than 80% of the headquarters",
                   "two thirds (67%) of the foreign companies"):
        assert phrase in text, phrase
    seed = next(n for n in profile.footnotes if n.source_id == "baltmet_inno_helsinki_profile")
    assert seed.number == 1 and "inno.baltmet.org" in seed.text


def test_then_and_now_says_when_the_territory_differs(dataset: Dataset) -> None:
    profile = _all(dataset, "helsinki", "recent")
    population = [r for r in profile.then_now if r.indicator_id == "population"]
    first = population[0].chunk.text.replace("\u202f", " ").replace("\u00a0", " ")
    assert first.startswith("Population: 1.3 million (c. 2007, Helsinki Region, 12 municipalities) → 1.78 million "
                            "(2025, Helsinki-Uusimaa")
    assert "a different territory: the change is not growth" in first
    like = population[1]  # the core city has figures in both editions: compared with itself
    assert like.like_for_like and like.same_territory and "+22" in like.remark


def test_secondary_copies_are_marked_in_the_footnotes(dataset: Dataset) -> None:
    profile = _all(dataset, "riga", "recent")
    secondary = [n for n in profile.footnotes if dataset.is_secondary(n.source_id)]
    assert secondary and all(n.text.endswith("(secondary copy)") for n in secondary)
    assert all("secondary copy" not in n.text for n in profile.footnotes if not n.secondary)
