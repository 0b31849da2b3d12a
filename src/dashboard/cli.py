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
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlencode

from dashboard.cli_common import OneLineParser, load_dataset, say
from dashboard.data import Dataset, DataValidationError
from dashboard.data.schema import BASES, DEFAULT_EDITION, EDITIONS
from dashboard.export.images import SIZES
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
        parser.error("invalid value: " + "; ".join(ignored))
    return state


def _validate(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from dashboard.data.folders import load_data_folder
    from dashboard.paths import default_data_dir

    directory = Path(args.directory) if args.directory else default_data_dir()
    try:
        loaded = load_data_folder(directory)
    except DataValidationError as err:
        for problem in err.problems:
            say(problem)
        say(f"{len(err.problems)} problem(s) in {directory}", sys.stderr)
        return 1
    dataset = loaded.dataset
    per_edition = dataset.values.groupby("edition").size()
    editions = ", ".join(f"{e} {n}" for e, n in per_edition.items())
    kind = ("" if not loaded.notes else " (" + "; ".join(loaded.notes) + ")") if loaded.kind == "complete" \
        else " (your figures on top of the bundled data: " + "; ".join(loaded.notes) + ")"
    say(f"OK {directory}: {len(dataset.regions)} regions, {len(dataset.indicators)} indicators, "
          f"{len(dataset.values)} values ({editions}), {len(dataset.sources)} sources, "
          f"{len(dataset.gaps)} documented gaps{kind}")
    return 0


def _import_eurostat(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from dashboard.data.eurostat import import_eurostat_files, write_tables
    from dashboard.data.eurostat_merge import merge_into
    from dashboard.data.limits import Refused, read_regular_file

    if bool(args.out) == bool(args.merge):
        parser.error("give one of --out DIR (a folder of your figures) or --merge DIR (rewrite a data folder)")
    dataset = load_dataset(args.merge or args.data)
    files, unread = [], 0
    for name in args.files:
        path = Path(name)
        if not os.path.lexists(path):
            parser.error(f"no such file: {name}")
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
        say(f"merged into {args.merge}: {report.added} figure(s) written, {report.replaced} other figure(s) of "
            f"the same series removed, {report.gaps_filled} gap(s) filled, sources no longer cited dropped: "
            f"{', '.join(report.sources_dropped) or 'none'}; check with 'python -m dashboard validate {args.merge}'")
        return 0
    values, sources = write_tables(imports, Path(args.out))
    say(f"wrote {values} and {sources}: run 'python app.py --data {args.out}' to see them")
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
    parser.add_argument("--focus", default="helsinki", help="focus region id (default: helsinki)")
    parser.add_argument("--peers", default="all",
                        help=f"comma-separated region ids, or a preset: {peers} (default: all)")
    parser.add_argument("--edition", default=DEFAULT_EDITION, choices=list(EDITIONS),
                        help=f"edition (default: {DEFAULT_EDITION})")
    parser.add_argument("--measure", default="absolute", choices=list(MEASURES), help="measure (default: absolute)")
    parser.add_argument("--year", type=int, help="a specific year (default: each region's default year)")
    parser.add_argument("--basis", choices=list(BASES),
                        help="compare on this kind of territory (default: per indicator, the one most regions have)")
    parser.add_argument("--data", help="data folder (default: the bundled data/)")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="python -m dashboard", description="Baltic Metropoles dashboard tools.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=OneLineParser)
    validate = sub.add_parser("validate", help="check a data folder and report every problem",
                              description="Check a data folder. Exit 0 and print a summary when it is "
                                          "good; exit 1 and print FILE:ROW:COLUMN: message lines when not.")
    validate.add_argument("directory", nargs="?", help="data folder (default: the bundled data/)")
    validate.set_defaults(handler=_validate)

    export = sub.add_parser("export", help="write one chart as PNG, SVG or PDF",
                            description="Write one chart of a view as an image, with title, subtitle, "
                                        "source line and export date inside it.")
    _view_options(export)
    export.add_argument("--chart", required=True, choices=CHARTS.names(), help="which chart")
    export.add_argument("--indicator", default=None, help="indicator id of the ranking, map and trend")
    export.add_argument("--x", default=None, help="scatter: indicator id on the x axis")
    export.add_argument("--y", default=None, help="scatter: indicator id on the y axis")
    export.add_argument("--bubble", default=None, help="scatter: indicator id of the bubble size")
    export.add_argument("--layout", default="slide", choices=list(SIZES),
                        help="slide (1600x900, 16:9) or report (1200x800) (default: slide)")
    export.add_argument("--format", default="png", choices=list(FORMATS), help="file format (default: png)")
    export.add_argument("--scale", type=float, default=2, choices=[1, 2, 4],
                        help="PNG pixel scale (default: 2)")
    export.add_argument("--out", required=True, help="output folder")
    export.set_defaults(handler=_export)

    eurostat = sub.add_parser("import-eurostat", help="turn Eurostat downloads into data tables",
                              description="Read Eurostat TSV (optionally .gz) or SDMX-CSV downloads of the metro "
                                          "tables met_pjanaggr3, met_10r_3gdp, met_10r_3emp, or of the NUTS-level "
                                          "tables demo_r_pjanaggr3, nama_10r_3gdp, nama_10r_3empers (summed into "
                                          "metro regions by the data's metro_compositions.csv; several files of "
                                          "one table are vintages: each series takes the newest and breaks where "
                                          "it changes). Unknown metro codes are reported and skipped.")
    eurostat.add_argument("files", nargs="+", metavar="FILE", help="Eurostat download(s)")
    eurostat.add_argument("--out", help="output folder: tables 'app.py --data OUT' shows on top of the data")
    eurostat.add_argument("--merge", metavar="DIR",
                          help="rewrite the data folder DIR instead: each series the files cover becomes the "
                               "files' figures (how the bundled data/ is built from data/eurostat/)")
    eurostat.add_argument("--data", help="data folder whose regions the metro codes map to (default: bundled)")
    eurostat.set_defaults(handler=_import_eurostat)

    deck = sub.add_parser("deck", help="write a 16:9 slide deck (PPTX) of a view",
                          description="Write a PPTX deck: title, KPI cards, one slide per chart, sources.")
    _view_options(deck)
    deck.add_argument("--indicator", default=None, help="indicator id of the ranking, map and trend")
    deck.add_argument("--out", required=True, help="output .pptx file")
    deck.set_defaults(handler=_deck)

    from dashboard.refresh.cli import register as register_refresh
    register_refresh(sub)
    from dashboard.profile.cli import register as register_profile
    register_profile(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    sub = parser._subparsers._group_actions[0].choices[args.command]  # the subcommand's parser, for errors
    try:
        return args.handler(args, sub)
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # one line, never a traceback (BALTMET_TRACEBACK=1 shows it, for debugging)
        if os.environ.get("BALTMET_TRACEBACK") == "1":
            raise
        say(f"error: {type(err).__name__}: {err}", sys.stderr)
        return 1
