"""Checks on the tables, vectorised so that large folders validate quickly.

Each check returns Problems; none raises. The loader gathers them all.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from dashboard.data.problems import Problem
from dashboard.data.reader import LINE, parse_numbers
from dashboard.data.schema import Column, Table
from dashboard.i18n import N_, _

ID_PATTERN = r"^[a-z0-9][a-z0-9_]*$"
COUNTRY_PATTERN = r"^[A-Z]{2}$"
TRUE_WORDS = ("true", "1", "yes")
BOOL_WORDS = (*TRUE_WORDS, "false", "0", "no", "")


def _problems(frame: pd.DataFrame, mask: pd.Series, label: str, column: str, template: str,
              **values: object) -> list[Problem]:
    """One Problem per masked row; ``{value}`` in the template is the offending cell. ``template`` is an English
    message marked with N_, translated here once (the language is the caller's); ``values`` fill its other
    placeholders."""
    hits = frame.loc[mask, [LINE, column]]
    if hits.empty:
        return []
    text = _(template)
    return [Problem(label, int(line), column, text.format(value=value, **values))
            for line, value in hits.itertuples(index=False, name=None)]


def check_header(frame: pd.DataFrame, table: Table, label: str) -> list[Problem]:
    present = [c for c in frame.columns if c != LINE]
    problems = [Problem(label, 1, c.name, _("missing column"))
                for c in table.columns if c.name not in present and c.required]
    expected = set(table.names)
    problems += [Problem(label, 1, name or "(blank)",  # a location: stays as it is
                         _("unknown column; expected some of: {columns}", columns=", ".join(table.names)))
                 for name in present if name not in expected]
    seen: set[str] = set()
    for name in present:
        if name in seen:
            problems.append(Problem(label, 1, name, _("column appears twice")))
        seen.add(name)
    return problems


def check_cells(frame: pd.DataFrame, table: Table, label: str,
                numbers: dict[str, pd.Series] | None = None) -> list[Problem]:
    """Every cell against its column's kind. ``numbers``: numeric columns already parsed (read_table's), and
    receives those parsed here (NaN where not a number): later checks and the typing reuse one parse."""
    problems: list[Problem] = []
    for column in table.columns:
        if column.name not in frame.columns:
            continue
        problems += _check_column(frame, column, label, numbers)
    return problems


def per_distinct(cells: pd.Series, test: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """``test(cells)`` computed once per distinct value and spread back: ids and words repeat (3 000 regions
    in 2 million rows), so this is a factorize and an index instead of millions of string operations."""
    codes, distinct = pd.factorize(cells.fillna(""))
    answers = np.asarray(test(pd.Series(distinct, dtype=object)), dtype=bool)
    return pd.Series(answers[codes] if len(distinct) else np.zeros(len(cells), dtype=bool), index=cells.index)


def _matches(cells: pd.Series, pattern: str) -> pd.Series:
    return per_distinct(cells, lambda distinct: distinct.str.match(pattern))


def _check_column(frame: pd.DataFrame, column: Column, label: str,
                  parsed: dict[str, pd.Series] | None = None) -> list[Problem]:
    cells = frame[column.name].fillna("")
    empty = cells == ""
    problems: list[Problem] = []
    if column.required:
        problems += _problems(frame, empty, label, column.name, N_("empty; a value is required"))
    filled = ~empty
    if column.kind in ("float", "int"):
        numbers = (parsed or {}).get(column.name)
        if numbers is None or len(numbers) != len(frame):
            numbers = parse_numbers(frame[column.name])  # '' and words: NaN
            if parsed is not None:
                parsed[column.name] = numbers
        bad = filled & numbers.isna()
        problems += _problems(frame, bad, label, column.name, N_("'{value}' is not a number"))
        if column.kind == "int":
            fractional = filled & ~bad & (numbers % 1 != 0)
            problems += _problems(frame, fractional, label, column.name, N_("'{value}' is not a whole number"))
        if column.minimum is not None or column.maximum is not None:
            lo = -np.inf if column.minimum is None else column.minimum
            hi = np.inf if column.maximum is None else column.maximum
            out = filled & ~bad & ((numbers < lo) | (numbers > hi))
            problems += _problems(frame, out, label, column.name,
                                  N_("'{value}' is outside {low}-{high}"), low=_fmt(lo), high=_fmt(hi))
    elif column.kind == "id":
        bad = filled & ~_matches(cells, ID_PATTERN)
        problems += _problems(frame, bad, label, column.name,
                              N_("'{value}' is not an id (lower-case letters, digits, _)"))
    elif column.kind == "country":
        bad = filled & ~_matches(cells, COUNTRY_PATTERN)
        problems += _problems(frame, bad, label, column.name,
                              N_("'{value}' is not an ISO 3166-1 alpha-2 country code"))
    elif column.kind == "bool":
        bad = ~per_distinct(cells, lambda distinct: distinct.str.lower().isin(BOOL_WORDS))
        problems += _problems(frame, bad, label, column.name, N_("'{value}' is not true or false"))
    elif column.kind == "colour":
        bad = filled & ~_matches(cells, r"^#[0-9a-fA-F]{6}$")
        problems += _problems(frame, bad, label, column.name, N_("'{value}' is not a colour (#rrggbb)"))
    elif column.kind == "slug":
        bad = filled & ~_matches(cells, r"^[a-z0-9]+(-[a-z0-9]+)*$")
        problems += _problems(frame, bad, label, column.name,
                              N_("'{value}' is not a file-name slug (lower-case letters, digits, single -)"))
    elif column.kind == "url":
        bad = filled & ~_matches(cells, r"^https?://")
        problems += _problems(frame, bad, label, column.name, N_("'{value}' is not an http(s) URL"))
    elif column.kind == "choice":
        allowed = [c for c in column.choices if c]
        bad = filled & ~cells.isin(column.choices)
        problems += _problems(frame, bad, label, column.name,
                              N_("'{value}' is not one of: {choices}"), choices=", ".join(allowed))
    return problems


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def check_unique(frame: pd.DataFrame, table: Table, label: str) -> list[Problem]:
    key = [k for k in table.key if k in frame.columns]
    if any(k not in frame.columns and k not in table.blank_key for k in table.key) or frame.empty:
        return []  # the key is checked once its columns are there (a user's edition is filled in first)
    dup = frame.duplicated(key, keep=False)
    if not dup.any():
        return []
    rows = frame.loc[dup, [*key, LINE]]
    first = rows.groupby(key, sort=False, dropna=False)[LINE].transform("min")
    later = rows[rows[LINE] != first]
    cells = later[key].astype(str)
    filled = cells != ""
    column = pd.Series(key[0], index=later.index, dtype=object)  # the last filled key part names the column
    for k in key[1:]:
        column = column.where(~filled[k], k)
    parts = [(f"{k}=" + cells[k]).where(filled[k], "") for k in key]
    texts = [", ".join(p for p in row if p) for row in zip(*parts, strict=True)]
    return [Problem(label, int(line), name, _("duplicate key ({key}); first on line {line}", key=text, line=start))
            for line, name, text, start in zip(later[LINE], column, texts, first[later.index], strict=True)]


def check_reference(frame: pd.DataFrame, column: str, known: set[str], label: str, what: str,
                    where: str) -> list[Problem]:
    if column not in frame.columns:
        return []
    bad = per_distinct(frame[column], lambda distinct: (distinct != "") & distinct.str.match(ID_PATTERN)
                       & ~distinct.isin(known))
    if what in UNKNOWN:
        return _problems(frame, bad, label, column, UNKNOWN[what], where=where)
    return _problems(frame, bad, label, column, N_("unknown {what} '{value}' (not in {where})"), what=what,
                     where=where)


# check_reference's ``what``, each a message of its own (``where`` is a file's name, or said in words by the caller)
UNKNOWN = {
    "region": N_("unknown region '{value}' (not in {where})"),
    "indicator": N_("unknown indicator '{value}' (not in {where})"),
    "source": N_("unknown source '{value}' (not in {where})"),
    "territory": N_("unknown territory '{value}' (not in {where})"),
    "territory kind": N_("unknown territory kind '{value}' (not in {where})"),
}


def check_value_ranges(values: pd.DataFrame, indicator_kinds: dict[str, str], label: str,
                       numbers: pd.Series | None = None) -> list[Problem]:
    """Counts and amounts cannot be negative; percentages lie in 0-100. ``numbers``: the parsed values."""
    if "value" not in values.columns or "indicator_id" not in values.columns:
        return []
    if numbers is None:
        numbers = pd.to_numeric(values["value"], errors="coerce")
    ids = values["indicator_id"]
    percent = per_distinct(ids, lambda distinct: distinct.map(indicator_kinds) == "percent")
    never_negative = per_distinct(ids, lambda distinct: distinct.map(indicator_kinds).isin(
        ["count", "amount", "area", "index"]))
    problems = _problems(values, percent & ((numbers < 0) | (numbers > 100)), label, "value",
                         N_("'{value}' is outside 0-100 for a percentage"))
    non_negative = never_negative & (numbers < 0)
    problems += _problems(values, non_negative, label, "value",
                          N_("'{value}' is negative; counts and amounts cannot be"))
    return problems


def check_territory_kinds(frame: pd.DataFrame, label: str, needed: tuple[str, ...]) -> list[Problem]:
    """territory_kinds.csv beyond its cells: one kind per rank and per coarse wording, and a row for each kind
    the dashboard gives a meaning of its own (``needed``)."""
    problems: list[Problem] = []
    for column in ("rank", "wording"):
        if column not in frame.columns or "kind" not in frame.columns:
            continue
        first: dict[str, tuple[str, int]] = {}
        for line, kind, cell in frame[[LINE, "kind", column]].itertuples(index=False, name=None):
            cell = str(cell).strip()
            if column == "rank":  # '1' and '1.0' are one rank; a cell that is no number is reported already
                number = pd.to_numeric(cell, errors="coerce")
                cell = "" if pd.isna(number) else f"{number:g}"
            if not cell:
                continue
            if cell in first:
                other, at = first[cell]
                message = _("rank '{cell}' is already kind '{other}''s (line {line}); each kind needs its own",
                            cell=cell, other=other, line=at) if column == "rank" else \
                    _("territory type '{cell}' is already kind '{other}''s (line {line}); each kind needs its own",
                      cell=cell, other=other, line=at)
                problems.append(Problem(label, int(line), column, message))
            else:
                first[cell] = (str(kind), int(line))
    if "kind" in frame.columns:
        present = set(frame["kind"])
        problems += [Problem(label, 0, "kind", _("no row for kind '{kind}', which the dashboard gives a meaning to",
                                                 kind=kind))
                     for kind in needed if kind not in present]
    return problems


def is_true(cells: pd.Series) -> pd.Series:
    return per_distinct(cells, lambda distinct: distinct.str.lower().isin(TRUE_WORDS))


__all__ = ["check_cells", "check_header", "check_reference", "check_territory_kinds", "check_unique",
           "check_value_ranges", "is_true"]
