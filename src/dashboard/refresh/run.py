"""One refresh, start to end: ask (or read the cache), read, merge, write OUT, report, and apply if asked.

Exit status: 0 every series answered; 1 some series failed (the rest are written) or the result does not
validate; 2 nothing could be fetched at all (no network, or --offline without a cache), or the folders
given cannot be used. With status 2 nothing is written anywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.data.dataset import Dataset
from dashboard.data.folders import load_data_folder
from dashboard.data.loader import load_dataset
from dashboard.data.overlay import is_complete_folder
from dashboard.data.problems import DataValidationError
from dashboard.data.schema import GAPS
from dashboard.refresh import folder
from dashboard.refresh.cache import Cache, CacheError
from dashboard.refresh.catalogue import DEFAULT_SERIES
from dashboard.refresh.http import FetchError, Request, fetch
from dashboard.refresh.jsonstat import MalformedResponse, parse
from dashboard.refresh.merge import Fetched, Table, drop_uncited, merge
from dashboard.refresh.places import Places
from dashboard.refresh.report import Outcome, lines
from dashboard.refresh.rows import held_back_reason, series_prefix, source_row, value_row
from dashboard.refresh.series import Series
from dashboard.refresh.settings import Settings

EXIT_OK, EXIT_PARTIAL, EXIT_NOTHING = 0, 1, 2
SHOWN_PROBLEMS = 20


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Options:
    out: Path
    data_dir: Path
    settings: Settings = field(default_factory=Settings)
    offline: bool = False
    apply: bool = False
    series: Sequence[Series] = DEFAULT_SERIES
    now: Callable[[], str] = utc_now


def label(series: Series) -> str:
    return f"{series.publisher} {series.code}"


def read_answer(series: Series, request: Request, body: bytes, retrieved: str,
                places: Places) -> tuple[Fetched | None, Outcome]:
    """A response body as rows for the data, or the one line that says why it cannot be read."""
    outcome = Outcome(label(series))
    try:
        extract = series.extract(parse(body), places)
    except MalformedResponse as err:
        outcome.error = f"malformed response: {err}"
        return None, outcome
    rows = []
    outcome.held_back = extract.held_back
    for figure in extract.figures:
        reason = held_back_reason(figure, places.indicators)
        if reason:
            outcome.held_back[reason] += 1
            continue
        rows.append(value_row(figure, series, request, retrieved))
    outcome.figures = len(rows)
    return Fetched(outcome.label, series_prefix(series), rows, source_row(series, request, retrieved)), outcome


def _online(options: Options, places: Places, cache: Cache) -> tuple[list[Fetched], list[Outcome], dict, bool]:
    """Ask every publisher. The last item says whether any publisher answered at all."""
    fetched, outcomes, entries, silent = [], [], {}, {}
    answered = False
    for series in options.series:
        request = series.request(options.settings.base_url(series.base), places)
        if series.base in silent:  # the same host just did not answer: do not wait for it again
            message = f"not asked: {series.base} did not answer ({silent[series.base]})"
            outcomes.append(Outcome(label(series), message))
            entries[series.key] = Cache.failure(request, message, options.now())
            continue
        try:
            response = fetch(request, options.settings)
        except FetchError as err:
            if err.kind in ("unreachable", "timeout"):
                silent[series.base] = str(err)
            else:
                answered = True
            outcomes.append(Outcome(label(series), str(err)))
            entries[series.key] = Cache.failure(request, str(err), options.now())
            continue
        answered = True
        retrieved = options.now()
        entries[series.key] = cache.store(series.key, request, response.body, retrieved, response.status)
        result, outcome = read_answer(series, request, response.body, retrieved, places)
        outcomes.append(outcome)
        if result is not None:
            fetched.append(result)
    return fetched, outcomes, entries, answered


def _offline(options: Options, places: Places, cache: Cache, manifest: dict) -> tuple[list[Fetched], list[Outcome]]:
    """Read the last run's responses from the cache, as that run read them."""
    fetched, outcomes = [], []
    for series in options.series:
        entry = manifest["series"].get(series.key)
        if not isinstance(entry, dict):
            outcomes.append(Outcome(label(series), "not in the cache (the last run with a network did not ask)"))
            continue
        if entry.get("status") != "ok":
            when = entry.get("retrieved")
            outcomes.append(Outcome(label(series), f"{entry.get('error')} (when it was asked, {when})"))
            continue
        try:
            body = cache.read(entry, options.settings.max_bytes)
        except CacheError as err:
            outcomes.append(Outcome(label(series), str(err)))
            continue
        posted = entry.get("body")
        request = Request(str(entry["method"]), str(entry["url"]), posted.encode("utf-8") if posted else None)
        result, outcome = read_answer(series, request, body, str(entry["retrieved"]), places)
        outcomes.append(outcome)
        if result is not None:
            fetched.append(result)
    return fetched, outcomes


