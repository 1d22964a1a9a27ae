"""Driving a `TrainingRun` to its end from a worker thread: progress, pause, resume, cancel, and
requests served between two steps (reading the user's drawing with the model as it is).

`RunControl` is the thread-safe handle the user's side holds; `drive` is the loop the worker runs.
Everything is cooperative: a step in progress always finishes (a few ms on a CPU), then the loop looks
at the control. Drawing comes first: while the user draws (`give_way`, at every pen event) the steps
wait, so that each stroke is read and shown on CPU cores the training is not holding. Time spent
paused or giving way counts neither as training time nor towards the time left.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from .training_run import HistoryPoint, KernelSnapshot, RunResult, TrainingRun

LEARN_TEST_EVERY_S = 1.5  # how often the Learn page measures the 10,000 test digits (of training time)
# After the user's last pen event, steps wait this long: longer than the gaps between a stroke's events,
# so training holds while a digit is drawn and goes on as soon as the pen rests.
GIVE_WAY_S = 0.25


class RunCancelled(Exception):
    """The user stopped the run; its model is dropped."""


class RunControl:
    """Pause, resume and cancel a run, and queue work for its thread between steps. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._paused = False
        self._cancelled = False
        self._held_until = 0.0  # time.monotonic() until which steps give way to the user's drawing
        self._requests: deque[Callable[[TrainingRun], None]] = deque()

    def pause(self) -> None:
        with self._lock:
            self._paused = True

    def resume(self) -> None:
        with self._lock:
            self._paused = False
            self._lock.notify_all()

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            self._lock.notify_all()

    def give_way(self, seconds: float = GIVE_WAY_S) -> None:
        """The user is drawing: no new step for `seconds` from now (the step in progress finishes)."""
        with self._lock:
            self._held_until = max(self._held_until, time.monotonic() + seconds)

    @property
    def giving_way(self) -> bool:
        return time.monotonic() < self._held_until

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def between_steps(self, request: Callable[[TrainingRun], None]) -> None:
        """Run `request(run)` in the run's thread before its next step (or at once while paused)."""
        with self._lock:
            self._requests.append(request)
            self._lock.notify_all()

    def checkpoint(self, run: TrainingRun, stop: Callable[[], bool] = lambda: False) -> float:
        """Serve the requests, wait out a pause; raise RunCancelled if asked. Returns seconds paused."""
        paused_s = 0.0
        while True:
            with self._lock:
                requests = list(self._requests)
                self._requests.clear()
            for request in requests:
                request(run)
            with self._lock:
                if self._cancelled or stop():
                    raise RunCancelled("cancelled")
                held_s = self._held_until - time.monotonic()
                if not self._paused and held_s <= 0:
                    return paused_s
                if not self._requests:
                    start = time.perf_counter()
                    # Short: `stop` may be a flag that cannot notify.
                    self._lock.wait(0.05 if self._paused else min(held_s, 0.05))
                    paused_s += time.perf_counter() - start


@dataclass(frozen=True)
class RunProgress:
    step: int
    total_steps: int
    epoch: int
    epochs: int
    loss: float  # mean over the steps since the previous report
    train_accuracy: float  # on those steps' batches
    test_accuracy: float | None  # measured for this report, else None
    images_per_s: float  # training throughput over the recent steps
    seconds: float  # time training so far, pauses left out
    seconds_left: float | None  # estimate; None until a few steps have been timed
    kernels: KernelSnapshot | None  # fresh kernels, when due


ProgressCallback = Callable[[RunProgress], None]


def drive(
    run: TrainingRun,
    control: RunControl | None = None,
    on_progress: ProgressCallback | None = None,
    report_every_s: float = 0.1,
    test_every_s: float = 2.0,
    kernels_every_s: float = 0.25,
    stop: Callable[[], bool] = lambda: False,
) -> RunResult:
    """Take the run's remaining steps; returns its result with the last test accuracy.

    Reports at most every `report_every_s`, measures the test digits every `test_every_s` of training
    (and at the end), and sends kernels every `kernels_every_s`. Raises RunCancelled when the control
    (or `stop()`) says so, FloatingPointError when the loss diverges.
    """
    control = control or RunControl()
    history: list[HistoryPoint] = []
    elapsed = 0.0  # training time, pauses left out
    test_accuracy: float | None = None
    last_report = last_kernels = -1e9
    last_test = 0.0  # the untrained model's accuracy (chance) is not worth measuring
    window: deque[tuple[float, int]] = deque(maxlen=50)  # (seconds, images) of the recent steps
    test_cost = 0.0
    loss_sum, correct, digits, steps_since = 0.0, 0, 0, 0
    while not run.done:
        control.checkpoint(run, stop)
        started = time.perf_counter()
        stats = run.step()
        step_s = time.perf_counter() - started
        window.append((step_s, stats.images))
        loss_sum, correct, digits = loss_sum + stats.loss, correct + stats.correct, digits + stats.digits
        steps_since += 1
        elapsed += step_s
        measured: float | None = None
        if run.done or elapsed - last_test >= test_every_s:
            t = time.perf_counter()
            measured = run.test_accuracy()
            test_cost = time.perf_counter() - t
            elapsed += test_cost
            last_test = elapsed
            test_accuracy = measured if measured is not None else test_accuracy
        if run.done or measured is not None or elapsed - last_report >= report_every_s:
            kernels = None
            if run.done or elapsed - last_kernels >= kernels_every_s:
                kernels, last_kernels = run.kernels(), elapsed
            point = HistoryPoint(
                run.step_count, run.step_count / run.steps_per_epoch, loss_sum / steps_since,
                correct / max(digits, 1), measured,
            )
            history.append(point)
            if on_progress is not None:
                on_progress(_progress(run, point, window, elapsed, test_cost, test_every_s, kernels))
            last_report = elapsed
            loss_sum, correct, digits, steps_since = 0.0, 0, 0, 0
    return run.result(test_accuracy, elapsed, history)


def _progress(
    run: TrainingRun, point: HistoryPoint, window: deque[tuple[float, int]], elapsed: float,
    test_cost: float, test_every_s: float, kernels: KernelSnapshot | None,
) -> RunProgress:
    seconds = sum(s for s, _ in window)
    images_per_s = sum(n for _, n in window) / seconds if seconds > 0 else 0.0
    left: float | None = None
    if len(window) >= 5:
        steps_left = run.total_steps - run.step_count
        train_left = steps_left * seconds / len(window)
        tests_left = steps_left if test_every_s <= 0 else min(steps_left, train_left / test_every_s)
        left = train_left + test_cost * tests_left + (test_cost if steps_left else 0.0)
    return RunProgress(
        run.step_count, run.total_steps, run.epoch, run.config.epochs, point.loss, point.train_accuracy,
        point.test_accuracy, images_per_s, elapsed, left, kernels,
    )
