"""Take the README's screenshot of the real main window, a digit drawn, feature maps live.

    python packaging/screenshot.py [--out resources/screenshots/main-window.png] [--lang en]

Runs under Xvfb: without a DISPLAY it re-runs itself through `xvfb-run` (Debian: `apt-get install -y
xvfb fonts-noto-cjk`). The digit is drawn with real mouse events on the canvas, exactly as a user
would, and the picture is grabbed from the X server's screen, so nothing in it is drawn by hand.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "resources" / "screenshots" / "main-window.png"
WINDOW_SIZE = (1400, 860)


def three() -> list[tuple[float, float]]:
    """A handwritten 3 as one stroke: two bowls, in fractions of the sheet."""
    upper = [(-150 + 240 * i / 40) for i in range(41)]
    lower = [(-90 + 235 * i / 40) for i in range(1, 41)]
    points = [
        (0.5 + 0.15 * math.cos(math.radians(a)), 0.34 + 0.15 * math.sin(math.radians(a))) for a in upper
    ]
    points += [
        (0.5 + 0.17 * math.cos(math.radians(a)), 0.65 + 0.16 * math.sin(math.radians(a))) for a in lower
    ]
    return points


def rerun_under_xvfb() -> int:
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None:
        sys.exit("no DISPLAY and no xvfb-run: apt-get install -y xvfb fonts-noto-cjk")
    width, height = WINDOW_SIZE
    command = [xvfb_run, "-a", "-s", f"-screen 0 {width + 100}x{height + 100}x24", sys.executable, *sys.argv]
    return subprocess.call(command)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--lang", default="en", choices=("en", "zh_CN"))
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM", "xcb") == "xcb":
        return rerun_under_xvfb()

    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    from app import create_main_window

    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "screenshot.ini"), QSettings.Format.IniFormat)
        window = create_main_window(settings=settings, data_dir=Path(tmp) / "data", language=args.lang)
        window.resize(*WINDOW_SIZE)
        window.move(0, 0)
        window.show()
        QTest.qWaitForWindowExposed(window)
        window.wait_until_idle(60)

        canvas = window.canvas
        paper = canvas.paper_rect()

        def at(point: tuple[float, float]) -> QPoint:
            return QPointF(
                paper.x() + point[0] * paper.width(), paper.y() + point[1] * paper.height()
            ).toPoint()

        stroke = three()
        QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(stroke[0]))
        for point in stroke[1:]:
            QTest.mouseMove(canvas, at(point))
            QTest.qWait(4)  # a human-ish pace, so live updates happen along the way
        QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(stroke[-1]))
        prediction = window.current_prediction()
        QTest.qWait(300)  # let the last repaint reach the X server

        screen = window.screen() or QGuiApplication.primaryScreen()
        geometry = window.frameGeometry()
        picture = screen.grabWindow(0, geometry.x(), geometry.y(), geometry.width(), geometry.height())
        if picture.isNull() or app.platformName() != "xcb":
            picture = window.grab()  # not under X: render the same widgets
        args.out.parent.mkdir(parents=True, exist_ok=True)
        if not picture.save(str(args.out), "PNG"):
            sys.exit(f"could not write {args.out}")
        label = "none" if prediction is None else f"{prediction.label} ({prediction.confidence:.0%})"
        print(f"{args.out}: {picture.width()}x{picture.height()}, drew a 3, the window reads {label}")
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
