"""JSON-stat responses -> observations, flags kept.

Every publisher this refresh reads answers in JSON-stat: Eurostat's dissemination API (JSON-stat 2.0, a
sparse ``value`` object and a ``status`` object of flags with their labels under ``extension.status``),
PxWeb API v1, Statistics Norway's PxWebApi v0 and PxWebApi 2.0 (``json-stat2``), and Statistics Denmark's StatBank
(``JSONSTAT``: a JSON-stat 1.x bundle ``{"dataset": {...}}`` with ``id``/``size`` inside ``dimension``).
JSON-stat libraries for Python (pyjstat) drop ``status``, which is where provisional, estimated and
break-in-series flags live, so this small reader is the project's own. It is strict: a response whose
sizes, indexes and values do not agree is refused with one line, never half-read.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from dashboard.data.limits import current, human
from dashboard.i18n import _, ngettext


class MalformedResponse(ValueError):
    """The body is not a JSON-stat dataset this reader can trust; the message says where it breaks."""


@dataclass(frozen=True)
class Dimension:
    id: str
    label: str
    codes: tuple[str, ...]  # in index order
    labels: Mapping[str, str]


@dataclass(frozen=True)
class Observation:
    coords: Mapping[str, str]  # dimension id -> category code
    value: Decimal | None
    status: str  # the publisher's flag(s) for this cell, '' when none


@dataclass(frozen=True)
class Cube:
    label: str
    updated: str
    dimensions: tuple[Dimension, ...]
    values: Mapping[int, Decimal | None]
    status: Mapping[int, str]
    status_labels: Mapping[str, str] = field(default_factory=dict)  # Eurostat: {"p": "provisional", ...}

    def dimension(self, dim_id: str) -> Dimension:
        for dimension in self.dimensions:
            if dimension.id == dim_id:
                return dimension
        raise MalformedResponse(_("no dimension '{dim_id}' (the response has {dimensions})", dim_id=dim_id,
                                  dimensions=", ".join(self.ids)))

    @property
    def empty(self) -> tuple[str, ...]:
        """Dimensions without a category: Eurostat's answer to an unknown code in a filter (HTTP 200)."""
        return tuple(d.id for d in self.dimensions if not d.codes)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.dimensions)

    def observations(self) -> Iterator[Observation]:
        """Every cell that has a value or a flag, in index order (the last dimension varies fastest)."""
        sizes = [len(d.codes) for d in self.dimensions]
        for index in sorted(set(self.values) | set(self.status)):
            coords, rest = {}, index
            for dimension, size in zip(reversed(self.dimensions), reversed(sizes), strict=True):
                rest, position = divmod(rest, size)
                coords[dimension.id] = dimension.codes[position]
            yield Observation(coords, self.values.get(index), self.status.get(index, ""))


def _reject_constant(name: str) -> None:
    raise MalformedResponse(_("'{name}' is not a number JSON allows", name=name))


def _number(raw: object, where: str) -> Decimal | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | Decimal):
        raise MalformedResponse(_("{where} is {kind}, not a number", where=where, kind=type(raw).__name__))
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise MalformedResponse(_("{where} is not a number", where=where)) from None
    if not number.is_finite() or abs(number) > Decimal(repr(current().max_abs_value)):
        raise MalformedResponse(_("{where} is too large for a figure", where=where))
    return number


def _category(dim_id: str, raw: object, size: int) -> tuple[tuple[str, ...], dict[str, str]]:
    if not isinstance(raw, dict) or not isinstance(raw.get("category"), dict):
        raise MalformedResponse(_("dimension '{dim_id}' has no category", dim_id=dim_id))
    category = raw["category"]
    labels = category.get("label") or {}
    index = category.get("index")
    if not isinstance(labels, dict):
        raise MalformedResponse(_("dimension '{dim_id}': category.label is not an object", dim_id=dim_id))
    if index is None:
        if len(labels) != 1:  # JSON-stat lets a one-category dimension omit the index, nothing else
            raise MalformedResponse(_("dimension '{dim_id}' has no category.index", dim_id=dim_id))
        codes = [str(next(iter(labels)))]
    elif isinstance(index, list):
        codes = [str(c) for c in index]
    elif isinstance(index, dict):
        codes = [""] * len(index)
        for code, position in index.items():
            if not isinstance(position, int) or isinstance(position, bool) or not 0 <= position < len(index) \
                    or codes[position]:
                raise MalformedResponse(_("dimension '{dim_id}': index of '{code}' is not a free position",
                                          dim_id=dim_id, code=code))
            codes[position] = str(code)
    else:
        raise MalformedResponse(_("dimension '{dim_id}': category.index is neither a list nor an object",
                                  dim_id=dim_id))
    if len(codes) != size:
        raise MalformedResponse(ngettext("dimension '{dim_id}' has {n} categories but size says {size}",
                                         "dimension '{dim_id}' has {n} categories but size says {size}", len(codes),
                                         dim_id=dim_id, size=size))
    if len(set(codes)) != len(codes):
        raise MalformedResponse(_("dimension '{dim_id}' repeats a category", dim_id=dim_id))
    return tuple(codes), {code: str(labels.get(code, code)) for code in codes}


