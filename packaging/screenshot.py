"""Take the README's screenshots of the real main window, a digit drawn, feature maps live.

    python packaging/screenshot.py [--out resources/screenshots/main-window.png] [--lang en]
    python packaging/screenshot.py --tab train      # resources/screenshots/train-tab.png

With `--tab train` the Train tab is shown after a real fine-tuning run on synthetic handwriting in
styles the shipped model misreads (slashed 0, flagged 1, ...), with a new sample being drawn.

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
TRAIN_OUT = ROOT / "resources" / "screenshots" / "train-tab.png"
TRAIN_STYLES = {0: "slashed", 1: "flagged", 4: "open", 7: "crossed"}  # styles the shipped model misreads
TRAIN_SAMPLES_PER_DIGIT = 12
TRAIN_EPOCHS = 3
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


def prepare_train_tab(window):  # noqa: ANN001, ANN201 - a MainWindow; returns (canvas, note)
    """Show the Train tab with samples, a finished run awaiting keep/discard, and the digit 3 chosen."""
    import numpy as np
    from PySide6.QtCore import QCoreApplication

    from lenet_core import synthetic

    window.actions_by_name["tab_train"].trigger()
    tab = window.training
    rng = np.random.default_rng(7)
    for digit, style in TRAIN_STYLES.items():
        for _ in range(TRAIN_SAMPLES_PER_DIGIT):
            tab.samples.store.add(synthetic.sample(digit, style, rng), digit)
    tab.gallery.refresh()
    if tab.fine_tune is None:
        sys.exit("the fine-tuning panel was not built: no model loaded")
    tab.fine_tune.epochs.setValue(TRAIN_EPOCHS)  # an advanced setting, left folded in the picture
    if not tab.start_fine_tune():
        sys.exit(f"fine-tuning did not start: {tab.message_text()}")
    while tab.runner.is_running():
        QCoreApplication.processEvents()
    report = tab.fine_tune.report()
    if report is None:
        sys.exit(f"fine-tuning did not finish: {tab.message_text()}")
    tab.drawing.set_label(3)
    r = report.result
    note = (
        f"; fine-tuned: held-out {r.holdout_before:.0%} -> {r.holdout_after:.0%}, "
        f"MNIST {r.mnist_before:.1%} -> {r.mnist_after:.1%}"
    )
    return tab.canvas, note


def rerun_under_xvfb() -> int:
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None:
        sys.exit("no DISPLAY and no xvfb-run: apt-get install -y xvfb fonts-noto-cjk")
    width, height = WINDOW_SIZE
    command = [xvfb_run, "-a", "-s", f"-screen 0 {width + 100}x{height + 100}x24", sys.executable, *sys.argv]
    return subprocess.call(command)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--out", type=Path, default=None, help="default: by tab, in resources/screenshots")
    parser.add_argument("--tab", default="recognise", choices=("recognise", "train"))
    parser.add_argument("--lang", default="en", choices=("en", "zh_CN"))
    args = parser.parse_args()
    if args.out is None:
        args.out = TRAIN_OUT if args.tab == "train" else DEFAULT_OUT
    if not os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM", "xcb") == "xcb":
        return rerun_under_xvfb()

    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    from app import create_main_window
    from app.event_loop import process_events_until
    from app.widgets.pointer import draw_strokes

    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "screenshot.ini"), QSettings.Format.IniFormat)
        window = create_main_window(settings=settings, data_dir=Path(tmp) / "data", language=args.lang)
        window.resize(*WINDOW_SIZE)
        window.move(0, 0)
        window.show()
        QTest.qWaitForWindowExposed(window)
        window.wait_until_idle(60)

        canvas = window.canvas
        note = ""
        if args.tab == "train":
            canvas, note = prepare_train_tab(window)
        # Real mouse events at a human-ish pace, so live updates happen along the way.
        draw_strokes(canvas, [three()], pace_ms=4, process_every=1)
        prediction = window.current_prediction() if args.tab == "recognise" else None
        window.wait_until_idle(60)  # the Train page's reading of the sample too
        # Let the last repaint reach the X server (sleeping between events: the worker needs the GIL,
        # which QTest.qWait would keep).
        process_events_until(lambda: False, 0.3)

        screen = window.screen() or QGuiApplication.primaryScreen()
        geometry = window.frameGeometry()
        picture = screen.grabWindow(0, geometry.x(), geometry.y(), geometry.width(), geometry.height())
        if picture.isNull() or app.platformName() != "xcb":
            picture = window.grab()  # not under X: render the same widgets
        args.out.parent.mkdir(parents=True, exist_ok=True)
        if not picture.save(str(args.out), "PNG"):
            sys.exit(f"could not write {args.out}")
        label = "none" if prediction is None else f"{prediction.label} ({prediction.confidence:.0%})"
        print(f"{args.out}: {picture.width()}x{picture.height()}, drew a 3, the window reads {label}{note}")
        window.training.discard()  # the demo run is not kept (closing would otherwise ask about it)
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
