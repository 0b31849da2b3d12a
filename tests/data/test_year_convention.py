"""Bundled data: every population is on 1 January, so a count the source dates 31 December is the next year.

Mixing the two conventions shifts a series by a year against its peers and against the GDP it divides
(the Helsinki city rows from the environment reports were filed under the year of their 31 December).
"""

from __future__ import annotations

import re

from dashboard.data import Dataset

YEAR_END = re.compile(r"31\.? (?:dec(?:ember)?|dezember) (\d{4})|31\.12\.(\d{4})|end of (\d{4})|ende (\d{4})"
                      r"|(\d{4})-12-31|vuoden (\d{4}) lopu|december (\d{4})|(\d{4}) lopussa", re.IGNORECASE)


def test_a_population_dated_31_december_is_filed_under_the_next_year(dataset: Dataset) -> None:
    wrong = []
    for row in dataset.values.itertuples():
        if "population" not in str(row.indicator_id):
            continue
        for match in YEAR_END.finditer(str(row.note)):
            year = int(next(g for g in match.groups() if g))
            if int(row.year) == year:
                wrong.append((row.region_id, row.indicator_id, row.edition, row.year, row.value))
                break
    assert wrong == []
