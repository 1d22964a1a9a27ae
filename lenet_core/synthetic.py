"""Handwriting-like digits drawn from pen strokes: test data that is deliberately *not* MNIST.

Each digit is a few strokes of control points in a unit box (x right, y down, the digit's height is 1);
a stroke is a chain of segments, either straight ("l": corners kept) or smooth ("c": a Catmull-Rom
curve through the points). Several named styles exist where people really write a digit differently
(a crossed 7, a European 1, an open or closed 4...), plus "plain" for every digit.

`strokes()` turns a style into canvas-pixel polylines with human-like variation (control-point noise,
slant, aspect, rotation, size, position), all drawn from a seeded numpy Generator so that every
figure is reproducible; `render()` rasterises them like the app's canvas (dark ink on white paper).
The same polylines drive simulated mouse drags in GUI tests, so points are spaced a few pixels apart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from .glyphs import GLYPH_WIDTH, GLYPHS, Glyph, Point

__all__ = ["GLYPHS", "GLYPH_WIDTH", "Glyph", "Point"]  # re-exported: the glyphs moved to their module

CANVAS = 280  # the app's drawing canvas, in pixels
DEFAULT_WIDTH = 18.0  # pen width at CANVAS size, close to the app's default brush

STYLES: dict[int, tuple[str, ...]] = {d: tuple(styles) for d, styles in GLYPHS.items()}


@dataclass(frozen=True)
class Jitter:
    """How much one writer's digit varies from the ideal glyph (canvas-independent units)."""

    point_noise: float = 0.035  # std of control-point displacement, in digit heights
    slant: float = 0.15  # std of the shear x += slant * (up)
    aspect: float = 0.12  # std of the log width/height change
    rotate_deg: float = 4.0  # std
    height: tuple[float, float] = (0.45, 0.85)  # digit height, share of the canvas
    width: tuple[float, float] = (12.0, 24.0)  # pen width at CANVAS size, in pixels


DEFAULT_JITTER = Jitter()
NO_JITTER = Jitter(0.0, 0.0, 0.0, 0.0, (0.7, 0.7), (DEFAULT_WIDTH, DEFAULT_WIDTH))


def styles(digit: int) -> tuple[str, ...]:
    """The named styles of a digit; "plain" is always first."""
    return STYLES[_check_digit(digit)]


def all_styles() -> list[tuple[int, str]]:
    return [(d, s) for d in range(10) for s in STYLES[d]]


def strokes(
    digit: int,
    style: str = "plain",
    rng: np.random.Generator | None = None,
    size: int = CANVAS,
    jitter: Jitter = DEFAULT_JITTER,
    spacing: float = 4.0,
) -> list[list[Point]]:
    """One handwritten-looking `digit` as pen strokes: polylines in canvas pixels (x right, y down).

    Consecutive points are about `spacing` pixels apart, ready to replay as mouse drags. Without `rng`
    the ideal glyph is drawn, centred (no randomness at all).
    """
    glyph = _glyph(digit, style)
    if rng is None:
        rng, jitter = np.random.default_rng(0), NO_JITTER
    noise = jitter.point_noise
    # One writer-level transform for the whole digit: slant, aspect, rotation (in digit-height units).
    shear = rng.normal(0, jitter.slant) if jitter.slant else 0.0
    aspect = math.exp(rng.normal(0, jitter.aspect)) if jitter.aspect else 1.0
    angle = math.radians(rng.normal(0, jitter.rotate_deg)) if jitter.rotate_deg else 0.0
    height = rng.uniform(*jitter.height) * size
    cos, sin = math.cos(angle), math.sin(angle)

    unit = unit_strokes(glyph, rng, noise)

    out: list[np.ndarray] = []
    for pts in unit:
        x = (pts[:, 0] - 0.5) * GLYPH_WIDTH * aspect
        y = pts[:, 1] - 0.5
        x = x - shear * y  # positive shear leans the top to the right
        xr, yr = cos * x - sin * y, sin * x + cos * y
        out.append(np.stack([xr, yr], axis=1) * height)
    # Place the digit so that it lies inside the canvas with a margin for the pen.
    allpts = np.concatenate(out)
    lo, hi = allpts.min(axis=0), allpts.max(axis=0)
    margin = jitter.width[1] / 2 * size / CANVAS + 2
    room_lo = margin - lo
    room_hi = size - margin - hi
    offset = np.array(
        [rng.uniform(a, b) if b > a else (a + b) / 2 for a, b in zip(room_lo, room_hi, strict=True)]
    ) if jitter is not NO_JITTER else (room_lo + room_hi) / 2
    return [[(float(px), float(py)) for px, py in _resample(s + offset, spacing)] for s in out]


def pen_width(
    rng: np.random.Generator | None = None, size: int = CANVAS, jitter: Jitter = DEFAULT_JITTER
) -> float:
    """A random pen width for `size`, or the default when no rng is given."""
    w = DEFAULT_WIDTH if rng is None else rng.uniform(*jitter.width)
    return w * size / CANVAS


