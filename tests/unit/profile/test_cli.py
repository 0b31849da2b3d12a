"""``python -m dashboard profile``: the text format (no browser needed) and its usage errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.cli import main
from tests.unit.profile.synth import Row, build


def test_text_profile_with_its_footnotes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    build(data, [Row("aa", "population", 2007, 1_300_000, "fua", "rounded", approx=True),
                 Row("aa", "universities", 2007, 9, "fua", approx=True), Row("bb", "population", 2007, 900_000, "fua")])
    assert main(["profile", "--region", "aa", "--edition", "baltmet", "--format", "txt", "--peers", "bb,cc,dd",
                 "--data", str(data), "--out", str(tmp_path / "out")]) == 0
    text = (tmp_path / "out" / "aa_profile_baltmet.txt").read_text(encoding="utf-8").replace("\u202f", " ")
    assert text.startswith("AA: region profile\nFinland · BaltMet profiles (c. 2007) · compared with 3 peers")
    assert "1.3 million inhabitants" in text and "\n[1] Test office" in text
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


def test_a_preset_as_region_writes_its_regions_and_peers_bsr_works(tmp_path: Path) -> None:
    """``--region all``: the BaltMet regions; ``--region bsr``: every region (txt: a file each); ``--peers bsr``
    compares one region with every other."""
    from dashboard.data import load_dataset
    from dashboard.paths import BUNDLED_DATA_DIR
    from dashboard.presets import preset_members

    dataset = load_dataset(BUNDLED_DATA_DIR)
    for preset in ("all", "bsr"):
        out = tmp_path / preset
        assert main(["profile", "--region", preset, "--format", "txt", "--out", str(out)]) == 0
        assert sorted(p.name for p in out.iterdir()) == sorted(f"{r}_profile_recent.txt"
                                                               for r in preset_members(dataset, preset))
    assert main(["profile", "--region", "helsinki", "--format", "txt", "--peers", "bsr", "--out",
                 str(tmp_path / "one")]) == 0
    text = (tmp_path / "one" / "helsinki_profile_recent.txt").read_text(encoding="utf-8")
    assert f"compared with {len(dataset.region_ids) - 1} peers" in text


def test_a_region_without_figures_says_so(tmp_path: Path) -> None:
    """A region the sources give nothing for in an edition: 'no figure' and why, not an empty page."""
    from dashboard.data import load_dataset
    from dashboard.paths import BUNDLED_DATA_DIR

    dataset = load_dataset(BUNDLED_DATA_DIR)
    empty = next((r for r in dataset.region_ids if not any(dataset.figure(r, k, "baltmet") for k in dataset.kpi_ids)),
                 None)
    if empty is None:
        pytest.skip("every region has a BaltMet figure")
    assert main(["profile", "--region", empty, "--edition", "baltmet", "--format", "txt", "--out", str(tmp_path)]) == 0
    text = (tmp_path / f"{empty}_profile_baltmet.txt").read_text(encoding="utf-8")
    assert f"give no figure for {dataset.region_name(empty)}" in text
    assert text.count(": no figure — ") == len(dataset.kpi_ids)
