"""The copy of an opened image that the sheet shows: decoded by Qt, scaled down when it is huge.

Qt refuses to decode an image above its allocation limit (256 MB: a 10000x10000 picture), and a full
decode of such a file takes seconds; the sheet needs a few hundred pixels. So the copy is made in the
inference worker's thread, right after the core has read the same file, and is at most
`DISPLAY_MAX_SIDE` pixels on its longer side.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QImageReader

from app.widgets.network_input import INPUT_RANGE

DISPLAY_MAX_SIDE = 2048  # enough for a sheet on a 4K screen
_limit_lock = threading.Lock()


@dataclass(frozen=True)
class OpenedImage:
    """A request to recognise a file and to make its display copy (both in the worker's thread)."""

    path: Path


def display_copy(path: str | Path, max_side: int = DISPLAY_MAX_SIDE) -> QImage:
    """The image at `path`, scaled to fit `max_side` (a null QImage when Qt cannot decode it)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)  # photos: the camera's rotation
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > max_side:
        reader.setScaledSize(size.scaled(max_side, max_side, Qt.AspectRatioMode.KeepAspectRatio))
        # Formats that cannot decode at a smaller size (PNG) decode in full first; the core has just
        # read the whole file, so it is known to be an image, not a decompression bomb.
        with _limit_lock:
            limit = QImageReader.allocationLimit()
            QImageReader.setAllocationLimit(0)
            try:
                return reader.read()
            finally:
                QImageReader.setAllocationLimit(limit)
    return reader.read()


def qimage_to_array(image: QImage) -> np.ndarray:
    """A QImage as an (H, W, 4) uint8 RGBA array: a format conversion, no resizing (the core does that)."""
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    width, height, stride = rgba.width(), rgba.height(), rgba.bytesPerLine()
    buffer = np.frombuffer(rgba.constBits(), dtype=np.uint8, count=stride * height)
    return buffer.reshape(height, stride)[:, : width * 4].reshape(height, width, 4).copy()


def placeholder_for(prediction: object) -> QImage:
    """What the sheet shows for a file the core read but Qt cannot decode: the network's 32x32 input."""
    network_input = getattr(prediction, "input", None)
    if network_input is None:
        image = QImage(32, 32, QImage.Format.Format_Grayscale8)
        image.fill(255)
        return image
    low, high = INPUT_RANGE  # paper, full ink
    ink = np.clip((np.asarray(network_input, dtype=np.float32) - low) / (high - low), 0.0, 1.0)
    grey = np.ascontiguousarray((255 - ink * 255).round().astype(np.uint8))
    height, width = grey.shape
    return QImage(grey.data, width, height, width, QImage.Format.Format_Grayscale8).copy()