def render(
    strokes: Sequence[Sequence[Point]],
    size: int = CANVAS,
    width: float = DEFAULT_WIDTH,
    background: int = 255,
    ink: int = 0,
) -> np.ndarray:
    """Rasterise strokes with a round pen: an (size, size) uint8 image, ink on background."""
    im = Image.new("L", (size, size), background)
    draw = ImageDraw.Draw(im)
    r = width / 2
    for stroke in strokes:
        pts = [(float(x), float(y)) for x, y in stroke]
        if len(pts) > 1:
            draw.line(pts, fill=ink, width=max(1, round(width)))
        # A disc at every point: round caps and joints (Pillow's own joints leave hairline gaps).
        for x, y in pts:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=ink)
    return np.asarray(im, dtype=np.uint8).copy()


def sample(
    digit: int, style: str, rng: np.random.Generator, size: int = CANVAS, jitter: Jitter = DEFAULT_JITTER
) -> np.ndarray:
    """One rendered digit with a random pen width."""
    return render(strokes(digit, style, rng, size, jitter), size, pen_width(rng, size, jitter))


def make_set(
    digit: int, style: str, n: int, seed: int, size: int = CANVAS, jitter: Jitter = DEFAULT_JITTER,
    mirror: bool = False,
) -> tuple[list[np.ndarray], np.ndarray]:
    """`n` rendered digits of one style and their labels, reproducible from `seed`. With `mirror`,
    written back to front, as children learning to write often do (a style no model is trained on:
    the one a user teaches it by fine-tuning)."""
    rng = np.random.default_rng(seed)
    images = [sample(digit, style, rng, size, jitter) for _ in range(n)]
    if mirror:
        images = [np.ascontiguousarray(im[:, ::-1]) for im in images]
    return images, np.full(n, digit, dtype=np.int64)


# ------------------------------------------------------------------------------------------ helpers


def _check_digit(digit: int) -> int:
    if not isinstance(digit, (int, np.integer)) or not 0 <= int(digit) <= 9:
        raise ValueError(f"digit must be an integer 0-9, got {digit!r}")
    return int(digit)


def _glyph(digit: int, style: str) -> Glyph:
    d = _check_digit(digit)
    if style not in GLYPHS[d]:
        raise ValueError(f"digit {d} has no style {style!r}; choose one of {', '.join(GLYPHS[d])}")
    return GLYPHS[d][style]


def glyph_strokes(
    digit: int, style: str = "plain", rng: np.random.Generator | None = None, point_noise: float = 0.0
) -> list[np.ndarray]:
    """A style's strokes as (K, 2) arrays in its box 1 high (x over about 0..GLYPH_WIDTH), each
    control point moved by `point_noise` (in digit heights) when an `rng` is given."""
    glyph = _glyph(digit, style)
    unit = unit_strokes(glyph, rng or np.random.default_rng(0), point_noise if rng is not None else 0.0)
    return [s * np.array([GLYPH_WIDTH, 1.0]) for s in unit]


def unit_strokes(glyph: Glyph, rng: np.random.Generator, noise: float) -> list[np.ndarray]:
    unit_strokes: list[np.ndarray] = []
    for stroke in glyph:
        pieces = []
        shift_prev = None
        for kind, pts in stroke:
            ctrl = np.asarray(pts, dtype=np.float64)
            displacement = rng.normal(0, noise, ctrl.shape) if noise else np.zeros_like(ctrl)
            if shift_prev is not None:
                displacement[0] = shift_prev  # segments of a stroke stay joined
            shift_prev = displacement[-1]
            ctrl = ctrl + displacement
            pieces.append(_catmull_rom(ctrl) if kind == "c" and len(ctrl) > 2 else ctrl)
        unit_strokes.append(np.concatenate(pieces))
    return unit_strokes


def _catmull_rom(ctrl: np.ndarray, per_segment: int = 8) -> np.ndarray:
    """A smooth curve through every control point (centripetal end handling by point reflection)."""
    p = np.concatenate([2 * ctrl[:1] - ctrl[1:2], ctrl, 2 * ctrl[-1:] - ctrl[-2:-1]])
    t = np.linspace(0, 1, per_segment, endpoint=False)[:, None]
    out = []
    for i in range(1, len(p) - 2):
        p0, p1, p2, p3 = p[i - 1], p[i], p[i + 1], p[i + 2]
        out.append(
            0.5 * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t**2
                   + (-p0 + 3 * p1 - 3 * p2 + p3) * t**3)
        )
    out.append(ctrl[-1:])
    return np.concatenate(out)


def _resample(pts: np.ndarray, spacing: float) -> np.ndarray:
    """The polyline with points about `spacing` apart (corners kept to within that spacing)."""
    seg = np.linalg.norm(np.diff(pts, axis=0), axis=1)
    total = float(seg.sum())
    if total < 1e-9:
        return pts[:1].copy()
    s = np.concatenate([[0.0], np.cumsum(seg)])
    n = max(2, math.ceil(total / spacing) + 1)
    targets = np.linspace(0, total, n)
    # Keep the corner vertices too, so sharp corners (the 7's elbow, the 4's top) stay sharp.
    d = np.diff(pts, axis=0)
    turn = np.einsum("ij,ij->i", d[:-1], d[1:]) < 0.7 * seg[:-1] * seg[1:]  # turns by > ~45 degrees
    targets = np.union1d(targets, s[1:-1][turn])
    return np.stack([np.interp(targets, s, pts[:, 0]), np.interp(targets, s, pts[:, 1])], axis=1)
