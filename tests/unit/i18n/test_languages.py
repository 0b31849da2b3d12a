"""Which language a browser's Accept-Language picks, and which codes are ours."""

import pytest

from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES, PSEUDO, best_match, is_language, language_in_query


@pytest.mark.parametrize(("header", "expected"), [
    ("fi-FI,fi;q=0.9,en;q=0.8", "fi"),
    ("en-GB,en;q=0.9,de;q=0.8", "en"),
    ("fr-FR,de;q=0.5", "de"),  # French is not ours: the next wish that is
    ("de;q=0.2, pl;q=0.9", "pl"),  # quality, not order
    ("no", "nb"), ("nn-NO", "nb"),  # browsers name Norwegian 'no' or 'nn'
    ("ru-RU", "ru"), ("LV", "lv"),
    ("", DEFAULT_LANGUAGE), (None, DEFAULT_LANGUAGE), ("*", DEFAULT_LANGUAGE), ("fr", DEFAULT_LANGUAGE),
    ("de;q=0", DEFAULT_LANGUAGE),  # q=0: not acceptable
    ("de;q=abc, sv", "sv"),  # a malformed entry is skipped
])
def test_best_match(header, expected):
    assert best_match(header) == expected


def test_best_match_reads_a_bounded_header():
    assert best_match("x-" * 100_000 + ",fi") == DEFAULT_LANGUAGE  # the wish after the limit is not read


def test_eleven_languages_each_named_in_itself():
    assert len(LANGUAGES) == 11
    assert LANGUAGES["fi"] == "Suomi" and LANGUAGES["ru"] == "Русский" and LANGUAGES["lv"] == "Latviešu"
    assert all(is_language(code) for code in LANGUAGES) and is_language(PSEUDO)
    assert not is_language("xx") and not is_language(None) and not is_language("")


@pytest.mark.parametrize(("query", "expected"), [
    ("?focus=riga&lang=fi", "fi"),
    ("lang=de&lang=fi", "fi"),  # the last one, as the URL parser reads every setting
    ("lang=%20pl%20", "pl"),  # trimmed
    ("lang=xx", None), ("", None), (None, None), (42, None),
    ("&".join(f"x{i}=1" for i in range(60)) + "&lang=lv", "lv"),  # many fields: read, never an error
])
def test_language_in_query(query, expected):
    assert language_in_query(query) == expected
