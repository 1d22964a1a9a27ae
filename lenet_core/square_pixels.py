"""Images enlarged with square pixels are read at their own resolution.

A coarse scan (8x8 cells with 17 grey levels, say) shown or saved at 280x280 by repeating each pixel is
one digit of 8x8 pixels, not a 280x280 drawing: its big flat grey blocks are not strokes, and where
they meet the frame they look like a photo's uneven paper. Such an image is taken back to one pixel per
block before anything else. Drawings, photos and MNIST digits are never changed: their edges are
anti-aliased, grainy or noisy, so no two neighbouring rows and columns are alike everywhere.
"""

from __future__ import annotations

import numpy as np


def _source_lines(image: np.ndarray, axis: int) -> tuple[np.ndarray, int] | None:
    """For the lines (rows: axis 0, columns: axis 1) of an image made of repeated lines: the index of
    one line per original line, and the repeat; None unless every run of equal lines is a whole
    number of repeats (to a pixel per original line, for scales that are not whole numbers)."""
    lines = image if axis == 0 else image.swapaxes(0, 1)  # a view: nothing copied yet
    n = len(lines)
    if n < 4:
        return None
    # The middle line of a drawing or a scan almost always crosses the ink and differs from both its
    # neighbours: a run of one, decided with two comparisons instead of all of them.
    middle = lines[n // 2]
    if (middle != lines[n // 2 - 1]).any() and (middle != lines[n // 2 + 1]).any():
        return None
    lines = lines.reshape(n, -1)
    changed = np.any(lines[1:] != lines[:-1], axis=1)
    # Any other line unlike both neighbours is a run of one too: not an enlargement (this runs for
    # every image the app reads, MNIST's 70,000 included, so the cheap tests come first).
    if changed[0] or changed[-1] or np.any(changed[1:] & changed[:-1]):
        return None
    starts = np.concatenate(([0], np.flatnonzero(changed) + 1))
    runs = np.diff(np.append(starts, n))
    repeat = int(runs.min())
    if repeat < 2 or len(runs) < 2:
        return None
    originals = np.maximum(np.rint(runs / repeat), 1).astype(np.int64)
    if np.any(np.abs(runs - originals * repeat) > originals):
        return None
    return np.repeat(starts, originals), repeat


def at_native_resolution(image: np.ndarray) -> tuple[np.ndarray, float, float]:
    """The image with one pixel per square block when it was enlarged so, else as it is; and the
    scale from the given image to the returned one (rows, columns)."""
    rows = _source_lines(image, 0)
    columns = _source_lines(image, 1)
    if rows is None or columns is None or abs(rows[1] - columns[1]) > 1:
        return image, 1.0, 1.0  # not blocks, or blocks that are not square: a drawing's own shapes
    small = image[rows[0]][:, columns[0]]
    return small, len(rows[0]) / image.shape[0], len(columns[0]) / image.shape[1]
