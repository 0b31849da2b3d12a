"""One refresh, start to end: ask (or read the cache), read, merge, write OUT, report, and apply if asked.

Exit status: 0 every series answered with figures; 1 some series failed (no answer, an answer that cannot
be read, or one that gives no figures, as Eurostat's HTTP 200 with an empty dimension for an unknown code;
the rest are written) or the result does not validate; 2 nothing could be fetched at all (no network, or
--offline without a cache), or the folders given cannot be used. With status 2 nothing is written anywhere.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from dashboard.data.dataset import Dataset
from dashboard.data.folders import load_data_folder
from dashboard.data.loader import load_dataset
from dashboard.data.overlay import is_complete_folder
from dashboard.data.problems import DataValidationError
from dashboard.data.schema import GAPS
from dashboard.i18n import _, ngettext
from dashboard.refresh import folder
from dashboard.refresh.cache import Cache, CacheError
from dashboard.refresh.catalogue import DEFAULT_SERIES
from dashboard.refresh.http import FetchError, Request, fetch
from dashboard.refresh.jsonstat import Cube, MalformedResponse, parse
from dashboard.refresh.merge import Fetched, Table, drop_uncited, merge
from dashboard.refresh.places import Places
from dashboard.refresh.report import Outcome, lines
from dashboard.refresh.rows import held_back_reason, series_prefix, source_row, value_row
from dashboard.refresh.series import Answer, Extract, Series, SeriesFailed
from dashboard.refresh.settings import MissingBaseURL, Settings

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


@dataclass
class Network:
    """What the publishers did during one run: an interface that did not answer is not asked again."""

    silent: dict[str, str] = field(default_factory=dict)  # base URL (or host) -> why (unreachable, timeout)
    answered: bool = False  # any publisher gave any HTTP answer
    timed_out: bool = False  # some publisher was reached but did not answer within --timeout
    deadline: float | None = None  # time.monotonic() when the run's budget (Settings.budget) ends


class OnlineAsk:
    """One series' exchanges with the publishers, each kept in the cache as it arrives."""

    def __init__(self, options: Options, cache: Cache, key: str, network: Network) -> None:
        self.options, self.cache, self.key, self.network = options, cache, key, network
        self.steps: list[dict[str, object]] = []

    def _service(self, url: str) -> str:
        """The publisher's interface a URL belongs to: the longest base URL it starts with (else its host)."""
        bases = [b.rstrip("/") for b in self.options.settings.base_urls.values() if url.startswith(b.rstrip("/"))]
        return max(bases, key=len) if bases else urlsplit(url).netloc

    def __call__(self, request: Request) -> bytes:
        host = self._service(request.url)
        if host in self.network.silent:  # the same service just did not answer: do not wait for it again
            error = FetchError("unreachable", _("not asked: {host} did not answer ({why})", host=host,
                                                 why=self.network.silent[host]))
            self.steps.append(Cache.failure(request, str(error), self.options.now(), kind=error.kind))
            raise error
        try:
            response = fetch(request, self.options.settings, deadline=self.network.deadline)
        except FetchError as err:
            self.network.timed_out |= err.kind == "timeout"
            if err.kind in ("unreachable", "timeout"):
                self.network.silent[host] = str(err)
            else:
                self.network.answered = True
            self.steps.append(Cache.failure(request, str(err), self.options.now(), kind=err.kind))
            raise
        self.network.answered = True
        name = f"{self.key}.{len(self.steps) + 1}"
        self.steps.append(self.cache.store(name, request, response.body, self.options.now(), response.status))
        return response.body

    def retrieved(self, request: Request) -> str:
        return next(str(s["retrieved"]) for s in reversed(self.steps) if s["status"] == "ok" and Cache.asks(s, request))

    def entry(self, answer: Answer | None, error: str | None) -> dict[str, object]:
        """The series' manifest entry: its last exchange (or the failure) and every exchange in order."""
        if answer is not None:
            final = next(s for s in reversed(self.steps) if s["status"] == "ok" and Cache.asks(s, answer.request))
            return {**final, "via": answer.via, "steps": self.steps}
        last = self.steps[-1] if self.steps else {}
        return {"status": "failed", "error": error, "method": last.get("method"), "url": last.get("url"),
                "body": last.get("body"), "retrieved": self.options.now(), "file": None, "steps": self.steps}


