"""The kinds of territory are one table, territory_kinds.csv: its rows say what the code's vocabularies said, a new
kind is a row (its label, badge and rank reach the page), and a malformed table is refused FILE:ROW:COLUMN."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from dashboard.comparability import kind_label
from dashboard.components.kpi_card import kpi_row
from dashboard.data import Dataset, DataValidationError, load_dataset
from dashboard.data.territory_kinds import bundled_territory_kinds
from dashboard.paths import BUNDLED_DATA_DIR
from dashboard.profile import build_profile
from dashboard.state import default_state
from tests import synthetic

BUNDLED_ROWS = (BUNDLED_DATA_DIR / "territory_kinds.csv").read_text(encoding="utf-8")


def test_the_bundled_table_says_what_the_code_said(dataset: Dataset) -> None:
    """The texts of schema.TERRITORY_KINDS, kpi_card.TERRITORY_BADGE, pdf.KIND_SHORT, naming.BASIS_SLUG and
    dataset.WORDING_KIND, which the table replaced."""
    kinds = dataset.kinds
    assert kinds == bundled_territory_kinds()
    assert {k: kinds.label(k) for k in kinds.order} == {
        "eurostat_metro": "Eurostat metropolitan region", "fua": "functional urban area",
        "county_nuts": "county / NUTS region", "unspecified": "metro area, extent not stated", "city": "core city",
        "wider": "wider area", "country": "country"}  # in this order: 'as each region reports' prefers the first
    assert list(kinds.order) == ["eurostat_metro", "fua", "county_nuts", "unspecified", "city", "wider", "country"]
    assert {k: kinds.short_label(k) for k in kinds.order} == {
        "eurostat_metro": "Eurostat metro region", "fua": "functional urban area", "county_nuts": "county",
        "unspecified": "extent not stated", "city": "core city", "wider": "wider area", "country": "country"}
    assert {k: kinds.badge(k) for k in kinds.order if kinds.badge(k)} == {
        "city": ("City figure", "warning", "This figure describes the core city, not the metropolitan region."),
        "wider": ("Wider area", "info", "This figure describes an area wider than the metropolitan region."),
        "county_nuts": ("County figure", "info", "This figure describes a county or statistical region."),
        "unspecified": ("Extent not stated", "warning", "The source does not say which area this figure covers.")}
    assert kinds.bases == ("eurostat_metro", "city")
    assert {b: kinds.basis_slug(b) for b in kinds.bases} == {"eurostat_metro": "eurostat-metro", "city": "core-cities"}
    assert {w: kinds.for_wording(w) for w in ("city", "wider", "country", "metro")} == {
        "city": "city", "wider": "wider", "country": "country", "metro": "unspecified"}
    assert kind_label("county_nuts") == kind_label("county_nuts", dataset) == "county / NUTS region"


def test_a_folder_without_the_table_takes_the_bundled_one(mini_dir: Path) -> None:
    assert not (mini_dir / "territory_kinds.csv").exists()
    assert load_dataset(mini_dir).kinds == bundled_territory_kinds()


def _island(folder: Path) -> Dataset:
    """aa's population only on a territory of a kind the bundled table does not have, declared as one row."""
    synthetic.build(folder, [("bb", "population", 2021, 800_000, "metro")])
    island = "island,8,island territory,island,Island figure,info,This figure describes an island.,,,\n"
    (folder / "territory_kinds.csv").write_text(BUNDLED_ROWS + island, encoding="utf-8")
    with (folder / "territories.csv").open("a", encoding="utf-8") as out:
        out.write("aa_island,aa,island,AA island,the island of aa,,\n")
    with (folder / "values.csv").open("a", encoding="utf-8") as out:
        out.write("aa,population,recent,2021,false,500000,,aa_island,,,src,\n")
    return load_dataset(folder)


def _badges(component) -> list[tuple[str, str, str]]:
    """(text, colour, tooltip) of every Badge in a Dash component tree."""
    found = []
    if type(component).__name__ == "Badge":
        found.append((component.children, component.color, component.title))
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            found += _badges(child)
    return found


