"""Command line: validate a data folder, export a chart, build a slide deck.

``python -m dashboard validate [DIR]``
``python -m dashboard export --focus helsinki --peers stockholm,copenhagen,oslo --chart ranking
   --indicator population --format svg --out DIR``
``python -m dashboard deck --focus helsinki --peers all --out deck.pptx``
``python -m dashboard import-eurostat FILE... --out DIR``
``python -m dashboard refresh --out DIR [--apply] [--offline]`` (dashboard/refresh/)
``python -m dashboard profile --region riga|all --format pdf --out DIR`` (dashboard/profile/)

Exports use the same builders and exporter as the page, so a file made here is the file the page
would give for the same view. A bad option value is one line on stderr and exit code 2. Files are
read only when they are regular files within the limits (data/limits.py: no FIFO, device or socket);
whatever comes from a data file is printed with control characters escaped; an unexpected error is
one line and exit code 1 (BALTMET_TRACEBACK=1 shows the traceback).

Every command has ``--lang`` (cli_common): help, messages and the files it writes are in that language,
by default the environment's (LANG=fi_FI.UTF-8 -> fi), else English.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlencode

from dashboard.cli_common import OneLineParser, load_dataset, requested_language, say
from dashboard.data import Dataset, DataValidationError
from dashboard.data.schema import BASES, DEFAULT_EDITION, EDITIONS
from dashboard.export.images import SIZES
from dashboard.i18n import _, ngettext, pgettext, use_language
from dashboard.presets import PRESETS
from dashboard.render.image import FORMATS
from dashboard.state import MEASURES, ViewState
from dashboard.url_state import from_query
from dashboard.views import CHARTS


def _state(parser: argparse.ArgumentParser, dataset: Dataset, args: argparse.Namespace) -> ViewState:
    """The view described by the options, through the same parser as the URL (so both agree)."""
    params = {"focus": args.focus, "peers": args.peers, "edition": args.edition, "measure": args.measure}
    for name, option in (("indicator", "indicator"), ("x", "x"), ("y", "y"), ("size", "bubble"),
                         ("year", "year"), ("basis", "basis")):
        if getattr(args, option, None) not in (None, ""):
            params[name] = getattr(args, option)
    state, ignored = from_query(dataset, "?" + urlencode({k: v for k, v in params.items() if v}))
    if ignored:
        parser.error(_("invalid value: {problems}", problems="; ".join(ignored)))
    return dataclasses.replace(state, lang=args.lang)  # the files are written in --lang


def _validate(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from dashboard.data.folders import load_data_folder
    from dashboard.paths import default_data_dir

    directory = Path(args.directory) if args.directory else default_data_dir()
    try:
        loaded = load_data_folder(directory)
    except DataValidationError as err:
        for problem in err.problems:
            say(problem)
        # Translators: "(s)" is how the English covers both numbers; write your language's plural forms.
        say(ngettext("{n} problem(s) in {folder}", "{n} problem(s) in {folder}", len(err.problems),
                     folder=directory), sys.stderr)
        return 1
    dataset = loaded.dataset
    per_edition = dataset.values.groupby("edition").size()
    editions = ", ".join(f"{e} {n}" for e, n in per_edition.items())  # edition ids and their counts
    counts = ", ".join((
        # Translators: part of the summary "OK DIR: 30 regions, 25 indicators, 9000 values (...), 12 sources".
        ngettext("{n} regions", "{n} regions", len(dataset.regions)),
        ngettext("{n} indicators", "{n} indicators", len(dataset.indicators)),
        # Translators: {editions} is the count per edition, such as "2024 4500, 2025 4800".
        ngettext("{n} values ({editions})", "{n} values ({editions})", len(dataset.values), editions=editions),
        ngettext("{n} sources", "{n} sources", len(dataset.sources)),
        ngettext("{n} documented gaps", "{n} documented gaps", len(dataset.gaps)),
    ))
    notes = "; ".join(loaded.notes)
    if loaded.kind != "complete":
        say(_("OK {folder}: {counts} (your figures on top of the bundled data: {notes})",
              folder=directory, counts=counts, notes=notes))
    elif notes:
        say(_("OK {folder}: {counts} ({notes})", folder=directory, counts=counts, notes=notes))
    else:
        say(_("OK {folder}: {counts}", folder=directory, counts=counts))
    return 0


def _import_eurostat(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from dashboard.data.eurostat import import_eurostat_files, write_tables
    from dashboard.data.eurostat_merge import merge_into
    from dashboard.data.limits import Refused, read_regular_file

    if bool(args.out) == bool(args.merge):
        parser.error(_("give one of --out DIR (a folder of your figures) or --merge DIR (rewrite a data folder)"))
    dataset = load_dataset(args.merge or args.data)
    files, unread = [], 0
    for name in args.files:
        path = Path(name)
        if not os.path.lexists(path):
            parser.error(_("no such file: {file}", file=name))
        try:  # a regular file only, at most max_file_bytes: a FIFO or /dev/zero is refused, never read
            files.append((read_regular_file(path, str(path)), str(path)))
        except Refused as refused:
            say(refused.problem, sys.stderr)
            unread += 1
    imports = import_eurostat_files(files, dataset)
    for result in imports:
        for problem in result.problems:
            say(problem, sys.stderr)
        for note in result.notes:
            say(note)
    if unread or any(i.problems for i in imports):
        return 1
    if args.merge:
        report = merge_into(Path(args.merge), [v for i in imports for v in i.values],
                            [s for i in imports for s in i.sources])
        counts = ", ".join((
            # Translators: "(s)" is how the English covers both numbers; write your language's plural forms.
            ngettext("{n} figure(s) written", "{n} figure(s) written", report.added),
            ngettext("{n} other figure(s) of the same series removed",
                     "{n} other figure(s) of the same series removed", report.replaced),
            ngettext("{n} gap(s) filled", "{n} gap(s) filled", report.gaps_filled),
        ))
        say(_("merged into {folder}: {counts}, sources no longer cited dropped: {sources}; check with '{command}'",
              folder=args.merge, counts=counts,
              sources=", ".join(report.sources_dropped) or pgettext("sources", "none"),
              command="python -m dashboard validate " + args.merge))
        return 0
    values, sources = write_tables(imports, Path(args.out))
    say(_("wrote {values} and {sources}: run '{command}' to see them", values=values, sources=sources,
          command="python app.py --data " + args.out))
    return 0


def _export(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from dashboard.export.files import chart_file

    dataset = load_dataset(args.data)
    state = _state(parser, dataset, args)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    name, payload = chart_file(dataset, state, args.chart, args.format, args.layout, args.scale)
    (out / name).write_bytes(payload)
    say(out / name)
    return 0


def _deck(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from dashboard.export.deck import build_deck

    dataset = load_dataset(args.data)
    state = _state(parser, dataset, args)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build_deck(dataset, state))
    say(out)
    return 0


def _view_options(parser: argparse.ArgumentParser) -> None:
    peers = ", ".join(PRESETS)
    parser.add_argument("--focus", default="helsinki", help=_("focus region id (default: helsinki)"))
    parser.add_argument("--peers", default="all",
                        help=_("comma-separated region ids, or a preset: {presets} (default: all)", presets=peers))
    parser.add_argument("--edition", default=DEFAULT_EDITION, choices=list(EDITIONS),
                        help=_("edition (default: {edition})", edition=DEFAULT_EDITION))
    parser.add_argument("--measure", default="absolute", choices=list(MEASURES),
                        help=_("measure (default: absolute)"))
    parser.add_argument("--year", type=int, help=_("a specific year (default: each region's default year)"))
    parser.add_argument("--basis", choices=list(BASES),
                        help=_("compare on this kind of territory (default: per indicator, the one most regions "
                               "have)"))
    parser.add_argument("--data", help=_("data folder (default: the bundled data/)"))


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command, its texts in the current language (``main`` sets it from ``--lang``)."""
    parser = OneLineParser(prog="python -m dashboard", description=_("Baltic Metropoles dashboard tools."),
                           lang_option=False)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=OneLineParser)
    validate = sub.add_parser("validate", help=_("check a data folder and report every problem"),
                              description=_("Check a data folder. Exit 0 and print a summary when it is "
                                            "good; exit 1 and print FILE:ROW:COLUMN: message lines when not."))
    validate.add_argument("directory", nargs="?", help=_("data folder (default: the bundled data/)"))
    validate.set_defaults(handler=_validate)

    export = sub.add_parser("export", help=_("write one chart as PNG, SVG or PDF"),
                            description=_("Write one chart of a view as an image, with title, subtitle, "
                                          "source line and export date inside it."))
    _view_options(export)
    export.add_argument("--chart", required=True, choices=CHARTS.names(), help=_("which chart"))
    export.add_argument("--indicator", default=None, help=_("indicator id of the ranking, map and trend"))
    export.add_argument("--x", default=None, help=_("scatter: indicator id on the x axis"))
    export.add_argument("--y", default=None, help=_("scatter: indicator id on the y axis"))
    export.add_argument("--bubble", default=None, help=_("scatter: indicator id of the bubble size"))
    export.add_argument("--layout", default="slide", choices=list(SIZES),
                        help=_("slide (1600x900, 16:9) or report (1200x800) (default: slide)"))
    export.add_argument("--format", default="png", choices=list(FORMATS), help=_("file format (default: png)"))
    export.add_argument("--scale", type=float, default=2, choices=[1, 2, 4],
                        help=_("PNG pixel scale (default: 2)"))
    export.add_argument("--out", required=True, help=_("output folder"))
    export.set_defaults(handler=_export)

    eurostat = sub.add_parser("import-eurostat", help=_("turn Eurostat downloads into data tables"),
                              description=_("Read Eurostat TSV (optionally .gz) or SDMX-CSV downloads of the metro "
                                            "tables met_pjanaggr3, met_10r_3gdp, met_10r_3emp, or of the NUTS-level "
                                            "tables demo_r_pjanaggr3, nama_10r_3gdp, nama_10r_3empers (summed into "
                                            "metro regions by the data's metro_compositions.csv; several files of "
                                            "one table are vintages: each series takes the newest and breaks where "
                                            "it changes). Unknown metro codes are reported and skipped."))
    eurostat.add_argument("files", nargs="+", metavar="FILE", help=_("Eurostat download(s)"))
    eurostat.add_argument("--out", help=_("output folder: tables 'app.py --data OUT' shows on top of the data"))
    eurostat.add_argument("--merge", metavar="DIR",
                          help=_("rewrite the data folder DIR instead: each series the files cover becomes the "
                                 "files' figures (how the bundled data/ is built from data/eurostat/)"))
    eurostat.add_argument("--data",
                          help=_("data folder whose regions the metro codes map to (default: bundled)"))
    eurostat.set_defaults(handler=_import_eurostat)

    deck = sub.add_parser("deck", help=_("write a 16:9 slide deck (PPTX) of a view"),
                          description=_("Write a PPTX deck: title, KPI cards, one slide per chart, sources."))
    _view_options(deck)
    deck.add_argument("--indicator", default=None, help=_("indicator id of the ranking, map and trend"))
    deck.add_argument("--out", required=True, help=_("output .pptx file"))
    deck.set_defaults(handler=_deck)

    from dashboard.refresh.cli import register as register_refresh
    register_refresh(sub)
    from dashboard.profile.cli import register as register_profile
    register_profile(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    with use_language(requested_language(argv)):  # help and usage errors in the language asked for
        parser = build_parser()
        args = parser.parse_args(argv)
    sub = parser._subparsers._group_actions[0].choices[args.command]  # the subcommand's parser, for errors
    with use_language(args.lang):
        try:
            return args.handler(args, sub)
        except KeyboardInterrupt:
            return 130
        except Exception as err:  # one line, never a traceback (BALTMET_TRACEBACK=1 shows it, for debugging)
            if os.environ.get("BALTMET_TRACEBACK") == "1":
                raise
            say(_("error: {kind}: {problem}", kind=type(err).__name__, problem=err), sys.stderr)
            return 1
