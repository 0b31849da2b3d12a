"""Give kaleido's PDF the chart's title as its document title (kaleido's Chromium writes 'Kaleido-fier').

The PDF is left byte for byte as it is and an incremental update is appended (PDF 1.4, section 3.4.5):
a new document information dictionary, a one-entry cross-reference section and a trailer pointing
back to the old one. Viewers, search indexes and screen readers then show the chart's title. No PDF
library is needed for this; a PDF without a classic cross-reference table is returned unchanged.
"""

from __future__ import annotations

import re

TRAILER = re.compile(rb"trailer\s*<<(?P<body>.*?)>>\s*startxref\s*(?P<xref>\d+)\s*%%EOF", re.S)
KEPT = re.compile(rb"/(Producer|CreationDate|ModDate)\s*(\((?:\\.|[^\\)])*\))", re.S)
CREATOR = "Baltic Metropoles dashboard"


def pdf_text(text: str) -> bytes:
    """A PDF text string that holds any Unicode: UTF-16BE with its byte-order mark, hex-encoded."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def _ref(body: bytes, key: bytes) -> tuple[int, int] | None:
    match = re.search(rb"/" + key + rb"\s+(\d+)\s+(\d+)\s+R", body)
    return (int(match[1]), int(match[2])) if match else None


def with_info(pdf: bytes, title: str, subject: str = "") -> bytes:
    """``pdf`` with /Title (and /Subject) set, by an incremental update; unchanged if its trailer is not found."""
    trailers = list(TRAILER.finditer(pdf))
    if not trailers:
        return pdf
    trailer = trailers[-1]
    body, previous = trailer["body"], int(trailer["xref"])
    size = int(re.search(rb"/Size\s+(\d+)", body)[1])
    root = _ref(body, b"Root")
    if root is None:
        return pdf
    number, generation = _ref(body, b"Info") or (size, 0)
    old_info = re.search(rb"\b%d\s+%d\s+obj\s*<<(.*?)>>\s*endobj" % (number, generation), pdf, re.S)
    kept = b"".join(b"/" + m[1] + b" " + m[2] + b"\n" for m in KEPT.finditer(old_info[1])) if old_info else b""
    entries = b"/Title " + pdf_text(title) + b"\n" + (b"/Subject " + pdf_text(subject) + b"\n" if subject else b"")
    info = b"%d %d obj\n<<" % (number, generation) + entries + b"/Creator " + pdf_text(CREATOR) + b"\n" + kept + \
        b">>\nendobj\n"
    head = pdf if pdf.endswith(b"\n") else pdf + b"\n"
    offset = len(head)
    xref_at = offset + len(info)
    document_id = re.search(rb"/ID\s*\[[^\]]*\]", body)
    xref = b"xref\n%d 1\n%010d %05d n \n" % (number, offset, generation)
    new_trailer = (b"trailer\n<</Size %d /Root %d %d R /Info %d %d R /Prev %d"
                   % (max(size, number + 1), *root, number, generation, previous)
                   + (b" " + document_id[0] if document_id else b"") + b">>\nstartxref\n%d\n%%%%EOF\n" % xref_at)
    return head + info + xref + new_trailer
