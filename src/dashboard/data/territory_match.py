"""Give a user's figure a defined territory when its row names only the territory's wording.

A figure compares only with figures of the same kind of territory, so a row that says 'Helsinki
Region' must land on one of the region's defined territories, or stand apart as 'extent not
stated'. The rules are few and said back to the user; nothing is guessed from similar names.
"""

from __future__ import annotations

import re

import pandas as pd

from dashboard.i18n import ngettext

EUROSTAT_CODE = re.compile(r"\b[A-Z]{2}\d{3}MC?\b")
PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*$")  # 'Stockholm County (Eurostat SE001MC)' is 'Stockholm County' too


def match_territories(values: pd.DataFrame, territories: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """Fill ``territory_id`` where it is empty, by (in this order) the name of one of the region's territories
    (exactly, or without its closing parenthesis when no other territory shares that), a Eurostat metro
    code in the wording, or 'city' as the region's one core city.
    Rows that match none keep an empty id: the Dataset then treats them 'as worded'."""
    if "territory_id" not in values.columns or values.empty:
        return values
    blank = values["territory_id"] == ""
    if not blank.any():
        return values
    by_name: dict[tuple[str, str], str | None] = {}
    for t, r, n in territories[["region_id", "name"]].itertuples(name=None):
        if not r:
            continue
        for name in {str(n).casefold(), PARENTHESIS.sub("", str(n)).strip().casefold()}:
            key = (str(r).casefold(), name)
            by_name[key] = t if by_name.get(key, t) == t else None  # two territories share it: no match
    by_code = {str(c): t for t, c in territories["eurostat_code"].items() if c}
    cities: dict[str, list[str]] = {}
    for t, r, k in territories[["region_id", "kind"]].itertuples(name=None):
        if r and k == "city":
            cities.setdefault(str(r), []).append(str(t))
    values = values.copy()
    counts = {"name": 0, "code": 0, "city": 0}
    matched = []
    for region, wording, coarse in values.loc[blank, ["region_id", "territory", "territory_type"]].itertuples(
            index=False, name=None):
        found, how = by_name.get((region.casefold(), wording.strip().casefold())), "name"
        if found is None and (code := EUROSTAT_CODE.search(wording)):
            found, how = by_code.get(code.group(0)), "code"
            found = found if found is not None and territories.loc[found, "region_id"] == region else None
        if found is None and coarse == "city" and len(cities.get(region, ())) == 1:
            found, how = cities[region][0], "city"
        if found is not None:
            counts[how] += 1
        matched.append(found or "")
    values.loc[blank, "territory_id"] = matched
    # English keeps 'row(s)' in both forms (its wording is fixed); other languages give each form
    if counts["name"]:
        notes.append(ngettext("territory matched by the territory's name for {n} row(s)",
                              "territory matched by the territory's name for {n} row(s)", counts["name"]))
    if counts["code"]:
        notes.append(ngettext("territory matched by the Eurostat code in its wording for {n} row(s)",
                              "territory matched by the Eurostat code in its wording for {n} row(s)", counts["code"]))
    if counts["city"]:
        notes.append(ngettext("territory matched as the region's core city for {n} row(s)",
                              "territory matched as the region's core city for {n} row(s)", counts["city"]))
    left = int((values["territory_id"] == "").sum())
    if left:
        notes.append(ngettext(
            "{n} row(s) name a territory not defined in territories.csv: they are compared only 'as each region "
            "reports', marked 'extent not stated' (give territory_id to place them)",
            "{n} row(s) name a territory not defined in territories.csv: they are compared only 'as each region "
            "reports', marked 'extent not stated' (give territory_id to place them)", left))
    return values