class OfflineAsk:
    """One series' exchanges replayed from the cache: the same answers, and the same failures."""

    def __init__(self, cache: Cache, entry: dict[str, object], max_bytes: int) -> None:
        self.cache, self.steps, self.max_bytes = cache, Cache.steps(entry), max_bytes
        self.legacy = Cache.legacy(entry)
        self.failed_when = ""  # when the last failure replayed here happened

    def _step(self, request: Request) -> dict[str, object]:
        for step in self.steps:
            if Cache.asks(step, request):
                return step
        if self.legacy and self.steps and self.steps[0].get("method") == request.method:
            return self.steps[0]  # an older manifest: its one answer, asked as that run asked it
        raise FetchError("cache", _("not in the cache: the last run with a network did not ask {method} {url}",
                                    method=request.method, url=request.url))

    def __call__(self, request: Request) -> bytes:
        step = self._step(request)
        if step.get("status") != "ok":
            self.failed_when = str(step.get("retrieved"))
            raise FetchError(str(step.get("kind") or "http"), str(step.get("error")))
        try:
            return self.cache.read(step, self.max_bytes)
        except CacheError as err:
            raise FetchError("cache", str(err)) from None

    def retrieved(self, request: Request) -> str:
        return str(self._step(request).get("retrieved"))

    def recorded(self, request: Request) -> Request:
        """The request as the recorded run made it (an older manifest's may differ from today's)."""
        step = self._step(request)
        posted = step.get("body")
        return Request(str(step.get("method")), str(step.get("url")),
                       posted.encode("utf-8") if isinstance(posted, str) else None)


def _no_figures(cube: Cube, extract: Extract) -> str:
    """Why an answer gave no figure, in words that point at the cause."""
    if cube.empty:
        return _("no figures: the answer is empty (dimension {dimensions} has no category: the publisher does "
                 "not know a code the query names)", dimensions=", ".join(cube.empty))
    held = sum(extract.held_back.values())
    if held:
        return ngettext("no figures: all {n} of its figures were held back (see 'Held back')",
                        "no figures: all {n} of its figures were held back (see 'Held back')", held)
    return _("no figures: the answer has no cell with a value")


def read_answer(series: Series, answer: Answer, retrieved: str, places: Places) -> tuple[Fetched | None, Outcome]:
    """An answer as rows for the data, or the one line that says why it gives none."""
    outcome = Outcome(label(series), via=answer.via, fallbacks=list(answer.fallbacks))
    try:
        cube = parse(answer.body)
        extract = answer.read(cube, places)
    except MalformedResponse as err:
        outcome.error = _("malformed response: {problem}", problem=err)
        return None, outcome
    rows = []
    outcome.held_back = extract.held_back
    for figure in extract.figures:
        reason = held_back_reason(figure, places.indicators)
        if reason:
            outcome.held_back[reason] += 1
            continue
        rows.append(value_row(figure, series, answer.request, retrieved))
    outcome.figures = len(rows)
    if not rows:
        outcome.error = _no_figures(cube, extract)
        return None, outcome
    source = source_row(series, answer.request, retrieved, answer.via)
    return Fetched(outcome.label, series_prefix(series), rows, source), outcome


