"""Hostile inputs (tests/fixtures/hostile): each one gets a one-line answer at the right FILE:ROW:COLUMN,
within 10 s and 300 MB of growth of a warm worker, and the bundled data is the same afterwards."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data import Dataset, DataValidationError
from dashboard.data.folders import load_data_folder
from dashboard.i18n import use_language
from dashboard.paths import BUNDLED_DATA_DIR
from dashboard.upload import dataset_for, parse_upload, restored_dataset
from tests.fixtures.hostile.make_corpus import EUROSTAT_TSV, UPLOADS, fifo, link, sparse
from tests.fixtures.hostile.measure import MAX_GROWTH_MB, MAX_SECONDS, Measured, measured
from tests.helpers import run_cli

CASES = {case.name: case for case in UPLOADS}


def fingerprint(dataset: Dataset) -> tuple:
    """What must not change: the base Dataset's figures and regions, and the bundled files."""
    figures = int(pd.util.hash_pandas_object(dataset.values.astype(str), index=False).sum())
    files = hashlib.sha256(b"".join(p.read_bytes() for p in sorted(BUNDLED_DATA_DIR.glob("*.csv")))).hexdigest()
    return len(dataset.values), figures, tuple(dataset.regions["name"]), files


def within_bounds(m: Measured, label: str) -> None:
    assert not m.error, m.error
    print(f"{label}: {m.seconds:.2f} s, +{m.peak_mb:.0f} MB")  # pytest -s prints the table of measurements
    assert m.seconds < MAX_SECONDS, f"{label} held the worker {m.seconds:.1f} s"
    assert m.peak_mb < MAX_GROWTH_MB, f"{label} grew the worker by {m.peak_mb:.0f} MB"


def contents(data: bytes) -> str:
    return "data:application/octet-stream;base64," + base64.b64encode(data).decode()


def test_the_corpus_is_at_least_thirty_files_each_with_its_own_name() -> None:
    assert len(CASES) == len(UPLOADS) >= 30


@pytest.mark.parametrize("name", list(CASES))
def test_a_hostile_upload_gets_one_line_within_bounds(dataset: Dataset, name: str) -> None:
    case = CASES[name]
    sent = contents(case.data())
    before = fingerprint(dataset)

    def upload():
        outcome = parse_upload(sent, case.name, dataset)
        return [str(p) for p in outcome.problems], outcome.notes, outcome.payload is not None, fingerprint(dataset)

    m = measured(upload, case.env)
    within_bounds(m, name)
    problems, notes, accepted, after = m.value
    assert after == before
    if not case.where:
        assert accepted and problems == [] and any(case.says in n for n in notes), (problems, notes)
        return
    assert not accepted and len(problems) == 1, problems
    assert problems[0].startswith(case.where + ":") and case.says in problems[0], problems[0]
    assert "\n" not in problems[0] and "Traceback" not in problems[0] and "\x1b" not in problems[0]


def test_a_declared_dimension_is_ignored_and_the_figures_arrive(dataset: Dataset) -> None:
    outcome = parse_upload(contents(CASES["huge_dimension.xlsx"].data()), "huge_dimension.xlsx", dataset)
    figure = dataset_for(dataset, outcome.payload).figure("helsinki", "population", "recent", 2024)
    assert figure is not None and figure.value == 1_750_000


def test_a_regions_sheet_that_renames_a_bundled_region_is_marked_as_the_users(dataset: Dataset) -> None:
    outcome = parse_upload(contents(CASES["renames_a_region.xlsx"].data()), "renames_a_region.xlsx", dataset)
    merged = dataset_for(dataset, outcome.payload)
    assert merged.region_name("helsinki") == "Official Helsinki Statistics (your data)"
    assert dataset.region_name("helsinki") == "Helsinki"
    assert merged.is_user_source(merged.figure("helsinki", "universities", "recent", 2024).source_id)
    with use_language("fi"):  # the Finnish table translates the bundled name, not the user's
        assert merged.region_name("helsinki") == "Official Helsinki Statistics (your data)"
        assert merged.region_name("riga") == dataset.region_name("riga") == "Riika"
        source = merged.figure("helsinki", "universities", "recent", 2024).source_id
        assert "Your data" not in merged.source_label(source)  # the words the upload stored, said in Finnish


