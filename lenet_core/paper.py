"""Photos and scans of a digit on paper: even out the light, drop the printed lines, keep the ink.

A drawing made on a screen has a perfectly flat background, and `preprocess` reads its ink directly.
A photo does not: the light falls off across the sheet, a hand or the phone casts a shadow, the paper
has grain, the camera adds noise and blur, and exercise books are ruled or squared. Read directly,
all of that is "ink" (a shaded corner becomes a grey slab in the network's input). So for such images
the paper's own brightness is estimated everywhere, from the pixels that are not ink, and each pixel is
compared with it: the sheet becomes evenly white, ink in a shadow as dark as ink in the light. Noise
is then measured and cut, printed lines are taken out, and stray marks away from the digit dropped.

Which images need this is decided in two cheap steps, so that screen drawings, MNIST digits and other
clean images keep exactly the ink they always had: `frame_is_uneven` (the image's border is not one
flat level) and `ink_is_unframed` (ink runs off the image); only then `background_is_flat` looks at
every pixel.
"""

from __future__ import annotations

import numpy as np

from .filters import box_mean, close, despeckle, enlarge, label, shrink, square
from .printed_lines import remove_printed_lines

FLAT_TOLERANCE = 2.5 / 255  # paper that differs from the background level by less than this is flat
UNEVEN_SHARE = 0.25  # when more of the image's frame than this is off the background level: uneven
WORK_SIDE = 400  # photos are read at most this large (longer side): the digit ends up 20 px anyway
COARSE_SIDE = 100  # the paper's brightness is first estimated at this size: it varies slowly
CLOSING = 0.12  # the first estimate lifts dark strokes up to twice this share of the shorter side
PAPER_WINDOW = 0.015  # then the paper's brightness follows shadows this closely (share of the side)
NOISE_CUT = 4.0  # ink must stand out of the paper's noise by this many standard deviations
MIN_DIGIT = 0.05  # a digit is at least this share of the photo's shorter side tall (or wide)
MIN_INK = 0.2  # a photo's ink is this much darker than its paper (pencil too); shading, dirt less


def frame_is_uneven(frame: np.ndarray, background: float) -> bool:
    """True when the image's frame (its outer pixels) is not one flat paper level.

    Screen drawings, MNIST digits and clean scans have a frame of exactly the background value (ink
    touching the edge changes only a small part of it); a photo's frame varies almost everywhere:
    light, shadow, grain or noise.
    """
    off = np.count_nonzero(np.abs(frame - np.float32(background)) > FLAT_TOLERANCE)
    return bool(off > UNEVEN_SHARE * frame.size)


def ink_is_unframed(ink: np.ndarray, threshold: float) -> bool:
    """True when ink runs across the image (edge to opposite edge) or along much of its frame.

    A digit drawn on a screen rarely touches two opposite edges; printed lines on paper and a shadow
    on an otherwise clean sheet do.
    """
    top, bottom, left, right = (
        np.count_nonzero(side > threshold) for side in (ink[0], ink[-1], ink[:, 0], ink[:, -1])
    )
    if (top and bottom) or (left and right):
        return True
    return bool(top + bottom + left + right > 0.1 * 2 * sum(ink.shape))


