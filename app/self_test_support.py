"""What the self-test's checks share: failing with a reason, waiting on the event loop, real input
events (mouse strokes, clicks, typing), looking at pixels, and screenshots."""

from __future__ import annotations

import sys
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
    from app.event_loop import process_events_until as wait

    return wait(predicate, timeout_s)


def draw_strokes(canvas: Any, strokes: list[list[tuple[float, float]]], size: float) -> int:
    """Real mouse strokes on the canvas (points in a `size`-pixel square); the number of events sent."""
    from app.widgets.pointer import draw_strokes as draw

    return draw(canvas, strokes, scale=size)


def click_at(widget: Any, position: Any = None) -> None:
    """A left click at `position` (default: the middle) of `widget`, as press and release events."""
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QApplication

    from app.widgets.pointer import click

    click(widget, None if position is None else QPointF(position))
    QApplication.processEvents()


def dark_pixels(image: Any, below: int = 128) -> int:
    """How many pixels of a QImage are darker than `below` (0-255): ink, curves, text."""
    from app.widgets.qimage import to_array

    return int((to_array(image) < below).sum())


def pixels_near(image: Any, rgb: tuple[int, int, int], tolerance: int = 40) -> int:
    """How many pixels of a QImage are within `tolerance` of the colour `rgb` (a chart's curve)."""
    import numpy as np

    from app.widgets.qimage import to_array

    pixels = to_array(image, channels=4)[:, :, :3].astype(int)
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
