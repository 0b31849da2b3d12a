"""Whole refreshes against the loopback publishers: the folder, the report, --offline, --apply, failures,
fallbacks between interfaces."""

from __future__ import annotations

import csv
import io
import json
import socket
import time
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.data.folders import load_data_folder
from dashboard.data.loader import load_dataset
from dashboard.refresh import folder
from dashboard.refresh.cache import Cache
from dashboard.refresh.catalogue import DEFAULT_SERIES
from dashboard.refresh.eurostat_api import EurostatTable
from dashboard.refresh.http import Request
from dashboard.refresh.run import OfflineAsk, Options, refresh
from dashboard.refresh.settings import Settings
from tests.unit.refresh.server import PATHS, STATFI, STATFI_OLD, FixtureServer, Reply, fixture, ok

NOW = "2027-01-15T10:00:00Z"
MET_POP = "refresh_eurostat_met_pjanaggr3_20270115"


def _run(out: Path, data_dir: Path, settings: Settings, **options: object) -> tuple[int, list[str], list[str]]:
    said, warned = [], []
    when = str(options.pop("now", NOW))
    code = refresh(Options(out, data_dir, settings, now=lambda: when, **options), said.append, warned.append)
    return code, said, warned


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _values(out: Path) -> dict[tuple[str, str, str, str], dict[str, str]]:
    return {(r["region_id"], r["indicator_id"], r["year"], r["territory_id"]): r for r in _rows(out / "values.csv")}


