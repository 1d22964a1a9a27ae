"""Pen strokes as people produce them, and the media that turn them into the images the app reads.

A drawing is a list of strokes, each an (K, 2) array of (x, y) points, y down. `Writer` changes how
a digit is written (slant, width, rotation, a wobble, strokes that do not quite meet); the media
turn strokes into what the app receives:

* `canvas`: the app's own sheet, points replayed as mouse moves and painted like the canvas does
  (quadratic curves through the midpoints of the points, a round pen);
* `tablet`: a pen tablet that keeps only a few points per digit and joins its strokes into one line,
  then replayed on the canvas;
* `scan`: a low-resolution scan of the digit on paper (e.g. 8x8 pixels of 17 grey levels), perhaps
  enlarged with square pixels.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

Strokes = list[np.ndarray]
CANVAS = 280  # the app's drawing sheet, in pixels
CANVAS_PEN = 0.07 * CANVAS  # the app's default pen width (7 % of the sheet)


@dataclass(frozen=True)
class Writer:
    """One person's way of writing a digit; `random_writer` draws one."""

    slant: float = 0.0  # shear, x += slant * (up)
    aspect: float = 1.0  # width / height change
    rotate_deg: float = 0.0
    wobble: float = 0.0  # low-frequency displacement, in digit heights
    tremor: float = 0.0  # high-frequency displacement, in digit heights
    stroke_shift: float = 0.0  # each stroke moved on its own by up to this (strokes that do not meet)
    seed: int = 0


def random_writer(rng: np.random.Generator, scale: float = 1.0) -> Writer:
    shaky = rng.random() < 0.15
    return Writer(
        slant=float(rng.normal(0, 0.18 * scale)),
        aspect=float(math.exp(rng.normal(0, 0.15 * scale))),
        rotate_deg=float(rng.normal(0, 5 * scale)),
        wobble=float(abs(rng.normal(0, 0.01 * scale))),
        tremor=float(rng.uniform(0.004, 0.012) * scale) if shaky else 0.0,
        stroke_shift=float(abs(rng.normal(0, 0.015 * scale))) if rng.random() < 0.5 else 0.0,
        seed=int(rng.integers(2**31)),
    )


