"""Build data/values.csv and data/sources.csv from ../shared/reference-data.

Run once by a developer (not at app start): ``python scripts/curate_reference_data.py``.
The rules below are the whole editorial policy, so a reviewer can see why every row is
where it is. Nothing here creates a figure: rows are copied, re-labelled or left out.

Rules
- Edition by year: figures up to 2010 are the BaltMet era ("baltmet"); 2011 on are "recent".
- Territory type from the territory text: city, metro, wider (cross-border or multi-county
  areas larger than the metro region) or country.
- Population, employment, GDP and GDP per capita: the headline indicator holds the
  metro-level series of a region in an edition; city figures go to the ``*_city`` indicator.
  Only when an edition has no metro-level figure for a region do its city figures also
  stand as the headline (their territory type says so).
- Figures for wider territories are left out of those four headline series.
- Where two figures remain for one region/indicator/edition/year, HEADLINE_CHOICES names
  the one kept and why; the other is mentioned in the kept row's note.
- Figures the reference marks COMPUTED are left out: the app derives shares itself.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference-data"
if len(sys.argv) > 1:
    REFERENCE = Path(sys.argv[1])

RENAME = {
    "population_metro": "population",
    "population_region": "population",
    "employment_jobs": "employment",
    "employment_persons": "employment",
    "employment_ss_jobs": "employees_social_security",
    "employment_persons_lfs": "employment_lfs",
    "employment_persons_ict": "employment_ict",
    "gdp_eur_million": "gdp",
    "gdp_per_capita_eur": "gdp_per_capita",
    "national_gdp_eur_million": "national_gdp",
}
GROUPED = {"population", "employment", "gdp", "gdp_per_capita"}

WIDER = ("Oresund", "Greater Copenhagen (DK+SE)", "Greater Copenhagen (Eastern Denmark",
         "Stockholm-Malar", "Uusimaa region (wider)", "Finland (most located", "Danish side")
CITY_PREFIXES = ("City of", "Capital City of", "Copenhagen Municipality", "Malmo Municipality",
                 "Malmo (city", "Stockholm Municipality", "NUTS1 DE3 Berlin",
                 "NUTS3 LV006 Riga (= City", "Malmo University")
CITY_EXACT = {"Tallinn", "Warsaw", "Stockholm"}

# Rows left out on purpose: (region, reference indicator, year, source) -> reason.
LEFT_OUT = {
    ("tallinn", "gdp_eur_million", "2018", "wiki_tallinn_revisions"):
        "territory ambiguous ('GRP (Metro)' label on a city infobox series)",
}

# (region, indicator, edition, year) -> (source_id kept, why)
HEADLINE_CHOICES = {
    ("berlin", "gdp", "recent", "2021"): ("wiki_eu_metro_regions_gdp_2021",
        "Kept the unrounded 217 928 (Wikipedia list citing Eurostat); the Eurostat atlas transcription gives 217 900, the same figure rounded."),
    ("stockholm", "gdp", "recent", "2017"): ("wiki_eu_metro_areas_gdp_2016_2018",
        "Kept 148 600 (Wikipedia list citing Eurostat); the BSR games profile gives 'EUR 148 bn' for Stockholm County, the same figure rounded."),
    ("stockholm", "gdp", "recent", "2021"): ("atlas_se_eurostat",
        "Kept the atlas transcription of Eurostat met_10r_3gdp (171 270); the Wikipedia list gives 171 269, a rounding difference."),
    ("malmo", "population", "recent", "2023"): ("atlas_se_eurostat",
        "Kept Eurostat SE003M (1 414 324), the territory of Malmo's Eurostat GDP and employment figures; Stor-Malmo, the Malmo metropolitan area of 2 522 km2, had 768 119 (Wikipedia)."),
    ("oslo", "population", "recent", "2023"): ("atlas_no_eurostat",
        "Kept Eurostat NO001MC (709 037), the territory of Oslo's Eurostat GDP and employment figures; the City of Oslo describes the Oslo region as 'more than 1.2 million inhabitants'."),
    ("tallinn", "share_national_gdp_pct", "baltmet", "2006"): ("statee_2006_news#Harju County (incl. Tallinn)",
        "Kept Harju County (61.1 %), the wider of the two territories in the same release; the City of Tallinn created 50.8 %."),
    ("copenhagen", "population", "baltmet", "2009"): ("oecd_territorial_review_copenhagen_2009#Copenhagen metropolitan region",
        "Kept the OECD review's metropolitan region (2.4 million); the same review gives 1.6 million for the Capital Region of Denmark."),
    ("st_petersburg", "population_city", "baltmet", "2007"): ("russia_gov_spb_2007",
        "Kept the federal government's 4 571 000; the BaltMet Inno page rounds to 'about 4.6 million'."),
    ("st_petersburg", "population", "baltmet", "2007"): ("russia_gov_spb_2007",
        "Kept the federal government's 4 571 000; the BaltMet Inno page rounds to 'about 4.6 million'."),
}

QUALIFIER_WORDS = [("lower bound", "lower_bound"), ("upper bound", "upper_bound"),
                   ("rounded", "rounded"), ("approx", "approx"), ("almost", "approx"),
                   ("nearly", "approx"), ("one third", "approx"), ("one fourth", "approx"),
                   ("two thirds", "approx")]


def territory_type(territory: str) -> str:
    if "(national total)" in territory:
        return "country"
    if territory.startswith(WIDER):
        return "wider"
    if territory.startswith(CITY_PREFIXES) or territory in CITY_EXACT:
        return "city"
    return "metro"


def qualifier(unit: str, note: str) -> str:
    text = unit.lower()
    for word, q in QUALIFIER_WORDS:
        if word in text:
            return q
    if "(upper bound)" in note:
        return "upper_bound"
    return ""


def unit_detail(unit: str) -> str:
    """The reference unit's wording when it says more than the indicator's unit."""
    plain = unit in {"persons", "count", "%", "EUR million", "EUR", "km2", "jobs"}
    return "" if plain else f"Reference unit: {unit}. "


def main() -> None:
    rows = list(csv.DictReader((REFERENCE / "values.csv").open(encoding="utf-8")))
    out: list[dict] = []
    for r in rows:
        key = (r["region_id"], r["indicator_id"], r["year"], r["source_id"])
        if key in LEFT_OUT or r["note"].startswith("COMPUTED") or "COMPUTED" in r["note"]:
            continue
        ttype = territory_type(r["territory"])
        indicator = RENAME.get(r["indicator_id"], r["indicator_id"])
        edition = "baltmet" if int(r["year"]) <= 2010 else "recent"
        out.append({
            "region_id": r["region_id"], "indicator_id": indicator, "edition": edition,
            "year": r["year"], "year_approx": "true" if "[year approx]" in r["note"] else "false",
            "value": r["value"], "qualifier": qualifier(r["unit"], r["note"]),
            "territory": r["territory"], "territory_type": ttype, "source_id": r["source_id"],
            "note": (unit_detail(r["unit"]) + r["note"]).strip(),
        })

    # Split the grouped series: metro-level rows are the headline, city rows the *_city series.
    final: list[dict] = []
    for row in out:
        if row["indicator_id"] in GROUPED and row["territory_type"] == "city":
            row = {**row, "indicator_id": f"{row['indicator_id']}_city"}
        if row["indicator_id"] in GROUPED and row["territory_type"] == "wider":
            continue
        final.append(row)
    # An edition with no metro-level figure for a region shows its city series as the headline.
    for indicator in GROUPED:
        have_metro = {(f["region_id"], f["edition"]) for f in final if f["indicator_id"] == indicator}
        for row in [f for f in final if f["indicator_id"] == f"{indicator}_city"]:
            if (row["region_id"], row["edition"]) not in have_metro:
                final.append({**row, "indicator_id": indicator})

    # Wider territories stand only where nothing closer exists for that indicator and edition.
    closer = {(f["region_id"], f["indicator_id"], f["edition"]) for f in final
              if f["territory_type"] in ("metro", "city")}
    final = [f for f in final if not (f["territory_type"] == "wider"
                                      and (f["region_id"], f["indicator_id"], f["edition"]) in closer)]

    # Resolve duplicates.
    by_key: dict[tuple, list[dict]] = {}
    for row in final:
        by_key.setdefault((row["region_id"], row["indicator_id"], row["edition"], row["year"]), []).append(row)
    resolved: list[dict] = []
    unresolved = []
    for key, members in by_key.items():
        if len(members) == 1:
            resolved.append(members[0])
            continue
        ref_key = key
        if ref_key not in HEADLINE_CHOICES:
            # Try the reference id form for renamed indicators
            unresolved.append((key, [(m["source_id"], m["value"], m["territory"]) for m in members]))
            continue
        want, why = HEADLINE_CHOICES[ref_key]
        src, _, terr = want.partition("#")
        kept = [m for m in members if m["source_id"] == src and m["territory"].startswith(terr)]
        if len(kept) != 1:
            unresolved.append((key, f"choice matched {len(kept)} rows"))
            continue
        row = dict(kept[0])
        row["note"] = f"{row['note']} HEADLINE: {why}".strip()
        resolved.append(row)
    used_choices = {k for k, v in by_key.items() if len(v) > 1}
    for stale in set(HEADLINE_CHOICES) - used_choices:
        unresolved.append((stale, "HEADLINE_CHOICES entry matches no duplicate"))
    if unresolved:
        for u in unresolved:
            print("UNRESOLVED", u)
        sys.exit(1)

    # Tidy indicator ids: drop the _pct suffix (the unit column says %).
    for row in resolved:
        row["indicator_id"] = row["indicator_id"].removesuffix("_pct")
    resolved.sort(key=lambda r: (r["region_id"], r["indicator_id"], r["edition"], int(r["year"])))
    fields = ["region_id", "indicator_id", "edition", "year", "year_approx", "value", "qualifier",
              "territory", "territory_type", "source_id", "note"]
    with (ROOT / "data" / "values.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(resolved)

    used = {r["source_id"] for r in resolved}
    sources = list(csv.DictReader((REFERENCE / "sources.csv").open(encoding="utf-8")))
    with (ROOT / "data" / "sources.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["source_id", "publisher", "title", "url", "accessed", "kind"],
                           lineterminator="\n")
        w.writeheader()
        for s in sources:
            if s["source_id"] in used:
                url = s["url"] if s["url"].startswith("http") else ""
                w.writerow({"source_id": s["source_id"], "publisher": s["publisher"], "title": s["title"],
                            "url": url, "accessed": s["accessed_or_seen"], "kind": s["kind"]})
    print(f"{len(resolved)} values, {len(used)} sources")


if __name__ == "__main__":
    main()
