"""The profile's sentences, topic by topic, in the BaltMet profiles' manner. Each sentence is written
only when its figures exist; a missing figure drops its words, never turns into a zero or a guess."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from dashboard.data import Dataset
from dashboard.data.dataset import Figure
from dashboard.data.indicator import Indicator
from dashboard.data.schema import BASES
from dashboard.data.territory_kinds import CITY, COUNTRY
from dashboard.measures import context_figure
from dashboard.profile import facts as F
from dashboard.profile.model import RULES, Fact
from dashboard.profile.wording import (
    amount,
    capital,
    count,
    ordinal,
    percent,
    plain,
    qualifier_word,
    quantity,
)
from dashboard.profile.writer import Writer

# The words an index is compared with, by its role (indicators.csv's profile_role), and the rule of the difference
INDEX_AVERAGES = {"index_national": ("national average", "above_national"), "index_eu": ("EU average", "above_eu")}


@lru_cache(maxsize=64)
def _topic_members(dataset: Dataset) -> dict[str, tuple[Indicator, ...]]:
    """Each topic's indicators (indicators.csv's profile_topic) in profile_order, then the file's order."""
    ordered = sorted(enumerate(dataset.all_indicators),
                     key=lambda p: (p[1].profile_order is None, p[1].profile_order or 0, p[0]))
    out: dict[str, list[Indicator]] = {}
    for _, record in ordered:
        if record.profile_topic:
            out.setdefault(record.profile_topic, []).append(record)
    return {topic: tuple(members) for topic, members in out.items()}


def counted(fact: Fact, indicator: Indicator) -> str:
    """'9 universities', 'nearly 10 000 staff', '1 university' (the indicator's noun_one, noun_many); without
    nouns, an amount: 'a GDP of EUR 98 660 million'."""
    if not indicator.noun_many:
        return f"a {indicator.in_prose} of {quantity(fact.value, fact.qualifier, indicator.unit)}"
    one = fact.value == 1 and not fact.qualifier and indicator.noun_one
    return f"{qualifier_word(fact.qualifier)}{count(fact.value)} {indicator.noun_one if one else indicator.noun_many}"


def _separator(n: int, total: int) -> str:
    """Before the n-th of ``total`` items: '', ', ' or ' and ' ('a, b and c')."""
    return ", " if 0 < n < total - 1 else " and " if n else ""


