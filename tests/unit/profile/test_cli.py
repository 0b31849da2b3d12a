"""``python -m dashboard profile``: the text format (no browser needed) and its usage errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.cli import main


def test_text_profile_with_its_footnotes(tmp_path: Path) -> None:
    assert main(["profile", "--region", "helsinki", "--format", "txt", "--peers", "nordic", "--out",
                 str(tmp_path)]) == 0
    text = (tmp_path / "helsinki_profile_baltmet.txt").read_text(encoding="utf-8").replace("\u202f", " ")
    assert text.startswith("Helsinki: region profile\nFinland · BaltMet profiles (c. 2007) · compared with 3 peers")
    assert "1.3 million inhabitants" in text and "\n[1] BaltMet Inno project" in text
    assert "Numbers of a million or more are shown in millions" in text


@pytest.mark.parametrize("args", [["--region", "atlantis"], ["--region", "riga", "--peers", "riga,nowhere"],
                                  ["--region", "riga", "--edition", "1990"]])
def test_bad_options_are_one_line_and_exit_2(tmp_path: Path, capsys, args: list[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["profile", *args, "--format", "txt", "--out", str(tmp_path)])
    assert stop.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "error" in err
    assert not list(tmp_path.iterdir())
