"""What a region profile is made of: text chunks that carry the facts they state and their footnotes.

Every number in a profile's text is a Fact: a figure of the dataset as it stands, or a value derived
from figures by one of RULES (the rule, the inputs and the result are kept, so a test can recompute it
and a reader can be told how it was made). Nothing else may put a number in the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboard.data.dataset import Figure
from dashboard.i18n import N_, _

# How each derived value is made, in words (shown with _(): 'How the numbers were made')
RULES: dict[str, str] = {
    "per_inhabitant": N_("divided by the population of the same territory and year"),
    "share": N_("divided by the national total of the same year"),
    "median": N_("median of the peers' values"),
    "difference": N_("difference from the peers' median, in per cent"),
    "change": N_("change from the earlier to the later figure, in per cent"),
    "above_national": N_("index minus the national average of 100"),
    "above_eu": N_("index minus the EU average of 100"),
    "count": N_("number of peers with a figure"),
    "rank": N_("position among the region and its peers with a figure, largest first"),
}
DISPLAY_RULE = N_("Numbers of a million or more are shown in millions to three significant digits.")


@dataclass(frozen=True)
class Derived:
    """A value computed from figures (or other derived values) by ``RULES[rule]``; it stands where its
    first input stands (year, territory) unless the rule says otherwise."""

    rule: str
    value: float
    inputs: tuple[Figure | Derived, ...]
    year: int
    year_approx: bool = False
    qualifier: str = ""
    territory_id: str = ""
    territory: str = ""
    territory_kind: str = ""
    scale: float = 1.0  # per_inhabitant: e.g. 1e6 turns EUR million into EUR

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The sources of every figure it was made from, in order, once each."""
        return tuple(dict.fromkeys(s for i in self.inputs for s in fact_sources(i)))

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(f for i in self.inputs for f in fact_figures(i))


Fact = Figure | Derived


def fact_sources(fact: Fact) -> tuple[str, ...]:
    return (fact.source_id,) if isinstance(fact, Figure) else fact.source_ids


def fact_figures(fact: Fact) -> tuple[Figure, ...]:
    return (fact,) if isinstance(fact, Figure) else fact.figures


@dataclass(frozen=True)
class Chunk:
    """A piece of text, the footnotes set after it, and the facts whose numbers it states."""

    text: str
    notes: tuple[int, ...] = ()
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    topic: str  # size, productivity, knowledge, innovation, structure, then_now
    heading: str
    chunks: tuple[Chunk, ...]

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chunks)


@dataclass(frozen=True)
class Footnote:
    number: int
    source_id: str
    publisher: str
    title: str
    url: str
    secondary: bool = False
    user: bool = False

    @property
    def text(self) -> str:
        """'Publisher: title. url (secondary copy)'; a user's figures say 'your data' first. The publisher and
        title stay in their own language."""
        body = f"{self.publisher}: {self.title}."
        if self.url:
            body += f" {self.url}"
        if self.user and self.publisher not in ("Your data", _("Your data")):  # an upload's own source
            # Translators: a footnote of figures a user added; {source} is 'Publisher: title. url'.
            body = _("Your data — {source}", source=body)
        if self.secondary:
            # Translators: a footnote whose source is a copy of the figures, not the publisher's own table.
            body = _("{source} (secondary copy)", source=body)
        return body


@dataclass(frozen=True)
class Headline:
    """One KPI as the card row and the comparison table show it; ``value`` '' when there is no figure."""

    indicator_id: str
    label: str
    value: str
    unit: str
    year: str
    territory: str
    territory_kind: str
    kind_label: str
    notes: tuple[int, ...] = ()
    facts: tuple[Fact, ...] = ()
    missing: str = ""
    kind_short: str = ""  # where room is short (the printed card): territory_kinds.csv's short_label
    shown_unit: str = ""  # the unit as the current language writes it (``unit`` is the English code)


@dataclass(frozen=True)
class ThenNow:
    """A c. 2007 figure beside a recent one of the same indicator, and whether they may be compared."""

    indicator_id: str
    label: str
    then: str
    now: str
    same_territory: bool
    remark: str
    chunk: Chunk  # the whole row as text, with its facts and notes
    like_for_like: bool = False  # a second row: the same territory in both editions


@dataclass(frozen=True)
class Profile:
    region_id: str
    name: str
    country: str
    edition: str
    edition_label: str
    peers: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...]
    then_now: tuple[ThenNow, ...]
    headlines: tuple[Headline, ...]
    footnotes: tuple[Footnote, ...]
    shares: tuple[tuple[str, Fact], ...] = ()  # (short name, share of the country) as the text states them
    rules_used: tuple[str, ...] = field(default=())
    # the region's and country's names in the forms a message may need (wording.place_values), as (key, text)
    places: tuple[tuple[str, str], ...] = ()

    @property
    def title(self) -> str:
        # Translators: the profile's title; {region} is the region's name.
        return _("{region}: region profile", **{"region": self.name, **dict(self.places)})

    @property
    def facts(self) -> tuple[Fact, ...]:
        """Every fact the profile states anywhere (text, then and now, headlines)."""
        chunks = [c for p in self.paragraphs for c in p.chunks] + [t.chunk for t in self.then_now]
        return tuple(f for c in chunks for f in c.facts) + tuple(f for h in self.headlines for f in h.facts)

    @property
    def text(self) -> str:
        """The paragraphs as plain text with [n] footnote marks (for a terminal or a text file)."""
        out = []
        for paragraph in self.paragraphs:
            out.append("".join(c.text + "".join(f"[{n}]" for n in c.notes) for c in paragraph.chunks))
        if self.then_now:
            out.append(_("Then and now") + "\n" + "\n".join(
                r.chunk.text + "".join(f"[{n}]" for n in r.chunk.notes) for r in self.then_now))
        return "\n\n".join(out)
