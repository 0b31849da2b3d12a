"""The printable profile: one A4 page from the CLI, and the booklet (rendered once each; kaleido draws the charts)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.data import Dataset
from dashboard.profile import booklet_pdf

A4 = (595.28, 841.89)
pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils (scripts/test.sh)")


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def page_text(pdf: Path, page: int, mode: str = "-layout") -> str:
    """The page's text (``-raw``: in drawing order, so table cells and footnote columns are not interleaved)."""
    return run("pdftotext", mode, "-f", str(page), "-l", str(page), str(pdf), "-").replace("\u202f", " ")


def words_off_page(pdf: Path) -> list[str]:
    """Words whose box leaves the A4 page or comes within 5 mm of its edge (the page footer sits at 9 mm)."""
    xml = run("pdftotext", "-bbox", str(pdf), "-")
    margin = 14  # 5 mm; the text's margins are 13 mm
    off = []
    for x0, y0, x1, y1, word in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                                           r"(.*?)</word>", xml):
        if float(x0) < margin or float(y0) < margin or float(x1) > A4[0] - margin or float(y1) > A4[1] - margin:
            off.append(word)
    return off


@pytest.fixture(scope="module")
def riga_page(tmp_path_factory, needs_chromium) -> Path:
    out = tmp_path_factory.mktemp("profile")
    assert main(["profile", "--region", "riga", "--edition", "recent", "--format", "pdf", "--out", str(out)]) == 0
    return out / "riga_profile_recent.pdf"


def test_one_a4_page_with_text_cards_table_charts_and_sources(riga_page: Path) -> None:
    info = run("pdfinfo", str(riga_page))
    assert re.search(r"Pages:\s+1\n", info) and "595.276 x 841.89 pts (A4)" in info
    assert "Title:           Riga: region profile" in info
    text = page_text(riga_page, 1)
    for phrase in ("Riga: region profile", "Size and weight in the country", "Then and now", "Sources",
                   "composition assumed", "a different territory: the change", "(secondary copy)"):
        assert phrase in text, phrase
    assert len(run("pdfimages", "-list", str(riga_page)).splitlines()) - 2 >= 2  # rank chart and trend
    assert not words_off_page(riga_page)


def test_every_footnote_of_the_profile_is_printed(riga_page: Path, dataset: Dataset) -> None:
    from dashboard.profile import build_profile

    profile = build_profile(dataset, "riga", "recent", tuple(dataset.region_ids))
    text = " ".join(page_text(riga_page, 1, "-raw").split())
    for note in profile.footnotes:
        assert " ".join(note.title.split())[:25] in text, note.title


def test_booklet_cover_a_page_per_region_and_comparison_with_page_numbers(tmp_path: Path, dataset: Dataset,
                                                                          needs_chromium) -> None:
    """The BaltMet booklet (preset 'all', as ``--region all`` writes it): a page per member, however many."""
    from dashboard.presets import PRESETS, preset_members

    regions = preset_members(dataset, "all")
    pdf = tmp_path / "booklet.pdf"
    pdf.write_bytes(booklet_pdf(dataset, "baltmet", regions, regions=regions, group=PRESETS["all"][0]))
    assert re.search(rf"Pages:\s+{len(regions) + 2}\n", run("pdfinfo", str(pdf)))
    cover = page_text(pdf, 1)
    assert "Region profiles" in cover and "Comparison of the headline figures" in cover
    assert PRESETS["all"][0] in cover
    for number, region in enumerate(regions, start=2):
        text = page_text(pdf, number)
        assert f"{dataset.region_name(region)}: region profile" in text
        assert re.search(rf"figures as published by the sources\s+{number}\s*$", text.strip()), number
    last = " ".join(page_text(pdf, len(regions) + 2, "-raw").split())
    assert "Comparison of the headline figures" in last and "1.3 million" in last and "c. 2007" in last
    assert all(dataset.region_name(r) in last for r in regions)
    assert not words_off_page(pdf)
