"""The headless CLI writes the same files as the page; bad values are one line and exit code 2."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from dashboard.cli import main


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dashboard", *args], capture_output=True, text=True, timeout=180)


def test_export_svg_end_to_end(needs_chromium, tmp_path: Path) -> None:
    result = run("export", "--focus", "helsinki", "--peers", "stockholm,copenhagen,oslo", "--chart", "ranking",
                 "--indicator", "population", "--format", "svg", "--basis", "reported", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    [written] = tmp_path.iterdir()
    assert result.stdout.strip() == str(written)
    name = r"helsinki-vs-peers_ranking_population_as-reported_\d{4}(-\d{4})?\.svg"  # chart, view, the years
    assert re.fullmatch(name, written.name)
    text = " ".join(ET.fromstring(written.read_bytes()).itertext())
    assert "Ranking: Population" in text and "Compared on: as each region reports" in text
    for name in ("Helsinki", "Stockholm", "Copenhagen", "Oslo"):
        assert name in text
    assert "Warsaw" not in text


def test_deck_end_to_end(needs_chromium, tmp_path: Path) -> None:
    from pptx import Presentation

    out = tmp_path / "deck.pptx"
    result = run("deck", "--focus", "helsinki", "--peers", "all", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert len(Presentation(str(out)).slides) == 9  # title, key figures, 5 charts, profile, sources


@pytest.mark.parametrize(("args", "says"), [
    (["export", "--chart", "ranking", "--focus", "atlantis", "--out", "x"], "focus=atlantis (unknown region)"),
    (["export", "--chart", "pie", "--out", "x"], "argument --chart: invalid choice: 'pie'"),
    (["export", "--chart", "ranking", "--format", "gif", "--out", "x"], "argument --format: invalid choice"),
    (["deck", "--peers", "oslo,narnia", "--out", "x.pptx"], "peers: narnia (unknown region)"),
    (["export", "--chart", "ranking", "--indicator", "happiness", "--out", "x"], "indicator=happiness"),
])
def test_bad_values_are_one_line_and_exit_2(capsys, args: list[str], says: str) -> None:
    with pytest.raises(SystemExit) as caught:
        main(args)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and says in err


def test_help_documents_every_option() -> None:
    result = run("export", "--help")
    assert result.returncode == 0
    for option in ("--focus", "--peers", "--edition", "--measure", "--year", "--data", "--chart", "--indicator",
                   "--x", "--y", "--bubble", "--layout", "--format", "--scale", "--out"):
        assert option in result.stdout
    assert "--out" in run("deck", "--help").stdout
