"""PxWeb tables read from their metadata: which variable is the area, the time, the contents, and the query.

Variable and value codes are the office's, and offices rename them: Statistics Finland's table 11ra was
``Alue``/``Tiedot``/``Vuosi`` with contents ``vaesto`` until 8 June 2026 and is now ``alue_23_20260101``/
``contentscode``/``timeperiod_y`` with ``vaerak-vaesto`` (a prefix on the analysis variable's values). So
no code is written into the query here: each refresh first reads the table's metadata and finds

- the area variable: the one the metadata calls geographic (API v2 ``role.geo``), else one whose code
  starts with ``alue`` or is ``region``/``område``, else one whose text is Alue/Region/Area/Område;
- the time variable: ``"time": true`` (API v1) or ``role.time`` (API v2), else a code or text of a year;
- the contents variable (``role.metric``, ``ContentsCode``, ``contentscode``, ``Tiedot``) and in it the
  wanted measure: the configured code itself, or the code with a prefix (``vaerak-vaesto`` for
  ``vaesto``), or the value whose text is the configured label (Population).

Two APIs, one answer format (JSON-stat 2.0):

- PxWeb API v1 (Statistics Finland, Statistics Sweden until the end of 2026) and Statistics Norway's
  PxWebApi v0, which has the same protocol: ``GET {table}`` gives ``{"title", "variables": [{"code",
  "text", "values", "valueTexts", "elimination", "time"}]}``; the data are a ``POST {table}`` of
  ``{"query": [{"code", "selection": {"filter": "item"|"all", "values": [...]}}], "response": {"format":
  "json-stat2"}}``. A variable left out of the query is eliminated (summed) where the table allows it.
- PxWebApi 2.0 (Statistics Sweden from 2025, Statistics Norway): ``GET {base}/tables/{id}/metadata``
  gives the table as JSON-stat 2.0 without values, each dimension's ``extension.elimination`` saying
  whether it may be left out; the data are ``GET {base}/tables/{id}/data?lang=en&valuecodes[VAR]=a,b
  &outputFormat=json-stat2`` (PxTools' PxAPI-2 specification and PxWebApi 2 user guide).

A variable that is none of the three and cannot be eliminated is taken when it has one value only;
otherwise the table cannot be read without a choice nobody made, and the series fails saying so.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from dashboard.i18n import _, ngettext, pgettext
from dashboard.refresh.http import Request
from dashboard.refresh.jsonstat import MalformedResponse, decode_json

V1, V2 = "v1", "v2"  # SSB's v0 speaks v1
API_NAMES = {V1: "PxWeb API v1", V2: "PxWebApi 2.0"}
AREA_CODES = re.compile(r"^(alue|region$|område$|omrade$)", re.IGNORECASE)
AREA_TEXTS = frozenset({"alue", "region", "area", "område", "kommune", "municipality"})
TIME_CODES = re.compile(r"^(tid|vuosi|år|timeperiod.*|year|time)$", re.IGNORECASE)
TIME_TEXTS = frozenset({"vuosi", "year", "år", "tid", "time", "quarter", "vuosineljännes"})
CONTENTS_CODES = re.compile(r"^(contentscode|tiedot|contents)$", re.IGNORECASE)
CONTENTS_TEXTS = frozenset({"tiedot", "information", "contents", "observations", "tabellinnehåll",
                            "statistikkvariabel"})
VALUE_TEXT_CHARS = 80


@dataclass(frozen=True)
class Variable:
    code: str
    text: str
    values: tuple[str, ...]
    texts: tuple[str, ...]
    eliminable: bool = False
    time: bool = False
    role: str = ""  # "geo", "time" or "metric" where the metadata says (API v2)

    def text_of(self, value: str) -> str:
        return self.texts[self.values.index(value)] if value in self.values else value


@dataclass(frozen=True)
class Metadata:
    title: str
    variables: tuple[Variable, ...]

    def codes(self) -> str:
        return ", ".join(f"{v.code} ({v.text})" for v in self.variables)


@dataclass(frozen=True)
class Wanted:
    """What a table is asked for, in words that survive a renaming of the codes."""

    areas: Sequence[str]  # area value codes, e.g. KU091 (they do not get a prefix)
    measure: str  # the contents value: 'vaesto' (also found as 'vaerak-vaesto'), 'BE0101N1'
    measure_label: str  # its text, when the code is found neither way: 'Population'


@dataclass(frozen=True)
class Selection:
    """The variables the metadata named, and what the query takes from each."""

    area: str
    time: str
    contents: str
    measure: str
    areas: tuple[str, ...]
    fixed: tuple[tuple[str, str], ...] = ()  # other variables with one value, kept as they are
    eliminated: tuple[str, ...] = ()  # left out: the table sums them

    def describe(self) -> str:
        fixed = "".join(f", {code} {value}" for code, value in self.fixed)
        return f"area {self.area}, time {self.time}, contents {self.contents} {self.measure}{fixed}"


def _strings(raw: object, where: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(x, str | int) and not isinstance(x, bool) for x in raw):
        raise MalformedResponse(_("{where} is not a list of codes", where=where))
    return tuple(str(x) for x in raw)


def metadata_v1(body: bytes) -> Metadata:
    """A PxWeb API v1 table's metadata (``GET`` on the table)."""
    document = decode_json(body)
    if not isinstance(document, dict) or not isinstance(document.get("variables"), list):
        raise MalformedResponse(_("no 'variables' in the table's metadata"))
    variables = []
    for position, raw in enumerate(document["variables"]):
        if not isinstance(raw, dict) or not isinstance(raw.get("code"), str) or not raw["code"]:
            raise MalformedResponse(_("variable {number} of the metadata has no code", number=position + 1))
        code = raw["code"]
        # Translators: the start of "... is not a list of codes".
        values = _strings(raw.get("values"), _("the values of {code}", code=code))
        texts = _strings(raw.get("valueTexts", list(values)), _("the value texts of {code}", code=code))
        if len(texts) != len(values):
            raise MalformedResponse(_("{code} has {values} values but {texts} value texts", code=code,
                                      values=len(values), texts=len(texts)))
        variables.append(Variable(code, str(raw.get("text") or code), values, texts,
                                  raw.get("elimination") is True, raw.get("time") is True))
    if not variables:
        raise MalformedResponse(_("the table's metadata lists no variables"))
    return Metadata(str(document.get("title", "")), tuple(variables))


