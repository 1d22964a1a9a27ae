"""The drawing surface on its own: mouse, tablet and touch strokes, undo/redo, rasterising."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.config import RASTER_SIZE
from app.widgets.canvas import SHEET_MARGIN, DrawingCanvas
from tests.app_support import drag, one_points, to_widget


@pytest.fixture
def canvas(qtbot):
    widget = DrawingCanvas()
    qtbot.addWidget(widget)
    widget.resize(300, 240)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_mouse_drag_draws_one_stroke_and_emits_live_and_final_updates(canvas, qtbot):
    live, final = [], []
    canvas.drawing_changed.connect(lambda: live.append(1))
    canvas.drawing_finished.connect(lambda: final.append(1))
    drag(canvas, one_points(20))
    assert canvas.stroke_count() == 1
    assert len(live) >= 10 and len(final) == 1
    raster = canvas.rasterize()
    assert raster.shape == (RASTER_SIZE, RASTER_SIZE) and raster.dtype == np.uint8
    ink = np.argwhere(raster < 128)
    # The bar was drawn from 18 % to 82 % of the sheet's height, near the middle.
    assert ink[:, 0].min() == pytest.approx(0.18 * RASTER_SIZE, abs=0.06 * RASTER_SIZE)
    assert ink[:, 0].max() == pytest.approx(0.82 * RASTER_SIZE, abs=0.06 * RASTER_SIZE)
    assert abs(ink[:, 1].mean() - RASTER_SIZE / 2) < 0.08 * RASTER_SIZE


def test_the_sheet_is_square_inside_a_wide_widget(canvas):
    paper = canvas.paper_rect()
    # The sheet keeps a margin for its shadow and sits in the middle of the widget.
    assert paper.width() == paper.height() == 240 - 2 * SHEET_MARGIN
    assert paper.x() == 30 + SHEET_MARGIN


def test_the_raster_does_not_depend_on_the_widget_size(canvas, qtbot):
    drag(canvas, one_points(20))
    before = canvas.rasterize()
    canvas.resize(500, 500)
    qtbot.waitUntil(lambda: canvas.paper_rect().width() == 500 - 2 * SHEET_MARGIN)
    np.testing.assert_array_equal(canvas.rasterize(), before)


def test_pen_width_changes_the_stroke_width(canvas):
    canvas.set_pen_width(0.03)
    drag(canvas, one_points(20))
    thin = int((canvas.rasterize() < 128).sum())
    canvas.clear()
    canvas.set_pen_width(0.12)
    drag(canvas, one_points(20))
    thick = int((canvas.rasterize() < 128).sum())
    assert thick > 3 * thin
    canvas.set_pen_width(5)  # clamped to the allowed range
    assert canvas.pen_width() <= 0.25


def test_undo_redo_clear(canvas):
    drag(canvas, one_points(10))
    drag(canvas, [(0.2, 0.2), (0.8, 0.2)])
    assert canvas.stroke_count() == 2
    canvas.undo()
    assert canvas.stroke_count() == 1 and canvas.can_redo()
    canvas.redo()
    assert canvas.stroke_count() == 2 and not canvas.can_redo()
    canvas.undo()
    drag(canvas, [(0.2, 0.8), (0.8, 0.8)])  # a new stroke forgets what could be redone
    assert not canvas.can_redo()
    canvas.clear()
    assert canvas.is_empty() and canvas.can_undo(), "Clear is a step of the history like a stroke"
    assert canvas.rasterize().min() == 255
    canvas.undo()
    assert canvas.stroke_count() == 2 and canvas.rasterize().min() < 128
    canvas.redo()
    assert canvas.is_empty()
    canvas.new_sheet()  # after a drawing was stored as a sample: a fresh sheet, nothing to undo
    assert canvas.is_empty() and not canvas.can_undo() and not canvas.can_redo()


def test_a_tap_leaves_a_dot(canvas):
    point = to_widget(canvas, (0.5, 0.5))
    QTest.mouseClick(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert canvas.stroke_count() == 1
    assert (canvas.rasterize() < 128).sum() > 20


def _tablet(canvas, kind: QEvent.Type, point: tuple[float, float], pressure: float, eraser: bool = False):
    device = QPointingDevice.primaryPointingDevice()
    position = QPointF(to_widget(canvas, point))
    buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.TabletRelease else Qt.MouseButton.LeftButton
    event = QTabletEvent(
        kind,
        device,
        position,
        canvas.mapToGlobal(position),
        pressure,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        Qt.KeyboardModifier.NoModifier,
        Qt.MouseButton.LeftButton,
        buttons,
    )
    QApplication.sendEvent(canvas, event)


def test_tablet_pressure_changes_the_width(canvas):
    widths = {}
    for pressure in (0.1, 1.0):
        canvas.clear()
        points = one_points(20)
        _tablet(canvas, QEvent.Type.TabletPress, points[0], pressure)
        for point in points[1:]:
            _tablet(canvas, QEvent.Type.TabletMove, point, pressure)
        _tablet(canvas, QEvent.Type.TabletRelease, points[-1], 0.0)
        assert canvas.stroke_count() == 1
        widths[pressure] = int((canvas.rasterize() < 128).sum())
    assert widths[1.0] > 2 * widths[0.1]


def test_touch_draws(canvas):
    device = QTest.createTouchDevice()
    points = [to_widget(canvas, p) for p in one_points(10)]
    QTest.touchEvent(canvas, device).press(0, points[0], canvas).commit()
    for point in points[1:]:
        QTest.touchEvent(canvas, device).move(0, point, canvas).commit()
    QTest.touchEvent(canvas, device).release(0, points[-1], canvas).commit()
    assert canvas.stroke_count() == 1
    assert (canvas.rasterize() < 128).sum() > 100
