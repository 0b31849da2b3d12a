"""``python -m dashboard profile --region riga --format pdf --out DIR [--edition E] [--peers P]``.

``--region`` names a region, or a preset for a booklet: a cover, a page per region of the preset and a
comparison table. ``--region all`` is the BaltMet network's booklet (the eleven members, plus any region a
``--data`` folder adds), ``--region bsr`` every Baltic Sea Region metro region's. ``--format txt`` writes the
profile's text, key figures and footnotes (no charts, no browser needed), one file per region."""

from __future__ import annotations

import argparse
from pathlib import Path

from dashboard.data.schema import DEFAULT_EDITION, EDITIONS
from dashboard.i18n import _, ngettext
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
        parser.error(ngettext("--peers: unknown region: {regions}", "--peers: unknown regions: {regions}",
                              len(unknown), regions=", ".join(unknown)))
    return tuple(wanted)


def _text_file(profile) -> str:
    from dashboard.profile.build import rule_lines, subtitle, with_unit

    def key_figure(h) -> str:
        if not h.value:
            # Translators: a key figure without a figure in the text file; {indicator} is its label, {reason} why
            # there is none.
            return _("{indicator}: no figure — {reason}", indicator=h.label, reason=h.missing)
        marks = "".join(f"[{n}]" for n in h.notes)
        # Translators: a key figure in the text file: its label, value (with unit), year and territory.
        return _("{indicator}: {value} ({year}, {territory})", indicator=h.label,
                 value=with_unit(h.value, h.unit, h.shown_unit), year=h.year, territory=h.territory) + marks

    figures = "\n".join(key_figure(h) for h in profile.headlines)
    notes = "\n".join(f"[{n.number}] {n.text}" for n in profile.footnotes) or \
        _("None: the profile states no figure.")
    key_figures, sources = _("Key figures"), _("Sources")
    return (f"{profile.title}\n{subtitle(profile)}\n\n{profile.text}\n\n{key_figures}\n{figures}\n\n"
            f"{sources}\n{notes}\n\n" + "\n".join(rule_lines(profile)) + "\n")


def handle(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Write the profiles in the language of ``--lang`` (English without it)."""
    from dashboard.i18n import use_language

    with use_language(getattr(args, "lang", "en")):
        return _write(args, parser)


def _write(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from dashboard.cli_common import load_dataset, say
    from dashboard.presets import preset_label, preset_members
    from dashboard.profile import booklet_pdf, build_profile, profile_pdf

    dataset = load_dataset(args.data)
    booklet = args.region in PRESETS  # a preset's regions, one page each; 'all': the BaltMet network's
    if not booklet and not dataset.has_region(args.region):
        parser.error(_("--region: unknown region '{region}' (a preset: {presets}; or a region: {regions})",
                       region=args.region, presets=", ".join(PRESETS), regions=", ".join(dataset.region_ids)))
    regions = list(preset_members(dataset, args.region)) if booklet else [args.region]
    # a booklet's pages compare with the booklet's own regions unless told otherwise; a page with the BaltMet ones
    peers = _peers(dataset, args.peers or (args.region if booklet else "all"), parser)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if booklet and args.format == "pdf":
        name = "region-profiles" if args.region == "all" else f"region-profiles-{args.region}"
        path = out / f"{name}_{args.edition}.pdf"
        path.write_bytes(booklet_pdf(dataset, args.edition, peers, regions=tuple(regions),
                                     group=preset_label(args.region)))
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
        "profile", help=_("write a region's profile (one A4 page), or a preset's regions as one booklet"),
        description=_("Write a region profile in the manner of the BaltMet Inno profiles: size, productivity, "
                      "knowledge base, innovation infrastructure and economic structure, then and now, each "
                      "number with its source. --region with a preset writes one booklet with a comparison "
                      "table: 'all' the BaltMet network's regions, 'bsr' every Baltic Sea Region metro region."))
    profile.add_argument("--region", required=True,
                         help=_("region id, or a preset for a booklet of its regions: {presets} "
                                "('all': the BaltMet regions; 'bsr': every region)", presets=", ".join(PRESETS)))
    profile.add_argument("--edition", default=DEFAULT_EDITION, choices=list(EDITIONS),
                         help=_("edition (default: {edition})", edition=DEFAULT_EDITION))
    profile.add_argument("--peers", default=None,
                         help=_("comma-separated region ids, or a preset: {presets} (default: a booklet's "
                                "own preset; for one region, all)", presets=", ".join(PRESETS)))
    profile.add_argument("--format", default="pdf", choices=list(FORMATS), help=_("file format (default: pdf)"))
    profile.add_argument("--out", required=True, help=_("output folder"))
    profile.add_argument("--data", help=_("data folder (default: the bundled data/)"))
    profile.set_defaults(handler=handle)