def _snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_refresh_writes_a_data_folder_with_provenance(server: FixtureServer, settings: Settings,
                                                        data_dir: Path, tmp_path: Path) -> None:
    before = folder.fingerprint(data_dir)
    out = tmp_path / "out"
    code, said, warned = _run(out, data_dir, settings)
    assert code == 0 and not warned
    assert folder.fingerprint(data_dir) == before  # nothing applied without --apply
    assert load_data_folder(out).kind == "complete"
    assert (out / "metro_compositions.csv").read_bytes() == (data_dir / "metro_compositions.csv").read_bytes()
    rows = _values(out)
    copenhagen = rows[("copenhagen", "population", "2023", "dk001mc")]
    assert copenhagen["value"] == "2135000" and copenhagen["edition"] == "recent"
    assert copenhagen["source_id"] == MET_POP
    note = copenhagen["note"]
    assert "met_pjanaggr3" in note and "flags: p (provisional)" in note and f"retrieved {NOW}" in note
    assert f"query {server.url}/eurostat/statistics/1.0/data/met_pjanaggr3?format=JSON" in note
    assert rows[("malmo", "population", "2022", "se003m")]["series_break"] == "true"
    # Eurostat's whole series goes into the recent edition, 1990s included
    assert rows[("helsinki", "population", "1995", "fi001mc")]["edition"] == "recent"
    assert rows[("helsinki", "population", "2010", "fi001mc")]["source_id"] == MET_POP
    # metro regions summed from NUTS 3: every Baltic Sea Region metro region the data has a territory for
    hamburg = rows[("hamburg", "population", "2022", "de002m")]
    assert hamburg["value"] == "2350122" and hamburg["series_break"] == "true"  # DE600 has a break (b) in 2022
    assert "DE002M Hamburg = sum of its NUTS 3 regions (NUTS 2021) DE600 1892122 + DE933 257000 + DEF06 201000" \
           in hamburg["note"] and "composition proved" in hamburg["note"] and "flags: b (break in time series)" \
           in hamburg["note"] and hamburg["source_id"] == "refresh_eurostat_demo_r_pjanaggr3_20270115"
    riga = rows[("riga", "population", "1995", "lv001mc")]
    assert riga["value"] == "1170000" and "LV006 840000 + LV007 330000" in riga["note"]
    assert "composition assumed" in riga["note"]
    employment = rows[("riga", "employment", "2021", "lv001mc")]  # official employment, thousands -> persons
    assert employment["value"] == "510500" and "nama_10r_3empers" in employment["note"]
    assert rows[("hamburg", "national_employment", "2021", "germany")]["value"] == "45100000"
    # the offices: Statistics Finland's new codes, Statistics Sweden through PxWebApi 2.0
    helsinki_city = rows[("helsinki", "population", "2023", "helsinki_city")]
    assert "POST " in helsinki_city["note"] and '"code":"alue_23_20260101"' in helsinki_city["note"]
    assert rows[("helsinki", "population", "2009", "helsinki_city")]["value"] == "568531"  # 31 Dec 2008
    assert rows[("malmo", "population", "2025", "malmo_city")]["value"] == "365000"  # 31 Dec 2024, API v2
    assert "valuecodes[Region]=0180,1280" in rows[("malmo", "population", "2025", "malmo_city")]["note"]
    sources = {r["source_id"]: r for r in _rows(out / "sources.csv")}
    source = sources["refresh_statfi_11ra_20270115"]
    assert source["kind"] == "official" and source["accessed"] == NOW
    assert source["url"] == f"{server.url}{STATFI}"
    assert "Statistics Sweden PxWebApi 2.0 (TAB638), GET query" in sources["refresh_scb_befolkningny_20270115"]["title"]
    report = "\n".join(said)
    assert "10 series asked, 10 answered, 0 failed" in report
    assert "copenhagen population 2023 dk001mc: 2130000 -> 2135000 (was wiki_copenhagen, secondary)" in report
    assert "  stockholm population 2021 stockholm_county: 2391990 (was atlas_stockholm, secondary)" in report
    assert "  helsinki population fi001mc: 1995, 2010, 2021, 2023 (4)" in report
    assert "  28 the same: Eurostat met_pjanaggr3 kept, Eurostat demo_r_pjanaggr3 agrees" in report
    assert "  stockholm population 2023 stockholm_county: Eurostat met_pjanaggr3 2440027 kept, Eurostat " \
           "demo_r_pjanaggr3 2440030 (differs)" in report
    assert "  1 Eurostat demo_r_pjanaggr3: DK001MC: no figure for DK013 in 2022, so no sum (a partial sum is not " \
           "a figure): stay missing" in report
    assert "  3 Eurostat demo_r_pjanaggr3: sums for FI002M Tampere: no territory in territories.csv has " \
           "eurostat_code FI002M" in report
    assert "Gaps now filled (rows removed from gaps.csv): riga employment recent" in report
    assert (out / "refresh-report.txt").read_text(encoding="utf-8").splitlines() == said[:-2]
    asked = {(s.method, s.path) for s in server.seen}
    assert ("GET", f"{PATHS['scb_v2_meta'].split()[1]}") in asked and ("GET", PATHS["scb_v2"].split()[1]) in asked
    assert not any(path.startswith("/scb/") for _, path in asked)  # API v1 not needed
    assert {path for method, path in asked if method == "POST"} == {STATFI, PATHS["ssb"].split()[1]}


