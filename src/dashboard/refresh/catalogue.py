"""Which tables a refresh reads: Eurostat's three metro-region tables, then the offices' city tables.

The order matters once: where two tables give the same figure (Eurostat's NO001MC is Oslo municipality,
as is Statistics Norway's 0301), the first one listed is kept and the other reported as an overlap.
"""

from __future__ import annotations

from dashboard.refresh import eurostat_api, offices
from dashboard.refresh.series import Series

DEFAULT_SERIES: tuple[Series, ...] = (*eurostat_api.TABLES, *offices.TABLES)
