"""build_profile: a region's profile as data and text, by rules, from the dataset alone.

Pure: the same dataset, region, edition and peers give the same profile. The page, the PDF and the
deck render it; none of them computes a number of its own.
"""

from __future__ import annotations

from dataclasses import replace

from dashboard.comparability import kind_label
from dashboard.data import Dataset
from dashboard.data.schema import EDITIONS
from dashboard.formatting import QUALIFIER_SIGN, QUALIFIER_SUFFIX
from dashboard.profile.model import DISPLAY_RULE, RULES, Chunk, Derived, Fact, Headline, Paragraph, Profile
from dashboard.profile.sentences import Topics
from dashboard.profile.then_now import then_now_rows
from dashboard.profile.wording import count, plain, qualifier_word, territory_phrase, year_text
from dashboard.profile.writer import Notes, Writer
from dashboard.state import ViewState
from dashboard.view_model import kpi_lines

TOPICS = (("size", "Size and weight in the country"), ("productivity", "Productivity"),
          ("knowledge", "Knowledge base"), ("innovation", "Innovation infrastructure"),
          ("structure", "Economic structure"))


def headline_value(value: float, qualifier: str, unit: str) -> str:
    """A card's number: '1.3 million', '≈ 700 000', '98 660' (the unit beside it)."""
    shown = count(value) if unit in ("persons", "count") else plain(value)
    if qualifier == "rounded" and shown.endswith("million"):
        return shown  # '1.3 million' says it is rounded
    return QUALIFIER_SIGN.get(qualifier, "") + shown + QUALIFIER_SUFFIX.get(qualifier, "")


def _headlines(dataset: Dataset, region: str, edition: str, notes: Notes) -> tuple[Headline, ...]:
    """The key figures as the view model states them for the region as it reports itself (the profile's basis),
    in the profile's own wording of the numbers ('1.3 million')."""
    as_reported = ViewState(focus=region, peers=(), edition=edition, basis="reported")
    out = []
    for line in kpi_lines(dataset, as_reported):
        unit, figure = dataset.indicator(line.indicator).unit, line.figure
        if figure is None:
            out.append(Headline(line.indicator, line.label, "", unit, "", "", "", "", missing=line.missing))
            continue
        out.append(Headline(line.indicator, line.label, headline_value(figure.value, figure.qualifier, unit), unit,
                            year_text(figure.year, figure.year_approx), figure.territory, figure.territory_kind,
                            kind_label(figure.territory_kind, dataset), notes.cite((figure.source_id,)), (figure,),
                            kind_short=dataset.kinds.short_label(figure.territory_kind)))
    return tuple(out)


def _nothing_said(name: str, headlines: tuple[Headline, ...]) -> Paragraph:
    """The one paragraph of a profile with no sentence: why (no numbers, so nothing in it needs a source)."""
    if any(h.value for h in headlines):
        text = (f"The sources collected give too few figures for {name} in this edition for a sentence; "
                "its key figures stand on their own.")
    else:
        text = (f"The sources collected give no figure for {name} in this edition: each key figure says "
                "\"no figure\" and why.")
    return Paragraph("none", "No figures", (Chunk(text),))


def _rules(facts: tuple[Fact, ...]) -> tuple[str, ...]:
    """The rules the profile's derived values follow, once each, as a reader should be told them."""
    seen: dict[str, None] = {}

    def visit(fact: Fact) -> None:
        if isinstance(fact, Derived):
            seen.setdefault(fact.rule, None)
            for i in fact.inputs:
                visit(i)

    for fact in facts:
        visit(fact)
    return tuple(seen)


def build_profile(dataset: Dataset, region_id: str, edition: str, peers: tuple[str, ...] = ()) -> Profile:
    """The profile of ``region_id`` in ``edition`` against ``peers`` (the region itself is never its own peer).

    Raises KeyError for an unknown region or edition."""
    if not dataset.has_region(region_id):
        raise KeyError(f"unknown region {region_id!r}")
    if edition not in EDITIONS:
        raise KeyError(f"unknown edition {edition!r}")
    peers = tuple(p for p in dict.fromkeys(peers) if p != region_id and dataset.has_region(p))
    notes = Notes(dataset)
    topics = Topics(dataset, region_id, edition, peers, lambda: Writer(notes))
    paragraphs = tuple(p for p in (getattr(topics, topic)().paragraph(topic, heading) for topic, heading in TOPICS)
                       if p is not None)
    rows = then_now_rows(dataset, region_id, notes)
    headlines = _headlines(dataset, region_id, edition, notes)
    if not paragraphs and not rows:  # a region the sources say nothing of yet: say so, never a blank page
        paragraphs = (_nothing_said(dataset.region_name(region_id), headlines),)
    profile = Profile(region_id, dataset.region_name(region_id), topics.country, edition, EDITIONS[edition], peers,
                      paragraphs, rows, headlines, notes.footnotes(),
                      shares=tuple((short, fact) for fact, _, short in topics.share_items()))
    return _with_rules(profile)


