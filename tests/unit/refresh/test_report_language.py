"""The change report is written in the current language: under the pseudo-language no English is left."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from dashboard.i18n import use_language
from dashboard.refresh.merge import Change, Merged, Table
from dashboard.refresh.report import Outcome, lines

KEY = ("helsinki", "population", "recent", "2023", "fi001mc")


def _merged() -> Merged:
    empty = Table([], [])
    return Merged(
        empty, empty, empty,
        new=[Change(KEY, None, "1")],
        changed=[Change(KEY, "1", "2", "atlas", "secondary"), Change(KEY, "1", "2", "atlas")],
        flags_changed=[Change(KEY, "1", "1", old_flags="", new_flags="p")],
        reread=[Change(KEY, "1", "1", "atlas")],
        unchanged=5,
        disappeared=[Change(KEY, "1", None, "eurostat_x")],
        overlaps_agreeing=Counter({("Eurostat a", "Eurostat b"): 3}),
        gaps_filled=[("riga", "employment", "recent")],
        sources_dropped=["old_source"],
    )


def _outcomes() -> list[Outcome]:
    return [Outcome("Eurostat a", figures=3, held_back=Counter({"reason": 2})),
            Outcome("Statistics Finland b", via="v1", fallbacks=["v2 (HTTP 500)", "v2b (timeout)"]),
            Outcome("Eurostat c", error="HTTP 404")]


def test_english_report_keeps_its_words() -> None:
    report = "\n".join(lines(_merged(), _outcomes(), "data"))
    assert "Change report against data: 3 series asked, 2 answered, 1 failed" in report
    assert "  Statistics Finland b: v1, after v2 (HTTP 500); then v2b (timeout)" in report
    assert "  helsinki population 2023 fi001mc: 1 -> 2 (was atlas, secondary)" in report
    assert "  helsinki population 2023 fi001mc: 1 -> 2 (was atlas)" in report
    assert "  helsinki population 2023 fi001mc: none -> p" in report
    assert "  3 the same: Eurostat a kept, Eurostat b agrees" in report


def test_pseudo_language_report_has_no_plain_english() -> None:
    with use_language("qps"):
        report = lines(_merged(), _outcomes(), "data")
    english = re.compile(r"\b(report|series|answered|failed|figures|values|changed|Unchanged|Disappeared|"
                         r"Held|Overlaps|same|kept|agrees|Gaps|Sources|after|then|was|none)\b")
    for line in report:
        words = line.replace("Statistics Finland", "").replace("population", "")  # labels and ids stay
        assert not english.search(words), line
    headers = [line for line in report if not line.startswith("  ")]
    assert headers and all(line.startswith("[") for line in headers)


def test_a_refresh_in_the_pseudo_language(server, data_dir, tmp_path, monkeypatch, capsys) -> None:
    from dashboard.cli import main

    for name, url in server.base_urls().items():
        monkeypatch.setenv(f"BALTMET_REFRESH_URL_{name.upper()}", url)
    out = tmp_path / "out"
    assert main(["refresh", "--out", str(out), "--data", str(data_dir), "--timeout", "2", "--lang", "qps"]) == 0
    printed = capsys.readouterr().out.splitlines()
    headers = [line for line in printed if not line.startswith("  ")]
    assert headers and all(line.startswith("[") for line in headers), headers
    assert not any(english in line for line in headers
                   for english in ("Change report", "New figures", "Unchanged", "Nothing in", "Wrote"))
    assert (out / "refresh-report.txt").read_text(encoding="utf-8").startswith("[Çĥåñĝé ŕépöŕţ")


def test_refresh_usage_errors_in_the_pseudo_language(tmp_path, capsys) -> None:
    from dashboard.cli import main

    with pytest.raises(SystemExit) as usage:
        main(["refresh", "--out", str(tmp_path), "--retries", "-1", "--lang", "qps"])
    assert usage.value.code == 2
    err = capsys.readouterr().err
    assert "must be 0 or more" not in err and "[--ŕéţŕîéš mûšţ bé 0" in err
