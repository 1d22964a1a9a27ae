"""The window keeps working when a part of it cannot: a chart that cannot be built, no display, slow or
odd sample folders; and its texts fit and read right in both languages."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog, QProgressDialog, QPushButton, QStyle, QToolButton

from app.actions import RECOGNISE_ONLY
from app.dialog_driver import enter_text
from app.display_check import NO_DISPLAY, display_problem
from app.self_test_support import dark_pixels
from app.widgets.diagram_layout import UnitRef
from lenet_core import synthetic
from lenet_core.finetune import FineTuneConfig
from tests.app_support import answering, drag, make_window, one_points

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def seed(tab, digits=(2, 5), per_digit=3):
    rng = np.random.default_rng(1)
    for d in digits:
        for _ in range(per_digit):
            tab.samples.store.add(synthetic.sample(d, synthetic.styles(d)[0], rng), d)


def test_a_chart_that_cannot_be_built_says_so_and_the_tab_works(qtbot, tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "pyqtgraph", None)  # as in a bundle missing a module it needs
    window = make_window(qtbot, tmp_path)
    seed(window.training)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_2, ALT)  # the Train tab, with its shortcut
    tab = window.training
    assert window.tabs.currentWidget() is tab
    chart = tab.fine_tune.chart
    assert chart.plots is None and chart.failure_label is not None and chart.failure_label.isVisible()
    assert "cannot be shown" in chart.failure_label.text() and "pyqtgraph" in chart.failure_label.text()
    assert "pyqtgraph" in capsys.readouterr().err, "the failure is reported, not swallowed"
    # The rest of the tab and the window work as before.
    assert [n for n in RECOGNISE_ONLY if window.actions_by_name[n].isEnabled()] == []
    view = tab.gallery.view
    assert view.model().rowCount() == 6 and dark_pixels(view.viewport().grab().toImage()) > 100
    tab.fine_tune.base_config = FineTuneConfig(epochs=1, batch_size=16, min_epoch_draws=16)
    tab.fine_tune.reset_settings()
    with qtbot.waitSignal(tab.runner.succeeded, timeout=120_000):
        QTest.mouseClick(tab.fine_tune.start_button, Qt.MouseButton.LeftButton)
    assert tab.fine_tune.result_box.isVisible()
    tab.discard()
    QTest.keyClick(window, Qt.Key.Key_1, ALT)
    drag(window.canvas, one_points())
    assert window.current_prediction() is not None


def test_no_display_is_said_in_one_sentence(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["XDG_CONFIG_HOME"] = str(tmp_path)
    result = subprocess.run([sys.executable, "-m", "app.main"], capture_output=True, text=True, env=env,
                            timeout=60, cwd=tmp_path, check=False)
    if not sys.platform.startswith("linux"):
        pytest.skip("other platforms always have a display")
    assert result.returncode == 2
    assert result.stderr.strip() == NO_DISPLAY and result.stderr.count(". ") == 0
    assert "xcb" not in result.stderr and "Reinstalling" not in result.stderr


def test_the_display_check_lets_a_chosen_platform_through():
    assert display_problem({}, "linux") == NO_DISPLAY
    assert display_problem({"DISPLAY": ":0"}, "linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({}, "linux", ["lenet-digits", "-platform", "vnc"]) is None
    assert display_problem({}, "win32") is None and display_problem({}, "darwin") is None


def test_import_runs_in_the_background_with_progress_and_cancel(window, qtbot, tmp_path):
    tab = window.training
    window.actions_by_name["tab_train"].trigger()
    folder = tmp_path / "many" / "3"
    folder.mkdir(parents=True)
    for i in range(600):
        Image.fromarray(np.random.default_rng(i).integers(0, 255, (28, 28), dtype=np.uint8)).save(
            folder / f"{i:03}.png")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.png")  # would hang a reader that opens it
    with qtbot.waitSignal(tab.transfers.finished, timeout=60_000) as done:
        assert tab.import_folder(tmp_path / "many")
        assert tab.transfers.is_running()
        drag(window.training.canvas, one_points())  # the window answers while the import runs
        dialog = tab.transfers.dialog
        assert isinstance(dialog, QProgressDialog)
        qtbot.waitUntil(dialog.isVisible, timeout=10_000)
        assert dialog.maximum() >= 600
        QTest.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # Cancel
    kind, report = done.args
    assert kind == "import" and report.cancelled
    assert 0 < len(report.imported) < 600, "stopped part-way; what was imported stays"
    assert tab.gallery.counts()[3] == len(report.imported)
    assert "Cancelled" in window.statusBar().currentMessage()

    with qtbot.waitSignal(tab.transfers.finished, timeout=60_000) as done:
        assert tab.import_folder(tmp_path / "many")
    report = done.args[1]
    assert len(report.imported) == 600 and not report.cancelled
    if hasattr(os, "mkfifo"):
        assert "pipe.png: not a regular file" in tab.message_text()


def test_the_wrong_digit_menu_uses_the_right_article(window):
    texts = [a.text().replace("&", "") for a in window.recognise.sheet_actions.correction_actions]
    assert texts[8] == "It is an 8" and texts[7] == "It is a 7"
    assert "an 8" in window.recognise.sheet_actions.correction_actions[8].toolTip()


def test_the_output_layer_is_named_in_chinese(window):
    diagram = window.recognise.explain.diagram
    window.set_language("zh_CN")
    assert diagram.describe(UnitRef("output", 3)).startswith("输出")
    window.set_language("en")
    assert diagram.describe(UnitRef("output", 3)).startswith("output")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_menu_buttons_leave_room_for_their_arrow(window, language):
    window.set_language(language)
    window.actions_by_name["tab_train"].trigger()
    buttons = [window.training.gallery.relabel_button, window.recognise.sheet_actions.correction_button]
    for button in buttons:
        assert isinstance(button, QToolButton) and button.menu() is not None
        arrow = button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, button)
        text = button.fontMetrics().horizontalAdvance(button.text())
        assert button.width() >= text + 2 * arrow, f"{button.text()!r} would be drawn under its arrow"
    window.set_language("en")


def test_kept_model_names_are_whole_in_the_drop_down_and_the_rename_box(window, qtbot):
    tab = window.training
    seed(tab, digits=(2, 5), per_digit=4)
    window.actions_by_name["tab_train"].trigger()
    tab.fine_tune.base_config = FineTuneConfig(epochs=1, batch_size=16, min_epoch_draws=16)
    tab.fine_tune.reset_settings()
    with qtbot.waitSignal(tab.runner.succeeded, timeout=120_000):
        QTest.mouseClick(tab.fine_tune.start_button, Qt.MouseButton.LeftButton)
    tab.fine_tune.name_edit.setText("My handwriting")
    QTest.mouseClick(tab.fine_tune.keep_button, Qt.MouseButton.LeftButton)
    assert window.wait_until_idle(30) and window.session.model_id() == "v1"
    combo = window.menus.model_combo
    text = combo.currentText()
    assert text == "Fine-tuned: My handwriting"
    assert combo.width() >= combo.fontMetrics().horizontalAdvance(text), "the name is not cut"

    seen = {}

    def look_then_rename(dialog):
        assert isinstance(dialog, QInputDialog)
        seen["fits"] = dialog.width() >= dialog.fontMetrics().horizontalAdvance(dialog.windowTitle()) + 200
        enter_text("Sunday's digits")(dialog)

    tab.models.select("v1")
    with answering(look_then_rename):
        QTest.mouseClick(tab.models.rename_button, Qt.MouseButton.LeftButton)
    assert seen["fits"], "the rename box is wide enough for its title"
    assert window.session.library.get("v1").name == "Sunday's digits"
    assert combo.currentText() == "Fine-tuned: Sunday's digits"


def test_a_read_only_data_folder_is_named_in_the_train_tab(qtbot, tmp_path, monkeypatch):
    import errno

    import lenet_core.user_data as user_data

    folder = tmp_path / "data"

    def cannot_create(*args, **kwargs):
        raise PermissionError(errno.EROFS, "Read-only file system", str(folder))

    monkeypatch.setattr(user_data, "samples_db_path", cannot_create)
    window = make_window(qtbot, tmp_path)
    message = window.training.message_text()
    assert f"the folder {folder} is read-only" in message and "Errno" not in message
    assert not window.training.drawing.add_button.isEnabled()
