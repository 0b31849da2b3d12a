"""A fixture server per test, a data folder to merge into, and fast retry settings.

Most tests merge into ``tests/fixtures/refresh/data/``, a small complete data folder written for them
(seven regions, their territories and compositions, four figures, two gaps): what a refresh changes there
does not move when the bundled data is edited. One test runs a refresh against a copy of the bundled
``data/`` to show the real tables take one."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.paths import BUNDLED_DATA_DIR
from dashboard.refresh.settings import Settings
from tests.unit.refresh.server import FIXTURES, FixtureServer, all_good

TEST_DATA = FIXTURES / "data"


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI writes in the environment's language (LANG): these tests read English whatever the machine's is."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FixtureServer]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    for name in ("STATFI", "SCB", "SSB"):
        monkeypatch.delenv(f"BALTMET_REFRESH_API_{name}", raising=False)
    running = FixtureServer(all_good())
    yield running
    running.close()


@pytest.fixture
def settings(server: FixtureServer) -> Settings:
    """Short waits: a retry after 10 ms, a timeout after 0.5 s."""
    return Settings(timeout=0.5, retries=2, backoff=0.01, max_backoff=0.05, base_urls=server.base_urls())


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The test data folder, copied: a refresh merges into this copy."""
    target = tmp_path / "data"
    shutil.copytree(TEST_DATA, target)
    return target


@pytest.fixture
def bundled_dir(tmp_path: Path) -> Path:
    """The bundled tables, copied: a refresh merges into these, never into data/."""
    target = tmp_path / "bundled"
    shutil.copytree(BUNDLED_DATA_DIR, target, ignore=shutil.ignore_patterns("README.md", "eurostat"))
    return target
