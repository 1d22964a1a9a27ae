"""One map enlarged with a box on it: the window a kernel reads, or the unit it computes."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from app.widgets.map_image import MapImage

MARK_COLOR = QColor(245, 158, 11)


class MarkedMap(MapImage):
    def __init__(self, parent: QWidget | None = None, minimum: int = 48) -> None:
        super().__init__(parent, minimum)
        self._mark: tuple[int, int, int, int] | None = None

    def set_mark(self, mark: tuple[int, int, int, int] | None) -> None:
        """Rows [top, bottom) and columns [left, right) of the image to box; None: no box."""
        self._mark = mark
        self.update()

    def mark(self) -> tuple[int, int, int, int] | None:
        return self._mark

    def mark_rect(self) -> QRectF | None:
        image = self.image()
        if self._mark is None or image.isNull():
            return None
        target = self.picture_rect()
        step_x, step_y = target.width() / image.width(), target.height() / image.height()
        top, left, bottom, right = self._mark
        return QRectF(
            target.x() + left * step_x,
            target.y() + top * step_y,
            (right - left) * step_x,
            (bottom - top) * step_y,
        )

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        rect = self.mark_rect()
        if rect is None:
            return
        painter = QPainter(self)
        painter.setPen(QPen(QColor(0, 0, 0, 170), 3.0))
        painter.drawRect(rect)
        painter.setPen(QPen(MARK_COLOR, 1.6))
        painter.drawRect(rect)
        painter.end()
