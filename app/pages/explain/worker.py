"""The explain views' work off the GUI thread: where the drawing landed in the input, saliency maps,
and the other architecture's reading of the same sheet (side by side).

One worker in one QThread, at most one request in flight and one pending: the newest request replaces
the pending one (latest wins), as for the answers themselves (app/inference.py), so a burst of strokes
costs one saliency map, not fifty. The worker runs torch with one thread and a lower scheduling
priority than the answers: the feature maps must not wait for a heat map.
"""

from __future__ import annotations

import copy
import os
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from app.config import INFERENCE_THREADS
from app.inference import OpenedImage

if TYPE_CHECKING:
    from lenet_core.explain import Placement, Saliency
    from lenet_core.recognizer import Prediction, Recognizer

WORKER_NICENESS = 5  # below the inference worker: the answer and its maps come first
# A huge opened image is read here a second time, for its placement: its size was reported already.
warnings.filterwarnings("ignore", message=".* is very large", module=__name__)


@dataclass(frozen=True)
class SaliencyChoice:
    """Which map to compute: `method` (occlusion, gradient_x_input, integrated_gradients), the digit
    it explains and the one it is contrasted with (None: against all the others)."""

    method: str
    target: int
    versus: int | None


@dataclass(frozen=True)
class ExplainRequest:
    source: np.ndarray | OpenedImage | Callable[[], np.ndarray]  # what the sheet holds, as the core reads it
    saliency: SaliencyChoice | None = None
    other_arch: str | None = None  # read the sheet with this architecture's shipped model too
    tag: object = None


@dataclass
class ExplainResult:
    tag: object
    placement: Placement | None  # None: no ink on the sheet
    source_size: tuple[int, int]  # (width, height) of the image the placement refers to
    input: np.ndarray | None  # the 32x32 network input of this sheet
    saliency: Saliency | None = None
    saliency_ms: float = 0.0
    other: Prediction | None = None
    other_arch: str | None = None
    other_model: Any = None  # the other architecture's model (its step view reads the weights)


class ExplainWorker(QObject):
    done = Signal(int, object)  # request id, ExplainResult
    failed = Signal(int, str)  # request id, message

    def __init__(self) -> None:
        super().__init__()
        self._model: Any = None
        self._model_source: object = None
        self._others: dict[tuple[str, str], Recognizer] = {}
        self._prepared = False

    def _prepare_thread(self) -> None:
        if self._prepared:
            return
        self._prepared = True
        import torch

        torch.set_num_threads(INFERENCE_THREADS)
        try:  # Linux: a thread has its own nice value
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WORKER_NICENESS)
        except (AttributeError, OSError):
            pass

    @Slot(int, object, object)
    def explain(self, request_id: int, request: ExplainRequest, recognizer: Recognizer | None) -> None:
        self._prepare_thread()
        try:
            result = self._explain(request, recognizer)
        except Exception as exc:  # noqa: BLE001 - a failure is a message, never a dead thread
            self.failed.emit(request_id, f"{type(exc).__name__}: {exc}")
        else:
            self.done.emit(request_id, result)

    def _explain(self, request: ExplainRequest, recognizer: Recognizer | None) -> ExplainResult:
        from lenet_core.preprocess import load_image, preprocess_placed, to_network_input

        source = request.source
        image = load_image(source.path if isinstance(source, OpenedImage) else source)  # type: ignore[arg-type]
        placed = preprocess_placed(image)
        size = (int(image.shape[1]), int(image.shape[0]))
        if placed is None:
            return ExplainResult(request.tag, None, size, None)
        ink, placement = placed
        network_input = to_network_input(ink)
        result = ExplainResult(request.tag, placement, size, network_input)
        if request.saliency is not None and recognizer is not None:
            from lenet_core.explain import saliency

            choice = request.saliency
            start = time.perf_counter()
            result.saliency = saliency(
                self._own_copy(recognizer),
                network_input,
                choice.method,  # type: ignore[arg-type]
                target=choice.target,
                versus=choice.versus,
            )
            result.saliency_ms = (time.perf_counter() - start) * 1000.0
        if request.other_arch is not None:
            other = self._other(request.other_arch, recognizer)
            result.other = other.predict(image)
            result.other_arch = request.other_arch
            result.other_model = other.model
        return result

    def _own_copy(self, recognizer: Recognizer) -> Any:
        """A private copy of the model in use: gradients are taken here while the answers' thread
        runs the original."""
        if self._model_source is not recognizer:
            self._model = copy.deepcopy(recognizer.model).eval()
            self._model_source = recognizer
        return self._model

    def _other(self, arch: str, recognizer: Recognizer | None) -> Recognizer:
        from lenet_core.recognizer import Recognizer

        device = str(recognizer.device) if recognizer is not None else "cpu"
        key = (arch, device)
        if key not in self._others:
            self._others[key] = Recognizer.load(arch=arch, device=device)
        return self._others[key]


