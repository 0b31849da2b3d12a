"""Where a publisher's area codes land in the data: the territories of territories.csv, never new ones.

A Eurostat metro code goes to the territory whose ``eurostat_code`` is that code (NO001MC is Oslo
municipality, SE003M all of Skåne: the like-with-like definitions stay as territories.csv has them), and so
does a metro region composed from its NUTS 3 regions by ``metro_compositions.csv``; a country code goes to
that country's national-total territory on every region of the country; a city table's municipality goes
to the territory the catalogue names, which must exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboard.data.compose import Composition
from dashboard.data.dataset import Dataset


@dataclass(frozen=True)
class Place:
    region_id: str
    territory_id: str
    name: str


@dataclass(frozen=True)
class Places:
    metro: dict[str, Place] = field(default_factory=dict)  # Eurostat metro code -> its territory
    metro_codes: tuple[str, ...] = ()  # every code regions.csv or territories.csv names (some without territory)
    countries: dict[str, list[Place]] = field(default_factory=dict)  # ISO code -> national territory per region
    territories: dict[str, Place] = field(default_factory=dict)  # territory_id -> its region (regional ones)
    indicators: frozenset[str] = frozenset()
    compositions: tuple[Composition, ...] = ()  # metro_compositions.csv: the NUTS 3 regions of each metro code

    @property
    def nuts3_codes(self) -> tuple[str, ...]:
        """Every NUTS 3 code a declared composition names, once, sorted."""
        return tuple(sorted({code for composition in self.compositions for code in composition.parts}))

    @classmethod
    def of(cls, dataset: Dataset) -> Places:
        territories = dataset.territories
        assert territories is not None
        metro: dict[str, Place] = {}
        regional: dict[str, Place] = {}
        for tid, row in territories.iterrows():
            place = Place(str(row["region_id"]), str(tid), str(row["name"]))
            if row["region_id"]:
                regional[str(tid)] = place
            code = str(row["eurostat_code"] or "")
            if code and row["region_id"] and not str(tid).startswith("as worded: "):
                metro[code] = place
        codes = {str(c) for c in dataset.regions["eurostat_metro_code"] if c} | set(metro)
        national = {str(row["name"]).split(" (")[0]: str(tid) for tid, row in territories.iterrows()
                    if row["kind"] == "country"}
        coded = {str(row["eurostat_code"]): str(tid) for tid, row in territories.iterrows()
                 if row["kind"] == "country" and row["eurostat_code"]}
        countries: dict[str, list[Place]] = {}
        for region_id, row in dataset.regions.iterrows():
            tid = coded.get(str(row["country"])) or national.get(str(row["country_name"]))
            if tid is not None:
                countries.setdefault(str(row["country"]), []).append(
                    Place(str(region_id), tid, str(territories.loc[tid, "name"])))
        return cls(metro, tuple(sorted(codes)), countries, regional, frozenset(dataset.indicators.index),
                   tuple(getattr(dataset, "compositions", ()) or ()))
