"""Numbers as the BaltMet profiles write them."""

from __future__ import annotations

from dashboard.profile.wording import context, millions, percent, plain, quantity, territory_phrase

NBSP = str.maketrans({"\u202f": " ", "\u00a0": " "})


def test_millions_keep_three_significant_digits_at_most() -> None:
    assert millions(1_300_000) == "1.3 million"
    assert millions(1_733_033) == "1.73 million"
    assert millions(12_345_678) == "12.3 million"
    assert millions(5_000_000) == "5 million"


def test_qualifiers_become_words() -> None:
    assert quantity(1_300_000, "rounded").translate(NBSP) == "1.3 million"
    assert quantity(700_000, "approx").translate(NBSP) == "about 700 000"
    assert quantity(10_000, "upper_bound").translate(NBSP) == "nearly 10 000"
    assert quantity(80, "lower_bound", "%").translate(NBSP) == "more than 80%"
    assert quantity(98_660, "", "EUR million").translate(NBSP) == "EUR 98 660 million"


def test_common_fractions_are_named_with_their_number() -> None:
    assert percent(25, "approx").translate(NBSP) == "about one quarter (25%)"
    assert percent(67, "").translate(NBSP) == "two thirds (67%)"
    assert percent(29, "").translate(NBSP) == "29%"
    assert percent(25.5, "").translate(NBSP) == "25.5%"  # not a quarter


def test_plain_numbers_are_as_given() -> None:
    assert plain(52.8) == "52.8" and plain(3.21) == "3.21" and plain(560_000).translate(NBSP) == "560 000"


def test_territory_in_a_parenthesis_has_none_of_its_own() -> None:
    assert territory_phrase("Helsinki Region (12 municipalities)") == "Helsinki Region, 12 municipalities"
    assert context(2007, True, "Helsinki Region (12 municipalities)").translate(NBSP) == \
        " (c. 2007, Helsinki Region, 12 municipalities)"
