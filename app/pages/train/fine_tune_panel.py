"""Fine-tuning controls: one button with good defaults, advanced settings behind a disclosure, progress
with time left, the live chart, and at the end the before/after comparison with keep or discard.

The panel only shows and asks; the tab starts the worker and talks to the model library.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.pages.train.fine_tune_result import FineTuneResultBox
from app.pages.train.fine_tune_worker import RunReport
from app.pages.train.training_chart import TrainingChart
from app.texts import Retranslating, fill
from lenet_core.finetune import LAYER_GROUPS, FineTuneConfig, Progress


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


class FineTunePanel(Retranslating, QWidget):
    start_requested = Signal()
    cancel_requested = Signal()
    keep_requested = Signal(str)  # the name typed (may be empty: the library names it)
    discard_requested = Signal()
    save_as_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fine_tune_panel")
        # Everything the advanced settings do not show comes from here (tests use a tiny one).
        self.base_config = FineTuneConfig()
        self._arch = "modern"  # of the model in use, which sets the default learning rate

        self.start_button = QPushButton(self)
        self.start_button.setObjectName("start_fine_tune")
        self.start_button.clicked.connect(self.start_requested)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancel_fine_tune")
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.cancel_button.setEnabled(False)
        self.advanced_toggle = QToolButton(self)
        self.advanced_toggle.setObjectName("advanced_toggle")
        self.advanced_toggle.setCheckable(True)
        self.advanced_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.advanced_toggle.setAutoRaise(True)
        self.advanced_toggle.toggled.connect(self._toggle_advanced)
        top = QHBoxLayout()
        top.addWidget(self.start_button, 1)
        top.addWidget(self.cancel_button)

        self.advanced = QWidget(self)
        self.epochs = QSpinBox(self.advanced)
        self.epochs.setObjectName("epochs")
        self.epochs.setRange(1, 200)
        self.learning_rate = QDoubleSpinBox(self.advanced)
        self.learning_rate.setObjectName("learning_rate")
        self.learning_rate.setDecimals(5)
        # Measured (benchmarks/bench_learning_rate.py, README): up to 0.003 MNIST accuracy holds, 0.01
        # costs half a point, above it the model forgets ordinary digits (0.1: 99.3 % -> 74-88 %).
        self.learning_rate.setRange(0.00001, 0.01)
        self.learning_rate.setSingleStep(0.0001)
        self.layers = QComboBox(self.advanced)
        self.layers.setObjectName("layers")
        for name in LAYER_GROUPS:
            self.layers.addItem("", name)
        form = QFormLayout(self.advanced)
        form.setContentsMargins(16, 0, 0, 0)
        self.epochs_label, self.lr_label, self.layers_label = QLabel(self), QLabel(self), QLabel(self)
        form.addRow(self.epochs_label, self.epochs)
        form.addRow(self.lr_label, self.learning_rate)
        form.addRow(self.layers_label, self.layers)
        self.advanced.hide()
        self.reset_settings()

        self.progress = QProgressBar(self)
        self.progress.setObjectName("fine_tune_progress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel(self)
        self._status_text: Callable[[], str] | None = None
        self.status.setObjectName("fine_tune_status")
        self.status.setWordWrap(True)
        self.chart = TrainingChart(self)
        self.chart.setMinimumHeight(140)

        self.result_box = FineTuneResultBox(self)
        self.result_box.keep_requested.connect(self.keep_requested)
        self.result_box.discard_requested.connect(self.discard_requested)
        self.result_box.save_as_requested.connect(self.save_as_requested)
        # The decision's widgets, where callers and tests have always found them.
        self.result_labels = self.result_box.result_labels
        self.changed, self.notes = self.result_box.changed, self.result_box.notes
        self.name_edit, self.keep_button = self.result_box.name_edit, self.result_box.keep_button
        self.discard_button = self.result_box.discard_button

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.advanced_toggle)
        layout.addWidget(self.advanced)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.result_box)
        self._running = False
        self._model_name = ""
        self._timing: tuple[int, float] | None = None  # (step, elapsed) of the first progress report
        self.retranslate()

    # -- settings ---------------------------------------------------------------------------------
    def reset_settings(self) -> None:
        self.epochs.setValue(self.base_config.epochs)
        self.learning_rate.setValue(self.base_config.lr_for(self._arch))
        self.layers.setCurrentIndex(max(0, self.layers.findData(self.base_config.layers)))

    def config(self) -> FineTuneConfig:
        """The base config with what the advanced settings say."""
        return dataclasses.replace(
            self.base_config,
            epochs=self.epochs.value(),
            lr=self.learning_rate.value(),
            layers=self.layers.currentData(),
        )

    def _toggle_advanced(self, shown: bool) -> None:
        self.advanced.setVisible(shown)
        self.advanced_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    # -- a run ------------------------------------------------------------------------------------
    def set_running(self, running: bool) -> None:
        self._running = running
        self._timing = None
        if running:
            self.clear_result()
        self._sync_start_button()
        self.cancel_button.setEnabled(running)
        self.advanced.setEnabled(not running)
        if running:
            self.chart.clear()
            self.progress.setRange(0, 0)  # busy until the first step: samples and MNIST are prepared
            self._say(lambda: self.tr("Preparing your samples and the MNIST digits…"))

    def show_progress(self, batch: list[Progress]) -> None:
        if not batch:
            return
        self.chart.add(batch)
        p = batch[-1]
        self.progress.setRange(0, p.total_steps)
        self.progress.setValue(p.step)
        left = self._time_left(batch[0], p)
        self._say(
            lambda: fill(
                self.tr("Epoch %1 of %2, step %3 of %4: %5 left"),
                str(p.epoch),
                str(p.epochs),
                str(p.step),
                str(p.total_steps),
                _duration(left) if left is not None else self.tr("estimating"),
            )
        )

    def _time_left(self, first: Progress, last: Progress) -> float | None:
        """Seconds left, from the pace of the training steps alone.

        The core's own estimate divides the time since the run began, preparation of the samples and
        of the MNIST digits included, by the steps done: early in a short run that is several times
        too long. Here the clock starts at the first step, and nothing is said before a second of
        steps (or a tenth of the run) has been timed.
        """
        if self._timing is None:
            self._timing = (first.step, first.elapsed_s)
        step0, elapsed0 = self._timing
        steps, seconds = last.step - step0, last.elapsed_s - elapsed0
        if steps <= 0 or (seconds < 1.0 and last.step < last.total_steps / 10):
            return None
        return seconds / steps * (last.total_steps - last.step)

    def show_stopped(self, text: str) -> None:
        self.set_running(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self._say(lambda: text)

    def show_result(self, report: RunReport, device_name: str) -> None:
        self.set_running(False)
        self.result_box.show_report(report)
        self._sync_start_button()  # a new run would throw this result away: keep or discard it first
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self._say(
            lambda: fill(
                self.tr("Finished in %1 on %2. Keep the new model or discard it."),
                _duration(report.result.elapsed_s),
                device_name,
            )
        )

    def _say(self, text: Callable[[], str]) -> None:
        """Show a status line, kept as the function that words it so a language change rewords it."""
        self._status_text = text
        self.status.setText(text())

    def clear_result(self) -> None:
        self.result_box.clear()
        self._sync_start_button()

    def _sync_start_button(self) -> None:
        self.start_button.setEnabled(not self._running and self.report() is None)

    def report(self) -> RunReport | None:
        return self.result_box.report()

    def set_model(self, name: str, arch: str | None) -> None:
        """The model a run would fine-tune (the one in use): named on the button, and its own default
        learning rate offered unless another one was set."""
        if arch and arch != self._arch:
            untouched = abs(self.learning_rate.value() - self.base_config.lr_for(self._arch)) < 1e-9
            self._arch = arch
            if untouched:
                self.learning_rate.setValue(self.base_config.lr_for(arch))
        self._model_name = name
        self._retranslate_start()

    # -- translation ------------------------------------------------------------------------------
    def _layer_names(self) -> dict[str, str]:
        return {
            "all": self.tr("All layers"),
            "classifier": self.tr("Classifier only (C5, F6, output)"),
            "head": self.tr("Last layers only (F6, output)"),
        }

    def _retranslate_start(self) -> None:
        if self._model_name:
            self.start_button.setText(fill(self.tr("Fine-tune %1 on my samples"), self._model_name))
        else:
            self.start_button.setText(self.tr("Fine-tune on my samples"))
        self.start_button.setToolTip(
            self.tr(
                "Train a copy of the model in use on your samples; the model in use is not changed "
                "until you keep the result"
            )
        )

    def retranslate(self) -> None:
        self._retranslate_start()
        if self._status_text is not None:
            self.status.setText(self._status_text())
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop now; the model in use stays as it was"))
        self.advanced_toggle.setText(self.tr("Advanced settings"))
        self.advanced_toggle.setToolTip(self.tr("Epochs, learning rate and which layers train"))
        self.epochs_label.setText(self.tr("Epochs:"))
        self.epochs.setToolTip(self.tr("Passes over your samples (each one freshly distorted)"))
        self.lr_label.setText(self.tr("Learning rate:"))
        self.learning_rate.setToolTip(
            self.tr("Step size of the optimiser (Adam); too high makes the loss NaN")
        )
        self.layers_label.setText(self.tr("Layers that train:"))
        self.layers.setToolTip(self.tr("Training fewer layers changes the model less"))
        for i, name in enumerate(self._layer_names().values()):
            self.layers.setItemText(i, name)
        self.progress.setToolTip(self.tr("Progress of the run"))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(380, 520)
