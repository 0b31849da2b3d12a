"""Region names beside the bar charts as links to their About entry (figures/name_links.py), on made-up specs."""

from __future__ import annotations

import copy

from dashboard.figures.name_links import link_bar_names


def _bars(y: list, regions: list[str], **layout) -> dict:
    return {"data": [{"type": "bar", "orientation": "h", "x": [1] * len(y), "y": y,
                      "customdata": [[r, r.upper()] for r in regions]}],
            "layout": {"yaxis": {"automargin": True}, **layout}}


def test_the_rankings_row_names_become_links_and_the_cached_figure_is_left_alone() -> None:
    figure = _bars(["Aa", "<b>Bb</b>", "Cc"], ["aa", "bb", "cc"])
    before = copy.deepcopy(figure)
    linked = link_bar_names(figure, {"aa": "?tab=about&amp;focus=aa#about-aa_metro", "bb": "?tab=about&amp;focus=bb"})
    assert linked["data"][0]["y"] == ['<a href="?tab=about&amp;focus=aa#about-aa_metro" target="_self">Aa</a>',
                                      '<b><a href="?tab=about&amp;focus=bb" target="_self">Bb</a></b>',
                                      "Cc"]  # a region without an address keeps its plain name
    assert linked["layout"]["yaxis"]["fixedrange"] is True  # no drag handle over the names
    assert figure == before


def test_only_a_labels_first_line_is_the_link_and_the_focus_stays_bold() -> None:
    figure = _bars(["<b>Riga · 2023<br>composition assumed</b>", "Aa<br>composition assumed"], ["riga", "aa"])
    linked = link_bar_names(figure, {"riga": "?r", "aa": "?a"})
    assert linked["data"][0]["y"] == ['<b><a href="?r" target="_self">Riga · 2023</a><br>composition assumed</b>',
                                      '<a href="?a" target="_self">Aa</a><br>composition assumed']


def test_rows_placed_by_position_link_their_tick_labels() -> None:
    figure = _bars([2.0, 2.0, 6.4], ["aa", "aa", "bb"], yaxis={"tickvals": [2.0, 6.4], "ticktext": ["Aa", "Bb"]})
    linked = link_bar_names(figure, {"bb": "?x"})
    assert linked["layout"]["yaxis"]["ticktext"] == ["Aa", '<a href="?x" target="_self">Bb</a>']
    assert linked["data"] == figure["data"]


def test_a_chart_without_horizontal_bars_is_returned_as_it_is() -> None:
    figure = {"data": [{"type": "scatter", "x": [1], "y": [2], "customdata": [["aa"]]}], "layout": {}}
    assert link_bar_names(figure, {"aa": "?x"}) is figure
