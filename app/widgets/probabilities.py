"""The verdict: the top digit large with its confidence, and the ten class probabilities as bars."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.config import UNCERTAIN_BELOW

BAR_COLOR = QColor(67, 147, 195)
TOP_COLOR = QColor(178, 24, 43)
UNCERTAIN_COLOR = QColor(150, 150, 150)


class ProbabilityBars(QWidget):
    """Ten horizontal bars, one per digit; the winner is highlighted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("probability_bars")
        self._probabilities: np.ndarray | None = None
        self._uncertain = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 180)

    def set_probabilities(self, probabilities: np.ndarray | None, uncertain: bool = False) -> None:
        self._probabilities = None if probabilities is None else np.asarray(probabilities, dtype=np.float64)
        self._uncertain = uncertain
        self.update()

    def probabilities(self) -> np.ndarray | None:
        return self._probabilities

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(220, 240)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        row = self.height() / 10
        label_width = 18.0
        value_width = 52.0
        track = max(10.0, self.width() - label_width - value_width - 8)
        top = int(np.argmax(self._probabilities)) if self._probabilities is not None else -1
        text_color = self.palette().windowText().color()
        for digit in range(10):
            y = digit * row
            painter.setPen(text_color)
            painter.drawText(QRectF(0, y, label_width, row), Qt.AlignmentFlag.AlignCenter, str(digit))
            bar_area = QRectF(label_width + 4, y + row * 0.2, track, row * 0.6)
            painter.fillRect(bar_area, self.palette().alternateBase())
            if self._probabilities is None:
                continue
            p = float(self._probabilities[digit])
            color = (UNCERTAIN_COLOR if self._uncertain else TOP_COLOR) if digit == top else BAR_COLOR
            painter.fillRect(QRectF(bar_area.x(), bar_area.y(), track * p, bar_area.height()), color)
            painter.drawText(
                QRectF(label_width + 8 + track, y, value_width, row),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                f"{100 * p:.1f} %",
            )
        painter.end()


class PredictionView(QWidget):
    """The top digit in large type with its confidence (or a prompt, or 'uncertain'), over the bars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("prediction")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.digit = QLabel(self)
        self.digit.setObjectName("predicted_digit")
        self.digit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(self.digit.font())
        font.setPointSizeF(font.pointSizeF() * 4.5)
        font.setBold(True)
        self.digit.setFont(font)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("verdict")
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict.setWordWrap(True)
        self.bars = ProbabilityBars(self)
        layout.addWidget(self.digit)
        layout.addWidget(self.verdict)
        layout.addWidget(self.bars, 1)
        self._prediction: object | None = None
        self._show()

    def set_prediction(self, prediction: object | None) -> None:
        self._prediction = (
            prediction if prediction is not None and getattr(prediction, "is_digit", False) else None
        )
        self._show()

    def is_uncertain(self) -> bool:
        confidence = getattr(self._prediction, "confidence", None)
        return confidence is not None and confidence < UNCERTAIN_BELOW

    def _show(self) -> None:
        prediction = self._prediction
        if prediction is None:
            self.digit.setText("–")
            self.verdict.setText(self.tr("Draw a digit"))
            self.bars.set_probabilities(None)
            self.setToolTip(self.tr("The network's answer appears here while you draw."))
            return
        confidence = float(prediction.confidence)  # type: ignore[attr-defined]
        label = prediction.label  # type: ignore[attr-defined]
        uncertain = confidence < UNCERTAIN_BELOW
        self.digit.setText(f"{label}?" if uncertain else str(label))
        percent = f"{100 * confidence:.1f} %"
        if uncertain:
            self.verdict.setText(
                self.tr("Uncertain: perhaps %1 (%2)").replace("%1", str(label)).replace("%2", percent)
            )
        else:
            self.verdict.setText(
                self.tr("%1 with %2 confidence").replace("%1", str(label)).replace("%2", percent)
            )
        palette_color = UNCERTAIN_COLOR if uncertain else self.palette().windowText().color()
        self.digit.setStyleSheet(f"color: {palette_color.name()};")
        self.bars.set_probabilities(prediction.probabilities, uncertain)  # type: ignore[attr-defined]
        self.setToolTip(
            self.tr("The ten class probabilities; below %1 % the answer is shown as uncertain.").replace(
                "%1", f"{100 * UNCERTAIN_BELOW:.0f}"
            )
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self._show()
        super().changeEvent(event)
