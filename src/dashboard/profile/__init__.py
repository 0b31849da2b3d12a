"""Region profiles: the BaltMet profile of a region, then and now, as data, text and a printable page.

Public: build_profile, profile_blocks, profile_slide_lines (pure); profile_pdf, booklet_pdf (need
kaleido's Chromium for the two small charts).
"""

from __future__ import annotations

from dashboard.data import Dataset
from dashboard.profile.build import build_profile, profile_blocks, profile_slide_lines
from dashboard.profile.model import Profile

__all__ = ["Profile", "booklet_pdf", "build_profile", "profile_blocks", "profile_pdf", "profile_slide_lines"]


def profile_pdf(dataset: Dataset, region: str, edition: str, peers: tuple[str, ...] = ()) -> bytes:
    """One A4 page of the region's profile against ``peers`` (see profile/pdf.py); reportlab is imported here,
    lazily, so the Dash page never loads it."""
    from dashboard.profile.pdf import profile_pdf as make

    return make(dataset, region, edition, peers)


def booklet_pdf(dataset: Dataset, edition: str, peers: tuple[str, ...] | None = None, *,
                regions: tuple[str, ...] | None = None, group: str = "") -> bytes:
    """Cover, a page per region of ``regions`` (None: every region; each against ``peers``, None: the same
    regions), a comparison table; ``group`` names the regions on the cover ('All BaltMet regions')."""
    from dashboard.profile.pdf import booklet_pdf as make

    return make(dataset, edition, peers, regions=regions, group=group)
