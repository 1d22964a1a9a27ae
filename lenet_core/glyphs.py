"""Digit glyphs: how people write each digit, as pen strokes in a box 1 high.

Each glyph is a few strokes; a stroke is a chain of segments, either straight ("l": corners kept) or
smooth ("c": a Catmull-Rom curve through the points). A digit has several named styles where people
really write it differently (a crossed 7, a flagged 1, an open or closed 4, a 9 with a small loop...);
"plain" comes first for every digit. `lenet_core.synthetic` draws them with a writer's variations.
"""

from __future__ import annotations

import math

import numpy as np

Point = tuple[float, float]
Segment = tuple[str, tuple[Point, ...]]  # ("l" | "c", control points)
Glyph = tuple[tuple[Segment, ...], ...]  # strokes, each a chain of segments


def _arc(cx: float, cy: float, rx: float, ry: float, a0: float, a1: float, n: int = 9) -> tuple[Point, ...]:
    """Points on an ellipse from angle a0 to a1 (degrees; 0 = right, 90 = down, as on screen)."""
    angles = np.radians(np.linspace(a0, a1, n))
    return tuple((cx + rx * math.cos(a), cy + ry * math.sin(a)) for a in angles)


def _l(*pts: Point) -> Segment:
    return ("l", pts)


def _c(*pts: Point) -> Segment:
    return ("c", pts)


