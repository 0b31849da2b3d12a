"""The exports speak the view's language: their own words through the catalogs (the pseudo-language shows any
left in plain English), the file's language in its core properties, and the native charts' numbers with the
language's decimal sign (LibreOffice draws them so; its PDF is read back)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pptx.util import Inches

from dashboard.data import Dataset
from dashboard.export.all_data import all_data_file
from dashboard.export.deck import build_deck, secondary_mark
from dashboard.export.files import chart_name, data_file
from dashboard.export.images import SIZES as IMAGE_SIZES
from dashboard.export.images import decorate
from dashboard.export.naming import region_slug, view_file_stem
from dashboard.export.native_charts import NUMBER_FORMAT, native_chart, number_format
from dashboard.i18n import PSEUDO, current_language, use_language
from dashboard.state import default_state, with_edition
from dashboard.views import CHARTS
from tests.synthetic import build
from tests.unit.export.helpers import office_pdfs, pdf_words

TODAY = dt.date(2026, 12, 7)
BOX = (Inches(0.5), Inches(1.4), Inches(12.33), Inches(5.6))
# what the export modules themselves write in English: none of it may be left in the pseudo-language
DECK_WORDS = ("and its peers", "Compared with", "Baltic Metropoles dashboard", ": key figures", ": profile",
              "Sources", "Source:", "Caveats:", "No data:", "What is compared:", "titles in the notes")
README_WORDS = ("HOW TO CITE", "FILES", "NOTES", "COLUMNS", "COMPARED ON", "figures of the view",
                "Baltic Metropoles dashboard", "Text cells that a spreadsheet")


def _slides_text(data: bytes) -> list[str]:
    prs = Presentation(io.BytesIO(data))
    out = []
    for slide in prs.slides:
        text = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        text.append(slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else "")
        out.append("\n".join(text))
    return out


def test_the_deck_has_no_english_of_its_own_in_the_pseudo_language(dataset: Dataset) -> None:
    state = default_state(dataset, "baltmet")
    with use_language(PSEUDO):
        data = build_deck(dataset, state, TODAY)
    pages = _slides_text(data)
    for page, text in enumerate(pages):
        for words in DECK_WORDS:
            assert words not in text, (page, words)
    assert pages[0].count("[") >= 3  # title, peers and edition lines all came through the catalogs
    assert Presentation(io.BytesIO(data)).core_properties.language == PSEUDO


def test_the_deck_and_workbooks_carry_their_language(dataset: Dataset) -> None:
    state = default_state(dataset, "baltmet")
    with use_language("fi"):
        deck = build_deck(dataset, state, TODAY)
        _, view_book = data_file(dataset, state, "xlsx", TODAY)
        _, all_book = all_data_file(dataset, "all-xlsx", TODAY)
    assert Presentation(io.BytesIO(deck)).core_properties.language == "fi"
    assert "7. joulukuuta 2026" in _slides_text(deck)[0]  # the date as the language writes it
    for book in (view_book, all_book):
        assert load_workbook(io.BytesIO(book)).properties.language == "fi"
    english = build_deck(dataset, state, TODAY)
    assert Presentation(io.BytesIO(english)).core_properties.language == "en"


def test_readmes_have_no_english_of_their_own_in_the_pseudo_language(dataset: Dataset) -> None:
    state = default_state(dataset, "baltmet")
    with use_language(PSEUDO):
        _, package = data_file(dataset, state, "csv", TODAY)
        _, everything = all_data_file(dataset, "all-csv", TODAY)
        _, book = data_file(dataset, state, "xlsx", TODAY)
    for payload in (package, everything):
        archive = zipfile.ZipFile(io.BytesIO(payload))
        [readme] = [n for n in archive.namelist() if n.endswith("README.txt")]
        text = archive.read(readme).decode()
        for words in README_WORDS:
            assert words not in text, (readme, words)
        assert "2026-12-07" in text  # the date in ISO 8601, the same in every language
        header = archive.read(readme.replace("README.txt", "datapackage.json")).decode()
        assert "region_id" in header or '"name": "region"' in header  # the columns keep their ids
    about = load_workbook(io.BytesIO(book))["About"]
    labels = [row[0].value for row in about.iter_rows()]
    assert "Citation" not in labels and "Column" not in labels and "region" in labels  # ids stay ids


def test_the_charts_number_format_names_the_language_and_keeps_thin_space_thousands() -> None:
    assert number_format("en") == NUMBER_FORMAT and NUMBER_FORMAT.startswith("[$-409]")
    assert number_format("fi").startswith("[$-40B]") and number_format("ru").startswith("[$-419]")
    assert number_format(PSEUDO) == NUMBER_FORMAT  # the pseudo-language writes numbers as English does
    for code in ("en", "fi", "de", "nb", "pl"):
        assert number_format(code).count("\u202f") == 3 and number_format(code).endswith(";General")


def _decimal_chart(tmp_path: Path, code: str):
    regions = ("aa", "bb", "cc")
    data = build(tmp_path / code, [(r, "population", 2021, v, "metro") for r, v in zip(regions, (0.4, 0.9, 1.2),
                                                                                         strict=True)], regions)
    state = replace(default_state(data), focus="aa", peers=("bb", "cc"), edition="recent", indicator="population",
                    basis="eurostat_metro")
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    with use_language(code):
        figure, _ = CHARTS.by_name("ranking").build(data, state)
        chart = native_chart(prs.slides.add_slide(prs.slide_layouts[6]), "bars", BOX, figure, "aa")
    return prs, chart


@pytest.mark.parametrize("code", ["fi", "en"])
def test_the_embedded_data_and_the_axis_carry_the_languages_number_format(tmp_path: Path, code: str) -> None:
    prs, chart = _decimal_chart(tmp_path, code)
    assert chart.value_axis.tick_labels.number_format == number_format(code)
    path = tmp_path / f"{code}.pptx"
    prs.save(path)
    chart = Presentation(str(path)).slides[0].shapes[0].chart  # read back from the file
    book = load_workbook(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob))
    formats = {c.number_format for row in book.active.iter_rows(min_row=2, min_col=2) for c in row}
    assert formats == {number_format(code)}


def test_libreoffice_writes_the_axis_with_the_languages_decimal_sign(needs_office, tmp_path: Path) -> None:
    files = []
    for code in ("fi", "en"):
        prs, _ = _decimal_chart(tmp_path, code)
        prs.save(tmp_path / f"axis-{code}.pptx")
        files.append(tmp_path / f"axis-{code}.pptx")
    words = {code: {w.text for w in pdf_words(pdf)[1]} for code, pdf in zip(("fi", "en"),
                                                                              office_pdfs(files, tmp_path),
                                                                              strict=True)}
    comma, point = re.compile(r"\d+,\d+"), re.compile(r"\d+\.\d+")  # the axis: 0, 0,25 (0.25), 0,5 ...
    assert any(comma.fullmatch(w) for w in words["fi"]) and not any(point.fullmatch(w) for w in words["fi"])
    assert any(point.fullmatch(w) for w in words["en"]) and not any(comma.fullmatch(w) for w in words["en"])


def test_the_secondary_mark_follows_the_language() -> None:
    assert secondary_mark() == "(secondary copy)"
    with use_language(PSEUDO):
        mark = secondary_mark()
    assert mark and "secondary" not in mark


def test_a_chart_images_own_words_come_through_the_catalogs(dataset: Dataset) -> None:
    state = replace(with_edition(dataset, default_state(dataset), "recent"), indicator="gdp")
    with use_language(PSEUDO):
        figure, meta = CHARTS.by_name("ranking").build(dataset, state)
        fig = decorate(figure, meta, IMAGE_SIZES["slide"], TODAY)
    texts = " ".join(a.text for a in fig.layout.annotations)
    assert "December 7, 2026" in texts  # the export date as CLDR's English writes it (the pseudo-language's)
    for words in ("Exported", "Sources:", "Source:", "Not shown:", "titles in the data download"):
        assert words not in texts, words


def test_file_names_stay_ascii_and_english_in_every_language(dataset: Dataset, monkeypatch) -> None:
    state = default_state(dataset, "baltmet")
    english = (view_file_stem(dataset, state), chart_name(dataset, state, "ranking", "png"),
               region_slug(dataset, state.focus))
    region_name, indicator = Dataset.region_name, Dataset.indicator

    def russian_name(self, region_id: str) -> str:  # as a Russian data table would name every region
        return "Хельсинки" if current_language() == "ru" else region_name(self, region_id)

    def russian_indicator(self, indicator_id: str):
        record = indicator(self, indicator_id)
        return replace(record, short_label="Население") if current_language() == "ru" else record

    monkeypatch.setattr(Dataset, "region_name", russian_name)
    monkeypatch.setattr(Dataset, "indicator", russian_indicator)
    with use_language("ru"):
        assert dataset.region_name(state.focus) == "Хельсинки"  # the patch works
        assert (view_file_stem(dataset, state), chart_name(dataset, state, "ranking", "png"),
                region_slug(dataset, state.focus)) == english
    assert all(name.isascii() and name.startswith("helsinki") for name in english)  # files.profile_file's too

