"""``python -m dashboard validate``: summary and exit 0, or one problem per line and exit 1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from dashboard.cli import main
from dashboard.paths import BUNDLED_DATA_DIR


def test_good_folder_prints_one_line_summary(capsys) -> None:
    assert main(["validate", str(BUNDLED_DATA_DIR)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("OK ") and "11 regions" in out[0]


def test_bad_folder_lists_every_problem(mini_dir: Path, capsys) -> None:
    values = mini_dir / "values.csv"
    values.write_text(values.read_text().replace(",742200,", ",abc,").replace(",34,", ",-3,"))
    assert main(["validate", str(mini_dir)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines == [f"{mini_dir}/values.csv:3:value: '-3' is outside 0-100 for a percentage",
                     f"{mini_dir}/values.csv:4:value: 'abc' is not a number"]


def test_module_entry_point_runs_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "values.csv").write_bytes(b"\xff\xfe\x00garbage")
    run = subprocess.run([sys.executable, "-m", "dashboard", "validate", str(tmp_path)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert f"{tmp_path}/regions.csv:0:-: file is missing" in run.stdout
    assert f"{tmp_path}/values.csv:1:-: not a text file" in run.stdout
