"""Messages in the current language: placeholders filled after translating, plurals by CLDR, a pseudo-language."""

from babel import Locale

from dashboard.i18n import PSEUDO, _, current_language, ngettext, pgettext, use_language
from dashboard.i18n.catalogs import plural_index, pseudo


def test_english_is_the_message_itself_with_its_placeholders_filled():
    assert _("{region} in {year}", region="Riga", year=2021) == "Riga in 2021"
    assert _("No {braces} are filled without values") == "No {braces} are filled without values"
    assert pgettext("measure", "Share") == "Share"


def test_english_plurals_follow_cldr():
    assert ngettext("{n} region", "{n} regions", 1) == "1 region"
    assert ngettext("{n} region", "{n} regions", 2) == "2 regions"
    assert ngettext("{n} million", "{n} millions", 1.3, n="1.3") == "1.3 millions"


def test_language_is_scoped_to_the_block():
    assert current_language() == "en"
    with use_language("fi") as code:
        assert code == "fi" and current_language() == "fi"
        with use_language("nonsense"):
            assert current_language() == "en"  # an unknown code writes English, never fails
        assert current_language() == "fi"
    assert current_language() == "en"


def test_pseudo_language_accents_lengthens_and_brackets_but_keeps_placeholders():
    text = pseudo("Population of {region} in {year:d}")
    assert text.startswith("[") and text.endswith("]")
    assert "{region}" in text and "{year:d}" in text
    assert "Population" not in text
    assert len(text) >= 1.4 * len("Population of  in ")
    with use_language(PSEUDO):
        assert _("{n} peers", n=3).startswith("[3 ")
        assert "Riga" in _("Focus: {region}", region="Riga")


def test_plural_index_has_four_forms_where_cldr_does():
    polish = Locale.parse("pl")
    assert [plural_index(polish, n) for n in (1, 3, 5, 22, 1.3)] == [0, 1, 2, 1, 3]
    russian = Locale.parse("ru")
    assert [plural_index(russian, n) for n in (1, 21, 2, 11, 1.5)] == [0, 0, 1, 2, 3]
    lithuanian = Locale.parse("lt")
    assert [plural_index(lithuanian, n) for n in (1, 2, 10, 1.5)] == [0, 1, 3, 2]
