"""The CLI and --data read regular files only, within the limits, print no traceback and no control
character from a data file; a refused --data folder shows a visitor neither its path nor its content."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from dashboard.app_factory import create_app
from dashboard.data import Dataset, DataValidationError
from dashboard.data.folders import load_data_folder, refusal_lines
from dashboard.paths import BUNDLED_DATA_DIR
from tests.fixtures.hostile.make_corpus import EUROSTAT_TSV, fifo, link
from tests.helpers import run_cli

cli = run_cli  # (exit code, stdout, stderr) of the CLI in this process


def test_import_of_a_fifo_ends_at_once_in_a_real_process(tmp_path: Path) -> None:
    pipe = fifo(tmp_path / "met_pjanaggr3.tsv")  # no writer: opening it for reading would block for ever
    run = subprocess.run([sys.executable, "-m", "dashboard", "import-eurostat", str(pipe), "--out",
                          str(tmp_path / "out")], capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and "Traceback" not in run.stdout + run.stderr
    assert run.stderr.strip() == f"{pipe}:0:-: not a regular file (a named pipe (FIFO)); only plain files are read"


def test_validate_of_a_fifo_or_a_device_is_not_a_folder(tmp_path: Path) -> None:
    for target in (fifo(tmp_path / "pipe"), Path("/dev/zero")):
        code, out, _ = cli("validate", str(target))
        assert code == 1 and out.strip() == f"{target}:0:-: not a folder"


def test_a_link_to_etc_passwd_is_refused_unread(tmp_path: Path) -> None:
    link(tmp_path / "values.csv", "/etc/passwd")
    code, out, _ = cli("validate", str(tmp_path))
    assert code == 1
    assert out.strip() == f"{tmp_path}/values.csv:0:-: is a link to a file outside the folder; copy the file in instead"
    assert "root:" not in out


def test_control_characters_in_a_path_are_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "\x1b[31mred\x1b[0m"
    folder.mkdir()
    (folder / "values.csv").write_text("region_id;indicator_id;year;value;territory\n"
                                       "helsinki;science_parks;2023;6;Helsinki Region\n", encoding="utf-8")
    code, out, err = cli("validate", str(folder))
    assert code == 0 and "\x1b" not in out + err and "\\x1b[31mred\\x1b[0m" in out


def test_an_unexpected_error_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    source = tmp_path / "met_10r_3gdp.tsv"
    source.write_bytes(EUROSTAT_TSV)
    (tmp_path / "out").write_text("a file where the output folder should go")
    code, _, err = cli("import-eurostat", str(source), "--out", str(tmp_path / "out"))
    assert code == 1 and len(err.strip().splitlines()) == 1 and err.startswith("error: FileExistsError: ")


def test_a_refused_folder_shows_visitors_no_path_and_no_content(tmp_path: Path, dataset: Dataset) -> None:
    (tmp_path / "values.csv").write_text("root:x:0:0,root,/root,/bin/bash\nsecret,1,2,3\n", encoding="utf-8")
    try:
        load_data_folder(tmp_path, bundled=dataset)
    except DataValidationError as err:
        problems = err.problems
    assert any("root:x:0:0" in str(p) for p in problems)  # the console and the log do say what is wrong
    app = create_app(dataset, refused_folder=True)  # the problems are never handed to the page at all
    client = app.server.test_client()
    page = json.dumps(client.get("/_dash-layout").get_json()) + client.get("/").get_data(as_text=True)
    assert "startup-alert" in page and "the bundled data is shown" in page
    assert str(tmp_path) not in page and "root:x" not in page and "secret" not in page
    assert client.get("/healthz").get_json()["data_problems"] is True


def test_what_the_console_says_of_a_refused_folder_is_escaped(tmp_path: Path) -> None:
    (tmp_path / "values.csv").write_bytes(b"region_id,\x1b[2Jvalue\n")
    try:
        load_data_folder(tmp_path)
    except DataValidationError as err:
        lines = refusal_lines(tmp_path, err.problems)
    assert lines[0].startswith(f"The data in {tmp_path} has 1 problem(s)") and "\x1b" not in "".join(lines)


def test_the_cli_reads_at_most_the_file_limit(tmp_path: Path, monkeypatch) -> None:
    limit = max(p.stat().st_size for p in BUNDLED_DATA_DIR.glob("*.csv")) + 1024  # the bundled data still loads
    source = tmp_path / "met_10r_3gdp.tsv"
    source.write_bytes(EUROSTAT_TSV * (2 * limit // len(EUROSTAT_TSV)))
    monkeypatch.setenv("BALTMET_MAX_FILE_BYTES", str(limit))
    code, _, err = cli("import-eurostat", str(source), "--out", str(tmp_path / "out"))
    assert code == 1
    assert err.startswith(f"{source}:0:-: the file has ") and "(BALTMET_MAX_FILE_BYTES)" in err
    assert os.listdir(tmp_path) == ["met_10r_3gdp.tsv"]
