"""Whole refreshes against the loopback publishers: the folder, the report, --offline, --apply, failures."""

from __future__ import annotations

import csv
import io
import socket
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.data.folders import load_data_folder
from dashboard.data.loader import load_dataset
from dashboard.refresh import folder
from dashboard.refresh.catalogue import DEFAULT_SERIES
from dashboard.refresh.eurostat_api import EurostatTable
from dashboard.refresh.run import Options, refresh
from dashboard.refresh.settings import Settings
from tests.unit.refresh.server import PATHS, FixtureServer, Reply, fixture, ok

NOW = "2027-01-15T10:00:00Z"


def _run(out: Path, data_dir: Path, settings: Settings, **options: object) -> tuple[int, list[str], list[str]]:
    said, warned = [], []
    when = str(options.pop("now", NOW))
    code = refresh(Options(out, data_dir, settings, now=lambda: when, **options), said.append, warned.append)
    return code, said, warned


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_refresh_writes_a_data_folder_with_provenance(server: FixtureServer, settings: Settings,
                                                        data_dir: Path, tmp_path: Path) -> None:
    before = folder.fingerprint(data_dir)
    code, said, warned = _run(tmp_path / "out", data_dir, settings)
    assert code == 0 and not warned
    assert folder.fingerprint(data_dir) == before  # nothing applied without --apply
    loaded = load_data_folder(tmp_path / "out")
    assert loaded.kind == "complete"
    rows = {(r["region_id"], r["indicator_id"], r["year"], r["territory_id"]): r
            for r in _rows(tmp_path / "out" / "values.csv")}
    copenhagen = rows[("copenhagen", "population", "2023", "dk001mc")]
    assert copenhagen["value"] == "2135000" and copenhagen["edition"] == "recent"
    assert copenhagen["source_id"] == "refresh_eurostat_met_pjanaggr3_20270115"
    note = copenhagen["note"]
    assert "met_pjanaggr3" in note and "flags: p (provisional)" in note and f"retrieved {NOW}" in note
    assert f"query {server.url}/eurostat/statistics/1.0/data/met_pjanaggr3?format=JSON" in note
    assert rows[("malmo", "population", "2022", "se003m")]["series_break"] == "true"
    assert rows[("malmo", "population", "2023", "malmo_city")]["value"] == "357377"  # 31 Dec 2022
    helsinki_city = rows[("helsinki", "population", "2023", "helsinki_city")]
    assert "POST " in helsinki_city["note"] and '"values":["KU091"]' in helsinki_city["note"]
    assert ("riga", "population", "2023", "") not in rows  # LV001MC: no territory, nothing invented
    sources = {r["source_id"]: r for r in _rows(tmp_path / "out" / "sources.csv")}
    source = sources["refresh_statfi_11ra_20270115"]
    assert source["kind"] == "official" and source["accessed"] == NOW
    assert source["url"] == f"{server.url}/statfi/StatFin/vaerak/statfin_vaerak_pxt_11ra.px"
    report = "\n".join(said)
    assert "7 series asked, 7 answered, 0 failed" in report
    assert "berlin population 2023 de001mc: 5481613 -> 5490000 (was atlas_de_eurostat, secondary)" in report
    assert "helsinki population fi001mc: 2021–2022 (2)" in report
    assert any(key[1] == "national_employment" for key in rows)  # the jobs share's national total
    assert "oslo population 2023 oslo_city: Eurostat met_pjanaggr3 709037 kept, Statistics Norway 06913 709037" \
           in report
    assert (tmp_path / "out" / "refresh-report.txt").read_text(encoding="utf-8").splitlines() == said[:-2]
    posted = [s for s in server.seen if s.method == "POST"]
    assert {s.path for s in posted} == {PATHS["statfi"], PATHS["scb"], PATHS["ssb"]}


