"""app.py --data: another folder, an overlay of user figures, or a bad folder (bundled data, with a notice)."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

from dashboard.paths import BUNDLED_DATA_DIR, PROJECT_ROOT


def load_app_module(monkeypatch, directory: str | None):
    if directory:
        monkeypatch.setenv("BALTMET_DATA_DIR", directory)
    else:
        monkeypatch.delenv("BALTMET_DATA_DIR", raising=False)
    monkeypatch.syspath_prepend(str(PROJECT_ROOT))
    sys.modules.pop("app", None)
    return importlib.import_module("app")


def test_env_var_serves_an_overlay_folder(monkeypatch, tmp_path: Path) -> None:
    (tmp_path / "values.csv").write_text("region_id;indicator_id;edition;year;value;territory\n"
                                         "helsinki;science_parks;recent;2024;5;Helsinki-Uusimaa (Eurostat FI001MC)\n",
                                         encoding="utf-8")
    module = load_app_module(monkeypatch, str(tmp_path))
    layout = json.dumps(module.server.test_client().get("/_dash-layout").get_json(), ensure_ascii=False)
    assert "startup-alert" not in layout
    assert module.server.test_client().get("/healthz").get_json()["data_problems"] is False
    assert "Your data" in layout  # the science-parks card now shows the user's 5, marked as theirs
    assert '"children": "5"' in layout


def test_a_bad_folder_serves_the_bundled_data_and_says_why(monkeypatch, tmp_path: Path) -> None:
    (tmp_path / "values.csv").write_text("region_id,indicator_id,year,value,territory\n"
                                         "oslo,population,2024,lots,Oslo\n", encoding="utf-8")
    module = load_app_module(monkeypatch, str(tmp_path))
    layout = json.dumps(module.server.test_client().get("/_dash-layout").get_json())
    assert "startup-alert" in layout
    assert str(tmp_path) not in layout and "'lots'" not in layout  # the console says why; visitors see no path
    assert "the bundled data is shown" in layout
    health = module.server.test_client().get("/healthz").get_json()  # a monitor hears of it too
    assert health["status"] == "ok" and health["data_problems"] is True
    assert str(tmp_path) not in json.dumps(health)  # and learns no path


def test_a_complete_folder_is_served_as_it_is(monkeypatch) -> None:
    module = load_app_module(monkeypatch, str(BUNDLED_DATA_DIR))
    assert module.server.test_client().get("/").status_code == 200
