"""The confusion matrix, painted: rows the true digit, columns the digit the model gave (the last
column: no digit given). A click on a cell, a row's or a column's header picks the digits behind it.

Right answers are shaded green by the share of their row; wrong ones red on a log scale against the
worst cell, so that the single errors of a good model still show.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QHelpEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.texts import Retranslating, fill

ROWS, COLUMNS = 10, 11
NO_DIGIT = 10
RIGHT = QColor(46, 125, 50)
WRONG = QColor(198, 40, 40)
SELECTED = QColor(25, 118, 210)
Cell = tuple[int | None, int | None]  # (true digit, digit given); None: any


class ConfusionView(Retranslating, QWidget):
    cell_clicked = Signal(object, object)  # true digit or None, digit given (NO_DIGIT: none) or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confusion_matrix")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(300, 280)
        self.matrix = np.zeros((ROWS, COLUMNS), dtype=np.int64)
        self.selected: Cell | None = None
        self.retranslate()

    def set_matrix(self, matrix: np.ndarray) -> None:
        self.matrix = np.asarray(matrix, dtype=np.int64)
        self.update()

    def select(self, cell: Cell | None) -> None:
        self.selected = cell
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(420, 400)

    # -- geometry ---------------------------------------------------------------------------------
    def _grid(self) -> tuple[int, int, int]:
        """(left, top, side of a cell): two header columns/rows (title and digits) before the cells."""
        side = max(12, min((self.width() - 8) // (COLUMNS + 3), (self.height() - 8) // (ROWS + 3)))
        return 4 + 2 * side, 4 + 2 * side, side

    def cell_rect(self, true: int | None, given: int | None) -> QRect:
        """Where a cell is drawn; a header's rect when `true` or `given` is None."""
        left, top, side = self._grid()
        x = left + (given if given is not None else -1) * side
        y = top + (true if true is not None else -1) * side
        return QRect(x, y, side, side)

    def cell_at(self, point: QPoint) -> Cell | None:
        """The cell (or header) under a point; None outside the matrix and on the corner."""
        left, top, side = self._grid()
        column = math.floor((point.x() - left) / side)
        row = math.floor((point.y() - top) / side)
        if not (-1 <= column < COLUMNS and -1 <= row < ROWS) or (column, row) == (-1, -1):
            return None
        return (None if row < 0 else row, None if column < 0 else column)

    # -- events -----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        cell = self.cell_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and cell is not None:
            self.select(cell)
            self.cell_clicked.emit(*cell)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        over = self.cell_at(event.position().toPoint())
        self.setCursor(Qt.CursorShape.PointingHandCursor if over is not None else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cell = self.cell_at(event.pos())
            if cell is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.describe(*cell), self)
            return True
        return super().event(event)

    def describe(self, true: int | None, given: int | None) -> str:
        """What a cell holds, in words (its tooltip)."""
        count = int(self.matrix[true if true is not None else slice(None),
                                given if given is not None else slice(None)].sum())
        if true is not None and given is not None:
            if given == NO_DIGIT:
                return fill(self.tr("%1 × %2 given no digit"), count, true)
            if given == true:
                return fill(self.tr("%1 × %2 read right"), count, true)
            return fill(self.tr("%1 × %2 read as %3"), count, true, given)
        if true is not None:
            return fill(self.tr("All %1 digits labelled %2 (click to see them)"), count, true)
        if given == NO_DIGIT:
            return fill(self.tr("%1 digits given no digit"), count)
        return fill(self.tr("%1 digits read as %2"), count, given)

    # -- painting ---------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        left, top, side = self._grid()
        font = QFont(self.font())
        font.setPixelSize(max(8, int(side * 0.36)))
        painter.setFont(font)
        text_color = self.palette().windowText().color()
        row_totals = self.matrix.sum(axis=1)
        off = self.matrix.copy()
        off[np.arange(ROWS), np.arange(ROWS)] = 0
        most_wrong = math.log1p(max(int(off.max()), 1))
        for true in range(ROWS):
            for given in range(COLUMNS):
                rect = self.cell_rect(true, given)
                count = int(self.matrix[true, given])
                shade = QColor(RIGHT if given == true else WRONG)
                if given == true:  # by the share of the row read right
                    strength = count / row_totals[true] if row_totals[true] else 0.0
                else:  # by the count, on a log scale against the worst cell: one error still shows
                    strength = 0.15 + 0.7 * math.log1p(count) / most_wrong
                shade.setAlphaF(min(1.0, strength) * 0.85 if count else 0.0)
                painter.fillRect(rect, self.palette().base())
                painter.fillRect(rect, shade)
                painter.setPen(QColor(200, 200, 200))
                painter.drawRect(rect.adjusted(0, 0, -1, -1))
                if count:
                    dark = shade.alphaF() > 0.62
                    painter.setPen(QColor(255, 255, 255) if dark else text_color)
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(count))
        painter.setPen(text_color)
        for digit in range(ROWS):
            painter.drawText(self.cell_rect(digit, None), Qt.AlignmentFlag.AlignCenter, str(digit))
        for digit in range(COLUMNS):
            shown = "–" if digit == NO_DIGIT else str(digit)
            painter.drawText(self.cell_rect(None, digit), Qt.AlignmentFlag.AlignCenter, shown)
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        title_rect = QRect(left, 4, COLUMNS * side, side)
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignCenter, self._given_title)
        painter.save()
        painter.translate(4, top + ROWS * side)
        painter.rotate(-90)
        painter.drawText(QRect(0, 0, ROWS * side, side), Qt.AlignmentFlag.AlignCenter, self._true_title)
        painter.restore()
        if self.selected is not None:
            self._outline(painter, *self.selected)
        painter.end()

    def _outline(self, painter: QPainter, true: int | None, given: int | None) -> None:
        left, top, side = self._grid()
        if true is not None and given is not None:
            rect = self.cell_rect(true, given)
        elif true is not None:
            rect = QRect(left, top + true * side, COLUMNS * side, side)
        else:
            rect = QRect(left + (given or 0) * side, top, side, ROWS * side)
        pen = painter.pen()
        pen.setColor(SELECTED)
        pen.setWidth(3)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(1, 1, -2, -2))

    def retranslate(self) -> None:
        self._given_title = self.tr("Read as (– no digit)")
        self._true_title = self.tr("True digit")
        self.setToolTip("")
        self.update()
