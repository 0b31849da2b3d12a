"""Scatter names are placed so that they do not cover each other."""

from __future__ import annotations

from dashboard.figures.labels import SIDES, _label_box, _overlap, _scaled, label_positions


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
