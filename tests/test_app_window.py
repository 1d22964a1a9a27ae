"""The main window through its testability contract: real mouse strokes, live panels, model and device."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from tests.app_support import drag, make_window, one_points, zero_points

PANEL_SHAPES = {"C1": (6, 28, 28), "S2": (6, 14, 14), "C3": (16, 10, 10), "S4": (16, 5, 5)}
STRIP_SIZES = {"C5": 120, "F6": 84, "output": 10}


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path)


def test_contract_canvas_is_named_and_empty_canvas_gives_no_prediction(window):
    canvas = window.findChild(QWidget, "canvas")
    assert canvas is window.canvas
    assert callable(canvas.clear)
    assert window.current_prediction() is None
    assert window.recognise.prediction_view.digit.text() == "Draw a digit"
    diagram = window.recognise.explain.diagram
    assert all(diagram.values(stage) is None for stage in ("input", *PANEL_SHAPES, *STRIP_SIZES))


def test_canvas_is_square_and_follows_the_window(window, qtbot):
    first = window.canvas.paper_rect()
    assert first.width() == pytest.approx(first.height())
    window.resize(1500, 900)
    qtbot.waitUntil(lambda: window.canvas.paper_rect().width() > first.width())
    second = window.canvas.paper_rect()
    assert second.width() == pytest.approx(second.height())


def test_a_stroke_fills_every_panel_with_maps_of_the_right_shape(window):
    drag(window.canvas, one_points())
    prediction = window.current_prediction()
    assert prediction is not None and prediction.is_digit
    diagram = window.recognise.explain.diagram
    for stage, shape in PANEL_SHAPES.items():
        assert diagram.values(stage).shape == shape
        images = diagram.map_images(stage)
        assert len(images) == shape[0]
        assert all((image.width(), image.height()) == (shape[2], shape[1]) for image in images)
        # The diagram shows the activations of the very forward pass that made the prediction.
        np.testing.assert_array_equal(diagram.values(stage), prediction.activations[stage])
    for stage, size in STRIP_SIZES.items():
        assert diagram.values(stage).shape == (size,)
    np.testing.assert_array_equal(diagram.values("input"), prediction.input)
    bars = window.recognise.prediction_view.bars
    np.testing.assert_allclose(bars.probabilities(), prediction.probabilities)
    assert "ms" in window.time_status.text()
    assert "CPU" in window.device_status.text() or window.session.recognizer().device.type != "cpu"


def test_undo_redo_and_clear_update_the_prediction(window, qtbot):
    drag(window.canvas, one_points())
    assert window.current_prediction() is not None
    assert window.canvas.stroke_count() == 1

    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo
    assert window.canvas.stroke_count() == 0
    assert window.current_prediction() is None
    assert window.recognise.explain.diagram.values("C1") is None

    QTest.keyClick(
        window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert window.canvas.stroke_count() == 1
    assert window.current_prediction() is not None

    drag(window.canvas, zero_points())
    assert window.canvas.stroke_count() == 2
    window.canvas.undo()
    assert window.canvas.stroke_count() == 1 and window.canvas.can_redo()
    window.canvas.redo()
    assert window.canvas.stroke_count() == 2 and not window.canvas.can_redo()

    QTest.keyClick(window, Qt.Key.Key_Escape)  # clear
    assert window.canvas.is_empty()
    assert window.current_prediction() is None
    drag(window.canvas, one_points())
    QTest.keyClick(window, Qt.Key.Key_Delete)
    assert window.current_prediction() is None
    assert window.recognise.prediction_view.digit.text() == "Draw a digit"


def test_erasing_everything_leaves_no_prediction(window):
    drag(window.canvas, one_points())
    assert window.current_prediction() is not None
    window.canvas.set_pen_width(0.25)
    # The right button erases; a wide zig-zag over the bar wipes it out.
    wipe = [(x / 10, 0.1 + 0.8 * (i % 2)) for i, x in enumerate(range(2, 9))]
    drag(window.canvas, [(0.5, y / 20) for y in range(0, 21)], button=Qt.MouseButton.RightButton)
    drag(window.canvas, wipe, button=Qt.MouseButton.RightButton)
    assert window.canvas.stroke_count() == 3
    assert window.current_prediction() is None
    assert window.canvas.rasterize().min() == 255  # nothing but paper


def test_eraser_tool_toggle(window):
    action = window.actions_by_name["eraser"]
    action.trigger()
    assert window.canvas.eraser_mode()
    drag(window.canvas, one_points())
    assert window.canvas._strokes[-1].eraser  # noqa: SLF001 - the stroke record is what matters here
    action.trigger()
    assert not window.canvas.eraser_mode()


def test_opening_an_image_recognises_it(window, tmp_path):
    image = np.full((120, 100), 255, np.uint8)
    image[20:100, 45:55] = 0  # a black bar on white paper: a 1
    path = tmp_path / "one.png"
    Image.fromarray(image).save(path)
    window.session.open_file(path)
    prediction = window.current_prediction()
    assert prediction is not None and prediction.is_digit
    assert window.recognise.explain.diagram.values("C1").shape == PANEL_SHAPES["C1"]
    assert window.message_text() == ""
    assert not window.canvas.is_empty()
    window.canvas.clear()
    assert window.current_prediction() is None


def test_a_broken_image_gives_a_message_not_a_crash(window, tmp_path):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n this is not really a PNG")
    window.session.open_file(broken)
    assert window.current_prediction() is None
    assert window.recognise.message.isVisible()
    assert "broken.png" in window.message_text()
    window.session.open_file(tmp_path / "missing.png")
    window.wait_until_idle()
    assert "missing.png" in window.message_text()
    # The next drawing clears the message and works as usual.
    drag(window.canvas, one_points())
    assert window.current_prediction() is not None
    assert not window.recognise.message.isVisible()


def test_an_image_opened_at_once_after_a_broken_one_is_shown(window, tmp_path):
    """The earlier image's answer (here: a failure) arrives late and must not replace the newer one."""
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a PNG")
    image = np.full((120, 100), 255, np.uint8)
    image[20:100, 45:55] = 0
    path = tmp_path / "one.png"
    Image.fromarray(image).save(path)
    window.session.open_file(broken)
    window.session.open_file(path)  # before the worker has answered for broken.png
    prediction = window.current_prediction()
    assert prediction is not None and prediction.is_digit
    assert not window.canvas.is_empty()
    assert window.message_text() == ""


