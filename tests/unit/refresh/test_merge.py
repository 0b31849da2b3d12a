"""The merge rules on small tables: what is added, replaced, kept, reported."""

from __future__ import annotations

from dashboard.refresh.merge import Fetched, Table, drop_uncited, merge

HEADER = ["region_id", "indicator_id", "edition", "year", "value", "territory_id", "source_id", "note"]


def _row(year: str, value: str, source: str, territory: str = "fi001mc", note: str = "") -> dict[str, str]:
    return {"region_id": "helsinki", "indicator_id": "population", "edition": "recent", "year": year,
            "value": value, "territory_id": territory, "source_id": source, "note": note}


def _sources(*rows: tuple[str, str]) -> Table:
    return Table(["source_id", "kind"], [{"source_id": s, "kind": k} for s, k in rows])


NEW = "refresh_t_20270115"
OLD = "refresh_t_20260101"


def _fetched(*rows: dict[str, str], label: str = "Eurostat t") -> Fetched:
    return Fetched(label, "refresh_t_", list(rows), {"source_id": NEW, "kind": "official"})


def test_the_rules() -> None:
    values = Table(HEADER, [
        _row("2021", "100", "city_page"),  # official, same value: kept
        _row("2022", "200", "wiki"),  # secondary, same value: re-read at source
        _row("2023", "300", "wiki"),  # secondary, other value: changed
        _row("2019", "90", OLD, note="x; flags: p (provisional); query y"),  # earlier refresh, now gone
        _row("2020", "95", OLD, note="x; flags: p (provisional); query y"),  # earlier refresh, flags differ
    ])
    sources = _sources(("city_page", "official"), ("wiki", "secondary"), (OLD, "official"))
    fetched = _fetched(_row("2021", "100.0", NEW), _row("2022", "200", NEW), _row("2023", "301", NEW),
                       _row("2020", "95", NEW, note="x; flags: none; query y"), _row("2024", "400", NEW))
    gaps = Table(["region_id", "indicator_id", "edition", "reason"],
                 [{"region_id": "helsinki", "indicator_id": "population", "edition": "recent", "reason": "none"},
                  {"region_id": "helsinki", "indicator_id": "gdp", "edition": "recent", "reason": "none"}])
    merged = merge(values, sources, gaps, [fetched])
    by_year = {r["year"]: r for r in merged.values.rows}
    assert by_year["2021"]["source_id"] == "city_page" and merged.unchanged == 1
    assert [c.key[3] for c in merged.reread] == ["2022"] and by_year["2022"]["source_id"] == NEW
    assert [(c.old, c.new, c.old_source) for c in merged.changed] == [("300", "301", "wiki")]
    assert [(c.key[3], c.old_flags, c.new_flags) for c in merged.flags_changed] == [("2020", "p (provisional)",
                                                                                     "none")]
    assert [c.key[3] for c in merged.new] == ["2024"]
    assert [(c.key[3], c.old_source) for c in merged.disappeared] == [("2019", OLD)]
    assert by_year["2019"]["value"] == "90"  # kept: deleting is a person's decision
    assert [r["year"] for r in merged.values.rows] == ["2019", "2020", "2021", "2022", "2023", "2024"]
    assert merged.gaps_filled == [("helsinki", "population", "recent")] and len(merged.gaps.rows) == 1
    drop_uncited(merged, territory_sources=["city_page"])
    assert merged.sources_dropped == ["wiki"]
    assert {r["source_id"] for r in merged.sources.rows} == {"city_page", OLD, NEW}


def test_the_first_table_wins_an_overlap() -> None:
    first = _fetched(_row("2023", "709037", NEW, "oslo_city"), label="Eurostat met_pjanaggr3")
    second = Fetched("Statistics Norway 06913", "refresh_s_", [_row("2023", "709040", "refresh_s_x", "oslo_city")],
                     {"source_id": "refresh_s_x", "kind": "official"})
    merged = merge(Table(HEADER, []), _sources(), Table(["region_id"], []), [first, second])
    assert [r["value"] for r in merged.values.rows] == ["709037"]
    assert merged.overlaps == ["helsinki population 2023 oslo_city: Eurostat met_pjanaggr3 709037 kept, "
                               "Statistics Norway 06913 709040 (differs)"]
    assert [r["source_id"] for r in merged.sources.rows] == [NEW]  # the unused query cites nothing


def test_agreeing_overlaps_are_counted_not_listed() -> None:
    metro = _fetched(_row("2021", "1702678", NEW), _row("2022", "1718001", NEW), label="Eurostat met_pjanaggr3")
    composed = Fetched("Eurostat demo_r_pjanaggr3", "refresh_d_",
                       [_row("2021", "1702678.0", "refresh_d_x"), _row("2022", "1718000", "refresh_d_x")],
                       {"source_id": "refresh_d_x", "kind": "official"})
    merged = merge(Table(HEADER, []), _sources(), Table(["region_id"], []), [metro, composed])
    assert dict(merged.overlaps_agreeing) == {("Eurostat met_pjanaggr3", "Eurostat demo_r_pjanaggr3"): 1}
    assert merged.overlaps == ["helsinki population 2022 fi001mc: Eurostat met_pjanaggr3 1718001 kept, "
                               "Eurostat demo_r_pjanaggr3 1718000 (differs)"]