def test_offline_reproduces_the_folder_without_a_network(server: FixtureServer, settings: Settings,
                                                         data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    server.routes[PATHS["scb_v2_meta"]] = [Reply(404, b'{"title": "Not found"}')]  # a fallback, replayed too
    assert _run(out, data_dir, settings)[0] == 0
    first = _snapshot(out)
    asked = len(server.seen)
    manifest = json.loads((out / "raw" / "manifest.json").read_text(encoding="utf-8"))
    steps = manifest["series"]["scb_befolkningny"]["steps"]
    assert [(s["method"], s["status"]) for s in steps] == [("GET", "failed"), ("GET", "ok"), ("POST", "ok")]
    nowhere = Settings(base_urls=dict.fromkeys(settings.base_urls, f"http://127.0.0.1:{_closed_port()}"))
    code, said, _ = _run(out, data_dir, nowhere, offline=True, now="2099-01-01T00:00:00Z")
    assert code == 0 and len(server.seen) == asked
    assert _snapshot(out) == first
    assert said[0].endswith("10 series asked, 10 answered, 0 failed")


def test_a_partial_failure_names_the_series_and_keeps_the_rest(server: FixtureServer, data_dir: Path,
                                                               tmp_path: Path) -> None:
    # Eurostat's answer to an unknown code: HTTP 200, an empty dimension, no figures
    server.routes[PATHS["nama_10r_3empers"]] = [ok("eurostat_empty_unknown_code.json")]
    server.routes[PATHS["scb_v2_meta"]] = [Reply(404, b'{"type": "x", "title": "Non-existent table"}')]
    server.routes[PATHS["scb"]] = [Reply(500, b"<html><body>Internal Server Error</body></html>")]
    server.routes[PATHS["ssb"]] = [Reply(200, fixture("scb_befolkningny_truncated.json"))]
    server.routes[PATHS["dst"]] = [Reply(429, b"Too many requests", (("Retry-After", "0"),)), ok("dst_folk1a.json")]
    server.routes[PATHS["statfi_meta"]] = [Reply(200, b"{}", delay=1.0)]
    server.routes["/eurostat/statistics/1.0/data/met_nosuch"] = [Reply(404, fixture("eurostat_error_404.json"))]
    unknown = EurostatTable("met_nosuch", "population", {"NR": 1.0})
    settings = Settings(timeout=0.3, retries=1, backoff=0.01, base_urls=server.base_urls())
    out = tmp_path / "out"
    code, said, warned = _run(out, data_dir, settings, series=(*DEFAULT_SERIES, unknown))
    assert code == 1 and not warned
    report = "\n".join(said)
    assert "11 series asked, 6 answered, 5 failed" in report
    assert "  Eurostat nama_10r_3empers: no figures: the answer is empty (dimension unit has no category: the " \
           "publisher does not know a code the query names)" in report
    assert "  Statistics Sweden BefolkningNy: PxWebApi 2.0 (TAB638) metadata: HTTP 404 Not Found: Non-existent " \
           "table; then PxWeb API v1 (BE/BE0101/BE0101A/BefolkningNy): HTTP 500 Internal Server Error (after 2 " \
           "attempts)" in report
    assert "  Statistics Norway 06913: PxWeb API v1 (table/06913): malformed response: not JSON" in report
    assert "  Statistics Finland 11ra: PxWeb API v1 (StatFin/vaerak/11ra.px) metadata: timed out after 0.3 s " \
           "(after 2 attempts); then PxWeb API v1 (StatFin/vaerak/statfin_vaerak_pxt_11ra.px) metadata: not asked: " \
           f"{server.url}/statfi did not answer" in report
    assert "  Eurostat met_nosuch: HTTP 404 Not Found: ERR_NOT_FOUND_4: MET_NOSUCH" in report
    values = _values(out)
    assert values[("copenhagen", "population", "2024", "copenhagen_city")]["value"] == "660842"  # 429, then it answered
    assert values[("copenhagen", "population", "2023", "dk001mc")]["value"] == "2135000"  # Eurostat is kept
    assert not any(r["source_id"].startswith(("refresh_scb_", "refresh_eurostat_nama_10r_3empers"))
                   for r in values.values())
    assert ("riga", "employment", "2021", "lv001mc") not in values  # its only source failed
    load_data_folder(out)
    offline = _run(out, data_dir, settings, offline=True, series=(*DEFAULT_SERIES, unknown))
    replayed = "\n".join(offline[1])
    assert offline[0] == 1 and "HTTP 500 Internal Server Error (after 2 attempts) (when it was asked" in replayed
    assert "  Eurostat nama_10r_3empers: no figures: the answer is empty" in replayed


def test_statistics_finland_under_its_old_file_name_and_codes(server: FixtureServer, settings: Settings,
                                                             data_dir: Path, tmp_path: Path) -> None:
    server.routes[PATHS["statfi_meta"]] = [Reply(404, b'{"error": "not found"}')]
    server.routes["GET " + STATFI_OLD] = [ok("statfi_11ra_metadata_old.json")]
    server.routes["POST " + STATFI_OLD] = [ok("statfi_11ra_old.json")]
    code, said, _ = _run(tmp_path / "out", data_dir, settings)
    assert code == 0
    helsinki = _values(tmp_path / "out")[("helsinki", "population", "2023", "helsinki_city")]
    assert helsinki["value"] == "664028" and '"code":"Alue"' in helsinki["note"]
    assert "  Statistics Finland 11ra: PxWeb API v1 (StatFin/vaerak/statfin_vaerak_pxt_11ra.px), after PxWeb API " \
           'v1 (StatFin/vaerak/11ra.px) metadata: HTTP 404 Not Found: {"error": "not found"}' in said


def test_the_api_order_is_configuration(server: FixtureServer, data_dir: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    for name, url in server.base_urls().items():
        monkeypatch.setenv(f"BALTMET_REFRESH_URL_{name.upper()}", url)
    monkeypatch.setenv("BALTMET_REFRESH_API_SSB", "v2")  # no v2 route: it fails, and nothing else is asked
    out = tmp_path / "out"
    assert main(["refresh", "--out", str(out), "--data", str(data_dir), "--timeout", "2", "--retries", "0",
                 "--api", "scb=v1"]) == 1
    report = (out / "refresh-report.txt").read_text(encoding="utf-8")
    assert "  Statistics Norway 06913: PxWebApi 2.0 (06913) metadata: HTTP 404 Not Found" in report
    assert not any(s.path.startswith("/scb_v2/") for s in server.seen)
    assert any(s.path.startswith("/scb/") and s.method == "POST" for s in server.seen)
    with pytest.raises(SystemExit) as usage:
        main(["refresh", "--out", str(out), "--api", "scb=v3"])
    assert usage.value.code == 2


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
    code, said, _ = _run(tmp_path / "first", data_dir, settings, apply=True)
    assert code == 0 and said[-1].startswith(f"Applied to {data_dir}")
    applied = load_dataset(data_dir)
    figure = applied.figure("copenhagen", "population", "recent", 2023, "eurostat_metro")
    assert figure is not None and figure.value == 2135000 and figure.source_id == MET_POP
    cited = set(applied.values["source_id"]) | set(applied.territories["source_id"]) - {""}
    assert set(applied.sources.index) == cited  # no source left uncited (tests/data/test_integrity.py)
    profile = applied.figure("helsinki", "population", "baltmet", 2007, "reported")
    assert profile is not None and profile.value == 560000  # the BaltMet edition is untouched
    assert applied.figure_on("riga", "employment", "recent", 2021, "lv001mc").value == 510500
    assert ("riga", "employment", "recent") not in applied.gaps  # the gap it filled is gone

    server.routes[PATHS["met_pjanaggr3"]] = [ok("eurostat_met_pjanaggr3_revised.json")]
    code, said, _ = _run(tmp_path / "second", data_dir, settings, apply=True, now="2027-02-20T08:30:00Z")
    report = "\n".join(said)
    assert code == 0
    assert "  helsinki population 2022 fi001mc: 1718001 -> 1718100 (was eurostat_older_release, official)" in report
    assert "  helsinki population fi001mc: 2024 (1)" in report
    assert "Disappeared: 1" in report and f"  riga population 2023 lv001mc: 865000 ({MET_POP})" in report
    assert "  copenhagen population 2023 dk001mc: p (provisional) -> none" in report
    assert "1 Eurostat met_pjanaggr3: cells with a flag (c) but no value: stay missing" in report
    # NO001MC 2022 is confidential in the metro table now; the sum of its one NUTS 3 region fills it
    assert "  oslo population 2022 no001mc: 699827 (was" not in report
    again = load_dataset(data_dir)
    assert again.figure_on("helsinki", "population", "recent", 2022, "fi001mc").value == 1718100
    kept = again.figure_on("riga", "population", "recent", 2023, "lv001mc")
    assert kept is not None and kept.source_id == MET_POP  # kept, still cited
    oslo = again.figure_on("oslo", "population", "recent", 2022, "no001mc")
    assert oslo.value == 699827 and oslo.source_id == "refresh_eurostat_demo_r_pjanaggr3_20270220"


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


def test_the_bundled_data_takes_a_refresh(server: FixtureServer, settings: Settings, bundled_dir: Path,
                                          tmp_path: Path) -> None:
    """The real tables (every region, territory and composition of data/) against the recorded answers: the
    result validates. What changes depends on the bundled figures, so only the shape is checked."""
    code, said, warned = _run(tmp_path / "out", bundled_dir, settings)
    assert code == 0 and not warned, warned
    assert said[0].endswith("10 series asked, 10 answered, 0 failed")
    assert load_data_folder(tmp_path / "out").kind == "complete"


def test_an_older_manifest_still_replays(tmp_path: Path) -> None:
    """A manifest written before exchanges were kept one by one: each series' one answer is read as it was."""
    cache = Cache(tmp_path)
    entry = cache.store("eurostat_met_pjanaggr3", Request("GET", "https://old.example/data?x=1"), b"{}", NOW, 200)
    ask = OfflineAsk(cache, entry, 1024)
    today = Request("GET", "https://ec.europa.eu/eurostat/api/dissemination/statistics/1.0/data/met_pjanaggr3")
    assert ask(today) == b"{}" and ask.retrieved(today) == NOW
    assert ask.recorded(today).url == "https://old.example/data?x=1"  # the note cites what was asked then


def test_a_trickling_publisher_costs_the_timeout_and_says_timed_out(server: FixtureServer, data_dir: Path,
                                                                     tmp_path: Path) -> None:
    """Every publisher dribbles one byte a second (headers first): with --timeout 1 --retries 0 each service
    costs about a second, and the run says it timed out, not that there is no network."""
    for route in [*server.routes, "/ssb_v2/tables/06913/metadata"]:  # the last: the fallback interface
        server.routes[route] = [Reply(200, b"{" + b" " * 500 + b"}", trickle=0.5, trickle_headers=True)]
    settings = Settings(timeout=1.0, retries=0, base_urls=server.base_urls())
    started = time.monotonic()
    code, said, warned = _run(tmp_path / "out", data_dir, settings)
    took = time.monotonic() - started
    services = len(server.base_urls())
    assert took < services * 1.0 + 3, took
    assert code == 2 and said == [] and len(warned) == 1, warned
    assert "no network" not in warned[0] and "timed out after 1 s" in warned[0], warned[0]


def test_a_run_whose_series_all_failed_applies_nothing(server: FixtureServer, settings: Settings, data_dir: Path,
                                                       tmp_path: Path) -> None:
    for route in list(server.routes):
        server.routes[route] = [Reply(500, b"<html>Internal Server Error</html>")]
    before = {name: (data_dir / name).read_bytes() for name in folder.MERGED if (data_dir / name).exists()}
    code, said, warned = _run(tmp_path / "out", data_dir, settings, apply=True)
    assert code == 1
    assert {name: (data_dir / name).read_bytes() for name in before} == before  # byte for byte
    assert not any(line.startswith("Applied") for line in said), said
    assert f"Nothing was applied to {data_dir}: every series failed" in "\n".join(said + warned)


def test_a_run_stopped_by_its_budget_names_the_budget(server: FixtureServer, data_dir: Path, tmp_path: Path) -> None:
    """Trickling publishers and a budget shorter than one --timeout: the run says its budget ran out, not that
    each publisher took longer than --timeout."""
    for route in [*server.routes, "/ssb_v2/tables/06913/metadata"]:
        server.routes[route] = [Reply(200, b"{" + b" " * 500 + b"}", trickle=0.5, trickle_headers=True)]
    settings = Settings(timeout=5.0, retries=0, budget=1.0, base_urls=server.base_urls())
    started = time.monotonic()
    code, _said, warned = _run(tmp_path / "out", data_dir, settings)
    assert time.monotonic() - started < 5
    assert code == 2 and len(warned) == 1 and "budget" in warned[0] and "(--budget)" in warned[0], warned
