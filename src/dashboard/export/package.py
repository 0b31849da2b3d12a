"""The CSV download as a small data package: the CSV, a README.txt and a Frictionless datapackage.json.

The CSV stays a plain table (header first, nothing above it) so that pandas, R or a validator read it
as is; what a person needs to cite and understand it goes in the README, and what a tool needs to type
its columns goes in the descriptor (https://specs.frictionlessdata.io/data-package/).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

from dashboard.data import Dataset
from dashboard.data.schema import EDITIONS
from dashboard.export.tables import COLUMNS, bases_used, citation, description, notes, to_csv
from dashboard.i18n import _
from dashboard.state import ViewState
from dashboard.view_model import table_rows

CSV_NAME = "figures.csv"
TRUE_VALUES, FALSE_VALUES = ["True"], ["False"]  # how pandas writes booleans


def _used_sources(dataset: Dataset, state: ViewState) -> list[dict[str, str]]:
    ids = dict.fromkeys(s for row in table_rows(dataset, state) for s in row["source_ids"])
    out = []
    for source_id in ids:
        source = dataset.source(source_id)
        entry = {"title": dataset.source_label(source_id)}
        if str(source["url"]).startswith(("http://", "https://")):
            entry["path"] = str(source["url"])
        out.append(entry)
    return out


def descriptor(dataset: Dataset, state: ViewState, name: str, today: dt.date | None = None) -> dict:
    """A tabular data package with one resource, the CSV, and a typed schema of its columns."""
    today = today or dt.date.today()
    fields = []
    for column in COLUMNS:
        field = {"name": column.name, "type": column.type, "description": description(column)}
        if column.type == "boolean":
            field |= {"trueValues": TRUE_VALUES, "falseValues": FALSE_VALUES}
        fields.append(field)
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": _("{region} and its peers: figures of the view ({edition})",
                   region=dataset.region_name(state.focus), edition=_(EDITIONS[state.edition])),
        "description": citation(dataset, state, today),
        "created": f"{today.isoformat()}T00:00:00Z",
        "sources": _used_sources(dataset, state),
        "resources": [{
            "name": "figures", "path": CSV_NAME, "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8",
            "dialect": {"delimiter": ",", "header": True, "lineTerminator": "\n", "quoteChar": '"'},
            "schema": {"fields": fields, "missingValues": [""]},
        }],
    }


def readme(dataset: Dataset, state: ViewState, today: dt.date | None = None) -> str:
    """Plain text for a person: how to cite, what was compared, the notes and what each column means."""
    # Translators: headings of a plain-text README (written in capitals there: keep them if your language does)
    cite, files, compared, notes_heading, columns = (_("HOW TO CITE"), _("FILES"), _("COMPARED ON (BASIS)"),
                                                      _("NOTES"), _("COLUMNS"))
    lines = [_("{region} and its peers: figures of the view", region=dataset.region_name(state.focus)), "",
             cite, citation(dataset, state, today), "",
             files, _("{file}: one row per figure; the first line is the header (UTF-8, comma-separated).",
                      file=CSV_NAME),
             _("datapackage.json: the same columns with their types (Frictionless data package)."), "",
             compared]
    lines += [f"- {indicator}: {basis}" for indicator, basis in bases_used(dataset, state)]
    lines += ["", notes_heading, *(f"- {n}" for n in notes(dataset, state)), "", columns]
    lines += [f"{c.name} ({c.type}): {description(c)}" for c in COLUMNS]
    return "\n".join(lines) + "\n"


def csv_package(dataset: Dataset, state: ViewState, name: str, today: dt.date | None = None) -> bytes:
    """A zip of ``name/figures.csv``, ``name/README.txt`` and ``name/datapackage.json`` (one folder when
    unpacked, so the three stay together)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{name}/{CSV_NAME}", to_csv(dataset, state, today))
        archive.writestr(f"{name}/README.txt", readme(dataset, state, today))
        archive.writestr(f"{name}/datapackage.json",
                         json.dumps(descriptor(dataset, state, name, today), indent=2, ensure_ascii=False) + "\n")
    return buffer.getvalue()