def test_a_renamed_region_in_a_forged_payload_is_marked_too(dataset: Dataset) -> None:
    payload = parse_upload(contents(CASES["renames_a_region.xlsx"].data()), "renames_a_region.xlsx", dataset).payload
    payload["regions"][0]["name"] = "Helsinki, officially"  # the browser sends back whatever it likes
    assert dataset_for(dataset, payload).region_name("helsinki") == "Helsinki, officially (your data)"


@pytest.mark.parametrize("shape", ["deeply nested", "too many rows"])
def test_a_forged_payload_is_refused_quickly(dataset: Dataset, shape: str) -> None:
    good = parse_upload(contents(CASES["huge_dimension.xlsx"].data()), "x.xlsx", dataset).payload
    if shape == "deeply nested":
        nested: list = []
        for _ in range(200_000):
            nested = [nested]
        payload = {**good, "values": [{**good["values"][0], "note": nested}]}
    else:
        payload = {**good, "values": good["values"] * 250_000}

    def restore():
        try:
            dataset_for(dataset, payload)
        except DataValidationError as err:
            return [str(p) for p in err.problems]
        return []

    m = measured(restore)
    within_bounds(m, f"payload {shape}")
    assert len(m.value) == 1


# --- Files on disk: a --data folder, the CLI ----------------------------------------------------------

def folder_problems(folder: Path, dataset: Dataset) -> list[str]:
    try:
        load_data_folder(folder, bundled=dataset)
    except DataValidationError as err:
        return [str(p) for p in err.problems]
    return []


def make_values(folder: Path, kind: str) -> tuple[Path, str]:
    """values.csv of ``kind`` in ``folder``, and the answer expected for it."""
    values = folder / "values.csv"
    if kind == "fifo":
        return fifo(values), "not a regular file (a named pipe (FIFO)); only plain files are read"
    if kind == "dev_zero":
        return link(values, "/dev/zero"), "not a regular file (a character device); only plain files are read"
    if kind == "sparse_1gb":
        return sparse(values), "the file has 1024 MB; the limit is 32 MB (BALTMET_MAX_FILE_BYTES)"
    if kind == "passwd_link":
        return link(values, "/etc/passwd"), "is a link to a file outside the folder; copy the file in instead"
    if kind == "folder":
        values.mkdir()
        return values, "not a regular file (a folder); only plain files are read"
    raise ValueError(kind)


@pytest.mark.parametrize("kind", ["fifo", "dev_zero", "sparse_1gb", "passwd_link", "folder"])
def test_a_data_folder_reads_regular_files_only(dataset: Dataset, tmp_path: Path, kind: str) -> None:
    values, says = make_values(tmp_path, kind)
    m = measured(lambda: folder_problems(tmp_path, dataset))
    within_bounds(m, f"--data with values.csv {kind}")
    assert m.value == [f"{values}:0:-: {says}"]


def test_a_complete_folder_with_a_fifo_is_refused_not_waited_for(mini_dir: Path, dataset: Dataset) -> None:
    regions = mini_dir / "regions.csv"
    regions.unlink()
    fifo(regions)
    m = measured(lambda: folder_problems(mini_dir, dataset))
    within_bounds(m, "complete folder with a FIFO")
    assert f"{regions}:0:-: not a regular file (a named pipe (FIFO)); only plain files are read" in m.value


def test_a_fifo_as_the_data_folder_is_not_a_folder(dataset: Dataset, tmp_path: Path) -> None:
    pipe = fifo(tmp_path / "data")
    m = measured(lambda: folder_problems(pipe, dataset))
    assert m.value == [f"{pipe}:0:-: not a folder"]


