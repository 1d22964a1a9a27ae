"""Live curves of a training run (pyqtgraph): loss above; accuracy below, on the training batches
(smoothed) and on the MNIST test digits (points, as they are measured), over epochs.

pyqtgraph is imported when the chart is first shown; if it cannot be built, the chart says so in its
place and the page works without it (the figures beside it are complete)."""

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
    from lenet_core.run_control import RunProgress

LOSS_COLOR = (200, 80, 40)
TRAIN_COLOR = (40, 110, 200)
TEST_COLOR = (30, 150, 60)


class LearnChart(Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("learn_chart")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.plots: Any = None
        self.failure: str | None = None
        self.failure_label: QLabel | None = None
        self.clear()
        self.retranslate()

    def clear(self) -> None:
        self.epochs: list[float] = []
        self.losses: list[float] = []
        self.train_accuracy: list[float] = []
        self.test_points: list[tuple[float, float]] = []
        self._redraw()

    def add(self, points: Iterable[RunProgress]) -> None:
        for p in points:
            x = p.step / max(p.total_steps, 1) * p.epochs
            self.epochs.append(x)
            self.losses.append(p.loss)
            self.train_accuracy.append(p.train_accuracy)
            if p.test_accuracy is not None:
                self.test_points.append((x, p.test_accuracy))
        self._redraw()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        if self.plots is None and self.failure is None:
            try:
                self._build()
            except Exception as exc:  # noqa: BLE001 - the chart is the one thing missing then
                self.failure = report_widget_failure("learning chart", exc)
                self.failure_label = QLabel(self)
                self.failure_label.setWordWrap(True)
                self.failure_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
                self._layout.addWidget(self.failure_label)
                self.retranslate()
        super().showEvent(event)

    def _build(self) -> None:
        import pyqtgraph as pg

        plots = pg.GraphicsLayoutWidget(self)
        plots.setBackground("w")
        self.loss_plot = plots.addPlot(row=0, col=0)
        self.accuracy_plot = plots.addPlot(row=1, col=0)
        self.accuracy_plot.setXLink(self.loss_plot)
        for plot in (self.loss_plot, self.accuracy_plot):
            plot.showGrid(x=True, y=True, alpha=0.2)
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            plot.setMenuEnabled(False)
        self.loss_plot.getAxis("left").enableAutoSIPrefix(False)
        self.accuracy_plot.setYRange(0.8, 1.0, padding=0.02)  # where the interesting part happens
        self._loss = self.loss_plot.plot(pen=pg.mkPen(LOSS_COLOR, width=2))
        self._train = self.accuracy_plot.plot(pen=pg.mkPen(TRAIN_COLOR, width=2))
        self._test = self.accuracy_plot.plot(pen=pg.mkPen(TEST_COLOR, width=2), symbol="o", symbolSize=6,
                                             symbolBrush=TEST_COLOR, symbolPen="w")
        # Before a run: no numbers on the axes (they would mean nothing), a line saying what will be here.
        self._empty_text = pg.TextItem(anchor=(0.5, 0.5), color=(110, 110, 110))
        self._empty_text.setPos(0.5, 0.5)
        self.loss_plot.addItem(self._empty_text)
        self._layout.addWidget(plots)
        self.plots = plots
        self._redraw()
        self.retranslate()

    def _show_empty(self, empty: bool) -> None:
        self._empty_text.setVisible(empty)
        for axis in (self.loss_plot.getAxis("left"), self.loss_plot.getAxis("bottom"),
                     self.accuracy_plot.getAxis("left"), self.accuracy_plot.getAxis("bottom")):
            axis.setStyle(showValues=not empty)
        if empty:
            self.loss_plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
        else:
            self.loss_plot.enableAutoRange()
            self.accuracy_plot.setYRange(0.8, 1.0, padding=0.02)

    def _redraw(self) -> None:
        if self.plots is None:
            return
        self._show_empty(not self.epochs)
        x = np.asarray(self.epochs, dtype=float)
        self._loss.setData(x, np.asarray(self.losses, dtype=float))
        self._train.setData(x, np.asarray(self.train_accuracy, dtype=float))
        if self.test_points:
            tx, ty = zip(*self.test_points, strict=True)
            self._test.setData(np.asarray(tx, float), np.asarray(ty, float))
        else:
            self._test.setData([], [])

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(420, 260)

    def retranslate(self) -> None:
        if self.failure_label is not None:
            text = self.tr("The chart cannot be shown: %1. Training works without it; the figures beside "
                           "it are complete.")
            self.failure_label.setText(fill(text, self.failure or ""))
        if self.plots is not None:
            self.loss_plot.setLabel("left", self.tr("Loss"))
            self.accuracy_plot.setLabel("left", self.tr("Accuracy"))
            self.accuracy_plot.setLabel("bottom", self.tr("Epoch"))
            self._empty_text.setText(self.tr("Loss and accuracy appear here while a model learns"))
        self.setToolTip(self.tr("Loss (top); accuracy on the training batches (blue) and on the 10,000 "
                                "MNIST test digits (green dots, measured every few seconds)"))
