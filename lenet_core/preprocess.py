"""MNIST's own recipe, the one path from any digit image to the network's 32x32 input.

LeCun, Cortes and Burges made MNIST by size-normalising each digit to fit a 20x20 box (keeping its
aspect ratio, anti-aliased), then centring it by its centre of mass in a 28x28 field; LeNet-5 reads it
padded to 32x32. Drawings are not NIST scans, so two steps come first: find the ink whatever its
polarity (or alpha), and bring the stroke width near MNIST's, so that a thin mouse line and a thick
finger smear reach the network alike. Applied to an MNIST digit, the whole recipe gives it back.
A photo or scan of paper (uneven light, shadow, noise, ruled lines) has its paper evened out first
(`paper.ink_on_paper`); anything with a flat background keeps exactly the ink it always had.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from PIL import Image

from . import paper, printed_lines
from .images import load_image
from .square_pixels import at_native_resolution

INPUT_SIZE = 32
FIELD = 28  # the MNIST field, centred in the input with a 2-pixel background margin
BOX = 20  # longer side of the digit after size normalisation
MNIST_CENTRE = 14.0  # where MNIST's centres of mass lie, in pixel indices of the 28x28 field

MIN_CONTRAST = 0.12  # ink must differ from the background by this much (of full scale) to count
INK_THRESHOLD = 0.2  # of full scale (the ink's peak is >= 0.9 by then): what counts for the bounding box
# Stroke width, measured in pixels of the 20-pixel box. MNIST's: median 2.0, 5-95% 1.3-3.1, and 92% of
# its digits lie inside this band, where a digit is left alone, so MNIST images pass through unchanged.
WIDTH_BAND = (1.2, 3.0)
WIDTH_TARGET = 2.2
WORK = 4 * BOX  # resolution at which the stroke width is corrected

BACKGROUND_VALUE = -0.1  # the paper's input mapping: background -0.1, ink 1.175
INK_VALUE = 1.175

ArrayOrTensor = TypeVar("ArrayOrTensor", bound=Any)  # a float32 numpy array or a torch tensor


def to_network_input(ink: ArrayOrTensor) -> ArrayOrTensor:
    """Map ink intensity in [0, 1] to the network's input range (mean about 0, variance about 1).

    Works on float32 numpy arrays and torch tensors alike, keeping the type.
    """
    return ink * (INK_VALUE - BACKGROUND_VALUE) + BACKGROUND_VALUE


def preprocess(image: np.ndarray | Image.Image | str | Path) -> np.ndarray | None:
    """Any digit image -> (32, 32) float32 ink intensity in [0, 1], or None when there is no ink.

    Raises `ImageError` for input that is not an image.
    """
    native, _, _ = at_native_resolution(load_image(image))
    ink = ink_intensity(native)
    if ink is None:
        return None
    return normalise_digit(ink)


@dataclass(frozen=True)
class Placement:
    """Where the source image landed in the 32x32 input: `input = source * scale + offset`, per axis.

    Coordinates are continuous pixel edges (pixel row r spans [r, r + 1)), in the pixel grid of the
    image given to `preprocess`, so a box maps by its corners. It lets a view point at the part of
    the drawing that a region of the input came from. Where the stroke width was corrected, strokes
    grew or thinned around their own centre lines, so the mapping holds to a fraction of a stroke.
    """

    scale_x: float
    scale_y: float
    offset_x: float
    offset_y: float

    def then(self, scale_x: float, scale_y: float, shift_x: float, shift_y: float) -> Placement:
        """This placement followed by another scaling and shift."""
        return Placement(
            self.scale_x * scale_x,
            self.scale_y * scale_y,
            self.offset_x * scale_x + shift_x,
            self.offset_y * scale_y + shift_y,
        )


def preprocess_placed(image: np.ndarray | Image.Image | str | Path) -> tuple[np.ndarray, Placement] | None:
    """`preprocess`, with where the image landed in the input; None when there is no ink."""
    native, scale_y, scale_x = at_native_resolution(load_image(image))
    ink = ink_intensity(native)
    if ink is None:
        return None
    digit, placement = normalise_digit_placed(ink)
    return digit, Placement(scale_x, scale_y, 0.0, 0.0).then(
        placement.scale_x, placement.scale_y, placement.offset_x, placement.offset_y
    )


def ink_intensity(image: np.ndarray) -> np.ndarray | None:
    """Ink in [0, 1] (0 = background) from a grey, RGB or RGBA float image; None if nothing is drawn."""
    if image.ndim == 3 and image.shape[2] == 4:
        alpha = image[:, :, 3]
        if float(alpha.min()) < 0.98:
            # Transparent background: the drawing is wherever the image is opaque, whatever its colour.
            return _normalise_contrast(alpha.copy())
        image = image[:, :, :3]
    grey = image if image.ndim == 2 else image @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    frame = _frame(grey)
    background = _median(frame)
    uneven = paper.frame_is_uneven(frame, background)
    ink = None if uneven else _ink_on_flat_paper(grey, background)
    if not uneven and (ink is None or not paper.ink_is_unframed(ink, INK_THRESHOLD)):
        return ink  # a drawing, an MNIST digit, a clean scan: read as it is
    # A photo, or ink running off the image (a shadow? the lines of ruled paper?): look closer.
    if paper.background_is_flat(grey, background):
        if uneven:  # many of the frame's pixels are ink, and all the rest is one level: a drawing
            ink = _ink_on_flat_paper(grey, background)
        if ink is None or not printed_lines.is_lined(ink):
            return ink
    return _normalise_contrast(paper.ink_on_paper(grey))


def _ink_on_flat_paper(grey: np.ndarray, background: float) -> np.ndarray | None:
    # Ink is whichever way lies further from the paper: dark on light or light on dark.
    darker, lighter = background - float(grey.min()), float(grey.max()) - background
    ink = (
        np.subtract(background, grey, dtype=np.float32) if darker > lighter else grey - np.float32(background)
    )
    return _normalise_contrast(np.maximum(ink, 0.0, out=ink))


def _median(values: np.ndarray) -> float:
    """np.median of a 1-D array, without its generic machinery (it runs for every image read)."""
    n = len(values)
    half = n // 2
    if n % 2:
        return float(np.partition(values, half)[half])
    part = np.partition(values, (half - 1, half))
    return float((part[half - 1] + part[half]) / 2)


def _frame(grey: np.ndarray) -> np.ndarray:
    """The pixels of the image's outer frame (2% of its shorter side, at least one pixel wide)."""
    h, w = grey.shape
    frame = max(1, min(h, w) // 50)
    return np.concatenate(
        [grey[:frame].ravel(), grey[-frame:].ravel(), grey[:, :frame].ravel(), grey[:, -frame:].ravel()]
    )


def _normalise_contrast(ink: np.ndarray) -> np.ndarray | None:
    peak = float(ink.max())
    if peak < MIN_CONTRAST:
        return None
    if peak < 0.9:
        ink /= peak  # a faint pencil line becomes full-strength ink, as in MNIST
    return ink


def normalise_digit(ink: np.ndarray) -> np.ndarray:
    """Crop, fix the stroke width, fit the longer side to 20 px, centre by mass in 28x28, pad to 32."""
    return normalise_digit_placed(ink)[0]


def normalise_digit_placed(ink: np.ndarray) -> tuple[np.ndarray, Placement]:
    """`normalise_digit`, with the placement of `ink`'s pixels in the result."""
    crop, (top, left) = _crop_to_ink(ink)
    placement = Placement(1.0, 1.0, -float(left), -float(top))
    width = stroke_width(crop) * BOX / max(crop.shape)
    if not WIDTH_BAND[0] <= width <= WIDTH_BAND[1]:
        crop, step = _correct_stroke_width(crop, width)
        placement = placement.then(*step)
    h, w = crop.shape
    longer = max(h, w)
    digit_w, digit_h = max(1, round(w * BOX / longer)), max(1, round(h * BOX / longer))
    digit = _resize(crop, digit_w, digit_h)
    # np.clip's own, without its wrapper's cost (this runs for every image read)
    field, (top, left) = _place_by_centre_of_mass(np.minimum(np.maximum(digit, 0.0), 1.0))
    return field, placement.then(digit_w / w, digit_h / h, float(left), float(top))


def _crop_to_ink(ink: np.ndarray) -> tuple[np.ndarray, tuple[int, int]]:
    """The box around the ink, and its top-left corner."""
    mask = ink > INK_THRESHOLD
    rows = np.nonzero(mask.any(axis=1))[0]
    cols = np.nonzero(mask.any(axis=0))[0]
    return ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1], (int(rows[0]), int(cols[0]))


