"""A widget that shows one small image enlarged with sharp pixels (nearest neighbour, no blur)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


def fitted_square(width: float, height: float, aspect: float) -> QRectF:
    """The largest rectangle of `aspect` (w / h) centred in a width x height area."""
    if width / max(height, 1e-9) > aspect:
        h = height
        w = h * aspect
    else:
        w = width
        h = w / aspect
    return QRectF((width - w) / 2, (height - h) / 2, w, h)


class MapImage(QWidget):
    """Paints its image as large as fits, keeping the aspect ratio; pixels stay square and sharp."""

    def __init__(self, parent: QWidget | None = None, minimum: int = 64) -> None:
        super().__init__(parent)
        self._image = QImage()
        self._caption = ""  # one line just above the picture
        self.setMinimumSize(minimum, minimum)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_image(self, image: QImage | None) -> None:
        self._image = image if image is not None else QImage()
        self.update()

    def image(self) -> QImage:
        return self._image

    def set_caption(self, caption: str) -> None:
        self._caption = caption
        self.update()

    def picture_rect(self) -> QRectF:
        """Where the picture is painted: as large as fits under the caption, centred."""
        top = float(self.fontMetrics().height() + 2) if self._caption else 0.0
        aspect = self._image.width() / self._image.height() if not self._image.isNull() else 1.0
        return fitted_square(self.width(), self.height() - top, aspect).translated(0, top)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(160, 160)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        # No SmoothPixmapTransform: enlarged pixels must stay pixels.
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        target = self.picture_rect()
        if self._caption:
            painter.setPen(self.palette().windowText().color())
            caption = QRectF(0, target.top() - self.fontMetrics().height() - 2, self.width(),
                             self.fontMetrics().height())
            painter.drawText(caption, Qt.AlignmentFlag.AlignCenter, self._caption)
        if self._image.isNull():
            painter.setPen(self.palette().mid().color())
            painter.drawRect(target.adjusted(0, 0, -1, -1))
        else:
            painter.drawImage(target, self._image)
            painter.setPen(self.palette().mid().color())
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(target.adjusted(0, 0, -1, -1))
        painter.end()
