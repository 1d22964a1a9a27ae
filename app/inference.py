"""Inference off the GUI thread: one worker in one QThread, at most one request in flight and one pending.

The GUI thread never waits for the network. While the user draws, each stroke event only marks the
canvas as changed; the canvas is rasterised when the worker is free to take it, so a burst of mouse
moves costs one inference, not fifty. The newest request always replaces the pending one (latest
wins), and since the newest state is what is pending, the update on pen release is never dropped.
"""

from __future__ import annotations

import atexit
import time
import warnings
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

from app.config import INFERENCE_THREADS, MIN_UPDATE_INTERVAL_MS
from app.widgets.image_display import display_copy

if TYPE_CHECKING:
    from lenet_core.model_library import ModelEntry
    from lenet_core.recognizer import Recognizer


@dataclass(frozen=True)
class OpenedImage:
    """A request to recognise a file and to make its display copy (both in the worker's thread)."""

    path: Path


# What a prediction request carries: an image, or a callable that produces one when the request is
# finally sent, so that only the state the worker actually reads gets rasterised.
ImageSource = np.ndarray | OpenedImage | Callable[[], np.ndarray]

SHEET = "sheet"  # the lane of the Recognise page's sheet; other lanes wait while it has a request

_live_controllers: weakref.WeakSet[InferenceController] = weakref.WeakSet()


@atexit.register
def _stop_all() -> None:
    for controller in list(_live_controllers):
        try:
            controller.shutdown()
        except RuntimeError:  # its Qt objects are already gone, and with them the thread
            pass


@dataclass(frozen=True)
class ModelChoice:
    """Which network to run, by its model library id ("shipped:classic", "v3"), and on which device.

    `entry_id` None: the library's active model (what the app starts with). The worker opens the
    library in `models_dir` itself (None: no folder for kept models, the shipped ones only).
    """

    entry_id: str | None
    device: str
    models_dir: Path | None = None


def load_choice(choice: ModelChoice) -> tuple[Recognizer, ModelEntry]:
    """The Recognizer and library entry of `choice` (in the worker: this is where torch is imported)."""
    from lenet_core.model_library import SHIPPED, ModelEntry, ModelLibrary, default_active_id
    from lenet_core.recognizer import Recognizer
    from lenet_core.resources import shipped_weights

    library = ModelLibrary(choice.models_dir) if choice.models_dir is not None else None
    entry_id = choice.entry_id or (library.active_id if library is not None else default_active_id())
    if entry_id in SHIPPED or library is None:
        arch = SHIPPED.get(entry_id) or SHIPPED[default_active_id()]
        entry = ModelEntry(entry_id if entry_id in SHIPPED else default_active_id(), f"LeNet-5 {arch}",
                           shipped_weights(arch), True, None, arch)
        # The shipped weights by architecture: a build without them runs untrained, with a warning.
        return Recognizer.load(arch=arch, device=choice.device), entry
    entry = library.get(entry_id)
    return library.load(entry, choice.device), entry


