"""A fine-tuned model is never lost and never misleading: a full disk at Keep, closing with a result
saved nowhere, a run that wrecks the model, the time left, the chart's axis, what the notes and the
status say after Keep and Reset, and leftovers of a killed save.

Runs use tiny configurations (about a second each after the first). Real clicks and key presses, and
the real dialogs answered by app.dialog_driver.
"""

from __future__ import annotations

import errno

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from safetensors import SafetensorError

from app.dialog_driver import enter_path, press
from lenet_core import synthetic
from lenet_core.finetune import FineTuneConfig, Progress
from lenet_core.weights import load_weights
from tests.app_support import answering, make_window

TINY = FineTuneConfig(epochs=1, batch_size=16, min_epoch_draws=16, min_holdout_total=8)
# No MNIST replay, no distillation, the highest rate the GUI offers, more steps: forgets MNIST.
HARMFUL = FineTuneConfig(epochs=2, batch_size=16, min_epoch_draws=64, min_holdout_total=8, lr=0.01,
                         replay_ratio=0.0, distill=0.0)
RUN_MS = 120_000
Yes, Save, Cancel, Discard = (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Save,
                              QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard)


@pytest.fixture
def window(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def finish_a_run(window, qtbot, config=TINY, digits=(0, 1, 7), per_digit=4):
    tab = window.training
    window.actions_by_name["tab_train"].trigger()
    tab.fine_tune.base_config = config
    tab.fine_tune.reset_settings()
    rng = np.random.default_rng(0)
    for d in digits:
        for _ in range(per_digit):
            tab.samples.store.add(synthetic.sample(d, synthetic.styles(d)[0], rng), d)
    tab.gallery.refresh()
    with qtbot.waitSignal(tab.runner.succeeded, timeout=RUN_MS):
        QTest.mouseClick(tab.fine_tune.start_button, Qt.MouseButton.LeftButton)
    return tab


def disk_full(monkeypatch, error):
    """Every weights write fails the way a full disk makes it fail."""
    import lenet_core.model_library as model_library

    def write(*args, **kwargs):
        raise error

    monkeypatch.setattr(model_library, "save_weights", write)


FULL_DISK = [OSError(errno.ENOSPC, "No space left on device"), SafetensorError("No space left on device")]


@pytest.mark.parametrize("error", FULL_DISK, ids=["OSError", "SafetensorError"])
def test_keep_on_a_full_disk_says_why_and_keeps_the_result(window, qtbot, monkeypatch, error):
    tab = finish_a_run(window, qtbot)
    base = window.session.model_id()
    disk_full(monkeypatch, error)
    QTest.mouseClick(tab.fine_tune.keep_button, Qt.MouseButton.LeftButton)
    assert "could not be saved" in tab.message_text() and "No space left" in tab.message_text()
    assert tab.fine_tune.report() is not None and tab.fine_tune.result_box.isVisible(), "nothing lost"
    assert [e.id for e in window.session.library.entries() if not e.shipped] == []
    assert window.session.model_id() == base
    monkeypatch.undo()  # space was freed: Keep again works
    QTest.mouseClick(tab.fine_tune.keep_button, Qt.MouseButton.LeftButton)
    assert window.wait_until_idle(30) and window.session.model_id() == "v1"


def test_closing_waits_until_the_result_is_saved_somewhere_or_discarded(window, qtbot, monkeypatch, tmp_path):
    tab = finish_a_run(window, qtbot)
    disk_full(monkeypatch, FULL_DISK[0])
    with answering(press(Save), press(Cancel)) as dialogs:  # Save fails; then: stay open
        assert not window.close()
    assert dialogs.answered == ["Keep the fine-tuned model?", "The model was not saved"]
    assert window.isVisible() and tab.fine_tune.report() is not None
    assert not window.session.inference.is_idle() or window.session.inference._thread.isRunning()

    elsewhere = tmp_path / "usb-stick" / "my-model.safetensors"
    elsewhere.parent.mkdir()
    with answering(press(Save), press(Save), enter_path(elsewhere)):  # Save fails; Save as...; a file
        assert window.close()
    model, meta = load_weights(elsewhere)
    assert meta["kind"] == "fine-tuned" and model.arch == window.session.recognizer().arch
    assert not window.session.inference._thread.isRunning(), "the window closed: its worker thread stopped"


def test_discarding_at_close_after_a_failed_save_closes(window, qtbot, monkeypatch):
    finish_a_run(window, qtbot)
    disk_full(monkeypatch, FULL_DISK[1])
    with answering(press(Save), press(Discard)):
        assert window.close()
    assert not window.session.inference._thread.isRunning()


def test_a_result_saved_elsewhere_closes_without_asking(window, qtbot, tmp_path):
    tab = finish_a_run(window, qtbot)
    target = tmp_path / "copy.safetensors"
    with answering(enter_path(target)):
        QTest.mouseClick(tab.fine_tune.result_box.save_as_button, Qt.MouseButton.LeftButton)
    assert target.is_file() and "Saved to" in tab.fine_tune.status.text()
    with answering():  # no question: the model is safe in that file
        assert window.close()


def test_a_run_that_wrecks_mnist_says_so_before_keep(window, qtbot):
    tab = finish_a_run(window, qtbot, HARMFUL)
    r = tab.fine_tune.report().result
    assert r.mnist_before - r.mnist_after > 0.03, "the run really did wreck the model"
    warning = tab.fine_tune.result_box.warning
    assert warning.isVisible() and "much worse" in warning.text() and f"{r.mnist_after:.1%}" in warning.text()
    assert tab.fine_tune.keep_button.text() == "Keep anyway"


def test_a_good_run_has_no_warning_and_says_what_was_held_out(window, qtbot):
    tab = finish_a_run(window, qtbot)
    r = tab.fine_tune.report().result
    assert r.mnist_before - r.mnist_after <= 0.03
    assert not tab.fine_tune.result_box.warning.isVisible()
    assert tab.fine_tune.keep_button.text() == "Keep and use"
    held_out = len(r.holdout_indices)
    assert held_out > 0
    assert (f"Trained on {r.samples_used} samples; {held_out} more were held out"
            in tab.fine_tune.notes.text())


def test_the_learning_rate_offered_stays_where_it_helps(window):
    assert window.training.fine_tune.learning_rate.maximum() <= 0.01


def test_each_model_is_offered_its_own_learning_rate_unless_another_was_chosen(window):
    from lenet_core.finetune_types import DEFAULT_LR

    panel = window.training.fine_tune
    window.actions_by_name["tab_train"].trigger()
    for arch in ("classic", "modern", "classic"):
        window.session.select_model(f"shipped:{arch}")
        assert window.wait_until_idle(30) and window.session.model_id() == f"shipped:{arch}"
        assert panel.learning_rate.value() == pytest.approx(DEFAULT_LR[arch])
        assert panel.config().lr == pytest.approx(DEFAULT_LR[arch])
    panel.learning_rate.setValue(0.002)  # the user's own choice survives a change of model
    window.session.select_model("shipped:modern")
    assert window.wait_until_idle(30) and window.session.model_id() == "shipped:modern"
    assert panel.learning_rate.value() == pytest.approx(0.002)
    panel.reset_settings()
    assert panel.learning_rate.value() == pytest.approx(DEFAULT_LR["modern"])


def test_time_left_ignores_the_preparation_before_the_first_step(window):
    panel = window.training.fine_tune
    panel.set_running(True)
    total = 100

    def progress(step: int, elapsed: float) -> Progress:
        # What the core reports: its estimate counts the 3 s of preparation as if each step took it.
        return Progress(step, total, 1, 1, 0.5, 0.5, elapsed, elapsed / step * (total - step))

    panel.show_progress([progress(1, 3.0)])
    assert "estimating" in panel.status.text()
    panel.show_progress([progress(step, 3.0 + 0.02 * (step - 1)) for step in range(2, 61)])
    # 60 steps in 3 s of preparation + 1.18 s: the 40 left take 0.8 s, not the core's 2.8 s.
    assert panel.status.text().endswith("0:01 left"), panel.status.text()
    panel.set_running(False)


def test_the_loss_axis_shows_plain_numbers(window, qtbot):
    window.actions_by_name["tab_train"].trigger()
    chart = window.training.fine_tune.chart
    qtbot.waitUntil(lambda: chart.plots is not None)
    chart.add([Progress(s, 50, 1, 1, 0.33 + 0.003 * s, 0.5, s, 0) for s in range(1, 51)])
    axis = chart.loss_plot.getAxis("left")
    qtbot.waitUntil(lambda: axis.range[0] > 0.2)  # the view has settled on the losses (0.33-0.48)
    assert axis.autoSIPrefixScale == 1.0 and "0.001" not in axis.labelString(), axis.labelString()


def test_after_reset_the_tab_no_longer_says_the_kept_model_is_in_use(window, qtbot):
    window.session.select_model("shipped:modern")
    assert window.wait_until_idle(30) and window.session.model_id() == "shipped:modern"
    tab = finish_a_run(window, qtbot)
    assert "Modern LeNet-5" in tab.fine_tune.start_button.text(), "the button says what it fine-tunes"
    QTest.mouseClick(tab.fine_tune.keep_button, Qt.MouseButton.LeftButton)
    assert window.wait_until_idle(30) and window.session.model_id() == "v1"
    assert "now in use" in tab.fine_tune.status.text()
    assert "My handwriting" in tab.fine_tune.start_button.text()
    with answering(press(Yes)) as dialogs:
        QTest.mouseClick(tab.models.reset_button, Qt.MouseButton.LeftButton)
    assert dialogs.answered == ["Reset to the shipped model"]
    assert window.wait_until_idle(30)
    assert window.session.model_id() == "shipped:modern", "reset goes back to the model it was made from"
    assert "now in use" not in tab.fine_tune.status.text()
    assert "Now using Modern LeNet-5" in tab.fine_tune.status.text()
    assert "Modern LeNet-5" in tab.fine_tune.start_button.text()


def test_reset_asks_first_and_no_means_no(window, qtbot):
    tab = finish_a_run(window, qtbot)
    QTest.mouseClick(tab.fine_tune.keep_button, Qt.MouseButton.LeftButton)
    assert window.wait_until_idle(30) and window.session.model_id() == "v1"
    with answering(press(QMessageBox.StandardButton.No)):
        QTest.mouseClick(tab.models.reset_button, Qt.MouseButton.LeftButton)
    assert window.wait_until_idle(30) and window.session.model_id() == "v1"


def test_temp_files_of_a_killed_save_are_removed_at_start(qtbot, tmp_path):
    models = tmp_path / "data" / "models"
    models.mkdir(parents=True)
    stray = models / "finetuned-v4.safetensorsk2j3h.tmp"
    stray.write_bytes(b"half a model")
    window = make_window(qtbot, tmp_path)
    assert not stray.exists()
    assert window.session.library is not None and window.message_text() == ""
