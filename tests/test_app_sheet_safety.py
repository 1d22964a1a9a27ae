"""Nothing done to the recognise tab's sheet loses the drawing: failed opens and drops, Clear, an
opened image replacing the drawing, special files, huge images, and problems that outlive their cause.

Real key presses (QTest) and real dialogs (answered by app.dialog_driver) throughout.
"""

from __future__ import annotations

import os

import numpy as np
import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.dialog_driver import enter_path
from app.self_test_support import dark_pixels
from tests.app_support import answering, drag, make_window, one_points, zero_points

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def seven_png(path, size=280):
    image = Image.new("L", (size, size), 255)
    s = size / 280
    ImageDraw.Draw(image).line([(70 * s, 60 * s), (210 * s, 60 * s), (120 * s, 230 * s)], fill=0,
                               width=max(1, round(18 * s)), joint="curve")
    image.save(path)
    return path


def back_to(window, qtbot):
    """After a dialog: the main window is the active one again (its shortcuts need it)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def drawn_label(window):
    prediction = window.current_prediction()
    return None if prediction is None else prediction.label


def test_a_failed_open_leaves_the_drawing_and_its_history(window, qtbot, tmp_path):
    drag(window.canvas, zero_points())
    label = drawn_label(window)
    assert label is not None
    not_an_image = tmp_path / "notes.txt"
    not_an_image.write_text("not an image")
    with answering(enter_path(not_an_image)):
        QTest.keyClick(window, Qt.Key.Key_O, CTRL)  # Ctrl+O, the file dialog, the .txt chosen
    assert window.wait_until_idle(30)
    assert "Could not read the image" in window.message_text()
    assert window.canvas.stroke_count() == 1, "the drawing is still on the sheet"
    assert drawn_label(window) == label, "and so is its answer"
    back_to(window, qtbot)
    QTest.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert window.canvas.is_empty(), "Ctrl+Z still undoes the stroke: the history was kept"


def test_non_image_drags_are_refused_at_drag_enter(window, tmp_path):
    drag(window.canvas, one_points())
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    picture = seven_png(tmp_path / "seven.png")

    def drag_enter(path) -> bool:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        event = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(window.canvas, event)
        return event.isAccepted()

    assert not drag_enter(text), "a text file is refused before it is dropped"
    assert not drag_enter(tmp_path), "so is a folder"
    assert drag_enter(picture)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(text))])
    drop = QDropEvent(QPoint(50, 50).toPointF(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.canvas, drop)  # even if a drop happens anyway, the drawing stays
    assert window.wait_until_idle(30)
    assert window.canvas.stroke_count() == 1 and drawn_label(window) is not None


@pytest.mark.parametrize("how", ["Esc", "Delete", "toolbar button"])
def test_clear_is_undoable_like_a_stroke(window, qtbot, how):
    drag(window.canvas, one_points())
    label = drawn_label(window)
    if how == "toolbar button":
        button = window.menus.toolbar.widgetForAction(window.actions_by_name["clear"])
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    else:
        QTest.keyClick(window, Qt.Key.Key_Escape if how == "Esc" else Qt.Key.Key_Delete)
    assert window.canvas.is_empty() and window.current_prediction() is None
    assert window.actions_by_name["undo"].isEnabled()
    QTest.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert window.canvas.stroke_count() == 1
    assert drawn_label(window) == label
    QTest.keyClick(window, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)  # redo the clear
    assert window.canvas.is_empty() and window.current_prediction() is None


def test_an_opened_image_replaces_the_drawing_undoably(window, qtbot, tmp_path):
    drag(window.canvas, zero_points())
    drawn = drawn_label(window)
    seven = seven_png(tmp_path / "seven.png")
    with answering(enter_path(seven)):
        QTest.keyClick(window, Qt.Key.Key_O, CTRL)
    assert window.wait_until_idle(30)
    assert drawn_label(window) == 7 and window.canvas.image_origin() is not None
    back_to(window, qtbot)
    QTest.keyClick(window, Qt.Key.Key_Z, CTRL)  # the drawing comes back, with its answer
    assert window.canvas.stroke_count() == 1 and window.canvas.image_origin() is None
    assert drawn_label(window) == drawn
    QTest.keyClick(window, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)  # and the image again
    assert window.canvas.image_origin() is not None and drawn_label(window) == 7


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_an_opened_fifo_never_sticks_the_recognition_worker(window, tmp_path):
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    window.session.open_file(fifo)
    assert window.wait_until_idle(20), "the worker is stuck on the pipe"
    assert "not a regular file" in window.message_text()
    drag(window.canvas, one_points())  # and it still reads drawings
    assert window.current_prediction(timeout_s=20) is not None


@pytest.mark.slow
def test_a_huge_image_is_shown_as_a_scaled_copy(window, tmp_path):
    huge = seven_png(tmp_path / "huge.png", size=10_000)  # 10^8 pixels: over Qt's decoding limit
    window.session.open_file(huge)
    assert window.wait_until_idle(120)
    assert drawn_label(window) == 7
    assert window.canvas.image_origin() is not None
    shown = window.canvas.grab().toImage()
    assert dark_pixels(shown) > 500, "the sheet shows the image, not a blank page"


def test_a_problem_disappears_from_the_status_bar_with_its_cause(window, tmp_path):
    blank = tmp_path / "blank.png"
    Image.fromarray(np.full((100, 100), 255, np.uint8)).save(blank)
    window.session.open_file(blank)
    assert window.wait_until_idle(30)
    assert "No digit found in blank.png" in window.statusBar().currentMessage()
    window.session.open_file(seven_png(tmp_path / "seven.png"))
    assert window.wait_until_idle(30)
    assert drawn_label(window) == 7
    assert "No digit found" not in window.statusBar().currentMessage()
    assert window.message_text() == ""
