"""The profile's sentences, topic by topic, in the BaltMet profiles' manner. Each sentence is written
only when its figures exist; a missing figure drops its words, never turns into a zero or a guess."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from dashboard.data import Dataset
from dashboard.data.dataset import Figure
from dashboard.data.indicator import Indicator
from dashboard.data.territory_kinds import CITY, COUNTRY
from dashboard.i18n import _, current_language, ngettext
from dashboard.measures import basis_name, context_figure
from dashboard.profile import facts as F
from dashboard.profile.model import Fact
from dashboard.profile.wording import amount, count, in_millions, percent, place_values, plain, qualified, quantity
from dashboard.profile.writer import Writer, stated


@lru_cache(maxsize=64)
def _topic_members(dataset: Dataset, lang: str) -> dict[str, tuple[Indicator, ...]]:
    """Each topic's indicators (indicators.csv's profile_topic) in profile_order, then the file's order (keyed by
    the language: the records carry the language's words)."""
    ordered = sorted(enumerate(dataset.all_indicators),
                     key=lambda p: (p[1].profile_order is None, p[1].profile_order or 0, p[0]))
    out: dict[str, list[Indicator]] = {}
    for _n, record in ordered:
        if record.profile_topic:
            out.setdefault(record.profile_topic, []).append(record)
    return {topic: tuple(members) for topic, members in out.items()}


def counted(fact: Fact, indicator: Indicator) -> str:
    """'9 universities', 'nearly 10 000 staff', '1 university' (the indicator's noun_one, noun_many); without
    nouns, an amount: 'a GDP of EUR 98 660 million'."""
    if not indicator.noun_many:
        # Translators: an amount of an indicator, e.g. 'a GDP of EUR 98 660 million' (after 'It has ...');
        # {indicator} is the indicator's name in prose, {amount} the number with its unit.
        return _("a {indicator} of {amount}", indicator=indicator.in_prose,
                 amount=quantity(fact.value, fact.qualifier, indicator.unit_code))
    # The noun agrees with the number as the language counts (Polish '2 uniwersytety', '5 uniwersytetów'); after
    # 'million' it agrees with ten (the genitive plural in Polish, Russian, Lithuanian and Latvian: '1,3 mln
    # mieszkańców'), whatever the fraction before it.
    noun = indicator.noun_for(10 if in_millions(fact.value, indicator.unit_code) else fact.value)
    return numbered(qualified(count(fact.value), fact.qualifier), noun)


def numbered(number: str, noun: str) -> str:
    # Translators: a number of things, e.g. '9 universities', 'nearly 10 000 staff'; {noun} is the data's noun
    # (its singular for exactly one, else its plural form).
    return _("{number} {noun}", number=number, noun=noun)


