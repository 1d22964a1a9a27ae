"""`lenet-digits --measure-startup`: the benchmark's hook (benchmarks/bench_bundle.py).

The app starts normally, prints when its window is shown and when the model is ready, and quits.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

TIMEOUT_S = 60.0  # model loading on a slow, busy machine


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


def startup_probe(window: Any, quit_after: bool = True) -> None:
    """Print (JSON, one line) when `window` is exposed and painted and when its model is ready; then quit.

    Times are wall-clock epochs, so that a launcher (benchmarks/bench_bundle.py) can subtract the time
    it started the process: that difference is launch-to-window as a user sees it.
    """
    from PySide6.QtCore import QCoreApplication, QTimer

    record: dict[str, Any] = {"process_start_epoch": process_start_epoch()}

    def model_ready() -> None:
        window.wait_until_idle(TIMEOUT_S)
        record["model_ready_epoch"] = time.time()
        print("LENET_DIGITS_STARTUP " + json.dumps(record), flush=True)
        if quit_after:
            window.close()
            QCoreApplication.quit()

    def check_shown() -> None:
        handle = window.windowHandle()
        if handle is None or not handle.isExposed():
            QTimer.singleShot(2, check_shown)
            return
        QCoreApplication.processEvents()  # deliver the first paint
        record["window_shown_epoch"] = time.time()
        QTimer.singleShot(0, model_ready)

    QTimer.singleShot(0, check_shown)
