"""The slide deck: expected slides, a picture on each chart slide, and it opens in LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from dashboard.data import Dataset
from dashboard.export.deck import build_deck
from dashboard.state import default_state
from tests.unit.export.helpers import is_blank, pdf_pages

SLIDES = 1 + 1 + 5 + 1  # title, KPI cards, five charts, sources


@pytest.fixture(scope="module")
def deck(needs_chromium, dataset: Dataset) -> bytes:
    return build_deck(dataset, default_state(dataset), dt.date(2026, 11, 27))


def test_slides_and_pictures(deck: bytes) -> None:
    prs = Presentation(io.BytesIO(deck))
    assert len(prs.slides) == SLIDES
    assert (prs.slide_width, prs.slide_height) == (12192300, 6858000) or prs.slide_width / prs.slide_height == \
        pytest.approx(16 / 9, rel=0.01)
    slides = list(prs.slides)
    texts = [" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in slides]
    assert "Helsinki and its peers" in texts[0] and "BaltMet profiles (c. 2007)" in texts[0]
    assert "1\u202f300\u202f000" in texts[1] and "Science parks" in texts[1]
    for slide in slides[2:7]:
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        assert pictures[0].width > prs.slide_width * 0.8
    assert texts[-1].startswith("Sources") and "BaltMet Inno project" in texts[-1]


def test_deck_opens_in_libreoffice(deck: bytes, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftoppm"):
        pytest.skip("LibreOffice (libreoffice-impress) or poppler-utils missing; scripts/test.sh installs both")
    (tmp_path / "deck.pptx").write_bytes(deck)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "deck.pptx")],
                   check=True, capture_output=True, timeout=180)
    pdf = (tmp_path / "deck.pdf").read_bytes()
    assert pdf_pages(pdf) == SLIDES
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(tmp_path / "deck.pdf"), str(tmp_path / "page")],
                   check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == SLIDES
    for page in pages:
        assert not is_blank(Image.open(page)), f"{page.name} is blank"
