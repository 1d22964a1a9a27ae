"""The explorer's long job off the GUI thread, Orange3's way: one single-worker executor, progress and
partial results through queued signals, a cancel flag checked between batches.

A job reads a labelled set (the MNIST test digits, or the user's samples through this thread's own
SampleStore connection), then answers it with the model explored, batch by batch, and, when there
is one, with the model it was fine-tuned from, so that the page can say which digits changed. Every
signal carries the job's number: the page ignores what a cancelled job still sent.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from lenet_core.explore import Answers
    from lenet_core.recognizer import Recognizer

TEST_SET = "test"
SAMPLES = "samples"


@dataclass
class DigitSet:
    """The labelled digits explored, with what the page shows about them."""

    kind: str  # TEST_SET or SAMPLES
    images: list[np.ndarray]  # as the network reads them (preprocessed on the way)
    labels: np.ndarray  # (N,) int64
    ids: list[int]  # the test set's indices, or the samples' ids
    source: str  # "mnist", "shipped" (the 1,000 shipped test digits) or "samples"
    location: Path | None  # the folder or file read
    unreadable: int = 0  # samples whose stored image could not be decoded

    def paper(self, index: int) -> np.ndarray:
        """The digit as it looks on paper (uint8, dark ink on white), for thumbnails and the sheet."""
        image = self.images[index]
        return 255 - image if self.kind == TEST_SET else image  # MNIST is bright ink on black


@dataclass(frozen=True)
class ModelToLoad:
    """A model the worker loads itself: a weights file, or the shipped weights of `arch`."""

    arch: str
    weights: Path | None
    device: str


@dataclass(frozen=True)
class ExploreJob:
    kind: str  # TEST_SET or SAMPLES
    subject: Recognizer  # the model explored: a copy the worker alone uses
    base: ModelToLoad | None  # the model it was fine-tuned from, to name the digits that changed
    samples_db: Path | None = None
    mnist_dirs: tuple[Path, ...] | None = None  # None: the default places
    batch_size: int = 500


class _Cancelled(Exception):
    pass


def load_digit_set(job: ExploreJob) -> DigitSet:
    """The job's labelled digits (raises ValueError/OSError with the reason when they cannot be read)."""
    if job.kind == TEST_SET:
        from lenet_core.explore import load_test_digits

        test = load_test_digits(job.mnist_dirs)
        return DigitSet(TEST_SET, list(test.images), test.labels, list(range(len(test.labels))),
                        test.source, test.location)
    from lenet_core.sample_store import SampleStore

    if job.samples_db is None:
        return DigitSet(SAMPLES, [], np.zeros(0, np.int64), [], "samples", None)
    images, labels, ids, unreadable = [], [], [], 0
    with SampleStore(job.samples_db) as store:  # this thread's own connection
        for sample in sorted(store.samples(), key=lambda s: s.id):
            try:
                images.append(sample.image())
            except Exception:  # noqa: BLE001 - PIL raises many types; a bad row is counted, not fatal
                unreadable += 1
                continue
            labels.append(sample.label)
            ids.append(sample.id)
    return DigitSet(SAMPLES, images, np.asarray(labels, np.int64), ids, "samples", job.samples_db, unreadable)


class ExploreRunner(QObject):
    """GUI-thread side: starts jobs on the one worker thread, relays what they report, cancels them."""

    data_ready = Signal(int, object)  # job number, DigitSet
    answers_ready = Signal(int, str, int, object)  # job number, "subject" or "base", start index, Answers
    progress = Signal(int, int, int)  # job number, digits answered, digits to answer
    finished = Signal(int)  # job number: every answer is in
    failed = Signal(int, str)  # job number, the reason for the user

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor: ThreadPoolExecutor | None = None
        self._job_number = 0
        self._cancel = threading.Event()
        self._future: Future[Any] | None = None

    def start(self, job: ExploreJob) -> int:
        """Cancel any job still running and start this one; returns its number."""
        self.cancel()
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lenet-explore")
        self._job_number += 1
        self._cancel = threading.Event()
        self._future = self._executor.submit(self._run, self._job_number, job, self._cancel)
        return self._job_number

    def cancel(self) -> None:
        self._cancel.set()

    def is_running(self) -> bool:
        return self._future is not None and not self._future.done()

    def wait(self, timeout_s: float | None = None) -> bool:
        """Block until the current job ends (tests, shutdown); False on timeout."""
        future = self._future
        if future is None:
            return True
        try:
            future.exception(timeout=timeout_s)
        except TimeoutError:
            return False
        return True

    def shutdown(self) -> None:
        """Cancel and wait: the job stops at its next batch (a fraction of a second)."""
        self.cancel()
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None

    def _run(self, number: int, job: ExploreJob, cancel: threading.Event) -> None:
        try:
            self._answer(number, job, cancel)
        except _Cancelled:
            return
        except Exception as exc:  # noqa: BLE001 - any failure must reach the user, never vanish
            if not cancel.is_set():
                self.failed.emit(number, str(exc) or type(exc).__name__)
            return
        if not cancel.is_set():
            self.finished.emit(number)

    def _answer(self, number: int, job: ExploreJob, cancel: threading.Event) -> None:
        from lenet_core.explore import answer_batches
        from lenet_core.recognizer import Recognizer

        digits = load_digit_set(job)
        if cancel.is_set():
            raise _Cancelled
        self.data_ready.emit(number, digits)
        models: list[tuple[str, Recognizer]] = [("subject", job.subject)]
        if job.base is not None:
            base = job.base
            models.append(("base", Recognizer.load(base.arch, weights=base.weights, device=base.device)))
        total, done = len(digits.images) * len(models), 0
        self.progress.emit(number, 0, total)
        for role, recognizer in models:
            for start, answers in answer_batches(recognizer, digits.images, job.batch_size, cancel.is_set):
                self.answers_ready.emit(number, role, start, answers)
                done += len(answers)
                self.progress.emit(number, done, total)
            if cancel.is_set():
                raise _Cancelled


def empty_answers(n: int) -> Answers:
    """Answers still to come for `n` digits: no digit, no confidence, status "pending"."""
    from lenet_core.explore import Answers

    return Answers(np.full(n, -1, np.int64), np.zeros(n, np.float32), np.full(n, "pending", dtype="<U11"))
