"""The profile's rules on small made-up datasets: what is said, what is dropped, how it is derived."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.profile import build_profile, profile_blocks, profile_slide_lines
from tests.unit.profile.synth import BALTMET_LIKE, Row, build
from tests.unit.profile.trace import untraced

NBSP = str.maketrans({"\u202f": " ", "\u00a0": " "})

BASE = BALTMET_LIKE


def text(profile) -> str:
    return profile.text.translate(NBSP)


@pytest.fixture
def seedlike(tmp_path: Path):
    return build(tmp_path / "d", BASE)


def test_sentences_in_the_seeds_manner_with_year_and_territory(seedlike) -> None:
    profile = build_profile(seedlike, "aa", "baltmet", ("bb", "cc"))
    body = text(profile)
    assert "AA forms an area of 1.3 million inhabitants (c. 2007, AA fua)[1]" in body
    assert "including the core city, AA city, with 560 000[1]" in body
    # the territory is said again after the core city's figure, then not repeated
    assert "about one quarter (25%) of Finland's population[1], 29% of its jobs[1] and 34% of its " \
        "gross value" in body
    assert "9 universities (c. 2007, AA fua)[1] and 9 polytechnics" in body
    assert "with 100 000 students[1] and 9 000 academic staff[1]" in body
    assert "nearly 10 000 staff" in body and "More than 80% of the headquarters" in body
    assert "44% above the national average (index 144; national average = 100; c. 2007, AA fua)" in body
    assert [n.number for n in profile.footnotes] == [1] and profile.footnotes[0].text.startswith("Test office")
    assert not untraced(seedlike, profile)


def test_a_missing_figure_drops_its_sentence_never_a_zero(tmp_path: Path) -> None:
    rows = [r for r in BASE if r.indicator not in ("science_parks", "universities", "polytechnics", "students",
                                                   "academic_staff", "research_institute_staff")]
    profile = build_profile(build(tmp_path / "d", rows), "aa", "baltmet")
    assert [p.topic for p in profile.paragraphs] == ["size", "productivity", "structure"]
    body = text(profile)
    assert "universit" not in body and "park" not in body and " 0 " not in body
    parks = next(h for h in profile.headlines if h.indicator_id == "science_parks")
    assert parks.value == "" and parks.missing  # the card says why, the text says nothing


def test_a_share_is_computed_only_from_a_national_total_of_the_same_year(tmp_path: Path) -> None:
    rows = [Row("aa", "population", 2021, 600_000), Row("aa", "national_population", 2021, 2_400_000, "nat"),
            Row("bb", "population", 2021, 500_000), Row("bb", "national_population", 2024, 2_000_000, "nat")]
    data = build(tmp_path / "d", rows)
    assert "accounts for one quarter (25%) of Finland's population" in text(build_profile(data, "aa", "recent"))
    other = build_profile(data, "bb", "recent")
    assert "accounts for" not in text(other)  # 2021 figure, 2024 total: no share
    share = next(f for f in build_profile(data, "aa", "recent").facts if getattr(f, "rule", "") == "share")
    assert share.value == 25 and [i.indicator_id for i in share.inputs] == ["population", "national_population"]


def test_then_and_now_a_different_territory_is_not_growth(tmp_path: Path) -> None:
    rows = [Row("aa", "population", 2007, 1_300_000, "fua", "rounded", approx=True),
            Row("aa", "population", 2023, 1_733_033, "metro"),
            Row("aa", "population", 2007, 500_000, "city"), Row("aa", "population", 2022, 650_000, "city")]
    profile = build_profile(build(tmp_path / "d", rows), "aa", "recent")
    first, like = profile.then_now
    assert first.chunk.text.translate(NBSP) == ("Population: 1.3 million (c. 2007, AA fua) → 1.73 million (2023, "
                                                "AA metro); a different territory: the change is not growth")
    assert not first.same_territory
    assert like.like_for_like and like.same_territory and like.remark.translate(NBSP) == "the same territory: +30%"


def test_no_change_across_a_break_in_method_or_from_a_bound(tmp_path: Path) -> None:
    rows = [Row("aa", "population", 2007, 500_000, "city"), Row("aa", "population", 2022, 650_000, "city", "",
                                                                 series_break=True),
            Row("bb", "population", 2007, 500_000, "city", "lower_bound"), Row("bb", "population", 2022, 650_000,
                                                                               "city")]
    data = build(tmp_path / "d", rows)
    broken = build_profile(data, "aa", "recent").then_now[0]
    assert "changes method" in broken.remark and "%" not in broken.remark
    bound = build_profile(data, "bb", "recent").then_now[0]
    assert "bound" in bound.remark and "%" not in bound.remark


def test_gdp_per_inhabitant_against_the_peers_median_with_rank(tmp_path: Path) -> None:
    rows = []
    for region, gdp, pop in (("aa", 60_000, 1_000_000), ("bb", 40_000, 1_000_000), ("cc", 30_000, 1_000_000),
                             ("dd", 50_000, 2_000_000)):
        rows += [Row(region, "gdp", 2021, gdp), Row(region, "population", 2021, pop)]
    data = build(tmp_path / "d", rows)
    profile = build_profile(data, "aa", "recent", ("aa", "bb", "cc", "dd"))
    body = text(profile)
    # peers: 40 000, 30 000, 25 000 EUR per inhabitant -> median 30 000; aa 60 000 is 100% above, rank 1 of 4
    assert "GDP per inhabitant is EUR 60 000 (GDP divided by the population of the same territory and year; " \
           "2021, AA metro)" in body
    assert "100% above the median of 3 peers with a figure (EUR 30 000; Eurostat metropolitan regions, 2021), " \
           "rank 1 of 4" in body
    assert profile.peers == ("bb", "cc", "dd")  # the region is never its own peer
    assert not untraced(data, profile)
    alone = build_profile(data, "aa", "recent", ("bb",))  # one peer: no median
    assert "median" not in text(alone) and "EUR 60 000" in text(alone)


def test_uploaded_figures_flow_in_and_say_your_data(tmp_path: Path) -> None:
    rows = [Row("aa", "population", 2021, 600_000), Row("aa", "population", 2021, 650_000, "metro", source="mine")]
    rows[0] = Row("aa", "population", 2020, 600_000)
    rows.append(Row("aa", "science_parks", 2021, 7, source="copy"))
    profile = build_profile(build(tmp_path / "d", rows), "aa", "recent")
    body = text(profile)
    assert "650 000 inhabitants" in body and "7 science and technology parks" in body
    mine = next(n for n in profile.footnotes if n.source_id == "mine")
    assert mine.user and mine.text.startswith("Your data — My office: My table")
    copy = next(n for n in profile.footnotes if n.source_id == "copy")
    assert copy.text.endswith("(secondary copy)") and not copy.user


def test_user_figure_wins_over_the_bundled_one_of_the_same_year(tmp_path: Path) -> None:
    rows = [Row("aa", "population", 2021, 600_000, "metro"), Row("aa", "population", 2021, 640_000, "fua",
                                                                 source="mine")]
    profile = build_profile(build(tmp_path / "d", rows), "aa", "recent")
    assert "640 000 inhabitants" in text(profile) and "600 000" not in text(profile)


def test_blocks_and_slide_lines_are_plain_data_of_the_same_text(seedlike) -> None:
    profile = build_profile(seedlike, "aa", "baltmet", ("bb",))
    blocks = profile_blocks(profile)
    assert [p["topic"] for p in blocks["paragraphs"]] == [p.topic for p in profile.paragraphs]
    parts = blocks["paragraphs"][0]["parts"]
    assert all(isinstance(t, str) and isinstance(n, tuple) for t, n in parts)
    assert "".join(t for t, _ in parts) == profile.paragraphs[0].text
    assert blocks["footnotes"][0]["number"] == 1 and blocks["headlines"][0]["value"] == "1.3 million"
    lines = [line.translate(NBSP) for line in profile_slide_lines(profile)]
    assert lines[0] == "Population: 1.3 million (c. 2007, AA fua)"
    assert "Share of Finland: population about 25%, jobs 29%, GVA 34% (c. 2007, AA fua)" in lines


def test_a_slide_line_gives_each_share_its_own_year_and_territory(tmp_path: Path) -> None:
    rows = [Row("aa", "population", 2023, 800_000), Row("aa", "share_national_population", 2023, 40),
            Row("aa", "share_national_gva", 2017, 50, "city", "approx")]
    profile = build_profile(build(tmp_path / "d", rows), "aa", "recent")
    line = profile_slide_lines(profile)[-1].translate(NBSP)
    assert line == "Share of Finland: population 40% (2023, AA metro), GVA about 50% (2017, AA city)"


def test_unknown_region_or_edition_raises(seedlike) -> None:
    with pytest.raises(KeyError):
        build_profile(seedlike, "zz", "baltmet")
    with pytest.raises(KeyError):
        build_profile(seedlike, "aa", "1999")


def test_an_upload_reaches_the_profile_through_the_pages_own_path(dataset) -> None:
    """A table uploaded on the page (dashboard.upload) gives figures the profile states and cites as yours."""
    import base64

    from dashboard.upload import dataset_for, parse_upload

    table = "region_id,indicator_id,year,value,territory\nriga,science_parks,2023,3,City of Riga\n"
    contents = "data:text/csv;base64," + base64.b64encode(table.encode()).decode()
    outcome = parse_upload(contents, "parks.csv", dataset)
    merged = dataset_for(dataset, outcome.payload)
    profile = build_profile(merged, "riga", "recent", tuple(merged.region_ids))
    assert "Riga has 3 science and technology parks (2023, City of Riga)" in text(profile)
    yours = [n for n in profile.footnotes if n.user]
    assert len(yours) == 1 and yours[0].text.startswith("Your data: Your upload: parks.csv")
    assert not untraced(merged, profile)



def test_a_territory_named_in_a_clause_does_not_become_the_subject(tmp_path) -> None:
    """'including the core city, X, with N' names the city for that clause only: the next figure of the city
    says whose it is (Berlin's 2.2 million jobs were Land Berlin's, in a sentence about the metro region)."""
    from dashboard.profile.writer import Notes, Writer
    from tests.synthetic import build

    data = build(tmp_path, [("aa", "population", 2021, 1_000_000, "metro"), ("aa", "population", 2021, 600_000, "city"),
                            ("aa", "gdp", 2021, 40_000, "city")])
    metro = data.figure("aa", "population", "recent", basis="eurostat_metro")
    city = data.figure("aa", "population", "recent", basis="city")
    city_gdp = data.figure("aa", "gdp", "recent", basis="city")
    w = Writer(Notes(data))
    w.say("AA forms an area of ").fact("1 million inhabitants", metro)
    w.say(", including the core city, ").fact(f"{city.territory}, with 600 000", city, named=True)
    w.say(". It has ").fact("a GDP of 40 000", city_gdp)
    text = "".join(c.text for c in w.chunks)
    assert text.endswith(f"a GDP of 40 000 ({city_gdp.territory})"), text