def _correct_stroke_width(
    crop: np.ndarray, width: float
) -> tuple[np.ndarray, tuple[float, float, float, float]]:
    """Grow or thin the strokes towards MNIST's width, at 4x the box resolution, and crop again.

    Cropping again matters: MNIST's 20 px box holds the strokes' full thickness, so a thin line
    has to be thickened before the box is fitted, or it would end up larger than MNIST's digits.
    Also returns the step from `crop`'s pixels to the result's: (scale x, scale y, shift x, shift y).
    """
    h, w = crop.shape
    longer = max(h, w)
    work_w, work_h = max(1, round(w * WORK / longer)), max(1, round(h * WORK / longer))
    work = _resize(crop, work_w, work_h)
    peak = float(work.max())
    if 0 < peak <= INK_THRESHOLD:
        # A hairline in a large image can fade below the threshold when shrunk to the work size; it
        # would then leave nothing to crop. Restore its contrast, as `_normalise_contrast` does.
        work = work / peak
    # Grow or shrink the stroke on each side by half the difference.
    radius = round((WIDTH_TARGET - width) * (WORK / BOX) / 2)
    pad = max(radius, 0)
    if radius > 0:
        work = _dilate(_padded(work, radius), radius)
    elif radius < 0:
        thinned = _erode(work, -radius)
        # Never erode a blob away entirely: keep the thick version rather than nothing.
        if thinned.max() > 0.5:
            work = thinned
    recrop, (top, left) = _crop_to_ink(work)
    step = (work_w / w, work_h / h, float(pad - left), float(pad - top))
    return recrop, step


