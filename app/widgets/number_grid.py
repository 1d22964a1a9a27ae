"""A small table of real numbers, each cell tinted by its value: a 5x5 patch, a kernel, their products.

The tint uses the feature maps' colour map (blue negative, white zero, red positive) over a range the
caller gives, so a patch is tinted like the map it comes from. Cells too small for their number show
the colour only; hovering any cell shows its exact value.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.colormap import COLOR_TABLE, to_indices

HIGHLIGHT = QColor(245, 158, 11)


def _number(value: float) -> str:
    """Short enough for a cell and exact enough to add up by hand: three decimals below 1, fewer above
    (hover a cell for every digit)."""
    size = abs(value)
    if size >= 1000:
        return f"{value:.3g}"
    if size >= 100:
        return f"{value:.0f}"
    if size >= 10:
        return f"{value:.1f}"
    if size >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def format_number(value: float) -> str:
    return _number(float(value))


class NumberGrid(QWidget):
    def __init__(
        self, parent: QWidget | None = None, cell: QSize | None = None, numbers: bool = True
    ) -> None:
        super().__init__(parent)
        self._values = np.zeros((0, 0))
        self._limit = 1.0
        self._marked: tuple[int, int] | None = None
        self._numbers = numbers
        self._cell = cell or QSize(44, 20)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)

    def set_values(
        self, values: np.ndarray, limit: float | None = None, marked: tuple[int, int] | None = None
    ) -> None:
        """Show a 2-D array (a 1-D one as one row); `limit` is the colour range (default: its own)."""
        array = np.asarray(values, dtype=np.float64)
        self._values = array.reshape(1, -1) if array.ndim == 1 else array
        own = float(np.abs(self._values).max()) if self._values.size else 0.0
        self._limit = limit if limit is not None and limit > 0 else (own if own > 0 else 1.0)
        self._marked = marked
        self.updateGeometry()
        self.update()

    def values(self) -> np.ndarray:
        """The numbers shown, as given (the tests compare them with a forward pass of their own)."""
        return self._values.copy()

    def texts(self) -> list[list[str]]:
        return [[_number(v) for v in row] for row in self._values]

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        rows, cols = self._values.shape if self._values.size else (1, 1)
        return QSize(cols * self._cell.width() + 1, rows * self._cell.height() + 1)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return self.sizeHint()

    def _cell_rect(self, row: int, col: int) -> QRectF:
        w, h = self._cell.width(), self._cell.height()
        return QRectF(col * w, row * h, w, h)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        if not self._values.size:
            return
        painter = QPainter(self)
        indices = to_indices(self._values, self._limit)
        font = QFont(self.font())
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.82))
        painter.setFont(font)
        grid = self.palette().mid().color()
        for (row, col), value in np.ndenumerate(self._values):
            rect = self._cell_rect(row, col)
            color = QColor.fromRgb(COLOR_TABLE[int(indices[row, col])])
            painter.fillRect(rect, color)
            if self._numbers:
                dark = color.lightness() < 110
                painter.setPen(QColor(255, 255, 255) if dark else QColor(20, 20, 20))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, _number(float(value)))
        painter.setPen(QPen(grid, 1.0))
        rows, cols = self._values.shape
        for r in range(rows + 1):
            painter.drawLine(
                QPointF(0, r * self._cell.height()),
                QPointF(cols * self._cell.width(), r * self._cell.height()),
            )
        for c in range(cols + 1):
            painter.drawLine(
                QPointF(c * self._cell.width(), 0),
                QPointF(c * self._cell.width(), rows * self._cell.height()),
            )
        if self._marked is not None:
            painter.setPen(QPen(HIGHLIGHT, 2.5))
            painter.drawRect(self._cell_rect(*self._marked).adjusted(1, 1, -1, -1))
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self._values.size:
            help_event: QHelpEvent = event  # type: ignore[assignment]
            col = int(help_event.pos().x() // self._cell.width())
            row = int(help_event.pos().y() // self._cell.height())
            rows, cols = self._values.shape
            if 0 <= row < rows and 0 <= col < cols:
                QToolTip.showText(help_event.globalPos(), f"{self._values[row, col]:.6g}", self)
                return True
        return super().event(event)
