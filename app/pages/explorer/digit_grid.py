"""The digits behind a confusion-matrix cell (or a change of model), as one list model and one
QListView in icon mode: thousands of rows cost a few bytes each, and a thumbnail is painted only
when its row comes into view (then cached).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPixmap
from PySide6.QtWidgets import QListView, QWidget

from app.pages.explorer.answer_worker import TEST_SET, DigitSet
from app.texts import fill
from app.widgets.qimage import from_grey

THUMB = 48
CACHE_LIMIT = 4000  # thumbnails kept (each a few KB); the grid shows a few hundred at a time
WRONG_TEXT = QColor(198, 40, 40)
FIXED_TEXT = QColor(46, 125, 50)

Index = QModelIndex | QPersistentModelIndex


class DigitListModel(QAbstractListModel):
    """Rows: indices into a DigitSet, in the order shown; text: the answer and its confidence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.digits: DigitSet | None = None
        self.predicted = np.zeros(0, np.int64)
        self.confidence = np.zeros(0, np.float32)
        self.before: np.ndarray | None = None  # the answers of the model compared with, if any
        self.rows = np.zeros(0, np.int64)
        self._thumbs: dict[int, QPixmap] = {}

    def set_digits(self, digits: DigitSet | None) -> None:
        self.beginResetModel()
        self.digits, self.rows, self._thumbs = digits, np.zeros(0, np.int64), {}
        self.endResetModel()

    def set_answers(self, predicted: np.ndarray, confidence: np.ndarray, before: np.ndarray | None) -> None:
        """New answers for the same digits: the texts change, the thumbnails stay."""
        self.predicted, self.confidence, self.before = predicted, confidence, before
        if len(self.rows):
            self.dataChanged.emit(self.index(0), self.index(len(self.rows) - 1))

    def set_rows(self, rows: np.ndarray) -> None:
        self.beginResetModel()
        self.rows = np.asarray(rows, dtype=np.int64)
        self.endResetModel()

    def digit_index(self, row: int) -> int:
        return int(self.rows[row])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.digits is None:
            return None
        i = int(self.rows[index.row()])
        label, given = int(self.digits.labels[i]), int(self.predicted[i])
        if role == Qt.ItemDataRole.DisplayRole:
            answer = "–" if given < 0 else str(given)
            return f"{answer} {self.confidence[i]:.0%}" if given >= 0 else answer
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbnail(i)
        if role == Qt.ItemDataRole.ForegroundRole:
            if self.before is not None and self.before[i] != label and given == label:
                return FIXED_TEXT
            return WRONG_TEXT if given != label else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._describe(i, label, given)
        if role == Qt.ItemDataRole.UserRole:
            return i
        return None

    def _describe(self, i: int, label: int, given: int) -> str:
        assert self.digits is not None
        if self.digits.kind == TEST_SET:
            what = fill(self.tr("Test digit #%1, labelled %2"), self.digits.ids[i], label)
        else:
            what = fill(self.tr("Your sample #%1, labelled %2"), self.digits.ids[i], label)
        if given < 0:
            answer = self.tr("no digit given")
        else:
            answer = fill(self.tr("read as %1 (%2 sure)"), given, f"{self.confidence[i]:.1%}")
        text = f"{what}: {answer}"
        if self.before is not None and int(self.before[i]) != given:
            before = "–" if self.before[i] < 0 else str(int(self.before[i]))
            text += "\n" + fill(self.tr("Before the fine-tune: %1"), before)
        return text + "\n" + self.tr("Double-click: put it on the Recognise page's sheet")

    def _thumbnail(self, i: int) -> QPixmap:
        pixmap = self._thumbs.get(i)
        if pixmap is None:
            assert self.digits is not None
            image = from_grey(np.ascontiguousarray(self.digits.paper(i)))
            pixmap = QPixmap.fromImage(
                image.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
            )
            if len(self._thumbs) >= CACHE_LIMIT:
                self._thumbs.clear()
            self._thumbs[i] = pixmap
        return pixmap


class DigitGrid(QListView):
    """The thumbnails; double-click or Enter asks for the digit to be shown on the sheet."""

    open_requested = Signal(int)  # index into the DigitSet

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("explorer_digits")
        self.digit_model = DigitListModel(self)
        self.setModel(self.digit_model)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setGridSize(QSize(THUMB + 18, THUMB + 24))
        self.setUniformItemSizes(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(400)
        self.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.doubleClicked.connect(self._open_index)

    def _open_index(self, index: QModelIndex) -> None:
        self.open_requested.emit(self.digit_model.digit_index(index.row()))

    def selected_digit(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        return self.digit_model.digit_index(rows[0].row()) if rows else None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            chosen = self.selected_digit()
            if chosen is not None:
                self.open_requested.emit(chosen)
                return
        super().keyPressEvent(event)
