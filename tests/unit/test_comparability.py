import pytest

from dashboard.comparability import assess
from dashboard.data import Dataset
from dashboard.figures.common import marked_label
from dashboard.measures import Point


def test_city_against_metro_and_years_apart_are_flagged(dataset: Dataset) -> None:
    pts = [Point("helsinki", 1.0, 2007, territory="Helsinki Region", territory_kind="eurostat_metro"),
           Point("riga", 2.0, 2012, territory="City of Riga", territory_kind="city")]
    result = assess(dataset, pts)
    assert [b for b, _ in result.badges] == ["Mixed territories", "Years 2007–2012"]
    assert "Core city: Riga (City of Riga, 2012)" in result.footnote


def test_like_with_like_has_no_badge(dataset: Dataset) -> None:
    pts = [Point("helsinki", 1.0, 2021, territory_kind="eurostat_metro"),
           Point("oslo", 2.0, 2023, territory_kind="eurostat_metro"), Point("riga", None, None)]
    result = assess(dataset, pts)
    assert result.badges == [] and not result.mixed_territories and result.odd == frozenset()
    same_year = assess(dataset, [Point("helsinki", 1.0, 2021, territory_kind="eurostat_metro"),
                                 Point("oslo", 2.0, 2021, territory_kind="eurostat_metro")])
    assert same_year.footnote == "" and same_year.other_year == frozenset()


def test_a_figure_of_another_year_than_most_is_named_and_marked(dataset: Dataset) -> None:
    # AUDIT item 8: a 2022 GDP among 2021 ones is a year of growth ahead; the mark says its year
    pts = [Point("helsinki", 1.0, 2021, territory_kind="eurostat_metro"),
           Point("oslo", 2.0, 2021, territory_kind="eurostat_metro"),
           Point("riga", 3.0, 2022, territory_kind="eurostat_metro", year_approx=True), Point("tallinn", None, None)]
    result = assess(dataset, pts)
    assert result.other_year == {"riga"} and result.badges == []  # within MAX_YEAR_SPREAD: no badge, but said
    assert result.footnote == "Not 2021: Riga c.\u00a02022 (the year is on the mark)."
    assert marked_label(dataset, pts[2], result) == "Riga · c.\u00a02022"
    assert marked_label(dataset, pts[0], result) == "Helsinki"
    # no year shared by more than half: every mark says its year
    tie = assess(dataset, pts[:1] + pts[2:3])
    assert tie.other_year == {"helsinki", "riga"} and "each mark carries its year" in tie.footnote
    # a trend (years by design) and a scatter (two indicators) mark no year
    assert assess(dataset, pts, years="none").other_year == frozenset()
    assert assess(dataset, pts, years="none").footnote == ""
    assert assess(dataset, pts, years="listed").other_year == frozenset()
    with pytest.raises(ValueError):
        assess(dataset, pts, years="sometimes")


def test_a_trend_names_each_region_territory_once(dataset: Dataset) -> None:
    pts = [Point("helsinki", float(y), y, territory="Uusimaa", territory_kind="eurostat_metro") for y in (2021, 2022)]
    pts += [Point("riga", float(y), y, territory="City of Riga", territory_kind="city") for y in (2021, 2022, 2023)]
    footnote = assess(dataset, pts, years="none").footnote
    assert footnote.count("Riga (City of Riga)") == 1 and "2022" not in footnote


def test_the_minority_kind_is_marked_on_its_mark(dataset: Dataset) -> None:
    pts = [Point("helsinki", 1.0, 2021, territory_kind="eurostat_metro"),
           Point("oslo", 2.0, 2021, territory_kind="eurostat_metro"), Point("riga", 3.0, 2021, territory_kind="city")]
    result = assess(dataset, pts, "reported")
    assert result.majority_kind == "eurostat_metro" and result.odd == {"riga"}
    assert result.basis_label == "Compared on: as each region reports"


def test_a_tie_of_kinds_leaves_no_unmarked_norm(tmp_path) -> None:
    from dashboard.comparability import assess
    from dashboard.measures import points
    from tests.synthetic import build

    data = build(tmp_path, [("aa", "population", 2021, 1, "city"), ("bb", "population", 2021, 2, "city"),
                            ("cc", "population", 2021, 3, "metro"), ("dd", "population", 2021, 4, "metro")])
    compared = assess(data, points(data, ("aa", "bb", "cc", "dd"), "population", "recent", "absolute"), "reported")
    assert compared.majority_kind == "" and compared.odd == {"aa", "bb", "cc", "dd"}
    three = build(tmp_path / "b", [("aa", "population", 2021, 1, "city"), ("bb", "population", 2021, 2, "metro"),
                                   ("cc", "population", 2021, 3, "metro")])
    compared = assess(three, points(three, ("aa", "bb", "cc"), "population", "recent", "absolute"), "reported")
    assert compared.majority_kind == "eurostat_metro" and compared.odd == {"aa"}
