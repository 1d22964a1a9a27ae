"""Drawing on a canvas from code, with the same mouse events a user's hand sends: the one routine the
GUI tests, `--self-test`, the latency benchmark and the screenshot script all draw with.

Points are fractions of the canvas' square sheet (0..1), so a drawing does not depend on the widget's
size. Events go through QApplication.sendEvent (QtTest is not part of the bundle).
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.widgets.canvas import DrawingCanvas

Point = tuple[float, float]

PRESS, MOVE, RELEASE = QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease


def on_sheet(canvas: DrawingCanvas, point: Point) -> QPointF:
    """A point in fractions of the sheet -> widget coordinates."""
    paper = canvas.paper_rect()
    return QPointF(paper.x() + point[0] * paper.width(), paper.y() + point[1] * paper.height())


def send_mouse(widget: QWidget, kind: QEvent.Type, local: QPointF,
               button: Qt.MouseButton = Qt.MouseButton.LeftButton) -> None:
    """One mouse event at `local` (widget coordinates): a press, a move with `button` held, a release."""
    none = Qt.MouseButton.NoButton
    held = none if kind == RELEASE else button
    pressed = none if kind == MOVE else button
    event = QMouseEvent(kind, local, widget.mapToGlobal(local), pressed, held, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def stroke_event(canvas: DrawingCanvas, kind: QEvent.Type, point: Point) -> None:
    """One event of a stroke at a point of the sheet."""
    send_mouse(canvas, kind, on_sheet(canvas, point))


def draw_strokes(canvas: DrawingCanvas, strokes: Sequence[Sequence[Point]], scale: float = 1.0,
                 button: Qt.MouseButton = Qt.MouseButton.LeftButton, pace_ms: float = 0.0,
                 process_every: int = 8) -> int:
    """Draw `strokes` (points in a `scale`-sized square) with press, moves and release; returns the
    number of events sent. Every `process_every` points the event loop runs, as it does while a user
    draws (live predictions come in); `pace_ms` waits between points, a human-ish pace."""
    sent = 0
    for stroke in strokes:
        points = [(x / scale, y / scale) for x, y in stroke]
        for i, point in enumerate(points):
            send_mouse(canvas, PRESS if i == 0 else MOVE, on_sheet(canvas, point), button)
            sent += 1
            if pace_ms:
                time.sleep(pace_ms / 1000)
            if process_every and i % process_every == 0:
                QApplication.processEvents()
        send_mouse(canvas, RELEASE, on_sheet(canvas, points[-1]), button)
        sent += 1
    return sent


def click(widget: QWidget, local: QPointF | None = None) -> None:
    """A left click at `local` (default: the middle of `widget`), as press and release events."""
    position = local if local is not None else QPointF(widget.rect().center())
    send_mouse(widget, PRESS, position)
    send_mouse(widget, RELEASE, position)
