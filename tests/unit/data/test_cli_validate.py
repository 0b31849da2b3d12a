"""``python -m dashboard validate``: summary and exit 0, or one problem per line and exit 1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from dashboard.cli import main
from dashboard.data import load_dataset
from dashboard.paths import BUNDLED_DATA_DIR


def test_good_folder_prints_one_line_summary(capsys) -> None:
    assert main(["validate", str(BUNDLED_DATA_DIR)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    regions = len(load_dataset(BUNDLED_DATA_DIR).regions)
    assert len(out) == 1 and out[0].startswith("OK ") and f"{regions} regions" in out[0]


def test_bad_folder_lists_every_problem(mini_dir: Path, capsys) -> None:
    values = mini_dir / "values.csv"
    values.write_text(values.read_text().replace(",742200,", ",abc,").replace(",34,", ",-3,"))
    assert main(["validate", str(mini_dir)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines == [f"{mini_dir}/values.csv:3:value: '-3' is outside 0-100 for a percentage",
                     f"{mini_dir}/values.csv:4:value: 'abc' is not a number"]


def test_module_entry_point_runs_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "values.csv").write_bytes(b"\x00\x01\x02binary\x00garbage\xff")
    run = subprocess.run([sys.executable, "-m", "dashboard", "validate", str(tmp_path)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    # A folder with only values.csv is your figures on top of the bundled data; this one is not a table.
    assert run.stdout.strip() == f"{tmp_path}/values.csv:1:-: this is a binary file, not a table (CSV, TSV or XLSX)"


def test_a_folder_without_values_says_so(tmp_path: Path, capsys) -> None:
    (tmp_path / "regions.csv").write_text("region_id\n", encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 1
    assert capsys.readouterr().out.strip() == f"{tmp_path}/values.csv:0:-: file is missing"


def test_overlay_folder_summary(dataset, tmp_path: Path, capsys) -> None:
    (tmp_path / "values.csv").write_text("region_id;indicator_id;year;value;territory\n"
                                         "helsinki;science_parks;2023;6;Helsinki Region\n", encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"{len(dataset.values) + 1} values" in out
    assert "your figures on top of the bundled data" in out and "1 figure(s) added" in out
