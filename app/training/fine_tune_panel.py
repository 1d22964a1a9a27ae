"""Fine-tuning controls: one button with good defaults, advanced settings behind a disclosure, progress
with time left, the live chart, and at the end the before/after comparison with keep or discard.

The panel only shows and asks; the tab starts the worker and talks to the model library.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.training.fine_tune_worker import RunReport
from app.training.sample_gallery import THUMB, thumbnail
from app.training.training_chart import TrainingChart
from lenet_core.finetune import LAYER_GROUPS, FineTuneConfig, Progress


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


class FineTunePanel(QWidget):
    start_requested = Signal()
    cancel_requested = Signal()
    keep_requested = Signal(str)  # the name typed (may be empty: the library names it)
    discard_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fine_tune_panel")
        # Everything the advanced settings do not show comes from here (tests use a tiny one).
        self.base_config = FineTuneConfig()

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
        self.learning_rate.setRange(0.00001, 0.1)
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
        self.status.setObjectName("fine_tune_status")
        self.status.setWordWrap(True)
        self.chart = TrainingChart(self)
        self.chart.setMinimumHeight(140)

        self.result_box = QGroupBox(self)
        self.result_box.setObjectName("fine_tune_result")
        grid = QGridLayout()
        self.result_labels: dict[str, QLabel] = {}
        self.before_header, self.after_header = QLabel(self), QLabel(self)
        self.holdout_row, self.mnist_row = QLabel(self), QLabel(self)
        for header in (self.before_header, self.after_header):
            header.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(self.before_header, 0, 1)
        grid.addWidget(self.after_header, 0, 2)
        grid.addWidget(self.holdout_row, 1, 0)
        grid.addWidget(self.mnist_row, 2, 0)
        for row, what in ((1, "holdout"), (2, "mnist")):
            for col, when in ((1, "before"), (2, "after")):
                label = QLabel(self)
                label.setObjectName(f"{what}_{when}")
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                grid.addWidget(label, row, col)
                self.result_labels[f"{what}_{when}"] = label
        self.changed_label = QLabel(self)
        self.changed_label.setWordWrap(True)
        self.changed = QListWidget(self)
        self.changed.setObjectName("changed_digits")
        self.changed.setViewMode(QListWidget.ViewMode.IconMode)
        self.changed.setIconSize(QSize(THUMB // 2 * 2, THUMB))
        self.changed.setFlow(QListWidget.Flow.LeftToRight)
        self.changed.setWrapping(False)
        self.changed.setFixedHeight(THUMB + 40)
        self.notes = QLabel(self)
        self.notes.setObjectName("fine_tune_notes")
        self.notes.setWordWrap(True)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("model_name")
        self.keep_button = QPushButton(self)
        self.keep_button.setObjectName("keep_model")
        self.keep_button.clicked.connect(lambda: self.keep_requested.emit(self.name_edit.text().strip()))
        self.discard_button = QPushButton(self)
        self.discard_button.setObjectName("discard_model")
        self.discard_button.clicked.connect(self.discard_requested)
        decide = QHBoxLayout()
        decide.addWidget(self.name_edit, 1)
        decide.addWidget(self.keep_button)
        decide.addWidget(self.discard_button)
        box = QVBoxLayout(self.result_box)
        box.addLayout(grid)
        box.addWidget(self.changed_label)
        box.addWidget(self.changed)
        box.addWidget(self.notes)
        box.addLayout(decide)
        self.result_box.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.advanced_toggle)
        layout.addWidget(self.advanced)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.result_box)
        self._report: RunReport | None = None
        self._running = False
        self.retranslate()

    # -- settings ---------------------------------------------------------------------------------
    def reset_settings(self) -> None:
        self.epochs.setValue(self.base_config.epochs)
        self.learning_rate.setValue(self.base_config.lr)
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
        if running:
            self.clear_result()
        self._sync_start_button()
        self.cancel_button.setEnabled(running)
        self.advanced.setEnabled(not running)
        if running:
            self.chart.clear()
            self.progress.setRange(0, 0)  # busy until the first step: samples and MNIST are prepared
            self.status.setText(self.tr("Preparing your samples and the MNIST digits…"))

    def show_progress(self, batch: list[Progress]) -> None:
        if not batch:
            return
        self.chart.add(batch)
        p = batch[-1]
        self.progress.setRange(0, p.total_steps)
        self.progress.setValue(p.step)
        self.status.setText(
            self.tr("Epoch %1 of %2, step %3 of %4: %5 left")
            .replace("%1", str(p.epoch)).replace("%2", str(p.epochs))
            .replace("%3", str(p.step)).replace("%4", str(p.total_steps))
            .replace("%5", _duration(p.eta_s))
        )

    def show_stopped(self, text: str) -> None:
        self.set_running(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status.setText(text)

    def show_result(self, report: RunReport, device_name: str) -> None:
        self.set_running(False)
        self._report = report
        self._sync_start_button()  # a new run would throw this result away: keep or discard it first
        r = report.result
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.status.setText(
            self.tr("Finished in %1 on %2. Keep the new model or discard it.")
            .replace("%1", _duration(r.elapsed_s)).replace("%2", device_name)
        )
        values = {
            "holdout_before": r.holdout_before, "holdout_after": r.holdout_after,
            "mnist_before": r.mnist_before, "mnist_after": r.mnist_after,
        }
        for key, value in values.items():
            self.result_labels[key].setText(_pct(value))
        self.changed.clear()
        for change, png in report.changed:
            item = QListWidgetItem(thumbnail(png), f"{change.before}→{change.after}", self.changed)
            item.setToolTip(
                (self.tr("A %1: read as %2 before, %3 now (fixed)") if change.fixed
                 else self.tr("A %1: read as %2 before, %3 now"))
                .replace("%1", str(change.label)).replace("%2", str(change.before))
                .replace("%3", str(change.after))
            )
        self.changed.setVisible(bool(report.changed))
        self._retranslate_result()
        self.result_box.show()

    def clear_result(self) -> None:
        self._report = None
        self.changed.clear()
        self.name_edit.clear()
        self.result_box.hide()
        self._sync_start_button()

    def _sync_start_button(self) -> None:
        self.start_button.setEnabled(not self._running and self._report is None)

    def report(self) -> RunReport | None:
        return self._report

    # -- translation ------------------------------------------------------------------------------
    def _layer_names(self) -> dict[str, str]:
        return {
            "all": self.tr("All layers"),
            "classifier": self.tr("Classifier only (C5, F6, output)"),
            "head": self.tr("Last layers only (F6, output)"),
        }

    def retranslate(self) -> None:
        self.start_button.setText(self.tr("Fine-tune on my samples"))
        self.start_button.setToolTip(
            self.tr("Train a copy of the model in use on your samples; the model in use is not changed "
                    "until you keep the result")
        )
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
        self.before_header.setText(self.tr("Before"))
        self.after_header.setText(self.tr("After"))
        self.holdout_row.setText(self.tr("Your held-out samples"))
        self.holdout_row.setToolTip(
            self.tr("Some of your samples of each digit are kept out of training to measure honestly")
        )
        self.mnist_row.setText(self.tr("MNIST test digits"))
        self.mnist_row.setToolTip(self.tr("1,000 MNIST test digits: the model should not forget them"))
        self.name_edit.setPlaceholderText(self.tr("Name of the new model (optional)"))
        self.name_edit.setToolTip(self.tr("How the kept model is listed in the Model menu"))
        self.keep_button.setText(self.tr("Keep and use"))
        self.keep_button.setToolTip(self.tr("Save the new model as a new version and recognise with it"))
        self.discard_button.setText(self.tr("Discard"))
        self.discard_button.setToolTip(self.tr("Throw the new model away; the model in use stays"))
        self.result_box.setTitle(self.tr("Result"))
        self._retranslate_result()

    def _retranslate_result(self) -> None:
        report = self._report
        if report is None:
            return
        r = report.result
        changed = len(report.changed)
        fixed = sum(1 for c, _ in report.changed if c.fixed)
        if r.holdout_before is None:
            self.changed_label.setText(
                self.tr("Too few samples to hold some out (at least %1 are needed), so there is no "
                        "before/after on your own digits.").replace("%1", str(r.config.min_holdout_total))
            )
        else:
            self.changed_label.setText(
                self.tr("Held-out samples read differently now: %1 (%2 fixed)")
                .replace("%1", str(changed)).replace("%2", str(fixed))
            )
        notes = []
        if report.unreadable:
            notes.append(self.tr("Skipped %1 samples whose image cannot be read: #%2")
                         .replace("%1", str(len(report.unreadable)))
                         .replace("%2", ", #".join(map(str, report.unreadable))))
        if report.skipped:
            notes.append(self.tr("Skipped %1 samples: %2").replace("%1", str(len(report.skipped))).replace(
                "%2", "; ".join(f"#{sid}: {why}" for sid, why in report.skipped)))
        notes.append(self.tr("Trained on %1 samples.").replace("%1", str(r.samples_used)))
        self.notes.setText("\n".join(notes))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(380, 520)

