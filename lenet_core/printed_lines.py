"""Ruled and squared paper: find the printed lines in an ink map and take them out.

A printed line is thin, straight and crosses the whole sheet, nearly level or nearly upright (a
sheet photographed a little turned or in perspective tilts it by a few degrees). Lines are found by
shearing the ink map through a range of small slopes and counting, for each row, how much of the
width is inked: a printed line covers most of it, a digit's stroke only the digit's width. A line
is then subtracted from the rows it covers, except where a pen stroke crosses it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .filters import running

LINE_COVER = 0.6  # a printed line crosses at least this share of the sheet
SLOPES = np.tan(np.radians(np.arange(-4.0, 4.01, 0.5)))  # how far from level a sheet may be turned
MAX_THICKNESS = 0.012  # printed lines are thinner than this share of the sheet (plus 2 px of blur)
COLUMN_BLOCK = 16  # columns sheared together when searching: a line drifts < 1 px across a block


@dataclass(frozen=True)
class Line:
    rows: np.ndarray  # (k, width): the k rows of the ink map the line covers, at each column


def find_lines(ink: np.ndarray) -> list[Line]:
    """The printed lines running (nearly) left to right through `ink` (0 = paper), strongest first."""
    h, w = ink.shape
    positive = ink[ink > 0]
    if positive.size == 0:
        return []
    mask = ink > 0.05 * float(np.percentile(positive, 99))
    # Let a line that is not quite level, or slightly bent, stay on one row of the sheared image.
    mask[1:] |= mask[:-1].copy()
    mask[:-1] |= mask[1:].copy()
    blocks = -(-w // COLUMN_BLOCK)
    counts = np.zeros((h, blocks * COLUMN_BLOCK), np.int32)
    counts[:, :w] = mask
    counts = counts.reshape(h, blocks, COLUMN_BLOCK).sum(axis=2)
    centres = (np.arange(blocks) + 0.5) * COLUMN_BLOCK - w / 2
    cover = np.zeros(h)
    slope_of = np.zeros(h)
    for slope in SLOPES:
        rows = np.arange(h)[:, None] + np.round(centres * slope).astype(np.int64)[None, :]
        inside = (rows >= 0) & (rows < h)
        c = np.where(inside, counts[np.clip(rows, 0, h - 1), np.arange(blocks)], 0).sum(axis=1) / w
        better = c > cover
        cover[better], slope_of[better] = c[better], slope
    reach = 2 + max(1, round(MAX_THICKNESS * h))
    lines = []
    taken = np.zeros(h, bool)
    for y in np.argsort(-cover, kind="stable"):
        if cover[y] < LINE_COVER:
            break
        if taken[max(0, y - reach) : y + reach + 1].any():
            continue  # a row beside a line already found belongs to it
        taken[y] = True
        line = _fit_line(ink, int(y), float(slope_of[y]), reach)
        if line is not None:
            lines.append(line)
    return lines


def _fit_line(ink: np.ndarray, row: int, slope: float, reach: int) -> Line | None:
    """The exact slope and the rows of a line found near `row`; None if it is too thick to be printed.

    The line's cross-section is its typical ink (the median across the sheet, which a few strokes
    crossing it do not move) at each distance from its centre.
    """
    h, w = ink.shape
    offsets = np.arange(-reach, reach + 1)
    sample = np.arange(0, w, 3)
    best_profile, best_slope = np.zeros(len(offsets)), slope
    for fine in np.tan(np.arctan(slope) + np.radians(np.arange(-0.2, 0.21, 0.1))):
        rows = row + np.round((sample - w / 2) * fine).astype(np.int64)[None, :] + offsets[:, None]
        inside = (rows >= 0) & (rows < h)  # past the image's edge there is no line
        profile = np.median(np.where(inside, ink[np.clip(rows, 0, h - 1), sample], 0.0), axis=1)
        if profile.max() > best_profile.max():
            best_profile, best_slope = profile, fine
    if best_profile.max() <= 0:
        return None
    lit = np.flatnonzero(best_profile > 0.25 * best_profile.max())
    if lit[-1] - lit[0] + 1 > reach:
        return None  # too thick for a printed line: a long stroke of the digit
    first, last = max(lit[0] - 1, 0), min(lit[-1] + 1, len(offsets) - 1)
    centre = row + np.round((np.arange(w) - w / 2) * best_slope).astype(np.int64)
    return Line(np.clip(centre[None, :] + offsets[first : last + 1, None], 0, h - 1))


def erase(ink: np.ndarray, lines: list[Line]) -> np.ndarray:
    """`ink` without `lines`: along a line, its ink is what an opening along it leaves (the lowest ink
    over a stretch, which a stroke crossing the line cannot lift); where a stroke crosses, with ink on
    both sides of the line, the stroke is kept whole."""
    out = ink.copy()
    h, w = ink.shape
    cols = np.arange(w)
    stretch = max(2, round(0.02 * w))
    for line in lines:
        band = ink[line.rows, cols]
        printed = running(running(band, stretch, 1, np.minimum), stretch, 1, np.maximum)
        # Beside the line, on either side; past the image's edge there is no stroke to keep.
        above = np.where(line.rows[0] > 0, ink[np.maximum(line.rows[0] - 1, 0), cols], 0.0)
        below = np.where(line.rows[-1] < h - 1, ink[np.minimum(line.rows[-1] + 1, h - 1), cols], 0.0)
        cleaned = np.maximum(band - printed, np.minimum(band, np.minimum(above, below)))
        np.minimum.at(out, (line.rows, np.broadcast_to(cols, line.rows.shape)), cleaned)
    return out


def remove_printed_lines(ink: np.ndarray) -> np.ndarray:
    """Erase ruled and squared lines (level and upright); strokes crossing them stay."""
    ink = erase(ink, find_lines(ink))
    return erase(ink.T, find_lines(ink.T)).T


def is_lined(ink: np.ndarray, at_least: int = 3) -> bool:
    """Whether `ink` holds a ruled or squared sheet's lines: several parallel ones, which no digit has."""
    return len(find_lines(ink)) >= at_least or len(find_lines(ink.T)) >= at_least
