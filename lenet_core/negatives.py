"""Drawings that are not digits: letters, arithmetic symbols, scribbles, lines, dots, noise, shadows.

The models learn from these that not everything drawn is a digit (a horizontal line is not a 2, a
scribble not a 4), and the evaluation measures how often such a drawing still gets a confident
digit. Letters that people write exactly like a digit (O, I, l, S, Z, b, g, q...) are not here: no
model could tell them apart from a 0, 1, 5, 2, 6 or 9 without context.

Every family draws from a seeded generator; training and evaluation use different seeds, and the
evaluation adds scribbles of a kind the training never sees.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

from . import strokes as st
from .glyphs import Glyph, _arc, _c, _l
from .synthetic import unit_strokes

# Letters and symbols, in a box 1 high (x from 0 to about 0.8), like the digit glyphs.
SHAPES: dict[str, Glyph] = {
    "A": ((_l((0.0, 1.0), (0.4, 0.0), (0.8, 1.0)),), (_l((0.15, 0.62), (0.65, 0.62)),)),
    "E": ((_l((0.7, 0.0), (0.0, 0.0), (0.0, 1.0), (0.7, 1.0)),), (_l((0.0, 0.5), (0.55, 0.5)),)),
    "F": ((_l((0.7, 0.0), (0.0, 0.0), (0.0, 1.0)),), (_l((0.0, 0.48), (0.55, 0.48)),)),
    "H": ((_l((0.0, 0.0), (0.0, 1.0)),), (_l((0.7, 0.0), (0.7, 1.0)),), (_l((0.0, 0.5), (0.7, 0.5)),)),
    "K": ((_l((0.0, 0.0), (0.0, 1.0)),), (_l((0.65, 0.0), (0.05, 0.55), (0.7, 1.0)),)),
    "M": ((_l((0.0, 1.0), (0.05, 0.0), (0.4, 0.6), (0.75, 0.0), (0.8, 1.0)),),),
    "N": ((_l((0.0, 1.0), (0.0, 0.0), (0.7, 1.0), (0.7, 0.0)),),),
    "R": ((_l((0.0, 1.0), (0.0, 0.0)), _c((0.0, 0.0), (0.6, 0.05), (0.6, 0.45), (0.0, 0.5)),
           _l((0.0, 0.5), (0.7, 1.0))),),
    "T": ((_l((0.0, 0.0), (0.8, 0.0)),), (_l((0.4, 0.0), (0.4, 1.0)),)),
    "V": ((_l((0.0, 0.0), (0.4, 1.0), (0.8, 0.0)),),),
    "W": ((_l((0.0, 0.0), (0.2, 1.0), (0.45, 0.35), (0.7, 1.0), (0.9, 0.0)),),),
    "X": ((_l((0.0, 0.0), (0.7, 1.0)),), (_l((0.7, 0.0), (0.0, 1.0)),)),
    "Y": ((_l((0.0, 0.0), (0.4, 0.5), (0.8, 0.0)),), (_l((0.4, 0.5), (0.4, 1.0)),)),
    "k": ((_l((0.0, 0.0), (0.0, 1.0)),), (_l((0.55, 0.4), (0.05, 0.7), (0.6, 1.0)),)),
    "h": ((_l((0.0, 0.0), (0.0, 1.0)),), (_c((0.0, 0.6), (0.3, 0.4), (0.6, 0.55), (0.6, 1.0)),)),
    "m": ((_l((0.0, 1.0), (0.0, 0.3)), _c((0.0, 0.45), (0.2, 0.3), (0.4, 0.45), (0.4, 1.0)),
           _c((0.4, 0.45), (0.6, 0.3), (0.8, 0.45), (0.8, 1.0))),),
    "n": ((_l((0.0, 1.0), (0.0, 0.3)), _c((0.0, 0.5), (0.3, 0.3), (0.6, 0.45), (0.6, 1.0))),),
    "r": ((_l((0.0, 1.0), (0.0, 0.3)), _c((0.0, 0.55), (0.25, 0.32), (0.55, 0.3))),),
    "u": ((_c((0.0, 0.2), (0.02, 0.8), (0.3, 1.0), (0.6, 0.75)), _l((0.6, 0.75), (0.62, 0.2), (0.62, 1.0))),),
    "v": ((_l((0.0, 0.2), (0.35, 1.0), (0.7, 0.2)),),),
    "w": ((_l((0.0, 0.2), (0.2, 1.0), (0.4, 0.45), (0.6, 1.0), (0.8, 0.2)),),),
    "x": ((_l((0.0, 0.25), (0.6, 1.0)),), (_l((0.6, 0.25), (0.0, 1.0)),)),
    "y": ((_l((0.0, 0.0), (0.35, 0.55)),), (_l((0.7, 0.0), (0.15, 1.0)),)),
    "t": ((_l((0.3, 0.0), (0.3, 0.85)), _c((0.3, 0.85), (0.4, 1.0), (0.65, 0.92))),
          (_l((0.0, 0.3), (0.6, 0.3)),)),
    "e": ((_c((0.0, 0.55), (0.6, 0.55), (0.55, 0.25), (0.25, 0.25), (0.0, 0.6), (0.2, 0.95), (0.62, 0.9)),),),
    "a": ((_c(*_arc(0.3, 0.62, 0.3, 0.33, -20, -350, 11)), _l((0.6, 0.3), (0.62, 1.0))),),
    "d": ((_c(*_arc(0.3, 0.68, 0.3, 0.3, -20, -350, 11)), _l((0.6, 0.35), (0.6, 0.0), (0.62, 1.0))),),
    "p": ((_l((0.0, 0.2), (0.0, 1.0)),), (_c(*_arc(0.3, 0.38, 0.3, 0.2, 180, 530, 11)),)),
    "c": ((_c(*_arc(0.4, 0.5, 0.4, 0.45, -40, -320, 9)),),),
    "r2": ((_l((0.1, 0.0), (0.1, 1.0)),), (_l((0.1, 0.15), (0.5, 0.0), (0.8, 0.1)),)),
    "pi": ((_l((0.0, 0.15), (0.85, 0.1)),), (_l((0.25, 0.12), (0.2, 1.0)),), (_l((0.6, 0.1), (0.65, 1.0)),)),
    "alpha": ((_c((0.8, 0.3), (0.55, 0.75), (0.25, 0.85), (0.05, 0.55), (0.25, 0.25), (0.55, 0.4),
                  (0.85, 0.9)),),),
    "sigma": ((_l((0.75, 0.0), (0.0, 0.0), (0.4, 0.5), (0.0, 1.0), (0.75, 1.0)),),),
    "plus": ((_l((0.5, 0.0), (0.5, 1.0)),), (_l((0.0, 0.5), (1.0, 0.5)),)),
    "times": ((_l((0.0, 0.0), (1.0, 1.0)),), (_l((1.0, 0.0), (0.0, 1.0)),)),
    "equals": ((_l((0.0, 0.3), (1.0, 0.3)),), (_l((0.0, 0.7), (1.0, 0.7)),)),
    "divide": ((_l((0.0, 0.5), (1.0, 0.5)),), (_l((0.48, 0.1), (0.52, 0.1)),),
               (_l((0.48, 0.9), (0.52, 0.9)),)),
    "less": ((_l((0.9, 0.0), (0.0, 0.5), (0.9, 1.0)),),),
    "greater": ((_l((0.0, 0.0), (0.9, 0.5), (0.0, 1.0)),),),
    "percent": ((_l((0.9, 0.0), (0.1, 1.0)),), (_c(*_arc(0.2, 0.15, 0.15, 0.15, 0, 360, 9)),),
                (_c(*_arc(0.8, 0.85, 0.15, 0.15, 0, 360, 9)),)),
    "root": ((_l((0.0, 0.6), (0.15, 0.5), (0.35, 1.0), (0.6, 0.0), (1.0, 0.0)),),),
    "hash": ((_l((0.3, 0.0), (0.2, 1.0)),), (_l((0.7, 0.0), (0.6, 1.0)),), (_l((0.0, 0.35), (1.0, 0.35)),),
             (_l((0.0, 0.7), (1.0, 0.7)),)),
    "star": ((_l((0.5, 0.0), (0.5, 1.0)),), (_l((0.0, 0.25), (1.0, 0.75)),), (_l((1.0, 0.25), (0.0, 0.75)),)),
    "check": ((_l((0.0, 0.55), (0.3, 1.0), (1.0, 0.0)),),),
    "arrow": ((_l((0.0, 0.5), (1.0, 0.5)),), (_l((0.65, 0.15), (1.0, 0.5), (0.65, 0.85)),)),
    "question": ((_c(*_arc(0.45, 0.28, 0.38, 0.28, 200, 420, 8)), _l((0.7, 0.48), (0.45, 0.6), (0.45, 0.8))),
                 (_l((0.44, 0.98), (0.46, 1.0)),)),
    "exclaim": ((_l((0.5, 0.0), (0.5, 0.75)),), (_l((0.49, 0.97), (0.51, 1.0)),)),
    "triangle": ((_l((0.5, 0.0), (1.0, 1.0), (0.0, 1.0), (0.5, 0.0)),),),
    "infinity": ((_c((0.5, 0.5), (0.75, 0.2), (1.0, 0.5), (0.75, 0.8), (0.5, 0.5), (0.25, 0.2), (0.0, 0.5),
                     (0.25, 0.8), (0.5, 0.5)),),),
    "tilde": ((_c((0.0, 0.6), (0.25, 0.35), (0.5, 0.55), (0.75, 0.7), (1.0, 0.4)),),),
    "ampersand": ((_c((0.9, 1.0), (0.3, 0.45), (0.25, 0.1), (0.5, 0.02), (0.6, 0.25), (0.1, 0.65),
                      (0.2, 0.95), (0.55, 0.9), (0.85, 0.55)),),),
}
# Shapes that fill their box in both directions when written (a +, a #), not narrowed like letters.
SQUARE = {"plus", "times", "equals", "divide", "less", "greater", "percent", "hash", "star", "check",
          "arrow", "infinity", "tilde", "triangle", "root"}


def shape_strokes(name: str, rng: np.random.Generator) -> st.Strokes:
    unit = unit_strokes(SHAPES[name], rng, float(rng.uniform(0.01, 0.04)))
    width = 1.0 if name in SQUARE else 0.8
    return [s * np.array([width, 1.0]) for s in unit]


def _scribble(rng: np.random.Generator) -> st.Strokes:
    """A tangle: the pen wandering and turning back on itself many times (a short wiggle could be a
    2 or a 3, so a scribble is long)."""
    n = int(rng.integers(120, 320))
    heading = rng.uniform(0, 2 * math.pi)
    turn = np.cumsum(rng.normal(0, rng.uniform(0.35, 0.8), n))
    steps = np.stack([np.cos(heading + turn), np.sin(heading + turn)], axis=1)
    walk = np.cumsum(steps, axis=0)
    # Keep the tangle together: pull the walk back towards where it started.
    return [walk - np.linspace(0, 1, n)[:, None] * (walk[-1] - walk[0]) * rng.uniform(0, 1)]


def _scrub(rng: np.random.Generator) -> st.Strokes:
    """Back and forth, as when colouring something in or crossing it out."""
    k = int(rng.integers(7, 14))  # fewer strokes would look like a Z or a 3
    ys = np.linspace(0, 1, k) + rng.normal(0, 0.03, k)
    xs = np.where(np.arange(k) % 2 == 0, 0.0, 1.0) + rng.normal(0, 0.06, k)
    return [np.stack([xs, ys * rng.uniform(0.3, 1.2)], axis=1)]


def _zigzag(rng: np.random.Generator) -> st.Strokes:
    # Four or more teeth, lying down: three would be a Z, which is how some people write a 2.
    k = int(rng.integers(4, 10))
    x = np.linspace(0, 1, k + 1)
    y = np.where(np.arange(k + 1) % 2 == 0, 0.0, rng.uniform(0.15, 0.5))
    return [np.stack([x, y + rng.normal(0, 0.03, k + 1)], axis=1)]


def _spiral(rng: np.random.Generator) -> st.Strokes:
    turns = rng.uniform(2.5, 4)  # fewer turns would look like a 6 or a 0
    t = np.linspace(0, turns * 2 * math.pi, 200)
    r = 0.1 + t / t[-1]
    return [np.stack([r * np.cos(t), r * np.sin(t) * rng.uniform(0.6, 1.0)], axis=1)]


def _hatching(rng: np.random.Generator) -> st.Strokes:
    k = int(rng.integers(3, 8))
    angle = rng.uniform(0, math.pi)
    d = np.array([math.cos(angle), math.sin(angle)])
    n = np.array([-d[1], d[0]])
    return [np.stack([n * (i / k) - d * 0.5, n * (i / k) + d * 0.5]) for i in range(k)]


def _line(rng: np.random.Generator) -> st.Strokes:
    """A straight line at least 40 degrees from upright (an upright one is a 1)."""
    angle = math.radians(rng.uniform(-50, 50))
    return [np.array([[0.0, 0.0], [math.cos(angle), math.sin(angle)]])]


def _wave(rng: np.random.Generator) -> st.Strokes:
    t = np.linspace(0, 1, 80)
    return [np.stack([t, rng.uniform(0.05, 0.2) * np.sin(2 * math.pi * rng.uniform(1.5, 4) * t)], axis=1)]


def _dots(rng: np.random.Generator) -> st.Strokes:
    k = int(rng.integers(1, 4))
    return [rng.uniform(0, 1, (1, 2)) for _ in range(k)]


# Stroke families: a callable giving strokes in any frame (the medium normalises them).
STROKE_FAMILIES: dict[str, Callable[[np.random.Generator], st.Strokes]] = {
    "scribble": _scribble,
    "scrub": _scrub,
    "zigzag": _zigzag,
    "spiral": _spiral,
    "hatching": _hatching,
    "line": _line,
    "wave": _wave,
}


def _noise(rng: np.random.Generator) -> np.ndarray:
    size = int(rng.choice([28, 64, 280]))
    kind = rng.integers(3)
    if kind == 0:
        return rng.integers(0, 256, (size, size), dtype=np.uint8)
    if kind == 1:
        return np.where(rng.random((size, size)) < rng.uniform(0.01, 0.2), 0, 255).astype(np.uint8)
    return np.clip(rng.normal(200, rng.uniform(10, 60), (size, size)), 0, 255).astype(np.uint8)


def _shadow(rng: np.random.Generator) -> np.ndarray:
    """A blank page under uneven light: a smooth gradient or a soft shadow, a little noise."""
    size = 280
    y, x = np.mgrid[0:size, 0:size] / size
    angle = rng.uniform(0, 2 * math.pi)
    ramp = (x * math.cos(angle) + y * math.sin(angle))
    ramp = (ramp - ramp.min()) / (np.ptp(ramp) or 1)
    if rng.random() < 0.5:
        cx, cy, r = rng.uniform(0, 1, 3)
        ramp = np.exp(-(((x - cx) ** 2 + (y - cy) ** 2) / (0.1 + r) ** 2))
    page = 240 - rng.uniform(20, 90) * ramp + rng.normal(0, rng.uniform(0, 6), (size, size))
    return np.clip(page, 0, 255).astype(np.uint8)


def _pixels(rng: np.random.Generator) -> np.ndarray:
    """A speck: one to three dark pixels close together on a blank sheet."""
    image = np.full((280, 280), 255, dtype=np.uint8)
    k = int(rng.integers(1, 4))
    y, x = rng.integers(20, 260, 2)
    image[y + rng.integers(-3, 4, k), x + rng.integers(-3, 4, k)] = 0
    return image


def _blob(rng: np.random.Generator) -> np.ndarray:
    """A filled smudge: a thumb on the screen, a spilled drop."""
    im = Image.new("L", (280, 280), 255)
    cx, cy = rng.uniform(80, 200, 2)
    r = rng.uniform(25, 80, 2)
    ImageDraw.Draw(im).ellipse((cx - r[0], cy - r[1], cx + r[0], cy + r[1]), fill=0)
    return np.asarray(im, dtype=np.uint8).copy()


IMAGE_FAMILIES: dict[str, Callable[[np.random.Generator], np.ndarray]] = {
    "noise": _noise,
    "shadow": _shadow,
    "pixels": _pixels,
    "blob": _blob,
}

LETTERS = tuple(k for k in SHAPES if k not in SQUARE)
SYMBOLS = tuple(sorted(SQUARE))
FAMILIES = ("letter", "symbol", *STROKE_FAMILIES, *IMAGE_FAMILIES)


def sample(family: str, rng: np.random.Generator, media: tuple[str, ...] = ("mouse",)) -> np.ndarray:
    """One drawing of `family`; stroke drawings go through one of `media` (see `realistic.MEDIA`)."""
    from .realistic import MEDIA

    if family in IMAGE_FAMILIES:
        return IMAGE_FAMILIES[family](rng)
    if family == "letter":
        strokes = shape_strokes(str(rng.choice(LETTERS)), rng)
    elif family == "symbol":
        strokes = shape_strokes(str(rng.choice(SYMBOLS)), rng)
    else:
        strokes = STROKE_FAMILIES[family](rng)
    medium, variation = MEDIA[str(rng.choice(media))]
    return medium(st.write(strokes, st.random_writer(rng, variation)), rng)


# How often each family is drawn: letters and symbols are what people most often write by mistake
# (or on purpose) where a digit is expected, and the hardest to tell from one.
WEIGHTS = {"letter": 6, "symbol": 4, "scribble": 2, "scrub": 1, "line": 2}


def make_negatives(
    n: int, seed: int, media: tuple[str, ...] = ("mouse",), families: tuple[str, ...] = FAMILIES,
    finish: Callable[[np.ndarray], Any] | None = None,
) -> tuple[list[Any], list[str]]:
    """`n` drawings that are not digits, the families in turn (weighted by `WEIGHTS`), and the
    family of each; `finish`, if given, is applied to each image as soon as it is drawn."""
    rng = np.random.default_rng(seed)
    cycle = [f for f in families for _ in range(WEIGHTS.get(f, 1))]
    names = [cycle[i % len(cycle)] for i in range(n)]
    images = [sample(f, rng, media) if finish is None else finish(sample(f, rng, media)) for f in names]
    return images, names