def _ask_series(series: Series, options: Options, places: Places,
                ask: OnlineAsk | OfflineAsk) -> tuple[Fetched | None, Outcome, Answer | None]:
    try:
        answer = series.answer(options.settings, places, ask)
    except (FetchError, SeriesFailed) as err:
        if isinstance(ask, OfflineAsk) and ask.failed_when:
            # Translators: a failure replayed from the cache, and when it happened.
            return None, Outcome(label(series), _("{problem} (when it was asked, {when})", problem=err,
                                                   when=ask.failed_when)), None
        return None, Outcome(label(series), str(err)), None
    except MalformedResponse as err:
        return None, Outcome(label(series), _("malformed response: {problem}", problem=err)), None
    except MissingBaseURL as err:
        return None, Outcome(label(series), str(err)), None
    if isinstance(ask, OfflineAsk):
        answer.request = ask.recorded(answer.request)
    result, outcome = read_answer(series, answer, ask.retrieved(answer.request), places)
    return result, outcome, answer


def _online(options: Options, places: Places, cache: Cache) -> tuple[list[Fetched], list[Outcome], dict, Network]:
    """Ask every publisher. The Network says whether any publisher answered at all, or was reached too late."""
    fetched, outcomes, entries = [], [], {}
    network = Network(deadline=time.monotonic() + options.settings.budget)
    for series in options.series:
        ask = OnlineAsk(options, cache, series.key, network)
        result, outcome, answer = _ask_series(series, options, places, ask)
        outcomes.append(outcome)
        entries[series.key] = ask.entry(answer, outcome.error if answer is None else None)
        if result is not None:
            fetched.append(result)
    return fetched, outcomes, entries, network


def _asked(settings: Settings) -> dict[str, object]:
    """What the manifest keeps of the settings, so that --offline builds the same requests."""
    return {"base_urls": dict(settings.base_urls), "apis": {k: list(v) for k, v in settings.apis.items()}}


def _as_recorded(settings: Settings, manifest: dict) -> Settings:
    """The settings of the recorded run: its base URLs and interface order (today's where it kept none)."""
    urls, apis = manifest.get("base_urls"), manifest.get("apis")
    if isinstance(urls, dict):
        settings = replace(settings, base_urls={**settings.base_urls, **{str(k): str(v) for k, v in urls.items()}})
    if isinstance(apis, dict):
        settings = replace(settings, apis={**settings.apis, **{str(k): tuple(map(str, v)) for k, v in apis.items()
                                                               if isinstance(v, list)}})
    return settings


def _offline(options: Options, places: Places, cache: Cache, manifest: dict) -> tuple[list[Fetched], list[Outcome]]:
    """Replay the last run's exchanges from the cache, as that run read them."""
    options = replace(options, settings=_as_recorded(options.settings, manifest))
    fetched, outcomes = [], []
    for series in options.series:
        entry = manifest["series"].get(series.key)
        if not isinstance(entry, dict):
            outcomes.append(Outcome(label(series), _("not in the cache (the last run with a network did not ask)")))
            continue
        ask = OfflineAsk(cache, entry, options.settings.max_bytes)
        result, outcome, _answer = _ask_series(series, options, places, ask)
        outcomes.append(outcome)
        if result is not None:
            fetched.append(result)
    return fetched, outcomes


def _command(program: str, folder: Path) -> str:
    """A command line to suggest: the same in every language."""
    return f"{program} {folder}"


def _base(data_dir: Path) -> Dataset:
    if not data_dir.is_dir() or not is_complete_folder(data_dir) or not (data_dir / "territories.csv").exists():
        raise ValueError(_("{folder} is not a complete data folder (regions, indicators, territories, sources, "
                           "values); the refresh merges into one", folder=data_dir))
    return load_dataset(data_dir)


