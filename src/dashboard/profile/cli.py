"""``python -m dashboard profile --region riga --format pdf --out DIR [--edition E] [--peers P]``.

``--region all`` writes one booklet: a cover, every region's page and a comparison table. ``--format
txt`` writes the profile's text and footnotes (no charts, no browser needed)."""

from __future__ import annotations

import argparse
from pathlib import Path

from dashboard.data.schema import EDITIONS
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
    from dashboard.profile.build import rule_lines, subtitle

    notes = "\n".join(f"[{n.number}] {n.text}" for n in profile.footnotes)
    return (f"{profile.title}\n{subtitle(profile)}\n\n{profile.text}\n\nSources\n{notes}\n\n"
            + "\n".join(rule_lines(profile)) + "\n")


def handle(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from dashboard.cli import _load, say
    from dashboard.profile import booklet_pdf, build_profile, profile_pdf

    dataset = _load(args.data)
    regions = list(dataset.region_ids) if args.region == "all" else [args.region]
    if args.region != "all" and not dataset.has_region(args.region):
        parser.error(f"--region: unknown region {args.region!r} (one of: all, {', '.join(dataset.region_ids)})")
    peers = _peers(dataset, args.peers, parser)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.region == "all" and args.format == "pdf":
        path = out / f"region-profiles_{args.edition}.pdf"
        path.write_bytes(booklet_pdf(dataset, args.edition, peers))
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
        "profile", help="write a region's profile (one A4 page), or all regions as one booklet",
        description="Write a region profile in the manner of the BaltMet Inno profiles: size, productivity, "
                    "knowledge base, innovation infrastructure and economic structure, then and now, each "
                    "number with its source. --region all writes one booklet with a comparison table.")
    profile.add_argument("--region", required=True, help="region id, or 'all' for the booklet")
    profile.add_argument("--edition", default="baltmet", choices=list(EDITIONS), help="edition (default: baltmet)")
    profile.add_argument("--peers", default="all",
                         help=f"comma-separated region ids, or a preset: {', '.join(PRESETS)} (default: all)")
    profile.add_argument("--format", default="pdf", choices=list(FORMATS), help="file format (default: pdf)")
    profile.add_argument("--out", required=True, help="output folder")
    profile.add_argument("--data", help="data folder (default: the bundled data/)")
    profile.set_defaults(handler=handle)
