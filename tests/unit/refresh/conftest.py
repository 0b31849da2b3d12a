"""A fixture server per test, a copy of the bundled data to merge into, and fast retry settings."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.paths import BUNDLED_DATA_DIR
from dashboard.refresh.settings import Settings
from tests.unit.refresh.server import FixtureServer, all_good


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FixtureServer]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    running = FixtureServer(all_good())
    yield running
    running.close()


@pytest.fixture
def settings(server: FixtureServer) -> Settings:
    """Short waits: a retry after 10 ms, a timeout after 0.5 s."""
    return Settings(timeout=0.5, retries=2, backoff=0.01, max_backoff=0.05, base_urls=server.base_urls())


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The bundled tables, copied: a refresh merges into these, never into data/."""
    target = tmp_path / "data"
    shutil.copytree(BUNDLED_DATA_DIR, target, ignore=shutil.ignore_patterns("README.md"))
    return target