def test_offline_reproduces_the_folder_without_a_network(server: FixtureServer, settings: Settings,
                                                         data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _run(out, data_dir, settings)[0] == 0
    first = _snapshot(out)
    asked = len(server.seen)
    nowhere = Settings(base_urls=dict.fromkeys(settings.base_urls, f"http://127.0.0.1:{_closed_port()}"))
    code, said, _ = _run(out, data_dir, nowhere, offline=True, now="2099-01-01T00:00:00Z")
    assert code == 0 and len(server.seen) == asked
    assert _snapshot(out) == first
    assert said[0].endswith("7 series asked, 7 answered, 0 failed")


def test_a_partial_failure_names_the_series_and_keeps_the_rest(server: FixtureServer, data_dir: Path,
                                                               tmp_path: Path) -> None:
    server.routes[PATHS["scb"]] = [Reply(500, b"<html><body>Internal Server Error</body></html>")]
    server.routes[PATHS["ssb"]] = [Reply(200, fixture("scb_befolkningny_truncated.json"))]
    server.routes[PATHS["dst"]] = [Reply(429, b"Too many requests", (("Retry-After", "0"),)), ok("dst_folk1a.json")]
    server.routes[PATHS["statfi"]] = [Reply(200, b"{}", delay=1.0)]
    server.routes["/eurostat/statistics/1.0/data/met_nosuch"] = [Reply(404, fixture("eurostat_error_404.json"))]
    unknown = EurostatTable("met_nosuch", "population", {"NR": 1.0})
    settings = Settings(timeout=0.3, retries=1, backoff=0.01, base_urls=server.base_urls())
    out = tmp_path / "out"
    code, said, warned = _run(out, data_dir, settings, series=(*DEFAULT_SERIES, unknown))
    assert code == 1 and not warned
    report = "\n".join(said)
    assert "8 series asked, 4 answered, 4 failed" in report
    assert "  Statistics Sweden BefolkningNy: HTTP 500 Internal Server Error (after 2 attempts)" in report
    assert "  Statistics Norway 06913: malformed response: not JSON" in report
    assert "  Statistics Finland 11ra: no" in report and "within 0.3 s" in report
    assert "  Eurostat met_nosuch: HTTP 404 Not Found: ERR_NOT_FOUND_4: MET_NOSUCH" in report
    values = {(r["region_id"], r["territory_id"], r["year"]): r for r in _rows(out / "values.csv")}
    assert values[("copenhagen", "copenhagen_city", "2024")]["value"] == "660842"  # 429, then it answered
    assert values[("copenhagen", "dk001mc", "2023")]["value"] == "2135000"  # Eurostat is kept
    assert not any(r["source_id"].startswith("refresh_scb_") for r in values.values())
    load_data_folder(out)
    offline = _run(out, data_dir, settings, offline=True, series=(*DEFAULT_SERIES, unknown))
    assert offline[0] == 1 and "HTTP 500 Internal Server Error (after 2 attempts) (when it was asked" \
        in "\n".join(offline[1])


def test_no_network_is_one_line_exit_2_and_nothing_is_overwritten(server: FixtureServer, settings: Settings,
                                                                 data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _run(out, data_dir, settings)[0] == 0
    kept = _snapshot(out)
    data_before = folder.fingerprint(data_dir)
    nowhere = Settings(retries=3, backoff=5, base_urls=dict.fromkeys(settings.base_urls,
                                                                    f"http://127.0.0.1:{_closed_port()}"))
    code, said, warned = _run(out, data_dir, nowhere, apply=True)
    assert code == 2 and said == [] and len(warned) == 1
    assert warned[0].startswith("error: no network: none of the publishers answered (Eurostat met_pjanaggr3: "
                                "cannot connect") and warned[0].endswith("nothing was written")
    assert _snapshot(out) == kept and folder.fingerprint(data_dir) == data_before
    assert _run(tmp_path / "never", data_dir, nowhere)[0] == 2 and not (tmp_path / "never").exists()


def test_offline_without_a_cache_says_so(settings: Settings, data_dir: Path, tmp_path: Path) -> None:
    code, _, warned = _run(tmp_path / "empty", data_dir, settings, offline=True)
    assert code == 2 and warned == [f"error: offline: no cached responses in {tmp_path / 'empty' / 'raw'} "
                                    "(run once with a network first)"]


def test_apply_merges_and_a_revision_is_reported(server: FixtureServer, settings: Settings, data_dir: Path,
                                                 tmp_path: Path) -> None:
    # the revised answer adds FI001MC 2024: drop whatever the bundled tables hold there, so the test says
    # 'new figure' whatever figures a data pass brings in (correcting a figure must not break this test)
    values = data_dir / "values.csv"
    lines = values.read_text(encoding="utf-8").splitlines(keepends=True)
    values.write_text("".join(line for line in lines if not line.startswith("helsinki,population,recent,2024,")
                              or ",fi001mc," not in line), encoding="utf-8")
    code, said, _ = _run(tmp_path / "first", data_dir, settings, apply=True)
    assert code == 0 and said[-1].startswith(f"Applied to {data_dir}")
    applied = load_dataset(data_dir)
    figure = applied.figure("copenhagen", "population", "recent", 2023, "eurostat_metro")
    assert figure is not None and figure.value == 2135000 and figure.source_id.startswith("refresh_eurostat")
    cited = set(applied.values["source_id"]) | set(applied.territories["source_id"]) - {""}
    assert set(applied.sources.index) == cited  # no source left uncited (tests/data/test_integrity.py)
    profile = applied.figure("helsinki", "population", "baltmet", 2007, "reported")
    assert profile is not None and profile.value == 1_300_000  # the BaltMet edition is untouched

    server.routes[PATHS["met_pjanaggr3"]] = [ok("eurostat_met_pjanaggr3_revised.json")]
    code, said, _ = _run(tmp_path / "second", data_dir, settings, apply=True, now="2027-02-20T08:30:00Z")
    report = "\n".join(said)
    assert code == 0
    assert "  helsinki population 2022 fi001mc: 1718001 -> 1718100 (was refresh_eurostat_met_pjanaggr3_20270115" \
           ", official)" in report
    assert "  helsinki population fi001mc: 2024 (1)" in report
    assert "Disappeared: 2" in report and "  berlin population 2021 de001mc: 5410000 " in report
    assert "  tallinn population 2022 harju_county: 620000 " in report  # now confidential (flag c)
    assert "  copenhagen population 2023 dk001mc: p (provisional) -> none" in report
    assert "1 Eurostat met_pjanaggr3: cells with a flag (c) but no value: stay missing" in report
    again = load_dataset(data_dir)
    assert again.figure("helsinki", "population", "recent", 2022, "eurostat_metro").value == 1718100
    kept = again.figure("berlin", "population", "recent", 2021, "eurostat_metro")
    assert kept is not None and kept.source_id == "refresh_eurostat_met_pjanaggr3_20270115"  # kept, still cited
    assert again.figure("tallinn", "population", "recent", 2022, "eurostat_metro").value == 620000  # not blanked


def test_apply_refuses_when_the_data_changed_meanwhile(server: FixtureServer, settings: Settings,
                                                       data_dir: Path, tmp_path: Path) -> None:
    assert _run(tmp_path / "out", data_dir, settings)[0] == 0
    before = folder.fingerprint(data_dir)
    with (data_dir / "values.csv").open("a", encoding="utf-8") as handle:
        handle.write("")  # unchanged bytes: still applies
    assert folder.apply(tmp_path / "out", data_dir, before) is None
    stale = {**before, "values.csv": "0" * 64}
    assert "changed while the refresh ran" in folder.apply(tmp_path / "out", data_dir, stale)


@pytest.mark.parametrize("where", ["data", "foreign"])
def test_the_output_folder_is_guarded(settings: Settings, data_dir: Path, tmp_path: Path, where: str) -> None:
    out = data_dir if where == "data" else tmp_path / "foreign"
    if where == "foreign":
        out.mkdir()
        (out / "notes.txt").write_text("mine")
    code, _, warned = _run(out, data_dir, settings)
    assert code == 2 and warned[0].startswith(f"error: --out {out}")


def test_the_cli_subcommand(server: FixtureServer, data_dir: Path, tmp_path: Path,
                            monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    for name, url in server.base_urls().items():
        if name != "eurostat":
            monkeypatch.setenv(f"BALTMET_REFRESH_URL_{name.upper()}", url)
    out = tmp_path / "out"
    args = ["refresh", "--out", str(out), "--data", str(data_dir), "--timeout", "2", "--retries", "1",
            "--base-url", f"eurostat={server.url}/eurostat"]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "Change report against" in printed and "Nothing in" in printed
    assert main(["validate", str(out)]) == 0
    assert main(["refresh", "--out", str(out), "--data", str(data_dir), "--offline"]) == 0
    with pytest.raises(SystemExit) as usage:
        main(["refresh", "--out", str(out), "--base-url", "nowhere"])
    assert usage.value.code == 2