def metadata_v2(body: bytes) -> Metadata:
    """A PxWebApi 2.0 table's metadata (``/tables/{id}/metadata``): JSON-stat 2.0 without values.

    Only the dimensions' categories, roles and elimination flags are read: the metadata's ``size`` and
    empty ``value`` describe a default selection, not the table."""
    document = decode_json(body)
    if not isinstance(document, dict) or not isinstance(document.get("dimension"), dict) \
            or not isinstance(document.get("id"), list):
        raise MalformedResponse(_("no 'id' and 'dimension' in the table's metadata"))
    roles: dict[str, str] = {}
    role = document.get("role")
    if isinstance(role, dict):
        for name in ("time", "geo", "metric"):
            for code in role.get(name) or []:
                roles[str(code)] = name
    variables = []
    for code in _strings(document["id"], "'id'"):
        raw = document["dimension"].get(code)
        if not isinstance(raw, dict) or not isinstance(raw.get("category"), dict):
            raise MalformedResponse(_("dimension '{code}' of the metadata has no category", code=code))
        category = raw["category"]
        index, labels = category.get("index"), category.get("label") or {}
        if not isinstance(labels, dict):
            raise MalformedResponse(_("dimension '{code}': category.label is not an object", code=code))
        if isinstance(index, dict):
            if sorted(index.values()) != list(range(len(index))):
                raise MalformedResponse(_("dimension '{code}': category.index is not 0..{last}", code=code,
                                          last=len(index) - 1))
            values = tuple(str(c) for c, _ in sorted(index.items(), key=lambda item: item[1]))
        elif isinstance(index, list):
            values = _strings(index, f"category.index of '{code}'")
        elif index is None and len(labels) == 1:
            values = (str(next(iter(labels))),)
        else:
            raise MalformedResponse(_("dimension '{code}' has no category.index", code=code))
        extension = raw.get("extension") if isinstance(raw.get("extension"), dict) else {}
        variables.append(Variable(code, str(raw.get("label") or code), values,
                                  tuple(str(labels.get(v, v)) for v in values),
                                  extension.get("elimination") is True, roles.get(code) == "time",
                                  roles.get(code, "")))
    if not variables:
        raise MalformedResponse(_("the table's metadata has no dimensions"))
    return Metadata(str(document.get("label", "")), tuple(variables))


def _one(found: list[Variable], what: str, metadata: Metadata) -> Variable:
    if not found:
        # Translators: {what} is one of "time", "area (region)", "contents" (translated where _one is called).
        raise MalformedResponse(_("the metadata names no {what} variable (it has {variables})", what=what,
                                  variables=metadata.codes()))
    return found[0]


