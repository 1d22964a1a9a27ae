"""Ruled and squared paper: find the printed lines in an ink map and take them out.

A printed line is thin, straight and crosses the whole sheet, nearly level or nearly upright (a
sheet photographed a little turned or in perspective tilts it by a few degrees). Lines are found by
shearing the ink map through a range of small slopes and counting, for each row, how much of the
width is inked: a printed line covers much of it, a digit's stroke only the digit's width. A line
is then divided out of the rows it covers, so that a pen stroke crossing it stays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

LINE_COVER = 0.45  # a printed line crosses at least this share of the sheet
SLOPES = np.tan(np.radians(np.arange(-4.0, 4.01, 0.5)))  # how far from level a sheet may be turned
MAX_THICKNESS = 0.012  # printed lines are thinner than this share of the sheet (plus 2 px of blur)
COLUMN_BLOCK = 16  # columns sheared together when searching: a line drifts < 1 px across a block


@dataclass(frozen=True)
class Line:
    rows: np.ndarray  # (k, width): the k rows of the ink map the line covers, at each column
    level: float  # the line's typical ink at its centre (whichever of its rows that is, column by column)


def find_lines(ink: np.ndarray, noise: float = 0.0) -> list[Line]:
    """The printed lines running (nearly) left to right through `ink` (0 = paper), strongest first.

    Ink up to `noise` may be the paper's noise: a line must stand out of it.
    """
    h, w = ink.shape
    positive = ink[ink > noise]
    if positive.size == 0:
        return []
    mask = ink > max(noise, 0.05 * float(np.percentile(positive, 99)))
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
        line = _fit_line(ink, int(y), float(slope_of[y]), reach, noise)
        if line is not None:
            lines.append(line)
    return lines


def _fit_line(ink: np.ndarray, row: int, slope: float, reach: int, noise: float) -> Line | None:
    """The exact slope and the rows of a line found near `row`; None if it is too thick to be printed.

    The line's cross-section is its typical ink at each distance from its centre: a low percentile
    along it, which the strokes crossing it (even a thick digit over much of its length) do not move.
    """
    h, w = ink.shape
    offsets = np.arange(-reach, reach + 1)
    sample = np.arange(0, w, 3)
    slopes = np.tan(np.arctan(slope) + np.radians(np.arange(-0.3, 0.31, 0.1)))
    # (slopes, offsets, samples): the ink along each candidate course of the line, all at once.
    rows = row + np.round((sample - w / 2) * slopes[:, None]).astype(np.int64)[:, None, :]
    rows = rows + offsets[None, :, None]
    inside = (rows >= 0) & (rows < h)  # past the image's edge there is no line
    courses = np.where(inside, ink[np.clip(rows, 0, h - 1), sample], 0.0)
    profiles = _low(courses)
    best = int(np.argmax(profiles.max(axis=1)))
    best_profile, best_slope, best_across = profiles[best], float(slopes[best]), courses[best]
    if best_profile.max() <= noise:
        return None
    faint = max(0.25 * best_profile.max(), noise)
    lit = np.flatnonzero(best_profile > faint)
    if lit[0] == 0 or lit[-1] == len(offsets) - 1 or lit[-1] - lit[0] + 1 > reach:
        return None  # no paper on both sides, or too thick for a printed line: a stroke of the digit
    # A printed line shows on its own, paper on both sides, over much of the sheet; the edge of a
    # long stroke never has paper on its inner side.
    before, after = best_across[max(lit[0] - 2, 0)], best_across[min(lit[-1] + 2, len(offsets) - 1)]
    alone = (before < faint) & (after < faint)
    if np.mean(alone & (best_across[lit].max(axis=0) > faint)) < 0.3:
        return None
    first, last = max(lit[0] - 2, 0), min(lit[-1] + 2, len(offsets) - 1)
    centre = row + np.round((np.arange(w) - w / 2) * best_slope).astype(np.int64)
    rows = np.clip(centre[None, :] + offsets[first : last + 1, None], 0, h - 1)
    # A thin line resampled when the photo was taken falls on one row here, two there: its peak over
    # the rows it covers is what stays the same along it.
    return Line(rows, float(_low(best_across[lit[0] : lit[-1] + 1].max(axis=0))))


def _low(a: np.ndarray) -> np.ndarray:
    """The 30th percentile along the last axis: what most of a line reaches, whatever crosses it."""
    k = int(0.3 * (a.shape[-1] - 1))
    return np.partition(a, k, axis=-1)[..., k]


def erase(ink: np.ndarray, lines: list[Line], noise: float = 0.0) -> np.ndarray:
    """`ink` without `lines`.

    A line's ink along its length is at most a little more than its typical ink (which varies where
    a thin line is resampled); more than that is a stroke crossing or running along it. Ink darkens
    the paper by multiplying, so the line is divided out: such a stroke keeps its own strength. What
    is left with no ink beside the line, above or below, was the line after all.
    """
    out = ink.copy()
    h, w = ink.shape
    cols = np.arange(w)
    for line in lines:
        band = ink[line.rows, cols]
        most = min(2.0 * line.level, line.level + 0.25, 0.95)
        printed = np.minimum(band, most)
        cleaned = np.clip((band - printed) / (1.0 - printed), 0.0, None)
        above = np.where(line.rows[0] > 0, ink[np.maximum(line.rows[0] - 1, 0), cols], 0.0)
        below = np.where(line.rows[-1] < h - 1, ink[np.minimum(line.rows[-1] + 1, h - 1), cols], 0.0)
        stroke = np.maximum(above, below) > max(line.level, noise)
        np.minimum.at(out, (line.rows, np.broadcast_to(cols, line.rows.shape)), cleaned * stroke)
    return out


def remove_printed_lines(ink: np.ndarray, noise: float = 0.0) -> np.ndarray:
    """Erase ruled and squared lines (level and upright); strokes crossing them stay."""
    # Both directions are found on the sheet as it is: once the level lines are erased, the upright
    # ones would have a gap at every crossing.
    level, upright = find_lines(ink, noise), find_lines(ink.T, noise)
    return erase(erase(ink, level, noise).T, upright, noise).T


def is_lined(ink: np.ndarray, at_least: int = 3) -> bool:
    """Whether `ink` holds a ruled or squared sheet's lines: several parallel ones, which no digit has."""
    return len(find_lines(ink)) >= at_least or len(find_lines(ink.T)) >= at_least
