"""Which tables a refresh reads: Eurostat's metro-region tables, its NUTS-level tables (summed into metro
regions by metro_compositions.csv), then the offices' city tables.

The order matters once: where two tables give the same figure, the first one listed is kept and the other
reported as an overlap (agreeing or not). So Eurostat's own metro-region figure is kept where it publishes
one, and a sum of NUTS 3 regions fills the years and the regions (and employment) it does not publish.
"""

from __future__ import annotations

from dashboard.refresh import eurostat_api, offices
from dashboard.refresh.series import Series

DEFAULT_SERIES: tuple[Series, ...] = (*eurostat_api.TABLES, *offices.TABLES)
