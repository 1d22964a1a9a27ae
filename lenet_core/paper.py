"""Photos and scans of a digit on paper: even out the light, drop the paper's printed lines, keep the ink.

A drawing made on a screen has a perfectly flat background, and `preprocess` reads its ink directly.
A photo does not: the light falls off across the sheet, a hand or the phone casts a shadow, the paper
has grain, the camera adds noise and blur, and exercise books are ruled or squared. Read directly,
all of that is "ink" (a shaded corner becomes a grey slab in the network's input). So for such images
the paper's own brightness is estimated everywhere, from the pixels that are not ink, and each pixel is
divided by it: the sheet becomes evenly white, ink in a shadow as dark as ink in the light. Noise is
then measured and cut, and long thin straight lines across the whole sheet are removed, except where a
pen stroke crosses them.

`looks_like_photo` decides, cheaply, whether an image needs this at all: screen drawings, MNIST digits
and clean images keep exactly the ink they always had.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

FLAT_TOLERANCE = 2.5 / 255  # paper that differs from the background level by less than this is flat
UNEVEN_SHARE = 0.25  # when more of the image's frame than this is off the background level: uneven
WORK_SIDE = 400  # photos are read at most this large (longer side): the digit ends up 20 px anyway
COARSE_SIDE = 100  # the paper's brightness is estimated at this resolution: it varies slowly
CLOSING = 0.07  # removes dark strokes up to twice this share of the image's shorter side
PAPER_WINDOW = 0.015  # the paper's brightness follows shadows over this share of the shorter side
MIN_INK = 0.2  # a photo's ink is this much darker than the paper (pencil too); shading and dirt less
NOISE_CUT = 4.0  # ink must stand out of the paper's noise by this many standard deviations
LINE_COVER = 0.6  # a printed line crosses at least this share of the sheet
LINE_ANGLES = np.radians(np.arange(-4.0, 4.01, 0.5))  # how far from level a sheet may be turned
MAX_LINE_THICKNESS = 0.012  # printed lines are thinner than this share of the sheet


def looks_like_photo(grey: np.ndarray, background: float) -> bool:
    """True when the image's frame is not one flat paper level: light, shadow, grain or noise.

    Screen drawings, MNIST digits and clean scans have a frame of exactly the background value (ink
    touching the edge changes only a small part of it); a photo's frame varies almost everywhere.
    """
    h, w = grey.shape
    frame = max(1, min(h, w) // 50)
    off = 0
    for side in (grey[:frame], grey[-frame:], grey[:, :frame], grey[:, -frame:]):
        off += np.count_nonzero(np.abs(side - np.float32(background)) > FLAT_TOLERANCE)
    return off > UNEVEN_SHARE * 2 * frame * (h + w)


def ink_is_unframed(ink: np.ndarray, threshold: float) -> bool:
    """True when ink runs across the image (edge to opposite edge) or along much of its frame.

    A digit drawn on a screen rarely touches two opposite edges; printed lines on paper and a shadow
    on an otherwise clean sheet do.
    """
    top, bottom = ink[0] > threshold, ink[-1] > threshold
    left, right = ink[:, 0] > threshold, ink[:, -1] > threshold
    if (top.any() and bottom.any()) or (left.any() and right.any()):
        return True
    touching = sum(np.count_nonzero(side) for side in (top, bottom, left, right))
    return touching > 0.1 * 2 * sum(ink.shape)


def ink_on_paper(grey: np.ndarray) -> np.ndarray | None:
    """Ink in [0, 1] (0 = paper) of a photographed or scanned sheet, at most `WORK_SIDE` pixels large.

    A sheet without ink (no mark `MIN_INK` darker than the paper around it) comes back as all paper.
    Returns None when the paper turns out to be evenly lit and clean after all: the caller then
    reads the image as a drawing.
    """
    work = _shrink(grey, WORK_SIDE)
    coarse = _shrink(work, COARSE_SIDE)
    dark_ink = _dark_ink(coarse)
    if not dark_ink:  # light ink on a dark board: the same reasoning on the negative
        work, coarse = 1.0 - work, 1.0 - coarse
    short = min(coarse.shape)
    # A first guess at the paper: the closing lifts every dark stroke narrower than the window to
    # the paper around it, and leaves the slow changes of light (and steps, such as a shadow's edge).
    rough = _close(coarse, max(1, round(CLOSING * short)))
    rough_work = _enlarge(rough, work.shape)
    contrast = 1.0 - work / np.maximum(rough_work, 1e-3)
    noise = _noise_level(contrast)
    ink_mask = contrast > max(NOISE_CUT * noise, 0.08)
    ink_mask = _dilate_mask(ink_mask, 1 + round(0.004 * max(work.shape)))
    # Then the paper's brightness from the paper alone: a local mean of the pixels that are not ink.
    paper = _paper_level(work, ~ink_mask, max(1, round(PAPER_WINDOW * min(work.shape))), rough_work)
    if float(paper.max() - paper.min()) < 0.04 and noise < FLAT_TOLERANCE and not _lines_present(ink_mask):
        return None
    # The camera's noise is added to the light, so it is cut in light units, before dividing by the
    # paper's brightness (which would make it larger in the shadows).
    darker = _box_mean(_despeckle(paper - work), 1)
    ink = np.clip(darker - NOISE_CUT * _noise_level(darker), 0.0, None) / np.maximum(paper, 1e-3)
    ink = remove_printed_lines(ink)
    ink = _keep_the_digit(ink)
    return _full_strength(ink).astype(np.float32)


# ------------------------------------------------------------------------------ printed lines


def remove_printed_lines(ink: np.ndarray) -> np.ndarray:
    """Erase ruled and squared lines: thin, straight, across the sheet; a stroke crossing them stays."""
    ink = _remove_level_lines(ink)
    return _remove_level_lines(ink.T).T


def _remove_level_lines(ink: np.ndarray) -> np.ndarray:
    """Lines running (nearly) left to right, whatever their number; the image is changed on a copy."""
    h, w = ink.shape
    peak = float(np.percentile(ink[ink > 0], 99)) if np.any(ink > 0) else 0.0
    if peak <= 0:
        return ink
    mask = ink > 0.05 * peak
    # Let a line that is not quite level, or slightly bent, stay on one row of the sheared image.
    mask[1:] |= mask[:-1].copy()
    mask[:-1] |= mask[1:].copy()
    # Inked pixels per row in blocks of columns, each block shifted as a whole for each slope tried.
    block = 16
    blocks = -(-w // block)
    counts = np.zeros((h, blocks * block), np.int32)
    counts[:, :w] = mask
    counts = counts.reshape(h, blocks, block).sum(axis=2)
    centres = (np.arange(blocks) + 0.5) * block - w / 2
    best_cover = np.zeros(h)
    best_slope = np.zeros(h)
    for angle in LINE_ANGLES:
        slope = float(np.tan(angle))
        rows = np.arange(h)[:, None] + np.round(centres * slope).astype(np.int64)[None, :]
        valid = (rows >= 0) & (rows < h)
        cover = np.where(valid, counts[np.clip(rows, 0, h - 1), np.arange(blocks)], 0).sum(axis=1) / w
        better = cover > best_cover
        best_cover[better], best_slope[better] = cover[better], slope
    max_thickness = 2 + max(1, round(MAX_LINE_THICKNESS * h))
    out = ink.copy()
    # Strongest lines first; rows within a line's reach of one already taken belong to it.
    taken = np.zeros(h, bool)
    for y in np.argsort(-best_cover, kind="stable"):
        if best_cover[y] < LINE_COVER:
            break
        if taken[max(0, y - max_thickness) : y + max_thickness + 1].any():
            continue
        taken[y] = True
        _erase_line(out, ink, int(y), float(best_slope[y]), max_thickness)
    return out


def _erase_line(out: np.ndarray, ink: np.ndarray, row: int, slope: float, reach: int) -> None:
    """Subtract one line, found near `row` with about `slope`, from the rows it covers.

    First its exact slope and cross-section: the typical ink (median over the sheet's width, which a
    few strokes crossing it do not move) at each distance from its centre. Then, along the rows it
    covers, the line's ink is what an opening along it leaves (the lowest ink over a stretch, which a
    stroke crossing it cannot lift). Where a stroke crosses, there is ink on both sides of the line,
    and that part of the stroke is kept whole.
    """
    h, w = ink.shape
    cols = np.arange(w)
    offsets = np.arange(-reach, reach + 1)
    some = cols[::3]
    best = (np.zeros(len(offsets)), slope)
    for fine in np.tan(np.arctan(slope) + np.radians(np.arange(-0.4, 0.41, 0.1))):
        centre = row + np.round((some - w / 2) * fine).astype(np.int64)
        profile = np.median(ink[np.clip(centre[None, :] + offsets[:, None], 0, h - 1), some], axis=1)
        if profile.max() > best[0].max():
            best = (profile, fine)
    profile, slope = best
    rows = np.clip(row + np.round((cols - w / 2) * slope).astype(np.int64)[None, :] + offsets[:, None], 0, h - 1)
    lit = np.flatnonzero(profile > 0.25 * profile.max())
    if profile.max() <= 0 or lit[-1] - lit[0] + 1 > reach:
        return  # nothing there, or too thick for a printed line: a long stroke of the digit
    first, last = max(lit[0] - 1, 0), min(lit[-1] + 1, len(offsets) - 1)
    rows = rows[first : last + 1]
    band = ink[rows, cols]
    stretch = max(2, round(0.02 * w))
    line = _running(_running(band, stretch, 1, np.minimum), stretch, 1, np.maximum)
    above = ink[np.clip(rows[0] - 1, 0, h - 1), cols]
    below = ink[np.clip(rows[-1] + 1, 0, h - 1), cols]
    crossing = np.minimum(above, below)
    cleaned = np.maximum(band - line, np.minimum(band, crossing))
    np.minimum.at(out, (rows, np.broadcast_to(cols, rows.shape)), cleaned)


def _lines_present(mask: np.ndarray) -> bool:
    return bool((mask.mean(axis=1) > LINE_COVER).any() or (mask.mean(axis=0) > LINE_COVER).any())


# ----------------------------------------------------------------------------- the digit itself


def _keep_the_digit(ink: np.ndarray) -> np.ndarray:
    """Drop stray marks (specks of dirt or noise, ends of lines) away from the digit's main body.

    Ink is gathered in cells of about 2% of the image; cells next to each other (or one apart, so
    that a digit's separate strokes stay together) form groups, and the groups holding a fair share
    of the heaviest group's ink are kept.
    """
    peak = float(ink.max())
    if peak <= 0:
        return ink
    h, w = ink.shape
    cell = max(2, round(0.02 * max(h, w)))
    gh, gw = -(-h // cell), -(-w // cell)
    padded = np.zeros((gh * cell, gw * cell), np.float32)
    padded[:h, :w] = np.where(ink > 0.2 * peak, ink, 0.0)
    mass = padded.reshape(gh, cell, gw, cell).sum(axis=(1, 3))
    labels = _label(_dilate_mask(mass > 0, 1)) * (mass > 0)
    totals = np.bincount(labels.ravel(), weights=mass.ravel())
    totals[0] = 0
    keep = totals >= 0.15 * totals.max()
    cells = _dilate_mask(keep[labels] & (labels > 0), 1)
    mask = np.repeat(np.repeat(cells, cell, axis=0), cell, axis=1)[:h, :w]
    return np.where(mask, ink, 0.0)


def _label(mask: np.ndarray) -> np.ndarray:
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


def _full_strength(ink: np.ndarray) -> np.ndarray:
    """Scale so that the strokes' own darkness (not one stray pixel) is full ink, as in MNIST.

    Marks fainter than `MIN_INK` are no ink at all: what a blank sheet leaves after the noise cut.
    """
    strokes = ink[ink > 0.3 * float(ink.max())]
    darkness = float(np.percentile(strokes, 95)) if strokes.size else 0.0
    if darkness < MIN_INK:
        return np.zeros_like(ink)
    return np.clip(ink / darkness, 0.0, 1.0)


# ------------------------------------------------------------------------------------- helpers


def _shrink(a: np.ndarray, side: int) -> np.ndarray:
    """Area-average `a` down so that its longer side is at most `side` (a copy if already small)."""
    h, w = a.shape
    scale = side / max(h, w)
    if scale >= 1:
        return a.astype(np.float32, copy=True)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    im = Image.fromarray(np.ascontiguousarray(a, dtype=np.float32), "F")
    return np.asarray(im.resize(size, Image.Resampling.BOX), dtype=np.float32)


def _enlarge(a: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    im = Image.fromarray(np.ascontiguousarray(a, dtype=np.float32), "F")
    return np.asarray(im.resize((shape[1], shape[0]), Image.Resampling.BILINEAR), dtype=np.float32)


def _dark_ink(coarse: np.ndarray) -> bool:
    """Whether the ink is darker than the paper.

    Measured against the local mean, so that neither a shadow nor a bright patch decides it: thin
    strokes stand far out of their neighbourhood on the ink's side, while the paper beside them is
    pulled only a little the other way.
    """
    detail = coarse - _box_mean(coarse, max(1, round(0.3 * min(coarse.shape))))
    lo, hi = np.percentile(detail, [1, 99])
    return bool(-lo >= 0.67 * hi)  # paper is usually lighter: light ink only on clear evidence


def _running(a: np.ndarray, radius: int, axis: int, pick) -> np.ndarray:
    """Running max or min over a window of 2 * radius + 1 along `axis`, in O(log radius) passes."""
    size = 2 * radius + 1
    pad = [(0, 0), (0, 0)]
    pad[axis] = (radius, radius)
    acc = np.moveaxis(np.pad(a, pad, mode="edge"), axis, 0)
    span = 1
    while span * 2 <= size:
        acc = pick(acc[:-span], acc[span:])
        span *= 2
    rest = size - span
    if rest:
        acc = pick(acc[:-rest], acc[rest:])
    return np.ascontiguousarray(np.moveaxis(acc, 0, axis))


def _close(a: np.ndarray, radius: int) -> np.ndarray:
    """Morphological closing by a square: dark marks narrower than the square are filled in.

    The image is first continued past its edges by odd reflection, which carries a gradient of light
    on: a corner in the shade would otherwise be filled with the light from its sides.
    """
    radius = min(radius, min(a.shape) - 1)
    a = np.pad(a, radius, mode="reflect", reflect_type="odd")
    grown = _running(_running(a, radius, 0, np.maximum), radius, 1, np.maximum)
    closed = _running(_running(grown, radius, 0, np.minimum), radius, 1, np.minimum)
    return closed[radius:-radius, radius:-radius] if radius else closed


def _dilate_mask(mask: np.ndarray, radius: int) -> np.ndarray:
    return _running(_running(mask, radius, 0, np.logical_or), radius, 1, np.logical_or)


def _box_mean(a: np.ndarray, radius: int) -> np.ndarray:
    """Mean over a (2r+1)-square window, the image's edge repeated beyond it."""
    out = a.astype(np.float64)
    for axis in (0, 1):
        pad = [(0, 0), (0, 0)]
        pad[axis] = (radius + 1, radius)
        c = np.cumsum(np.pad(out, pad, mode="edge"), axis=axis)
        n = c.shape[axis]
        size = 2 * radius + 1
        out = (np.take(c, range(size, n), axis=axis) - np.take(c, range(0, n - size), axis=axis)) / size
    return out


def _paper_level(work: np.ndarray, paper: np.ndarray, radius: int, fallback: np.ndarray) -> np.ndarray:
    """Local mean of the paper pixels (normalised convolution); `fallback` where there are too few."""
    weight = _box_mean(paper.astype(np.float32), radius)
    level = _box_mean(np.where(paper, work, 0.0), radius) / np.maximum(weight, 1e-6)
    return np.where(weight > 0.2, level, fallback).astype(np.float32)


def _noise_level(contrast: np.ndarray) -> float:
    """The paper's noise (a robust standard deviation) from the pixels near the paper level."""
    sample = contrast[::2, ::2].ravel()
    centre = float(np.median(sample))
    mad = float(np.median(np.abs(sample - centre)))
    return 1.4826 * mad


def _despeckle(a: np.ndarray) -> np.ndarray:
    """No pixel stands above all eight of its neighbours: isolated specks of noise go, lines stay."""
    padded = np.pad(a, 1, mode="edge")
    h, w = a.shape
    around = np.full_like(a, -np.inf)
    for dy in (0, 1, 2):
        for dx in (0, 1, 2):
            if dy != 1 or dx != 1:
                np.maximum(around, padded[dy : dy + h, dx : dx + w], out=around)
    return np.minimum(a, around)
