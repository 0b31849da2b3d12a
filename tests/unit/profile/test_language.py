"""The profile in another language: every sentence is a catalog message (the pseudo-language shows any that is
not), numbers in the language's manner, region and country names in the form each sentence needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.i18n import use_language
from dashboard.profile import build_profile, profile_blocks
from dashboard.profile.build import rule_lines, subtitle
from dashboard.profile.wording import place_values, plain, quantity
from tests.unit.profile.synth import BALTMET_LIKE, Row, build

SEED = [*BALTMET_LIKE[:-1], Row("aa", "services_share_jobs", 2007, 80, "fua", approx=True), BALTMET_LIKE[-1]]
RECENT = [Row(region, indicator, 2021, value) for region, gdp, pop in
          (("aa", 60_000, 1_000_000), ("bb", 40_000, 1_000_000), ("cc", 30_000, 1_000_000), ("dd", 50_000, 2_000_000))
          for indicator, value in (("gdp", gdp), ("population", pop))]
THEN_NOW = [Row("aa", "population", 2023, 1_733_033, "metro"), Row("aa", "population", 2022, 650_000, "city")]


def outside_brackets(text: str) -> str:
    """What ``text`` says outside any [...] (the pseudo-language's mark of a catalog message)."""
    depth, out = 0, []
    for ch in text:
        depth += ch == "["
        if depth == 0:
            out.append(ch)
        depth -= ch == "]" and depth > 0
    return "".join(out)


@pytest.fixture
def data(tmp_path: Path):
    return build(tmp_path / "d", SEED + RECENT + THEN_NOW)


@pytest.mark.parametrize("edition", ["baltmet", "recent"])
def test_no_sentence_of_the_profile_is_left_in_plain_english(data, edition: str) -> None:
    with use_language("qps"):
        profile = build_profile(data, "aa", edition, ("bb", "cc", "dd"))
        texts = [p.text for p in profile.paragraphs] + [r.chunk.text for r in profile.then_now]
        texts += [profile.title, subtitle(profile), *rule_lines(profile), *(p.heading for p in profile.paragraphs)]
        texts += [n.text for n in profile.footnotes if n.user or n.secondary]
        blocks, title = profile_blocks(profile), profile.title
    assert len(profile.paragraphs) >= (5 if edition == "baltmet" else 2) and profile.then_now
    for text in texts:
        assert "[" in text, text
        assert not outside_brackets(text).strip(), text  # every sentence is inside its message's brackets
    assert blocks["title"] == title and all("[" in p["heading"] for p in blocks["paragraphs"])


def test_the_english_sentences_are_as_before(data) -> None:
    """The same data in English: the messages' English is the profile's wording."""
    profile = build_profile(data, "aa", "recent", ("bb", "cc", "dd"))
    body = profile.text.translate(str.maketrans({"\u202f": " ", "\u00a0": " "}))
    assert "100% above the median of 3 peers with a figure (EUR 30 000; Eurostat metropolitan regions, 2021), " \
           "rank 1 of 4." in body
    assert "Population: 1.3 million (c. 2007, AA fua) → 1.73 million (2023, AA metro); a different territory" in body


def test_numbers_take_the_languages_decimal_sign_and_percent() -> None:
    with use_language("fi"):
        assert plain(52.8) == "52,8"
        assert quantity(80, "lower_bound", "%").replace("\u00a0", " ").endswith("80 %")
    with use_language("en"):
        assert plain(52.8) == "52.8" and quantity(80, "", "%") == "80%"


def test_place_names_come_from_the_dataset_in_each_form(data) -> None:
    """Each form is the Dataset's (region_text / country_text): English without a translation, the language's
    own where its table has one."""
    assert place_values(data, "aa") == {
        "region": "AA", "region_genitive": "AA's", "in_region": "in AA", "country": "Finland",
        "country_genitive": "Finland's", "in_country": "in Finland"}

    class Forms:
        def __init__(self, inner) -> None:
            self.inner = inner

        def __getattr__(self, name):
            return getattr(self.inner, name)

        def region_text(self, region_id: str, form: str) -> str:
            return {"name": "Helsinki", "in_name": "Helsingissä", "genitive": "Helsingin"}[form]

        def country_text(self, code: str, form: str) -> str:
            assert code == "FI"
            return {"name": "Suomi", "in_name": "Suomessa", "genitive": "Suomen"}[form]

    assert place_values(Forms(data), "aa") == {
        "region": "Helsinki", "in_region": "Helsingissä", "region_genitive": "Helsingin", "country": "Suomi",
        "in_country": "Suomessa", "country_genitive": "Suomen"}


def test_the_pdf_font_draws_every_languages_letters() -> None:
    from dashboard.profile.fonts import DEJAVU, drawable, register

    if not (DEJAVU / "DejaVuSans.ttf").exists():
        pytest.skip("DejaVu Sans is not installed (the PDF falls back to Vera, letters without accents)")
    known = register()
    letters = "āčēģīķļņšūž ąęėįų ćłńóśźż õäöü åæø ß ЖжЁёЩщЫыЭэЮюЯя ≈≥≤→"
    assert [ch for ch in letters if ch != " " and ord(ch) not in known] == []
    assert drawable("Rīga · Вильнюс") == "Rīga · Вильнюс"


def test_a_translation_that_drops_a_placeholder_still_cites_its_facts(data) -> None:
    """The writer closes a chunk where the translation puts each stated value; one it left out is cited at the
    sentence's end rather than lost."""
    from dashboard.profile.writer import Notes, Writer, stated

    figure = data.figure("aa", "population", "recent")
    w = Writer(Notes(data))
    w.sentence("Die Region hat {inhabitants} Einwohner.".format(**w.slots(inhabitants=stated("1,73 Mio.", figure))))
    assert [c.text for c in w.chunks] == ["Die Region hat 1,73 Mio. (2023, AA metro)"] and w.chunks[0].notes == (1,)
    w.sentence("Ohne Zahl.".format(**w.slots(inhabitants=stated("1,73 Mio.", figure))))
    assert w.chunks[-1].facts == (figure,) and w.chunks[-1].notes == (1,)
