"""The copy of an opened image that the sheet shows: decoded by Qt, scaled down when it is huge.

Qt refuses to decode an image above its allocation limit (256 MB: a 10000x10000 picture), and a full
decode of such a file takes seconds; the sheet needs a few hundred pixels. So the copy is made in the
inference worker's thread, right after the core has read the same file, and is at most
`DISPLAY_MAX_SIDE` pixels on its longer side.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QImageReader

DISPLAY_MAX_SIDE = 2048  # enough for a sheet on a 4K screen
_limit_lock = threading.Lock()


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
