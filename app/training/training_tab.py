"""The Train tab: draw and label samples, manage them, fine-tune the model in use on them, keep or
discard the result, and manage the kept models.

The tab owns the GUI thread's SampleStore (adds, relabels and deletes are single quick commits) and one
FineTuneRunner; the worker opens its own store and model. The window (the `host`) owns the model in
use, so the tab asks it to switch instead of loading models itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
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

from app.config import MESSAGE_STYLE
from app.models import ModelEntry
from app.training.canvas_sample import canvas_image, canvas_strokes
from app.training.fine_tune_panel import FineTunePanel
from app.training.fine_tune_worker import FineTuneJob, FineTuneRunner, RunReport
from app.training.model_manager import ModelManager
from app.training.sample_drawing import SampleDrawingPanel
from app.training.sample_gallery import SampleGallery
from app.training.sample_transfers import TransferRunner, describe_transfer
from app.training.unkept_result import keep_result, save_result_as_dialog
from app.widgets.canvas import DrawingCanvas


class TrainingHost(Protocol):
    """What the tab needs from the window."""

    library: Any  # lenet_core.model_library.ModelLibrary or None

    def model_entry(self) -> ModelEntry: ...
    def recognizer(self) -> Any: ...
    def select_model(self, key: str | None) -> None: ...
    def model_display_name(self, entry: ModelEntry) -> str: ...


class TrainingTab(QWidget):
    status = Signal(str)  # a passing note for the status bar
    store_state_changed = Signal(bool)  # whether the samples database is usable
    samples_changed = Signal()
    library_changed = Signal()  # a model was kept, renamed or deleted
    transfer_done = Signal(str, object)  # "import" or "export", the report (None: it failed)

    def __init__(self, host: TrainingHost, data_dir: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("training_tab")
        self._host = host
        self._data_dir = data_dir
        self.store: Any = None
        self.store_problem: str | None = None
        self.db_path: Path | None = None

        self.message = QLabel(self)
        self.message.setObjectName("training_message")
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()

        self.drawing = SampleDrawingPanel(self)
        self.canvas: DrawingCanvas = self.drawing.canvas
        self.gallery = SampleGallery(self)
        self.fine_tune = FineTunePanel(self)
        self.models = ModelManager(host.library, host.model_display_name, self)
        self.runner = FineTuneRunner(self)
        self.transfers = TransferRunner(self)
        self.saved_as: Path | None = None  # where the finished run was saved outside the library
        self._kept_key: str | None = None  # the model the "Kept as ..., now in use" note is about

        self.draw_box = self._box("draw_box", self.drawing)
        self.gallery_box = self._box("gallery_box", self.gallery)
        # Scrollable: the results make the panel tall, and the tab must fit the window's default size.
        fine_tune_scroll = QScrollArea(self)
        fine_tune_scroll.setWidgetResizable(True)
        fine_tune_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        fine_tune_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        fine_tune_scroll.setWidget(self.fine_tune)
        self.fine_tune_scroll = fine_tune_scroll
        self.fine_tune_box = self._box("fine_tune_box", fine_tune_scroll)
        self.models_box = self._box("models_box", self.models)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.fine_tune_box)
        right.addWidget(self.models_box)
        right.setStretchFactor(0, 4)
        right.setStretchFactor(1, 1)
        right.setSizes([640, 120])
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("training_splitter")
        for widget in (self.draw_box, self.gallery_box, right):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 4)
        self.splitter.setSizes([340, 360, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)

        self._connect()
        self._shortcuts()
        self.retranslate()
        self.open_store()

    def _box(self, name: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(self)
        box.setObjectName(name)
        QVBoxLayout(box).addWidget(widget)
        return box

    def _connect(self) -> None:
        self.drawing.add_requested.connect(self.add_sample)
        self.gallery.problem.connect(self.show_message)
        self.gallery.changed.connect(self.samples_changed)
        self.gallery.import_requested.connect(self.import_folder)
        self.gallery.export_requested.connect(self.export_folder)
        self.fine_tune.start_requested.connect(self.start_fine_tune)
        self.fine_tune.cancel_requested.connect(self.cancel_fine_tune)
        self.fine_tune.keep_requested.connect(self.keep)
        self.fine_tune.discard_requested.connect(self.discard)
        self.fine_tune.save_as_requested.connect(lambda: save_result_as_dialog(self))
        self.transfers.finished.connect(self._after_transfer)
        self.transfers.failed.connect(self._after_transfer)
        self.runner.progress.connect(self.fine_tune.show_progress)
        self.runner.succeeded.connect(self._on_succeeded)
        self.runner.failed.connect(self._on_failed)
        self.runner.cancelled.connect(self._on_cancelled)
        self.models.switch_requested.connect(self._host.select_model)
        self.models.library_changed.connect(self.library_changed)
        self.models.problem.connect(self.show_message)

    def _shortcuts(self) -> None:
        """Keys that work while the focus is anywhere in this tab (the recognise tab keeps its own)."""

        def add(keys: str | QKeySequence.StandardKey, handler: Any) -> None:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(handler)

        for d in range(10):
            add(str(d), lambda d=d: self.drawing.set_label(d))
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

    # -- the sample store -------------------------------------------------------------------------
    def open_store(self) -> bool:
        """Open the samples database; a damaged, foreign or locked one is reported and left untouched."""
        from lenet_core.sample_errors import describe_os_error
        from lenet_core.sample_store import SampleStore, SampleStoreError
        from lenet_core.user_data import samples_db_path

        self.close_store()
        try:
            self.db_path = samples_db_path(self._data_dir)
            self.store = SampleStore(self.db_path)
        except (SampleStoreError, OSError) as exc:
            self.store = None
            self.store_problem = self.tr(
                "Your samples cannot be used, so adding and fine-tuning are off: %1"
            ).replace("%1", describe_os_error(exc) if isinstance(exc, OSError) else str(exc))
            self.show_message(self.store_problem)
        else:
            self.store_problem = None
            self._hide_message()
        self.gallery.set_store(self.store)
        self._sync()
        self.store_state_changed.emit(self.store is not None)
        return self.store is not None

    def close_store(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def add_sample(self) -> int | None:
        """Add the drawing with the chosen digit; returns the new sample's id (None: nothing added)."""
        label = self.drawing.label()
        if not self.canvas.has_drawing():
            self.show_message(self.tr("Draw a digit first, then add it."))
            return None
        if label is None:
            self.show_message(self.tr("Choose which digit this is first (buttons 0-9 or the digit keys)."))
            return None
        sample_id = self.add_from_canvas(self.canvas, label, "drawn")
        if sample_id is not None:
            self.canvas.new_sheet()  # stored: nothing to undo on this sheet
        return sample_id

    def add_from_canvas(self, canvas: DrawingCanvas, label: int, source: str) -> int | None:
        """Store what `canvas` shows as a sample of `label` (also the recognise tab's corrections)."""
        if self.store is None:
            self.show_message(self.store_problem or self.tr("The samples database is not open."))
            return None
        try:
            sample_id = self.store.add(canvas_image(canvas), label, canvas_strokes(canvas), source=source)
        except Exception as exc:  # noqa: BLE001 - SampleStoreError (locked, full disk): shown, not raised
            self.show_message(self.tr("The sample was not saved: %1").replace("%1", str(exc)))
            return None
        self._hide_message()
        self.gallery.refresh()
        self.samples_changed.emit()
        self.status.emit(self.tr("Added a %1 to your samples (#%2).").replace("%1", str(label)).replace(
            "%2", str(sample_id)))
        return sample_id

    def import_folder(self, folder: str | Path) -> bool:
        """Add every image of `folder/<digit>/` in the background; `transfer_done` brings the report."""
        return self._start_transfer("import", folder, self.tr("Importing samples…"))

    def export_folder(self, folder: str | Path) -> bool:
        """Write every sample to `folder/<digit>/<id>.png` in the background (never overwriting)."""
        return self._start_transfer("export", folder, self.tr("Exporting samples…"))

    def _start_transfer(self, kind: str, folder: str | Path, label: str) -> bool:
        if self.store is None or self.db_path is None:
            self.show_message(self.store_problem or self.tr("The samples database is not open."))
            return False
        if not self.transfers.start(kind, self.db_path, folder, self, label):
            self.show_message(self.tr("An import or export is already running."))
            return False
        return True

    def _after_transfer(self, kind: str, outcome: Any) -> None:
        """An import or export ended: `outcome` is its report, or the message saying what stopped it."""
        self.gallery.refresh()
        self.samples_changed.emit()
        status, problem = describe_transfer(kind, outcome)
        if problem:
            self.show_message(problem)
        self.status.emit(status)
        self.transfer_done.emit(kind, None if isinstance(outcome, str) else outcome)

    # -- fine-tuning ------------------------------------------------------------------------------
    def start_fine_tune(self) -> bool:
        """Start a run on the model in use; explains instead when the samples cannot teach anything."""
        if self.runner.is_running():
            return False
        if self.store is None or self.db_path is None:
            self.show_message(self.store_problem or self.tr("The samples database is not open."))
            return False
        try:
            counts = self.store.counts()
        except Exception as exc:  # noqa: BLE001 - locked or damaged since it was opened
            self.show_message(str(exc))
            return False
        digits = [d for d, n in counts.items() if n]
        if not digits:
            self.show_message(self.tr(
                "There are no samples yet. Draw a few of each digit the model misreads (at least two "
                "different digits, ideally five or more of each), add them, then fine-tune."))
            return False
        if len(digits) == 1:
            self.show_message(self.tr(
                "All your samples are of the digit %1. Add samples of at least one other digit: trained "
                "on one digit only, the model would learn to answer %1 to everything.").replace(
                    "%1", str(digits[0])))
            return False
        recognizer = self._host.recognizer()
        if recognizer is None:
            self.show_message(self.tr("No model is loaded yet."))
            return False
        entry = self._host.model_entry()
        self._hide_message()
        # On the device the model in use runs on, so the kept model lands where the old one was.
        device = recognizer.device.type
        job = FineTuneJob(self.db_path, entry.arch, entry.weights, device, self.fine_tune.config())
        self._base_name = self._host.model_display_name(entry)
        self._device_name = recognizer.device_name
        self.fine_tune.set_running(True)
        self.runner.start(job)
        self._sync()
        return True

    def cancel_fine_tune(self) -> None:
        self.runner.cancel()

    def _on_succeeded(self, report: RunReport) -> None:
        self.fine_tune.show_result(report, self._device_name)
        # The decision must be in view without scrolling for it (once the result box is laid out).
        QTimer.singleShot(0, lambda: self.fine_tune_scroll.ensureWidgetVisible(self.fine_tune.keep_button))
        self._sync()

    def _on_failed(self, kind: str, message: str) -> None:
        prefix = {
            "samples": self.tr("Fine-tuning did not start: %1"),
            "diverged": self.tr("Fine-tuning stopped, the model in use is unchanged: %1"),
            "store": self.tr("Your samples could not be read: %1"),
        }.get(kind, self.tr("Fine-tuning failed, the model in use is unchanged: %1"))
        self.fine_tune.show_stopped(self.tr("Stopped."))
        self.show_message(prefix.replace("%1", message))
        self._sync()

    def _on_cancelled(self) -> None:
        self.fine_tune.show_stopped(self.tr("Cancelled: the model in use was not changed."))
        self._sync()

    def keep(self, name: str = "") -> str | None:
        """Save the finished run as a new version, make it active and switch to it; returns its key.

        On failure (a full disk...) the result stays here, with the reason shown: nothing is lost.
        """
        key = keep_result(self, name)
        if key is not None:
            self._kept_key = key
            self.library_changed.emit()
            self._host.select_model(key)
        return key

    def has_unsaved_result(self) -> bool:
        """A finished run that is neither kept nor saved elsewhere: closing must ask about it."""
        return self.fine_tune.report() is not None and self.saved_as is None

    def discard(self) -> None:
        if self.fine_tune.report() is None:
            return
        self.fine_tune.clear_result()
        self.saved_as = None
        self.fine_tune.status.setText(
            self.tr("Discarded; still using %1.").replace("%1", getattr(self, "_base_name", ""))
        )

    # -- window plumbing --------------------------------------------------------------------------
    def model_changed(self, key: str) -> None:
        """The window switched models: mark the one in use, and say which one a run would fine-tune."""
        self.models.refresh(key)
        if self._kept_key is not None and key != self._kept_key:
            self._kept_key = None  # "Kept as ..., now in use" is no longer true
            if not self.runner.is_running() and self.fine_tune.report() is None:
                self.fine_tune.status.setText(self.tr("Now using %1.").replace("%1", self._model_name()))
        self.fine_tune.set_model_name(self._model_name())

    def _model_name(self) -> str:
        return self._host.model_display_name(self._host.model_entry())

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def message_text(self) -> str:
        return "" if self.message.isHidden() else self.message.text()

    def _hide_message(self) -> None:
        if self.store_problem:
            self.message.setText(self.store_problem)  # the database problem stays until it is solved
            return
        self.message.clear()
        self.message.hide()

    def _sync(self) -> None:
        self.drawing.set_can_store(self.store is not None)

    def shutdown(self) -> None:
        self.runner.shutdown()
        self.transfers.shutdown()
        self.close_store()

    def retranslate(self) -> None:
        self.draw_box.setTitle(self.tr("Draw a sample"))
        self.gallery_box.setTitle(self.tr("Your samples"))
        self.fine_tune_box.setTitle(self.tr("Fine-tune"))
        self.models_box.setTitle(self.tr("Models"))
        self.message.setToolTip(self.tr("The last problem"))
        self.fine_tune.set_model_name(self._model_name())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
