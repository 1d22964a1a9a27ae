"""`lenet-digits --measure-startup`: the start-up benchmarks' hook (benchmarks/bench_startup.py and
benchmarks/bench_bundle.py).

The app starts normally. As soon as its window is on screen a digit is drawn on the sheet with mouse
events, as a user who starts drawing at once would; the probe prints when the window was shown, when
the model was ready (torch loaded by the worker) and when the first answer for the drawing was shown,
then quits.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.window import MainWindow

TIMEOUT_S = 60.0  # model loading on a slow, busy machine
ONE = [[(0.52 - 0.04 * i / 20, 0.18 + 0.64 * i / 20) for i in range(21)]]  # a 1, in fractions of the sheet


def process_start_epoch() -> float | None:
    """When this process started (seconds since the epoch), from /proc on Linux; None elsewhere."""
    try:
        stat = Path("/proc/self/stat").read_text()
        start_ticks = int(stat.rsplit(")", 1)[1].split()[19])
        boot = next(
            int(line.split()[1])
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime")
        )
        return boot + start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def startup_probe(window: MainWindow, quit_after: bool = True) -> None:
    """Print (JSON, one line) when `window` is exposed and painted, when its model is ready and when
    the first answer is shown; then quit.

    Times are wall-clock epochs, so that a launcher can subtract the time it started the process:
    that difference is launch-to-window as a user sees it.
    """
    from PySide6.QtCore import QCoreApplication, QTimer

    from app.widgets.pointer import draw_strokes

    record: dict[str, Any] = {"process_start_epoch": process_start_epoch()}
    session = window.session
    printed: list[bool] = []

    def finish(timed_out: bool = False) -> None:
        done = "model_ready_epoch" in record and "first_prediction_epoch" in record
        if not done and not timed_out or printed:
            return
        printed.append(True)
        print("LENET_DIGITS_STARTUP " + json.dumps(record), flush=True)
        if quit_after:
            window.close()
            QCoreApplication.quit()

    def model_ready() -> None:
        record.setdefault("model_ready_epoch", time.time())
        finish()

    def answered(prediction: object) -> None:
        if prediction is not None and "first_prediction_epoch" not in record:
            record["first_prediction_epoch"] = time.time()
            model_ready()  # an answer needs the model: it cannot come before

    def check_shown() -> None:
        handle = window.windowHandle()
        if handle is None or not handle.isExposed():
            QTimer.singleShot(2, check_shown)
            return
        QCoreApplication.processEvents()  # deliver the first paint
        record["window_shown_epoch"] = time.time()
        record["torch_loaded_at_window"] = session.recognizer() is not None
        draw_strokes(window.canvas, ONE, process_every=0)  # the user draws at once

    session.model_changed.connect(lambda _entry: model_ready())
    session.prediction_changed.connect(answered)
    QTimer.singleShot(int(TIMEOUT_S * 1000), lambda: finish(timed_out=True))
    QTimer.singleShot(0, check_shown)