class InferenceWorker(QObject):
    """Lives in the worker thread; owns the Recognizer and runs every call to the core."""

    predicted = Signal(int, object, object)  # request id, lenet_core.Prediction, display QImage or None
    prediction_failed = Signal(int, str)  # request id, message for the user
    model_loaded = Signal(object, object, object)  # Recognizer, its library ModelEntry, warnings (list[str])
    model_failed = Signal(str, object)  # message, ModelChoice

    def __init__(self) -> None:
        super().__init__()
        self._recognizer: Recognizer | None = None

    @staticmethod
    def _limit_threads() -> None:
        import torch

        if torch.get_num_threads() != INFERENCE_THREADS:
            torch.set_num_threads(INFERENCE_THREADS)

    @Slot(int, object)
    def predict(self, request_id: int, image: np.ndarray | OpenedImage) -> None:
        from lenet_core import ImageError

        if self._recognizer is None:
            self.prediction_failed.emit(request_id, "no model is loaded")
            return
        self._limit_threads()
        display = None
        try:
            if isinstance(image, OpenedImage):
                prediction = self._recognizer.predict(image.path)
                display = display_copy(image.path)  # only once the core has read the file
            else:
                prediction = self._recognizer.predict(image)
        except ImageError as exc:
            self.prediction_failed.emit(request_id, str(exc))
        except Exception as exc:  # noqa: BLE001 - any failure must reach the user, never kill the thread
            self.prediction_failed.emit(request_id, f"{type(exc).__name__}: {exc}")
        else:
            self.predicted.emit(request_id, prediction, display)

    @Slot(int, object)
    def load(self, request_id: int, choice: ModelChoice) -> None:
        # The core warns about what the user should know (untrained model, device fallback); those
        # warnings become messages in the window. (catch_warnings is process-wide, but the GUI thread
        # issues no warnings of its own while a model loads.)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                recognizer, entry = load_choice(choice)
            except Exception as exc:  # noqa: BLE001 - a bad weights file or device is a message, not a crash
                self.model_failed.emit(str(exc) or type(exc).__name__, choice)
                return
        self._recognizer = recognizer
        notes = [str(w.message) for w in caught if issubclass(w.category, (UserWarning, RuntimeWarning))]
        self.model_loaded.emit(recognizer, entry, notes)


