"""``python -m dashboard profile --region riga --format pdf --out DIR [--edition E] [--peers P]``.

``--region`` names a region, or a preset for a booklet: a cover, a page per region of the preset and a
comparison table. ``--region all`` is the BaltMet network's booklet (the eleven members, plus any region a
``--data`` folder adds), ``--region bsr`` every Baltic Sea Region metro region's. ``--format txt`` writes the
profile's text, key figures and footnotes (no charts, no browser needed), one file per region."""

from __future__ import annotations

import argparse
from pathlib import Path

from dashboard.data.schema import DEFAULT_EDITION, EDITIONS
from dashboard.presets import PRESETS

FORMATS = ("pdf", "txt")


def _peers(dataset, value: str, parser: argparse.ArgumentParser) -> tuple[str, ...]:
    """A preset (all, nordic, ...) or comma-separated region ids; an unknown id is a usage error."""
    from dashboard.presets import preset_members

    if value in PRESETS:
        return preset_members(dataset, value)
    wanted = [p.strip() for p in value.split(",") if p.strip()]
    unknown = [p for p in wanted if not dataset.has_region(p)]
    if unknown:
        parser.error(f"--peers: unknown region(s): {', '.join(unknown)}")
    return tuple(wanted)


def _text_file(profile) -> str:
    from dashboard.profile.build import rule_lines, subtitle, with_unit

    def key_figure(h) -> str:
        if not h.value:
            return f"{h.label}: no figure — {h.missing}"
        marks = "".join(f"[{n}]" for n in h.notes)
        return f"{h.label}: {with_unit(h.value, h.unit)} ({h.year}, {h.territory}){marks}"

    figures = "\n".join(key_figure(h) for h in profile.headlines)
    notes = "\n".join(f"[{n.number}] {n.text}" for n in profile.footnotes) or "None: the profile states no figure."
    return (f"{profile.title}\n{subtitle(profile)}\n\n{profile.text}\n\nKey figures\n{figures}\n\n"
            f"Sources\n{notes}\n\n" + "\n".join(rule_lines(profile)) + "\n")


def handle(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from dashboard.cli_common import load_dataset, say
    from dashboard.presets import preset_members
    from dashboard.profile import booklet_pdf, build_profile, profile_pdf

    dataset = load_dataset(args.data)
    booklet = args.region in PRESETS  # a preset's regions, one page each; 'all': the BaltMet network's
    if not booklet and not dataset.has_region(args.region):
        parser.error(f"--region: unknown region {args.region!r} (a preset: {', '.join(PRESETS)}; or a region: "
                     f"{', '.join(dataset.region_ids)})")
    regions = list(preset_members(dataset, args.region)) if booklet else [args.region]
    # a booklet's pages compare with the booklet's own regions unless told otherwise; a page with the BaltMet ones
    peers = _peers(dataset, args.peers or (args.region if booklet else "all"), parser)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if booklet and args.format == "pdf":
        name = "region-profiles" if args.region == "all" else f"region-profiles-{args.region}"
        path = out / f"{name}_{args.edition}.pdf"
        path.write_bytes(booklet_pdf(dataset, args.edition, peers, regions=tuple(regions),
                                     group=PRESETS[args.region][0]))
        say(path)
        return 0
    for region in regions:
        path = out / f"{region}_profile_{args.edition}.{args.format}"
        if args.format == "pdf":
            path.write_bytes(profile_pdf(dataset, region, args.edition, peers))
        else:
            path.write_text(_text_file(build_profile(dataset, region, args.edition, peers)), encoding="utf-8")
        say(path)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    profile = subparsers.add_parser(
        "profile", help="write a region's profile (one A4 page), or a preset's regions as one booklet",
        description="Write a region profile in the manner of the BaltMet Inno profiles: size, productivity, "
                    "knowledge base, innovation infrastructure and economic structure, then and now, each "
                    "number with its source. --region with a preset writes one booklet with a comparison table: "
                    "'all' the BaltMet network's regions, 'bsr' every Baltic Sea Region metro region.")
    profile.add_argument("--region", required=True,
                         help=f"region id, or a preset for a booklet of its regions: {', '.join(PRESETS)} "
                              "('all': the BaltMet regions; 'bsr': every region)")
    profile.add_argument("--edition", default=DEFAULT_EDITION, choices=list(EDITIONS),
                         help=f"edition (default: {DEFAULT_EDITION})")
    profile.add_argument("--peers", default=None,
                         help=f"comma-separated region ids, or a preset: {', '.join(PRESETS)} (default: a booklet's "
                              "own preset; for one region, all)")
    profile.add_argument("--format", default="pdf", choices=list(FORMATS), help="file format (default: pdf)")
    profile.add_argument("--out", required=True, help="output folder")
    profile.add_argument("--data", help="data folder (default: the bundled data/)")
    profile.set_defaults(handler=handle)
