"""Small image filters in numpy for the photo path: running extremes, box means, resizing.

Written for speed on whole images without scipy: a running max over a window of any size takes
O(log size) array passes, a box mean two cumulative sums.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PIL import Image

Pick = Callable[[np.ndarray, np.ndarray], np.ndarray]  # np.maximum, np.minimum, np.logical_or...


def running(a: np.ndarray, radius: int, axis: int, pick: Pick) -> np.ndarray:
    """`pick` (max, min, or) over a window of 2 * radius + 1 along `axis`; the edge value repeats."""
    if radius <= 0:
        return a
    size = 2 * radius + 1
    pad = [(0, 0), (0, 0)]
    pad[axis] = (radius, radius)
    acc = np.moveaxis(np.pad(a, pad, mode="edge"), axis, 0)
    span = 1
    while span * 2 <= size:  # windows of 1, 2, 4, ... from two windows of half the size
        acc = pick(acc[:-span], acc[span:])
        span *= 2
    rest = size - span
    if rest:
        acc = pick(acc[:-rest], acc[rest:])
    return np.ascontiguousarray(np.moveaxis(acc, 0, axis))


def square(a: np.ndarray, radius: int, pick: Pick) -> np.ndarray:
    """`pick` over a (2r+1)-square window: a dilation (max, or) or an erosion (min)."""
    return running(running(a, radius, 0, pick), radius, 1, pick)


def close(a: np.ndarray, radius: int) -> np.ndarray:
    """Morphological closing by a square: dark marks narrower than the square are filled in.

    The image is first continued past its edges by odd reflection, which carries a gradient of light
    on: a corner in the shade would otherwise be filled with the light from its sides.
    """
    radius = min(radius, min(a.shape) - 1)
    if radius <= 0:
        return a.copy()
    a = np.pad(a, radius, mode="reflect", reflect_type="odd")
    closed = square(square(a, radius, np.maximum), radius, np.minimum)
    return closed[radius:-radius, radius:-radius]


def box_mean(a: np.ndarray, radius: int) -> np.ndarray:
    """Mean over a (2r+1)-square window, the image's edge repeated beyond it."""
    out: np.ndarray = a.astype(np.float32)
    size = 2 * radius + 1
    for axis in (0, 1):
        pad = [(0, 0), (0, 0)]
        pad[axis] = (radius + 1, radius)
        c = np.moveaxis(np.cumsum(np.pad(out, pad, mode="edge"), axis=axis), axis, 0)
        out = np.moveaxis((c[size:] - c[:-size]) / size, 0, axis)
    return out


def shrink(a: np.ndarray, side: int) -> np.ndarray:
    """Area-average `a` down so that its longer side is at most `side` (a float32 copy if small)."""
    h, w = a.shape
    scale = side / max(h, w)
    if scale >= 1:
        return a.astype(np.float32, copy=True)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    im = Image.fromarray(np.ascontiguousarray(a, dtype=np.float32), "F")
    return np.asarray(im.resize(size, Image.Resampling.BOX), dtype=np.float32)


def enlarge(a: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Bilinear resize of a smooth float image to `shape` (height, width)."""
    im = Image.fromarray(np.ascontiguousarray(a, dtype=np.float32), "F")
    return np.asarray(im.resize((shape[1], shape[0]), Image.Resampling.BILINEAR), dtype=np.float32)


def despeckle(a: np.ndarray) -> np.ndarray:
    """No pixel stands above all eight of its neighbours: isolated specks of noise go, lines stay."""
    padded = np.pad(a, 1, mode="edge")
    h, w = a.shape
    around = np.full_like(a, -np.inf)
    for dy in (0, 1, 2):
        for dx in (0, 1, 2):
            if dy != 1 or dx != 1:
                np.maximum(around, padded[dy : dy + h, dx : dx + w], out=around)
    return np.minimum(a, around)


def label(mask: np.ndarray) -> np.ndarray:
    """Connected groups (4-neighbours) of a small boolean grid, numbered from 1; 0 = background."""
    labels = np.zeros(mask.shape, np.int64)
    h, w = mask.shape
    count = 0
    for start in zip(*np.nonzero(mask), strict=True):
        if labels[start]:
            continue
        count += 1
        labels[start] = count
        stack = [start]
        while stack:
            y, x = stack.pop()
            for ny, nx in ((y - 1, x), (y + 1, x), (y, x - 1), (y, x + 1)):
                if 0 <= ny < h and 0 <= nx < w and mask[ny, nx] and not labels[ny, nx]:
                    labels[ny, nx] = count
                    stack.append((ny, nx))
    return labels
