"""The profile's sentences, topic by topic, in the BaltMet profiles' manner. Each sentence is written
only when its figures exist; a missing figure drops its words, never turns into a zero or a guess."""

from __future__ import annotations

from collections.abc import Callable

from dashboard.data import Dataset
from dashboard.data.dataset import Figure
from dashboard.data.schema import BASES
from dashboard.measures import context_figure
from dashboard.profile import facts as F
from dashboard.profile.model import RULES, Fact
from dashboard.profile.wording import (
    capital,
    count,
    ordinal,
    percent,
    plain,
    qualifier_word,
    quantity,
)
from dashboard.profile.writer import Writer

# indicator -> (one, many): the words a count takes in a sentence
NOUNS: dict[str, tuple[str, str]] = {
    "universities": ("university", "universities"),
    "polytechnics": ("polytechnic / university of applied sciences", "polytechnics / universities of applied sciences"),
    "higher_education_institutions": ("higher-education institution", "higher-education institutions"),
    "universities_and_colleges": ("university or college", "universities and colleges"),
    "universities_and_research_institutes": ("university or research institute",
                                             "universities and research institutes"),
    "universities_private": ("private university", "private universities"),
    "students": ("student", "students"),
    "academic_staff": ("member of academic staff", "academic staff"),
    "research_institutes": ("research institute", "research institutes"),
    "research_institute_staff": ("member of staff", "staff"),
    "rd_personnel": ("person", "people"),
    "science_parks": ("science and technology park", "science and technology parks"),
    "incubators": ("business incubator", "business incubators"),
    "centres_of_excellence": ("centre of excellence", "centres of excellence"),
}
INSTITUTIONS = ("universities", "polytechnics", "higher_education_institutions", "universities_and_colleges",
                "universities_and_research_institutes", "universities_private")
INFRASTRUCTURE = ("science_parks", "incubators", "centres_of_excellence")
# national shares beyond population, jobs and output: indicator -> what of the country's
KNOWLEDGE_SHARES = {"share_national_students": "students", "share_national_researchers": "researchers",
                    "share_national_hei": "higher-education institutions",
                    "rd_funding_share_national": "R&D funding", "private_rd_share_national": "private R&D"}
STRUCTURE_SHARES = {"share_national_enterprises": "enterprises", "share_national_fdi": "foreign direct investment"}
INDEXES = (("gva_per_capita_index_national", "Gross value added (GVA) per inhabitant", "national average",
            "above_national"),
           ("gdp_per_capita_index_national", "GDP per inhabitant", "national average", "above_national"),
           ("gdp_per_capita_pps_index_eu", "GDP per inhabitant in purchasing power standards", "EU average",
            "above_eu"))


def counted(fact: Fact, indicator: str) -> str:
    """'9 universities', 'nearly 10 000 staff', '1 university'."""
    one, many = NOUNS[indicator]
    noun = one if fact.value == 1 and not fact.qualifier else many
    return f"{qualifier_word(fact.qualifier)}{count(fact.value)} {noun}"


