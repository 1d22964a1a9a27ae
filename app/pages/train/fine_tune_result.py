"""The end of a fine-tuning run: accuracy before and after, the held-out digits now read differently,
notes, and the decision (keep, save elsewhere, discard).

A run that made the model much worse on ordinary (MNIST) digits is said so plainly, in red, above the
buttons, and Keep becomes "Keep anyway": such a model misreads most digits, however well it fits the
user's own samples.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.pages.train.fine_tune_worker import RunReport
from app.pages.train.sample_gallery import THUMB, thumbnail
from app.texts import Retranslating, fill

# MNIST accuracy may drop by this much before the result is called harmful. The engine's defaults
# cost at most 0.15 points; a learning rate far too high costs tens of points (99.3 % -> 12.6 %).
MNIST_DROP_WARNING = 0.03
WARNING_STYLE = "QLabel { color: #8a1c12; font-weight: bold; }"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def mnist_drop(report: RunReport) -> float:
    """How many points (as a fraction) MNIST accuracy fell during the run (negative: it rose)."""
    return report.result.mnist_before - report.result.mnist_after


class FineTuneResultBox(Retranslating, QGroupBox):
    keep_requested = Signal(str)  # the name typed (may be empty: the library names it)
    discard_requested = Signal()
    save_as_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fine_tune_result")
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
        self.warning = QLabel(self)
        self.warning.setObjectName("fine_tune_warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.hide()
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("model_name")
        self.keep_button = QPushButton(self)
        self.keep_button.setObjectName("keep_model")
        self.keep_button.clicked.connect(lambda: self.keep_requested.emit(self.name_edit.text().strip()))
        self.save_as_button = QPushButton(self)
        self.save_as_button.setObjectName("save_model_as")
        self.save_as_button.clicked.connect(self.save_as_requested)
        self.discard_button = QPushButton(self)
        self.discard_button.setObjectName("discard_model")
        self.discard_button.clicked.connect(self.discard_requested)
        decide = QHBoxLayout()
        decide.addWidget(self.keep_button)
        decide.addWidget(self.save_as_button)
        decide.addWidget(self.discard_button)
        box = QVBoxLayout(self)
        box.addLayout(grid)
        box.addWidget(self.changed_label)
        box.addWidget(self.changed)
        box.addWidget(self.notes)
        box.addWidget(self.warning)
        box.addWidget(self.name_edit)
        box.addLayout(decide)
        self._report: RunReport | None = None
        self.hide()
        self.retranslate()

    def report(self) -> RunReport | None:
        return self._report

    def harmful(self) -> bool:
        """Whether the shown result reads MNIST digits clearly worse than the model it started from."""
        return self._report is not None and mnist_drop(self._report) > MNIST_DROP_WARNING

    def show_report(self, report: RunReport) -> None:
        self._report = report
        r = report.result
        values = {
            "holdout_before": r.holdout_before,
            "holdout_after": r.holdout_after,
            "mnist_before": r.mnist_before,
            "mnist_after": r.mnist_after,
        }
        for key, value in values.items():
            self.result_labels[key].setText(_pct(value))
        self.changed.clear()
        for change, png in report.changed:
            item = QListWidgetItem(thumbnail(png), f"{change.before}→{change.after}", self.changed)
            item.setToolTip(
                fill(
                    (
                        self.tr("Your %1: read as %2 before, %3 now (fixed)")
                        if change.fixed
                        else self.tr("Your %1: read as %2 before, %3 now")
                    ),
                    str(change.label),
                    str(change.before),
                    str(change.after),
                )
            )
        self.changed.setVisible(bool(report.changed))
        self.retranslate()
        self.show()

    def clear(self) -> None:
        self._report = None
        self.changed.clear()
        self.name_edit.clear()
        self.warning.hide()
        self.hide()
        self.retranslate()

    # -- translation ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setTitle(self.tr("Result"))
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
        harmful = self.harmful()
        self.keep_button.setText(self.tr("Keep anyway") if harmful else self.tr("Keep and use"))
        self.keep_button.setToolTip(self.tr("Save the new model as a new version and recognise with it"))
        self.save_as_button.setText(self.tr("Save as…"))
        self.save_as_button.setToolTip(
            self.tr("Save the new model to a file of your choice (another folder, a USB stick)")
        )
        self.discard_button.setText(self.tr("Discard"))
        self.discard_button.setToolTip(self.tr("Throw the new model away; the model in use stays"))
        self._retranslate_report(harmful)

    def _retranslate_report(self, harmful: bool) -> None:
        report = self._report
        if report is None:
            return
        r = report.result
        changed = len(report.changed)
        fixed = sum(1 for c, _ in report.changed if c.fixed)
        if r.holdout_before is None:
            self.changed_label.setText(
                fill(
                    self.tr(
                        "Too few samples to hold some out (at least %1 are needed), so there is no "
                        "before/after on your own digits."
                    ),
                    str(r.config.min_holdout_total),
                )
            )
        else:
            self.changed_label.setText(
                fill(
                    self.tr("Held-out samples read differently now: %1 (%2 fixed)"), str(changed), str(fixed)
                )
            )
        notes = []
        if report.unreadable:
            notes.append(
                fill(
                    self.tr("Skipped %1 samples whose image cannot be read: #%2"),
                    str(len(report.unreadable)),
                    ", #".join(map(str, report.unreadable)),
                )
            )
        if report.skipped:
            notes.append(
                fill(
                    self.tr("Skipped %1 samples: %2"),
                    str(len(report.skipped)),
                    "; ".join(f"#{sid}: {why}" for sid, why in report.skipped),
                )
            )
        held_out = len(r.holdout_indices)
        if held_out:
            notes.append(
                fill(
                    self.tr("Trained on %1 samples; %2 more were held out to measure the result."),
                    str(r.samples_used),
                    str(held_out),
                )
            )
        else:
            notes.append(fill(self.tr("Trained on %1 samples."), str(r.samples_used)))
        self.notes.setText("\n".join(notes))
        self.warning.setVisible(harmful)
        self.warning.setText(
            fill(
                self.tr(
                    "Warning: this model reads ordinary digits much worse than before (MNIST %1 → %2). "
                    "It learned your samples by forgetting what it knew, and would misread many digits. "
                    "Discard it and fine-tune again with a lower learning rate or fewer epochs."
                ),
                _pct(r.mnist_before),
                _pct(r.mnist_after),
            )
        )
