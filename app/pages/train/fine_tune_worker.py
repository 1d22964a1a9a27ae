"""Fine-tuning off the GUI thread: one worker QObject in its own QThread per run.

The worker opens its own SampleStore and its own copy of the base model (a SQLite connection and a
model in use by the inference thread must not be shared), calls the core's `fine_tune`, and reports
through signals. Cancelling sets a thread-safe flag that the core checks at every step; the model in
use is never touched either way (the core trains a deep copy).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.pages.job_thread import JobRunner, ProgressBatch

if TYPE_CHECKING:  # torch comes with the core's fine-tuning: imported when a run starts, not before
    from lenet_core.finetune import ChangedPrediction, FineTuneConfig, FineTuneResult, Progress

@dataclass(frozen=True)
class FineTuneJob:
    db_path: Path
    arch: str
    weights: Path | None  # None: the shipped weights of `arch`
    device: str  # the device the recognise tab runs on, so the new model lands where the old one was
    config: FineTuneConfig


@dataclass
class RunReport:
    """A finished run and what the window needs to show about it, in sample ids rather than indices."""

    result: FineTuneResult
    sample_ids: list[int]  # image index given to fine_tune -> sample id
    unreadable: list[int] = field(default_factory=list)  # ids whose stored PNG could not be decoded
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (id, reason): blank, unreadable
    changed: list[tuple[ChangedPrediction, bytes]] = field(default_factory=list)  # with the sample's PNG


class FineTuneWorker(QObject):
    progress = Signal(object)  # list[Progress] since the last emission (the newest last)
    succeeded = Signal(object)  # RunReport
    error = Signal(str, str)  # kind ("samples", "diverged", "store", "failed"), message for the user
    cancelled = Signal()

    def __init__(self, job: FineTuneJob) -> None:
        super().__init__()
        self._job = job
        self._cancel = threading.Event()
        self._progress = ProgressBatch(self.progress)

    def request_cancel(self) -> None:
        """Thread-safe: called from the GUI thread while `run` works in the worker thread."""
        self._cancel.set()

    def _should_cancel(self) -> bool:
        return self._cancel.is_set() or QThread.currentThread().isInterruptionRequested()

    def _on_progress(self, progress: Progress) -> None:
        # The last step and each measurement on the held-out samples are shown at once.
        shown_at_once = progress.step == progress.total_steps or progress.holdout_accuracy is not None
        self._progress.add(progress, shown_at_once)

    @Slot()
    def run(self) -> None:
        from lenet_core.finetune import (
            FineTuneCancelled,
            FineTuneDiverged,
            FineTuneError,
            NotEnoughSamplesError,
        )

        try:
            report = self._run()
        except FineTuneCancelled:
            self.cancelled.emit()
        except NotEnoughSamplesError as exc:
            self.error.emit("samples", str(exc))
        except FineTuneDiverged as exc:
            self.error.emit("diverged", str(exc))
        except _StoreProblem as exc:
            self.error.emit("store", str(exc))
        except (FineTuneError, ValueError) as exc:
            self.error.emit("failed", str(exc))
        except Exception as exc:  # noqa: BLE001 - any failure must reach the user, never kill the thread
            self.error.emit("failed", f"{type(exc).__name__}: {exc}")
        else:
            self.succeeded.emit(report)

    def _run(self) -> RunReport:
        from lenet_core import Recognizer
        from lenet_core.finetune import FineTuneCancelled, fine_tune
        from lenet_core.sample_store import SampleStore, SampleStoreError

        job = self._job
        try:
            with SampleStore(job.db_path) as store:  # this thread's own connection
                samples = sorted(store.samples(), key=lambda s: s.id)
        except SampleStoreError as exc:
            raise _StoreProblem(str(exc)) from exc
        images, labels, ids, pngs, unreadable = [], [], [], [], []
        for sample in samples:
            try:
                images.append(sample.image())
            except Exception:  # noqa: BLE001 - PIL raises many types; a bad row is reported, not fatal
                unreadable.append(sample.id)
                continue
            labels.append(sample.label)
            ids.append(sample.id)
            pngs.append(sample.png)
        if self._should_cancel():
            raise FineTuneCancelled("cancelled before training started")
        base = Recognizer.load(arch=job.arch, weights=job.weights, device=job.device)
        result = fine_tune(
            base, images, labels, job.config, progress=self._on_progress, should_cancel=self._should_cancel
        )
        self._progress.flush()
        return RunReport(
            result=result,
            sample_ids=ids,
            unreadable=unreadable,
            skipped=[(ids[s.index], s.reason) for s in result.skipped],
            changed=[(c, pngs[c.index]) for c in result.changed],
        )


class _StoreProblem(Exception):
    """The worker could not read the sample database (locked, damaged)."""


class FineTuneRunner(JobRunner):
    """GUI-thread side of one run at a time: `progress` (list[Progress]), then `succeeded` (RunReport),
    `failed` (kind, message) or `cancelled`, each once the thread has stopped."""

    _worker: FineTuneWorker | None

    def start(self, job: FineTuneJob) -> bool:
        if self._thread is not None:
            return False
        self._launch(FineTuneWorker(job), "lenet-fine-tune")
        return True

    def _request_cancel(self) -> None:
        if self._worker is not None:
            self._worker.request_cancel()