def refresh(options: Options, say: Callable[[str], None], warn: Callable[[str], None]) -> int:
    """Run one refresh; ``say`` prints the report, ``warn`` the errors (stderr)."""
    out, data_dir = options.out, options.data_dir
    problem = folder.out_problem(out, data_dir)
    if problem:
        warn(_("error: {problem}", problem=problem))
        return EXIT_NOTHING
    try:
        places = Places.of(_base(data_dir))
    except ValueError as err:
        warn(_("error: {problem}", problem=err))
        return EXIT_NOTHING
    except DataValidationError as err:
        # Translators: "(s)" is how the English covers both numbers; write your language's plural forms.
        warn(ngettext("error: {folder} has {n} problem(s); run '{command}'",
                      "error: {folder} has {n} problem(s); run '{command}'", len(err.problems), folder=data_dir,
                      command=_command("python -m dashboard validate", data_dir)))
        return EXIT_NOTHING
    cache = Cache(out)
    if options.offline:
        try:
            manifest = cache.manifest()
        except CacheError as err:
            warn(_("error: offline: {problem}", problem=err))
            return EXIT_NOTHING
        if manifest is None:
            warn(_("error: offline: no cached responses in {folder} (run once with a network first)",
                   folder=out / "raw"))
            return EXIT_NOTHING
        fetched, outcomes = _offline(options, places, cache, manifest)
        entries = None
    else:
        run_started = options.now()
        fetched, outcomes, entries, network = _online(options, places, cache)
        if not network.answered:
            first = next((o for o in outcomes if o.error), None)
            # the first failure, in the same words in every language (a label and the error)
            why = f" ({first.label}: {first.error})" if first else ""
            spent = network.deadline is not None and time.monotonic() >= network.deadline
            if network.timed_out and spent:  # the whole run's limit, not one request's
                # Translators: {first} is " (SERIES: ERROR)", the first failure, or empty.
                warn(_("error: the run's budget ran out: none of the publishers answered within {seconds} s "
                       "(--budget){first}; nothing was written", seconds=format(options.settings.budget, "g"),
                       first=why))
            elif network.timed_out:  # reached, but nothing came back whole in time: not a missing network
                # Translators: {first} is " (SERIES: ERROR)", the first failure, or empty.
                warn(_("error: no answer in time: none of the publishers answered within {seconds} s "
                       "(--timeout){first}; nothing was written", seconds=format(options.settings.timeout, "g"),
                       first=why))
            else:
                # Translators: {first} is " (SERIES: ERROR)", the first failure, or empty.
                warn(_("error: no network: none of the publishers answered{first}; nothing was written", first=why))
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
        cache.write_manifest(run_started, entries, _asked(options.settings))
    for line in report:
        say(line)
    try:
        load_data_folder(out)
    except DataValidationError as err:
        for found in err.problems[:SHOWN_PROBLEMS]:
            warn(f"  {found}")
        warn(ngettext("error: the refreshed folder {folder} has {n} problem(s); nothing was applied",
                      "error: the refreshed folder {folder} has {n} problem(s); nothing was applied",
                      len(err.problems), folder=out))
        return EXIT_PARTIAL
    say(_("Wrote {folder}: '{show}' shows it, '{check}' checks it", folder=out,
          show=_command("python app.py --data", out), check=_command("python -m dashboard validate", out)))
    failed = any(o.error for o in outcomes)
    if options.apply and not fetched:  # nothing new: data/ keeps its bytes (a rewrite could requote them)
        warn(_("Nothing was applied to {folder}: every series failed (see above); its files were not touched",
               folder=data_dir))
        return EXIT_PARTIAL
    if not options.apply:
        say(_("Nothing in {folder} was changed: run again with --apply to merge these changes into it",
              folder=data_dir))
        return EXIT_PARTIAL if failed else EXIT_OK
    refused = folder.apply(out, data_dir, before)
    if refused:
        warn(_("error: {problem}", problem=refused))
        return EXIT_PARTIAL
    if failed:
        say(_("Applied to {folder}: values.csv, sources.csv and gaps.csv now hold the changes above (the failed "
              "series were left as they were)", folder=data_dir))
    else:
        say(_("Applied to {folder}: values.csv, sources.csv and gaps.csv now hold the changes above",
              folder=data_dir))
    return EXIT_PARTIAL if failed else EXIT_OK
