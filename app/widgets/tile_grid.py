"""Small pictures in a grid with captions: the RBF prototypes beside F6, the C1 kernels, the C3 kernel grid.

A tile may be empty (None): the classic C3 grid leaves the pairs the paper's table does not connect
empty, rather than drawing a kernel of zeros. Row and column headers are optional; tiles keep their
aspect ratio and sharp pixels; one tile can be framed (the nearest prototype, the answer).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

FRAME_COLOR = QColor(33, 113, 181)
GAP = 6.0


class TileGrid(QWidget):
    def __init__(
        self,
        rows: int,
        columns: int,
        aspect: float = 1.0,
        parent: QWidget | None = None,
        max_tile: float = 96.0,
    ) -> None:
        super().__init__(parent)
        self._rows, self._columns, self._aspect = rows, columns, aspect  # aspect: width / height
        self._images: list[QImage | None] = [None] * (rows * columns)
        self._captions: list[str] = [""] * (rows * columns)
        self._tips: list[str] = [""] * (rows * columns)
        self._row_headers: list[str] = []
        self._column_headers: list[str] = []
        self._framed: int | None = None
        self._max_tile = max_tile
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)

    def set_tiles(
        self, images: list[QImage | None], captions: list[str] | None = None, tips: list[str] | None = None
    ) -> None:
        count = self._rows * self._columns
        self._images = (list(images) + [None] * count)[:count]
        self._captions = (list(captions or []) + [""] * count)[:count]
        self._tips = (list(tips or []) + [""] * count)[:count]
        self.update()

    def set_headers(self, rows: list[str], columns: list[str]) -> None:
        self._row_headers, self._column_headers = list(rows), list(columns)
        self.update()

    def set_framed(self, index: int | None) -> None:
        self._framed = index
        self.update()

    def framed(self) -> int | None:
        return self._framed

    def captions(self) -> list[str]:
        return list(self._captions)

    def images(self) -> list[QImage | None]:
        return list(self._images)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        width = self._columns * (40 * self._aspect + GAP) + self._left()
        return QSize(int(width), int(self._rows * (40 + self._caption_height() + GAP) + self._top()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(
            int(self._columns * (12 * self._aspect + 2) + self._left()),
            int(self._rows * (12 + self._caption_height()) + self._top()),
        )

    # == geometry ==================================================================================
    def _caption_height(self) -> float:
        return float(self.fontMetrics().height()) if any(self._captions) else 0.0

    def _left(self) -> float:
        if not self._row_headers:
            return 0.0
        return float(max(self.fontMetrics().horizontalAdvance(t) for t in self._row_headers) + 8)

    def _top(self) -> float:
        return float(self.fontMetrics().height() + 2) if self._column_headers else 0.0

    def tile_rect(self, index: int) -> QRectF:
        row, column = divmod(index, self._columns)
        left, top, caption = self._left(), self._top(), self._caption_height()
        cell_w = (self.width() - left) / self._columns
        cell_h = (self.height() - top) / self._rows
        height = min(self._max_tile, cell_h - caption - GAP, (cell_w - GAP) / self._aspect)
        width = height * self._aspect
        x = left + column * cell_w + (cell_w - width) / 2
        y = top + row * cell_h + (cell_h - caption - height) / 2
        return QRectF(x, y, max(2.0, width), max(2.0, height))

    def index_at(self, point: QPointF) -> int | None:
        for index in range(self._rows * self._columns):
            if self.tile_rect(index).adjusted(-2, -2, 2, 2).contains(point):
                return index
        return None

    # == painting ==================================================================================
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        text = self.palette().windowText().color()
        mid = self.palette().mid().color()
        for index, image in enumerate(self._images):
            rect = self.tile_rect(index)
            if image is not None and not image.isNull():
                painter.drawImage(rect, image)
                painter.setPen(mid)
                painter.drawRect(rect.adjusted(-0.5, -0.5, 0.5, 0.5))
            else:  # not connected: an empty place, a faint dot in the middle
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(mid)
                painter.drawEllipse(rect.center(), 1.5, 1.5)
                painter.setBrush(Qt.BrushStyle.NoBrush)
            if self._captions[index]:
                painter.setPen(text)
                cell = (self.width() - self._left()) / self._columns
                caption = QRectF(
                    rect.center().x() - cell / 2, rect.bottom() + 1, cell, self._caption_height()
                )
                painter.drawText(caption, Qt.AlignmentFlag.AlignCenter, self._captions[index])
            if index == self._framed:
                painter.setPen(QPen(FRAME_COLOR, 3.0))
                painter.drawRect(rect.adjusted(-2, -2, 2, 2))
        painter.setPen(text)
        for row, header in enumerate(self._row_headers):
            rect = self.tile_rect(row * self._columns)
            painter.drawText(
                QRectF(0, rect.y(), self._left() - 6, rect.height()),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                header,
            )
        for column, header in enumerate(self._column_headers):
            rect = self.tile_rect(column)
            painter.drawText(
                QRectF(rect.x() - GAP, 0, rect.width() + 2 * GAP, self._top()),
                Qt.AlignmentFlag.AlignCenter,
                header,
            )
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            help_event: QHelpEvent = event  # type: ignore[assignment]
            index = self.index_at(QPointF(help_event.pos()))
            tip = self._tips[index] if index is not None else self.toolTip()
            if tip:
                QToolTip.showText(help_event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
