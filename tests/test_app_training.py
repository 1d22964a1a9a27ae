"""The Train tab with pytest-qt: draw and add samples, manage them, fine-tune in the worker thread,
cancel, keep, switch, reset, and the bad-input paths (one class, damaged database, NaN loss).

Runs use a tiny FineTuneConfig set through the panel's `base_config` hook and the advanced settings,
so a whole run takes about a second after the first (which prepares the MNIST digits once).
"""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QWidget

from app.dialog_driver import press
from lenet_core import synthetic
from lenet_core.finetune import FineTuneConfig
from lenet_core.models import DEFAULT_ARCH
from tests.app_support import answering, drag, make_window, one_points, zero_points

TINY = FineTuneConfig(epochs=1, batch_size=16, min_epoch_draws=16, min_holdout_total=8)
RUN_TIMEOUT_MS = 90_000


@pytest.fixture
def window(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.training.fine_tune.base_config = TINY
    window.training.fine_tune.reset_settings()
    return window


def show_train_tab(window) -> object:
    window.actions_by_name["tab_train"].trigger()
    assert window.tabs.currentWidget() is window.training
    return window.training


def seed_samples(tab, digits=(0, 1, 7), per_digit=4) -> list[int]:
    """Synthetic handwriting straight into the store (the drawing path has its own test)."""
    rng = np.random.default_rng(0)
    ids = []
    for d in digits:
        for _ in range(per_digit):
            ids.append(tab.samples.store.add(synthetic.sample(d, synthetic.styles(d)[0], rng), d))
    tab.gallery.refresh()
    return ids


def test_draw_label_and_add_samples_with_keys_and_buttons(window, qtbot):
    tab = show_train_tab(window)
    drag(tab.canvas, one_points())
    assert tab.canvas.hasFocus(), "clicking the sheet puts the keyboard focus in the tab"
    QTest.keyClick(tab.canvas, Qt.Key.Key_1)
    assert tab.drawing.label() == 1
    QTest.keyClick(tab.canvas, Qt.Key.Key_Return)
    assert tab.canvas.is_empty(), "the sheet is cleared for the next sample"
    assert tab.gallery.counts()[1] == 1

    drag(tab.canvas, zero_points())
    QTest.mouseClick(tab.drawing.digit_buttons[0], Qt.MouseButton.LeftButton)
    QTest.mouseClick(tab.drawing.add_button, Qt.MouseButton.LeftButton)
    samples = tab.samples.store.samples()
    assert [(s.label, s.source) for s in samples] == [(0, "drawn"), (1, "drawn")]
    image = samples[0].image()
    assert image.shape == (280, 280) and image.min() < 50 and image.max() == 255
    assert samples[0].strokes and len(samples[0].strokes[0].points) > 10
    assert window.session.recognizer().predict(image).label == 0

    # Esc clears this tab's sheet, not the recognise tab's; Ctrl+Z undoes this tab's stroke.
    drag(window.canvas, one_points())  # on the (hidden) recognise sheet
    drag(tab.canvas, one_points())
    QTest.keyClick(tab.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tab.canvas.stroke_count() == 0 and window.canvas.stroke_count() == 1
    drag(tab.canvas, one_points())
    QTest.keyClick(tab.canvas, Qt.Key.Key_Escape)
    assert tab.canvas.is_empty() and window.canvas.stroke_count() == 1
    window.actions_by_name["tab_recognise"].trigger()
    assert window.actions_by_name["clear"].isEnabled()
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert window.canvas.is_empty()


def test_gallery_filter_relabel_delete_undo(window):
    tab = show_train_tab(window)
    ids = seed_samples(tab, digits=(3, 5), per_digit=2)
    gallery = tab.gallery
    assert gallery.counts()[3] == 2 and gallery.counts()[5] == 2
    assert "4" in gallery.filter_buttons[-1].text()
    gallery.set_filter(3)
    assert sorted(gallery.shown_ids()) == ids[:2]

    gallery.select_ids([ids[0]])
    gallery.relabel_selected(8)
    assert gallery.counts()[8] == 1 and gallery.shown_ids() == [ids[1]]
    gallery.undo()
    assert gallery.counts()[3] == 2

    gallery.set_filter(-1)
    gallery.select_ids([ids[2], ids[3]])
    gallery.delete_selected()
    assert gallery.counts()[5] == 0
    gallery.undo()
    gallery.undo()
    assert gallery.counts()[5] == 2
    gallery.redo()
    assert gallery.counts()[5] == 1


def test_import_and_export_folders(window, qtbot, tmp_path):
    tab = show_train_tab(window)
    source = tmp_path / "in"
    (source / "4").mkdir(parents=True)
    Image.fromarray(synthetic.render(synthetic.strokes(4))).save(source / "4" / "a.png")
    (source / "4" / "broken.png").write_bytes(b"not a png")
    with qtbot.waitSignal(tab.transfers.finished, timeout=30_000) as done:
        assert tab.import_folder(source)  # in the background: the window stays responsive
    kind, report = done.args
    assert kind == "import" and len(report.imported) == 1 and len(report.skipped) == 1
    assert "broken.png" in tab.message_text(), "skipped files are reported in the window"
    assert tab.gallery.counts()[4] == 1
    with qtbot.waitSignal(tab.transfers.finished, timeout=30_000) as done:
        assert tab.export_folder(tmp_path / "out")
    assert [p.parent.name for p in done.args[1].written] == ["4"]


def test_correction_from_the_recognise_tab(window):
    drag(window.canvas, one_points())
    assert window.current_prediction() is not None
    assert window.actions_by_name["correct"].isEnabled()
    window.recognise.sheet_actions.correction_actions[7].trigger()
    samples = window.training.samples.store.samples()
    assert [(s.label, s.source) for s in samples] == [(7, "correction")]
    assert samples[0].image().min() < 50
    show_train_tab(window)
    assert window.training.gallery.counts()[7] == 1
    assert not window.actions_by_name["correct"].isEnabled(), "recognise-tab actions are off here"


def test_no_samples_or_one_digit_explains_instead_of_starting(window):
    tab = show_train_tab(window)
    assert not tab.start_fine_tune()
    assert "no samples" in tab.message_text()
    seed_samples(tab, digits=(1,), per_digit=3)
    assert not tab.start_fine_tune()
    assert "digit 1" in tab.message_text() and "other digit" in tab.message_text()
    assert not tab.runner.is_running()


def test_fine_tune_keep_switch_rename_reset(window, qtbot):
    tab = show_train_tab(window)
    ids = seed_samples(tab)
    # One sample whose stored image cannot be decoded: skipped and reported, the run goes on.
    with sqlite3.connect(tab.samples.db_path) as con:
        con.execute("UPDATE samples SET png = ? WHERE id = ?", (b"\x89PNG broken", ids[-1]))
    base = window.session.recognizer()
    progress = []
    tab.runner.progress.connect(progress.extend)
    with qtbot.waitSignal(tab.runner.succeeded, timeout=RUN_TIMEOUT_MS) as done:
        QTest.mouseClick(tab.fine_tune.start_button, Qt.MouseButton.LeftButton)
        assert tab.runner.is_running() and tab.fine_tune.cancel_button.isEnabled()
    report = done.args[0]
    assert progress and progress[-1].step == progress[-1].total_steps
    assert tab.fine_tune.chart.steps == [p.step for p in progress]
    assert report.unreadable == [ids[-1]]
    assert f"#{ids[-1]}" in tab.fine_tune.notes.text()
    assert tab.fine_tune.result_box.isVisible()
    assert tab.fine_tune.result_labels["mnist_before"].text().endswith("%")
    assert tab.fine_tune.result_labels["holdout_after"].text().endswith("%")
    assert window.session.recognizer() is base, "nothing changes before the user keeps the model"
    # A second run would throw the unkept result away: it waits until the user keeps or discards it.
    assert not tab.fine_tune.start_button.isEnabled()

    tab.fine_tune.name_edit.setText("My sevens")
    QTest.mouseClick(tab.fine_tune.keep_button, Qt.MouseButton.LeftButton)
    assert window.wait_until_idle(30)
    assert tab.fine_tune.start_button.isEnabled()
    assert window.session.model_id() == "v1"
    assert window.session.recognizer() is not base
    assert window.session.recognizer().device == base.device
    assert window.session.recognizer().metadata.get("kind") == "fine-tuned"
    assert [e.id for e in window.session.library.entries()][-1] == "v1"
    assert window.session.library.active_id == "v1"
    assert window.actions_by_name["model_v1"].text() == "Fine-tuned: My sevens"
    assert window.menus.model_combo.currentData() == "v1"
    assert window.session.model_id() == "v1"

    # Switch from the manager, then back from the recognise tab's model menu.
    other = "shipped:modern" if DEFAULT_ARCH == "classic" else "shipped:classic"
    tab.models.select(other)
    tab.models.use_selected()
    assert window.wait_until_idle(30) and window.session.model_id() == other
    window.actions_by_name["model_v1"].trigger()
    assert window.wait_until_idle(30) and window.session.model_id() == "v1"

    assert tab.models.rename("v1", "Renamed")
    assert window.actions_by_name["model_v1"].text() == "Fine-tuned: Renamed"

    with answering(press(QMessageBox.StandardButton.Yes)) as dialogs:
        QTest.mouseClick(tab.models.reset_button, Qt.MouseButton.LeftButton)
    assert dialogs.answered == ["Reset to the shipped model"]
    assert window.wait_until_idle(30)
    assert window.session.model_id() == f"shipped:{DEFAULT_ARCH}"  # v1 was made from it
    assert window.session.library.active_id == f"shipped:{DEFAULT_ARCH}"
    assert tab.models.delete("v1")
    assert "model_v1" not in window.actions_by_name
    assert tab.models.keys() == ["shipped:modern", "shipped:classic"]


def test_closing_with_an_unkept_result_asks_first(window, qtbot):
    tab = show_train_tab(window)
    seed_samples(tab)
    with qtbot.waitSignal(tab.runner.succeeded, timeout=RUN_TIMEOUT_MS):
        QTest.mouseClick(tab.fine_tune.start_button, Qt.MouseButton.LeftButton)

    with answering(press(QMessageBox.StandardButton.Cancel)) as dialogs:
        assert not window.close()  # cancelled: the window and the result stay
    assert dialogs.answered == ["Keep the fine-tuned model?"]
    assert tab.fine_tune.report() is not None and window.isVisible()

    with answering(press(QMessageBox.StandardButton.Save)):
        assert window.close()
    assert [e.id for e in window.session.library.entries()][-1] == "v1"  # kept as a new version, nothing lost


def test_cancel_leaves_the_model_in_use_untouched(window, qtbot):
    tab = show_train_tab(window)
    seed_samples(tab)
    tab.fine_tune.advanced_toggle.click()
    tab.fine_tune.epochs.setValue(200)  # far longer than the test waits
    base, key = window.session.recognizer(), window.session.model_id()
    with qtbot.waitSignal(tab.runner.progress, timeout=RUN_TIMEOUT_MS):
        assert tab.start_fine_tune()
    assert not tab.start_fine_tune(), "one run at a time"
    with qtbot.waitSignal(tab.runner.cancelled, timeout=10_000):
        tab.fine_tune.cancel_button.click()
    assert not tab.runner.is_running()
    assert window.session.recognizer() is base and window.session.model_id() == key
    assert [e.id for e in window.session.library.entries() if not e.shipped] == []
    assert "not changed" in tab.fine_tune.status.text()
    assert tab.fine_tune.start_button.isEnabled()


def test_a_diverging_run_keeps_the_old_model(window, qtbot, monkeypatch):
    from lenet_core import finetune

    def diverge(*args, **kwargs):
        raise finetune.FineTuneDiverged("the loss became nan at step 3 of 10")

    monkeypatch.setattr(finetune, "fine_tune", diverge)
    tab = show_train_tab(window)
    seed_samples(tab, per_digit=1)
    base = window.session.recognizer()
    with qtbot.waitSignal(tab.runner.failed, timeout=RUN_TIMEOUT_MS) as failed:
        tab.start_fine_tune()
    assert failed.args[0] == "diverged"
    assert "unchanged" in tab.message_text() and "nan" in tab.message_text()
    assert window.session.recognizer() is base


def test_a_damaged_database_is_reported_and_never_written(qtbot, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    db = data / "samples.sqlite3"
    garbage = b"SQLite format 3\x00" + bytes(range(256)) * 16
    db.write_bytes(garbage)
    window = make_window(qtbot, tmp_path)
    tab = window.training
    assert "damaged" in tab.message_text() and str(db) in tab.message_text()
    assert not tab.drawing.add_button.isEnabled()
    drag(window.canvas, one_points())
    assert window.recognise.sheet_actions.correct_prediction(3) is None
    assert "damaged" in window.message_text()
    show_train_tab(window)
    drag(tab.canvas, one_points())
    tab.drawing.set_label(1)
    assert tab.add_sample() is None
    assert not tab.start_fine_tune()
    assert "damaged" in tab.message_text()
    window.close()
    assert db.read_bytes() == garbage


def test_train_tab_widgets_have_tooltips(window):
    tab = show_train_tab(window)
    for name in ("add_sample", "label_3", "start_fine_tune", "cancel_fine_tune", "advanced_toggle",
                 "samples_view", "use_model", "reset_model", "import_samples", "keep_model"):
        widget = tab.findChild(QWidget, name)
        assert widget is not None and widget.toolTip(), name
    window.set_language("zh_CN")
    assert window.tabs.tabText(1) == "训练"
    assert tab.fine_tune.start_button.text() != "Fine-tune on my samples"
    window.set_language("en")


def test_the_fine_tune_status_line_follows_the_language(window):
    panel = show_train_tab(window).fine_tune
    panel.set_running(True)
    english = panel.status.text()
    window.set_language("zh_CN")
    assert panel.status.text() and panel.status.text() != english
    window.set_language("en")
    assert panel.status.text() == english
    panel.set_running(False)


def test_closing_the_window_during_a_run_stops_the_worker(window, qtbot):
    tab = show_train_tab(window)
    seed_samples(tab)
    tab.fine_tune.epochs.setValue(200)
    with qtbot.waitSignal(tab.runner.progress, timeout=RUN_TIMEOUT_MS):
        assert tab.start_fine_tune()
    window.close()  # the leak fixture fails the test if the worker thread outlives this
    assert not tab.runner.is_running()