def background_is_flat(grey: np.ndarray, background: float) -> bool:
    """True when everything but the ink and its anti-aliased edges is exactly the background level.

    So it is with anything drawn on a screen, however large or thick the digit, and never with a
    photo: noise, grain and shading move most of the paper off any one level.
    """
    step = max(1, max(grey.shape) // 400)  # every pixel of a drawing, a grid of them in a large photo
    off = np.abs(grey[::step, ::step] - np.float32(background))
    strong = off > 0.3 * float(off.max())
    near_ink = square(strong, max(1, -(-3 // step)), np.logical_or)
    rest = off[~near_ink]
    return rest.size == 0 or np.count_nonzero(rest > FLAT_TOLERANCE) <= 0.02 * rest.size


def ink_on_paper(grey: np.ndarray) -> np.ndarray:
    """Ink in [0, 1] (0 = paper) of a photographed or scanned sheet, at most `WORK_SIDE` pixels large.

    A sheet without ink (no mark `MIN_INK` darker than the paper around it) comes back all paper.
    """
    work = shrink(grey, WORK_SIDE)
    coarse = shrink(work, COARSE_SIDE)
    if not _dark_ink(coarse):  # light ink on a dark board: the same reasoning on the negative
        work, coarse = 1.0 - work, 1.0 - coarse
    # A first guess at the paper: the closing lifts every dark stroke narrower than its window to the
    # paper around it, and leaves the slow changes of light (and steps, such as a shadow's edge).
    rough = enlarge(close(coarse, max(1, round(CLOSING * min(coarse.shape)))), work.shape)
    contrast = 1.0 - work / np.maximum(rough, 1e-3)
    ink_mask = contrast > max(NOISE_CUT * _noise_level(contrast), 0.08)
    ink_mask = square(ink_mask, 1 + round(0.004 * max(work.shape)), np.logical_or)
    # Then the paper's brightness from the paper alone: a local mean of the pixels that are not ink.
    paper = _paper_level(work, ~ink_mask, max(1, round(PAPER_WINDOW * min(work.shape))), rough)
    # The camera's noise is added to the light, so it is cut in light units, before dividing by the
    # paper's brightness (which would make it larger in the shadows).
    darker = box_mean(despeckle(paper - work), 1)
    cut = NOISE_CUT * _noise_level(darker)
    paper = np.maximum(paper, 1e-3)
    # Printed lines come out first, whole, while their faint parts still show above the noise.
    contrast = remove_printed_lines(darker / paper, cut / float(np.median(paper)))
    ink = np.clip(contrast - cut / paper, 0.0, None)
    # The outermost pixels hold what the photo's frame cuts through (the end of a line running off
    # the sheet, the sheet's edge, a fingertip), never enough of a digit to matter.
    edge = max(2, round(0.01 * max(ink.shape)))
    ink[:edge], ink[-edge:], ink[:, :edge], ink[:, -edge:] = 0, 0, 0, 0
    ink = _keep_the_digit(ink)
    return _full_strength(ink).astype(np.float32)


def _dark_ink(coarse: np.ndarray) -> bool:
    """Whether the ink is darker than the paper.

    Measured against a wide local mean, so that neither a shadow nor a bright patch decides it: the
    strokes stand far out of their neighbourhood on the ink's side, while the paper beside them is
    pulled only a little the other way.
    """
    detail = coarse - box_mean(coarse, max(1, round(0.3 * min(coarse.shape))))
    lo, hi = np.percentile(detail, [1, 99])
    # Paper is usually the lighter: light ink only on clear evidence (a bright patch of light is not).
    return not (hi > 1.5 * -lo and hi > 0.15)


def _paper_level(work: np.ndarray, paper: np.ndarray, radius: int, fallback: np.ndarray) -> np.ndarray:
    """Local mean of the paper pixels (a normalised convolution); `fallback` where there are too few."""
    weight = box_mean(paper.astype(np.float32), radius)
    level = box_mean(np.where(paper, work, 0.0), radius) / np.maximum(weight, 1e-6)
    return np.where(weight > 0.2, level, fallback).astype(np.float32)


def _noise_level(a: np.ndarray) -> float:
    """The paper's noise in `a` (a robust standard deviation: most pixels are paper)."""
    sample = a[::2, ::2].ravel()
    return 1.4826 * float(np.median(np.abs(sample - np.median(sample))))


def _keep_the_digit(ink: np.ndarray) -> np.ndarray:
    """Drop stray marks (specks of dirt or noise, ends of lines) away from the digit's main body.

    Ink is gathered in cells of about 2% of the image; cells next to each other (or one apart, so
    that a digit's separate strokes stay together) form groups, and the groups holding a fair share
    of the heaviest group's ink are kept; if all they hold is a speck, there is no digit at all.
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
    groups = label(square(mass > 0, 1, np.logical_or)) * (mass > 0)
    totals = np.bincount(groups.ravel(), weights=mass.ravel())
    totals[0] = 0
    keep = totals >= 0.15 * totals.max()
    cells = square(keep[groups] & (groups > 0), 1, np.logical_or)
    ink = np.where(np.repeat(np.repeat(cells, cell, axis=0), cell, axis=1)[:h, :w], ink, 0.0)
    strong = ink > 0.2 * peak
    rows, cols = np.flatnonzero(strong.any(axis=1)), np.flatnonzero(strong.any(axis=0))
    if max(rows[-1] - rows[0], cols[-1] - cols[0]) + 1 < MIN_DIGIT * min(h, w):
        return np.zeros_like(ink)  # a speck, not a digit
    return ink


def _full_strength(ink: np.ndarray) -> np.ndarray:
    """Scale so that the strokes' own darkness (not one stray pixel) is full ink, as in MNIST.

    Marks fainter than `MIN_INK` are no ink at all: what a blank sheet leaves after the noise cut.
    """
    strokes = ink[ink > 0.3 * float(ink.max())]
    darkness = float(np.percentile(strokes, 95)) if strokes.size else 0.0
    if darkness < MIN_INK:
        return np.zeros_like(ink)
    return np.clip(ink / darkness, 0.0, 1.0)