def bounds(strokes: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    pts = np.concatenate(strokes)
    return pts.min(axis=0), pts.max(axis=0)


def normalise(strokes: Sequence[np.ndarray]) -> Strokes:
    """Strokes moved and scaled so that the drawing is 1 high (or 1 wide, if wider) around (0, 0)."""
    lo, hi = bounds(strokes)
    size = float(max(hi - lo)) or 1.0
    centre = (lo + hi) / 2
    return [(np.asarray(s, dtype=np.float64) - centre) / size for s in strokes]


def resample(pts: np.ndarray, spacing: float) -> np.ndarray:
    """The polyline with points `spacing` apart along it (ends kept)."""
    pts = np.asarray(pts, dtype=np.float64)
    seg = np.linalg.norm(np.diff(pts, axis=0), axis=1)
    total = float(seg.sum())
    if len(pts) < 2 or total < 1e-9:
        return pts[:1].copy()
    s = np.concatenate([[0.0], np.cumsum(seg)])
    targets = np.linspace(0, total, max(2, math.ceil(total / spacing) + 1))
    return np.stack([np.interp(targets, s, pts[:, 0]), np.interp(targets, s, pts[:, 1])], axis=1)


def resample_count(pts: np.ndarray, n: int) -> np.ndarray:
    """Exactly `n` points, evenly spaced along the polyline."""
    seg = np.linalg.norm(np.diff(pts, axis=0), axis=1)
    s = np.concatenate([[0.0], np.cumsum(seg)])
    targets = np.linspace(0, s[-1], n)
    return np.stack([np.interp(targets, s, pts[:, 0]), np.interp(targets, s, pts[:, 1])], axis=1)


def _smooth_noise(rng: np.random.Generator, t: np.ndarray, amplitude: float, waves: float) -> np.ndarray:
    """A smooth random 2-D displacement along a curve parameter t in [0, 1]: a few random sines."""
    out = np.zeros((len(t), 2))
    for axis in (0, 1):
        for k in range(1, 4):
            f = waves * k * rng.uniform(0.6, 1.4)
            out[:, axis] += rng.normal(0, amplitude / k) * np.sin(2 * math.pi * f * t + rng.uniform(0, 6.3))
    return out


def write(strokes: Sequence[np.ndarray], writer: Writer) -> Strokes:
    """The drawing as `writer` writes it: normalised to height 1, then slanted, squeezed, wobbled."""
    rng = np.random.default_rng(writer.seed)
    out = []
    for s in normalise(strokes):
        s = resample(s, 0.01) if len(s) > 1 else s
        if writer.stroke_shift:
            s = s + rng.normal(0, writer.stroke_shift, 2)
        t = np.linspace(0, 1, len(s))
        if writer.wobble:
            s = s + _smooth_noise(rng, t, writer.wobble, 0.5)
        if writer.tremor:
            s = s + rng.normal(0, writer.tremor, s.shape)
        out.append(s)
    a = math.radians(writer.rotate_deg)
    cos, sin = math.cos(a), math.sin(a)
    result = []
    for s in out:
        x, y = s[:, 0] * writer.aspect, s[:, 1]
        x = x - writer.slant * y
        result.append(np.stack([cos * x - sin * y, sin * x + cos * y], axis=1))
    return normalise_height(result)


def normalise_height(strokes: Sequence[np.ndarray]) -> Strokes:
    """Centred on (0, 0), height 1 (digits are taller than wide; a wide one keeps its height 1 too)."""
    lo, hi = bounds(strokes)
    # A flat drawing (a dash, a wave) is scaled by its width instead.
    height = max(float(hi[1] - lo[1]), 0.6 * float(hi[0] - lo[0])) or 1.0
    centre = (lo + hi) / 2
    return [(s - centre) / height for s in strokes]


def place(
    strokes: Sequence[np.ndarray], rng: np.random.Generator, size: float = CANVAS,
    height: tuple[float, float] = (0.4, 0.85), margin: float = CANVAS_PEN,
) -> Strokes:
    """Scale a height-1 drawing to a random share of the sheet and put it somewhere on it."""
    lo, hi = bounds(strokes)
    scale = rng.uniform(*height) * size
    extent = (hi - lo) * scale
    if extent.max() > size - margin:
        scale *= (size - margin) / extent.max()
        extent = (hi - lo) * scale
    room = np.maximum(size - margin - extent, 0.0)
    origin = margin / 2 + rng.uniform(0, 1, 2) * room - lo * scale
    return [s * scale + origin for s in strokes]


# ------------------------------------------------------------------------------- the app's canvas


def canvas_path(points: np.ndarray, per_curve: int = 8) -> np.ndarray:
    """What the canvas paints for these mouse positions: quadratic curves through their midpoints.

    The same path as the app's `smooth_path`: from the first point straight to the first midpoint,
    then one quadratic curve per point (the point as control, the next midpoint as end), then a line
    to the last point. Returned as a dense polyline.
    """
    p = np.asarray(points, dtype=np.float64)
    if len(p) < 3:
        return p
    mids = (p[:-1] + p[1:]) / 2
    a, c, b = mids[:-1, None], p[1:-1, None], mids[1:, None]  # (K, 1, 2) each
    t = np.linspace(0, 1, per_curve + 1)[1:, None]  # (T, 1)
    curves = ((1 - t) ** 2 * a + 2 * (1 - t) * t * c + t**2 * b).reshape(-1, 2)
    return np.concatenate([p[:1], mids[:1], curves, p[-1:]])


def paint(strokes: Sequence[np.ndarray], size: int = CANVAS, width: float = CANVAS_PEN) -> np.ndarray:
    """Dense polylines painted with a round pen: (size, size) uint8, dark ink on white paper."""
    im = Image.new("L", (size, size), 255)
    draw = ImageDraw.Draw(im)
    r = width / 2
    for s in strokes:
        # A disc every third of a pen width covers every joint: far quicker than Pillow's own joints.
        pts = [(float(x), float(y)) for x, y in resample(s, max(0.5, width / 3)).tolist()]
        if len(pts) > 1:
            draw.line(pts, fill=0, width=max(1, round(width)))
        for x, y in pts:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=0)
    return np.asarray(im, dtype=np.uint8).copy()


