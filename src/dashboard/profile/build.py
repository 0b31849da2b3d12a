"""build_profile: a region's profile as data and text, by rules, from the dataset alone.

Pure: the same dataset, region, edition and peers give the same profile. The page, the PDF and the
deck render it; none of them computes a number of its own.
"""

from __future__ import annotations

from dataclasses import replace

from dashboard.comparability import kind_label
from dashboard.data import Dataset
from dashboard.data.figure import Figure
from dashboard.data.schema import EDITIONS
from dashboard.formatting import QUALIFIER_SIGN, QUALIFIER_SUFFIX
from dashboard.i18n import N_, _, current_language, ngettext, with_percent
from dashboard.profile.facts import named
from dashboard.profile.model import DISPLAY_RULE, RULES, Chunk, Derived, Fact, Headline, Paragraph, Profile
from dashboard.profile.sentences import Topics
from dashboard.profile.then_now import then_now_rows
from dashboard.profile.wording import count, in_millions, percent, plain, territory_phrase, year_text
from dashboard.profile.writer import Notes, Writer
from dashboard.state import ViewState
from dashboard.view_model import kpi_lines

# The paragraphs' headings (shown with _())
TOPICS = (("size", N_("Size and weight in the country")), ("productivity", N_("Productivity")),
          ("knowledge", N_("Knowledge base")), ("innovation", N_("Innovation infrastructure")),
          ("structure", N_("Economic structure")))
# The derived values' names in 'How the numbers were made' (shown with _())
RULE_NAMES = {"per_inhabitant": N_("Per inhabitant"), "share": N_("Share of the country"),
              "median": N_("Peers' median"), "difference": N_("Difference from the peers"), "change": N_("Change"),
              "above_national": N_("Above the country"), "above_eu": N_("Above the EU"),
              "count": N_("Number of peers"), "rank": N_("Rank")}


def headline_value(value: float, qualifier: str, unit: str) -> str:
    """A card's number: '1.3 million', '≈ 700 000', '98 660' (the unit beside it)."""
    shown = count(value) if unit in ("persons", "count") else plain(value)
    if qualifier == "rounded" and in_millions(value, unit):
        return shown  # '1.3 million' says it is rounded
    return QUALIFIER_SIGN.get(qualifier, "") + shown + QUALIFIER_SUFFIX.get(qualifier, "")


def _headlines(dataset: Dataset, region: str, edition: str, notes: Notes) -> tuple[Headline, ...]:
    """The key figures as the view model states them for the region as it reports itself (the profile's basis),
    in the profile's own wording of the numbers ('1.3 million')."""
    as_reported = ViewState(focus=region, peers=(), edition=edition, basis="reported", lang=current_language())
    out = []
    for line in kpi_lines(dataset, as_reported):
        record, figure = dataset.indicator(line.indicator), named(dataset, line.figure)
        unit = record.unit_code  # for the rules below; the card shows record.unit, the language's words
        if figure is None:
            out.append(Headline(line.indicator, line.label, "", unit, "", "", "", "", missing=line.missing,
                                shown_unit=record.unit))
            continue
        out.append(Headline(line.indicator, line.label, headline_value(figure.value, figure.qualifier, unit), unit,
                            year_text(figure.year, figure.year_approx), figure.territory, figure.territory_kind,
                            kind_label(figure.territory_kind, dataset), notes.cite((figure.source_id,)), (figure,),
                            kind_short=dataset.kinds.short_label(figure.territory_kind), shown_unit=record.unit))
    return tuple(out)


def _nothing_said(places: dict[str, str], headlines: tuple[Headline, ...]) -> Paragraph:
    """The one paragraph of a profile with no sentence: why (no numbers, so nothing in it needs a source)."""
    if any(h.value for h in headlines):
        # Translators: a profile with key figures but no sentence; {region} is the region's name (the forms
        # {in_region}, {region_genitive} may be used instead).
        text = _("The sources collected give too few figures for {region} in this edition for a sentence; "
                 "its key figures stand on their own.", **places)
    else:
        # Translators: a profile without a single figure; {region} is the region's name (the forms {in_region},
        # {region_genitive} may be used instead); 'no figure' is what each key figure's card says.
        text = _("The sources collected give no figure for {region} in this edition: each key figure says "
                 "\"no figure\" and why.", **places)
    # Translators: the heading of a profile's text when the sources give no figures for a sentence.
    return Paragraph("none", _("No figures"), (Chunk(text),))


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
    paragraphs = tuple(p for p in (getattr(topics, topic)().paragraph(topic, _(heading)) for topic, heading in TOPICS)
                       if p is not None)
    rows = then_now_rows(dataset, region_id, notes)
    headlines = _headlines(dataset, region_id, edition, notes)
    if not paragraphs and not rows:  # a region the sources say nothing of yet: say so, never a blank page
        paragraphs = (_nothing_said(topics.places, headlines),)
    profile = Profile(region_id, dataset.region_name(region_id), topics.places["country"], edition,
                      _(EDITIONS[edition]), peers,
                      paragraphs, rows, headlines, notes.footnotes(),
                      shares=tuple((short, fact) for fact, _what, short in topics.share_items()),
                      places=tuple(topics.places.items()))
    return _with_rules(profile)


def _with_rules(profile: Profile) -> Profile:
    return replace(profile, rules_used=_rules(profile.facts))