class Topics:
    """Writes each topic's paragraph for one region and edition. Which indicator a sentence states, in what
    words and order, is indicators.csv's (profile_topic, profile_role, profile_order, the nouns, prose_name,
    share_words): the sentences are catalog messages here, the vocabulary is data. Every message that names the
    region or its country may use any of {region}, {in_region}, {region_genitive}, {country}, {in_country} and
    {country_genitive} (wording.place_values)."""

    def __init__(self, dataset: Dataset, region: str, edition: str, peers: tuple[str, ...],
                 writer_for: Callable[[], Writer]) -> None:
        self.dataset, self.region, self.edition, self.peers = dataset, region, edition, peers
        self.name = dataset.region_name(region)
        self.country = dataset.region_country_text(region, "name")
        self.places = place_values(dataset, region)
        self.new = writer_for
        self.topics = _topic_members(dataset, current_language())

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
                slots = w.slots(city=pop.territory, inhabitants=stated(counted(pop, people), pop, named=True))
                # Translators: {city} is the core city's territory name, {inhabitants} its number of inhabitants
                # ('560 000 inhabitants').
                w.sentence(_("The core city, {city}, has {inhabitants}.", **self.places, **slots))
            else:
                self._area(w, pop, people)
        items = [stated(counted(fact, indicator), fact) for fact, indicator in self.stated("size", "count")]
        if items:  # 'It has 1.2 million jobs and a GDP of EUR 98 660 million.'
            if pop is not None:
                # Translators: after a sentence about the region's inhabitants; {items} is a list ('1.2 million
                # jobs and a GDP of EUR 98 660 million').
                w.sentence(_("It has {items}.", **self.places, **w.slots(items=items)))
            else:
                # Translators: {items} is a list ('1.2 million jobs and a GDP of EUR 98 660 million').
                w.sentence(_("{region} has {items}.", **self.places, **w.slots(items=items)))
        self._shares(w, "size")
        return w

    def _area(self, w: Writer, pop: Figure, people: Indicator) -> None:
        """'Helsinki forms an area of 1.3 million inhabitants covering 3 000 km², including the core city, ...'."""
        inhabitants = stated(counted(pop, people), pop)
        area, extent = self.fig_of("size", "area")
        covering = None
        if area is not None and area.territory_id == pop.territory_id:
            covering = stated(quantity(area.value, area.qualifier, extent.unit_code), area)
        city_figure = F.named(self.dataset, context_figure(self.dataset, pop))
        city = city_population = None
        if city_figure is not None:
            city = city_figure.territory
            city_population = stated(quantity(city_figure.value, city_figure.qualifier), city_figure, named=True)
        slots = {"inhabitants": inhabitants}
        if covering is not None:
            slots["area"] = covering
        if city is not None:
            slots.update(city=city, city_population=city_population)
        values = {**self.places, **w.slots(**slots)}
        if covering is None and city is None:
            # Translators: {inhabitants} is '1.3 million inhabitants'.
            w.sentence(_("{region} forms an area of {inhabitants}.", **values))
        elif city is None:
            # Translators: {inhabitants} is '1.3 million inhabitants', {area} '3 000 km²'.
            w.sentence(_("{region} forms an area of {inhabitants} covering {area}.", **values))
        elif covering is None:
            # Translators: {inhabitants} is '1.3 million inhabitants'; {city} is the core city's territory name
            # and {city_population} its number of inhabitants ('560 000').
            w.sentence(_("{region} forms an area of {inhabitants}, including the core city, {city}, with "
                         "{city_population}.", **values))
        else:
            # Translators: {inhabitants} is '1.3 million inhabitants', {area} '3 000 km²'; {city} is the core
            # city's territory name and {city_population} its number of inhabitants ('560 000').
            w.sentence(_("{region} forms an area of {inhabitants} covering {area}, including the core city, {city}, "
                         "with {city_population}.", **values))

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
        """'Helsinki accounts for one quarter (25%) of Finland's population, 29% of its jobs and ...'."""
        items = self.share_items(topic)
        if not items:
            return
        parts = []
        for n, (share, what, _short) in enumerate(items):
            number = percent(share.value, share.qualifier)
            if n == 0:
                # Translators: the first of a list of shares of the country ('one quarter (25%) of Finland's
                # population'); {share} is the share, {what} what it is a share of (from the data: 'population',
                # 'jobs', 'gross value added (GVA)'); the country's forms are {country}, {country_genitive}.
                words = _("{share} of {country_genitive} {what}", share=number, what=what, **self.places)
            else:
                # Translators: a further share of the same country ('29% of its jobs'), after the first
                # ('one quarter (25%) of Finland's population'); {what} comes from the data.
                words = _("{share} of its {what}", share=number, what=what, **self.places)
            parts.append(stated(words, share))
        # Translators: {shares} is a list of shares of the country ('one quarter (25%) of Finland's population,
        # 29% of its jobs and 34% of its gross value added (GVA)').
        w.sentence(_("{region} accounts for {shares}.", **self.places, **w.slots(shares=parts)))

    def productivity(self) -> Writer:
        w = self.new()
        for indicator in self.topics.get("productivity", ()):
            if indicator.profile_role not in ("index_national", "index_eu"):
                continue
            index = self.fig(indicator.id)
            if index is None:
                continue
            national = indicator.profile_role == "index_national"
            above = F.above_average(index, "above_national" if national else "above_eu")
            if national:
                # Translators: an index's base, in parentheses after the comparison: 'index 144; national
                # average = 100'.
                note = _("(index {index}; national average = 100)", index=plain(index.value))
            else:
                # Translators: an index's base, in parentheses after the comparison: 'index 120; EU average = 100'.
                note = _("(index {index}; EU average = 100)", index=plain(index.value))
            difference = qualified(percent(abs(above.value), fraction=False), index.qualifier)
            values = {**self.places, **w.slots(indicator=indicator.in_prose, difference=difference,
                                               note=stated(note, index, above))}
            if national and above.value > 0:
                # Translators: {indicator} is what is compared (from the data: 'gross value added (GVA) per
                # inhabitant'), {difference} a percentage ('44%'), {note} the index in parentheses.
                w.sentence(_("{indicator} is {difference} above the national average {note}.", **values))
            elif national and above.value < 0:
                # Translators: as '{indicator} is {difference} above the national average {note}.', below it.
                w.sentence(_("{indicator} is {difference} below the national average {note}.", **values))
            elif national:
                # Translators: as '{indicator} is {difference} above the national average {note}.', equal to it.
                w.sentence(_("{indicator} is at the national average {note}.", **values))
            elif above.value > 0:
                # Translators: {indicator} is what is compared (from the data: 'GDP per inhabitant in purchasing
                # power standards'), {difference} a percentage ('20%'), {note} the index in parentheses.
                w.sentence(_("{indicator} is {difference} above the EU average {note}.", **values))
            elif above.value < 0:
                # Translators: as '{indicator} is {difference} above the EU average {note}.', below it.
                w.sentence(_("{indicator} is {difference} below the EU average {note}.", **values))
            else:
                # Translators: as '{indicator} is {difference} above the EU average {note}.', equal to it.
                w.sentence(_("{indicator} is at the EU average {note}.", **values))
        self._per_inhabitant(w)
        return w

    def _per_inhabitant(self, w: Writer) -> None:
        """'GDP per inhabitant is EUR 56 930 (GDP divided by ...), 12% above the median of 9 peers ...': the
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
        if mine is None:
            # Translators: {indicator} is a per-inhabitant indicator ('GDP per inhabitant'), {value} its figure
            # ('EUR 56 930').
            w.sentence(_("{indicator} is {value}.", **self.places, **w.slots(
                indicator=per.in_prose, value=stated(quantity(reported.value, reported.qualifier, per.unit_code),
                                                     reported))))
            return
        unit = base.per_capita_unit_code  # the English code: quantity() reads it ('EUR per inhabitant')
        # Translators: how a per-inhabitant value was made, in parentheses after it; {indicator} is the indicator
        # divided ('GDP').
        how = _("({indicator} divided by the population of the same territory and year)", indicator=base.in_prose)
        slots = {"indicator": per.in_prose, "value": quantity(mine.value, mine.qualifier, unit),
                 "how": stated(how, mine)}
        if versus is None:
            # Translators: {indicator} is 'GDP per inhabitant', {value} 'EUR 56 930', {how} how it was made, in
            # parentheses.
            w.sentence(_("{indicator} is {value} {how}.", **self.places, **w.slots(**slots)))
            return
        diff = versus.difference.value
        years = sorted({p.year for p in versus.peers})
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
        peers = int(versus.count.value)
        slots.update(difference=percent(abs(diff), fraction=False), count=plain(versus.count.value),
                     median=amount(versus.median.value, unit), basis=basis_name(versus.basis), years=span,
                     rank=plain(versus.rank.value),
                     total=stated(plain(versus.total.value), versus.difference, versus.count, versus.median,
                                  versus.rank, versus.total, where=mine, cited=mine.source_ids))
        values = {**self.places, **w.slots(**slots)}
        if diff > 0:
            # Translators: {indicator} is 'GDP per inhabitant', {value} 'EUR 56 930', {how} how it was made (in
            # parentheses); {difference} a percentage, {count} the number of peers with a figure, {median} their
            # median ('EUR 50 000'), {basis} the territories compared ('Eurostat metropolitan regions'), {years}
            # the peers' years ('2021' or '2020-2022'); {rank} the region's place among {total} (largest first).
            w.sentence(ngettext(
                "{indicator} is {value} {how}, {difference} above the median of {count} peer with a figure "
                "({median}; {basis}, {years}), rank {rank} of {total}.",
                "{indicator} is {value} {how}, {difference} above the median of {count} peers with a figure "
                "({median}; {basis}, {years}), rank {rank} of {total}.", peers, **values))
        elif diff < 0:
            # Translators: as the sentence with 'above the median', the region below it.
            w.sentence(ngettext(
                "{indicator} is {value} {how}, {difference} below the median of {count} peer with a figure "
                "({median}; {basis}, {years}), rank {rank} of {total}.",
                "{indicator} is {value} {how}, {difference} below the median of {count} peers with a figure "
                "({median}; {basis}, {years}), rank {rank} of {total}.", peers, **values))
        else:
            # Translators: as the sentence with 'above the median', the region at it ({difference} is not used).
            w.sentence(ngettext(
                "{indicator} is {value} {how}, at the median of {count} peer with a figure "
                "({median}; {basis}, {years}), rank {rank} of {total}.",
                "{indicator} is {value} {how}, at the median of {count} peers with a figure "
                "({median}; {basis}, {years}), rank {rank} of {total}.", peers, **values))

    def knowledge(self) -> Writer:
        w = self.new()
        items = [stated(counted(fact, indicator), fact) for fact, indicator in self.stated("knowledge", "count")]
        people = []
        for fact, indicator in self.stated("knowledge", "people"):
            # without institutions before them, people are named in full ('higher-education students')
            alone = not items and indicator.prose_name
            words = numbered(qualified(count(fact.value), fact.qualifier), indicator.prose_name) if alone \
                else counted(fact, indicator)
            people.append(stated(words, fact))
        if items and people:
            # Translators: {items} is a list of institutions ('9 universities and 9 polytechnics'), {people} a
            # list of people ('100 000 students and 9 000 academic staff').
            w.sentence(_("{region} has {items}, with {people}.", **self.places,
                         **w.slots(items=items, people=people)))
        elif items or people:
            # Translators: {items} is a list ('9 universities and 9 polytechnics', or '100 000 higher-education
            # students').
            w.sentence(_("{region} has {items}.", **self.places, **w.slots(items=items or people)))
        (institutes, places), (staff, employed) = self.fig_of("knowledge", "institutes"), \
            self.fig_of("knowledge", "institute_staff")
        if institutes is not None and staff is not None:
            # Translators: {institutes} is '12 research institutes', {staff} 'nearly 10 000 staff'.
            w.sentence(_("There are {institutes}, with {staff}.", **self.places, **w.slots(
                institutes=stated(counted(institutes, places), institutes), staff=stated(counted(staff, employed),
                                                                                         staff))))
        elif institutes is not None:
            # Translators: {institutes} is '12 research institutes'.
            w.sentence(_("There are {institutes}.", **self.places, **w.slots(
                institutes=stated(counted(institutes, places), institutes))))
        elif staff is not None:
            # Translators: {staff} is 'nearly 10 000 staff'.
            w.sentence(_("Public research institutes employ {staff}.", **self.places, **w.slots(
                staff=stated(counted(staff, employed), staff))))
        rd, researchers = self.fig_of("knowledge", "researchers")
        if rd is not None:
            # Translators: {people} is '12 000 people'; {note} prints nothing: it marks where the figure's year,
            # territory and footnote go (at the end of the words about it).
            w.sentence(_("{people} work in research and development{note}.", **self.places, **w.slots(
                people=counted(rd, researchers), note=stated("", rd))))
        tertiary, _indicator = self.fig_of("knowledge", "tertiary")
        if tertiary is not None:
            # Translators: {share} is a percentage ('45%').
            w.sentence(_("The share of the population with tertiary education is {share}.", **self.places,
                         **w.slots(share=stated(percent(tertiary.value, tertiary.qualifier, fraction=False),
                                                tertiary))))
        self._shares(w, "knowledge")
        return w

    def innovation(self) -> Writer:
        w = self.new()
        found = self.stated("innovation", "count")
        items = [stated(counted(fact, indicator), fact) for fact, indicator in found]
        if items and found[0][0].territory_kind != COUNTRY:
            # Translators: {items} is a list ('4 science and technology parks and 10 business incubators').
            w.sentence(_("{region} has {items}.", **self.places, **w.slots(items=items)))
        elif items:
            # Translators: {items} is a list of the country's figures ('4 science and technology parks and 10
            # business incubators'); the figures name their territory after them.
            w.sentence(_("There are {items}.", **self.places, **w.slots(items=items)))
        return w

    def structure(self) -> Writer:
        w = self.new()
        services, _indicator = self.fig_of("structure", "services")
        if services is not None:
            # Translators: {share} is a percentage ('70%', 'two thirds (67%)'); {note} prints nothing: it marks
            # where the figure's year, territory and footnote go (at the end of the words about it).
            w.sentence(_("Services account for {share} of the jobs{note}.", **self.places, **w.slots(
                share=percent(services.value, services.qualifier), note=stated("", services))))
        hq, _indicator = self.fig_of("structure", "headquarters")
        foreign, _indicator = self.fig_of("structure", "foreign_companies")
        slots = {}
        if hq is not None:
            slots.update(hq_share=percent(hq.value, hq.qualifier), hq_note=stated("", hq))
        if foreign is not None:
            slots.update(foreign_share=percent(foreign.value, foreign.qualifier), foreign_note=stated("", foreign))
        values = {**self.places, **w.slots(**slots)}
        if hq is not None and foreign is not None:
            # Translators: {hq_share} and {foreign_share} are shares ('more than 80%', 'two thirds (67%)');
            # {hq_note} and {foreign_note} print nothing: they mark where each share's year, territory and
            # footnote go (after the words of that share), keep them after those words.
            w.sentence(_("{hq_share} of the headquarters of large companies {in_country}{hq_note} and "
                         "{foreign_share} of the foreign companies operating there{foreign_note} are located "
                         "{in_region}.", **values))
        elif hq is not None:
            # Translators: {hq_share} is a share ('more than 80%'); {hq_note} prints nothing: it marks where the
            # share's year, territory and footnote go (after the words of that share).
            w.sentence(_("{hq_share} of the headquarters of large companies {in_country}{hq_note} are located "
                         "{in_region}.", **values))
        elif foreign is not None:
            # Translators: {foreign_share} is a share ('two thirds (67%)'); {foreign_note} prints nothing: it
            # marks where the share's year, territory and footnote go (after the words of that share).
            w.sentence(_("{foreign_share} of the foreign companies operating {in_country}{foreign_note} are "
                         "located {in_region}.", **values))
        self._shares(w, "structure")
        return w
