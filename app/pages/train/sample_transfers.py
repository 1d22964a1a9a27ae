"""Import and export of samples off the GUI thread, with progress and cancel.

A folder of thousands of images (or one on a slow network drive) must not freeze the window, so the
core's `sample_transfer` functions run in a worker QThread with that thread's own SampleStore (a SQLite
connection belongs to the thread that opened it). Progress comes back through queued signals;
Cancel sets a flag the core checks between two files, and what was done before stays done.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Union

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, SignalInstance, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.texts import fill

if TYPE_CHECKING:
    from lenet_core.sample_transfer import ExportReport, ImportReport

TransferReport = Union["ImportReport", "ExportReport"]

SHOW_PROGRESS_AFTER_MS = 300  # a quick import finishes without a dialog flashing up


class TransferWorker(QObject):
    progress = Signal(int, int)  # files done, files in all
    succeeded = Signal(object)  # ImportReport or ExportReport
    failed = Signal(str)  # a message for the user

    def __init__(self, kind: str, db_path: Path, folder: Path) -> None:
        super().__init__()
        self._kind, self._db_path, self._folder = kind, db_path, folder
        self._cancel = threading.Event()

    def request_cancel(self) -> None:
        self._cancel.set()  # thread-safe: called from the GUI thread

    @Slot()
    def run(self) -> None:
        from lenet_core.sample_store import SampleStore
        from lenet_core.sample_transfer import export_folder, import_folder

        transfer = import_folder if self._kind == "import" else export_folder
        try:
            with SampleStore(self._db_path) as store:  # this thread's own connection
                report = transfer(store, self._folder, self.progress.emit, self._cancel.is_set)
        except Exception as exc:  # noqa: BLE001 - a full disk or a locked database is a message
            self.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.succeeded.emit(report)


class TransferRunner(QObject):
    """One import or export at a time, with a progress dialog whose Cancel stops it between two files.

    The thread is stopped before the outcome is announced.
    """

    progress = Signal(int, int)
    finished = Signal(str, object)  # kind, and the report or the message saying what stopped it

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: TransferWorker | None = None
        self._kind = ""
        self.dialog: QProgressDialog | None = None

    def is_running(self) -> bool:
        return self._thread is not None

    def start(self, kind: str, db_path: Path, folder: str | Path, parent: QWidget | None = None,
              label: str = "") -> bool:
        if self._thread is not None:
            return False
        if parent is not None:
            dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, parent)
            dialog.setObjectName("transfer_progress")
            dialog.setWindowTitle(label)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.canceled.connect(self.cancel)
            self.progress.connect(self._show_progress)
            self.dialog = dialog
        thread = QThread()
        thread.setObjectName(f"lenet-samples-{kind}")
        worker = TransferWorker(kind, db_path, Path(folder))
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self.progress)
        worker.succeeded.connect(self._on_succeeded)
        worker.failed.connect(self._on_failed)
        self._thread, self._worker, self._kind = thread, worker, kind
        thread.start()
        return True

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.request_cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(self.tr("Stopping after the current file…"))

    def _show_progress(self, done: int, total: int) -> None:
        if self.dialog is not None and not self.dialog.wasCanceled():
            self.dialog.setMaximum(max(total, 1))
            self.dialog.setValue(done)

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.progress.disconnect(self._show_progress)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def shutdown(self) -> None:
        """Cancel and wait (the window closes): at most one file is still being read or written."""
        if self._thread is None:
            return
        self.cancel()
        thread, self._thread, self._worker = self._thread, None, None
        thread.quit()
        thread.wait()
        self._close_dialog()

    @Slot(object)
    def _on_succeeded(self, report: TransferReport) -> None:
        self._end(self.finished, report)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._end(self.finished, message)

    def _end(self, signal: SignalInstance, payload: TransferReport | str) -> None:
        thread = self._thread
        if thread is None:
            return  # shut down meanwhile
        thread.quit()
        thread.wait()
        self._thread, self._worker = None, None
        self._close_dialog()
        signal.emit(self._kind, payload)


def describe_transfer(kind: str, report: TransferReport | str) -> tuple[str, str]:
    """(status bar text, problem message or "") for an import or export that ended with `report`, or
    failed with `report` as the message (a full disk, a locked database)."""
    from lenet_core.sample_transfer import ImportReport

    if isinstance(report, str):
        stopped = (QCoreApplication.translate("TrainingTab", "The import stopped: %1") if kind == "import"
                   else QCoreApplication.translate("TrainingTab", "The export stopped: %1"))
        return "", fill(stopped, report)
    stopped = " " + QCoreApplication.translate("TrainingTab", "Cancelled: what was done before stays.")
    stopped = stopped if report.cancelled else ""
    if not isinstance(report, ImportReport):
        done = QCoreApplication.translate("TrainingTab", "Exported %1 samples.")
        return fill(done, str(len(report.written))) + stopped, ""
    text = QCoreApplication.translate("TrainingTab", "Imported %1 images.")
    text = fill(text, str(len(report.imported))) + stopped
    if not report.skipped:
        return text, ""
    skipped = fill(QCoreApplication.translate("TrainingTab", "Skipped %1:"), str(len(report.skipped)))
    listing = "\n".join(f"{p}: {why}" for p, why in report.skipped[:20])
    return text, f"{text} {skipped}\n{listing}"
