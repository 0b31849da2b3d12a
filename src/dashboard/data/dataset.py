"""The validated, immutable Dataset: every figure the app can show, with its provenance."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from dashboard.data.compose import Composition
from dashboard.data.figure import Figure
from dashboard.data.figure_index import FigureIndex
from dashboard.data.indicator import Indicator, indicator_record
from dashboard.data.schema import BASES, EDITION_REFERENCE_YEAR
from dashboard.data.territory_kinds import EUROSTAT_METRO, UNSPECIFIED, TerritoryKinds, bundled_territory_kinds
from dashboard.data.territory_match import EUROSTAT_CODE
from dashboard.data.translations import (
    COUNTRY_TEXTS,
    GAP_TEXTS,
    INDICATOR_TEXTS,
    KIND_TEXTS,
    NO_TEXTS,
    REGION_FORMS,
    REGION_TEXTS,
    TERRITORY_TEXTS,
    KnownIds,
    Texts,
    read_texts,
)
from dashboard.i18n import N_, _, current_language

DEFAULT_GAP_REASON = N_("No figure for this region and edition in the sources collected (see data/README.md).")
WORDED_DEFINITION = N_("As the figure's source words it; no definition recorded.")
TERRITORY_COLUMNS = ["region_id", "kind", "name", "definition", "eurostat_code", "source_id"]


def basis_admits(kinds: TerritoryKinds, basis: str, kind: str, indicator_id: str) -> bool:
    """Whether a figure of this territory kind counts on the basis (territory_kinds.csv's ``basis``); national
    totals count on every basis."""
    if indicator_id.startswith("national_"):
        return True
    return basis == "reported" or kinds.basis_of(kind) == basis


def _wording_territories(values: pd.DataFrame, kinds: TerritoryKinds) -> pd.DataFrame:
    """Territories for figures that give only wording (a user's table): the kind their type means
    (territory_kinds.csv's ``wording``); a 'metro' one is a Eurostat metro region when it names its code."""
    worded = values[["region_id", "territory", "territory_type"]]
    rows = {}
    for region, wording, coarse in worded.drop_duplicates().itertuples(index=False):
        kind = kinds.for_wording(coarse) or UNSPECIFIED
        if kind == UNSPECIFIED and EUROSTAT_CODE.search(wording):
            kind = EUROSTAT_METRO
        rows[f"as worded: {region}: {wording}"] = {
            "region_id": region, "kind": kind, "name": wording,
            "definition": WORDED_DEFINITION, "eurostat_code": "",
            "source_id": ""}
    return pd.DataFrame.from_dict(rows, orient="index", columns=TERRITORY_COLUMNS)


def _english_form(name: str, form: str) -> str:
    """English's forms of a place name, which English tables do not spell out: 'in Helsinki', "Helsinki's"."""
    if form == "in_name":
        return f"in {name}"
    if form == "genitive":
        return f"{name}'s"
    return name


# What a user's figures cite when they name no source of their own; stored in English, said where shown.
USER_PUBLISHER = N_("Your data")
UPLOAD_TITLE = N_("Your upload: {name}")
FOLDER_TITLE = N_("Figures in the data folder this server was given")


@lru_cache(maxsize=8)
def _folder_texts(data_dir: str) -> Texts:
    """The folder's i18n tables for a Dataset made from another one (an upload over the bundled data); their
    problems were reported when the folder itself was loaded."""
    if not data_dir or not (Path(data_dir) / "i18n").is_dir():
        return NO_TEXTS
    return read_texts(data_dir, KnownIds())[0]  # nothing is known: every row is kept, the problems ignored


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
    territories: pd.DataFrame | None = None  # index territory_id; wording-only territories are added
    compositions: tuple[Composition, ...] = ()  # metro_compositions.csv: what each Eurostat metro code sums
    territory_kinds: TerritoryKinds | None = None  # territory_kinds.csv; None: the bundled table
    texts: Texts | None = None  # i18n/<lang>/*.csv: the text in the other languages; None: the data_dir's own
    _index: FigureIndex | None = field(default=None, repr=False)
    _years: Mapping[tuple[str, str], tuple[int, ...]] = field(default_factory=dict, repr=False)
    _default_basis: Mapping[tuple[str, str], str] = field(default_factory=dict, repr=False)
    _lookup: Mapping[str, object] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.territory_kinds is None:  # a folder or upload that declares no kinds takes the bundled ones
            object.__setattr__(self, "territory_kinds", bundled_territory_kinds())
        if self.texts is None:  # a Dataset made from another (an upload over the bundled data): its folder's
            object.__setattr__(self, "texts", _folder_texts(self.data_dir))
        kind_table: TerritoryKinds = self.territory_kinds  # type: ignore[assignment]
        if self.texts.rows.get(KIND_TEXTS.file):  # type: ignore[union-attr]  # the folder translates its kinds
            kind_table = kind_table.with_texts(self.texts)  # type: ignore[arg-type]
            object.__setattr__(self, "territory_kinds", kind_table)
        values = self.values
        for column, empty in (("territory_id", ""), ("territory", ""), ("territory_type", ""),
                              ("series_break", False)):
            if column not in values.columns:
                values = values.assign(**{column: empty})
        values = values.assign(territory_id=values["territory_id"].fillna(""),
                               territory=values["territory"].fillna(""),
                               territory_type=values["territory_type"].fillna(""))
        worded = values["territory_id"] == ""
        known = self.territories if self.territories is not None else pd.DataFrame(columns=TERRITORY_COLUMNS)
        territories = pd.concat([known, _wording_territories(values[worded], kind_table)])
        territories = territories[~territories.index.duplicated(keep="first")].fillna("")
        if worded.any():
            values = values.assign(territory_id=values["territory_id"].astype(str))  # new ids: not a category
            values.loc[worded, "territory_id"] = ("as worded: " + values.loc[worded, "region_id"].astype(str) + ": "
                                                  + values.loc[worded, "territory"].astype(str))
        object.__setattr__(self, "territories", territories)
        object.__setattr__(self, "values", values)
        names, kinds = territories["name"].to_dict(), territories["kind"].to_dict()

        def make(row: dict) -> Figure:
            tid, wording = row["territory_id"], row["territory"]
            return Figure(row["region_id"], row["indicator_id"], row["edition"], int(row["year"]),
                          bool(row["year_approx"]), float(row["value"]), row["qualifier"], tid,
                          names.get(tid, wording), kinds.get(tid, UNSPECIFIED), bool(row["series_break"]),
                          row["source_id"], row["note"], wording)

        user = set(self.sources.index[self.sources["kind"] == "user"])
        index = FigureIndex(values, kinds, user, BASES, self.admits, kind_table.ranks, EDITION_REFERENCE_YEAR,
                            make)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_years", MappingProxyType(index.years()))
        object.__setattr__(self, "_default_basis", MappingProxyType(self._bases_by_coverage()))
        object.__setattr__(self, "gaps", MappingProxyType(dict(self.gaps)))
        object.__setattr__(self, "_lookup", self._plain_lookups())

    def _rank(self, figure: Figure, by_user: bool) -> tuple:
        """Larger is preferred: a user's own figure, then the kind of territory, then the edition's year.

        So 'as reported' shows a region's metro-level series (its latest year, or nearest 2007 in the
        BaltMet edition) and its city only when it reports nothing wider.
        """
        return (by_user, -self.kinds.rank(figure.territory_kind), *self._preference(figure.edition, figure.year))

    def _bases_by_coverage(self) -> dict[tuple[str, str], str]:
        """Per indicator and edition, the like-with-like basis with figures for the most regions (metro region
        on a tie); 'as reported' when that basis covers fewer than half of the regions with any figure, since
        a ranking of one or two regions hides the others (their marks then say what they are)."""
        covered = {basis: self._index.coverage(basis) for basis in BASES}  # type: ignore[union-attr]
        out = {}
        for indicator, edition in self._years:
            counts = {b: covered[b].get((indicator, edition), 0) for b in self.kinds.bases}
            top = max(counts, key=lambda b: counts[b]) if counts else "reported"
            reporting = covered["reported"].get((indicator, edition), 0)
            out[(indicator, edition)] = top if counts.get(top) and 2 * counts[top] >= reporting else "reported"
        return out

    def _plain_lookups(self) -> Mapping[str, object]:
        """Rows as plain dicts, built once: a pandas ``.loc`` costs ~100 µs and callbacks make hundreds."""
        def rows(frame: pd.DataFrame) -> dict[str, Mapping[str, object]]:
            records = frame.to_dict(orient="index")
            return {key: MappingProxyType(record) for key, record in records.items()}

        kpis = self.indicators.dropna(subset=["kpi_order"]).sort_values("kpi_order")
        return MappingProxyType({
            "region_order": tuple(self.regions.sort_values("name", kind="stable").index),
            "regions": rows(self.regions),
            "indicators": MappingProxyType({str(i): indicator_record(str(i), row) for i, row in
                                            self.indicators.to_dict(orient="index").items()}),
            "indicator_rows": MappingProxyType({str(i): MappingProxyType(row) for i, row in
                                                self.indicators.to_dict(orient="index").items()}),
            "indicators_in": {},  # language -> id -> Indicator, made on first use (a dict: filled per language)
            "countries": MappingProxyType(dict(zip(self.regions["country"].astype(str),
                                                   self.regions["country_name"].astype(str), strict=True))),
            "sources": rows(self.sources),
            "territories": rows(self.territories),
            "eurostat_codes": MappingProxyType({str(c): t for t, c in self.territories["eurostat_code"].items() if c}),
            "kpi_ids": tuple(kpis.index),
            "assumed_codes": frozenset(c.metro_code for c in self.compositions if c.assumed),
            "national_sources": frozenset(self.values.loc[self.values["indicator_id"].isin(
                [i for i in self.indicators.index if str(i).startswith("national_")]), "source_id"].astype(str)),
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
        """The region's name in the current language (København, Rīga, Warszawa); English where none."""
        return self.region_text(region_id, "name")

    def _translated(self, file: str, key: object, column: str) -> str:
        lang = current_language()
        return self.texts.text(file, lang, key, column) if self.texts is not None else ""  # type: ignore[arg-type]

    def region_text(self, region_id: str, form: str = "name") -> str:
        """The region's ``form`` in the current language: ``name`` ('Helsinki'), ``in_name`` (the whole phrase
        'in Helsinki': 'Helsingissä', 'w Helsinkach'), ``genitive`` (before a noun: "Helsinki's", 'Helsingin'), or
        ``no_eurostat_reason``. Without a translation, English."""
        if form not in (*REGION_FORMS, "no_eurostat_reason"):
            raise ValueError(f"unknown form {form!r}; expected one of {REGION_FORMS}")
        row = self.region(region_id)
        text = self._translated(REGION_TEXTS.file, region_id, form)
        if text:
            return text
        if form == "no_eurostat_reason":
            return str(row.get("no_eurostat_reason") or "")
        return _english_form(str(row["name"]), form)

    def country_text(self, country: str, form: str = "name") -> str:
        """The country's (ISO code, e.g. 'FI') ``form`` in the current language: ``name`` ('Suomi'), ``in_name``
        ('Suomessa'), ``genitive`` ('Suomen'). Without a translation, English (regions.csv's country_name)."""
        if form not in REGION_FORMS:
            raise ValueError(f"unknown form {form!r}; expected one of {REGION_FORMS}")
        text = self._translated(COUNTRY_TEXTS.file, country, form)
        if text:
            return text
        english = self._lookup["countries"].get(country, country)  # type: ignore[attr-defined]
        return _english_form(str(english), form)

    def region_country_text(self, region_id: str, form: str = "name") -> str:
        """The ``form`` of the region's country (``country_text`` of its regions.csv ``country``)."""
        return self.country_text(str(self.region(region_id)["country"]), form)

    def has_region(self, region_id: str) -> bool:
        return isinstance(region_id, str) and region_id in self._lookup["regions"]  # type: ignore[operator]

    def figure(self, region_id: str, indicator_id: str, edition: str, year: int | None = None,
               basis: str = "reported") -> Figure | None:
        """The figure on the basis for that year, or the edition's default one when ``year`` is None.

        'reported' takes what the region reports, preferring the kinds of territory in territory_kinds.csv's order.
        """
        if year is None:
            return self._index.default((region_id, indicator_id, edition), basis)  # type: ignore[union-attr]
        # the year first: a basis check per figure of a 25-year series cost more than the rest of a year's lookup
        candidates = [f for f in self._index.in_year((region_id, indicator_id, edition), year)  # type: ignore[union-attr]
                      if basis == "reported" or self.admits(basis, f.territory_kind, indicator_id)]
        return max(candidates, key=lambda f: self._rank(f, self.is_user_source(f.source_id)), default=None)

    def ranked(self, region_id: str, indicator_id: str, edition: str, basis: str = "reported",
               year: int | None = None) -> list[Figure]:
        """The series on the basis (of that year, if given), most preferred first: the order in which
        ``figure`` would choose, for a measure that must skip a figure it cannot use."""
        figures = [f for f in self.series(region_id, indicator_id, edition, basis) if year is None or f.year == year]
        return sorted(figures, key=lambda f: self._rank(f, self.is_user_source(f.source_id)), reverse=True)

    def figure_on(self, region_id: str, indicator_id: str, edition: str, year: int, territory_id: str) -> Figure | None:
        """The figure of exactly that territory and year (what a per-inhabitant or share divides by)."""
        return next((f for f in self.series(region_id, indicator_id, edition)
                     if f.year == year and f.territory_id == territory_id), None)

    def series(self, region_id: str, indicator_id: str, edition: str, basis: str = "reported") -> tuple[Figure, ...]:
        """The figures of one region and indicator in an edition on a basis, oldest first."""
        every = self._index.series((region_id, indicator_id, edition))  # type: ignore[union-attr]
        if basis == "reported":
            return every
        return tuple(f for f in every if self.admits(basis, f.territory_kind, indicator_id))

    def default_basis(self, indicator_id: str, edition: str) -> str:
        """The basis that covers most regions for this indicator and edition (metro region on a tie)."""
        return self._default_basis.get((indicator_id, edition), "reported")

    def territory(self, territory_id: str) -> Mapping[str, object]:
        """One row of territories.csv (region_id, kind, name, definition, eurostat_code, source_id)."""
        return self._lookup["territories"][territory_id]  # type: ignore[index]

    def territory_name(self, territory_id: str) -> str:
        """The territory's name in the current language (``Figure.territory`` is the English one)."""
        return self.territory_text(territory_id, "name")

    def territory_text(self, territory_id: str, form: str = "name") -> str:
        """The territory's ``name`` or ``definition`` in the current language; English where none."""
        if form not in ("name", "definition"):
            raise ValueError(f"unknown form {form!r}; expected 'name' or 'definition'")
        text = self._translated(TERRITORY_TEXTS.file, territory_id, form)
        if text:
            return text
        english = str(self.territory(territory_id)[form])
        return _(WORDED_DEFINITION) if form == "definition" and english == WORDED_DEFINITION else english

    def territories_of(self, region_id: str) -> tuple[str, ...]:
        """The territories a region's figures describe (its rows of territories.csv), in territory_kinds.csv's
        order: the Eurostat metro region first, the core city after the wider areas."""
        ids = [t for t, row in self._lookup["territories"].items()  # type: ignore[attr-defined]
               if str(row["region_id"]) == region_id]
        return tuple(sorted(ids, key=lambda t: self.kinds.rank(str(self.territory(t)["kind"]))))

    def composition(self, eurostat_code: str) -> Composition | None:
        """The NUTS 3 regions a Eurostat metro region sums (metro_compositions.csv), None when not declared."""
        return next((c for c in self.compositions if c.metro_code == eurostat_code), None)

    def territory_for_code(self, eurostat_code: str) -> str | None:
        """The territory id a Eurostat metro code stands for (NO001MC is Oslo municipality, SE003M Skåne)."""
        return self._lookup["eurostat_codes"].get(eurostat_code)  # type: ignore[attr-defined]

    def gives_national_totals(self, source_id: str) -> bool:
        """Whether the source has national totals (a share of its figure then takes its own total)."""
        return source_id in self._lookup["national_sources"]  # type: ignore[operator]

    def composition_assumed(self, territory_id: str) -> bool:
        """Whether the territory is a metro region whose NUTS 3 composition is assumed, not verified: its
        figures say so wherever they appear."""
        codes = self._lookup["assumed_codes"]
        row = self._lookup["territories"].get(territory_id)  # type: ignore[attr-defined]
        return bool(row) and str(row["eurostat_code"]) in codes  # type: ignore[operator,index]

    def years(self, indicator_id: str, edition: str) -> list[int]:
        """The years for which any region has a figure of the indicator in the edition."""
        return list(self._years.get((indicator_id, edition), ()))  # indexed once: callbacks ask often

    def indicators_with_data(self, edition: str) -> list[str]:
        """Indicator ids that have at least one figure in the edition, KPIs first."""
        present = {indicator for indicator, ed in self._years if ed == edition}
        ordered = dict.fromkeys([*self.kpi_ids, *self.indicators.index])
        return [i for i in ordered if i in present]

    def missing_reason(self, region_id: str, indicator_id: str, edition: str) -> str:
        """Why the KPI has no figure (gaps.csv's reason, else a generic one), in the current language."""
        return self.gap_reason(region_id, indicator_id, edition) or _(DEFAULT_GAP_REASON)

    def gap_reason(self, region_id: str, indicator_id: str, edition: str) -> str:
        """gaps.csv's reason in the current language (English where not translated); '' when no row."""
        key = (region_id, indicator_id, edition)
        if key not in self.gaps:
            return ""
        return self._translated(GAP_TEXTS.file, key, "reason") or self.gaps[key]

    def source(self, source_id: str) -> Mapping[str, object]:
        """One row of sources.csv (publisher, title, url, accessed, kind) as a read-only mapping."""
        return self._lookup["sources"][source_id]  # type: ignore[index]

    def is_user_source(self, source_id: str) -> bool:
        return str(self.source(source_id)["kind"]) == "user"

    def is_secondary(self, source_id: str) -> bool:
        """Read in a third-party copy, not at its publisher: shown as such on cards, hovers and tables."""
        return str(self.source(source_id)["kind"]) == "secondary"

    def source_label(self, source_id: str) -> str:
        """'publisher: title', marked 'Your data' for figures a user brought (the words the upload stored in
        English are said in the current language; a user's own publisher and title stay as written)."""
        row = self.source(source_id)
        if row["kind"] != "user":
            return f"{row['publisher']}: {row['title']}"
        title, upload = str(row["title"]), UPLOAD_TITLE.split("{name}")[0]
        if title.startswith(upload):
            title = _(UPLOAD_TITLE, name=title[len(upload):])
        elif title == FOLDER_TITLE:
            title = _(FOLDER_TITLE)
        if row["publisher"] == USER_PUBLISHER:
            return f"{_(USER_PUBLISHER)}: {title}"
        # Translators: a source a user's figures name themselves ('publisher: title'), marked as theirs
        return _("Your data — {source}", source=f"{row['publisher']}: {title}")

    def _indicators_in(self, lang: str) -> Mapping[str, Indicator]:
        """Every indicator's record with its text in ``lang`` (English where not translated), made once per
        language."""
        made: dict[str, Mapping[str, Indicator]] = self._lookup["indicators_in"]  # type: ignore[assignment]
        records = made.get(lang)
        if records is None:
            texts = self.texts.table(INDICATOR_TEXTS.file, lang) if self.texts is not None else {}
            english: Mapping[str, Indicator] = self._lookup["indicators"]  # type: ignore[assignment]
            rows: Mapping[str, Mapping[str, object]] = self._lookup["indicator_rows"]  # type: ignore[assignment]
            records = made[lang] = MappingProxyType({
                i: indicator_record(i, {**rows[i], **texts[i], "unit_code": english[i].unit_code,
                                     "per_capita_unit_code": english[i].per_capita_unit_code, "lang": lang})
                if texts.get(i) else english[i] for i in english})
        return records

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator as indicators.csv declares it (label, short_label, unit, decimals, ...), typed, its text
        in the current language (``unit_code`` keeps the English unit for code to test)."""
        lang = current_language()
        if lang == "en" or self.texts is None or not self.texts.table(INDICATOR_TEXTS.file, lang):
            return self._lookup["indicators"][indicator_id]  # type: ignore[index]
        return self._indicators_in(lang)[indicator_id]

    @property
    def all_indicators(self) -> tuple[Indicator, ...]:
        """Every indicator's record, in the order of indicators.csv, in the current language."""
        return tuple(self.indicator(i) for i in self._lookup["indicators"])  # type: ignore[attr-defined]

    @property
    def kinds(self) -> TerritoryKinds:
        """The kinds of territory (territory_kinds.csv): their order, labels, badges, bases and slugs."""
        return self.territory_kinds  # type: ignore[return-value]  # set in __post_init__

    def admits(self, basis: str, kind: str, indicator_id: str) -> bool:
        """Whether a figure of this territory kind counts on the basis (national totals count on every one)."""
        return basis_admits(self.kinds, basis, kind, indicator_id)