def _with_rules(profile: Profile) -> Profile:
    return replace(profile, rules_used=_rules(profile.facts))


def rule_lines(profile: Profile) -> list[str]:
    """'per inhabitant: divided by the population of the same territory and year', for each rule used."""
    names = {"per_inhabitant": "Per inhabitant", "share": "Share of the country", "median": "Peers' median",
             "difference": "Difference from the peers", "change": "Change", "above_national": "Above the country",
             "above_eu": "Above the EU", "count": "Number of peers", "rank": "Rank"}
    return [f"{names.get(r, r)}: {RULES[r]}." for r in profile.rules_used] + [DISPLAY_RULE]


def profile_blocks(profile: Profile) -> dict:
    """The profile as plain data for a Dash page: every paragraph as (text, footnote numbers) parts, the
    then-and-now rows, the headline figures and the footnotes. Footnote numbers go after their part's text."""
    return {
        "title": profile.title,
        "subtitle": subtitle(profile),
        "region_id": profile.region_id,
        "edition": profile.edition,
        "paragraphs": [{"topic": p.topic, "heading": p.heading, "parts": [(c.text, c.notes) for c in p.chunks]}
                       for p in profile.paragraphs],
        "then_now": [{"label": r.label, "then": r.then, "now": r.now, "same_territory": r.same_territory,
                      "like_for_like": r.like_for_like, "remark": r.remark, "notes": r.chunk.notes,
                      "text": r.chunk.text} for r in profile.then_now],
        "headlines": [{"indicator_id": h.indicator_id, "label": h.label, "value": h.value, "unit": h.unit,
                       "year": h.year, "territory": h.territory, "kind": h.kind_label, "notes": h.notes,
                       "missing": h.missing} for h in profile.headlines],
        "footnotes": [{"number": n.number, "text": n.text, "publisher": n.publisher, "title": n.title, "url": n.url,
                       "secondary": n.secondary, "user": n.user} for n in profile.footnotes],
        "rules": rule_lines(profile),
    }


def subtitle(profile: Profile) -> str:
    peers = f"{len(profile.peers)} peers" if profile.peers else "no peers"
    return f"{profile.country} · {profile.edition_label} · compared with {peers}"


def with_unit(value: str, unit: str) -> str:
    """'1.3 million', 'EUR 98 660 million', '29 %': a headline value with its unit where it needs one."""
    if unit in ("persons", "count", ""):
        return value
    flag = next((f for f in QUALIFIER_SUFFIX.values() if value.endswith(f)), "")  # Eurostat's 'e' goes last
    if flag:
        return with_unit(value[:-len(flag)], unit) + flag
    currency, _, rest = unit.partition(" ")
    if currency in ("EUR", "USD", "RUB"):
        sign = next((s for s in QUALIFIER_SIGN.values() if value.startswith(s)), "")
        return f"{sign}{currency} {value[len(sign):]}" + (f" {rest}" if rest else "")
    return f"{value} {unit}"


def _share_parts(shares: tuple[tuple[str, Fact], ...]) -> str:
    """'population 25 %, jobs 29 % (c. 2007, Helsinki Region)'; when the shares' years or territories
    differ, each says its own, so a city's share is not read as the region's."""
    def where(fact: Fact) -> str:
        return f"({year_text(fact.year, fact.year_approx)}, {territory_phrase(fact.territory)})"

    parts = [(f"{short} {qualifier_word(f.qualifier)}{plain(f.value)}\u00a0%", f) for short, f in shares]
    if len({(f.year, f.territory_id) for _, f in parts}) == 1:
        return ", ".join(text for text, _ in parts) + f" {where(parts[0][1])}"
    return ", ".join(f"{text} {where(f)}" for text, f in parts)


def profile_slide_lines(profile: Profile) -> list[str]:
    """Short lines for a deck slide: the headline figures with year and territory, the national shares,
    the first then-and-now row. Every number is one the profile states."""
    lines = [f"{h.label}: {with_unit(h.value, h.unit)} ({h.year}, {territory_phrase(h.territory)})"
             for h in profile.headlines if h.value]
    if profile.shares:
        lines.append(f"Share of {profile.country}: {_share_parts(profile.shares)}")
    if profile.then_now:
        row = profile.then_now[0]
        lines.append(f"Then → now, {row.label.lower()}: {row.then} → {row.now}; {row.remark}")
    return lines
