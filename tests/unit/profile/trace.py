"""Trace every number of a profile to the dataset: the test's own reading of the text, and its own
recomputation of each derived value, independent of how the profile module made them."""

from __future__ import annotations

import math
import re
from statistics import median

from dashboard.data import Dataset
from dashboard.data.dataset import Figure
from dashboard.measures import round_derived
from dashboard.profile.model import Derived, Profile

# 1 300 000 (narrow no-break spaces), 52.8, 1.73 million; not digits inside words (FI001MC is stripped first)
NUMBER = re.compile(r"(?<![\w.])(?P<cur>(?:EUR|USD|RUB) )?(\d{1,3}(?:\u202f\d{3})+|\d+)(?:\.(\d+))?(?![\d])"
                    r"(\s+million)?")  # 'EUR 98 660 million' is in the unit EUR million, not the millions rule
CONSTANTS = ("= 100",)  # the base of an index, stated with it ('national average = 100')


def names(dataset: Dataset) -> list[str]:
    """Words that are data but not figures (territory, region and country names), longest first."""
    words = set(dataset.territories["name"]) | set(dataset.regions["name"]) | set(dataset.regions["country_name"])
    flat = {w.replace(" (", ", ").replace("(", "").replace(")", "") for w in words}
    return sorted(words | flat, key=len, reverse=True)


def numbers(text: str, strip: list[str]) -> list[tuple[float, bool, str]]:
    """(value, in millions, token) for every number in ``text`` once names and index bases are removed."""
    for word in (*strip, *CONSTANTS):
        text = text.replace(word, " ")
    out = []
    for match in NUMBER.finditer(text):
        whole = match[2].replace("\u202f", "")
        value = float(f"{whole}.{match[3]}") if match[3] else float(whole)
        out.append((value, bool(match[4]) and not match["cur"], match[0]))
    return out


def sig3(value: float) -> float:
    return float(f"{value:.3g}")


def matches(token: float, in_millions: bool, candidate: float) -> bool:
    candidate = abs(candidate)
    if in_millions:
        return candidate >= 1e6 and math.isclose(sig3(candidate), token * 1e6, rel_tol=1e-9)
    return math.isclose(candidate, token, rel_tol=1e-12, abs_tol=1e-9)


def leaves(fact) -> list[Figure]:
    return [fact] if isinstance(fact, Figure) else [f for i in fact.inputs for f in leaves(i)]


def recompute(d: Derived) -> float:
    """Each rule as the profile states it, done again here."""
    vals = [i.value for i in d.inputs]
    a = d.inputs[0]
    if d.rule == "per_inhabitant":
        base = d.inputs[1]
        assert base.indicator_id == "population" and (base.year, base.territory_id) == (a.year, a.territory_id)
        return round_derived(a.value * d.scale / base.value, a.value, base.value)
    if d.rule == "share":
        total = d.inputs[1]
        assert total.indicator_id.startswith("national_") and total.year == a.year
        return round_derived(a.value / total.value * 100, a.value, total.value)
    if d.rule == "median":
        return round_derived(median(vals), *vals)
    if d.rule == "difference":
        return round((vals[0] - vals[1]) / vals[1] * 100)
    if d.rule == "change":
        assert d.inputs[0].territory_id == d.inputs[1].territory_id
        return round((vals[1] - vals[0]) / vals[0] * 100)
    if d.rule in ("above_national", "above_eu"):
        return vals[0] - 100
    if d.rule == "count":
        return len(vals)
    if d.rule == "rank":
        return 1 + sum(v > vals[0] for v in vals[1:])
    raise AssertionError(f"unknown rule {d.rule}")


def fact_problems(dataset: Dataset, fact) -> list[str]:
    """A figure must be the dataset's own; a derived value must recompute from its inputs."""
    if isinstance(fact, Figure):
        same = dataset.figure_on(fact.region_id, fact.indicator_id, fact.edition, fact.year, fact.territory_id)
        return [] if same == fact else [f"not a figure of the dataset: {fact}"]
    problems = [p for i in fact.inputs for p in fact_problems(dataset, i)]
    again = recompute(fact)
    if not math.isclose(again, fact.value, rel_tol=1e-12, abs_tol=1e-9):
        problems.append(f"{fact.rule} gives {again}, the profile says {fact.value}")
    return problems


def text_problems(text: str, facts, strip: list[str]) -> list[str]:
    """Each number of ``text`` must be a value of one of ``facts`` or a year of a figure behind them."""
    values = [f.value for f in facts]
    years = [f.year for fact in facts for f in leaves(fact)] + [f.year for f in facts]
    problems = []
    for token, in_millions, raw in numbers(text, strip):
        if any(matches(token, in_millions, v) for v in values):
            continue
        if not in_millions and token in years:
            continue
        problems.append(f"untraced number {raw!r} in: {text}")
    return problems


def untraced(dataset: Dataset, profile: Profile) -> list[str]:
    """Every problem found; empty when every number is traced and every source has its footnote."""
    strip = names(dataset)
    by_number = {n.number: n.source_id for n in profile.footnotes}
    problems = []
    if sorted(by_number) != list(range(1, len(by_number) + 1)):
        problems.append(f"footnotes not numbered 1..n: {sorted(by_number)}")
    for fact in profile.facts:
        problems += fact_problems(dataset, fact)
    blocks = [list(p.chunks) for p in profile.paragraphs] + [[r.chunk] for r in profile.then_now]
    for chunks in blocks:
        cited: set[str] = set()
        for chunk in chunks:
            cited |= {by_number[n] for n in chunk.notes}
            problems += text_problems(chunk.text, chunk.facts, strip)
            missing = {s for f in chunk.facts for leaf in leaves(f) for s in [leaf.source_id]} - cited
            if missing:
                problems.append(f"no footnote for {sorted(missing)} in: {chunk.text}")
    for h in profile.headlines:
        problems += text_problems(f"{h.value} {h.year}", h.facts, strip)
        if h.facts and {by_number[n] for n in h.notes} != {h.facts[0].source_id}:
            problems.append(f"headline {h.label} cites {h.notes}")
    return problems
