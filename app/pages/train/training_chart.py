"""The live chart of a fine-tuning run: loss above, accuracy below, sharing the step axis (pyqtgraph).

Per-step values are noisy (each step sees a few freshly distorted samples), so each series is drawn
faint as it is and strong as an exponential moving average; the accuracy on the held-out samples,
measured at the end of each epoch, is drawn as points.

pyqtgraph is imported when the chart is first shown (a quarter of a second the app's start-up does not
need to pay when the Train tab is never opened). If it cannot be imported or built (a broken install,
a bundle missing one of the Qt modules it loads), the chart says so in its own place, the error is
reported on stderr, and the rest of the tab works as before: the chart is the one thing missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.texts import Retranslating, fill
from app.widget_failure import report_widget_failure

if TYPE_CHECKING:
    from lenet_core.finetune import Progress

SMOOTHING = 0.9  # EMA factor: about the last 10 steps
LOSS_COLOR = (200, 80, 40)
ACCURACY_COLOR = (40, 110, 200)
HOLDOUT_COLOR = (30, 150, 60)


def _ema(values: list[float]) -> np.ndarray:
    out = np.empty(len(values))
    running = values[0] if values else 0.0
    for i, v in enumerate(values):
        running = SMOOTHING * running + (1 - SMOOTHING) * v
        out[i] = running
    return out


class TrainingChart(Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("training_chart")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.plots: Any = None  # pyqtgraph's GraphicsLayoutWidget, once built
        self.failure: str | None = None  # why the chart could not be built
        self.failure_label: QLabel | None = None
        self._partial: Any = None
        self.clear()
        self.retranslate()

    def _build(self) -> None:
        if self.plots is not None or self.failure is not None:
            return
        try:
            self._build_plots()
        except Exception as exc:  # noqa: BLE001 - one missing widget must not take the tab down with it
            if self._partial is not None:
                self._partial.deleteLater()
            self.plots = self._partial = None
            self.failure = report_widget_failure("training chart", exc)
            self.failure_label = QLabel(self)
            self.failure_label.setObjectName("training_chart_failure")
            self.failure_label.setWordWrap(True)
            self.failure_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._layout.addWidget(self.failure_label)
            self.failure_label.show()
            self.retranslate()

    def _build_plots(self) -> None:
        import pyqtgraph as pg

        plots = pg.GraphicsLayoutWidget(self)
        self._partial = plots  # removed again if anything below fails
        plots.setBackground("w")
        self.loss_plot = plots.addPlot(row=0, col=0)
        self.accuracy_plot = plots.addPlot(row=1, col=0)
        self.accuracy_plot.setXLink(self.loss_plot)
        self.accuracy_plot.setYRange(-0.05, 1.05, padding=0)
        # Three ticks are enough on a short axis (pyqtgraph's own choice overlaps at this height).
        self.accuracy_plot.getAxis("left").setTicks([[(0.0, "0"), (0.5, "0.5"), (1.0, "1")]])
        for plot in (self.loss_plot, self.accuracy_plot):
            plot.showGrid(x=True, y=True, alpha=0.2)
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            plot.setMenuEnabled(False)
        self.loss_plot.getAxis("bottom").setStyle(showValues=False)
        # Losses are around 0.1 to 3: plain numbers, not "Loss (x0.001)" with ticks in the hundreds.
        self.loss_plot.getAxis("left").enableAutoSIPrefix(False)
        self._loss_raw = self.loss_plot.plot(pen=pg.mkPen((*LOSS_COLOR, 60)))
        self._loss = self.loss_plot.plot(pen=pg.mkPen(LOSS_COLOR, width=2))
        self._accuracy_raw = self.accuracy_plot.plot(pen=pg.mkPen((*ACCURACY_COLOR, 50)))
        self._accuracy = self.accuracy_plot.plot(pen=pg.mkPen(ACCURACY_COLOR, width=2))
        self._holdout = self.accuracy_plot.plot(
            pen=None, symbol="o", symbolSize=8, symbolBrush=HOLDOUT_COLOR, symbolPen="w"
        )
        # Before a run: no numbers on the axes (they would mean nothing), a line saying what will be here.
        self._empty_text = pg.TextItem(anchor=(0.5, 0.5), color=(110, 110, 110))
        self._empty_text.setPos(0.5, 0.5)
        self.loss_plot.addItem(self._empty_text)
        self._layout.addWidget(plots)
        self.plots, self._partial = plots, None
        self._redraw()
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        self._build()
        super().showEvent(event)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(360, 170)

    def clear(self) -> None:
        self.steps: list[int] = []
        self.losses: list[float] = []
        self.accuracies: list[float] = []
        self.holdout: list[tuple[int, float]] = []
        if self.plots is not None:
            for curve in (self._loss_raw, self._loss, self._accuracy_raw, self._accuracy, self._holdout):
                curve.setData([], [])
            self._show_empty(True)

    def _show_empty(self, empty: bool) -> None:
        self._empty_text.setVisible(empty)
        self.loss_plot.getAxis("left").setStyle(showValues=not empty)
        self.accuracy_plot.getAxis("left").setStyle(showValues=not empty)
        self.accuracy_plot.getAxis("bottom").setStyle(showValues=not empty)
        if empty:
            self.loss_plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
        else:
            self.loss_plot.enableAutoRange()

    def add(self, points: Iterable[Progress]) -> None:
        """Append a batch of progress reports and redraw once."""
        for p in points:
            self.steps.append(p.step)
            self.losses.append(p.loss)
            self.accuracies.append(p.accuracy)
            if p.holdout_accuracy is not None:
                self.holdout.append((p.step, p.holdout_accuracy))
        self._redraw()

    def _redraw(self) -> None:
        if self.plots is None:
            return
        self._show_empty(not self.steps)
        if not self.steps:
            return
        x = np.asarray(self.steps, dtype=float)
        self._loss_raw.setData(x, np.asarray(self.losses))
        self._loss.setData(x, _ema(self.losses))
        self._accuracy_raw.setData(x, np.asarray(self.accuracies))
        self._accuracy.setData(x, _ema(self.accuracies))
        if self.holdout:
            hx, hy = zip(*self.holdout, strict=True)
            self._holdout.setData(np.asarray(hx, float), np.asarray(hy, float))

    def retranslate(self) -> None:
        if self.failure_label is not None:
            self.failure_label.setText(
                fill(self.tr("The chart cannot be shown: %1. Fine-tuning works without it; the progress bar "
                        "and the results below are complete."), self.failure or "")
            )
        if self.plots is not None:
            self.loss_plot.setLabel("left", self.tr("Loss"))
            self.accuracy_plot.setLabel("left", self.tr("Accuracy"))
            self.accuracy_plot.setLabel("bottom", self.tr("Training step"))
            self._empty_text.setText(self.tr("Loss and accuracy appear here while a fine-tuning run trains"))
        self.setToolTip(
            self.tr(
                "Loss (top) and accuracy on your distorted samples (bottom), smoothed; the dots are the "
                "accuracy on your held-out samples after each epoch"
            )
        )

