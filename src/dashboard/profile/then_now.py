"""Then and now: the c. 2007 figure beside the recent one, saying when the territories differ.

The BaltMet profiles and today's statistics often describe different areas (the 12-municipality
Helsinki Region then, all of Uusimaa now), so a difference between them is not growth. Each row says
so, and where one territory has a figure in both editions a second row compares it with itself.
"""

from __future__ import annotations

from dashboard.data import Dataset
from dashboard.data.dataset import Figure
from dashboard.profile import facts as F
from dashboard.profile.model import Chunk, ThenNow
from dashboard.profile.wording import context, plain, qualifier_word, quantity
from dashboard.profile.writer import Notes

DIFFERENT = "a different territory: the change is not growth"


def _shown(dataset: Dataset, figure: Figure) -> str:
    unit = dataset.indicator(figure.indicator_id).unit
    return quantity(figure.value, figure.qualifier, unit if unit in ("%", "EUR", "EUR million") else "")


def _remark(dataset: Dataset, then: Figure, now: Figure) -> tuple[str, tuple]:
    """What may be read from the pair, and the derived change if one may be computed."""
    if then.territory_id != now.territory_id:
        return DIFFERENT, ()
    if F.breaks_between(dataset, then, now):
        return "the same territory, but the series changes method in between: the change is not growth", ()
    change = F.change(then, now)
    if change is None:
        return "the same territory, but a bound ('more than', 'nearly') gives no change", ()
    if change.value == 0:
        return f"the same territory: {qualifier_word(change.qualifier)}no change", (change,)
    sign = "+" if change.value > 0 else "−"
    return f"the same territory: {qualifier_word(change.qualifier)}{sign}{plain(abs(change.value))}\u00a0%", (change,)


def _row(dataset: Dataset, notes: Notes, label: str, then: Figure, now: Figure, like: bool) -> ThenNow:
    then_text = _shown(dataset, then) + context(then.year, then.year_approx, then.territory)
    now_text = _shown(dataset, now) + context(now.year, now.year_approx,
                                              "" if now.territory_id == then.territory_id else now.territory)
    remark, derived = _remark(dataset, then, now)
    lead = f"{label}, {then.territory} alone" if like else label
    text = f"{lead}: {then_text} → {now_text}; {remark}"
    chunk = Chunk(text, notes.cite(tuple(dict.fromkeys((then.source_id, now.source_id)))), (then, now, *derived))
    return ThenNow(then.indicator_id, label, then_text, now_text, then.territory_id == now.territory_id, remark,
                   chunk, like)


def then_now_indicators(dataset: Dataset) -> tuple[str, ...]:
    """The indicators of the table, in order: indicators.csv's then_now."""
    shown = (r for r in dataset.all_indicators if r.then_now is not None)
    return tuple(r.id for r in sorted(shown, key=lambda r: r.then_now or 0))


def then_now_rows(dataset: Dataset, region: str, notes: Notes) -> tuple[ThenNow, ...]:
    """Rows for each indicator with a figure in both editions; a like-for-like row where one territory allows."""
    rows = []
    for indicator in then_now_indicators(dataset):
        then = F.figure(dataset, region, indicator, F.THEN)
        now = F.figure(dataset, region, indicator, F.NOW)
        if then is None or now is None:
            continue
        label = dataset.indicator(indicator).short_label
        rows.append(_row(dataset, notes, label, then, now, like=False))
        if then.territory_id != now.territory_id:
            pair = F.same_territory_pair(dataset, region, indicator, (then.territory_id, now.territory_id))
            if pair is not None:
                rows.append(_row(dataset, notes, label, *pair, like=True))
    return tuple(rows)

