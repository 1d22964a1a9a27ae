"""What the pages' long jobs (fine-tuning, training from scratch) share: one worker QObject in its own
QThread per job, progress sent on in batches, and a GUI-thread runner that stops the thread before it
announces how the job ended."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, SignalInstance, Slot

PROGRESS_INTERVAL_S = 0.05  # the core reports every step (a few ms); the GUI needs ~20 updates a second


class ProgressBatch:
    """Progress reports made in a worker thread, emitted as lists (the newest last) at most about 20
    times a second, so that a fast device never floods the GUI thread."""

    def __init__(self, signal: SignalInstance) -> None:
        self._signal = signal
        self._items: list[object] = []
        self._last_emit = 0.0

    def add(self, item: object, at_once: bool = False) -> None:
        """Keep `item`; send what was kept if `at_once` or the interval has passed."""
        self._items.append(item)
        now = time.perf_counter()
        if at_once or now - self._last_emit >= PROGRESS_INTERVAL_S:
            self._last_emit = now
            self.flush()

    def flush(self) -> None:
        """Send what is kept, if anything (at the end of a job)."""
        if self._items:
            items, self._items = self._items, []
            self._signal.emit(items)


class JobRunner(QObject):
    """GUI-thread side of one job at a time. The worker must have a `run` slot and the signals
    `progress(object)`, `succeeded(object)`, `error(str, str)` and `cancelled()`; subclasses say how
    to ask it to stop (`_request_cancel`)."""

    progress = Signal(object)  # a list of progress reports
    succeeded = Signal(object)
    failed = Signal(str, str)  # kind, message for the user
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: QObject | None = None  # subclasses name its type

    def is_running(self) -> bool:
        return self._thread is not None

    def _launch(self, worker: Any, name: str,
                priority: QThread.Priority = QThread.Priority.InheritPriority) -> None:
        """Start `worker.run` in a new thread called `name` (`worker`: a QObject with the slot and
        signals above)."""
        thread = QThread()
        thread.setObjectName(name)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self.progress)
        # Bound slots of this GUI-thread object: queued connections, so they run in the GUI thread.
        worker.succeeded.connect(self._on_succeeded)
        worker.error.connect(self._on_error)
        worker.cancelled.connect(self._on_cancelled)
        self._thread, self._worker = thread, worker
        thread.start(priority)

    def _request_cancel(self) -> None:
        """Tell the worker to stop at its next check (thread-safe)."""
        raise NotImplementedError

    def cancel(self) -> None:
        if self._worker is not None and self._thread is not None:
            self._request_cancel()
            self._thread.requestInterruption()

    def shutdown(self, timeout_ms: int = 15000) -> None:
        """Cancel and wait for the thread (window closing): the job looks at the flag every step."""
        if self._thread is None:
            return
        self.cancel()
        thread, self._thread, self._worker = self._thread, None, None
        thread.quit()
        if not thread.wait(timeout_ms):
            thread.terminate()  # only if a step or a download hangs; the process is ending anyway
            thread.wait()

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        self._end(self.succeeded, result)

    @Slot(str, str)
    def _on_error(self, kind: str, message: str) -> None:
        self._end(self.failed, kind, message)

    @Slot()
    def _on_cancelled(self) -> None:
        self._end(self.cancelled)

    def _end(self, signal: SignalInstance, *args: object) -> None:
        thread = self._thread
        if thread is None:
            return  # shut down meanwhile: nobody waits for the outcome any more
        # The worker emitted its last signal as `run` returned: the thread ends at once.
        thread.quit()
        thread.wait()
        self._thread, self._worker = None, None
        signal.emit(*args)
