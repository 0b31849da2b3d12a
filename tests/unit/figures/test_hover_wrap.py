"""Hover text is wrapped so that a hover box fits its chart (issue 11, point 6); browser check in
tests/browser/test_chart_defects.py."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pytest

from dashboard.data import Dataset
from dashboard.figures.common import HOVER_WIDTH, wrap_hover
from dashboard.state import default_state
from dashboard.views import CHARTS

TAG = re.compile(r"<[^>]*>")


def drawn(line: str) -> str:
    """A hover line as plotly draws it: tags gone, entities one character."""
    return html.unescape(TAG.sub("", line))


def test_long_text_breaks_at_spaces_into_lines_of_at_most_the_width() -> None:
    text = "Source: Government of the Russian Federation (archive.premier.gov.ru): Region profile: St Petersburg"
    wrapped = wrap_hover(text, 45)
    lines = wrapped.split("<br>")
    assert len(lines) == 3 and all(len(line) <= 45 for line in lines)
    assert wrapped.replace("<br>", " ") == text  # only spaces became breaks: no word cut, nothing lost


def test_short_text_and_existing_breaks_are_kept() -> None:
    assert wrap_hover("560 000 persons") == "560 000 persons"
    assert wrap_hover("a<br>b") == "a<br>b"
    assert wrap_hover("") == ""


def test_entities_count_once_and_tags_not_at_all() -> None:
    text = "<b>Malm&ouml;</b> " + "&amp; " * 30
    for line in wrap_hover(text, 20).split("<br>"):
        assert len(drawn(line)) <= 20
        assert not re.search(r"&[#\w]*$", line) and "<b" not in line[-3:]  # no entity or tag cut in two


def test_a_word_longer_than_a_line_is_cut_into_pieces() -> None:
    word = "x" * 100
    lines = wrap_hover(f"see {word} here", 45).split("<br>")
    assert all(len(line) <= 45 for line in lines)
    assert "".join(lines).replace(" ", "") == f"see{word}here"


@pytest.mark.parametrize("edition", ["baltmet", "recent"])
@pytest.mark.parametrize("measure", ["absolute", "per_capita", "share", "index"])
def test_every_hover_line_of_every_chart_fits_and_names_the_source(dataset: Dataset, edition: str,
                                                                  measure: str) -> None:
    state = replace(default_state(dataset, edition), measure=measure, indicator="gdp" if edition == "recent"
                    else "population")
    for view in CHARTS:
        figure, _ = view.build(dataset, state)
        for trace in figure["data"]:
            if not trace.get("customdata"):
                continue
            assert "%{customdata[7]}" in trace["hovertemplate"], view.name
            for row in trace["customdata"]:
                body = row[7]
                assert all(len(drawn(line)) <= HOVER_WIDTH for line in body.split("<br>")), (view.name, body)
                assert f"Source: {row[6]}" in body.replace("<br>", " "), (view.name, body)  # in full
