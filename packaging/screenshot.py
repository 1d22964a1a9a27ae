"""Take the README's screenshots of the real main window, a digit drawn, feature maps live.

    python packaging/screenshot.py [--out resources/screenshots/main-window.png] [--lang en]
    python packaging/screenshot.py --tab train      # resources/screenshots/train-tab.png
    python packaging/screenshot.py --view saliency --screen 1366x768 --theme dark --out /tmp/s.png
    python packaging/screenshot.py --view network --hover C3 --step   # a unit hovered, its arithmetic

`--view` picks the explain view beside the sheet (network, saliency, prototypes, filters,
side_by_side); `--hover STAGE` moves the mouse onto a unit of that layer of the network diagram and
`--step` clicks it, so the picture also holds the step view (saved beside OUT as OUT-step.png).
`--screen WxH` runs on a virtual screen of that size and lets the window take its own first size
there (without it the window is set to 1400x860); `--theme` forces light or dark; `--colors N`
stores the picture with N colours (smaller files for the README).

    python packaging/screenshot.py --readme   # every explain view, English and Chinese, for README

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
VIEWS = ("network", "saliency", "prototypes", "filters", "side_by_side")
HOVERED_UNIT = {"input": (0, 10, 12), "C1": (2, 12, 14), "S2": (2, 6, 7), "C3": (5, 4, 5), "S4": (5, 2, 3),
                "C5": (57, 0, 0), "F6": (30, 0, 0), "output": (3, 0, 0)}  # (index, y, x) of the unit


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


def show_view(window, view: str, hover: str | None):  # noqa: ANN001, ANN201
    """Show an explain view and hover a unit of its diagram with a real mouse move.
    Returns a function that clicks that unit and returns the step view it opens (None: no unit)."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtWidgets import QApplication

    from app.event_loop import process_events_until
    from app.widgets.diagram_layout import UnitRef
    from app.widgets.pointer import MOVE, PRESS, RELEASE, send_mouse

    panel = window.recognise.explain
    panel.show_tab(view)
    if window.current_prediction() is not None:
        process_events_until(lambda: panel.result() is not None, 10.0)
    process_events_until(lambda: False, 0.5)  # the worker's answer (saliency, the other model) drawn
    if hover is None:
        return None
    index, y, x = HOVERED_UNIT[hover]
    diagram = panel.side_view.diagrams[panel.arch()] if view == "side_by_side" else panel.diagram
    centre: QPointF = diagram.unit_center(UnitRef(hover, index, y, x))
    send_mouse(diagram, MOVE, centre, Qt.MouseButton.NoButton)
    QApplication.processEvents()

    def click():  # noqa: ANN202
        send_mouse(diagram, PRESS, centre)
        send_mouse(diagram, RELEASE, centre)
        process_events_until(lambda: False, 0.5)
        return panel.step

    return click


# The README's pictures: (view, unit hovered, step view opened) on a 1366x768 screen.
README_SHOTS = {"network": ("C3", True), "saliency": (None, False), "prototypes": (None, False),
                "filters": (None, False), "side_by_side": ("S4", False)}
README_DIR = ROOT / "resources" / "screenshots"


def readme_shots() -> int:
    """Every explain view in English and Chinese (one process each: a fresh window, as a user sees it)."""
    for language in ("en", "zh_CN"):
        for view, (hover, step) in README_SHOTS.items():
            out = README_DIR / f"explain-{view}-{language}.png"
            command = [sys.executable, str(Path(__file__).resolve()), "--view", view, "--lang", language,
                       "--screen", "1366x768", "--colors", "256", "--out", str(out)]
            command += ["--hover", hover] if hover else []
            command += ["--step"] if step else []
            if subprocess.call(command) != 0:
                return 1
    return 0


def fewer_colors(path: Path, colors: int) -> None:
    from PIL import Image

    with Image.open(path) as image:
        rgb = image.convert("RGB")
        fewer = rgb.quantize(colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    fewer.save(path, optimize=True)


def rerun_under_xvfb() -> int:
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None:
        sys.exit("no DISPLAY and no xvfb-run: apt-get install -y xvfb fonts-noto-cjk")
    width, height = WINDOW_SIZE[0] + 100, WINDOW_SIZE[1] + 100
    if "--screen" in sys.argv:
        width, height = (int(v) for v in sys.argv[sys.argv.index("--screen") + 1].split("x"))
    command = [xvfb_run, "-a", "-s", f"-screen 0 {width}x{height}x24", sys.executable, *sys.argv]
    return subprocess.call(command)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--out", type=Path, default=None, help="default: by tab, in resources/screenshots")
    parser.add_argument("--tab", default="recognise", choices=("recognise", "train"))
    parser.add_argument("--lang", default="en", choices=("en", "zh_CN"))
    parser.add_argument("--view", default="network", choices=VIEWS, help="the explain view shown")
    parser.add_argument("--hover", default=None, choices=tuple(HOVERED_UNIT), help="hover a unit of it")
    parser.add_argument("--step", action="store_true", help="click the hovered unit: its arithmetic")
    parser.add_argument("--screen", default=None, help="WxH: the virtual screen; the window sizes itself")
    parser.add_argument("--theme", default="system", choices=("system", "light", "dark"))
    parser.add_argument("--blank", action="store_true", help="draw nothing: the empty sheet and views")
    parser.add_argument("--model", default=None, choices=("classic", "modern"), help="default: the app's")
    parser.add_argument("--colors", type=int, default=0, help="store with this many colours (0: all)")
    parser.add_argument("--readme", action="store_true", help="every explain view in both languages")
    args = parser.parse_args()
    if args.readme:
        return readme_shots()
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
    from app import create_main_window, theme
    from app.event_loop import process_events_until
    from app.widgets.pointer import draw_strokes

    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "screenshot.ini"), QSettings.Format.IniFormat)
        window = create_main_window(settings=settings, data_dir=Path(tmp) / "data", language=args.lang)
        theme.use_theme(args.theme)
        if args.screen is None:
            window.resize(*WINDOW_SIZE)
        window.move(0, 0)
        window.show()
        QTest.qWaitForWindowExposed(window)
        window.wait_until_idle(60)
        if args.model:
            window.session.select_model(f"shipped:{args.model}")
            window.wait_until_idle(60)

        canvas = window.canvas
        note = ""
        if args.tab == "train":
            canvas, note = prepare_train_tab(window)
        # Real mouse events at a human-ish pace, so live updates happen along the way.
        if not args.blank:
            draw_strokes(canvas, [three()], pace_ms=4, process_every=1)
        prediction = window.current_prediction() if args.tab == "recognise" else None
        window.wait_until_idle(60)  # the Train page's reading of the sample too
        click = show_view(window, args.view, args.hover) if args.tab == "recognise" else None
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
        if args.colors:
            fewer_colors(args.out, args.colors)
        step = click() if click is not None and args.step else None
        if step is not None:
            step_out = args.out.with_name(args.out.stem + "-step.png")
            step.grab().save(str(step_out), "PNG")
            if args.colors:
                fewer_colors(step_out, args.colors)
            print(f"{step_out}: the step view of {step.unit()}")
        label = "none" if prediction is None else f"{prediction.label} ({prediction.confidence:.0%})"
        print(f"{args.out}: {picture.width()}x{picture.height()}, drew a 3, the window reads {label}{note}")
        window.training.discard()  # the demo run is not kept (closing would otherwise ask about it)
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
