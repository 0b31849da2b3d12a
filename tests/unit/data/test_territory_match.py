"""A user's row that names only its territory lands on a defined territory, or stands apart."""

from __future__ import annotations

import pandas as pd

from dashboard.data.territory_match import match_territories

TERRITORIES = pd.DataFrame(
    [("aa_city", "aa", "city", "City of AA", "", ""),
     ("aa_metro", "aa", "eurostat_metro", "AA County (Eurostat AA001MC)", "", "AA001MC"),
     ("aa_fua12", "aa", "fua", "AA Region (12 municipalities)", "", ""),
     ("aa_fua14", "aa", "fua", "AA Region (14 municipalities)", "", ""),
     ("bb_metro", "bb", "eurostat_metro", "BB metro", "", "BB001MC")],
    columns=["territory_id", "region_id", "kind", "name", "definition", "eurostat_code"]).set_index("territory_id")


def _rows(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame([(r, w, t, "") for r, w, t in rows],
                        columns=["region_id", "territory", "territory_type", "territory_id"])


def test_each_rule_in_turn_and_what_was_done_is_said() -> None:
    notes: list[str] = []
    out = match_territories(_rows(("aa", "aa county", "metro"), ("aa", "AA County", "metro"),
                                  ("aa", "Eurostat AA001MC", "metro"), ("aa", "the town", "city"),
                                  ("aa", "AA Region", "metro"), ("aa", "Eurostat BB001MC", "metro")),
                            TERRITORIES, notes)
    # exact name (any case), name without its parenthesis, Eurostat code, the one core city; 'AA Region' is
    # two territories and another region's code is not this region's: both stay undefined
    assert out["territory_id"].tolist() == ["aa_metro", "aa_metro", "aa_metro", "aa_city", "", ""]
    assert "territory matched by the territory's name for 2 row(s)" in notes
    assert any(n.startswith("2 row(s) name a territory not defined") for n in notes)


def test_a_given_territory_id_is_kept() -> None:
    rows = _rows(("aa", "anything", "city")).assign(territory_id="aa_fua12")
    assert match_territories(rows, TERRITORIES, [])["territory_id"].tolist() == ["aa_fua12"]