class ExplainController(QObject):
    """GUI side: starts the worker thread on first use, coalesces requests, drops stale results."""

    result_ready = Signal(object)  # ExplainResult
    failed = Signal(str)

    _send = Signal(int, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: ExplainWorker | None = None
        self._next_id = 1
        self._in_flight: int | None = None
        self._pending: tuple[ExplainRequest, Recognizer | None] | None = None
        self._stale_below = 0
        self._stopped = False
        self.last_sent_at = 0.0  # perf_counter of the last dispatch (the benchmark reads it)

    def request(self, request: ExplainRequest, recognizer: Recognizer | None) -> None:
        """Explain what is on the sheet now; replaces a request still waiting (latest wins)."""
        if self._stopped:
            return
        self._pending = (request, recognizer)
        if self._in_flight is None:
            self._dispatch()

    def cancel(self) -> None:
        """Forget the waiting request and ignore the one in flight (the sheet was cleared)."""
        self._pending = None
        self._stale_below = self._next_id

    def is_idle(self) -> bool:
        return self._in_flight is None and self._pending is None

    def shutdown(self, timeout_ms: int = 5000) -> None:
        self._stopped = True
        self._pending = None
        if self._thread is not None:
            self._thread.requestInterruption()
            self._thread.quit()
            if not self._thread.wait(timeout_ms):
                self._thread.terminate()
                self._thread.wait()
            self._thread = None

    def _start(self) -> None:
        self._thread = QThread()
        self._thread.setObjectName("lenet-explain")
        self._worker = ExplainWorker()
        self._worker.moveToThread(self._thread)
        self._send.connect(self._worker.explain)
        self._worker.done.connect(self._on_done)
        self._worker.failed.connect(self._on_failed)
        self._thread.finished.connect(self._worker.deleteLater)
        self._thread.start()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def _dispatch(self) -> None:
        if self._pending is None or self._stopped:
            return
        if self._thread is None:
            self._start()
        request, recognizer = self._pending
        self._pending = None
        source = request.source
        if callable(source):  # rasterised now, in the GUI thread: the canvas is not thread-safe
            request = ExplainRequest(source(), request.saliency, request.other_arch, request.tag)
        request_id = self._next_id
        self._next_id += 1
        self._in_flight = request_id
        self.last_sent_at = time.perf_counter()
        self._send.emit(request_id, request, recognizer)

    @Slot(int, object)
    def _on_done(self, request_id: int, result: ExplainResult) -> None:
        self._in_flight = None
        if request_id >= self._stale_below and not self._stopped:
            self.result_ready.emit(result)
        self._dispatch()

    @Slot(int, str)
    def _on_failed(self, request_id: int, message: str) -> None:
        self._in_flight = None
        if request_id >= self._stale_below and not self._stopped:
            self.failed.emit(message)
        self._dispatch()
