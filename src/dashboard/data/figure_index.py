"""Where each figure of values.csv sits, grouped for the Dataset's lookups, built with whole-column operations.

Millions of figures make a Python object per figure too slow to build (~6 µs each) and too big to keep
(~400 bytes each), while a view reads a few thousand of them. So the index holds row positions only:
series as slices of one sorted order, each basis's default figure per series as one array, and a
``Figure`` is made the first time someone asks for it (then kept: callbacks ask for the same ones again).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import numpy as np
import pandas as pd

from dashboard.data.figure import Figure

SeriesKey = tuple[str, str, str]  # region_id, indicator_id, edition
FIELDS = ("region_id", "indicator_id", "edition", "year", "year_approx", "value", "qualifier", "territory_id",
          "series_break", "source_id", "note", "territory")
# The default figure of a series is the one with the largest score, packed into one int64 (higher bits win):
# a user's figure (1 bit), the kind of territory (6 bits), the edition's year preference (2 x 16 bits) and,
# on a tie, the earlier row of the file (24 bits: a data folder's row limit is far below 16 million).
_POSITION_BITS, _YEAR_BITS, _KIND_BITS = 24, 16, 6
# Figures a worker keeps made (~0.3 kB each with their series, measured: ~60 MB at the bound), and as many
# (series, year) look-ups (~0.2 kB each): more than a view of 3 000 regions reads in a few dozen changes, far fewer
# than 3 000 regions x 30 indicators x 25 years (2.25 million).
MAX_MADE = 200_000


def _year_score(years: np.ndarray, reference: int | None) -> np.ndarray:
    """Two 16-bit fields, larger preferred, matching Dataset._preference's tuple order."""
    limit = (1 << _YEAR_BITS) - 1
    years = years.astype(np.int64)
    if reference is None:
        first = np.full(len(years), limit, dtype=np.int64)
        second = np.clip(years + (1 << (_YEAR_BITS - 1)), 0, limit)
    else:
        first = limit - np.clip(np.abs(years - reference), 0, limit)
        second = np.clip((1 << (_YEAR_BITS - 1)) - years, 0, limit)
    return (first << _YEAR_BITS) | second


