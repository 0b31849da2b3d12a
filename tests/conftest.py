"""Shared fixtures: the bundled dataset, and small data folders to break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.data import Dataset, load_dataset
from dashboard.paths import BUNDLED_DATA_DIR

MINI_TABLES = {
    "regions.csv": (
        "region_id,name,country,country_name,lat,lon,eurostat_metro_code,capital,baltmet_inno_role\n"
        "helsinki,Helsinki,FI,Finland,60.17,24.94,FI001MC,true,partner\n"
        "riga,Riga,LV,Latvia,56.95,24.11,LV001MC,true,partner\n"
    ),
    "indicators.csv": (
        "indicator_id,label,short_label,unit,kind,category,kpi_order,decimals,description\n"
        "population,Population,Population,persons,count,Population,1,0,Residents\n"
        "share_national_gva,Share of GVA,Share of GVA,%,percent,National shares,,1,Share\n"
    ),
    "sources.csv": (
        "source_id,publisher,title,url,accessed,kind\n"
        "profile,BaltMet Inno,Helsinki profile,http://example.org/p,2026,official\n"
    ),
    "values.csv": (
        "region_id,indicator_id,edition,year,year_approx,value,qualifier,territory,territory_type,source_id,note\n"
        "helsinki,population,baltmet,2007,true,1300000,,Helsinki Region,metro,profile,one\n"
        "helsinki,share_national_gva,baltmet,2007,true,34,,Helsinki Region,metro,profile,two\n"
        "riga,population,baltmet,2009,true,742200,,City of Riga,city,profile,three\n"
    ),
}


@pytest.fixture(autouse=True)
def english_environment(monkeypatch) -> None:
    """Commands take their default language from LANG/LC_ALL/LC_MESSAGES: tests read English unless they ask."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    """The bundled data, loaded once."""
    return load_dataset(BUNDLED_DATA_DIR)


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    """A tiny valid data folder; tests edit one file to make exactly one problem."""
    for name, text in MINI_TABLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture(scope="session")
def needs_chromium() -> None:
    """Exports render in real Chromium through kaleido; without a browser they cannot run."""
    if not (Path("/usr/bin/chromium").exists() or shutil.which("chromium")):
        pytest.skip("kaleido needs Chromium (Debian package 'chromium'); scripts/test.sh installs it")


@pytest.fixture(scope="session")
def needs_office() -> None:
    """Slides are checked as LibreOffice draws them (then read with poppler); without both they cannot run."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")) or not shutil.which("pdftoppm"):
        pytest.skip("LibreOffice (libreoffice-impress) or poppler-utils missing; scripts/test.sh installs both")


TESTS = Path(__file__).parent
TOOL_FIXTURES = {"needs_chromium", "needs_office", "browser"}  # Chromium (kaleido, Playwright) or LibreOffice


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/browser is ``browser``; every test that starts Chromium or LibreOffice (it asks,
    itself or through a fixture, for one of TOOL_FIXTURES, or is a browser test) is ``tools``, so that
    ``pytest -m "not tools"`` is the fast loop."""
    for item in items:
        if TESTS / "browser" in item.path.parents:
            item.add_marker(pytest.mark.browser)
        if item.get_closest_marker("browser") or TOOL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.tools)
