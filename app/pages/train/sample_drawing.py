"""Drawing a sample: a second canvas, the digit it shows (buttons 0-9 or the digit keys) and Add (Enter).

The digit stays chosen after Add, so a row of the same digit is: draw, Enter, draw, Enter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.texts import Retranslating, fill
from app.widgets.canvas import DrawingCanvas
from app.widgets.verdict import verdict

if TYPE_CHECKING:
    from lenet_core.recognizer import Prediction


class SampleDrawingPanel(Retranslating, QWidget):
    add_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sample_drawing")
        self.canvas = DrawingCanvas(self)
        self.canvas.setObjectName("sample_canvas")
        self.canvas.setAcceptDrops(False)  # samples are drawn here; images come in through Import
        # Clicking the sheet moves the keyboard focus into this tab, so the digit keys and Enter work.
        self.canvas.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

        self.digit_group = QButtonGroup(self)
        self.digit_group.setExclusive(True)
        digits = QGridLayout()
        digits.setSpacing(3)
        self.digit_buttons: list[QToolButton] = []
        for d in range(10):
            button = QToolButton(self)
            button.setObjectName(f"label_{d}")
            button.setText(str(d))
            button.setCheckable(True)
            button.setMinimumSize(34, 30)
            self.digit_group.addButton(button, d)
            self.digit_buttons.append(button)
            digits.addWidget(button, d // 5, d % 5)
        self.digit_group.idClicked.connect(self.set_label)

        self.label_display = QLabel(self)
        self.label_display.setObjectName("sample_label")
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("add_sample")
        self.add_button.clicked.connect(self.add_requested)
        self.undo_button = QToolButton(self)
        self.undo_button.setObjectName("undo_sample_stroke")
        self.undo_button.clicked.connect(self.canvas.undo)
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName("clear_sample")
        self.clear_button.clicked.connect(self.canvas.clear)
        self.canvas.undo_available.connect(self.undo_button.setEnabled)
        self.canvas.drawing_finished.connect(self._sync)
        self.canvas.cleared.connect(self._sync)

        row = QHBoxLayout()
        row.addWidget(self.label_display, 1)
        row.addWidget(self.undo_button)
        row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas, 1)
        layout.addLayout(digits)
        layout.addLayout(row)
        layout.addWidget(self.add_button)
        self.reading = QLabel(self)
        self.reading.setObjectName("sample_reading")
        self.reading.setWordWrap(True)
        layout.insertWidget(1, self.reading)
        self._label = -1
        self._can_store = True
        self._reading: Prediction | None = None
        self.retranslate()
        self._sync()

    def label(self) -> int | None:
        return None if self._label < 0 else self._label

    def set_label(self, digit: int) -> None:
        self._label = digit
        for d, button in enumerate(self.digit_buttons):
            button.setChecked(d == digit)
        self._retranslate_label()
        self._sync()

    def show_reading(self, prediction: Prediction | None) -> None:
        """What the model in use reads in the drawing (None: nothing drawn), as the Recognise page says it:
        a sample the model already reads right teaches it little."""
        self._reading = prediction
        self._retranslate_reading()

    def set_can_store(self, ok: bool) -> None:
        """Off while the samples database cannot be used (Add would only fail)."""
        self._can_store = ok
        self._sync()

    def _sync(self) -> None:
        self.undo_button.setEnabled(self.canvas.can_undo())
        self.add_button.setEnabled(self._can_store and self.canvas.has_drawing() and self._label >= 0)

    def retranslate(self) -> None:
        self.canvas.setToolTip(
            self.tr("Draw one digit (the right button erases), choose what it is, then Add (Enter)")
        )
        for d, button in enumerate(self.digit_buttons):
            button.setToolTip(fill(self.tr("This drawing is a %1 (key %1)"), str(d)))
        self.add_button.setText(self.tr("Add sample"))
        self.add_button.setToolTip(self.tr("Store the drawing with its digit and start a new one (Enter)"))
        self.undo_button.setText(self.tr("Undo stroke"))
        self.undo_button.setToolTip(self.tr("Take back the last stroke (Ctrl+Z)"))
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Start the drawing again (Esc)"))
        self._retranslate_label()
        self._retranslate_reading()

    def _retranslate_reading(self) -> None:
        said = verdict(self._reading)
        shown = said.correctable  # an answer about some ink: a digit, a close call, not a digit
        self.reading.setText(fill(self.tr("The model in use reads: %1"), said.headline) if shown else "")
        color = said.color
        self.reading.setStyleSheet(f"color: {color.name()};" if color is not None else "")
        self.reading.setToolTip(said.detail)

    def _retranslate_label(self) -> None:
        if self._label < 0:
            self.label_display.setText(self.tr("Digit: press 0-9"))
        else:
            self.label_display.setText(fill(self.tr("Digit: %1"), str(self._label)))

