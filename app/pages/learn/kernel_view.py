"""The kernels of the network in training, redrawn as they change: C1's six 5x5 kernels, and the
first C3 kernels, each a row of six 5x5 slices (one per S2 map; a slice the paper's C3 table leaves
unconnected stays blank white). Blue is negative, red positive, white zero, on one symmetric scale
per layer, as on the feature-map panels."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from app.colormap import indexed_image, layer_limit, to_indices
from app.texts import Retranslating

if TYPE_CHECKING:
    from lenet_core.training_run import KernelSnapshot

CELL = 5  # a kernel's side in weights
GAP = 1  # blank columns (in weights) between kernels


def _row(kernels: np.ndarray, limit: float) -> np.ndarray:
    """(K, 5, 5) -> one (5, K*6-1) index strip with white gaps."""
    white = np.full((CELL, GAP), 127, np.uint8)
    parts: list[np.ndarray] = []
    for i, k in enumerate(kernels):
        if i:
            parts.append(white)
        parts.append(to_indices(k, limit))
    return np.concatenate(parts, axis=1)


class KernelView(Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("learn_kernels")
        self.snapshot: KernelSnapshot | None = None
        self._image: QImage | None = None
        self.setMinimumSize(160, 140)
        self.retranslate()

    def set_snapshot(self, snapshot: KernelSnapshot | None) -> None:
        self.snapshot = snapshot
        self._image = None if snapshot is None else self.render_image(snapshot)
        self.update()

    @staticmethod
    def render_image(snapshot: KernelSnapshot) -> QImage:
        """C1 on top, a blank line, then one line per C3 kernel; one pixel per weight."""
        c1 = _row(snapshot.c1, layer_limit(snapshot.c1))
        c3_limit = layer_limit(snapshot.c3)
        rows = [c1, np.full((GAP * 2, c1.shape[1]), 127, np.uint8)]
        for i, kernel in enumerate(snapshot.c3):
            if i:
                rows.append(np.full((GAP, c1.shape[1]), 127, np.uint8))
            rows.append(_row(kernel, c3_limit))
        return indexed_image(np.ascontiguousarray(np.concatenate(rows, axis=0)))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(240, 200)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        if self._image is None:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.tr("The kernels appear here once training starts."))
            return
        w, h = self._image.width(), self._image.height()
        scale = max(1, min(self.width() // w, self.height() // h))
        left, top = (self.width() - w * scale) // 2, (self.height() - h * scale) // 2
        target = QRect(left, top, w * scale, h * scale)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawImage(target, self._image)

    def retranslate(self) -> None:
        self.setToolTip(self.tr(
            "Top: the six C1 kernels. Below: the first C3 kernels, one row each, a 5x5 slice per S2 map. "
            "Blue is negative, red positive, white zero."
        ))
        self.update()