def test_a_new_kind_is_a_row_and_its_label_badge_and_short_label_show(tmp_path: Path) -> None:
    data = _island(tmp_path / "d")
    assert data.kinds.label("island") == kind_label("island", data) == "island territory"
    figure = data.figure("aa", "population", "recent")
    assert figure is not None and figure.territory_kind == "island"
    state = replace(default_state(data), focus="aa", indicator="population", basis="reported")
    badges = [b for col in kpi_row(data, state) for b in _badges(col)]
    assert ("Island figure", "info", "This figure describes an island.") in badges
    headline = next(h for h in build_profile(data, "aa", "recent").headlines if h.indicator_id == "population")
    assert (headline.kind_label, headline.kind_short) == ("island territory", "island")


def test_the_rank_orders_what_as_reported_shows(tmp_path: Path) -> None:
    """Ranked before the Eurostat metro region, the island's figure is the region's figure as reported."""
    folder = tmp_path / "d"
    _island(folder)
    with (folder / "values.csv").open("a", encoding="utf-8") as out:
        out.write("aa,population,recent,2021,false,900000,,aa_metro,,,src,\n")
    assert load_dataset(folder).figure("aa", "population", "recent").territory_kind == "eurostat_metro"
    table = (folder / "territory_kinds.csv").read_text(encoding="utf-8")
    table = table.replace("eurostat_metro,1,", "eurostat_metro,9,")  # after the island's 8
    (folder / "territory_kinds.csv").write_text(table, encoding="utf-8")
    assert load_dataset(folder).figure("aa", "population", "recent").territory_kind == "island"


def _problems(folder: Path) -> list[str]:
    with pytest.raises(DataValidationError) as caught:
        load_dataset(folder)
    return [str(p).replace(f"{folder}/", "") for p in caught.value.problems]


def test_a_malformed_table_is_refused_file_row_column(mini_dir: Path) -> None:
    (mini_dir / "territory_kinds.csv").write_text(
        "kind,rank,label,short_label,badge,badge_colour,badge_why,basis,basis_slug,wording\n"
        "eurostat_metro,1,Eurostat metropolitan region,,,,,eurostat_metro,eurostat-metro,\n"
        "fua,1,functional urban area,,,,,,,\n"
        "city,x,core city,,City figure,orange,tip,town,Core Cities,city\n"
        "wider,6,wider area,,,,,,,city\n"
        "country,7,,,,,,,,country\n"
        "Country Side,8,x,,,,,,,\n", encoding="utf-8")
    (mini_dir / "territories.csv").write_text(
        "territory_id,region_id,kind,name,definition,eurostat_code,source_id\n"
        "helsinki_island,helsinki,island,Helsinki island,made up,,\n", encoding="utf-8")
    assert _problems(mini_dir) == [
        "territories.csv:2:kind: unknown territory kind 'island' (not in territory_kinds.csv)",
        "territory_kinds.csv:0:kind: no row for kind 'unspecified', which the dashboard gives a meaning to",
        "territory_kinds.csv:3:rank: rank '1' is already kind 'eurostat_metro''s (line 2); each kind needs its own",
        "territory_kinds.csv:4:badge_colour: 'orange' is not one of: primary, secondary, success, danger, warning, "
        "info, light, dark",
        "territory_kinds.csv:4:basis: 'town' is not one of: eurostat_metro, city",
        "territory_kinds.csv:4:basis_slug: 'Core Cities' is not a file-name slug (lower-case letters, digits, "
        "single -)",
        "territory_kinds.csv:4:rank: 'x' is not a number",
        "territory_kinds.csv:5:wording: territory type 'city' is already kind 'city''s (line 4); each kind needs its "
        "own",
        "territory_kinds.csv:6:label: empty; a value is required",
        "territory_kinds.csv:7:kind: 'Country Side' is not an id (lower-case letters, digits, _)",
    ]


def test_a_table_without_a_required_column_says_so(mini_dir: Path) -> None:
    (mini_dir / "territory_kinds.csv").write_text(BUNDLED_ROWS.replace(",label,", ",name,", 1), encoding="utf-8")
    problems = _problems(mini_dir)
    assert "territory_kinds.csv:1:label: missing column" in problems
    assert any(p.startswith("territory_kinds.csv:1:name: unknown column") for p in problems)
