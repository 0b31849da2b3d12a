"""Then and now: the c. 2007 figure beside the recent one, saying when the territories differ.

The BaltMet profiles and today's statistics often describe different areas (the 12-municipality
Helsinki Region then, all of Uusimaa now), so a difference between them is not growth. Each row says
so, and where one territory has a figure in both editions a second row compares it with itself.
"""

from __future__ import annotations

from dashboard.data import Dataset
from dashboard.data.dataset import Figure
from dashboard.i18n import N_, _
from dashboard.profile import facts as F
from dashboard.profile.model import Chunk, ThenNow
from dashboard.profile.wording import context, qualified, quantity, signed_percent
from dashboard.profile.writer import Notes

# Translators: how to read a then-and-now row whose two figures describe different territories.
DIFFERENT = N_("a different territory: the change is not growth")


def _shown(dataset: Dataset, figure: Figure) -> str:
    unit = dataset.indicator(figure.indicator_id).unit_code  # the English code: the test below reads it
    return quantity(figure.value, figure.qualifier, unit if unit in ("%", "EUR", "EUR million") else "")


def _remark(dataset: Dataset, then: Figure, now: Figure) -> tuple[str, tuple]:
    """What may be read from the pair, and the derived change if one may be computed."""
    if then.territory_id != now.territory_id:
        return _(DIFFERENT), ()
    if F.breaks_between(dataset, then, now):
        # Translators: how to read a then-and-now row of one territory whose statistics changed method.
        return _("the same territory, but the series changes method in between: the change is not growth"), ()
    change = F.change(then, now)
    if change is None:
        # Translators: how to read a then-and-now row of one territory where a figure is a bound ('more than').
        return _("the same territory, but a bound ('more than', 'nearly') gives no change"), ()
    if change.value == 0 and change.qualifier == "approx":
        # Translators: how to read a then-and-now row of one territory whose figures (approximate) are equal.
        return _("the same territory: about no change"), (change,)
    if change.value == 0:
        # Translators: how to read a then-and-now row of one territory whose figures are equal.
        return _("the same territory: no change"), (change,)
    # Translators: how to read a then-and-now row of one territory; {change} is the change in per cent ('+30%',
    # 'about +30%').
    return _("the same territory: {change}", change=qualified(signed_percent(change.value), change.qualifier)), \
        (change,)


def _row(dataset: Dataset, notes: Notes, label: str, then: Figure, now: Figure, like: bool) -> ThenNow:
    then_text = _shown(dataset, then) + context(then.year, then.year_approx, then.territory)
    now_text = _shown(dataset, now) + context(now.year, now.year_approx,
                                              "" if now.territory_id == then.territory_id else now.territory)
    remark, derived = _remark(dataset, then, now)
    if like:
        # Translators: a then-and-now row of one territory only; {indicator} is the indicator's short label
        # ('Population'), {territory} the territory's name, {then} and {now} the two figures with their years,
        # {remark} how to read the row.
        text = _("{indicator}, {territory} alone: {then} → {now}; {remark}", indicator=label,
                 territory=then.territory, then=then_text, now=now_text, remark=remark)
    else:
        # Translators: a then-and-now row; {indicator} is the indicator's short label ('Population'), {then} and
        # {now} the two figures with their years and territories, {remark} how to read the row.
        text = _("{indicator}: {then} → {now}; {remark}", indicator=label, then=then_text, now=now_text,
                 remark=remark)
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

