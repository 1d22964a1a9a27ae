"""Training from scratch off the GUI thread: one worker QObject in its own QThread per job.

A job prepares MNIST (from the cache, or preprocessed once and cached), then drives the core's
`TrainingRun` step by step; or it only downloads MNIST. The GUI side (`LearnRunner`) pauses, resumes
and cancels through the core's thread-safe `RunControl`, and asks the model in training to read the
user's drawing between two steps. Progress is batched to about 20 updates a second (`job_thread`).
"""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.pages.job_thread import JobRunner, ProgressBatch

if TYPE_CHECKING:  # torch comes with the core's training: imported when a job starts, not before
    from lenet_core.run_control import RunControl, RunProgress
    from lenet_core.train_config import TrainConfig

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
    recipe: TrainConfig | None = None  # None: the Learn page's recipe for `arch`


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
        self._progress = ProgressBatch(self.progress)

    def _stop(self) -> bool:
        return QThread.currentThread().isInterruptionRequested()

    def _on_progress(self, progress: RunProgress) -> None:
        self._progress.add(progress, progress.step == progress.total_steps)

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
        from lenet_core.mnist_cache import load_prepared
        from lenet_core.recognizer import resolve_device
        from lenet_core.run_control import LEARN_TEST_EVERY_S, RunCancelled, drive
        from lenet_core.training_run import TrainingRun, learn_recipe

        job = self._job
        prepared = load_prepared(job.data_dir, job.cache_dir, progress=self.preparing.emit)
        prepared = prepared.limited(job.train_limit, job.test_limit)
        if self._stop() or self.control.cancelled:
            raise RunCancelled("cancelled before training started")
        recipe = job.recipe or learn_recipe(job.arch)
        device = resolve_device(job.device)
        run = TrainingRun(prepared.train_ink, prepared.train_labels, recipe, device, prepared.test_ink,
                          prepared.test_labels, prepared.test_total, prepared.data_sha256)
        self.started.emit(str(device), run.train_images, run.test_total)
        result = drive(run, self.control, self._on_progress, test_every_s=LEARN_TEST_EVERY_S, stop=self._stop)
        self._progress.flush()
        return result


def _lower_priority() -> None:
    """Let drawing and reading come first: training takes the CPU time they leave. On Linux a
    thread's nice value is its own, and the threads torch starts for this one inherit it."""
    if sys.platform.startswith("linux"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICE)
        except OSError:
            pass


class LearnRunner(JobRunner):
    """GUI-thread side of one job at a time: `preparing`, `started`, `progress` and `drawing_read`
    while it runs, then `succeeded` (RunResult), `downloaded`, `failed` or `cancelled`, each once the
    thread has stopped."""

    preparing = Signal(int, int)
    started = Signal(str, int, int)
    drawing_read = Signal(object)
    downloaded = Signal(str)

    _worker: LearnWorker | None

    def is_paused(self) -> bool:
        return self._worker is not None and self._worker.control.paused

    def is_giving_way(self) -> bool:
        return self._worker is not None and self._worker.control.giving_way

    def start(self, job: LearnJob) -> bool:
        if self._thread is not None:
            return False
        from lenet_core.run_control import RunControl  # no torch: the core's control is plain Python

        worker = LearnWorker(job, RunControl())
        for name in ("preparing", "started", "drawing_read"):
            getattr(worker, name).connect(getattr(self, name))
        worker.downloaded.connect(self._on_downloaded)
        # Low priority where the platform honours it; see _lower_priority.
        self._launch(worker, "lenet-learn", QThread.Priority.LowPriority)
        return True

    def pause(self) -> None:
        if self._worker is not None:
            self._worker.control.pause()

    def resume(self) -> None:
        if self._worker is not None:
            self._worker.control.resume()

    def _request_cancel(self) -> None:
        if self._worker is not None:
            self._worker.control.cancel()

    def read(self, image: np.ndarray) -> None:
        if self._worker is not None:
            self._worker.read(image)

    @Slot()
    def give_way(self) -> None:
        """The user is drawing: the run's next steps wait a moment (`RunControl.give_way`)."""
        if self._worker is not None:
            self._worker.control.give_way()

    @Slot(str)
    def _on_downloaded(self, folder: str) -> None:
        self._end(self.downloaded, folder)
