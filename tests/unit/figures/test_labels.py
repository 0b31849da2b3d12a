"""Names are placed so that they do not cover each other: scatter points and trend line ends."""

from __future__ import annotations

from dashboard.figures.labels import (
    SIDES,
    TREND_PLOT_HEIGHT,
    TREND_PLOT_WIDTH,
    _label_box,
    _overlap,
    _padded,
    _scaled,
    end_label_positions,
    label_positions,
)


def _boxes(xs, ys, names, diameters, sides):
    px, py = _scaled(xs, 560.0), _scaled(ys, 330.0, flip=True)
    return [_label_box(x, y, d / 2, 7.0 * len(n), s) for x, y, n, d, s in zip(px, py, names, diameters, sides,
                                                                             strict=True)]


def test_a_lone_point_is_named_above() -> None:
    assert label_positions([1.0], [1.0], ["Oslo"], [12.0]) == ["top center"]
    assert label_positions([], [], [], []) == []


def test_three_close_points_get_three_clear_labels() -> None:
    # Riga, Tallinn and Vilnius in the recent GDP/population scatter: close together at the bottom left.
    xs, ys = [609_489, 542_983, 848_724, 5_481_613], [23_000, 21_000, 24_000, 218_000]
    names, diameters = ["Riga", "Tallinn", "Vilnius", "Berlin"], [12.0, 12.0, 20.0, 48.0]
    sides = label_positions(xs, ys, names, diameters)
    assert all(side in SIDES for side in sides)
    assert len(set(sides[:3])) == 3  # the naive 'top center' for all would stack them
    boxes = _boxes(xs, ys, names, diameters, sides)
    assert all(_overlap(a, b) == 0 for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_the_biggest_bubble_keeps_the_first_choice() -> None:
    # Copenhagen and Stockholm: near each other (2 % of the x range apart), Berlin far away.
    sides = label_positions([0.0, 0.02, 1.0], [0.5, 0.5, 1.0], ["Copenhagen", "Stockholm", "Berlin"],
                            [40.0, 44.0, 48.0])
    assert sides[1] == "top center" and sides[0] != "top center" and sides[2] == "top center"


def _end_boxes(lines, names, sides):
    """The end labels' boxes in the same approximate px as end_label_positions."""
    every_x = [x for xs, _ in lines for x in xs]
    every_y = [y for _, ys in lines for y in ys]
    (x0, x1), (y0, y1) = _padded(every_x), _padded(every_y)
    out = []
    for (xs, ys), name, side in zip(lines, names, sides, strict=True):
        x = TREND_PLOT_WIDTH * (xs[-1] - x0) / (x1 - x0)
        y = TREND_PLOT_HEIGHT * (y1 - ys[-1]) / (y1 - y0)
        out.append(_label_box(x, y, 5.0, 7.0 * len(name), side))
    return out


def test_a_line_that_ends_last_is_named_on_its_right() -> None:
    assert end_label_positions([([2019, 2020, 2021], [1.0, 2.0, 3.0])], ["Oslo"]) == ["middle right"]
    assert end_label_positions([], []) == []


def test_a_name_is_not_written_over_a_line_that_runs_on() -> None:
    # Copenhagen's series stops in 2007 at the height where Oslo's runs on to 2010 (the BaltMet trend)
    lines = [([2002, 2010], [500.0, 520.0]), ([2007], [505.0]), ([2002, 2010], [4600.0, 4600.0])]
    names = ["Oslo", "Copenhagen", "St. Petersburg"]
    sides = end_label_positions(lines, names)
    assert sides[0] == "middle right" and sides[2] == "middle right"  # nothing runs on to their right
    assert sides[1] != "middle right"
    top, bottom = _end_boxes(lines, names, sides)[1][1::2]
    low, high = _padded([500.0, 520.0, 505.0, 4600.0, 4600.0])
    oslo_y = TREND_PLOT_HEIGHT * (high - 512.5) / (high - low)  # Oslo's (almost flat) line near 2007, in px
    assert not top <= oslo_y <= bottom  # the name sits above or below Oslo's line, not on it


def test_names_of_lines_ending_together_do_not_cover_each_other() -> None:
    lines = [([2005, 2009], [400.0, 600.0]), ([2005, 2009], [420.0, 610.0]), ([2005, 2009], [3000.0, 3500.0])]
    names = ["Helsinki", "Riga", "Berlin"]
    boxes = _end_boxes(lines, names, end_label_positions(lines, names))
    assert all(_overlap(a, b) == 0 for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_unnamed_lines_keep_the_default_side() -> None:
    # a territory's earlier segment carries no end name: it is only an obstacle
    assert end_label_positions([([2010, 2012], [1.0, 1.0]), ([2013, 2015], [2.0, 2.0])], ["", "Aa"]) == \
        ["middle right", "middle right"]


def test_map_labels_of_close_neighbours_stay_apart_and_on_the_map() -> None:
    from dashboard.figures.labels import placed_sides

    # three bubbles a few px apart (Helsinki, Tallinn, Turku on a laptop's map) and one at the map's left edge
    points, size, area = [(300.0, 100.0), (310.0, 118.0), (285.0, 92.0), (4.0, 200.0)], (90.0, 28.0), (640.0, 460.0)
    sides = placed_sides(points, [size] * 4, [24.0, 10.0, 10.0, 10.0], area)
    boxes = [_label_box(x, y, d / 2, size[0], s, size[1]) for (x, y), d, s in zip(points, [24.0, 10.0, 10.0, 10.0],
                                                                                  sides, strict=True)]
    assert all(_overlap(a, b) == 0 for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert all(b[0] >= 0 and b[1] >= 0 and b[2] <= area[0] and b[3] <= area[1] for b in boxes)
    assert sides[3].endswith("right")  # at the left edge the name goes right, not off the map


def test_map_labels_follow_the_projection_and_skip_unnamed_points() -> None:
    from dashboard.figures.labels import MAP_SIDES, geo_label_sides
    from dashboard.figures.map import GEO

    # Bergen sits 35 px from the map's west edge: its label, wider than that, goes right; Warsaw's, in the
    # open, keeps the first choice; an unnamed point (a crowded map's) is left as it is
    sides = geo_label_sides(GEO, [60.39, 52.23, 55.0], [5.33, 21.01, 20.0],
                            ["Bergen<br>641 292 (2022)", "Warsaw<br>3 269 510", ""], [10.0, 30.0, 10.0], 11,
                            (640.0, 460.0))
    assert sides[0].endswith("right") and sides[1] == MAP_SIDES[0] and len(sides) == 3