def _measure(contents: Variable, wanted: Wanted) -> str:
    """The contents value: the code itself, the code with a prefix ('vaerak-vaesto'), or by its text."""
    if wanted.measure in contents.values:
        return wanted.measure
    prefixed = [v for v in contents.values if v.casefold().endswith("-" + wanted.measure.casefold())]
    if len(prefixed) == 1:
        return prefixed[0]
    labelled = [v for v, t in zip(contents.values, contents.texts, strict=True)
                if t.strip().casefold() == wanted.measure_label.casefold()]
    if len(labelled) == 1:
        return labelled[0]
    offered = ", ".join(f"{v} ({t[:VALUE_TEXT_CHARS]})" for v, t in zip(contents.values, contents.texts, strict=True))
    raise MalformedResponse(_("{variable} has no value {measure} or '{label}' (it has {offered})",
                              variable=contents.code, measure=wanted.measure, label=wanted.measure_label,
                              offered=offered))


def select(metadata: Metadata, wanted: Wanted) -> Selection:
    """Which variable is which, from the metadata alone; MalformedResponse (one line) when it cannot tell."""
    variables = list(metadata.variables)
    time = _one([v for v in variables if v.time or v.role == "time"]
                or [v for v in variables if TIME_CODES.match(v.code) or v.text.strip().casefold() in TIME_TEXTS],
                pgettext("PxWeb variable", "time"), metadata)
    rest = [v for v in variables if v is not time]
    area = _one([v for v in rest if v.role == "geo"] or [v for v in rest if AREA_CODES.match(v.code)]
                or [v for v in rest if v.text.strip().casefold() in AREA_TEXTS],
                pgettext("PxWeb variable", "area (region)"), metadata)
    rest = [v for v in rest if v is not area]
    contents = _one([v for v in rest if v.role == "metric"] or [v for v in rest if CONTENTS_CODES.match(v.code)]
                    or [v for v in rest if v.text.strip().casefold() in CONTENTS_TEXTS],
                    pgettext("PxWeb variable", "contents"), metadata)
    missing = [code for code in wanted.areas if code not in area.values]
    if missing:
        raise MalformedResponse(_("the area variable {variable} has no value {codes}", variable=area.code,
                                  codes=", ".join(missing)))
    fixed, eliminated = [], []
    for variable in rest:
        if variable is contents:
            continue
        if variable.eliminable:
            eliminated.append(variable.code)
        elif len(variable.values) == 1:
            fixed.append((variable.code, variable.values[0]))
        else:
            raise MalformedResponse(ngettext(
                "variable {variable} ({text}) cannot be left out and has {n} values; the refresh does not know which "
                "to take", "variable {variable} ({text}) cannot be left out and has {n} values; the refresh does not "
                "know which to take", len(variable.values), variable=variable.code, text=variable.text))
    return Selection(area.code, time.code, contents.code, _measure(contents, wanted), tuple(wanted.areas),
                     tuple(fixed), tuple(eliminated))


def query_v1(table_url: str, selection: Selection) -> Request:
    """The POST of PxWeb API v1: the areas, the measure, every year; eliminable variables left out."""
    query = [{"code": selection.area, "selection": {"filter": "item", "values": list(selection.areas)}},
             {"code": selection.contents, "selection": {"filter": "item", "values": [selection.measure]}}]
    query += [{"code": code, "selection": {"filter": "item", "values": [value]}} for code, value in selection.fixed]
    query.append({"code": selection.time, "selection": {"filter": "all", "values": ["*"]}})
    body = json.dumps({"query": query, "response": {"format": "json-stat2"}}, ensure_ascii=False,
                      separators=(",", ":"))
    return Request("POST", table_url, body.encode("utf-8"))


def _codes(values: Sequence[str]) -> str:
    return ",".join(quote(v, safe="*") for v in values)


def query_v2(table_base: str, selection: Selection, language: str = "en") -> Request:
    """The GET of PxWebApi 2.0: ``{base}/tables/{id}/data?lang=..&valuecodes[VAR]=..&outputFormat=json-stat2``."""
    params: list[tuple[str, Sequence[str]]] = [(selection.area, selection.areas),
                                               (selection.contents, [selection.measure])]
    params += [(code, [value]) for code, value in selection.fixed]
    params.append((selection.time, ["*"]))
    query = "&".join(f"valuecodes[{quote(code, safe='')}]={_codes(values)}" for code, values in params)
    return Request("GET", f"{table_base}/data?lang={language}&{query}&outputFormat=json-stat2")


def metadata_request(api: str, table_url: str, language: str = "en") -> Request:
    if api == V2:
        return Request("GET", f"{table_url}/metadata?lang={language}")
    return Request("GET", table_url)


def read_metadata(api: str, body: bytes) -> Metadata:
    return metadata_v2(body) if api == V2 else metadata_v1(body)


def coordinates(selection: Selection) -> Mapping[str, str]:
    """The variables an answer's cells must have, with the value each must hold (the area and time vary)."""
    return {selection.contents: selection.measure, **dict(selection.fixed)}
