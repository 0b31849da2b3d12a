"""Fetched figures -> rows of values.csv and sources.csv, with their provenance in words.

Each figure's note says the table code, the cell (codes, unit, reference date; for a metro region summed
from NUTS 3 regions, the parts with their values and how far the composition is proved), the publisher's
flags, the query (URL, and the JSON posted for a PxWeb API v1 table) and when it was retrieved; one
sources.csv row per query says the same. A figure the data cannot hold as given is held back with the
reason, never bent to fit.

Every year goes into the ``recent`` edition: it holds the publishers' whole series (Eurostat's from 1990)
for trends, while the ``baltmet`` edition keeps the c. 2007 profiles as the cities reported them, which a
refresh never touches.
"""

from __future__ import annotations

import re
from decimal import Decimal

from dashboard.data.schema import YEAR_MAX, YEAR_MIN
from dashboard.i18n import _
from dashboard.refresh.http import Request
from dashboard.refresh.series import Figure, Series

SOURCE_PREFIX = "refresh_"
FLAGS_IN_NOTE = re.compile(r"; flags: (.*?); query ")
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
PUBLISHER_TEXT_CHARS = 200
DETAIL_CHARS = 2000  # a composed figure's parts: Berlin has ten


def clean(text: str, limit: int = PUBLISHER_TEXT_CHARS) -> str:
    """A publisher's label as a table cell holds it: one line, no control characters, not too long."""
    return " ".join(UNPRINTABLE.sub(" ", text).split())[:limit]


def source_id(series: Series, retrieved: str) -> str:
    """'refresh_eurostat_met_pjanaggr3_20270115': one per table and retrieval day, so figures kept from
    an earlier refresh still cite the query they were read from."""
    return f"{SOURCE_PREFIX}{series.key}_{retrieved[:10].replace('-', '')}"


def series_prefix(series: Series) -> str:
    return f"{SOURCE_PREFIX}{series.key}_"


def source_row(series: Series, request: Request, retrieved: str, via: str = "") -> dict[str, str]:
    how = "POST query " + request.body.decode("utf-8") if request.body is not None else "GET query"
    api = f"{series.publisher} {via}" if via else f"{series.publisher} API"
    return {"source_id": source_id(series, retrieved), "publisher": series.publisher,
            "title": f"{series.title} ({series.code}); {api}, {how}",
            "url": request.url, "accessed": retrieved, "kind": "official"}


def number_text(value: Decimal) -> str:
    """A plain number with '.' for decimals and no exponent: 1249300, 178834.12."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def held_back_reason(figure: Figure, indicators: frozenset[str]) -> str | None:
    """Why the data cannot hold this figure as given, or None."""
    if figure.indicator_id not in indicators:
        name = figure.indicator_id
        return _("{indicator} figures: no indicator {indicator} in indicators.csv (add it to keep them)",
                 indicator=name)
    if not YEAR_MIN <= figure.year <= YEAR_MAX:
        return _("figures outside the years {first}-{last} the data holds", first=YEAR_MIN, last=YEAR_MAX)
    if figure.value < 0:
        return _("negative figures (counts and amounts cannot be)")
    return None


def value_row(figure: Figure, series: Series, request: Request, retrieved: str) -> dict[str, str]:
    note = (f"{series.publisher} {series.code}: {clean(figure.detail, DETAIL_CHARS)}; "
            f"flags: {clean(figure.flags) or 'none'}; "
            f"query {request.described()}; retrieved {retrieved}")
    return {"region_id": figure.region_id, "indicator_id": figure.indicator_id, "edition": "recent",
            "year": str(figure.year), "year_approx": "false", "value": number_text(figure.value), "qualifier": "",
            "territory_id": figure.territory_id, "territory": clean(figure.territory),
            "series_break": "true" if figure.series_break else "", "source_id": source_id(series, retrieved),
            "note": note}


def flags_of(note: str) -> str:
    """The flags an earlier refresh wrote into a note ('' when the note is not one)."""
    match = FLAGS_IN_NOTE.search(note)
    return match[1] if match else ""
