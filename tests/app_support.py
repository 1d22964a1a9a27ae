"""Helpers for the GUI tests (and the GUI latency benchmark): an isolated main window, real mouse
strokes on the canvas, and a count of repaints."""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QSettings, Qt

from app.self_test_support import answering  # noqa: F401 - the tests answer dialogs the same way
from app.widgets.pointer import draw_strokes, on_sheet


class PaintCounter(QObject):
    """Counts paint events of the watched widgets (the filter sees them just before they paint)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def make_window(qtbot, tmp_path: Path, settings_name: str = "settings.ini", language: str = "en"):
    """A main window with its own settings file and data folder, shown offscreen and closed afterwards."""
    from app import create_main_window

    settings = QSettings(str(tmp_path / settings_name), QSettings.Format.IniFormat)
    window = create_main_window(settings=settings, data_dir=tmp_path / "data", language=language)
    # pytest-qt closes it after the test (the worker threads stop in closeEvent); a fine-tuning result
    # a test left unkept is discarded first, or closing would ask about it and wait for an answer.
    qtbot.addWidget(window, before_close_func=lambda w: w.training.discard())
    window.resize(1200, 760)
    window.show()
    qtbot.waitExposed(window)
    assert window.wait_until_idle(30), "the model did not load"
    return window


def to_widget(canvas, point: tuple[float, float]) -> QPoint:
    """A point given in fractions of the square sheet -> widget coordinates."""
    return on_sheet(canvas, point).toPoint()


def drag(canvas, points: list[tuple[float, float]], button=Qt.MouseButton.LeftButton) -> None:
    """A real mouse drag (press, moves with the button held, release), drawn the app's one way."""
    draw_strokes(canvas, [points], button=button, process_every=0)


def one_points(steps: int = 30) -> list[tuple[float, float]]:
    """A slightly slanted vertical bar, the way people draw a 1."""
    return [(0.52 - 0.04 * i / steps, 0.18 + 0.64 * i / steps) for i in range(steps + 1)]


def zero_points(steps: int = 64) -> list[tuple[float, float]]:
    """An upright oval, closed, the way people draw a 0."""
    return [
        (0.5 + 0.2 * math.sin(2 * math.pi * i / steps), 0.5 - 0.3 * math.cos(2 * math.pi * i / steps))
        for i in range(steps + 3)
    ]
