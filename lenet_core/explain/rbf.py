"""The classic model's RBF output: its ten 7x12 prototypes and the drawing's F6 in the same layout.

Each output unit measures the squared distance from the 84 F6 values to a fixed bitmap of its digit
(values -1 and +1, 12 rows of 7). Drawing F6 as a 7x12 picture beside the ten prototypes shows the
network's reading literally: F6 is pushed towards the bitmap of the digit it sees, and the nearest
bitmap wins.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..models import ClassicLeNet5, ModernLeNet5
from ..models.rbf_centres import HEIGHT, WIDTH

BITMAP_SHAPE = (HEIGHT, WIDTH)  # (12 rows, 7 columns); F6's 84 units in reading order


@dataclass(frozen=True)
class RbfComparison:
    """F6 beside the prototypes: `distances[d]` is output unit d, sum((f6 - prototype d)^2)."""

    f6: np.ndarray  # (12, 7) the drawing's F6 values, laid out like the prototypes
    prototypes: np.ndarray  # (10, 12, 7) values -1 (background) and +1 (ink)
    distances: np.ndarray  # (10,) lower is closer
    nearest: int  # the digit the classic model reads


def as_bitmap(f6: np.ndarray) -> np.ndarray:
    """84 F6 values (either model) as the 12 x 7 picture the RBF prototypes use."""
    values = np.asarray(f6, dtype=np.float64)
    if values.size != HEIGHT * WIDTH:
        raise ValueError(f"F6 has {HEIGHT * WIDTH} units; got {values.size} values")
    return values.reshape(BITMAP_SHAPE)


def prototypes(model: ClassicLeNet5 | ModernLeNet5) -> np.ndarray:
    """(10, 12, 7) the classic model's fixed RBF centres as bitmaps."""
    if not isinstance(model, ClassicLeNet5):
        raise ValueError("only the classic model has RBF prototypes; the modern one has a linear output")
    centres = model.get_buffer("output.centres").detach().cpu().double().numpy()
    return centres.reshape(10, *BITMAP_SHAPE)


def output_patterns(model: ClassicLeNet5 | ModernLeNet5) -> np.ndarray:
    """(10, 84) what each output unit compares F6 with: the classic model's prototypes, or the modern
    model's output weights (its linear layer has no prototypes; its weights play their part)."""
    if isinstance(model, ClassicLeNet5):
        return prototypes(model).reshape(10, -1)
    return model.get_parameter("output.weight").detach().cpu().double().numpy()


def rbf_comparison(model: ClassicLeNet5 | ModernLeNet5, activations: dict[str, np.ndarray]) -> RbfComparison:
    """The drawing's F6 against the ten prototypes, from one sample's activations (as a Prediction's)."""
    bitmaps = prototypes(model)
    f6 = as_bitmap(activations["F6"])
    distances = ((f6[None] - bitmaps) ** 2).sum(axis=(1, 2))
    return RbfComparison(f6, bitmaps, distances, int(np.argmin(distances)))
