"""The shape of the data tables: columns, what each must hold, and which keys are unique.

Declared once here so the loader, the validator and the data dictionary agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from dashboard.i18n import N_

Kind = Literal["id", "text", "float", "int", "bool", "country", "url", "choice", "colour", "slug"]

# The editions' names, in English: translate where shown, with _(EDITIONS[key])
EDITIONS: dict[str, str] = {
    "baltmet": N_("BaltMet profiles (c. 2007)"),
    "recent": N_("Recent statistics"),
}
DEFAULT_EDITION = "recent"  # the current figures open; the c. 2007 profiles are one click (?edition=baltmet) away
# The year each edition shows by default: the BaltMet edition is the c. 2007 profiles, so it
# shows the figure nearest 2007; the recent edition shows each region's latest figure.
EDITION_REFERENCE_YEAR: dict[str, int | None] = {"baltmet": 2007, "recent": None}
# A user's coarse wording of a territory (values.csv's territory_type); territory_kinds.csv's `wording` says
# which kind each means.
TERRITORY_TYPES = ("metro", "city", "wider", "country")
# What kind of area a figure describes is a row of territory_kinds.csv (its rank, labels, badge, basis, slug).
# A comparison is made on one basis: the figures of the kinds territory_kinds.csv maps to it, or, "as each
# region reports", each region's most preferred kind. The 'Compare on' choices and their labels:
# (English, worded for the middle of a sentence: translate where shown, with _(BASES[key]))
BASES: dict[str, str] = {
    # Translators: a basis of comparison, in the middle of a sentence ('Most regions (Eurostat metropolitan regions)')
    "eurostat_metro": N_("Eurostat metropolitan regions"),
    "city": N_("core cities"),
    "reported": N_("as each region reports"),
}
# estimated / provisional: Eurostat's flags e and p (the note keeps every flag a figure has)
QUALIFIERS = ("", "approx", "lower_bound", "upper_bound", "rounded", "estimated", "provisional")
COMPOSITION_STATUSES = ("proved", "corroborated", "assumed")  # how far a metro composition is checked
INDICATOR_KINDS = ("count", "amount", "percent", "index", "area")
# official: read at the statistics office / Eurostat / government that publishes it; network: BaltMet's own
# profiles; other: a non-statistical publisher's own page (city marketing, a university); secondary: read in a
# third-party copy (Wikipedia, mirrors, news, GitHub files); user: figures a user brought.
SOURCE_KINDS = ("official", "network", "other", "secondary", "user")
BADGE_COLOURS = ("primary", "secondary", "success", "danger", "warning", "info", "light", "dark")  # Bootstrap's
# Where the region profile states an indicator (indicators.csv's profile_topic, profile_role; data/README.md)
PROFILE_TOPICS = ("size", "productivity", "knowledge", "innovation", "structure")
PROFILE_ROLES = ("inhabitants", "area", "count", "people", "index_national", "index_eu", "per_inhabitant",
                 "institutes", "institute_staff", "researchers", "tertiary", "services", "headquarters",
                 "foreign_companies")
BALTMET_ROLES = ("", "partner", "observer")
# The network a bundled region belongs to: the eleven BaltMet members, or the other Baltic Sea Region metro
# regions; empty for a region a user adds (presets.py: preset "all" is the BaltMet members plus those).
NETWORKS = ("", "baltmet", "bsr")
YEAR_MIN, YEAR_MAX = 1990, 2030


@dataclass(frozen=True)
class Column:
    """One column: its name, whether a value is required, and how to read it."""

    name: str
    kind: Kind = "text"
    required: bool = True
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class Table:
    """One file of the data folder."""

    file: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    required_file: bool = True
    optional_columns: tuple[str, ...] = field(default=())
    blank_key: tuple[str, ...] = ()  # key columns a file may leave out: then they count as empty

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


REGIONS = Table(
    file="regions.csv",
    columns=(
        Column("region_id", "id"),
        Column("name"),
        Column("country", "country"),
        Column("country_name"),
        Column("lat", "float", minimum=-90, maximum=90),
        Column("lon", "float", minimum=-180, maximum=180),
        Column("eurostat_metro_code", required=False),
        Column("capital", "bool"),
        Column("baltmet_inno_role", "choice", required=False, choices=BALTMET_ROLES),
        Column("coord_source", required=False),  # where lat/lon were read (page and date); map placement only
        Column("colour", "colour", required=False),  # #rrggbb; empty: derived from the region id
        Column("network", "choice", required=False, choices=NETWORKS),  # baltmet, bsr; empty: a user's region
        Column("no_eurostat_reason", required=False),  # why a region without a Eurostat metro code has none
    ),
    key=("region_id",),
)

INDICATORS = Table(
    file="indicators.csv",
    columns=(
        Column("indicator_id", "id"),
        Column("label"),
        Column("short_label"),
        Column("unit"),
        Column("kind", "choice", choices=INDICATOR_KINDS),
        Column("category"),
        Column("kpi_order", "int", required=False, minimum=1, maximum=99),
        Column("decimals", "int", minimum=0, maximum=6),
        Column("description"),
        # What the code needs to know about an indicator, declared here and nowhere else:
        Column("per_capita_base", "id", required=False),  # divide by this indicator (same territory and year)
        Column("per_capita_scale", "float", required=False, minimum=1),  # e.g. 1e6: EUR million -> EUR
        Column("per_capita_unit", required=False),  # 'EUR per inhabitant', 'per million inhabitants'
        Column("national_total", "id", required=False),  # the national total a share divides by
        Column("reported_share", "id", required=False),  # the indicator of the share as sources report it
        Column("share_label", required=False),  # '% of Finland's <share_label>'; the shares chart's series
        Column("shares_order", "int", required=False, minimum=1, maximum=20),  # position in the shares chart
        Column("shares_pattern", required=False),  # bar pattern of that series ('', '/', 'x', '.')
        Column("card_extra_share", "id", required=False),  # another share the KPI card shows (GDP card: GVA)
        Column("icon", required=False),  # Bootstrap icon of the KPI card, e.g. bi-people-fill
        Column("kpi_context", "bool", required=False),  # the card shows the region's other territory too
        Column("mappable", "bool", required=False),  # the map may show it (empty: yes)
        Column("summable", "bool", required=False),  # values of regions may be added up
        # The region profile's words and places (data/README.md): the profile names no indicator id
        Column("noun_one", required=False),  # a count's word for one: 'university'
        Column("noun_many", required=False),  # and for several: 'universities'
        Column("prose_name", required=False),  # its name in a sentence when not the short label
        Column("share_words", required=False),  # '% of Finland's <share_words>' when not the share_label
        Column("profile_topic", "choice", required=False, choices=("", *PROFILE_TOPICS)),  # the paragraph
        Column("profile_role", "choice", required=False, choices=("", *PROFILE_ROLES)),  # its sentence there
        Column("profile_order", "int", required=False, minimum=1, maximum=99),  # order within the paragraph
        Column("per_capita_of", "id", required=False),  # the indicator it is the published per-inhabitant form of
        Column("then_now", "int", required=False, minimum=1, maximum=99),  # row of the then-and-now table
        Column("profile_trend", "bool", required=False),  # drawn in the profile's trend chart
    ),
    key=("indicator_id",),
)

TERRITORIES = Table(
    file="territories.csv",
    columns=(
        Column("territory_id", "id"),
        Column("region_id", "id", required=False),  # empty for national totals, shared by regions
        Column("kind", "id"),  # a row of territory_kinds.csv
        Column("name"),
        Column("definition"),
        Column("eurostat_code", required=False),  # the Eurostat metro code this territory is, if any
        Column("source_id", "id", required=False),
    ),
    key=("territory_id",),
    required_file=False,
)

SOURCES = Table(
    file="sources.csv",
    columns=(
        Column("source_id", "id"),
        Column("publisher"),
        Column("title"),
        Column("url", "url", required=False),
        Column("accessed", required=False),
        Column("kind", "choice", choices=SOURCE_KINDS),
    ),
    key=("source_id",),
)

VALUES = Table(
    file="values.csv",
    columns=(
        Column("region_id", "id"),
        Column("indicator_id", "id"),
        Column("edition", "choice", choices=tuple(EDITIONS)),
        Column("year", "int", minimum=YEAR_MIN, maximum=YEAR_MAX),
        Column("year_approx", "bool", required=False),
        Column("value", "float"),
        Column("qualifier", "choice", required=False, choices=QUALIFIERS),
        Column("territory_id", "id", required=False),  # a row of territories.csv; a user may give wording only
        Column("territory", required=False),  # the source's own wording of the territory
        Column("territory_type", "choice", required=False, choices=TERRITORY_TYPES),  # with wording only
        Column("series_break", "bool", required=False),  # true: method or definition changed; a line breaks here
        Column("source_id", "id"),
        Column("note", required=False),
    ),
    key=("region_id", "indicator_id", "edition", "year", "territory_id"),
    blank_key=("territory_id",),  # a user's figures may give the territory's wording only
)

# What a user's values table must hold; the rest is filled in (and said): edition from the year,
# territory type from the territory's wording, the source from the file itself.
USER_VALUES = Table(
    file="values.csv",
    columns=tuple(Column(c.name, c.kind, required=c.name in ("region_id", "indicator_id", "year", "value",
                                                             "territory"),
                         choices=c.choices, minimum=c.minimum, maximum=c.maximum) for c in VALUES.columns),
    key=VALUES.key,
    blank_key=VALUES.blank_key,
)

GAPS = Table(
    file="gaps.csv",
    columns=(
        Column("region_id", "id"),
        Column("indicator_id", "id"),
        Column("edition", "choice", choices=tuple(EDITIONS)),
        Column("reason"),
    ),
    key=("region_id", "indicator_id", "edition"),
    required_file=False,
)

# Which NUTS 3 regions make up each Eurostat metro region (what the Eurostat importer sums), and how far
# that is proved: an 'assumed' composition is marked wherever its figures appear.
COMPOSITIONS = Table(
    file="metro_compositions.csv",
    columns=(
        Column("metro_code"),
        Column("metro_name"),
        Column("nuts3_codes"),  # space-separated NUTS 3 codes
        Column("nuts_version"),  # e.g. NUTS 2021
        Column("status", "choice", choices=COMPOSITION_STATUSES),
        Column("check"),  # how it was checked, in words
    ),
    key=("metro_code",),
    required_file=False,
)

# The kinds of territory (see territory_kinds.py): a folder without the file takes the bundled one.
TERRITORY_KIND_TABLE = Table(
    file="territory_kinds.csv",
    columns=(
        Column("kind", "id"),
        Column("rank", "int", minimum=1, maximum=60),  # 'as each region reports' prefers the lowest
        Column("label"),  # 'core city': hovers, footnotes, cards
        Column("short_label", required=False),  # 'county': where room is short (the printed profile); empty: label
        Column("badge", required=False),  # the KPI card's badge for a figure of this kind; empty: none
        Column("badge_colour", "choice", required=False, choices=("", *BADGE_COLOURS)),
        Column("badge_why", required=False),  # the badge's tooltip
        Column("basis", "choice", required=False, choices=("", *(b for b in BASES if b != "reported"))),
        Column("basis_slug", "slug", required=False),  # that basis in file names: core-cities
        Column("wording", "choice", required=False, choices=("", *TERRITORY_TYPES)),  # a user's type meaning it
    ),
    key=("kind",),
    required_file=False,
)

TABLES: tuple[Table, ...] = (REGIONS, INDICATORS, TERRITORIES, SOURCES, VALUES, GAPS, COMPOSITIONS,
                             TERRITORY_KIND_TABLE)
