"""One more KPI is a row of indicators.csv: menus, cards, charts, table, CSV and deck show it, no code change."""

from __future__ import annotations

import csv
import io
import shutil
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from dashboard.components.controls import indicator_options, measure_options
from dashboard.data import load_dataset
from dashboard.export.tables import to_csv
from dashboard.paths import BUNDLED_DATA_DIR
from dashboard.url_state import from_query
from dashboard.view_model import table_rows
from dashboard.views import CHARTS
from tests.helpers import kpi_row_for as kpi_row
from tests.helpers import text_of


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("museums")
    shutil.copytree(BUNDLED_DATA_DIR, folder, dirs_exist_ok=True)
    with (folder / "indicators.csv").open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        last = max(int(r["kpi_order"]) for r in reader if r["kpi_order"])  # after every KPI there is
        header = list(reader.fieldnames or ())
    row = dict.fromkeys(header, "")
    row.update(indicator_id="museums", label="Museums", short_label="Museums", unit="count", kind="count",
               category="Culture", kpi_order=str(last + 1), decimals="0", description="Museums (a test indicator).",
               per_capita_base="population", per_capita_scale="1000000", per_capita_unit="per million inhabitants",
               icon="bi-buildings-fill", mappable="true")
    with (folder / "indicators.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=header, lineterminator="\n").writerow(row)
    values = pd.read_csv(folder / "values.csv", dtype=str, keep_default_na=False)
    new = [{**dict.fromkeys(values.columns, ""), "region_id": r, "indicator_id": "museums", "edition": "recent",
            "year": "2023", "year_approx": "false", "value": v, "territory_id": f"{r}_city",
            "territory": "test", "source_id": values["source_id"].iloc[0], "note": "test value"}
           for r, v in (("helsinki", "80"), ("riga", "40"), ("oslo", "60"))]
    pd.concat([values, pd.DataFrame(new)]).to_csv(folder / "values.csv", index=False)
    return load_dataset(folder)


@pytest.fixture(scope="module")
def state(data):
    return from_query(data, "?edition=recent&indicator=museums")[0]


def test_the_new_indicator_is_in_the_menus_and_its_measures_follow_its_declaration(data) -> None:
    assert "museums" in [o["value"] for o in indicator_options(data, "recent")]
    per_capita = next(o for o in measure_options(data, "museums") if o["value"] == "per_capita")
    share = next(o for o in measure_options(data, "museums") if o["value"] == "share")
    assert per_capita["disabled"] is False and share["disabled"] is True


def test_the_new_kpi_has_its_card_after_the_others(data, dataset, state) -> None:
    assert data.kpi_ids == [*dataset.kpi_ids, "museums"]
    cards = kpi_row(data, "helsinki", "recent", state.regions, None, "reported")  # its figure is a city one
    assert len(cards) == len(dataset.kpi_ids) + 1 and "Museums" in text_of(cards[-1]) and "80" in text_of(cards[-1])


def test_charts_table_and_csv_show_it(data, state) -> None:
    fig, meta = CHARTS.by_name("ranking").build(data, state)
    assert sorted(fig["data"][0]["x"]) == [40, 60, 80] and meta.title == "Ranking: Museums"
    per_head, _ = CHARTS.by_name("ranking").build(data, replace(state, measure="per_capita"))
    assert len(per_head["data"][0]["x"]) >= 1  # divided by the same city's population where it has one
    assert any(r["indicator"] == "Museums" for r in table_rows(data, state))
    frame = pd.read_csv(io.BytesIO(to_csv(data, state)))
    assert "Museums" in set(frame["indicator"])


def test_the_deck_shows_it(needs_chromium, data, state) -> None:
    from pptx import Presentation

    from dashboard.export.deck import build_deck

    prs = Presentation(io.BytesIO(build_deck(data, state)))
    text = " ".join(shape.text_frame.text for slide in prs.slides for shape in slide.shapes if shape.has_text_frame)
    assert "Museums" in text


def test_a_declaration_that_points_nowhere_is_refused(tmp_path: Path) -> None:
    from dashboard.data import DataValidationError

    shutil.copytree(BUNDLED_DATA_DIR, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "indicators.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("national_population,share_national_population",
                                                             "national_populaton,share_national_population", 1),
                    encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        load_dataset(tmp_path)
    assert "unknown indicator 'national_populaton'" in str(err.value.problems[0])
