"""Training from scratch off the GUI thread: one worker QObject in its own QThread per job.

A job prepares MNIST (from the cache, or preprocessed once and cached), then drives the core's
`TrainingRun` step by step; or it only downloads MNIST. The GUI side (`LearnRunner`) pauses, resumes
and cancels through the core's thread-safe `RunControl`, and asks the model in training to read the
user's drawing between two steps. Progress is batched to about 20 updates a second, so a fast device
never floods the GUI thread.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, QThread, Signal, SignalInstance, Slot

if TYPE_CHECKING:  # torch comes with the core's training: imported when a job starts, not before
    from lenet_core.run_control import RunControl, RunProgress
    from lenet_core.train_config import TrainConfig

PROGRESS_INTERVAL_S = 0.05
NICE = 10  # the training thread's priority below the GUI's and the inference worker's (Linux)


@dataclass(frozen=True)
class LearnJob:
    data_dir: Path
    arch: str
    device: str  # "auto", "cpu", "cuda", "mps"
    action: str = "train"  # or "download"
    train_limit: int | None = None  # the first N training digits (small runs)
    test_limit: int | None = None
    cache_dir: Path | None = None  # None: the user's cache folder
    recipe: TrainConfig | None = None  # None: LEARN_RECIPE with `arch`


class LearnWorker(QObject):
    preparing = Signal(int, int)  # images preprocessed so far, in all (only when the cache is built)
    started = Signal(str, int, int)  # device, training images, test images
    progress = Signal(object)  # list[RunProgress] since the last emission
    drawing_read = Signal(object)  # (10,) probabilities of the drawing, or None when it has no ink
    downloaded = Signal(str)  # the folder
    succeeded = Signal(object)  # RunResult
    error = Signal(str, str)  # kind ("data", "diverged", "failed"), message for the user
    cancelled = Signal()

    def __init__(self, job: LearnJob, control: RunControl) -> None:
        super().__init__()
        self._job = job
        self.control = control
        self._batch: list[RunProgress] = []
        self._last_emit = 0.0

    def _stop(self) -> bool:
        return QThread.currentThread().isInterruptionRequested()

    def _on_progress(self, progress: RunProgress) -> None:
        self._batch.append(progress)
        now = time.perf_counter()
        if progress.step == progress.total_steps or now - self._last_emit >= PROGRESS_INTERVAL_S:
            self._last_emit = now
            batch, self._batch = self._batch, []
            self.progress.emit(batch)

    def read(self, image: np.ndarray) -> None:
        """Thread-safe: the model in training reads a drawing (grey, any size) before its next step."""

        def request(run: object) -> None:
            from lenet_core.preprocess import preprocess

            ink = preprocess(image)
            self.drawing_read.emit(None if ink is None else run.probabilities(ink))  # type: ignore[attr-defined]

        self.control.between_steps(request)

    @Slot()
    def run(self) -> None:
        from lenet_core import mnist
        from lenet_core.run_control import RunCancelled

        _lower_priority()
        try:
            if self._job.action == "download":
                self.downloaded.emit(str(mnist.download(self._job.data_dir)))
                return
            result = self._train()
        except RunCancelled:
            self.cancelled.emit()
        except (OSError, mnist.IDXError) as exc:
            self.error.emit("data", str(exc))
        except FloatingPointError as exc:
            self.error.emit("diverged", str(exc))
        except Exception as exc:  # noqa: BLE001 - any failure must reach the user, never kill the thread
            self.error.emit("failed", f"{type(exc).__name__}: {exc}")
        else:
            self.succeeded.emit(result)

    def _train(self) -> object:
        import dataclasses

        from lenet_core.mnist_cache import load_prepared
        from lenet_core.recognizer import resolve_device
        from lenet_core.run_control import LEARN_TEST_EVERY_S, RunCancelled, drive
        from lenet_core.training_run import LEARN_RECIPE, TrainingRun

        job = self._job
        prepared = load_prepared(job.data_dir, job.cache_dir, progress=self.preparing.emit)
        prepared = prepared.limited(job.train_limit, job.test_limit)
        if self._stop() or self.control.cancelled:
            raise RunCancelled("cancelled before training started")
        recipe = job.recipe or dataclasses.replace(LEARN_RECIPE, arch=job.arch)
        device = resolve_device(job.device)
        run = TrainingRun(prepared.train_ink, prepared.train_labels, recipe, device, prepared.test_ink,
                          prepared.test_labels, prepared.test_total, prepared.data_sha256)
        self.started.emit(str(device), run.train_images, run.test_total)
        result = drive(run, self.control, self._on_progress, test_every_s=LEARN_TEST_EVERY_S, stop=self._stop)
        if self._batch:
            self.progress.emit(self._batch)
            self._batch = []
        return result


def _lower_priority() -> None:
    """Let drawing and reading come first: training takes the CPU time they leave. On Linux a
    thread's nice value is its own, and the threads torch starts for this one inherit it."""
    if sys.platform.startswith("linux"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICE)
        except OSError:
            pass


class LearnRunner(QObject):
    """GUI-thread side of one job at a time; the thread is stopped before any outcome is announced."""

    preparing = Signal(int, int)
    started = Signal(str, int, int)
    progress = Signal(object)
    drawing_read = Signal(object)
    downloaded = Signal(str)
    succeeded = Signal(object)
    failed = Signal(str, str)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: LearnWorker | None = None

    def is_running(self) -> bool:
        return self._thread is not None

    def is_paused(self) -> bool:
        return self._worker is not None and self._worker.control.paused

    def start(self, job: LearnJob) -> bool:
        if self._thread is not None:
            return False
        from lenet_core.run_control import RunControl  # no torch: the core's control is plain Python

        thread = QThread()
        thread.setObjectName("lenet-learn")
        worker = LearnWorker(job, RunControl())
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        for name in ("preparing", "started", "progress", "drawing_read"):
            getattr(worker, name).connect(getattr(self, name))
        worker.downloaded.connect(self._on_downloaded)
        worker.succeeded.connect(self._on_succeeded)
        worker.error.connect(self._on_error)
        worker.cancelled.connect(self._on_cancelled)
        self._thread, self._worker = thread, worker
        thread.start(QThread.Priority.LowPriority)  # where the platform honours it; see _lower_priority
        return True

    def pause(self) -> None:
        if self._worker is not None:
            self._worker.control.pause()

    def resume(self) -> None:
        if self._worker is not None:
            self._worker.control.resume()

    def cancel(self) -> None:
        if self._worker is not None and self._thread is not None:
            self._worker.control.cancel()
            self._thread.requestInterruption()

    def read(self, image: np.ndarray) -> None:
        if self._worker is not None:
            self._worker.read(image)

    def shutdown(self, timeout_ms: int = 15000) -> None:
        """Cancel and wait for the thread (window closing): the loop looks at the control every step."""
        if self._thread is None:
            return
        self.cancel()
        thread, self._thread, self._worker = self._thread, None, None
        thread.quit()
        if not thread.wait(timeout_ms):
            thread.terminate()  # only if a step or a download hangs; the process is ending anyway
            thread.wait()

    @Slot(str)
    def _on_downloaded(self, folder: str) -> None:
        self._end(self.downloaded, folder)

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
            return
        thread.quit()
        thread.wait()
        self._thread, self._worker = None, None
        signal.emit(*args)
