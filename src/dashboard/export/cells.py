"""One rule for every text a file the product writes hands to a spreadsheet: the CSV and Excel downloads,
and the workbooks PowerPoint embeds behind the deck's native charts.

A cell that starts like a formula (=, +, -, @, a tab or a carriage return) is a formula to Excel,
LibreOffice and the xlsxwriter that python-pptx uses (a region named '=cmd|...' ran in the chart's data);
a leading apostrophe keeps it text.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: object) -> object:
    """Make a text cell inert in a spreadsheet; leave numbers alone."""
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return "'" + cell
    return cell


def inert(text: str) -> str:
    """``neutralise`` for a text that must stay text (a chart's category or series name)."""
    return str(neutralise(text))