def _base(data_dir: Path) -> Dataset:
    if not data_dir.is_dir() or not is_complete_folder(data_dir) or not (data_dir / "territories.csv").exists():
        raise ValueError(f"{data_dir} is not a complete data folder (regions, indicators, territories, sources, "
                         "values); the refresh merges into one")
    return load_dataset(data_dir)


def refresh(options: Options, say: Callable[[str], None], warn: Callable[[str], None]) -> int:
    """Run one refresh; ``say`` prints the report, ``warn`` the errors (stderr)."""
    out, data_dir = options.out, options.data_dir
    problem = folder.out_problem(out, data_dir)
    if problem:
        warn(f"error: {problem}")
        return EXIT_NOTHING
    try:
        places = Places.of(_base(data_dir))
    except ValueError as err:
        warn(f"error: {err}")
        return EXIT_NOTHING
    except DataValidationError as err:
        warn(f"error: {data_dir} has {len(err.problems)} problem(s); run 'python -m dashboard validate {data_dir}'")
        return EXIT_NOTHING
    cache = Cache(out)
    if options.offline:
        try:
            manifest = cache.manifest()
        except CacheError as err:
            warn(f"error: offline: {err}")
            return EXIT_NOTHING
        if manifest is None:
            warn(f"error: offline: no cached responses in {out / 'raw'} (run once with a network first)")
            return EXIT_NOTHING
        fetched, outcomes = _offline(options, places, cache, manifest)
        entries = None
    else:
        run_started = options.now()
        fetched, outcomes, entries, answered = _online(options, places, cache)
        if not answered:
            first = next((o for o in outcomes if o.error), None)
            why = f" ({first.label}: {first.error})" if first else ""
            warn(f"error: no network: none of the publishers answered{why}; nothing was written")
            return EXIT_NOTHING
    before = folder.fingerprint(data_dir)
    gaps_path = data_dir / "gaps.csv"
    merged = merge(Table.read(data_dir / "values.csv"), Table.read(data_dir / "sources.csv"),
                   Table.read(gaps_path) if gaps_path.exists() else Table(list(GAPS.names), []), fetched)
    territories = Table.read(data_dir / "territories.csv")
    drop_uncited(merged, {r.get("source_id", "") for r in territories.rows} - {""})
    report = lines(merged, outcomes, str(data_dir))
    folder.write(out, data_dir, merged, report)
    if entries is not None:
        cache.write_manifest(run_started, entries)
    for line in report:
        say(line)
    try:
        load_data_folder(out)
    except DataValidationError as err:
        for found in err.problems[:SHOWN_PROBLEMS]:
            warn(f"  {found}")
        warn(f"error: the refreshed folder {out} has {len(err.problems)} problem(s); nothing was applied")
        return EXIT_PARTIAL
    say(f"Wrote {out}: 'python app.py --data {out}' shows it, 'python -m dashboard validate {out}' checks it")
    failed = any(o.error for o in outcomes)
    if not options.apply:
        say(f"Nothing in {data_dir} was changed: run again with --apply to merge these changes into it")
        return EXIT_PARTIAL if failed else EXIT_OK
    refused = folder.apply(out, data_dir, before)
    if refused:
        warn(f"error: {refused}")
        return EXIT_PARTIAL
    say(f"Applied to {data_dir}: values.csv, sources.csv and gaps.csv now hold the changes above"
        + (" (the failed series were left as they were)" if failed else ""))
    return EXIT_PARTIAL if failed else EXIT_OK
