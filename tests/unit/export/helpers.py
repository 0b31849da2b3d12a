"""Look inside exported files the way a person would: pixels, text, pages."""

from __future__ import annotations

import io
import re

from PIL import Image, ImageStat


def png_size(data: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(data)).size


def is_blank(image: Image.Image) -> bool:
    """True when an image is (nearly) one colour: nothing drawn."""
    grey = image.convert("L")
    return ImageStat.Stat(grey).stddev[0] < 3 or len(grey.getcolors(maxcolors=1 << 16) or []) < 8


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
