"""What the self-test's checks share: failing with a reason, waiting on the event loop, real input
events (mouse strokes, clicks, typing), looking at pixels, and screenshots."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

TIMEOUT_S = 60.0  # model loading and first inference on a slow, busy machine


class SelfTestError(AssertionError):
    pass


def require(condition: object, reason: str) -> None:
    if not condition:
        raise SelfTestError(reason)


def frozen_folder() -> Path | None:
    """The bundle's folder (where the executable is), or None when not frozen."""
    return Path(sys.executable).resolve().parent if getattr(sys, "frozen", False) else None


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under `folder` with its size and modification time (ns)."""
    out = {}
    for p in folder.rglob("*"):
        try:
            if p.is_file() or p.is_symlink():
                st = p.lstat()
                out[str(p.relative_to(folder))] = (st.st_size, st.st_mtime_ns)
        except OSError:
            continue
    return out


def process_events_until(predicate: Callable[[], object], timeout_s: float = TIMEOUT_S) -> bool:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        time.sleep(0.002)
    return True


def draw_strokes(canvas: Any, strokes: list[list[tuple[float, float]]], size: float) -> int:
    """Send mouse press / move / release events for `strokes` (in a `size`-pixel square) to the canvas.

    Returns the number of events sent. The points are mapped onto the canvas' paper square, so the
    drawing does not depend on the widget's size.
    """
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    paper = canvas.paper_rect()
    left = Qt.MouseButton.LeftButton
    none = Qt.MouseButton.NoButton
    sent = 0
    for stroke in strokes:
        for i, (x, y) in enumerate(stroke):
            local = QPointF(paper.x() + x / size * paper.width(), paper.y() + y / size * paper.height())
            glob = QPointF(canvas.mapToGlobal(local))
            if i == 0:
                kind, button, buttons = QEvent.Type.MouseButtonPress, left, left
            else:
                kind, button, buttons = QEvent.Type.MouseMove, none, left
            QApplication.sendEvent(
                canvas, QMouseEvent(kind, local, glob, button, buttons, Qt.KeyboardModifier.NoModifier)
            )
            sent += 1
            if i == len(stroke) - 1:
                release = QMouseEvent(
                    QEvent.Type.MouseButtonRelease, local, glob, left, none, Qt.KeyboardModifier.NoModifier
                )
                QApplication.sendEvent(canvas, release)
                sent += 1
            if i % 8 == 0:
                QApplication.processEvents()  # let live predictions run, as they do while a user draws
    return sent


def click_at(widget: Any, position: Any = None) -> None:
    """A left click at `position` (default: the middle) of `widget`, as press and release events."""
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    local = QPointF(position if position is not None else widget.rect().center())
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    for kind, buttons in ((QEvent.Type.MouseButtonPress, left), (QEvent.Type.MouseButtonRelease, none)):
        event = QMouseEvent(kind, local, widget.mapToGlobal(local), left, buttons,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, event)
    QApplication.processEvents()


def dark_pixels(image: Any, below: int = 128) -> int:
    """How many pixels of a QImage are darker than `below` (0-255): ink, curves, text."""
    import numpy as np
    from PySide6.QtGui import QImage

    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = grey.width(), grey.height(), grey.bytesPerLine()
    data = np.frombuffer(grey.constBits(), dtype=np.uint8, count=stride * height)
    return int((data.reshape(height, stride)[:, :width] < below).sum())


def pixels_near(image: Any, rgb: tuple[int, int, int], tolerance: int = 40) -> int:
    """How many pixels of a QImage are within `tolerance` of the colour `rgb` (a chart's curve)."""
    import numpy as np
    from PySide6.QtGui import QImage

    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    width, height, stride = rgba.width(), rgba.height(), rgba.bytesPerLine()
    data = np.frombuffer(rgba.constBits(), dtype=np.uint8, count=stride * height)
    pixels = data.reshape(height, stride)[:, : width * 4].reshape(height, width, 4)[:, :, :3].astype(int)
    return int((np.abs(pixels - np.array(rgb)).max(axis=2) <= tolerance).sum())


@contextmanager
def answering(*steps: Any) -> Iterator[Any]:
    """Answer the dialogs the block opens with `steps`; fail unless exactly those dialogs appeared."""
    from app.dialog_driver import DialogDriver

    driver = DialogDriver(steps)
    try:
        yield driver
        process_events_until(lambda: driver.pending() == 0, 10)
    finally:
        driver.stop()
    require(not driver.failures, f"dialogs could not be answered: {driver.failures}")
    require(not driver.unexpected, f"unexpected dialogs: {driver.unexpected}")
    require(driver.pending() == 0, f"{driver.pending()} expected dialog(s) never appeared")


def screenshot(window: Any, folder: Path | None, name: str) -> str | None:
    """Save what the window shows as folder/name.png (from the screen under X, else rendered)."""
    if folder is None:
        return None
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    process_events_until(lambda: False, 0.3)  # let the last repaints reach the screen
    picture = None
    if QApplication.platformName() == "xcb":
        screen = window.screen() or QGuiApplication.primaryScreen()
        g = window.frameGeometry()
        picture = screen.grabWindow(0, g.x(), g.y(), g.width(), g.height())
    if picture is None or picture.isNull():
        picture = window.grab()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    require(picture.save(str(path), "PNG"), f"could not write {path}")
    return str(path)
