from dashboard.formatting import THOUSANDS, format_number, format_value, format_year


def test_thousands_separator() -> None:
    assert format_number(1_300_000) == f"1{THOUSANDS}300{THOUSANDS}000"
    assert format_number(39847.74, 2) == f"39{THOUSANDS}847.74"


def test_missing_is_never_zero() -> None:
    assert format_number(float("nan")) == "no data"


def test_qualifiers_and_years() -> None:
    assert format_value(1_800_000, 0, "lower_bound").startswith("≥")
    assert format_value(9, 0, "").startswith("9")
    assert format_year(2007, True) == "c.\u00a02007"
    assert format_year(2023, False) == "2023"
