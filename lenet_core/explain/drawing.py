"""From the 32x32 input back to the drawing: the same region, the same heat map, on the user's canvas.

`preprocess_placed` (in `lenet_core.preprocess`) records where the drawing landed in the input as a
scale and an offset per axis; inverting that affine map puts a receptive field or a saliency map
over the strokes that produced it. Input pixels in the 2-pixel margin, or outside the digit's box,
map to places beside the drawing's ink (possibly outside the image), which is where they belong.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from ..preprocess import Placement
from .units import Box


@dataclass(frozen=True)
class DrawingBox:
    """A rectangle in the drawing's pixels (continuous coordinates: pixel column c spans [c, c + 1))."""

    left: float
    top: float
    right: float
    bottom: float

    def clipped(self, width: int, height: int) -> DrawingBox:
        """The part inside a width x height image (empty boxes keep left == right or top == bottom)."""
        left, right = min(max(self.left, 0.0), width), min(max(self.right, 0.0), width)
        top, bottom = min(max(self.top, 0.0), height), min(max(self.bottom, 0.0), height)
        return DrawingBox(left, top, right, bottom)


def input_box_on_drawing(box: Box, placement: Placement) -> DrawingBox:
    """The region of the drawing that an input box (32x32 pixels) came from."""
    return DrawingBox(
        (box.left - placement.offset_x) / placement.scale_x,
        (box.top - placement.offset_y) / placement.scale_y,
        (box.right - placement.offset_x) / placement.scale_x,
        (box.bottom - placement.offset_y) / placement.scale_y,
    )


def drawing_point_in_input(x: float, y: float, placement: Placement) -> tuple[float, float]:
    """Where a point of the drawing (x, y in its pixels) lies in the 32x32 input."""
    return x * placement.scale_x + placement.offset_x, y * placement.scale_y + placement.offset_y


def input_map_on_drawing(values: np.ndarray, placement: Placement, size: tuple[int, int]) -> np.ndarray:
    """A (32, 32) map (a saliency heat map, a mask) resampled onto a drawing of `size` = (width, height).

    Bilinear, and zero outside the input's 32x32 square. Returns (height, width) float32.
    """
    width, height = size
    image = Image.fromarray(np.ascontiguousarray(values, dtype=np.float32), mode="F")
    # Pillow's affine transform asks, for each output (drawing) point, where it lies in the input,
    # both measured in pixel edges: exactly `drawing_point_in_input`.
    coefficients = (placement.scale_x, 0.0, placement.offset_x, 0.0, placement.scale_y, placement.offset_y)
    warped = image.transform(
        (width, height),
        Image.Transform.AFFINE,
        coefficients,
        resample=Image.Resampling.BILINEAR,
        fillcolor=0.0,
    )
    return np.asarray(warped, dtype=np.float32)
