"""QImage <-> numpy: a format conversion and a copy, never a resize (the core does the resizing)."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage


def to_array(image: QImage, channels: int = 1) -> np.ndarray:
    """(H, W) uint8 grey for `channels` 1, (H, W, 4) uint8 RGBA for 4; a copy the caller owns."""
    fmt = QImage.Format.Format_Grayscale8 if channels == 1 else QImage.Format.Format_RGBA8888
    converted = image.convertToFormat(fmt)
    width, height, stride = converted.width(), converted.height(), converted.bytesPerLine()
    buffer = np.frombuffer(converted.constBits(), dtype=np.uint8, count=stride * height)
    rows = buffer.reshape(height, stride)[:, : width * channels]
    return (rows if channels == 1 else rows.reshape(height, width, channels)).copy()


def from_grey(grey: np.ndarray) -> QImage:
    """An (H, W) uint8 array -> an owned 8-bit grey QImage."""
    data = np.ascontiguousarray(grey, dtype=np.uint8)
    height, width = data.shape
    return QImage(data.data, width, height, width, QImage.Format.Format_Grayscale8).copy()