cli = run_cli  # (exit code, stdout, stderr) of the CLI in this process


@pytest.mark.parametrize("kind", ["fifo", "dev_zero", "sparse_1gb"])
def test_the_cli_refuses_what_is_no_regular_file(tmp_path: Path, kind: str) -> None:
    source = tmp_path / "met_10r_3gdp.tsv"
    if kind == "fifo":
        fifo(source)
    elif kind == "dev_zero":
        link(source, "/dev/zero")
    else:
        sparse(source)
    m = measured(lambda: cli("import-eurostat", str(source), "--out", str(tmp_path / "out")))
    within_bounds(m, f"import-eurostat {kind}")
    code, out, err = m.value
    assert code == 1 and out == ""
    assert err.startswith(f"{source}:0:-: ") and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_the_cli_escapes_control_characters_from_data(tmp_path: Path) -> None:
    source = tmp_path / "met_10r_3gdp.tsv"
    source.write_bytes(EUROSTAT_TSV + b"A,MIO_EUR,\x1b[2J\x1b]0;owned\x07\t1 \t2 \n")
    code, out, err = cli("import-eurostat", str(source), "--out", str(tmp_path / "out"))
    assert code == 0 and "\x1b" not in out + err and "\x07" not in out + err
    assert "unknown metro code \\x1b[2J\\x1b]0;owned\\x07: 2 figure(s) skipped" in out


def test_bundled_data_loads_the_same_after_the_corpus(dataset: Dataset) -> None:
    from dashboard.data import load_dataset

    fresh = load_dataset(BUNDLED_DATA_DIR)
    assert fingerprint(fresh) == fingerprint(dataset)
    assert json.dumps(sorted(fresh.region_ids)) == json.dumps(sorted(dataset.region_ids))


def test_a_hundred_thousand_duplicate_rows_are_answered_within_bounds(dataset: Dataset) -> None:
    rows = "".join(f"helsinki,population,2024,{n},Helsinki Region\n" for n in range(100_000))
    sent = contents(("region_id,indicator_id,year,value,territory\n" + rows).encode())

    def upload():
        problems = parse_upload(sent, "duplicates.csv", dataset).problems
        return len(problems), str(problems[0])

    m = measured(upload)
    within_bounds(m, "100 000 duplicate rows")
    count, first = m.value
    assert count == 99_999 and first.startswith("duplicates.csv:3:year: duplicate key")


def test_many_large_sessions_cannot_grow_the_cache_without_end(dataset: Dataset, mini_dir, monkeypatch) -> None:
    from dashboard import upload as module
    from dashboard.data import load_dataset

    module._cache.clear()
    mini = load_dataset(mini_dir)  # 3 figures, 2 regions, 1 source
    monkeypatch.setenv("BALTMET_MAX_ROWS", "50")  # the cache keeps at most 10 x 50 rows of merged Datasets
    good = parse_upload(contents(CASES["huge_dimension.xlsx"].data()), "x.xlsx", dataset).payload
    for session in range(30):  # 30 sessions of 20 figures each, each kept as a Dataset of ~25 rows in all
        rows = [{**good["values"][0], "year": str(2000 + n), "value": str(session)} for n in range(20)]
        restored_dataset(mini, f"{session:064x}", {**good, "values": rows, "name": f"session {session}"})
    each = next(iter(module._cache._items.values()))[2]
    assert 20 < each < 30 and 0 < module._cache._rows <= 500 and len(module._cache._items) == 500 // each
    assert sum(rows for _, _, rows in module._cache._items.values()) == module._cache._rows
    module._cache.clear()
    big = restored_dataset(dataset, f"{99:064x}", {**good, "values": rows})  # the bundled base: 2 000+ rows
    assert module._cache.get(dataset, f"{99:064x}") is big and len(module._cache._items) == 1  # one always fits
    module._cache.clear()
