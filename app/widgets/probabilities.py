"""The verdict: the answer in large type with one sentence under it, and the ten probabilities as bars.

Colours follow the answer's status (app/widgets/verdict.py): a confident digit's bar in one colour, an
unsure answer's candidates in a warning colour, every bar greyed when the drawing is not a digit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.texts import Retranslating
from app.widgets.verdict import BAR_COLOR, MUTED_COLOR, Verdict, verdict

if TYPE_CHECKING:
    from lenet_core.recognizer import Prediction


class ProbabilityBars(QWidget):
    """Ten horizontal bars, one per digit; the digits the answer names are coloured by its status."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("probability_bars")
        self._probabilities: np.ndarray | None = None
        self._colors: dict[int, QColor] = {}
        self._rest = BAR_COLOR
        self._columns = False  # ten upright bars side by side (under the sheet) instead of ten rows
        self._backdrop_key: tuple | None = None
        self._backdrop_picture = QPixmap()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 180)

    def set_columns(self, columns: bool) -> None:
        """Upright bars in a row, digits under them: the compact form under the sheet."""
        self._columns = columns
        # Upright bars paint every pixel themselves, the background first (see `_backdrop`).
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, columns)
        self.setMinimumSize(200, 96) if columns else self.setMinimumSize(160, 180)
        self.updateGeometry()
        self.update()

    def set_probabilities(self, probabilities: np.ndarray | None, shown: Verdict | None = None) -> None:
        self._probabilities = None if probabilities is None else np.asarray(probabilities, dtype=np.float64)
        color = shown.color if shown is not None else None
        muted = shown is not None and shown.status == "not_a_digit"
        self._rest = MUTED_COLOR if muted else BAR_COLOR
        self._colors = {d: color for d in shown.candidates} if shown is not None and color is not None else {}
        self.update()

    def probabilities(self) -> np.ndarray | None:
        return self._probabilities

    def bar_color(self, digit: int) -> QColor:
        return self._colors.get(digit, self._rest)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(400, 110) if self._columns else QSize(220, 240)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._columns:
            self._paint_columns(painter)
            painter.end()
            return
        row = self.height() / 10
        label_width = 18.0
        value_width = 52.0
        track = max(10.0, self.width() - label_width - value_width - 8)
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
            painter.fillRect(QRectF(bar_area.x(), bar_area.y(), track * p, bar_area.height()),
                             self.bar_color(digit))
            painter.drawText(
                QRectF(label_width + 8 + track, y, value_width, row),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                f"{100 * p:.1f} %",
            )
        painter.end()


    def _tracks(self) -> list[QRectF]:
        line = float(self.fontMetrics().height())
        column = self.width() / 10
        track_top, track_bottom = line + 2, self.height() - line - 2
        return [
            QRectF(d * column + column * 0.22, track_top, column * 0.56, max(4.0, track_bottom - track_top))
            for d in range(10)
        ]

    def _backdrop(self) -> QPixmap:
        """The background, the ten empty tracks and the digits under them: they change with the size,
        palette and font only, and the bars are repainted for every answer while the user draws."""
        ratio = self.devicePixelRatioF()
        key = (self.width(), self.height(), ratio, self.palette().cacheKey(), self.font().key())
        if self._backdrop_key != key:
            picture = QPixmap(max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio)))
            picture.setDevicePixelRatio(ratio)
            painter = QPainter(picture)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.fillRect(QRectF(0, 0, self.width(), self.height()), self.palette().window())
            line = float(self.fontMetrics().height())
            painter.setPen(self.palette().windowText().color())
            painter.setFont(self.font())
            for digit, track in enumerate(self._tracks()):
                painter.fillRect(track, self.palette().alternateBase())
                label = QRectF(digit * self.width() / 10, self.height() - line, self.width() / 10, line)
                painter.drawText(label, Qt.AlignmentFlag.AlignCenter, str(digit))
            painter.end()
            self._backdrop_key, self._backdrop_picture = key, picture
        return self._backdrop_picture

    def _paint_columns(self, painter: QPainter) -> None:
        painter.drawPixmap(0, 0, self._backdrop())
        if self._probabilities is None:
            return
        line = float(self.fontMetrics().height())
        column = self.width() / 10
        small = QFont(self.font())
        small.setPointSizeF(max(6.5, small.pointSizeF() * 0.8))
        painter.setPen(self.palette().windowText().color())
        painter.setFont(small)
        for digit, track in enumerate(self._tracks()):
            p = float(self._probabilities[digit])
            height = track.height() * p
            bar = QRectF(track.x(), track.bottom() - height, track.width(), height)
            painter.fillRect(bar, self.bar_color(digit))
            painter.drawText(QRectF(digit * column, 0, column, line), Qt.AlignmentFlag.AlignCenter,
                             f"{100 * p:.0f}%" if p >= 0.005 else "")
        painter.setFont(self.font())


