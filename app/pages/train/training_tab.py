"""The Train page: draw and label samples, manage them, fine-tune the model in use on them, keep or
discard the result, and manage the kept models.

Everything it needs from elsewhere comes from the session: the samples (the session's SampleShelf,
which the Recognise page's corrections also go to), the model in use and the library. The fine-tuning
panel is built once the session has loaded the first model, because fine-tuning needs torch and the
window does not wait for torch.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.pages.page import Page
from app.pages.train.fine_tune_worker import FineTuneJob, FineTuneRunner, RunReport
from app.pages.train.model_manager import ModelManager
from app.pages.train.sample_drawing import SampleDrawingPanel
from app.pages.train.sample_gallery import SampleGallery
from app.pages.train.sample_transfers import TransferReport, TransferRunner, describe_transfer
from app.pages.train.unkept_result import keep_result, save_result_as_dialog, settle_before_closing
from app.session import RecognitionSession, SampleError
from app.texts import fill
from app.widgets.banner import MessageBanner
from app.widgets.canvas import DrawingCanvas

if TYPE_CHECKING:
    from app.pages.train.fine_tune_panel import FineTunePanel


class TrainPage(Page):
    name = "train"

    def __init__(self, session: RecognitionSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("training_tab")
        self.samples = session.samples
        self.message = MessageBanner("training_message", self)
        self.drawing = SampleDrawingPanel(self)
        self.canvas: DrawingCanvas = self.drawing.canvas
        self.gallery = SampleGallery(self)
        self.fine_tune: FineTunePanel | None = None  # built when the first model is loaded
        self.models = ModelManager(session, self)
        self.runner = FineTuneRunner(self)
        self.transfers = TransferRunner(self)
        self.saved_as: Path | None = None  # where the finished run was saved outside the library
        self._kept_id: str | None = None  # the model the "Kept as ..., now in use" note is about
        self._base_name = ""
        self._device_name = ""

        self.draw_box = self._box("draw_box", self.drawing)
        self.gallery_box = self._box("gallery_box", self.gallery)
        # Scrollable: the results make the panel tall, and the tab must fit the window's default size.
        self.fine_tune_scroll = QScrollArea(self)
        self.fine_tune_scroll.setWidgetResizable(True)
        self.fine_tune_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.fine_tune_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._loading: QLabel | None = QLabel(self)
        self._loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fine_tune_scroll.setWidget(self._loading)
        self.fine_tune_box = self._box("fine_tune_box", self.fine_tune_scroll)
        self.models_box = self._box("models_box", self.models)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.fine_tune_box)
        right.addWidget(self.models_box)
        right.setStretchFactor(0, 4)
        right.setStretchFactor(1, 1)
        right.setSizes([640, 120])
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("training_splitter")
        for widget, stretch in ((self.draw_box, 3), (self.gallery_box, 3), (right, 4)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.splitter.setSizes([340, 360, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)  # the message floats over the page: nothing moves when it shows

        self._connect()
        self._shortcuts()
        self.retranslate()
        self._on_store_state(self.samples.usable())

    def _box(self, name: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(self)
        box.setObjectName(name)
        QVBoxLayout(box).addWidget(widget)
        return box

    def _connect(self) -> None:
        session = self.session
        self.drawing.add_requested.connect(self.add_sample)
        self.canvas.drawing_finished.connect(self._read_sample)
        self.canvas.cleared.connect(lambda: self.drawing.show_reading(None))
        self.canvas.pen_width_changed.connect(session.set_pen_width)
        session.pen_width_changed.connect(self.canvas.set_pen_width)
        self.canvas.set_pen_width(session.pen_width())
        session.sample_read.connect(self.drawing.show_reading)
        session.model_changed.connect(self._on_model_changed)
        self.samples.changed.connect(self.gallery.refresh)
        self.gallery.changed.connect(self.samples.changed_elsewhere)
        self.samples.state_changed.connect(self._on_store_state)
        self.gallery.problem.connect(self.show_message)
        self.gallery.import_requested.connect(self.import_folder)
        self.gallery.export_requested.connect(self.export_folder)
        self.transfers.finished.connect(self._after_transfer)
        self.runner.succeeded.connect(self._on_succeeded)
        self.runner.failed.connect(self._on_failed)
        self.runner.cancelled.connect(self._on_cancelled)
        self.models.problem.connect(self.show_message)
        self.models.note.connect(self.status)

    def _build_fine_tune(self) -> FineTunePanel:
        from app.pages.train.fine_tune_panel import FineTunePanel  # the core's fine-tuning: torch

        panel = FineTunePanel(self)
        panel.start_requested.connect(self.start_fine_tune)
        panel.cancel_requested.connect(self.cancel_fine_tune)
        panel.keep_requested.connect(self.keep)
        panel.discard_requested.connect(self.discard)
        panel.save_as_requested.connect(lambda: save_result_as_dialog(self))
        self.runner.progress.connect(panel.show_progress)
        self.fine_tune_scroll.setWidget(panel)  # the loading note goes (the scroll area deletes it)
        self._loading = None
        self.fine_tune = panel
        return panel

    def _shortcuts(self) -> None:
        """Keys that work while the focus is anywhere in this page (the Recognise page keeps its own)."""

        def add(keys: str, handler: Callable[[], object]) -> None:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(handler)

        for d in range(10):
            add(str(d), partial(self.drawing.set_label, d))
        add("Return", self._enter)
        add("Enter", self._enter)
        add("Ctrl+Z", lambda: self.gallery.undo() if self._in_gallery() else self.canvas.undo())
        for keys in ("Ctrl+Shift+Z", "Ctrl+Y"):
            add(keys, lambda: self.gallery.redo() if self._in_gallery() else self.canvas.redo())
        add("Delete", lambda: self.gallery.delete_selected() if self._in_gallery() else self.canvas.clear())
        add("Esc", self.canvas.clear)

    def _in_gallery(self) -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and (focus is self.gallery or self.gallery.isAncestorOf(focus))

    def _enter(self) -> None:
        if isinstance(QApplication.focusWidget(), (QLineEdit, QAbstractSpinBox)):
            return  # Enter in a text field confirms the field, it does not add a sample
        self.add_sample()

    # -- the page's side of the window ------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Train")

    def tooltip(self) -> str:
        return self.tr("Collect your own samples and fine-tune the model on them (Alt+2)")

    def set_current(self, current: bool) -> None:
        super().set_current(current)
        if current:
            self.gallery.refresh()
            self.canvas.setFocus()  # so the digit keys and Enter work at once

    def message_text(self) -> str:
        return self.message.shown_text()

    def may_close(self) -> bool:
        try:
            return settle_before_closing(self)
        except Exception as exc:  # noqa: BLE001 - never close over a failure: the result stays
            self.show_message(fill(self.tr("Closing stopped: %1"), exc))
            return False

    def shutdown(self) -> None:
        self.runner.shutdown()
        self.transfers.shutdown()
        self.models.shutdown()

    # -- samples ----------------------------------------------------------------------------------
    def _on_store_state(self, usable: bool) -> None:
        self.message.lasting = None if usable else self.samples.why_unusable()
        self.message.dismiss()
        self.gallery.set_store(self.samples.store)
        self.drawing.set_can_store(usable)
        self.attention.emit(not usable)

    def _read_sample(self) -> None:
        """What the model in use reads in the sample being drawn, in the words of the Recognise page."""
        if self.canvas.has_drawing() and self.session.recognizer() is not None:
            self.session.read_sample(self.canvas.rasterize())

    def add_sample(self) -> int | None:
        """Add the drawing with the chosen digit; returns the new sample's id (None: nothing added)."""
        label = self.drawing.label()
        if not self.canvas.has_drawing():
            self.show_message(self.tr("Draw a digit first, then add it."))
            return None
        if label is None:
            self.show_message(self.tr("Choose which digit this is first (buttons 0-9 or the digit keys)."))
            return None
        try:
            sample_id = self.samples.add(
                self.canvas.sample_image(), label, self.canvas.strokes(), "drawn"
            )
        except SampleError as exc:
            self.show_message(str(exc))
            return None
        self.message.dismiss()
        self.status.emit(fill(self.tr("Added a %1 to your samples (#%2)."), label, sample_id))
        self.canvas.new_sheet()  # stored: nothing to undo on this sheet
        return sample_id

    def import_folder(self, folder: str | Path) -> bool:
        """Add every image of `folder/<digit>/` in the background; `transfers.finished` reports."""
        return self._start_transfer("import", folder, self.tr("Importing samples…"))

    def export_folder(self, folder: str | Path) -> bool:
        """Write every sample to `folder/<digit>/<id>.png` in the background (never overwriting)."""
        return self._start_transfer("export", folder, self.tr("Exporting samples…"))

    def _start_transfer(self, kind: str, folder: str | Path, label: str) -> bool:
        if self.samples.db_path is None or not self.samples.usable():
            self.show_message(self.samples.why_unusable())
            return False
        if not self.transfers.start(kind, self.samples.db_path, folder, self, label):
            self.show_message(self.tr("An import or export is already running."))
            return False
        return True

    def _after_transfer(self, kind: str, outcome: TransferReport | str) -> None:
        """An import or export ended: `outcome` is its report, or the message saying what stopped it."""
        self.samples.changed_elsewhere()
        status, problem = describe_transfer(kind, outcome)
        if problem:
            self.show_message(problem)
        self.status.emit(status)

    # -- fine-tuning ------------------------------------------------------------------------------
    def start_fine_tune(self) -> bool:
        """Start a run on the model in use; explains instead when the samples cannot teach anything."""
        recognizer, entry = self.session.recognizer(), self.session.model()
        if self.runner.is_running() or self.fine_tune is None:
            return False
        try:
            counts = self.samples.counts()
        except SampleError as exc:
            self.show_message(str(exc))
            return False
        digits = [d for d, n in counts.items() if n]
        if not digits:
            self.show_message(
                self.tr(
                    "There are no samples yet. Draw a few of each digit the model misreads (at least two "
                    "different digits, ideally five or more of each), add them, then fine-tune."
                )
            )
            return False
        if len(digits) == 1:
            self.show_message(
                fill(
                    self.tr(
                        "All your samples are of the digit %1. Add samples of at least one other digit: "
                        "trained on one digit only, the model would learn to answer %1 to everything."
                    ),
                    digits[0],
                )
            )
            return False
        if recognizer is None or entry is None or self.samples.db_path is None:
            self.show_message(self.tr("No model is loaded yet."))
            return False
        self.message.dismiss()
        # On the device the model in use runs on, so the kept model lands where the old one was.
        weights = None if entry.shipped else entry.path
        job = FineTuneJob(
            self.samples.db_path, entry.arch or "", weights, recognizer.device.type, self.fine_tune.config()
        )
        self._base_name = self.session.model_name()
        self._device_name = recognizer.device_name
        self.fine_tune.set_running(True)
        self.runner.start(job)
        return True

    def cancel_fine_tune(self) -> None:
        self.runner.cancel()

    def _on_succeeded(self, report: RunReport) -> None:
        panel = self.fine_tune
        if panel is None:
            return
        panel.show_result(report, self._device_name)
        self.session.set_pending_result(report.result)  # the explorer can show what it changed
        # The decision must be in view without scrolling for it (once the result box is laid out).
        QTimer.singleShot(0, lambda: self.fine_tune_scroll.ensureWidgetVisible(panel.keep_button))

    def _on_failed(self, kind: str, message: str) -> None:
        prefix = {
            "samples": self.tr("Fine-tuning did not start: %1"),
            "diverged": self.tr("Fine-tuning stopped, the model in use is unchanged: %1"),
            "store": self.tr("Your samples could not be read: %1"),
        }.get(kind, self.tr("Fine-tuning failed, the model in use is unchanged: %1"))
        if self.fine_tune is not None:
            self.fine_tune.show_stopped(self.tr("Stopped."))
        self.show_message(fill(prefix, message))

    def _on_cancelled(self) -> None:
        if self.fine_tune is not None:
            self.fine_tune.show_stopped(self.tr("Cancelled: the model in use was not changed."))

    def keep(self, name: str = "") -> str | None:
        """Keep the finished run as a new version and switch to it; returns its id.

        On failure (a full disk...) the result stays here, with the reason shown: nothing is lost.
        """
        entry_id = keep_result(self, name)
        if entry_id is not None:
            self._kept_id = entry_id
            self.session.set_pending_result(None)  # kept: now a model like the others
        return entry_id

    def has_unsaved_result(self) -> bool:
        """A finished run that is neither kept nor saved elsewhere: closing must ask about it."""
        return self.fine_tune is not None and self.fine_tune.report() is not None and self.saved_as is None

    def discard(self) -> None:
        if self.fine_tune is None or self.fine_tune.report() is None:
            return
        self.fine_tune.clear_result()
        self.session.set_pending_result(None)
        self.saved_as = None
        self.fine_tune.status.setText(fill(self.tr("Discarded; still using %1."), self._base_name))

    def _on_model_changed(self) -> None:
        """Another model is in use: say which one a run would fine-tune."""
        panel = self.fine_tune if self.fine_tune is not None else self._build_fine_tune()
        if self._kept_id is not None and self.session.model_id() != self._kept_id:
            self._kept_id = None  # "Kept as ..., now in use" is no longer true
            if not self.runner.is_running() and panel.report() is None:
                panel.status.setText(fill(self.tr("Now using %1."), self.session.model_name()))
        panel.set_model(self.session.model_name(), self._model_arch())
        self._read_sample()

    def _model_arch(self) -> str | None:
        entry = self.session.model()
        return entry.arch if entry is not None else None

    # -- messages ---------------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        self.message.say(text)

    def retranslate(self) -> None:
        self.draw_box.setTitle(self.tr("Draw a sample"))
        self.gallery_box.setTitle(self.tr("Your samples"))
        self.fine_tune_box.setTitle(self.tr("Fine-tune"))
        self.models_box.setTitle(self.tr("Models"))
        self.message.setToolTip(self.tr("The last problem"))
        if self._loading is not None:
            self._loading.setText(self.tr("Loading the model…"))
        if self.fine_tune is not None:
            self.fine_tune.set_model(self.session.model_name(), self._model_arch())
