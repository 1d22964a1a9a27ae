"""The Learn page with real clicks: start a short run on a small MNIST, pause it (the model in training
still reads a drawing), resume, finish, keep the model and read digits with it; cancel a second run;
no data gives a clear message; the device asked for reaches the engine."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from lenet_core.shipped_data import REPLAY, TEST_SAMPLE, load
from lenet_core.train_config import TrainConfig
from tests.app_support import drag, make_window, one_points
from tests.test_mnist import write_split

RUN_TIMEOUT_MS = 120_000
SHORT = TrainConfig(arch="modern", epochs=3, batch_size=128, lr=4e-3, augment=False, pct_start=0.15)


@pytest.fixture(scope="module")
def small_mnist(tmp_path_factory):
    """2,000 training digits and 500 test digits in IDX files, and a cache folder prepared once."""
    folder = tmp_path_factory.mktemp("mnist")
    train, test = load(REPLAY), load(TEST_SAMPLE)
    write_split(folder, train.images[:2000], train.labels[:2000], split="train")
    write_split(folder, test.images[:500], test.labels[:500], split="test")
    return folder, tmp_path_factory.mktemp("cache")


@pytest.fixture
def page(qtbot, tmp_path, small_mnist):
    folder, cache = small_mnist
    window = make_window(qtbot, tmp_path)
    page = next(p for p in window.pages if p.name == "learn")
    page.session.settings.mnist_folder = folder
    page.job_overrides = {"cache_dir": cache, "recipe": SHORT}
    window.tabs.setCurrentWidget(page)
    page.window_ = window
    return page


def click(button) -> None:
    assert button.isEnabled(), button.objectName()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def test_start_pause_read_resume_keep_and_read_digits(page, qtbot):
    session = page.session
    before = session.model_id()
    with qtbot.waitSignal(page.runner.started, timeout=RUN_TIMEOUT_MS):
        click(page.start_button)
    qtbot.waitUntil(lambda: bool(page.chart.epochs), timeout=RUN_TIMEOUT_MS)
    click(page.pause_button)
    assert page.resume_button.isEnabled() and not page.pause_button.isEnabled()
    # Drawing while paused: the model in training reads it between two steps (so once the step under
    # way when Pause was clicked has finished, and its progress has arrived before the reading).
    with qtbot.waitSignal(page.runner.drawing_read, timeout=30_000) as read:
        drag(page.canvas, one_points())
    probabilities = read.args[0]
    assert probabilities.shape == (10,) and abs(float(probabilities.sum()) - 1) < 1e-4
    steps = len(page.chart.epochs)
    qtbot.wait(500)
    assert len(page.chart.epochs) == steps, "no step is taken while paused"
    assert "reads" in page.reading.text()

    with qtbot.waitSignal(page.runner.succeeded, timeout=RUN_TIMEOUT_MS) as done:
        click(page.resume_button)
        assert page.pause_button.isEnabled() and page.cancel_button.isEnabled()
    result = done.args[0]
    assert result.steps == 3 * 16 and result.test_images == 500
    assert page.figures["test_accuracy"].text().endswith("%")
    assert page.kernels.snapshot is not None and page.kernels.snapshot.step == result.steps
    assert page.chart.test_points and page.chart.test_points[-1][1] == result.test_accuracy

    # Kept in the library with its recipe and accuracy, and in use at once.
    assert page.window_.wait_until_idle(30)
    entry = session.model()
    assert entry is not None and entry.id != before and entry.metadata["kind"] == "trained"
    assert '"epochs": 3' in entry.metadata["recipe"]
    assert entry.metadata["test_accuracy"] == f"{result.test_accuracy:.4f}"
    assert entry.name in page.result_label.text()
    assert session.model_name().startswith("Trained: ")
    recognizer = session.recognizer()
    test = load(TEST_SAMPLE)
    predictions = recognizer.predict_batch(list(test.images[500:600]), activations=False)
    read_right = np.mean([p.label == y for p, y in zip(predictions, test.labels[500:600], strict=True)])
    assert read_right > 0.7, read_right
    assert page.start_button.isEnabled() and not page.cancel_button.isEnabled()


def test_cancel_leaves_the_model_in_use(page, qtbot):
    before = page.session.model_id()
    with qtbot.waitSignal(page.runner.started, timeout=RUN_TIMEOUT_MS):
        click(page.start_button)
    with qtbot.waitSignal(page.runner.cancelled, timeout=RUN_TIMEOUT_MS):
        click(page.cancel_button)
    assert not page.runner.is_running()
    assert page.session.model_id() == before
    assert "Cancelled" in page.result_label.text()
    assert page.start_button.isEnabled()


def test_training_gives_way_while_the_user_draws_on_another_page(page, qtbot):
    with qtbot.waitSignal(page.runner.started, timeout=RUN_TIMEOUT_MS):
        click(page.start_button)
    assert not page.runner.is_giving_way()
    page.window_.tabs.setCurrentIndex(0)
    drag(page.window_.canvas, one_points())
    qtbot.waitUntil(page.runner.is_giving_way, timeout=2000)
    with qtbot.waitSignal(page.runner.cancelled, timeout=RUN_TIMEOUT_MS):
        click(page.cancel_button)


def test_no_data_says_where_to_get_it(page, tmp_path):
    page.set_data_folder(tmp_path / "nowhere")
    assert "MNIST was not found" in page.message.shown_text()
    assert not page.start_button.isEnabled()
    assert page.choose_button.isEnabled() and page.download_button.isEnabled()


def test_no_data_message_sits_above_its_buttons_in_the_room_its_words_need(page, qtbot, tmp_path):
    # As at start-up: the message comes while the page is hidden and not yet laid out.
    page.window_.tabs.setCurrentIndex(0)
    page.resize(120, 400)
    page.set_data_folder(tmp_path / "nowhere")
    page.window_.tabs.setCurrentWidget(page)
    qtbot.waitUntil(page.message.isVisible)
    qtbot.wait(50)
    lines = page.message.height() / page.message.fontMetrics().lineSpacing()
    assert lines <= 5, f"the message is {lines:.0f} lines tall"
    assert page.message.geometry().bottom() < page.choose_button.geometry().top()


def test_closing_during_a_run_stops_the_worker(page, qtbot):
    with qtbot.waitSignal(page.runner.started, timeout=RUN_TIMEOUT_MS):
        click(page.start_button)
    page.window_.close()  # the leak fixture fails the test if the worker thread outlives this
    assert not page.runner.is_running()


def test_the_device_asked_for_reaches_the_engine(page, qtbot, monkeypatch):
    import lenet_core.recognizer as recognizer

    asked = []
    monkeypatch.setattr(recognizer, "resolve_device", lambda name: asked.append(name) or torch.device("cpu"))
    page.session._device = "cuda"  # what the device menu sets
    with qtbot.waitSignal(page.runner.started, timeout=RUN_TIMEOUT_MS):
        click(page.start_button)
    with qtbot.waitSignal(page.runner.cancelled, timeout=RUN_TIMEOUT_MS):
        click(page.cancel_button)
    assert asked == ["cuda"]


def test_device_selection_prefers_cuda_when_present(monkeypatch):
    from lenet_core.recognizer import resolve_device

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert resolve_device("auto").type == "cuda"
    assert resolve_device("cuda").type == "cuda"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert resolve_device("auto").type in ("cpu", "mps")
    with pytest.warns(RuntimeWarning, match="not available"):
        assert resolve_device("cuda").type == "cpu"
