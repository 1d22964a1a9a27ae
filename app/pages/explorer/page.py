"""The Explore page: where the model in use (or a fine-tune not kept yet) goes wrong.

It answers the MNIST test digits, or the user's own samples, in a worker thread, and shows the
confusion matrix growing as the batches come; a cell (or a row, or a column) opens the digits
behind it, least sure first; a double-click puts a digit on the Recognise page's sheet, to see its
maps. A fine-tuned model is compared with the model it was tuned from: the digits it fixed and broke.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.pages.explorer.answer_worker import (
    SAMPLES,
    TEST_SET,
    DigitSet,
    ExploreJob,
    ExploreRunner,
    empty_answers,
)
from app.pages.explorer.comparison import (
    SORTS,
    Selection,
    describe_selection,
    describe_set,
    digits_of,
    mnist_folders,
    subject_and_base,
)
from app.pages.explorer.confusion_view import ConfusionView
from app.pages.explorer.digit_grid import DigitGrid
from app.pages.page import Page
from app.session import RecognitionSession
from app.texts import fill
from app.widgets.qimage import from_grey

if TYPE_CHECKING:
    from lenet_core.explore import Answers, Changes

IN_USE, PENDING = "in_use", "pending"
REFRESH_MS = 120  # partial results are shown at most this often while a job runs


class ExplorerPage(Page):
    name = "explorer"

    def __init__(self, session: RecognitionSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.runner = ExploreRunner(self)
        self.digits: DigitSet | None = None
        self.answers = empty_answers(0)
        self.base_answers: Answers | None = None  # of the model compared with, when there is one
        self.base_name = ""
        self.selection = Selection("errors")
        self._job: int | None = None
        self._dirty = True
        self._problem = ""
        self.mnist_dirs: tuple[Path, ...] | None = None  # where MNIST is looked for; None: the usual places

        self.set_choice = QComboBox(self)
        self.set_choice.setObjectName("explorer_set")
        self.model_choice = QComboBox(self)
        self.model_choice.setObjectName("explorer_model")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("explorer_progress")
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.note = QLabel(self)
        self.note.setObjectName("explorer_note")
        self.note.setWordWrap(True)
        self.matrix = ConfusionView(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("explorer_summary")
        self.summary.setWordWrap(True)
        self.fixed_button, self.broken_button = QPushButton(self), QPushButton(self)
        self.fixed_button.setObjectName("explorer_fixed")
        self.broken_button.setObjectName("explorer_broken")
        self.errors_button = QPushButton(self)
        self.errors_button.setObjectName("explorer_errors")
        self.shown = QLabel(self)
        self.shown.setObjectName("explorer_shown")
        self.sort_choice = QComboBox(self)
        self.sort_choice.setObjectName("explorer_sort")
        self.grid = DigitGrid(self)
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("explorer_open")
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self._refresh)
        self._layout()
        self._connect()
        self.retranslate()

    def _layout(self) -> None:
        top = QHBoxLayout()
        for widget in (self.set_choice, self.model_choice):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.progress)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.matrix, 1)
        left_layout.addWidget(self.summary)
        buttons = QHBoxLayout()
        for button in (self.errors_button, self.fixed_button, self.broken_button):
            buttons.addWidget(button)
        left_layout.addLayout(buttons)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        header.addWidget(self.shown, 1)
        header.addWidget(self.sort_choice)
        right_layout.addLayout(header)
        right_layout.addWidget(self.grid, 1)
        right_layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignRight)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("explorer_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setSizes([460, 640])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        session = self.session
        session.model_changed.connect(lambda _entry: self._invalidate())
        session.pending_result_changed.connect(self._on_pending_result)
        session.samples.changed.connect(lambda: self._invalidate(SAMPLES))
        self.set_choice.currentIndexChanged.connect(lambda _i: self._invalidate())
        self.model_choice.currentIndexChanged.connect(lambda _i: self._invalidate())
        self.sort_choice.currentIndexChanged.connect(lambda _i: self._show_selection())
        self.matrix.cell_clicked.connect(lambda true, given: self.select(Selection("cell", true, given)))
        self.errors_button.clicked.connect(lambda: self.select(Selection("errors")))
        self.fixed_button.clicked.connect(lambda: self.select(Selection("fixed")))
        self.broken_button.clicked.connect(lambda: self.select(Selection("broken")))
        self.grid.open_requested.connect(self.show_on_sheet)
        self.open_button.clicked.connect(self._open_selected)
        self.grid.selectionModel().selectionChanged.connect(lambda *_: self._sync_open_button())
        runner = self.runner
        runner.data_ready.connect(self._on_data)
        runner.answers_ready.connect(self._on_answers)
        runner.progress.connect(self._on_progress)
        runner.finished.connect(self._on_finished)
        runner.failed.connect(self._on_failed)

    # -- what the user does -----------------------------------------------------------------------
    def select(self, selection: Selection) -> None:
        """Show the digits of a cell, a row, a column, the errors, or those a fine-tune changed."""
        self.selection = selection
        self.matrix.select((selection.true, selection.given) if selection.kind == "cell" else None)
        self._show_selection()

    def show_on_sheet(self, index: int) -> None:
        """Put a digit on the Recognise page's sheet (read there like a pasted image) and go there."""
        if self.digits is None:
            return
        self.session.show_image(from_grey(np.ascontiguousarray(self.digits.paper(index))))
        self.open_page.emit("recognise")

    def _open_selected(self) -> None:
        chosen = self.grid.selected_digit()
        if chosen is not None:
            self.show_on_sheet(chosen)

    def start(self) -> bool:
        """Answer the chosen set with the chosen model (cancels a job still running); False if no model."""
        kind = TEST_SET if self.set_choice.currentIndex() <= 0 else SAMPLES
        use_pending = self.model_choice.currentData() == PENDING
        pending = self.session.pending_result() if use_pending else None
        found = subject_and_base(self.session, pending)
        if found is None:
            return False
        subject, base, self.base_name = found
        self._dirty = False
        self._refresh_timer.stop()
        self.digits, self.answers, self.base_answers = None, empty_answers(0), None
        self.grid.digit_model.set_digits(None)
        self.progress.setRange(0, 0)
        self.progress.show()
        self._problem = ""
        folders = self.mnist_dirs or mnist_folders(self.session)
        job = ExploreJob(kind, subject, base, self.session.samples.db_path, folders)
        self._job = self.runner.start(job)
        self._refresh()
        return True

    def is_busy(self) -> bool:
        """Answers are being computed, or due as soon as the event loop runs."""
        return self._job is not None or (self._dirty and self._current)

    # -- what the worker says ---------------------------------------------------------------------
    def _on_data(self, job: int, digits: DigitSet) -> None:
        if job != self._job:
            return
        self.digits = digits
        self.answers = empty_answers(len(digits.labels))
        self.grid.digit_model.set_digits(digits)

    def _on_answers(self, job: int, role: str, start: int, answers: object) -> None:
        if job != self._job or self.digits is None:
            return
        if role == "base":
            if self.base_answers is None:
                self.base_answers = empty_answers(len(self.digits.labels))
            target = self.base_answers
        else:
            target = self.answers
        for name in ("predicted", "confidence", "status"):
            getattr(target, name)[start : start + len(answers)] = getattr(answers, name)  # type: ignore[arg-type]
        if not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def _on_progress(self, job: int, done: int, total: int) -> None:
        if job == self._job:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)

    def _on_finished(self, job: int) -> None:
        if job != self._job:
            return
        self._job = None
        self.progress.hide()
        self._refresh_timer.stop()
        self._refresh()

    def _on_failed(self, job: int, message: str) -> None:
        if job != self._job:
            return
        self._job = None
        self.progress.hide()
        self._problem = fill(self.tr("The digits could not be answered: %1"), message)
        self.note.setText(self._problem)
        self.status.emit(self._problem)

    def _on_pending_result(self, result: object | None) -> None:
        self._fill_model_choice()
        if result is not None:
            self.model_choice.setCurrentIndex(self.model_choice.findData(PENDING))
        self._invalidate()

    def _invalidate(self, kind: str | None = None) -> None:
        """The answers shown no longer hold (another model, set or samples): answer again when seen."""
        if kind is not None and (self.set_choice.currentIndex() <= 0) == (kind == SAMPLES):
            return  # samples changed while the test set is shown
        self.runner.cancel()
        self._job = None
        self._dirty = True
        if self._current:
            QTimer.singleShot(0, self._start_if_dirty)

    def _start_if_dirty(self) -> None:
        if self._dirty and self._current:
            self.start()

    # -- showing ----------------------------------------------------------------------------------
    def _answered(self) -> np.ndarray:
        return self.answers.status != "pending"

    def _refresh(self) -> None:
        self.note.setText(self._problem or describe_set(self.digits))
        if self.digits is None:  # nothing answered yet (and torch perhaps not loaded: no core import)
            self.matrix.set_matrix(np.zeros((10, 11), np.int64))
            self.summary.setText("")
            for button in (self.fixed_button, self.broken_button):
                button.hide()
            self.errors_button.setText(self.tr("All errors"))
            self._show_selection()
            return
        from lenet_core import explore

        done = self._answered()
        labels = self.digits.labels
        matrix = explore.confusion_matrix(labels[done], self.answers.predicted[done])
        self.matrix.set_matrix(matrix)
        n, right = int(done.sum()), int(np.trace(matrix[:, :10]))
        share = f"{explore.accuracy(matrix):.2%}"
        text = fill(self.tr("%1 of %2 read right (%3)"), f"{right:,}", f"{n:,}", share) if n else ""
        changes = self._changes()
        if changes is not None:
            text += "\n" + fill(self.tr("Against %1: %2 fixed, %3 broken"), self.base_name,
                                len(changes.fixed), len(changes.broken))
        self.summary.setText(text)
        for button, group in ((self.fixed_button, "fixed"), (self.broken_button, "broken")):
            count = len(getattr(changes, group)) if changes is not None else 0
            button.setVisible(changes is not None)
            button.setText(fill(self.tr("Fixed (%1)") if group == "fixed" else self.tr("Broken (%1)"), count))
        self.errors_button.setText(fill(self.tr("All errors (%1)"), n - right))
        self.grid.digit_model.set_answers(self.answers.predicted, self.answers.confidence, self._before())
        self._show_selection()

    def _before(self) -> np.ndarray | None:
        base = self.base_answers
        return None if base is None else base.predicted

    def _changes(self) -> Changes | None:
        from lenet_core import explore

        base = self.base_answers
        if self.digits is None or base is None or (base.status == "pending").any():
            return None
        return explore.changes(self.digits.labels, base.predicted, self.answers.predicted)

    def _show_selection(self) -> None:
        if self.digits is None:
            self.grid.digit_model.set_rows(np.zeros(0, np.int64))
            self.shown.setText("")
            return
        sort = SORTS[max(0, self.sort_choice.currentIndex())]
        rows = digits_of(self.selection, self.digits.labels, self.answers, self._changes(), sort)
        self.grid.digit_model.set_rows(rows)
        self.shown.setText(describe_selection(self.selection, len(rows)))
        self._sync_open_button()

    def _sync_open_button(self) -> None:
        self.open_button.setEnabled(self.grid.selected_digit() is not None)

    def _fill_model_choice(self) -> None:
        chosen = self.model_choice.currentData()
        self.model_choice.blockSignals(True)
        self.model_choice.clear()
        self.model_choice.addItem(self.tr("Model in use"), IN_USE)
        if self.session.pending_result() is not None:
            self.model_choice.addItem(self.tr("Fine-tune result (not kept yet)"), PENDING)
        self.model_choice.setCurrentIndex(max(0, self.model_choice.findData(chosen)))
        self.model_choice.blockSignals(False)

    # -- Page -------------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Explore")

    def tooltip(self) -> str:
        return self.tr("Where the model goes wrong: the test digits and your samples, with its answers")

    def set_current(self, current: bool) -> None:
        super().set_current(current)
        if current and self._dirty:
            self.start()

    def message_text(self) -> str:
        return self._problem

    def shutdown(self) -> None:
        self._refresh_timer.stop()
        self.runner.shutdown()

    def retranslate(self) -> None:
        _refill(self.set_choice, [self.tr("MNIST test digits"), self.tr("Your samples")])
        self._fill_model_choice()
        sorts = [self.tr("Least sure first"), self.tr("Most sure first"), self.tr("In order")]
        _refill(self.sort_choice, sorts)
        self.open_button.setText(self.tr("Show on the sheet"))
        self.open_button.setToolTip(self.tr("Put the selected digit on the Recognise page to see its maps"))
        self.errors_button.setToolTip(self.tr("Every digit read wrongly or not at all"))
        self.fixed_button.setToolTip(self.tr("Read wrongly before the fine-tune, rightly after"))
        self.broken_button.setToolTip(self.tr("Read rightly before the fine-tune, wrongly after"))
        self._refresh()


def _refill(combo: QComboBox, texts: list[str]) -> None:
    """New texts for a combo box's items, keeping the choice and sending no signal."""
    index = combo.currentIndex()
    combo.blockSignals(True)
    combo.clear()
    combo.addItems(texts)
    combo.setCurrentIndex(max(0, index))
    combo.blockSignals(False)