# The glyphs. Coordinates are in a box 1 high; x runs over about 0..1 and is narrowed to a digit's
# usual width by GLYPH_WIDTH when drawn.
GLYPHS: dict[int, dict[str, Glyph]] = {
    0: {
        "plain": ((_c(*_arc(0.5, 0.5, 0.45, 0.5, -100, 270, 14)),),),
        # Slashed and barred zeros, as programmers and engineers write them: MNIST has hardly any.
        "slashed": ((_c(*_arc(0.5, 0.5, 0.45, 0.5, -100, 270, 14)),), (_l((1.05, -0.08), (-0.05, 1.08)),)),
        "barred": ((_c(*_arc(0.5, 0.5, 0.45, 0.5, -100, 270, 14)),), (_l((0.05, 0.5), (0.95, 0.5)),)),
        "dotted": ((_c(*_arc(0.5, 0.5, 0.45, 0.5, -100, 270, 14)),), (_l((0.48, 0.5), (0.52, 0.5)),)),
        "boxy": ((_l((0.05, 0.0), (0.95, 0.0), (0.95, 1.0), (0.05, 1.0), (0.05, 0.0)),),),
        # Not quite closed at the top, or overshooting it: quick writers do both.
        "open": ((_c(*_arc(0.5, 0.5, 0.45, 0.5, -70, 245, 13)),),),
        "overshoot": ((_c(*_arc(0.5, 0.5, 0.45, 0.5, -120, 300, 15)),),),
    },
    1: {
        "plain": ((_l((0.55, 0.0), (0.48, 1.0)),),),
        "hooked": ((_l((0.25, 0.22), (0.6, 0.0), (0.55, 1.0)),),),
        # A long flag and no foot: reads as a 7 to a model that only knows American 1s.
        "flagged": ((_l((0.05, 0.38), (0.6, 0.0), (0.6, 1.0)),),),
        # Long flag and a foot: the continental 1 that MNIST's American writers rarely used.
        "european": ((_l((0.1, 0.42), (0.62, 0.0), (0.62, 1.0)),), (_l((0.25, 1.0), (1.0, 1.0)),)),
        "serif": (
            (_l((0.5, 0.0), (0.5, 1.0)),),
            (_l((0.15, 1.0), (0.85, 1.0)),),
            (_l((0.25, 0.0), (0.5, 0.0)),),
        ),
        "slanted": ((_l((0.78, 0.0), (0.3, 1.0)),),),
        # A short lead-in flag and a base: read as a 7 by models that only know American 1s.
        "flag-base": ((_l((0.2, 0.25), (0.55, 0.0), (0.55, 1.0)),), (_l((0.2, 1.0), (0.9, 1.0)),)),
    },
    2: {
        "plain": ((_c(*_arc(0.5, 0.3, 0.42, 0.3, 200, 370, 7)), _l((0.92, 0.35), (0.05, 1.0), (1.0, 1.0))),),
        "z": ((_l((0.05, 0.0), (0.95, 0.0), (0.05, 1.0), (1.0, 1.0)),),),
        "looped": (
            (
                _c(*_arc(0.5, 0.3, 0.42, 0.3, 200, 370, 7)),
                _c((0.92, 0.35), (0.5, 0.7), (0.12, 0.95), (0.22, 0.78), (0.35, 0.95), (0.65, 1.0),
                   (1.0, 0.95)),
            ),
        ),
        "curved-base": (
            (
                _c(*_arc(0.5, 0.3, 0.42, 0.3, 200, 370, 7)),
                _l((0.92, 0.35), (0.08, 0.95)),
                _c((0.08, 0.95), (0.35, 0.88), (0.7, 1.02), (1.0, 0.92)),
            ),
        ),
    },
    3: {
        "plain": (
            (
                _c(*_arc(0.47, 0.26, 0.42, 0.26, -160, 90, 9)),
                _c(*_arc(0.47, 0.76, 0.47, 0.24, -90, 160, 9)),
            ),
        ),
        "boxy": ((_l((0.05, 0.0), (0.95, 0.0), (0.95, 1.0), (0.05, 1.0)),), (_l((0.2, 0.5), (0.95, 0.5)),)),
        # A flat top bar, a diagonal down to the middle, then the lower bowl (a "Z-bodied" 3).
        "flat-top": (
            (
                _l((0.05, 0.0), (0.9, 0.0), (0.35, 0.42)),
                _c((0.35, 0.42), *_arc(0.48, 0.7, 0.47, 0.3, -110, 160, 8)[1:]),
            ),
        ),
    },
    4: {
        # Plain is the open 4 (two strokes), the usual handwritten form.
        "plain": ((_l((0.15, 0.0), (0.08, 0.62), (0.98, 0.62)),), (_l((0.72, 0.12), (0.72, 1.0)),)),
        # Closed (triangular) 4 in one stroke, the printed form.
        "closed": ((_l((0.7, 1.0), (0.7, 0.0), (0.0, 0.68), (1.0, 0.68)),),),
        "looped": (
            (_l((0.75, 0.0), (0.7, 1.0)),),
            (_c((0.3, 0.0), (0.1, 0.6), (0.45, 0.75), (0.75, 0.5), (0.7, 0.4), (0.55, 0.6), (1.0, 0.68)),),
        ),
        # Open top, two strokes: how most people write it by hand.
        "open": ((_l((0.15, 0.0), (0.08, 0.62), (0.98, 0.62)),), (_l((0.72, 0.12), (0.72, 1.0)),)),
        # One stroke with an open top: down, along the bar, up the stem and back down it.
        "one-stroke": ((_l((0.15, 0.0), (0.06, 0.62), (0.72, 0.62), (0.74, 0.02), (0.72, 1.0)),),),
        # A rounded left arm that flows into the bar.
        "curved": (
            (_c((0.35, 0.0), (0.14, 0.35), (0.1, 0.58), (0.4, 0.66), (0.98, 0.6)),),
            (_l((0.72, 0.15), (0.7, 1.0)),),
        ),
    },
    5: {
        "plain": (
            (_l((0.22, 0.0), (0.15, 0.47)), _c(*_arc(0.45, 0.7, 0.47, 0.3, -130, 150, 9))),
            (_l((0.22, 0.0), (0.92, 0.0)),),
        ),
        "boxy": ((_l((0.95, 0.0), (0.05, 0.0), (0.05, 0.45), (0.95, 0.45), (0.95, 1.0), (0.05, 1.0)),),),
        # One stroke, the top bar drawn first, right to left, like a flag.
        "one-stroke": (
            (_l((0.95, 0.0), (0.25, 0.0), (0.15, 0.47)), _c(*_arc(0.45, 0.7, 0.47, 0.3, -130, 150, 9))),
        ),
        # The bar added last and a little apart, as it often is.
        "detached": (
            (_l((0.2, 0.02), (0.13, 0.47)), _c(*_arc(0.45, 0.7, 0.47, 0.3, -130, 150, 9))),
            (_l((0.32, -0.03), (1.0, -0.05)),),
        ),
    },
    6: {
        "plain": (
            (
                _c((0.85, 0.05), (0.45, 0.12), (0.15, 0.5), (0.2, 0.88), (0.55, 1.0), (0.88, 0.78),
                   (0.7, 0.5), (0.35, 0.52), (0.15, 0.7)),
            ),
        ),
        "small-loop": (
            (
                _c((0.8, 0.0), (0.4, 0.25), (0.18, 0.62), (0.3, 0.95), (0.6, 0.97), (0.72, 0.78),
                   (0.5, 0.62), (0.22, 0.76)),
            ),
        ),
        "straight": ((_l((0.75, 0.0), (0.2, 0.62)), _c(*_arc(0.48, 0.75, 0.3, 0.25, 180, 530, 12))),),
    },
    7: {
        "plain": ((_l((0.0, 0.0), (1.0, 0.0), (0.38, 1.0)),),),
        "crossed": ((_l((0.0, 0.0), (1.0, 0.0), (0.38, 1.0)),), (_l((0.35, 0.52), (0.98, 0.5)),)),
        "boxy": ((_l((0.0, 0.25), (0.0, 0.0), (1.0, 0.0), (1.0, 1.0)),),),
        # A serif dropping from the left end of the bar.
        "hooked": ((_l((0.0, 0.25), (0.02, 0.0), (1.0, 0.0), (0.38, 1.0)),),),
        "curved-stem": ((_l((0.0, 0.0), (1.0, 0.0)), _c((1.0, 0.0), (0.62, 0.45), (0.45, 1.0))),),
        # The continental 7: a serif at the left, a curved stem and a bar across it.
        "continental": (
            (_l((0.0, 0.2), (0.05, 0.0), (1.0, 0.0)), _c((1.0, 0.0), (0.6, 0.5), (0.42, 1.0))),
            (_l((0.3, 0.5), (0.95, 0.48)),),
        ),
    },
    8: {
        "plain": (
            (
                _c((0.78, 0.12), (0.5, 0.02), (0.2, 0.18), (0.32, 0.4), (0.68, 0.58), (0.82, 0.8),
                   (0.5, 0.98), (0.18, 0.8), (0.32, 0.58), (0.68, 0.4), (0.8, 0.18), (0.52, 0.02)),
            ),
        ),
        # Two separate stacked loops, a "snowman".
        "stacked": (
            (_c(*_arc(0.5, 0.22, 0.32, 0.22, -90, 275, 12)),),
            (_c(*_arc(0.5, 0.72, 0.45, 0.28, -90, 275, 12)),),
        ),
        "small-top": (
            (
                _c((0.7, 0.08), (0.5, 0.0), (0.3, 0.12), (0.4, 0.3), (0.7, 0.5), (0.88, 0.78),
                   (0.5, 1.0), (0.12, 0.78), (0.3, 0.5), (0.6, 0.3), (0.68, 0.12), (0.5, 0.0)),
            ),
        ),
    },
    9: {
        "plain": ((_c(*_arc(0.5, 0.27, 0.4, 0.27, 0, -355, 12)), _l((0.9, 0.27), (0.82, 1.0))),),
        "boxy": ((_l((0.95, 0.5), (0.05, 0.5), (0.05, 0.0), (0.95, 0.0), (0.95, 1.0), (0.05, 1.0)),),),
        # The tail curls back to the left under the loop.
        "curled": (
            (
                _c(*_arc(0.5, 0.27, 0.4, 0.27, 0, -355, 12)),
                _c((0.9, 0.27), (0.85, 0.7), (0.6, 0.98), (0.25, 0.92)),
            ),
        ),
        # A small closed loop and a long tail curving to the left: read as a 3 by a MNIST-only model.
        "small-loop": (
            (
                _c(*_arc(0.55, 0.17, 0.3, 0.17, 0, -355, 12)),
                _c((0.85, 0.17), (0.82, 0.55), (0.65, 0.88), (0.3, 1.0)),
            ),
        ),
        "small-loop-straight": (
            (_c(*_arc(0.5, 0.18, 0.35, 0.18, 0, -355, 12)), _l((0.85, 0.18), (0.7, 1.0))),
        ),
    },
}


GLYPH_WIDTH = 0.62  # a digit's width relative to its height