def on_canvas(
    strokes: Sequence[np.ndarray], rng: np.random.Generator, spacing: tuple[float, float] = (3.0, 8.0),
    width: float = CANVAS_PEN, size: int = CANVAS, height: tuple[float, float] = (0.4, 0.85),
) -> np.ndarray:
    """A height-1 drawing replayed on the app's sheet as mouse moves `spacing` pixels apart."""
    placed = place(strokes, rng, size, height, margin=width)
    gap = rng.uniform(*spacing)
    moves = [resample(s, gap) for s in placed]
    return paint([canvas_path(m) for m in moves], size, width)


def tablet(
    strokes: Sequence[np.ndarray], rng: np.random.Generator, points: int = 8,
    width: float = CANVAS_PEN, size: int = CANVAS, height: tuple[float, float] = (0.55, 1.0),
) -> np.ndarray:
    """A pen tablet's coarse record: every stroke joined into one line, `points` points in all,
    spaced evenly along it, replayed on the app's sheet as one mouse drag."""
    joined = np.concatenate([s for s in strokes if len(s)])
    coarse = resample_count(joined, points)
    # A tablet's coordinates scaled to the whole sheet may run the pen up to its edge.
    margin = 0.0 if rng.random() < 0.3 else width
    placed = place([coarse], rng, size, height, margin=margin)
    return paint([canvas_path(placed[0])], size, width)


def scan(
    strokes: Sequence[np.ndarray], rng: np.random.Generator, cells: int = 8, levels: int = 17,
    fine: int = 32, enlarge: int = 1, dark_ink: bool = True, stretch: bool = False, fill: float = 1.0,
) -> np.ndarray:
    """A low-resolution scan: the digit drawn into a `fine` x `fine` binary grid (filling it), then
    each block of that grid counted into one of `cells` x `cells` pixels with `levels` grey levels,
    perhaps enlarged `enlarge` times with square pixels. uint8, ink dark (or light) as asked."""
    lo, hi = bounds(strokes)
    extent = hi - lo
    if stretch:
        scale = (fine - 1) * fill / np.maximum(extent, 1e-6)
        scale = np.minimum(scale, 6 * scale.min())  # a 1 is not stretched into a block
    else:
        scale = np.full(2, (fine - 1) * fill / max(float(extent.max()), 1e-6))
    offset = (fine - 1 - extent * scale) / 2
    pen = rng.uniform(0.06, 0.13) * fine
    big = 4  # draw at 4x, then threshold to the binary grid
    moved = [((s - lo) * scale + offset + 0.5) * big for s in strokes]
    ink = 255 - paint([resample(s, 1.0) for s in moved], fine * big, pen * big)
    binary = np.asarray(Image.fromarray(ink).resize((fine, fine), Image.Resampling.BOX)) > 100
    block = fine // cells
    counts = binary.reshape(cells, block, cells, block).mean(axis=(1, 3))
    grey = np.round(counts * (levels - 1)) / (levels - 1)
    image = np.round((1 - grey if dark_ink else grey) * 255).astype(np.uint8)
    if enlarge > 1:
        image = np.kron(image, np.ones((enlarge, enlarge), dtype=np.uint8))
    return image