def test_pasting_an_image(window, qtbot):
    image = QImage(80, 80, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    for y in range(10, 70):
        for x in range(36, 44):
            image.setPixelColor(x, y, Qt.GlobalColor.black)
    window.recognise.sheet_actions.paste_image(image)
    assert window.current_prediction() is not None
    window.recognise.sheet_actions.paste_image(QImage())
    assert window.recognise.message.isVisible()


def test_switching_model_and_device_adapts_the_panels(window, qtbot):
    drag(window.canvas, zero_points())
    assert window.current_prediction() is not None
    for key, output_kind in (("shipped:classic", "rbf_penalties"), ("shipped:modern", "logits")):
        window.session.select_model(key)
        prediction = window.current_prediction()
        assert window.session.model_id() == key
        assert window.session.recognizer().arch == key.removeprefix("shipped:")
        assert prediction is not None and prediction.output_kind == output_kind
        assert window.recognise.explain.diagram.values("C3").shape == PANEL_SHAPES["C3"]
        checked = [a.data() for a in window.menus.model_group.actions() if a.isChecked()]
        assert checked == [key]
        assert window.recognise.explain.arch() == key.removeprefix("shipped:")

    window.actions_by_name["device_cpu"].trigger()
    window.wait_until_idle()
    assert window.session.device() == "cpu"
    assert window.session.recognizer().device.type == "cpu"
    assert window.device_status.text() == "Device: CPU"
    assert window.current_prediction() is not None


def test_an_unavailable_device_gives_a_message_and_keeps_working(window):
    import torch

    if torch.cuda.is_available():
        pytest.skip("CUDA is present here, so it is not an unavailable device")
    window.session.select_device("cuda")
    window.wait_until_idle()
    assert window.recognise.message.isVisible()
    assert window.session.device() != "cuda"
    drag(window.canvas, one_points())
    assert window.current_prediction() is not None


def test_export_feature_maps_and_canvas(window, tmp_path):
    drag(window.canvas, one_points())
    assert window.current_prediction() is not None
    maps, canvas = tmp_path / "maps.png", tmp_path / "canvas.png"
    assert window.recognise.sheet_actions.export_feature_maps(maps)
    assert window.recognise.sheet_actions.export_canvas(canvas)
    assert Image.open(maps).size[0] > 100
    drawn = np.asarray(Image.open(canvas).convert("L"))
    assert drawn.min() < 50 and drawn.max() > 200


def test_settings_persist_between_runs(qtbot, tmp_path):
    first = make_window(qtbot, tmp_path)
    first.canvas.set_pen_width(0.12)
    first.session.select_model("shipped:classic")
    first.wait_until_idle()
    first.resize(1000, 700)
    first.close()
    second = make_window(qtbot, tmp_path)
    assert second.canvas.pen_width() == pytest.approx(0.12)
    assert second.session.model_id() == "shipped:classic"
    assert second.session.device() == "auto"
    stored = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert stored.value("window/geometry") is not None


def test_every_action_has_a_shortcut_a_menu_entry_and_a_tooltip(window):
    in_menus = set()
    for menu in (
        window.menus.file_menu,
        window.menus.edit_menu,
        window.menus.model_menu,
        window.menus.device_menu,
        window.menus.view_menu,
        window.menus.language_menu,
        window.menus.help_menu,
    ):
        in_menus.update(id(a) for a in menu.actions() if not a.isSeparator())
    for name, action in window.actions_by_name.items():
        assert not action.shortcut().isEmpty() or name.startswith("model_v"), name
        assert id(action) in in_menus, name
        assert action.toolTip(), name
    assert window.actions_by_name["undo"].shortcut() == QKeySequence("Ctrl+Z")
    assert QKeySequence("Ctrl+Shift+Z") in window.actions_by_name["redo"].shortcuts()
    page = window.recognise
    for widget in (window.canvas, page.pen_slider, window.menus.model_combo, page.explain.diagram):
        assert widget.toolTip(), widget.objectName()


def test_switching_language_to_chinese_and_back(window):
    window.set_language("zh_CN")
    assert window.menus.file_menu.title() == "文件(&F)"
    assert window.recognise.prediction_view.digit.text() == "请写一个数字"
    window.set_language("en")
    assert window.menus.file_menu.title() == "&File"
    assert window.recognise.prediction_view.digit.text() == "Draw a digit"


def test_dropping_an_image_file_on_the_canvas(window, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    image = np.full((90, 90), 255, np.uint8)
    image[15:75, 40:48] = 0
    path = tmp_path / "dropped.png"
    Image.fromarray(image).save(path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # QApplication only delivers drop events from a real drag session; hand it to the widget itself.
    assert window.canvas.event(drop)
    assert window.current_prediction() is not None
    assert window.message_text() == ""


def test_the_shown_prediction_is_for_the_final_drawing(window):
    """However many live updates were skipped while drawing, the one on release is never dropped."""
    drag(window.canvas, zero_points(200))
    shown = window.current_prediction()
    expected = window.session.recognizer().predict(window.canvas.rasterize())
    np.testing.assert_allclose(shown.probabilities, expected.probabilities, rtol=1e-5, atol=1e-6)
    np.testing.assert_array_equal(shown.input, expected.input)