def stroke_width(ink: np.ndarray) -> float:
    """Mean stroke width in pixels: for long strokes, area / length, and length = perimeter / 2."""
    mask = _padded(ink > 0.5, 1)  # a blank border: edges on the image's rim count too
    area = np.count_nonzero(mask)
    if area == 0:
        return 0.0
    perimeter = np.count_nonzero(mask[1:] != mask[:-1]) + np.count_nonzero(mask[:, 1:] != mask[:, :-1])
    return 2.0 * area / max(int(perimeter), 1)


def _resize(a: np.ndarray, width: int, height: int) -> np.ndarray:
    if a.shape == (height, width):
        return a
    # Pillow's bilinear filter widens its support when shrinking: proper anti-aliasing, like MNIST's.
    im = Image.fromarray(np.ascontiguousarray(a, dtype=np.float32), mode="F")
    return np.asarray(im.resize((width, height), Image.Resampling.BILINEAR), dtype=np.float32)


def _padded(a: np.ndarray, radius: int) -> np.ndarray:
    """`a` with `radius` pixels of background (0, False) around it (np.pad's result, without its
    per-call cost)."""
    h, w = a.shape
    out = np.zeros((h + 2 * radius, w + 2 * radius), dtype=a.dtype)
    out[radius : radius + h, radius : radius + w] = a
    return out


def _shifted_extreme(a: np.ndarray, radius: int, pick) -> np.ndarray:
    # A square (2r+1) structuring element as two 1-D passes (rows, then columns, through the
    # transpose); outside the image is background.
    out = a
    for _ in range(2):
        n = out.shape[0]
        padded = np.zeros((n + 2 * radius, out.shape[1]), dtype=out.dtype)
        padded[radius : radius + n] = out
        acc = padded[:n].copy()
        for k in range(1, 2 * radius + 1):
            pick(acc, padded[k : k + n], out=acc)
        out = acc.T
    return out


def _dilate(a: np.ndarray, radius: int) -> np.ndarray:
    return _shifted_extreme(a, radius, np.maximum)


def _erode(a: np.ndarray, radius: int) -> np.ndarray:
    return _shifted_extreme(a, radius, np.minimum)


_INDICES = np.arange(BOX, dtype=np.float64)  # row or column numbers in a size-normalised digit


def _place_by_centre_of_mass(digit: np.ndarray) -> tuple[np.ndarray, tuple[int, int]]:
    """The 32x32 input, and where the digit's top-left corner lies in it."""
    h, w = digit.shape
    mass = float(digit.sum())
    cy = float((digit.sum(axis=1) * _INDICES[:h]).sum()) / mass
    cx = float((digit.sum(axis=0) * _INDICES[:w]).sum()) / mass
    # Integer shift, as MNIST did: no resampling blur, and an MNIST digit comes back pixel for pixel.
    top, left = round(MNIST_CENTRE - cy), round(MNIST_CENTRE - cx)
    # What falls outside the 28x28 field is cut off; the field lies in the middle of the input.
    fy0, fx0 = max(top, 0), max(left, 0)
    fy1, fx1 = min(top + h, FIELD), min(left + w, FIELD)
    margin = (INPUT_SIZE - FIELD) // 2
    padded = np.zeros((INPUT_SIZE, INPUT_SIZE), dtype=np.float32)
    padded[margin + fy0 : margin + fy1, margin + fx0 : margin + fx1] = digit[
        fy0 - top : fy1 - top, fx0 - left : fx1 - left
    ]
    return padded, (top + margin, left + margin)
