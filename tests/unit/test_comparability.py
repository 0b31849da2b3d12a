from dashboard.comparability import assess
from dashboard.data import Dataset
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
    assert result.badges == [] and result.footnote == ""


def test_the_minority_kind_is_marked_on_its_mark(dataset: Dataset) -> None:
    pts = [Point("helsinki", 1.0, 2021, territory_kind="eurostat_metro"),
           Point("oslo", 2.0, 2021, territory_kind="eurostat_metro"), Point("riga", 3.0, 2021, territory_kind="city")]
    result = assess(dataset, pts, "reported")
    assert result.majority_kind == "eurostat_metro" and result.odd == {"riga"}
    assert result.basis_label == "Compared on: as each region reports"
