"""The validated, immutable Dataset: every figure the app can show, with its provenance."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType

import pandas as pd

from dashboard.data.schema import EDITION_REFERENCE_YEAR

DEFAULT_GAP_REASON = "No figure for this region and edition in the sources collected (see data/README.md)."


@dataclass(frozen=True)
class Figure:
    """One figure from values.csv, with everything needed to cite it."""

    region_id: str
    indicator_id: str
    edition: str
    year: int
    year_approx: bool
    value: float
    qualifier: str
    territory: str
    territory_type: str
    source_id: str
    note: str


@dataclass(frozen=True, eq=False)  # identity equality: a Dataset can key caches
class Dataset:
    """All tables, typed and checked. Built once; callbacks only look things up.

    Frames are shared read-only (pandas copy-on-write): nothing mutates them after load.
    """

    regions: pd.DataFrame  # index region_id
    indicators: pd.DataFrame  # index indicator_id
    sources: pd.DataFrame  # index source_id
    values: pd.DataFrame  # one row per figure
    gaps: Mapping[tuple[str, str, str], str]
    data_dir: str = ""
    _figures: Mapping[tuple[str, str, str, int], Figure] = field(default_factory=dict, repr=False)
    _default: Mapping[tuple[str, str, str], Figure] = field(default_factory=dict, repr=False)
    _series: Mapping[tuple[str, str, str], tuple[Figure, ...]] = field(default_factory=dict, repr=False)
    _years: Mapping[tuple[str, str], tuple[int, ...]] = field(default_factory=dict, repr=False)
    _lookup: Mapping[str, object] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        # Plain per-column lists are far faster to walk than pandas rows (225 000 figures in ~1 s).
        columns = [self.values[f.name].tolist() for f in fields(Figure)]
        figures = {(f.region_id, f.indicator_id, f.edition, f.year): f
                   for f in (Figure(*row) for row in zip(*columns, strict=True))}
        latest: dict[tuple[str, str, str], Figure] = {}
        for key in sorted(figures, key=lambda k: self._preference(k[2], k[3])):
            latest[key[:3]] = figures[key]
        series: dict[tuple[str, str, str], list[Figure]] = {}
        for key in sorted(figures, key=lambda k: k[3]):
            series.setdefault(key[:3], []).append(figures[key])
        object.__setattr__(self, "_series", MappingProxyType({k: tuple(v) for k, v in series.items()}))
        years: dict[tuple[str, str], set[int]] = {}
        for _, indicator, edition, year in figures:
            years.setdefault((indicator, edition), set()).add(year)
        object.__setattr__(self, "_years", MappingProxyType({k: tuple(sorted(v)) for k, v in years.items()}))
        object.__setattr__(self, "_figures", MappingProxyType(figures))
        object.__setattr__(self, "_default", MappingProxyType(latest))
        object.__setattr__(self, "gaps", MappingProxyType(dict(self.gaps)))
        object.__setattr__(self, "_lookup", self._plain_lookups())

    def _plain_lookups(self) -> Mapping[str, object]:
        """Rows as plain dicts, built once: a pandas ``.loc`` costs ~100 µs and callbacks make hundreds."""
        def rows(frame: pd.DataFrame) -> dict[str, Mapping[str, object]]:
            records = frame.to_dict(orient="index")
            return {key: MappingProxyType(record) for key, record in records.items()}

        kpis = self.indicators.dropna(subset=["kpi_order"]).sort_values("kpi_order")
        return MappingProxyType({
            "region_order": tuple(self.regions.sort_values("name", kind="stable").index),
            "regions": rows(self.regions),
            "indicators": rows(self.indicators),
            "sources": rows(self.sources),
            "kpi_ids": tuple(kpis.index),
        })

    @staticmethod
    def _preference(edition: str, year: int) -> tuple[int, int]:
        """Sort key whose largest value is the edition's default figure (see EDITION_REFERENCE_YEAR)."""
        reference = EDITION_REFERENCE_YEAR.get(edition)
        if reference is None:
            return (0, year)
        return (-abs(year - reference), -year)  # nearest the reference year; on a tie, the earlier

    @property
    def region_ids(self) -> list[str]:
        """Region ids in alphabetical order of their names (the order of every list and chart)."""
        return list(self._lookup["region_order"])  # type: ignore[call-overload]

    @property
    def kpi_ids(self) -> list[str]:
        return list(self._lookup["kpi_ids"])  # type: ignore[call-overload]

    def region(self, region_id: str) -> Mapping[str, object]:
        """One row of regions.csv (name, country_name, lat, lon, ...) as a read-only mapping."""
        return self._lookup["regions"][region_id]  # type: ignore[index]

    def region_name(self, region_id: str) -> str:
        return str(self.region(region_id)["name"])

    def has_region(self, region_id: str) -> bool:
        return isinstance(region_id, str) and region_id in self._lookup["regions"]  # type: ignore[operator]

    def figure(self, region_id: str, indicator_id: str, edition: str, year: int | None = None) -> Figure | None:
        """The figure for that year, or the edition's default one when ``year`` is None."""
        if year is None:
            return self._default.get((region_id, indicator_id, edition))
        return self._figures.get((region_id, indicator_id, edition, year))

    def series(self, region_id: str, indicator_id: str, edition: str) -> tuple[Figure, ...]:
        """All figures of one region and indicator in an edition, oldest first."""
        return self._series.get((region_id, indicator_id, edition), ())

    def years(self, indicator_id: str, edition: str) -> list[int]:
        """The years for which any region has a figure of the indicator in the edition."""
        return list(self._years.get((indicator_id, edition), ()))  # indexed once: callbacks ask often

    def indicators_with_data(self, edition: str) -> list[str]:
        """Indicator ids that have at least one figure in the edition, KPIs first."""
        present = {indicator for indicator, ed in self._years if ed == edition}
        ordered = dict.fromkeys([*self.kpi_ids, *self.indicators.index])
        return [i for i in ordered if i in present]

    def missing_reason(self, region_id: str, indicator_id: str, edition: str) -> str:
        return self.gaps.get((region_id, indicator_id, edition), DEFAULT_GAP_REASON)

    def source(self, source_id: str) -> Mapping[str, object]:
        """One row of sources.csv (publisher, title, url, accessed, kind) as a read-only mapping."""
        return self._lookup["sources"][source_id]  # type: ignore[index]

    def is_user_source(self, source_id: str) -> bool:
        return str(self.source(source_id)["kind"]) == "user"

    def source_label(self, source_id: str) -> str:
        """'publisher: title', marked 'Your data' for figures a user brought."""
        row = self.source(source_id)
        label = f"{row['publisher']}: {row['title']}"
        if row["kind"] == "user" and row["publisher"] != "Your data":
            label = f"Your data — {label}"
        return label

    def indicator(self, indicator_id: str) -> Mapping[str, object]:
        """One row of indicators.csv (label, short_label, unit, kind, decimals, ...) as a read-only mapping."""
        return self._lookup["indicators"][indicator_id]  # type: ignore[index]