class InferenceController(QObject):
    """GUI-thread side: throttles, coalesces and forwards requests, and drops results made stale."""

    prediction_ready = Signal(object, object)  # Prediction, the tag given with the request
    # For an OpenedImage request, just before prediction_ready: the copy to show (QImage), the tag.
    display_ready = Signal(object, object)
    prediction_failed = Signal(str, object)  # message, tag
    model_ready = Signal(object, object, object)  # Recognizer, library ModelEntry, warnings (list[str])
    model_failed = Signal(str, object)  # message, ModelChoice

    _send_predict = Signal(int, object)
    _send_load = Signal(int, object)

    def __init__(self, parent: QObject | None = None, min_interval_ms: int = MIN_UPDATE_INTERVAL_MS) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("lenet-inference")
        self._worker = InferenceWorker()
        self._worker.moveToThread(self._thread)
        # Cross-thread connections are queued: the worker runs each call in its own thread, in order.
        self._send_predict.connect(self._worker.predict)
        self._send_load.connect(self._worker.load)
        self._worker.predicted.connect(self._on_predicted)
        self._worker.prediction_failed.connect(self._on_prediction_failed)
        self._worker.model_loaded.connect(self._on_model_loaded)
        self._worker.model_failed.connect(self._on_model_failed)
        self._thread.finished.connect(self._worker.deleteLater)

        self._min_interval_s = min_interval_ms / 1000.0
        self._throttle = QTimer(self)
        self._throttle.setSingleShot(True)
        self._throttle.timeout.connect(self._dispatch)

        self._next_id = 1
        self._in_flight: int | None = None
        self._in_flight_tag: object = None
        self._in_flight_lane = SHEET
        # One pending request per lane (the sheet's first): a sample read on the Train tab never
        # replaces the sheet's request, nor the other way round.
        self._pending: dict[str, tuple[ImageSource, object]] = {}
        self._stale_below: dict[str, int] = {}  # per lane: results of requests with a smaller id are dropped
        self._loads_in_flight = 0
        self._last_dispatch = 0.0
        self._stopped = False
        self._thread.start()
        # A running QThread must never be destroyed: stop it however the app ends, even when a
        # script never closes the window (Python tears objects down at exit in no useful order).
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        _live_controllers.add(self)

    # -- requests -------------------------------------------------------------------------------
    def request(self, source: ImageSource, tag: object = None, immediate: bool = False,
                lane: str = SHEET) -> None:
        """Ask for a prediction of `source`; replaces the lane's pending request (latest wins).

        `immediate` skips the rate limit (pen release, undo, opened files): the user has stopped and
        waits for the answer.
        """
        if self._stopped:
            return
        self._pending[lane] = (source, tag)
        if self._in_flight is not None or self._loads_in_flight:
            return  # sent when the worker reports back
        wait = self._min_interval_s - (time.perf_counter() - self._last_dispatch)
        if immediate or wait <= 0:
            self._throttle.stop()
            self._dispatch()
        elif not self._throttle.isActive():
            self._throttle.start(max(1, int(wait * 1000)))

    def cancel(self, lane: str = SHEET) -> None:
        """Forget the lane's pending request and ignore its answer in flight (the canvas was cleared)."""
        self._pending.pop(lane, None)
        if not self._pending:
            self._throttle.stop()
        self._stale_below[lane] = self._next_id

    def load_model(self, choice: ModelChoice) -> None:
        if self._stopped:
            return
        self._loads_in_flight += 1
        self._send_load.emit(self._take_id(), choice)

    def is_idle(self) -> bool:
        return (
            self._in_flight is None
            and not self._pending
            and not self._loads_in_flight
            and not self._throttle.isActive()
        )

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Stop cleanly: nothing new is sent, the thread finishes its current call and exits."""
        if self._stopped:
            return
        self._stopped = True
        self._pending.clear()
        self._throttle.stop()
        self._thread.requestInterruption()
        self._thread.quit()
        if not self._thread.wait(timeout_ms):
            # A forward pass never takes seconds; if one does, the process is ending anyway.
            self._thread.terminate()
            self._thread.wait()

    # -- internals ------------------------------------------------------------------------------
    def _take_id(self) -> int:
        request_id = self._next_id
        self._next_id += 1
        return request_id

    def _dispatch(self) -> None:
        if not self._pending or self._in_flight is not None or self._loads_in_flight or self._stopped:
            return
        lane = SHEET if SHEET in self._pending else next(iter(self._pending))
        source, tag = self._pending.pop(lane)
        image = source() if callable(source) else source
        request_id = self._take_id()
        self._in_flight = request_id
        self._in_flight_tag = tag
        self._in_flight_lane = lane
        self._last_dispatch = time.perf_counter()
        self._send_predict.emit(request_id, image)

    def _current(self, request_id: int) -> bool:
        """Whether the answer to `request_id` (the one in flight) is still wanted."""
        return request_id >= self._stale_below.get(self._in_flight_lane, 0) and not self._stopped

    def _after_reply(self) -> None:
        if self._pending:
            wait = self._min_interval_s - (time.perf_counter() - self._last_dispatch)
            if wait <= 0:
                self._dispatch()
            elif not self._throttle.isActive():
                self._throttle.start(max(1, int(wait * 1000)))

    @Slot(int, object, object)
    def _on_predicted(self, request_id: int, prediction: object, display: object) -> None:
        tag = self._in_flight_tag
        self._in_flight = None
        if self._current(request_id):
            if display is not None:
                self.display_ready.emit(display, tag)
            self.prediction_ready.emit(prediction, tag)
        self._after_reply()

    @Slot(int, str)
    def _on_prediction_failed(self, request_id: int, message: str) -> None:
        tag = self._in_flight_tag
        self._in_flight = None
        if self._current(request_id):
            self.prediction_failed.emit(message, tag)
        self._after_reply()

    @Slot(object, object, object)
    def _on_model_loaded(self, recognizer: object, entry: object, notes: list[str]) -> None:
        self._loads_in_flight -= 1
        if not self._stopped:
            self.model_ready.emit(recognizer, entry, notes)
        self._after_reply()

    @Slot(str, object)
    def _on_model_failed(self, message: str, choice: ModelChoice) -> None:
        self._loads_in_flight -= 1
        if not self._stopped:
            self.model_failed.emit(message, choice)
        self._after_reply()
