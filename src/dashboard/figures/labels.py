"""Where to put each point's name in a scatter so that names do not cover each other.

plotly does not move overlapping text. This greedy placement works in approximate pixels: the
plot box of a chart card, names at ~7 px per character, bubbles by their diameter. Points are
placed biggest bubble first; each takes the first side (above, below, right, left, ...) whose
label box hits no label placed before and no other bubble, or else the side that hits least.
"""

from __future__ import annotations

from collections.abc import Sequence

PLOT_WIDTH, PLOT_HEIGHT = 560.0, 330.0  # the scatter's plot area in a chart card, in px
CHAR_WIDTH, LINE_HEIGHT, GAP = 7.0, 14.0, 3.0
SIDES = ("top center", "bottom center", "middle right", "middle left", "top right", "top left", "bottom right",
         "bottom left")

Box = tuple[float, float, float, float]  # left, top, right, bottom


def _label_box(x: float, y: float, radius: float, width: float, side: str) -> Box:
    vertical, horizontal = side.split()
    if vertical == "top":
        top = y - radius - GAP - LINE_HEIGHT
    elif vertical == "bottom":
        top = y + radius + GAP
    else:
        top = y - LINE_HEIGHT / 2
    if horizontal == "center":
        left = x - width / 2
    elif horizontal == "right":
        left = x + (radius + GAP if vertical == "middle" else radius * 0.5)
    else:
        left = x - width - (radius + GAP if vertical == "middle" else radius * 0.5)
    return left, top, left + width, top + LINE_HEIGHT


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
    bubbles = [(x - d / 2, y - d / 2, x + d / 2, y + d / 2) for x, y, d in zip(px, py, diameters, strict=True)]
    placed: list[Box] = []
    chosen = [SIDES[0]] * len(xs)
    for i in sorted(range(len(xs)), key=lambda k: -diameters[k]):
        if not names[i]:  # an unnamed point (a crowded chart names only its top regions): nothing to place
            continue
        width = CHAR_WIDTH * len(names[i])

        def cost(side: str, i: int = i, width: float = width) -> float:
            box = _label_box(px[i], py[i], diameters[i] / 2, width, side)
            hits = sum(_overlap(box, other) for other in placed)
            hits += sum(_overlap(box, bubble) for j, bubble in enumerate(bubbles) if j != i)
            return hits

        costs = [cost(side) for side in SIDES]
        best = next((s for s, c in zip(SIDES, costs, strict=True) if c == 0), SIDES[costs.index(min(costs))])
        chosen[i] = best
        placed.append(_label_box(px[i], py[i], diameters[i] / 2, width, best))
    return chosen