class Topics:
    """Writes each topic's paragraph for one region and edition. Which indicator a sentence states, in what
    words and order, is indicators.csv's (profile_topic, profile_role, profile_order, the nouns, prose_name,
    share_words): the sentences' frames are here, the vocabulary is data."""

    def __init__(self, dataset: Dataset, region: str, edition: str, peers: tuple[str, ...],
                 writer_for: Callable[[], Writer]) -> None:
        self.dataset, self.region, self.edition, self.peers = dataset, region, edition, peers
        self.name = dataset.region_name(region)
        self.country = str(dataset.region(region)["country_name"])
        self.new = writer_for
        self.topics = _topic_members(dataset)

    def fig(self, indicator: str) -> Figure | None:
        return F.figure(self.dataset, self.region, indicator, self.edition)

    def members(self, topic: str, role: str) -> list[Indicator]:
        """The topic's indicators of the role, in profile order."""
        return [i for i in self.topics.get(topic, ()) if i.profile_role == role]

    def one(self, topic: str, role: str) -> Indicator | None:
        """The topic's (first) indicator of a role a single sentence states."""
        return next(iter(self.members(topic, role)), None)

    def stated(self, topic: str, role: str) -> list[tuple[Figure, Indicator]]:
        """(figure, indicator) of the topic's indicators of the role that have a figure, in profile order."""
        found = [(self.fig(i.id), i) for i in self.members(topic, role)]
        return [(f, i) for f, i in found if f is not None]

    def fig_of(self, topic: str, role: str) -> tuple[Figure | None, Indicator | None]:
        indicator = self.one(topic, role)
        return (self.fig(indicator.id) if indicator is not None else None), indicator

    def size(self) -> Writer:
        w = self.new()
        pop, people = self.fig_of("size", "inhabitants")
        if pop is not None:
            if pop.territory_kind == CITY:
                w.say("The core city, ").fact(f"{pop.territory}, has {counted(pop, people)}", pop, named=True)
            else:
                w.say(f"{self.name} forms an area of ").fact(counted(pop, people), pop)
                area, extent = self.fig_of("size", "area")
                if area is not None and area.territory_id == pop.territory_id:
                    w.say(" covering ").fact(quantity(area.value, area.qualifier, extent.unit), area)
                city = context_figure(self.dataset, pop)
                if city is not None:
                    w.say(", including the core city, ").fact(
                        f"{city.territory}, with {quantity(city.value, city.qualifier)}", city, named=True)
            w.say(". ")
        items = self.stated("size", "count")  # 'It has 1.2 million jobs and a GDP of EUR 98 660 million.'
        if items:
            w.say("It has " if pop is not None else f"{self.name} has ")
            for n, (fact, indicator) in enumerate(items):
                w.say(_separator(n, len(items))).fact(counted(fact, indicator), fact)
            w.say(". ")
        self._shares(w, "size")
        return w

    def share_items(self, topic: str = "size") -> list[tuple[Fact, str, str]]:
        """(share, 'of whose what', short name) of the topic's indicators with a share of the country (share_words
        or share_label): a share as it stands, else the share of the nation of the figure (population, jobs, GDP;
        GVA as reported), where the data has them."""
        items = []
        for indicator in self.topics.get(topic, ()):
            if not indicator.share_of:
                continue
            share = self.fig(indicator.id) if indicator.is_share else \
                F.share_of_nation(self.dataset, self.region, indicator.id, self.edition)
            if share is not None:
                items.append((share, indicator.share_of, indicator.share_label.split(" (")[0] or indicator.share_of))
        return items

    def _shares(self, w: Writer, topic: str) -> None:
        """'Helsinki accounts for one quarter (25 %) of Finland's population, 29 % of its jobs and ...'."""
        items = self.share_items(topic)
        if not items:
            return
        w.say(f"{self.name} accounts for ")
        for n, (share, what, _) in enumerate(items):
            owner = f"{self.country}'s" if n == 0 else "its"
            w.say(_separator(n, len(items))).fact(f"{percent(share.value, share.qualifier)} of {owner} {what}", share)
        w.say(". ")

    def productivity(self) -> Writer:
        w = self.new()
        for indicator in self.topics.get("productivity", ()):
            if indicator.profile_role not in INDEX_AVERAGES:
                continue
            index = self.fig(indicator.id)
            if index is None:
                continue
            average, rule = INDEX_AVERAGES[indicator.profile_role]
            above = F.above_average(index, rule)
            side = "above" if above.value > 0 else "below"
            words = (f"at the {average}" if above.value == 0 else
                     f"{plain(abs(above.value))}\u00a0% {side} the {average}")
            w.say(f"{capital(indicator.in_prose)} is ").fact(
                f"{qualifier_word(index.qualifier)}{words} (index {plain(index.value)}; {average} = 100)", index, above)
            w.say(". ")
        self._per_inhabitant(w)
        return w

    def _per_inhabitant(self, w: Writer) -> None:
        """'GDP per inhabitant is EUR 56 930 (GDP divided by ...), 12 % above the median of 9 peers ...': the
        indicator of role per_inhabitant, computed from the one it is the per-inhabitant form of (per_capita_of)
        against the peers, else as published."""
        reported, per = self.fig_of("productivity", "per_inhabitant")
        if per is None:
            return
        base = self.dataset.indicator(per.per_capita_of) if F.has(self.dataset, per.per_capita_of) else None
        mine, versus = (F.per_inhabitant_vs_peers(self.dataset, self.region, self.peers, base.id, self.edition)
                        if base is not None else (None, None))
        if mine is None and reported is None:
            return
        subject = f"{capital(per.in_prose)} is "
        if mine is None:
            w.say(subject).fact(quantity(reported.value, reported.qualifier, per.unit), reported)
            w.say(". ")
            return
        unit = base.per_capita_unit
        w.say(subject).fact(
            f"{quantity(mine.value, mine.qualifier, unit)} ({base.in_prose} {RULES['per_inhabitant']})", mine)
        if versus is None:
            w.say(". ")
            return
        diff = versus.difference.value
        side = "at" if diff == 0 else f"{plain(abs(diff))}\u00a0% {'above' if diff > 0 else 'below'}"
        years = sorted({p.year for p in versus.peers})
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
        basis = BASES.get(versus.basis, versus.basis)
        w.say(", ").fact(
            f"{side} the median of {plain(versus.count.value)} peers with a figure ("
            f"{amount(versus.median.value, unit)}; {basis}, {span}), {ordinal(int(versus.rank.value))} of "
            f"{plain(versus.total.value)}", versus.difference, versus.count, versus.median, versus.rank,
            versus.total, where=mine, cited=mine.source_ids)
        w.say(". ")

    def knowledge(self) -> Writer:
        w = self.new()
        items = self.stated("knowledge", "count")
        people = self.stated("knowledge", "people")
        if items or people:
            w.say(f"{self.name} has ")
            for n, (fact, indicator) in enumerate(items):
                w.say(_separator(n, len(items))).fact(counted(fact, indicator), fact)
            for n, (fact, indicator) in enumerate(people):
                lead = (", with " if n == 0 else " and ") if items else (" and " if n else "")
                # without institutions before them, people are named in full ('higher-education students')
                alone = not items and indicator.prose_name
                words = f"{qualifier_word(fact.qualifier)}{count(fact.value)} {indicator.prose_name}" if alone \
                    else counted(fact, indicator)
                w.say(lead).fact(words, fact)
            w.say(". ")
        (institutes, places), (staff, employed) = self.fig_of("knowledge", "institutes"), \
            self.fig_of("knowledge", "institute_staff")
        if institutes is not None:
            w.say("There are ").fact(counted(institutes, places), institutes)
            if staff is not None:
                w.say(", with ").fact(counted(staff, employed), staff)
            w.say(". ")
        elif staff is not None:
            w.say("Public research institutes employ ").fact(counted(staff, employed), staff)
            w.say(". ")
        rd, researchers = self.fig_of("knowledge", "researchers")
        if rd is not None:
            w.fact(capital(counted(rd, researchers)) + " work in research and development", rd).say(". ")
        tertiary, _ = self.fig_of("knowledge", "tertiary")
        if tertiary is not None:
            w.say("The share of the population with tertiary education is ").fact(
                percent(tertiary.value, tertiary.qualifier, fraction=False), tertiary).say(". ")
        self._shares(w, "knowledge")
        return w

    def innovation(self) -> Writer:
        w = self.new()
        items = self.stated("innovation", "count")
        if items:
            w.say(f"{self.name} has " if items[0][0].territory_kind != COUNTRY else "There are ")
            for n, (fact, indicator) in enumerate(items):
                w.say(_separator(n, len(items))).fact(counted(fact, indicator), fact)
            w.say(". ")
        return w

    def structure(self) -> Writer:
        w = self.new()
        services, _ = self.fig_of("structure", "services")
        if services is not None:
            w.say("Services account for ").fact(f"{percent(services.value, services.qualifier)} of the jobs",
                                                services).say(". ")
        hq, _ = self.fig_of("structure", "headquarters")
        foreign, _ = self.fig_of("structure", "foreign_companies")
        parts = []
        if hq is not None:
            parts.append((hq, f"{capital(percent(hq.value, hq.qualifier))} of the headquarters of large companies "
                              f"in {self.country}"))
        if foreign is not None:
            what = "of the foreign companies operating there" if hq is not None else \
                f"of the foreign companies operating in {self.country}"
            words = percent(foreign.value, foreign.qualifier)
            parts.append((foreign, f"{words if hq is not None else capital(words)} {what}"))
        for n, (fact, words) in enumerate(parts):
            w.say(" and " if n else "").fact(words, fact)
        if parts:
            w.say(f" are located in {self.name}. ")
        self._shares(w, "structure")
        return w
