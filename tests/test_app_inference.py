"""The worker thread's contract: latest wins, the final update is never dropped, clean shutdown."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QThread

from app.inference import InferenceController, ModelChoice


@pytest.fixture
def controller(qtbot):
    controller = InferenceController(min_interval_ms=0)
    received = []
    controller.prediction_ready.connect(lambda prediction, tag: received.append(tag))
    controller.received = received
    with qtbot.waitSignal(controller.model_ready, timeout=30000):
        controller.load_model(ModelChoice("shipped:modern", "cpu"))
    yield controller
    controller.shutdown()


def bar(column: int) -> np.ndarray:
    image = np.zeros((64, 64), np.uint8)
    image[10:54, column : column + 6] = 255
    return image


def test_a_burst_of_requests_costs_few_inferences_and_the_last_one_always_arrives(controller, qtbot):
    for i in range(50):
        controller.request(bar(20 + i % 20), tag=i, immediate=i == 49)
    qtbot.waitUntil(controller.is_idle, timeout=10000)
    assert controller.received[-1] == 49  # the final request is never dropped
    assert len(controller.received) <= 3  # at most one in flight and one pending
    assert controller.received == sorted(controller.received)


def test_cancel_discards_the_answer_in_flight(controller, qtbot):
    controller.request(bar(30), tag="stale", immediate=True)
    controller.cancel()
    qtbot.waitUntil(controller.is_idle, timeout=10000)
    qtbot.wait(20)
    assert "stale" not in controller.received


def test_requests_are_rasterised_lazily(controller, qtbot):
    calls = []

    def source():
        calls.append(1)
        return bar(30)

    for _ in range(20):
        controller.request(source, tag="lazy")
    qtbot.waitUntil(controller.is_idle, timeout=10000)
    assert len(calls) <= 2


def test_a_bad_image_is_reported(controller, qtbot):
    with qtbot.waitSignal(controller.prediction_failed, timeout=10000) as blocker:
        controller.request("/nonexistent/digit.png", tag="file", immediate=True)
    message, tag = blocker.args
    assert "digit.png" in message and tag == "file"


def test_a_bad_model_is_reported(controller, qtbot, tmp_path):
    (tmp_path / "finetuned-v1.safetensors").write_bytes(b"not weights")  # a kept model, damaged
    with qtbot.waitSignal(controller.model_failed, timeout=10000) as failed:
        controller.load_model(ModelChoice("v1", "cpu", tmp_path))
    message, choice = failed.args
    assert "finetuned-v1.safetensors" in message and choice.entry_id == "v1"


def test_a_sample_read_never_replaces_the_sheets_request(controller, qtbot):
    """Two lanes: the Train page's sample and the Recognise sheet each keep their latest request."""
    with qtbot.waitSignal(controller.model_ready, timeout=30000):
        controller.load_model(ModelChoice("shipped:modern", "cpu"))
    answered = []
    controller.prediction_ready.connect(lambda prediction, tag: answered.append(tag))
    controller.request(bar(30), tag="sheet", immediate=True)
    controller.request(bar(30), tag="sample", lane="sample")  # waits behind the sheet's request
    controller.request(bar(28), tag="sheet-2")  # replaces nothing of the sample lane
    qtbot.waitUntil(lambda: controller.is_idle() and len(answered) >= 3, timeout=10000)
    assert answered[0] == "sheet" and set(answered[1:]) == {"sample", "sheet-2"}
    assert answered.index("sheet-2") < answered.index("sample"), "the sheet's lane goes first"


def test_shutdown_stops_the_thread(qtbot):
    controller = InferenceController()
    thread: QThread = controller._thread  # noqa: SLF001 - the thread itself is what is checked
    assert thread.isRunning()
    controller.shutdown()
    assert thread.isFinished()
    controller.request(bar(30))  # ignored after shutdown, no error
    assert controller.is_idle()