def _cells(raw: object, total: int, what: str) -> dict[int, object]:
    """A dense array or a sparse {"index": cell} object as {index: cell}; a string status applies to all."""
    if raw is None:
        return {}
    if isinstance(raw, list):
        if len(raw) != total:
            raise MalformedResponse(ngettext("'{what}' has {n} cells but the dimensions make {total}",
                                             "'{what}' has {n} cells but the dimensions make {total}", len(raw),
                                             what=what, total=total))
        return dict(enumerate(raw))
    if isinstance(raw, dict):
        cells: dict[int, object] = {}
        for key, cell in raw.items():
            if not str(key).isdigit() or int(key) >= total:
                raise MalformedResponse(_("'{what}' has a cell '{key}' outside the {total} the dimensions make",
                                          what=what, key=key, total=total))
            cells[int(key)] = cell
        return cells
    if what == "status" and isinstance(raw, str):
        return dict.fromkeys(range(total), raw)
    raise MalformedResponse(_("'{what}' is neither a list nor an object", what=what))


def _dataset(document: object) -> tuple[dict, list, list]:
    """The dataset object with its dimension ids and sizes, whichever JSON-stat version it is."""
    if not isinstance(document, dict):
        raise MalformedResponse(_("the body is not a JSON object"))
    if "dimension" not in document:
        bundled = [v for v in document.values() if isinstance(v, dict) and "dimension" in v]
        if len(bundled) != 1:  # JSON-stat 1.x: {"dataset": {...}} (StatBank names it "dataset")
            raise MalformedResponse(_("no JSON-stat dataset in the body (no 'dimension')"))
        document = bundled[0]
    dimension = document["dimension"]
    if not isinstance(dimension, dict):
        raise MalformedResponse(_("'dimension' is not an object"))
    ids = document.get("id", dimension.get("id"))
    sizes = document.get("size", dimension.get("size"))
    if not isinstance(ids, list) or not isinstance(sizes, list) or len(ids) != len(sizes) or not ids:
        raise MalformedResponse(_("'id' and 'size' are missing or do not match"))
    if not all(isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in sizes):
        raise MalformedResponse(_("'size' holds something other than counts"))
    return document, [str(i) for i in ids], sizes


def decode_json(body: bytes) -> object:
    """The body as JSON (decimals exact); MalformedResponse (one line) when it is not."""
    try:
        return json.loads(body.decode("utf-8-sig"), parse_float=Decimal, parse_constant=_reject_constant)
    except UnicodeDecodeError as err:
        raise MalformedResponse(_("not UTF-8 (byte {byte})", byte=err.start)) from None
    except json.JSONDecodeError as err:
        raise MalformedResponse(_("not JSON ({problem} at line {line} column {column})", problem=err.msg,
                                  line=err.lineno, column=err.colno)) from None
    except RecursionError:
        raise MalformedResponse(_("the JSON is nested too deeply")) from None


def parse(body: bytes) -> Cube:
    """The body as a Cube; MalformedResponse (one line) when it is not a consistent JSON-stat dataset."""
    document = decode_json(body)
    if isinstance(document, dict) and "error" in document and "dimension" not in document:
        raise MalformedResponse(_("the publisher answered with an error: {error}",
                                  error=str(document["error"])[:200]))
    dataset, ids, sizes = _dataset(document)
    if "value" not in dataset:
        raise MalformedResponse(_("no 'value' in the dataset"))
    total = math.prod(sizes)
    limit = current().max_sheet_cells
    if total > limit:
        raise MalformedResponse(_("the response has {cells} cells; the limit is {limit} ({variable})",
                                  cells=human(total), limit=human(limit), variable="BALTMET_MAX_SHEET_CELLS"))
    dimensions = []
    for dim_id, size in zip(ids, sizes, strict=True):
        raw = dataset["dimension"].get(dim_id)
        codes, labels = _category(dim_id, raw, size)
        dimensions.append(Dimension(dim_id, str(raw.get("label", dim_id)), codes, labels))
    values = {i: _number(cell, f"value {i}") for i, cell in _cells(dataset.get("value"), total, "value").items()}
    status = {i: str(flag) for i, flag in _cells(dataset.get("status"), total, "status").items()
              if flag not in (None, "")}
    return Cube(str(dataset.get("label", "")), str(dataset.get("updated", "")), tuple(dimensions), values, status,
                _status_labels(dataset))


def _status_labels(dataset: dict) -> dict[str, str]:
    """Eurostat's ``extension.status.label``: what each flag letter means in this response."""
    extension = dataset.get("extension")
    status = extension.get("status") if isinstance(extension, dict) else None
    labels = status.get("label") if isinstance(status, dict) else None
    return {str(k): str(v) for k, v in labels.items()} if isinstance(labels, dict) else {}