def rule_lines(profile: Profile) -> list[str]:
    """'per inhabitant: divided by the population of the same territory and year', for each rule used."""
    # Translators: a line of 'How the numbers were made': {name} is a derived value ('Per inhabitant'), {rule}
    # how it is made ('divided by the population of the same territory and year').
    return [_("{name}: {rule}.", name=_(RULE_NAMES[r]) if r in RULE_NAMES else r, rule=_(RULES[r]))
            for r in profile.rules_used] + [_(DISPLAY_RULE)]


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
        "headlines": [{"indicator_id": h.indicator_id, "label": h.label, "value": h.value,
                       "unit": h.shown_unit or h.unit,  # the language's words ('Personen'), not the unit's code
                       "year": h.year, "territory": h.territory, "kind": h.kind_label, "notes": h.notes,
                       "territory_id": next((f.territory_id for f in h.facts if isinstance(f, Figure)), ""),
                       "missing": h.missing} for h in profile.headlines],
        "footnotes": [{"number": n.number, "text": n.text, "publisher": n.publisher, "title": n.title, "url": n.url,
                       "secondary": n.secondary, "user": n.user} for n in profile.footnotes],
        "rules": rule_lines(profile),
    }


def subtitle(profile: Profile) -> str:
    if not profile.peers:
        # Translators: the profile's subtitle; {country} is the country's name, {edition} the edition's label
        # ('BaltMet profiles (c. 2007)').
        return _("{country} · {edition} · compared with no peers", country=profile.country,
                 edition=profile.edition_label)
    # Translators: the profile's subtitle; {country} is the country's name, {edition} the edition's label
    # ('BaltMet profiles (c. 2007)'), {n} the number of peer regions.
    return ngettext("{country} · {edition} · compared with {n} peer", "{country} · {edition} · compared with {n} peers",
                    len(profile.peers), country=profile.country, edition=profile.edition_label,
                    n=plain(len(profile.peers)))


def with_unit(value: str, unit: str, shown: str = "") -> str:
    """'1.3 million', 'EUR 98 660 million', '29%': a headline value with its unit where it needs one.

    ``unit`` is the unit's English code (indicators.csv), which the rules read; ``shown`` the language's words
    for it (the code when not given)."""
    if unit in ("persons", "count", ""):
        return value
    flag = next((f for f in QUALIFIER_SUFFIX.values() if value.endswith(f)), "")  # Eurostat's 'e' goes last
    if flag:
        return with_unit(value[:-len(flag)], unit, shown) + flag
    currency, _sep, rest = unit.partition(" ")
    if currency in ("EUR", "USD", "RUB"):
        sign = next((s for s in QUALIFIER_SIGN.values() if value.startswith(s)), "")
        if rest == "million":  # the same words as the profile's sentences
            return sign + _("{currency} {number} million", currency=currency, number=value[len(sign):])
        if rest:
            # Translators: a key figure's amount with its currency code and unit ('EUR 98 660 million'); put the
            # code and unit where your language writes them.
            return sign + _("{currency} {number} {unit}", currency=currency, number=value[len(sign):], unit=rest)
        # Translators: a key figure's amount with its currency code ('EUR 56 930').
        return sign + _("{currency} {number}", currency=currency, number=value[len(sign):])
    if unit == "%":
        return format_percent_text(value)
    # Translators: a key figure's number with its unit from the data ('3 000 km2', '144 index (country = 100)').
    return _("{number} {unit}", number=value, unit=shown or unit)


def format_percent_text(value: str) -> str:
    """A formatted number (with any qualifier sign) as a percentage in the language's manner: '29%', '29 %'."""
    sign = next((s for s in QUALIFIER_SIGN.values() if value.startswith(s)), "")
    return sign + with_percent(value[len(sign):])


def _share_parts(shares: tuple[tuple[str, Fact], ...]) -> str:
    """'population 25%, jobs 29% (c. 2007, Helsinki Region)'; when the shares' years or territories
    differ, each says its own, so a city's share is not read as the region's."""
    def where(fact: Fact) -> str:
        return f"({year_text(fact.year, fact.year_approx)}, {territory_phrase(fact.territory)})"

    # Translators: a share on a slide: {what} is its short name from the data ('population'), {share} the
    # percentage ('about 25%').
    parts = [(_("{what} {share}", what=short, share=percent(f.value, f.qualifier, fraction=False)), f)
             for short, f in shares]
    if len({(f.year, f.territory_id) for _, f in parts}) == 1:
        return ", ".join(text for text, _ in parts) + f" {where(parts[0][1])}"
    return ", ".join(f"{text} {where(f)}" for text, f in parts)


def profile_slide_lines(profile: Profile) -> list[str]:
    """Short lines for a deck slide: the headline figures with year and territory, the national shares,
    the first then-and-now row. Every number is one the profile states."""
    lines = [f"{h.label}: {with_unit(h.value, h.unit, h.shown_unit)} ({h.year}, {territory_phrase(h.territory)})"
             for h in profile.headlines if h.value]
    if profile.shares:
        # Translators: a slide's line of the region's shares of its country; {shares} is 'population 25%, jobs
        # 29% (2023, Helsinki-Uusimaa)'; {country} the country's name ({country_genitive} may be used instead).
        places = {"country": profile.country, **dict(profile.places)}
        lines.append(_("Share of {country}: {shares}", **places, shares=_share_parts(profile.shares)))
    if profile.then_now:
        row = profile.then_now[0]
        # Translators: a slide's then-and-now line; {indicator} is the indicator's short label ('Population'),
        # {then} and {now} the two figures, {remark} how to read them.
        lines.append(_("Then → now, {indicator}: {then} → {now}; {remark}", indicator=row.label, then=row.then,
                       now=row.now, remark=row.remark))
    return lines