class FigureIndex:
    """Row positions of the figures by series, and each basis's default figure per series."""

    def __init__(self, values: pd.DataFrame, kinds: Mapping[str, str], user_sources: set[str],
                 bases: Iterable[str], admits: Callable[[str, str, str], bool],
                 kind_rank: Mapping[str, int], references: Mapping[str, int | None],
                 make: Callable[[dict[str, object]], Figure]) -> None:
        """``admits(basis, kind, indicator_id)``: whether a figure counts on a basis (asked once per kind and
        indicator, not per figure); ``make`` turns one row (a dict of FIELDS) into a Figure."""
        count = len(values)
        if count >= 1 << _POSITION_BITS:
            raise ValueError(f"{count} figures: the index packs positions in {_POSITION_BITS} bits")
        self._columns = {name: values[name].to_numpy() for name in FIELDS}
        self._make = make
        region_codes, region_ids = pd.factorize(values["region_id"])
        indicator_codes, indicator_ids = pd.factorize(values["indicator_id"])
        edition_codes, editions = pd.factorize(values["edition"])
        territory_codes, territory_ids = pd.factorize(values["territory_id"])
        lexical = np.empty(len(territory_ids), dtype=np.int64)  # (a categorical sorts by category order)
        lexical[np.argsort(np.asarray(territory_ids, dtype=object), kind="stable")] = np.arange(len(territory_ids))
        years = values["year"].to_numpy(dtype=np.int64)
        group = (region_codes.astype(np.int64) * len(indicator_ids) + indicator_codes) * max(len(editions), 1) \
            + edition_codes
        self.order = np.lexsort((lexical[territory_codes], years, group))  # a series' figures: oldest first
        grouped = group[self.order]
        starts = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]]) if count else np.zeros(0, dtype=np.int64)
        self._bounds = np.r_[starts, count].astype(np.int64)
        first = self.order[starts]
        self._keys: dict[SeriesKey, int] = {key: n for n, key in enumerate(zip(
            *(np.asarray(ids, dtype=object)[codes[first]].tolist() for ids, codes in (
                (region_ids, region_codes), (indicator_ids, indicator_codes), (editions, edition_codes))),
            strict=True))}
        group_number = np.empty(count, dtype=np.int64)
        group_number[self.order] = np.repeat(np.arange(len(starts)), np.diff(self._bounds))

        kind_codes, kind_names = pd.factorize(pd.Series(
            [kinds.get(t, "unspecified") for t in territory_ids], dtype=object).to_numpy()[territory_codes]
            if count else np.zeros(0, dtype=object))
        by_user = values["source_id"].isin(user_sources).to_numpy()
        top = (1 << _KIND_BITS) - 2
        kind_score = np.array([top - min(kind_rank.get(k, 99), top) for k in kind_names],
                              dtype=np.int64)[kind_codes] if count else np.zeros(0, dtype=np.int64)
        year_score = np.zeros(count, dtype=np.int64)
        for code, edition in enumerate(editions):
            rows = edition_codes == code
            year_score[rows] = _year_score(years[rows], references.get(edition))
        score = (by_user.astype(np.int64) << (_KIND_BITS + 2 * _YEAR_BITS + _POSITION_BITS)) \
            | (kind_score << (2 * _YEAR_BITS + _POSITION_BITS)) | (year_score << _POSITION_BITS) \
            | ((1 << _POSITION_BITS) - 1 - np.arange(count, dtype=np.int64))
        self.best: dict[str, np.ndarray] = {}
        for basis in bases:
            table = np.array([[admits(basis, kind, indicator) for indicator in indicator_ids] for kind in kind_names],
                             dtype=bool).reshape(len(kind_names), len(indicator_ids))
            rows = np.flatnonzero(table[kind_codes, indicator_codes]) if count else np.zeros(0, dtype=np.int64)
            best = np.full(len(starts), -1, dtype=np.int64)
            if len(rows):
                winners = pd.Series(score[rows], index=rows).groupby(group_number[rows]).idxmax()
                best[winners.index.to_numpy()] = winners.to_numpy()
            self.best[basis] = best
        self._series_group = (indicator_codes[first], edition_codes[first])
        self._indicator_ids, self._editions = indicator_ids, editions
        self._made: dict[int, Figure] = {}
        self.max_made = MAX_MADE
        self._series: dict[int, tuple[Figure, ...]] = {}
        self._by_year: dict[tuple[int, int], tuple[Figure, ...]] = {}  # (series, year) -> its figures, once asked

    def figure_at(self, position: int) -> Figure:
        """The Figure of one row, made once (until ``MAX_MADE`` figures are kept: then all are let go)."""
        made = self._made.get(position)
        if made is None:
            if len(self._made) >= self.max_made:
                self.forget()
            made = self._made[position] = self._make({name: column[position] for name, column in
                                                      self._columns.items()})
        return made

    def forget(self) -> None:
        """Let every made figure and series go: they are made again when asked. What a worker keeps is bounded
        (a browse through 3 000 regions left workers ~200 MB bigger), and the lookups stay right."""
        self._made.clear()
        self._series.clear()
        self._by_year.clear()

    def series(self, key: SeriesKey) -> tuple[Figure, ...]:
        """Every figure of one region, indicator and edition, oldest first (by territory id within a year)."""
        number = self._keys.get(key)
        if number is None:
            return ()
        made = self._series.get(number)
        if made is None:
            rows = self.order[self._bounds[number]:self._bounds[number + 1]]
            made = self._series[number] = tuple(self.figure_at(int(p)) for p in rows)
        return made

    def in_year(self, key: SeriesKey, year: int) -> tuple[Figure, ...]:
        """The series' figures of one year, made without making the rest of the series (a year step asks each
        region for one year of many series: making them whole made ~7 figures for each one read). Kept per series
        and year, under the same bound as the figures; stored only once complete (a thread may ask at once)."""
        number = self._keys.get(key)
        if number is None:
            return ()
        found = self._by_year.get((number, year))
        if found is None:
            rows = self.order[self._bounds[number]:self._bounds[number + 1]]
            found = tuple(self.figure_at(int(p)) for p in rows[self._columns["year"][rows] == year])
            if len(self._by_year) >= self.max_made:
                self.forget()
            self._by_year[number, year] = found
        return found

    def default(self, key: SeriesKey, basis: str) -> Figure | None:
        """The series' default figure on the basis, or None when no figure of the series counts on it."""
        number = self._keys.get(key)
        if number is None or basis not in self.best:
            return None
        position = int(self.best[basis][number])
        return None if position < 0 else self.figure_at(position)

    def years(self) -> dict[tuple[str, str], tuple[int, ...]]:
        """(indicator, edition) -> the years any region has a figure for, ascending."""
        frame = pd.DataFrame({"indicator": self._columns["indicator_id"], "edition": self._columns["edition"],
                              "year": self._columns["year"].astype(np.int64)}).drop_duplicates()
        out: dict[tuple[str, str], list[int]] = {}
        for indicator, edition, year in frame.sort_values("year").itertuples(index=False, name=None):
            out.setdefault((indicator, edition), []).append(int(year))
        return {key: tuple(years) for key, years in out.items()}

    def coverage(self, basis: str) -> dict[tuple[str, str], int]:
        """(indicator, edition) -> how many regions have a default figure on the basis."""
        has = self.best[basis] >= 0
        indicators, editions = self._series_group
        pairs = pd.Series(1, index=pd.MultiIndex.from_arrays(
            [self._indicator_ids[indicators[has]], self._editions[editions[has]]])) if has.any() else pd.Series()
        return {key: int(n) for key, n in pairs.groupby(level=[0, 1]).sum().items()} if len(pairs) else {}