class Topics:
    """Writes each topic's paragraph for one region and edition."""

    def __init__(self, dataset: Dataset, region: str, edition: str, peers: tuple[str, ...],
                 writer_for: Callable[[], Writer]) -> None:
        self.dataset, self.region, self.edition, self.peers = dataset, region, edition, peers
        self.name = dataset.region_name(region)
        self.country = str(dataset.region(region)["country_name"])
        self.new = writer_for

    def fig(self, indicator: str) -> Figure | None:
        return F.figure(self.dataset, self.region, indicator, self.edition)

    def size(self) -> Writer:
        w = self.new()
        pop = self.fig("population")
        if pop is not None:
            if pop.territory_kind == "city":
                w.say("The core city, ").fact(f"{pop.territory}, has {quantity(pop.value, pop.qualifier)} inhabitants",
                                              pop, named=True)
            else:
                w.say(f"{self.name} forms an area of ").fact(f"{quantity(pop.value, pop.qualifier)} inhabitants", pop)
                area = self.fig("area_km2_metro")
                if area is not None and area.territory_id == pop.territory_id:
                    w.say(" covering ").fact(quantity(area.value, area.qualifier, "km2"), area)
                city = context_figure(self.dataset, pop)
                if city is not None:
                    w.say(", including the core city, ").fact(
                        f"{city.territory}, with {quantity(city.value, city.qualifier)}", city, named=True)
            w.say(". ")
        jobs = self.fig("employment")
        gdp = self.fig("gdp")
        if jobs is not None or gdp is not None:
            w.say("It has " if pop is not None else f"{self.name} has ")
            if jobs is not None:
                w.fact(f"{quantity(jobs.value, jobs.qualifier)} jobs", jobs)
            if gdp is not None:
                w.say(" and " if jobs is not None else "").fact(
                    f"a GDP of {quantity(gdp.value, gdp.qualifier, str(self.dataset.indicator('gdp')['unit']))}", gdp)
            w.say(". ")
        self._shares(w)
        return w

    def share_items(self) -> list[tuple[Fact, str, str]]:
        """(share, 'of whose what', short name) for population, jobs, GDP and GVA, where the data has them."""
        items = []
        for indicator, what, short in (("population", "population", "population"), ("employment", "jobs", "jobs"),
                                       ("gdp", "GDP", "GDP")):
            share = F.share_of_nation(self.dataset, self.region, indicator, self.edition)
            if share is not None:
                items.append((share, what, short))
        gva = self.fig("share_national_gva")
        if gva is not None:
            items.append((gva, "gross value added (GVA)", "GVA"))
        return items

    def _shares(self, w: Writer) -> None:
        items = self.share_items()
        if not items:
            return
        w.say(f"{self.name} accounts for ")
        for i, (share, what, _) in enumerate(items):
            owner = f"{self.country}'s" if i == 0 else "its"
            w.say(", " if 0 < i < len(items) - 1 else " and " if i else "")
            w.fact(f"{percent(share.value, share.qualifier)} of {owner} {what}", share)
        w.say(". ")

    def productivity(self) -> Writer:
        w = self.new()
        for indicator, label, average, rule in INDEXES:
            index = self.fig(indicator)
            if index is None:
                continue
            above = F.above_average(index, rule)
            side = "above" if above.value > 0 else "below"
            words = (f"at the {average}" if above.value == 0 else
                     f"{plain(abs(above.value))}\u00a0% {side} the {average}")
            w.say(f"{label} is ").fact(f"{qualifier_word(index.qualifier)}{words} (index {plain(index.value)}; "
                                       f"{average} = 100)", index, above)
            w.say(". ")
        self._per_inhabitant(w)
        return w

    def _per_inhabitant(self, w: Writer) -> None:
        mine, versus = F.per_inhabitant_vs_peers(self.dataset, self.region, self.peers, "gdp", self.edition)
        reported = self.fig("gdp_per_capita")
        if mine is None and reported is None:
            return
        if mine is None:
            w.say("GDP per inhabitant is ").fact(quantity(reported.value, reported.qualifier, "EUR"), reported)
            w.say(". ")
            return
        w.say("GDP per inhabitant is ").fact(
            f"{quantity(mine.value, mine.qualifier, 'EUR')} (GDP {RULES['per_inhabitant']})", mine)
        if versus is None:
            w.say(". ")
            return
        diff = versus.difference.value
        side = "at" if diff == 0 else f"{plain(abs(diff))}\u00a0% {'above' if diff > 0 else 'below'}"
        years = sorted({p.year for p in versus.peers})
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
        basis = BASES.get(versus.basis, versus.basis)
        w.say(", ").fact(
            f"{side} the median of {plain(versus.count.value)} peers with a figure (EUR "
            f"{plain(versus.median.value)}; {basis}, {span}), {ordinal(int(versus.rank.value))} of "
            f"{plain(versus.total.value)}", versus.difference, versus.count, versus.median, versus.rank,
            versus.total, where=mine, cited=mine.source_ids)
        w.say(". ")

    def knowledge(self) -> Writer:
        w = self.new()
        items = [(self.fig(i), i) for i in INSTITUTIONS]
        items = [(f, i) for f, i in items if f is not None]
        people = [(self.fig(i), i) for i in ("students", "academic_staff")]
        people = [(f, i) for f, i in people if f is not None]
        if items or people:
            w.say(f"{self.name} has ")
            for n, (fact, indicator) in enumerate(items):
                w.say(", " if 0 < n < len(items) - 1 else " and " if n else "").fact(counted(fact, indicator), fact)
            for n, (fact, indicator) in enumerate(people):
                lead = (", with " if n == 0 else " and ") if items else (" and " if n else "")
                noun = "higher-education students" if indicator == "students" and not items else None
                words = counted(fact, indicator) if noun is None else \
                    f"{qualifier_word(fact.qualifier)}{count(fact.value)} {noun}"
                w.say(lead).fact(words, fact)
            w.say(". ")
        institutes, staff = self.fig("research_institutes"), self.fig("research_institute_staff")
        if institutes is not None:
            w.say("There are ").fact(counted(institutes, "research_institutes"), institutes)
            if staff is not None:
                w.say(", with ").fact(counted(staff, "research_institute_staff"), staff)
            w.say(". ")
        elif staff is not None:
            w.say("Public research institutes employ ").fact(counted(staff, "research_institute_staff"), staff)
            w.say(". ")
        rd = self.fig("rd_personnel")
        if rd is not None:
            w.fact(capital(counted(rd, "rd_personnel")) + " work in research and development", rd).say(". ")
        tertiary = self.fig("tertiary_educated_share")
        if tertiary is not None:
            w.say("The share of the population with tertiary education is ").fact(
                percent(tertiary.value, tertiary.qualifier, fraction=False), tertiary).say(". ")
        self._national_shares(w, KNOWLEDGE_SHARES)
        return w

    def _national_shares(self, w: Writer, table: dict[str, str]) -> None:
        items = [(self.fig(i), what) for i, what in table.items()]
        items = [(f, what) for f, what in items if f is not None]
        if not items:
            return
        w.say(f"{self.name} accounts for ")
        for n, (share, what) in enumerate(items):
            owner = f"{self.country}'s" if n == 0 else "its"
            w.say(", " if 0 < n < len(items) - 1 else " and " if n else "").fact(
                f"{percent(share.value, share.qualifier)} of {owner} {what}", share)
        w.say(". ")

    def innovation(self) -> Writer:
        w = self.new()
        items = [(self.fig(i), i) for i in INFRASTRUCTURE]
        items = [(f, i) for f, i in items if f is not None]
        if items:
            w.say(f"{self.name} has " if items[0][0].territory_kind != "country" else "There are ")
            for n, (fact, indicator) in enumerate(items):
                w.say(", " if 0 < n < len(items) - 1 else " and " if n else "").fact(counted(fact, indicator), fact)
            w.say(". ")
        return w

    def structure(self) -> Writer:
        w = self.new()
        services = self.fig("services_share_jobs")
        if services is not None:
            w.say("Services account for ").fact(f"{percent(services.value, services.qualifier)} of the jobs",
                                                services).say(". ")
        hq, foreign = self.fig("hq_share_large_companies"), self.fig("foreign_companies_share")
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
        self._national_shares(w, STRUCTURE_SHARES)
        return w

