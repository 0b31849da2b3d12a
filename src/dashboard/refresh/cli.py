"""``python -m dashboard refresh --out DIR [--apply] [--offline]``: the subcommand and its options."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.i18n import _
from dashboard.refresh.settings import DEFAULT_APIS, DEFAULT_BASE_URLS, ENV, from_environment

EXAMPLE = ".venv/bin/python -m dashboard refresh --out refreshed --apply"


def _pairs(option: str, shape: str, pairs: list[str], parser: argparse.ArgumentParser) -> dict[str, str]:
    found = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not value:
            parser.error(_("{option} expects {shape}, got '{value}'", option=option, shape=shape, value=pair))
        found[name.strip()] = value.strip()
    return found


def handle(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from dashboard.cli_common import say
    from dashboard.paths import default_data_dir
    from dashboard.refresh.run import Options, refresh

    if args.timeout is not None and not args.timeout > 0:
        parser.error(_("--timeout must be a positive number of seconds"))
    if args.retries is not None and args.retries < 0:
        parser.error(_("--retries must be 0 or more"))
    if args.budget is not None and not args.budget > 0:
        parser.error(_("--budget must be a positive number of seconds"))
    try:
        settings = from_environment(_pairs("--base-url", "PUBLISHER=URL", args.base_url, parser),
                                    _pairs("--api", "OFFICE=v2,v1", args.api, parser),
                                    timeout=args.timeout, retries=args.retries,
                                    budget=args.budget)
    except ValueError as err:
        parser.error(str(err))
    options = Options(out=Path(args.out), data_dir=Path(args.data) if args.data else default_data_dir(),
                      settings=settings, offline=args.offline, apply=args.apply)
    return refresh(options, say, lambda line: say(line, sys.stderr))


def register(subparsers: argparse._SubParsersAction) -> None:
    """The ``refresh`` subcommand; its parser is cli_common's OneLineParser, which gives it ``--lang``."""
    publishers = ", ".join(DEFAULT_BASE_URLS)
    refresh = subparsers.add_parser(
        "refresh", help=_("re-read the figures at Eurostat and the national statistics offices"),
        description=_("Fetch Eurostat's metro-region tables (met_pjanaggr3, met_10r_3gdp, met_10r_3emp) and its "
                      "NUTS 3 tables (demo_r_pjanaggr3, nama_10r_3gdp, nama_10r_3empers, summed into metro regions "
                      "by metro_compositions.csv), all with their national rows, and the core cities' populations "
                      "from Statistics Finland, Sweden, Norway and Denmark; write OUT, a complete data folder with "
                      "them merged into the current data, and print what changed. Nothing in the data folder "
                      "changes without --apply. Exit 0: all answered with figures; 1: some series failed or gave no "
                      "figures (the rest are written); 2: nothing could be fetched, nothing written."),
        epilog=_("Example: {command}", command=EXAMPLE))
    refresh.add_argument("--out", required=True, help=_("output folder (raw responses are kept in OUT/raw)"))
    refresh.add_argument("--data",
                         help=_("the data folder to compare with and --apply to (default: the bundled data/)"))
    refresh.add_argument("--apply", action="store_true", help=_("after the report, merge the changes into --data"))
    refresh.add_argument("--offline", action="store_true",
                         help=_("use only the responses cached in OUT/raw by the last run: reproduces its folder"))
    refresh.add_argument("--base-url", action="append", default=[], metavar="PUBLISHER=URL",
                         help=_("another address for a publisher ({publishers}); also {variable}",
                                publishers=publishers, variable=ENV + "URL_<PUBLISHER>"))
    offices = ", ".join(f"{office}={','.join(order)}" for office, order in DEFAULT_APIS.items())
    refresh.add_argument("--api", action="append", default=[], metavar="OFFICE=v2,v1",
                         help=_("the PxWeb interfaces to ask an office through, in order, the next when one fails "
                                "(default {offices}; v1 includes Statistics Norway's v0); also {variable}",
                                offices=offices, variable=ENV + "API_<OFFICE>"))
    refresh.add_argument("--timeout", type=float,
                         help=_("seconds to wait for one answer (default 30; {variable})", variable=ENV + "TIMEOUT"))
    refresh.add_argument("--budget", type=float,
                         help=_("seconds the whole run may spend with the publishers, waits included; a Retry-After "
                                "beyond it (or beyond 30 s) is not waited for (default 1800; {variable})",
                                variable=ENV + "BUDGET"))
    refresh.add_argument("--retries", type=int,
                         help=_("tries after a 429/5xx or timeout (default 3; {variable})", variable=ENV + "RETRIES"))
    refresh.set_defaults(handler=handle)
