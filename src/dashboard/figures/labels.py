"""Where to put names on a chart so that they do not cover each other: a scatter's points, a trend's line ends.

plotly does not move overlapping text. This greedy placement works in approximate pixels: the
plot box of a chart card, names at ~7 px per character, bubbles by their diameter. Points are
placed biggest bubble first; each takes the first side (above, below, right, left, ...) whose
label box hits no label placed before and no other bubble, or else the side that hits least.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np

PLOT_WIDTH, PLOT_HEIGHT = 560.0, 330.0  # the scatter's plot area in a chart card, in px
CHAR_WIDTH, LINE_HEIGHT, GAP = 7.0, 14.0, 3.0
EDGE_ROOM = 40.0  # px a label may run past the plot's side: plotly's axis padding and the card's margin
SIDES = ("top center", "bottom center", "middle right", "middle left", "top right", "top left", "bottom right",
         "bottom left")

Box = tuple[float, float, float, float]  # left, top, right, bottom


def _label_box(x: float, y: float, radius: float, width: float, side: str, height: float = LINE_HEIGHT) -> Box:
    vertical, horizontal = side.split()
    if vertical == "top":
        top = y - radius - GAP - height
    elif vertical == "bottom":
        top = y + radius + GAP
    else:
        top = y - height / 2
    if horizontal == "center":
        left = x - width / 2
    elif horizontal == "right":
        left = x + (radius + GAP if vertical == "middle" else radius * 0.5)
    else:
        left = x - width - (radius + GAP if vertical == "middle" else radius * 0.5)
    return left, top, left + width, top + height


def _overlap(a: Box, b: Box) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _scaled(values: Sequence[float], size: float, flip: bool = False) -> list[float]:
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    return [size * ((high - v) if flip else (v - low)) / span for v in values]


def label_positions(xs: Sequence[float], ys: Sequence[float], names: Sequence[str],
                    diameters: Sequence[float]) -> list[str]:
    """A plotly ``textposition`` for each point (same order as the inputs)."""
    if not xs:
        return []
    px, py = _scaled(xs, PLOT_WIDTH), _scaled(ys, PLOT_HEIGHT, flip=True)  # screen y grows downwards
    bubbles = np.array([(x - d / 2, y - d / 2, x + d / 2, y + d / 2)
                        for x, y, d in zip(px, py, diameters, strict=True)])  # every label box meets every bubble
    placed: list[Box] = []
    chosen = [SIDES[0]] * len(xs)
    for i in sorted(range(len(xs)), key=lambda k: -diameters[k]):
        if not names[i]:  # an unnamed point (a crowded chart names only its top regions): nothing to place
            continue
        lines = re.sub(r"<(?!br>)[^>]*>", "", names[i]).split("<br>")  # a label of several lines is taller
        width = CHAR_WIDTH * max(len(line) for line in lines)
        height = LINE_HEIGHT * len(lines)

        def cost(side: str, i: int = i, width: float = width, height: float = height) -> float:
            box = _label_box(px[i], py[i], diameters[i] / 2, width, side, height)
            hits = sum(_overlap(box, other) for other in placed)
            # the overlap with every bubble at once (300 bubbles x 8 sides x each label: a loop took half the build)
            widths = np.minimum(box[2], bubbles[:, 2]) - np.maximum(box[0], bubbles[:, 0])
            heights = np.minimum(box[3], bubbles[:, 3]) - np.maximum(box[1], bubbles[:, 1])
            areas = np.clip(widths, 0.0, None) * np.clip(heights, 0.0, None)
            hits += float(areas.sum() - areas[i])  # not its own bubble
            # running far past the plot's side (more than the axis padding and margin take) cuts it off
            outside = max(0.0, -box[0] - EDGE_ROOM) + max(0.0, box[2] - PLOT_WIDTH - EDGE_ROOM)
            return hits + 4 * outside * (box[3] - box[1])

        costs = [cost(side) for side in SIDES]
        best = next((s for s, c in zip(SIDES, costs, strict=True) if c == 0), SIDES[costs.index(min(costs))])
        chosen[i] = best
        placed.append(_label_box(px[i], py[i], diameters[i] / 2, width, best, height))
    return chosen


MAP_CHAR, MAP_LINE, MAP_EDGE = 0.56, 1.27, 0.5  # a map label's character width, line height, room kept from
# the map's edge, in font sizes
TAG = re.compile(r"<[^>]+>")
MAP_SIDES = ("bottom center", "top center", "middle right", "middle left", "bottom right", "bottom left",
             "top right", "top left")


def _outside(box: Box, area: tuple[float, float], edge: float = 0.0) -> float:
    """How much of the box lies outside the area (0, 0, width, height) less ``edge`` all round, in px²."""
    inside = _overlap(box, (edge, edge, area[0] - edge, area[1] - edge))
    return (box[2] - box[0]) * (box[3] - box[1]) - inside


def placed_sides(points: Sequence[tuple[float, float]], sizes: Sequence[tuple[float, float]],
                 diameters: Sequence[float], area: tuple[float, float], sides: Sequence[str] = MAP_SIDES,
                 passes: int = 3, edge: float = 0.0) -> list[str]:
    """A ``textposition`` per point for labels already in screen px: ``points`` (x, y down), each label's
    (width, height), a width of 0 for no label, in a plot of ``area`` (width, height) that cuts off what
    leaves it (a map's edge). Biggest bubble first, each takes the first side whose box hits no label placed
    before, no other bubble and no edge, else the side that hits least (an edge counts ten times); then, where
    some still hit, each label in turn moves to its least-hitting side given all the others, a few times."""
    bubbles = np.array([(x - d / 2, y - d / 2, x + d / 2, y + d / 2)
                        for (x, y), d in zip(points, diameters, strict=True)], dtype=float).reshape(-1, 4)
    order = [i for i in sorted(range(len(points)), key=lambda k: -diameters[k]) if sizes[i][0]]
    chosen = [sides[0]] * len(points)
    boxes: dict[int, Box] = {}

    def box(i: int, side: str) -> Box:
        (x, y), (width, height) = points[i], sizes[i]
        return _label_box(x, y, diameters[i] / 2, width, side, height)

    def cost(i: int, side: str) -> float:
        mine = box(i, side)
        hits = sum(_overlap(mine, other) for j, other in boxes.items() if j != i)
        covered = (np.clip(np.minimum(mine[2], bubbles[:, 2]) - np.maximum(mine[0], bubbles[:, 0]), 0, None)
                   * np.clip(np.minimum(mine[3], bubbles[:, 3]) - np.maximum(mine[1], bubbles[:, 1]), 0, None))
        hits += float(covered.sum() - covered[i])  # every other bubble (a crowded map has thousands): at once
        return hits + 10 * _outside(mine, area, edge)

    for i in order:
        costs = [cost(i, side) for side in sides]
        chosen[i] = next((s for s, c in zip(sides, costs, strict=True) if c == 0), sides[costs.index(min(costs))])
        boxes[i] = box(i, chosen[i])
    for _ in range(passes):
        moved = False
        for i in order:
            current = cost(i, chosen[i])
            if current == 0:
                continue
            costs = [cost(i, side) for side in sides]
            if min(costs) < current:
                chosen[i] = sides[costs.index(min(costs))]
                boxes[i] = box(i, chosen[i])
                moved = True
        if not moved:
            break
    return chosen


def _mercator(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def geo_label_sides(geo: dict, lats: Sequence[float], lons: Sequence[float], texts: Sequence[str],
                    diameters: Sequence[float], text_size: float, area: tuple[float, float]) -> list[str]:
    """A ``textposition`` per point of a map: ``geo`` (a layout's geo: Mercator, lataxis and lonaxis ranges)
    fitted into ``area`` (width, height px) as plotly fits it, labels of ``text_size`` px type with their
    '<br>' lines, bubbles of ``diameters`` px. Clear of each other, of the bubbles and of the map's edge."""
    (lat0, lat1), (lon0, lon1) = geo["lataxis"]["range"], geo["lonaxis"]["range"]
    span_x, span_y = math.radians(lon1 - lon0), _mercator(lat1) - _mercator(lat0)
    scale = min(area[0] / span_x, area[1] / span_y)
    points = [(math.radians(float(lon) - lon0) * scale, (_mercator(lat1) - _mercator(float(lat))) * scale)
              for lat, lon in zip(lats, lons, strict=True)]
    char, line = MAP_CHAR * text_size, MAP_LINE * text_size
    sizes = []
    for text in texts:
        lines = [TAG.sub("", part) for part in str(text).split("<br>")] if text else []
        sizes.append((char * max((len(part) for part in lines), default=0), line * len(lines)))
    return placed_sides(points, sizes, [float(d) for d in diameters], (span_x * scale, span_y * scale),
                        edge=MAP_EDGE * text_size)  # plotly's text sits a little further out than modelled


# The trend chart's plot area on a laptop screen, in px (its card spans the page); its right margin
# holds the names of lines that end in the last year.
TREND_PLOT_WIDTH, TREND_PLOT_HEIGHT, TREND_RIGHT_MARGIN = 1100.0, 330.0, 100.0
END_SIDES = ("middle right", "top right", "bottom right", "top center", "bottom center", "top left", "bottom left",
             "middle left")
MARKER_RADIUS = 3.5  # a trend marker is 7 px across
_SAMPLE_STEP = 3.0  # px between the points of a line that a name must not cover


def _padded(values: Sequence[float]) -> tuple[float, float]:
    """plotly's autorange, roughly: the data's range and 5 % either side (a flat series gets a span of 1)."""
    low, high = min(values), max(values)
    pad = (high - low) * 0.05 or 0.5
    return low - pad, high + pad


def _line_samples(xs: Sequence[float], ys: Sequence[float]) -> np.ndarray:
    """(n, 2) points every few px along a polyline, its vertices included, for counting what a box covers."""
    x, y = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    if len(x) < 2:
        return np.column_stack([x, y])
    dx, dy = np.diff(x), np.diff(y)
    steps = np.maximum(1, (np.maximum(np.abs(dx), np.abs(dy)) // _SAMPLE_STEP).astype(int))
    segment = np.repeat(np.arange(len(steps)), steps)
    t = (np.arange(steps.sum()) - np.repeat(np.cumsum(steps) - steps, steps)) / steps[segment]
    return np.vstack([np.column_stack([x[segment] + dx[segment] * t, y[segment] + dy[segment] * t]),
                      [[x[-1], y[-1]]]])


def _near(points: np.ndarray, x: float, y: float, reach_x: float, reach_y: float) -> np.ndarray:
    return points[(np.abs(points[:, 0] - x) <= reach_x) & (np.abs(points[:, 1] - y) <= reach_y)]


def _inside(points: np.ndarray, box: Box, margin_x: float = 0.0, margin_y: float = 0.0) -> int:
    """How many of the (n, 2) points lie in the box widened by the margins."""
    if not len(points):
        return 0
    x, y = points[:, 0], points[:, 1]
    return int(np.count_nonzero((x >= box[0] - margin_x) & (x <= box[2] + margin_x)
                                & (y >= box[1] - margin_y) & (y <= box[3] + margin_y)))


def end_label_positions(lines: Sequence[tuple[Sequence[float], Sequence[float]]], names: Sequence[str],
                        radius: float = 5.0) -> list[str]:
    """A ``textposition`` for the last point of each line (a name per line, "" for none), chosen so that
    the name covers no line and no other name: 'middle right' unless that is taken.

    Why: a line that ends before the last year has other lines running on to its right, and a name
    drawn there sat on them (the BaltMet trend's Copenhagen and Helsinki names). Lines are placed
    rightmost end first, each on the first free side, else the side that covers least.
    """
    every_x = [x for xs, _ in lines for x in xs]
    every_y = [y for _, ys in lines for y in ys]
    if not every_x:
        return ["middle right"] * len(lines)
    (x_low, x_high), (y_low, y_high) = _padded(every_x), _padded(every_y)

    def screen(xs: Sequence[float], ys: Sequence[float]) -> tuple[list[float], list[float]]:
        return ([TREND_PLOT_WIDTH * (x - x_low) / (x_high - x_low) for x in xs],
                [TREND_PLOT_HEIGHT * (y_high - y) / (y_high - y_low) for y in ys])

    drawn = [screen(xs, ys) for xs, ys in lines]
    samples = np.vstack([_line_samples(xs, ys) for xs, ys in drawn])
    markers = np.array([(x, y) for xs, ys in drawn for x, y in zip(xs, ys, strict=True)], dtype=float).reshape(-1, 2)
    placed: list[Box] = []
    chosen = ["middle right"] * len(lines)
    order = sorted((i for i, name in enumerate(names) if name and drawn[i][0]),
                   key=lambda i: (-drawn[i][0][-1], drawn[i][1][-1]))
    for i in order:
        x, y = drawn[i][0][-1], drawn[i][1][-1]
        width = CHAR_WIDTH * len(names[i])
        reach_x, reach_y = width + radius + GAP + 2 * MARKER_RADIUS, 2 * LINE_HEIGHT + radius + GAP
        near = _near(samples, x, y, reach_x, reach_y)  # what any side's box could cover, found once
        near_markers = _near(markers, x, y, reach_x, reach_y)

        def cost(side: str, x: float = x, y: float = y, width: float = width, near: np.ndarray = near,
                 near_markers: np.ndarray = near_markers) -> float:
            box = _label_box(x, y, radius, width, side)
            covered = _inside(near, box)
            # a marker is a dot, not a point: a name beside another line's dot reads as that line's name (the
            # line's own last dot is never inside its own name's box, which starts beside it)
            covered += 50 * _inside(near_markers, box, 2 * MARKER_RADIUS, MARKER_RADIUS)
            outside = box[0] < 0 or box[2] > TREND_PLOT_WIDTH + TREND_RIGHT_MARGIN or box[1] < -LINE_HEIGHT / 2 \
                or box[3] > TREND_PLOT_HEIGHT + LINE_HEIGHT / 2
            return 40.0 * covered + sum(_overlap(box, other) for other in placed) + (1e6 if outside else 0.0)

        costs = [cost(side) for side in END_SIDES]
        best = next((s for s, c in zip(END_SIDES, costs, strict=True) if c == 0),
                    END_SIDES[costs.index(min(costs))])
        chosen[i] = best
        placed.append(_label_box(x, y, radius, width, best))
    return chosen
