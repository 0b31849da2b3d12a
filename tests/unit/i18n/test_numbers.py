"""Numbers, percentages and dates in the current language (CLDR), with SI thousands in every language."""

import datetime as dt

import pytest

from dashboard.formatting import format_number, format_percent, format_value
from dashboard.i18n import long_date, plotly_separators, use_language

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(("lang", "number", "percent"), [
    ("en", f"1{NNBSP}234.5", "29%"),
    ("fi", f"1{NNBSP}234,5", f"29{NBSP}%"),
    ("de", f"1{NNBSP}234,5", f"29{NBSP}%"),
    ("pl", f"1{NNBSP}234,5", "29%"),
    ("ru", f"1{NNBSP}234,5", f"29{NBSP}%"),
    ("lv", f"1{NNBSP}234,5", "29%"),
])
def test_decimal_sign_and_percent_spacing_follow_cldr(lang, number, percent):
    with use_language(lang):
        assert format_number(1234.5, 1) == number
        assert format_percent(29) == percent


def test_missing_is_said_in_words_never_zero():
    assert format_number(float("nan")) == "no data"
    with use_language("qps"):
        assert format_number(None).startswith("[")


def test_qualifier_signs_stay_around_the_localised_number():
    with use_language("fi"):
        assert format_value(2.5, 1, "approx") == f"≈{NBSP}2,5"


def test_plotly_separators_and_dates():
    with use_language("fi"):
        assert plotly_separators() == f",{NNBSP}"
        assert long_date(dt.date(2026, 12, 7)) == "7. joulukuuta 2026"
    with use_language("pl"):
        assert long_date(dt.date(2026, 12, 7)) == "7 grudnia 2026"
    assert plotly_separators() == f".{NNBSP}"
