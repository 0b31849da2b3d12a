"""Write a paragraph chunk by chunk: each stated fact closes a chunk carrying its footnotes.

The writer states a fact's year and territory the first time they appear in a paragraph and again
whenever they change, so '(c. 2007, Helsinki Region, 12 municipalities)' is said once, and a figure of
another territory (Finland as a whole, the core city) always says so.

A sentence is one catalog message with named placeholders (``Writer.sentence``): the placeholders are filled
with marks (``Writer.slots``), so that after translation the writer knows where each stated fact stands in the
language's word order, and closes a chunk (its year, territory and footnotes) right after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.data import Dataset
from dashboard.profile.model import Chunk, Fact, Footnote, Paragraph, fact_sources
from dashboard.profile.wording import context, join, sentence_start, territory_phrase, year_text

_MARK = re.compile("\x00(\\d+)\x01")


@dataclass(frozen=True)
class Stated:
    """A placeholder's words that state ``facts``: the chunk closes after them (``words`` '' marks only the place,
    after the words before it, where the facts' year, territory and footnotes go)."""

    words: str
    facts: tuple[Fact, ...]
    named: bool = False
    where: Fact | None = None
    cited: tuple[str, ...] = ()


def stated(words: str, *facts: Fact, named: bool = False, where: Fact | None = None,
           cited: tuple[str, ...] = ()) -> Stated:
    return Stated(words, facts, named, where, cited)


class Notes:
    """Footnotes numbered in order of first citation, one per source."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.numbers: dict[str, int] = {}

    def cite(self, source_ids: tuple[str, ...]) -> tuple[int, ...]:
        for source in source_ids:
            self.numbers.setdefault(source, len(self.numbers) + 1)
        return tuple(dict.fromkeys(self.numbers[s] for s in source_ids))

    def footnotes(self) -> tuple[Footnote, ...]:
        out = []
        for source_id, number in self.numbers.items():
            row = self.dataset.source(source_id)
            out.append(Footnote(number, source_id, str(row["publisher"]), str(row["title"]), str(row["url"] or ""),
                                self.dataset.is_secondary(source_id), self.dataset.is_user_source(source_id)))
        return tuple(out)


class Writer:
    """Builds one paragraph; ``said`` remembers the last year and territory stated."""

    def __init__(self, notes: Notes) -> None:
        self.notes = notes
        self.chunks: list[Chunk] = []
        self.text = ""
        self.pending: list[Fact] = []
        self.said: tuple[str, str] = ("", "")
        self._values: list[str | Stated] = []

    def say(self, text: str) -> Writer:
        self.text += text
        return self

    def slots(self, **values: str | Stated | list[Stated]) -> dict[str, str]:
        """Marks to fill a message's placeholders with (``_("...", **w.slots(...))``), so that ``sentence`` finds
        each value where the translation put it. A list of Stated is one placeholder: the language's list
        ('a, b and c'), each item closing its own chunk."""
        out = {}
        for name, value in values.items():
            if isinstance(value, list):
                out[name] = join([self._mark(item) for item in value])
            else:
                out[name] = self._mark(value)
        return out

    def _mark(self, value: str | Stated) -> str:
        self._values.append(value)
        return f"\x00{len(self._values) - 1}\x01"

    def sentence(self, text: str, space: str = " ") -> Writer:
        """Write a filled message: its words, and each marked value in its place (a Stated closes a chunk); the
        first letter of the sentence a capital when a value opens it; ``space`` after it."""
        start, used = True, set()
        for n, part in enumerate(_MARK.split(text)):
            if n % 2 == 0:
                self.say(part)
                start = start and not part
                continue
            used.add(int(part))
            value = self._values[int(part)]
            words = value.words if isinstance(value, Stated) else value
            if start and words:
                words, start = sentence_start(words), False
            if isinstance(value, Stated):
                self.fact(words, *value.facts, named=value.named, where=value.where, cited=value.cited)
            else:
                self.say(words)
        # a translation that left out a placeholder of stated facts still cites them, at the sentence's end
        for n, value in enumerate(self._values):
            if isinstance(value, Stated) and n not in used:
                self.fact("", *value.facts, named=value.named, where=value.where, cited=value.cited)
        self._values = []
        return self.say(space)

    def where(self, fact: Fact, named: bool = False) -> str:
        """' (c. 2007, Helsinki Region)': the parts that differ from what was last said ('' if none).
        ``named``: the words already name the territory, so only the year is added."""
        year = year_text(fact.year, fact.year_approx)
        territory = "" if named else fact.territory
        new_year = year if year != self.said[0] else ""
        new_territory = territory if territory and territory != self.said[1] else ""
        # a territory named in the words ('the core city, Land Berlin, with 3.69 million') is that clause's
        # own: the sentence's subject stays what was said before, so the next figure of the city names it again
        self.said = (year, self.said[1] if named else fact.territory)
        if not new_year and not new_territory:
            return ""
        if not new_year:
            return f" ({territory_phrase(new_territory)})"
        return context(fact.year, fact.year_approx, new_territory)

    def fact(self, words: str, *facts: Fact, named: bool = False, where: Fact | None = None,
             cited: tuple[str, ...] = ()) -> Writer:
        """State ``words`` (holding the facts' numbers), its year and territory when new, then its footnotes
        (less ``cited``: sources the sentence has just cited, so a peers' comparison does not repeat them)."""
        anchor = where or facts[0]
        said = self.where(anchor, named)
        words = self.text + words
        if said and words.endswith(")"):  # '(index 144; c. 2007, ...)', not '(index 144) (c. 2007, ...)'
            words, said = words[:-1] + "; " + said.strip()[1:-1] + ")", ""
        self.text = words + said
        self.pending.extend(facts)
        sources = tuple(dict.fromkeys(s for f in self.pending for s in fact_sources(f) if s not in cited))
        self.chunks.append(Chunk(self.text, self.notes.cite(sources), tuple(self.pending)))
        self.text, self.pending = "", []
        return self

    def also(self, *facts: Fact) -> Writer:
        """Facts stated in the next words (a count of peers, a median) that the next ``fact`` cites too."""
        self.pending.extend(facts)
        return self

    def paragraph(self, topic: str, heading: str) -> Paragraph | None:
        """The paragraph, or None when no fact was stated (every sentence lacked its figures)."""
        if not any(c.facts for c in self.chunks):
            return None
        chunks = [*self.chunks, *([Chunk(self.text)] if self.text else [])]
        return Paragraph(topic, heading, tuple(chunks))
