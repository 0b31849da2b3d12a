"""An indicator is one typed record (dashboard.data.indicator.Indicator), read from indicators.csv alone: columns a
folder leaves out take defaults, and a new indicator, in the profile too, is a row, never code."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from dashboard.data import Dataset
from dashboard.data.indicator import DEFAULT_ICON, Indicator
from dashboard.profile import build_profile
from tests import synthetic
from tests.synthetic import Row


def test_the_record_is_typed_and_a_column_left_out_takes_its_default(tmp_path: Path) -> None:
    """tests/synthetic.py's indicators.csv has the required columns and a few declared ones, nothing else."""
    data = synthetic.build(tmp_path / "d", [("aa", "gdp", 2021, 100, "metro")])
    gdp = data.indicator("gdp")
    assert isinstance(gdp, Indicator)
    assert (gdp.id, gdp.label, gdp.short_label, gdp.unit, gdp.kind) == ("gdp", "GDP", "GDP", "EUR million", "amount")
    assert type(gdp.decimals) is int and gdp.decimals == 0
    assert type(gdp.kpi_order) is int and gdp.kpi_order == 2
    assert gdp.per_capita_base == "population" and gdp.per_capita_scale == 1_000_000.0
    # left out of the file: the defaults
    assert (gdp.reported_share, gdp.card_extra_share, gdp.shares_order, gdp.icon) == ("", "", None, DEFAULT_ICON)
    assert (gdp.kpi_context, gdp.mappable, gdp.summable) == (False, True, False)
    assert (gdp.noun_many, gdp.profile_topic, gdp.profile_role, gdp.then_now, gdp.profile_trend) == \
        ("", "", "", None, False)
    assert data.indicator("national_population").kpi_order is None
    assert data.indicator("population").icon == "bi-people-fill"


def test_every_bundled_indicator_has_one_record_with_whole_numbers(dataset: Dataset) -> None:
    records = dataset.all_indicators
    assert [r.id for r in records] == list(dataset.indicators.index)
    for record in records:
        assert record is dataset.indicator(record.id)  # built once per Dataset, not per look-up
        assert type(record.decimals) is int
        for name in ("kpi_order", "shares_order", "profile_order", "then_now"):
            assert getattr(record, name) is None or type(getattr(record, name)) is int, (record.id, name)
    assert [i for _, i in sorted((r.kpi_order, r.id) for r in records if r.kpi_order is not None)] == dataset.kpi_ids
    with_record = dataclasses.replace(dataset.indicator("gdp"), label="x")  # frozen: a copy, never a change
    assert dataset.indicator("gdp").label != "x" and with_record.label == "x"


def _with_design_centres(folder: Path) -> Dataset:
    """A made-up indicator, a share and a count of the innovation paragraph, that no module names."""
    base = [dict(zip([*synthetic.INDICATOR_COLUMNS, *synthetic.DECLARED], (*row[:8], "test", *row[8:]), strict=True))
            for row in synthetic.INDICATORS]
    new = [
        {"indicator_id": "design_centres", "label": "Design centres", "short_label": "Design centres",
         "unit": "count", "kind": "count", "category": "Knowledge", "decimals": "0", "description": "test",
         "noun_one": "design centre", "noun_many": "design centres", "profile_topic": "innovation",
         "profile_role": "count", "profile_order": "1", "then_now": "1"},
        {"indicator_id": "share_national_design", "label": "Share of national design", "short_label": "Design share",
         "unit": "%", "kind": "percent", "category": "National shares", "decimals": "0", "description": "test",
         "share_words": "design studios", "profile_topic": "structure", "profile_order": "1"},
    ]
    rows = [Row("aa", "design_centres", 2007, 3, approx=True), Row("aa", "design_centres", 2021, 1),
            Row("aa", "share_national_design", 2021, 40), Row("aa", "population", 2021, 500_000)]
    return synthetic.build(folder, rows, indicators=[*base, *new])


def test_a_new_indicator_reaches_the_profile_as_a_row_of_indicators_csv(tmp_path: Path) -> None:
    data = _with_design_centres(tmp_path / "d")
    profile = build_profile(data, "aa", "recent")
    text = profile.text.replace("\u00a0", " ")
    assert "AA has 1 design centre (2021, AA metro)" in text  # noun_one: one of them
    assert "AA accounts for 40% of Finland's design studios" in text  # share_words, in its topic
    row = next(r for r in profile.then_now if r.indicator_id == "design_centres")
    assert row.label == "Design centres" and row.then.startswith("3 (c.\u00a02007") and row.now.startswith("1 (2021")
    then = build_profile(data, "aa", "baltmet").text.replace("\u00a0", " ")
    assert "AA has 3 design centres (c. 2007, AA metro)" in then  # noun_many


def test_an_upload_keeps_the_records_of_the_data_it_lands_on(dataset: Dataset) -> None:
    import base64

    from dashboard.upload import dataset_for, parse_upload

    table = "region_id,indicator_id,year,value,territory\nriga,science_parks,2023,3,City of Riga\n"
    contents = "data:text/csv;base64," + base64.b64encode(table.encode()).decode()
    merged = dataset_for(dataset, parse_upload(contents, "parks.csv", dataset).payload)
    assert merged is not dataset
    assert merged.all_indicators == dataset.all_indicators
    assert merged.indicator("science_parks").noun_many == "science and technology parks"
    assert merged.kinds == dataset.kinds and merged.compositions == dataset.compositions
