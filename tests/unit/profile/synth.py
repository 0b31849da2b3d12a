"""Small made-up data folders for the profile's logic tests: tests/synthetic.py's builder with the indicators a
profile reads and a user's source (figures as ``Row``s, with qualifiers). The numbers are test values, not data."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from dashboard.data import Dataset
from tests import synthetic
from tests.synthetic import Row

__all__ = ["REGIONS", "Row", "build"]

REGIONS = ("aa", "bb", "cc", "dd")
DECLARED = ["per_capita_base", "per_capita_scale", "per_capita_unit", "national_total", "reported_share",
            "share_label", "kpi_context"]
# id, label, short, unit, kind, kpi_order, decimals, then DECLARED
INDICATORS = [
    ("population", "Population", "Population", "persons", "count", "1", "0",
     "", "", "", "national_population", "share_national_population", "population", "true"),
    ("employment", "Employment", "Jobs", "persons", "count", "2", "0",
     "population", "1000", "per 1 000 inhabitants", "national_employment", "share_national_employment", "jobs", ""),
    ("gdp", "GDP", "GDP", "EUR million", "amount", "3", "0",
     "population", "1000000", "EUR per inhabitant", "", "share_national_gdp", "GDP", ""),
    ("universities", "Universities", "Universities", "count", "count", "4", "0",
     "population", "1000000", "per million inhabitants", "", "", "", ""),
    ("science_parks", "Science parks", "Science parks", "count", "count", "5", "0", "", "", "", "", "", "", ""),
    ("polytechnics", "Polytechnics", "Polytechnics", "count", "count", "", "0", "", "", "", "", "", "", ""),
    ("students", "Students", "Students", "persons", "count", "", "0", "", "", "", "", "", "", ""),
    ("academic_staff", "Academic staff", "Academic staff", "persons", "count", "", "0", "", "", "", "", "", "", ""),
    ("research_institute_staff", "Research staff", "Research staff", "persons", "count", "", "0",
     "", "", "", "", "", "", ""),
    ("national_population", "National population", "Nat. pop.", "persons", "count", "", "0",
     "", "", "", "", "", "", ""),
    ("national_employment", "National jobs", "Nat. jobs", "persons", "count", "", "0", "", "", "", "", "", "", ""),
    ("share_national_population", "Share of population", "Share of population", "%", "percent", "", "1",
     "", "", "", "", "", "", ""),
    ("share_national_employment", "Share of jobs", "Share of jobs", "%", "percent", "", "1",
     "", "", "", "", "", "", ""),
    ("share_national_gdp", "Share of GDP", "Share of GDP", "%", "percent", "", "1", "", "", "", "", "", "", ""),
    ("share_national_gva", "Share of GVA", "Share of GVA", "%", "percent", "", "1", "", "", "", "", "", "", ""),
    ("gva_per_capita_index_national", "GVA per inhabitant (national = 100)", "GVA index", "index", "index", "",
     "0", "", "", "", "", "", "", ""),
    ("services_share_jobs", "Service jobs", "Service jobs", "%", "percent", "", "0", "", "", "", "", "", "", ""),
    ("hq_share_large_companies", "HQ share", "HQs here", "%", "percent", "", "0", "", "", "", "", "", "", ""),
    ("gdp_per_capita", "GDP per inhabitant", "GDP per inhabitant", "EUR", "amount", "", "0", "", "", "", "", "", "",
     ""),
]
# The profile's vocabulary (indicators.csv's profile columns, as the bundled table has them): the words, paragraph,
# sentence and order each indicator takes; the then-and-now rows; the trend chart.
PROFILE = {
    "population": dict(noun_one="inhabitant", noun_many="inhabitants", profile_topic="size",
                       profile_role="inhabitants", profile_order="1", then_now="1", profile_trend="true"),
    "employment": dict(noun_one="job", noun_many="jobs", profile_topic="size", profile_role="count",
                       profile_order="2", then_now="2"),
    "gdp": dict(profile_topic="size", profile_role="count", profile_order="3", then_now="3", profile_trend="true"),
    "share_national_gva": dict(share_label="GVA (reported)", share_words="gross value added (GVA)",
                               profile_topic="size", profile_order="4", then_now="7"),
    "share_national_population": dict(then_now="4"),
    "share_national_employment": dict(then_now="5"),
    "share_national_gdp": dict(then_now="6"),
    "gva_per_capita_index_national": dict(prose_name="gross value added (GVA) per inhabitant",
                                          profile_topic="productivity", profile_role="index_national",
                                          profile_order="1"),
    "gdp_per_capita": dict(profile_topic="productivity", profile_role="per_inhabitant", profile_order="4",
                           per_capita_of="gdp", then_now="8"),
    "universities": dict(noun_one="university", noun_many="universities", profile_topic="knowledge",
                         profile_role="count", profile_order="1", then_now="9"),
    "polytechnics": dict(noun_one="polytechnic / university of applied sciences",
                         noun_many="polytechnics / universities of applied sciences", profile_topic="knowledge",
                         profile_role="count", profile_order="2", then_now="10"),
    "students": dict(noun_one="student", noun_many="students", prose_name="higher-education students",
                     profile_topic="knowledge", profile_role="people", profile_order="7", then_now="12"),
    "academic_staff": dict(noun_one="member of academic staff", noun_many="academic staff", profile_topic="knowledge",
                           profile_role="people", profile_order="8"),
    "research_institute_staff": dict(noun_one="member of staff", noun_many="staff", profile_topic="knowledge",
                                     profile_role="institute_staff", profile_order="10"),
    "science_parks": dict(noun_one="science and technology park", noun_many="science and technology parks",
                          profile_topic="innovation", profile_role="count", profile_order="1", then_now="14"),
    "services_share_jobs": dict(profile_topic="structure", profile_role="services", profile_order="1",
                                then_now="15"),
    "hq_share_large_companies": dict(profile_topic="structure", profile_role="headquarters", profile_order="2"),
}
SOURCES = [*synthetic.SOURCES, ("mine", "My office", "My table", "", "2026", "user")]


def build(folder: Path, rows: Iterable[Row], regions: tuple[str, ...] = REGIONS) -> Dataset:
    """tests/synthetic.py's folder with the indicators and sources above."""
    columns = [*synthetic.INDICATOR_COLUMNS, *DECLARED]
    indicators = [dict(zip(columns, (*row[:5], "test", *row[5:7], "test", *row[7:]), strict=True))
                  | PROFILE.get(row[0], {}) for row in INDICATORS]
    return synthetic.build(folder, rows, regions, indicators=indicators, sources=SOURCES)


# A region profiled as the BaltMet Inno profile of Helsinki words it (c. 2007), on synthetic ids: the rows the
# profile tests build on.
BALTMET_LIKE = [Row("aa", "population", 2007, 1_300_000, "fua", "rounded", approx=True),
        Row("aa", "population", 2007, 560_000, "city", approx=True),
        Row("aa", "share_national_population", 2007, 25, "fua", "approx", approx=True),
        Row("aa", "share_national_employment", 2007, 29, "fua", approx=True),
        Row("aa", "share_national_gva", 2007, 34, "fua", approx=True),
        Row("aa", "universities", 2007, 9, "fua", approx=True),
        Row("aa", "polytechnics", 2007, 9, "fua", approx=True),
        Row("aa", "students", 2007, 100_000, "fua", approx=True),
        Row("aa", "academic_staff", 2007, 9_000, "fua", approx=True),
        Row("aa", "research_institute_staff", 2007, 10_000, "fua", "upper_bound", approx=True),
        Row("aa", "science_parks", 2007, 4, "fua", approx=True),
        Row("aa", "gva_per_capita_index_national", 2007, 144, "fua", approx=True),
        Row("aa", "hq_share_large_companies", 2007, 80, "fua", "lower_bound", approx=True)]
