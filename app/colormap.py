"""The one colour map of the feature-map panels: diverging, zero in the middle, per-layer symmetric range.

Activations of the classic model are signed (scaled tanh), the modern model's are not (ReLU); a
diverging map centred on zero shows both honestly: blue below zero, near-white at zero, red above.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor, QImage

# ColorBrewer RdBu, reversed: negative blue -> white -> positive red.
_ANCHORS = [
    "#053061",
    "#2166ac",
    "#4393c3",
    "#92c5de",
    "#d1e5f0",
    "#f7f7f7",
    "#fddbc7",
    "#f4a582",
    "#d6604d",
    "#b2182b",
    "#67001f",
]


def _build_table() -> list[int]:
    anchors = np.array([QColor(c).getRgb()[:3] for c in _ANCHORS], dtype=np.float64)  # type: ignore[index]
    positions = np.linspace(0.0, 1.0, len(anchors))
    steps = np.linspace(0.0, 1.0, 256)
    rgb = np.stack([np.interp(steps, positions, anchors[:, k]) for k in range(3)], axis=1).round()
    return [QColor(int(r), int(g), int(b)).rgb() for r, g, b in rgb]


COLOR_TABLE: list[int] = _build_table()
_COLOR_LUT = np.asarray(COLOR_TABLE, dtype=np.uint32)  # index -> 0xffRRGGBB, for numpy


def layer_limit(values: np.ndarray) -> float:
    """The symmetric range +-limit shared by every map of one layer, so its maps can be compared."""
    limit = float(np.abs(values).max()) if values.size else 0.0
    return limit if limit > 1e-12 else 1.0


def to_indices(values: np.ndarray, limit: float) -> np.ndarray:
    """Values in [-limit, limit] -> colour-table indices 0..255 (zero maps to the middle)."""
    scaled = np.clip(values / limit, -1.0, 1.0) * 127.5 + 127.5
    return np.ascontiguousarray(scaled.round().astype(np.uint8))


def indexed_image(indices: np.ndarray) -> QImage:
    """A (H, W) uint8 index array -> an owned RGB QImage in the shared colours.

    Looked up in numpy rather than given a colour table: an indexed image is converted again each
    time it is drawn scaled, and the maps are drawn for every stroke."""
    h, w = indices.shape
    data = np.ascontiguousarray(_COLOR_LUT[indices])
    return QImage(data.data, w, h, 4 * w, QImage.Format.Format_RGB32).copy()


def gray_image(values: np.ndarray, low: float, high: float, invert: bool = False) -> QImage:
    """A (H, W) float array -> an owned 8-bit grey QImage, low..high mapped to black..white."""
    span = high - low if high > low else 1.0
    grey = np.clip((values - low) / span, 0.0, 1.0)
    if invert:
        grey = 1.0 - grey
    data = np.ascontiguousarray((grey * 255.0).round().astype(np.uint8))
    h, w = data.shape
    return QImage(data.data, w, h, w, QImage.Format.Format_Grayscale8).copy()


def heat_image(values: np.ndarray, limit: float | None = None, opacity: float = 0.75) -> QImage:
    """A signed (H, W) map -> a see-through ARGB QImage to lay over a picture: red where positive, blue
    where negative, more opaque the larger |value| is (relative to `limit`, default the map's own)."""
    array = np.asarray(values, dtype=np.float32)
    scale = limit if limit is not None and limit > 0 else layer_limit(array)
    strength = np.clip(np.abs(array) / scale, 0.0, 1.0)
    h, w = array.shape
    rgba = np.zeros((h, w, 4), dtype=np.uint8)
    positive = array >= 0
    rgba[..., 0] = np.where(positive, 215, 33)
    rgba[..., 1] = np.where(positive, 48, 102)
    rgba[..., 2] = np.where(positive, 39, 172)
    rgba[..., 3] = (np.sqrt(strength) * opacity * 255).round().astype(np.uint8)
    data = np.ascontiguousarray(rgba)
    return QImage(data.data, w, h, 4 * w, QImage.Format.Format_RGBA8888).copy()
