"""Look inside exported files the way a person would: pixels, text, pages, boxes."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageStat

SVG = "{http://www.w3.org/2000/svg}"
TEXT_KINDS = ("xtick", "ytick", "textpoint", "bartext", "annotation", "xtitle", "ytitle", "legendtext")
FONT_SIZE = re.compile(r"font-size:\s*([\d.]+)px")
TRANSLATE = re.compile(r"translate\(\s*([-\d.e]+)[ ,]+([-\d.e]+)\s*\)")


def png_size(data: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(data)).size


def is_blank(image: Image.Image) -> bool:
    """True when an image is (nearly) one colour: nothing drawn."""
    grey = image.convert("L")
    return ImageStat.Stat(grey).stddev[0] < 3 or len(grey.getcolors(maxcolors=1 << 16) or []) < 8


def border_is_clear(image: Image.Image, band: int = 3, background: int = 250) -> bool:
    """True when the outermost ``band`` pixels are all background: nothing is cut off at an edge."""
    grey = image.convert("L")
    width, height = grey.size
    for box in ((0, 0, width, band), (0, height - band, width, height), (0, 0, band, height),
                (width - band, 0, width, height)):
        if grey.crop(box).getextrema()[0] < background:
            return False
    return True


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


def pdf_title(path: Path) -> str:
    """The document title as poppler's pdfinfo reads it (so a broken update would show)."""
    result = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=30)
    assert "Syntax Error" not in result.stderr, result.stderr
    return next(line.split(":", 1)[1].strip() for line in result.stdout.splitlines() if line.startswith("Title:"))


def office() -> str:
    """LibreOffice's binary, or skip (scripts/test.sh installs libreoffice-impress and poppler-utils)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftoppm") or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice (libreoffice-impress) or poppler-utils missing; scripts/test.sh installs both")
    return soffice


def office_pdfs(files: list[Path], folder: Path) -> list[Path]:
    """Each file converted to PDF by one headless LibreOffice run (one start for all of them)."""
    subprocess.run([office(), "--headless", f"-env:UserInstallation=file://{folder}/lo-profile", "--convert-to",
                    "pdf", "--outdir", str(folder), *map(str, files)], check=True, capture_output=True, timeout=240)
    return [folder / f"{f.stem}.pdf" for f in files]


def page_images(pdf: Path, dpi: int = 30) -> list[Image.Image]:
    """Every page of ``pdf`` as an image, in order."""
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(prefix)], check=True, timeout=120)
    pages = sorted(pdf.parent.glob(f"{prefix.name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return [Image.open(p) for p in pages]


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    left: float
    top: float
    right: float
    bottom: float

    def overlap(self, other: Word) -> float:
        """Area the two words' boxes share (0 when apart)."""
        return max(0.0, min(self.right, other.right) - max(self.left, other.left)) * \
            max(0.0, min(self.bottom, other.bottom) - max(self.top, other.top))


def pdf_words(pdf: Path) -> tuple[list[tuple[float, float]], list[Word]]:
    """(page sizes, every word with its box) as poppler's pdftotext lays them out, in PDF points."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True,
                          timeout=60).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", html).replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    sizes, words = [], []
    for number, page in enumerate(root.iter("page")):
        sizes.append((float(page.get("width")), float(page.get("height"))))
        words += [Word(number, w.text or "", float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")),
                       float(w.get("yMax"))) for w in page.iter("word")]
    return sizes, words


@dataclass(frozen=True)
class SvgText:
    kind: str  # plotly's class for it: xtick, ytick, bartext, textpoint (scatter), annotation, xtitle, ...
    text: str
    size: float
    x: float  # anchor position in image pixels
    y: float
    anchor: str


def _offset(element: ET.Element) -> tuple[float, float]:
    match = TRANSLATE.search(element.get("transform") or "")
    return (float(match[1]), float(match[2])) if match else (0.0, 0.0)


def svg_texts(svg: bytes) -> list[SvgText]:
    """Every text of a plotly SVG with its font size and where it is anchored (translates added up)."""
    out: list[SvgText] = []

    def walk(element: ET.Element, kind: str, dx: float, dy: float) -> None:
        ox, oy = _offset(element)
        dx, dy = dx + ox, dy + oy
        classes = (element.get("class") or "").split()
        kind = next((c for c in classes if c in TEXT_KINDS), kind)
        if element.tag == f"{SVG}text":
            size = FONT_SIZE.search(element.get("style") or "")
            text = "".join(element.itertext())
            if size and text.strip():
                out.append(SvgText(kind, text, float(size[1]), dx + float(element.get("x") or 0),
                                   dy + float(element.get("y") or 0), element.get("text-anchor") or "start"))
        for child in element:
            walk(child, kind, dx, dy)

    walk(ET.fromstring(svg), "", 0.0, 0.0)
    return out


def svg_boxes(svg: bytes, kind: str) -> list[tuple[float, float, float, float]]:
    """(left, top, right, bottom) of each annotation's measured box, or of the plot area ('plot')."""
    root = ET.fromstring(svg)
    if kind == "plot":  # the x axis's clip gives the plot's left and width, the y axis's its top and height
        clips = {c.get("id", "")[-1]: c[0] for c in root.iter(f"{SVG}clipPath") if "axesclip" in (c.get("class") or "")}
        x, y = clips["x"], clips["y"]
        left, top = float(x.get("x")), float(y.get("y"))
        return [(left, top, left + float(x.get("width")), top + float(y.get("height")))]
    boxes = []
    for group in root.iter(f"{SVG}g"):
        if "cursor-pointer" in (group.get("class") or "") and group.find(f"{SVG}rect") is not None:
            ox, oy = _offset(group)
            rect = group.find(f"{SVG}rect")
            boxes.append((ox, oy, ox + float(rect.get("width")), oy + float(rect.get("height"))))
    return boxes