class PredictionView(Retranslating, QWidget):
    """The answer in large type ("7", "3 or 9?", "Not a digit", "Draw a digit"), a sentence, the bars."""

    def __init__(self, parent: QWidget | None = None, bars: ProbabilityBars | None = None,
                 horizontal: bool = False) -> None:
        """`bars`: bars the caller lays out itself (else they go under the answer); `horizontal`: the
        answer and its sentence side by side, as a header."""
        super().__init__(parent)
        self.setObjectName("prediction")
        layout: QVBoxLayout | QHBoxLayout = QHBoxLayout(self) if horizontal else QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.digit = QLabel(self)
        self.digit.setObjectName("predicted_digit")
        self.digit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digit.setWordWrap(True)
        self._base_font = QFont(self.digit.font())
        self.verdict = QLabel(self)
        self.verdict.setObjectName("verdict")
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict.setWordWrap(True)
        self._horizontal = horizontal
        if horizontal:
            self.digit.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
            self.verdict.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
            self.digit.setMinimumWidth(64)
            # One line for the answer and at most two for its sentence, whatever they say: the sheet
            # under this header must not move when "Draw a digit" becomes "3".
            self.digit.setWordWrap(False)
            large = QFont(self._base_font)
            large.setPointSizeF(large.pointSizeF() * 3.0)
            large.setBold(True)
            self.setFixedHeight(max(QFontMetrics(large).height(), 2 * self.fontMetrics().lineSpacing()) + 4)
        self.bars = bars if bars is not None else ProbabilityBars(self)
        layout.addWidget(self.digit)
        layout.addWidget(self.verdict, 1 if horizontal else 0)
        if bars is None:
            layout.addWidget(self.bars, 1)
        self._prediction: Prediction | None = None
        self._look: tuple[float, str] = (0.0, "-")
        self.retranslate()

    def set_prediction(self, prediction: Prediction | None) -> None:
        """Show an answer; None (or an answer without probabilities) shows the prompt."""
        self._prediction = prediction
        self.retranslate()

    def shown(self) -> Verdict:
        return verdict(self._prediction)

    def retranslate(self) -> None:
        shown = self.shown()
        self.digit.setText(shown.headline)
        # A digit or "3 or 9?" large; a phrase ("Not a digit") smaller, so that it fits the column.
        length = len(shown.headline)
        scale = 4.5 if length <= 2 else 3.0 if length <= 8 else 2.0
        if self._horizontal:  # a header: large, but one line high
            scale = 3.0 if length <= 2 else 2.0 if length <= 8 else 1.5
        color = shown.color
        style = f"color: {color.name()};" if color is not None else ""
        if (scale, style) != self._look:  # restyling costs a relayout: only when the look changes
            self._look = (scale, style)
            font = QFont(self._base_font)
            font.setPointSizeF(font.pointSizeF() * scale)
            font.setBold(True)
            self.digit.setFont(font)
            self.digit.setStyleSheet(style)
        self.verdict.setText(shown.detail)
        probabilities = self._prediction.probabilities if self._prediction is not None else None
        self.bars.set_probabilities(probabilities, shown)
        tip = self.tr(
            "The network's answer and its ten class probabilities: one colour for a confident digit, "
            "a warning colour for the candidates of a close call, grey when the drawing is not a digit.")
        if self._prediction is not None and self._prediction.views > 1:
            tip += " " + self.tr(
                "The probabilities average what the network gives for the drawing and for the drawing "
                "moved one pixel up, down, left and right; the maps are those of the drawing itself.")
        self.setToolTip(tip)
