"""GUI latency of LeNet Digits: from a stroke event to the repainted prediction and feature maps.

    python benchmarks/bench_gui_latency.py [--samples 300] [--model modern] [--device cpu]

Drives the real main window (offscreen unless QT_QPA_PLATFORM says otherwise) with real mouse events
on the canvas and prints two sets of figures:

1. Latency, one stroke event at a time: the time from a mouse-move event (button held) until the
   prediction, the network input and every feature-map panel have been repainted. Median and p99.
2. Continuous drawing at 125 events/s for a few seconds: how long the GUI thread spends handling
   each stroke event (drawing must never wait for inference), how late the event loop gets (a
   stall would show as lag), how many predictions were shown, and the event-to-display latency.

Target: median latency <= 16 ms on a CPU, and stroke handling never waits for inference.

    python benchmarks/bench_gui_latency.py --while-learning ../shared/data/mnist

measures the same while the Learn page trains a fresh model on MNIST (its own recipe, its worker
thread) the whole time; the run is cancelled afterwards.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.widgets.pointer import MOVE, PRESS, RELEASE, stroke_event  # noqa: E402 - the app's one way to draw


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def summary(name: str, values: list[float]) -> str:
    return (
        f"{name:<44} median {statistics.median(values):7.2f} ms   p99 {percentile(values, 99):7.2f} ms   "
        f"max {max(values):7.2f} ms   (n={len(values)})"
    )


class PaintCounter(QObject):
    """Counts paint events of the watched widgets (the filter sees them just before they paint)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def mouse(canvas, kind: QEvent.Type, point: tuple[float, float]) -> None:
    """Deliver one real mouse event to the canvas, the left button held (or released)."""
    stroke_event(canvas, kind, point)


def path_point(i: int) -> tuple[float, float]:
    """A long, smooth, digit-sized scribble (a figure eight traced again and again)."""
    import math

    t = i * 0.05
    return 0.5 + 0.2 * math.sin(t), 0.5 + 0.3 * math.sin(2 * t) / 2


def wait_for(signal, timeout_ms: int = 5000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)
    guard.start(timeout_ms)
    loop.exec()
    guard.stop()
    signal.disconnect(loop.quit)


def settle(ms: int) -> None:
    end = time.perf_counter() + ms / 1000
    while time.perf_counter() < end:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 1)
        time.sleep(0.0005)


def one_at_a_time(window, samples: int) -> list[float]:
    canvas = window.canvas
    counter = PaintCounter()
    page = window.recognise
    watched = [page.feature_maps.panel(s) for s in ("C1", "S4", "output")] + [page.prediction_view.bars]
    for widget in watched:
        widget.installEventFilter(counter)
    latencies = []
    mouse(canvas, PRESS, path_point(0))
    window.wait_until_idle()
    for i in range(1, samples + 1):
        settle(20)  # past the live-update rate limit, worker idle: the event is served at once
        before = counter.count
        start = time.perf_counter()
        mouse(canvas, MOVE, path_point(i))
        wait_for(window.recognise.prediction_shown)
        QApplication.processEvents()  # delivers the posted repaint: the panels paint now
        end = time.perf_counter()
        if counter.count < before + len(watched):
            raise RuntimeError("the panels did not repaint")
        latencies.append((end - start) * 1000)
    mouse(canvas, RELEASE, path_point(samples))
    window.wait_until_idle()
    for widget in watched:
        widget.removeEventFilter(counter)
    return latencies


def continuous(window, seconds: float, interval_ms: int = 8) -> dict[str, list[float] | int]:
    canvas = window.canvas
    canvas.clear()
    handling, lag, event_times, dispatch_times, shown_times = [], [], [], [], []
    window.session.inference._send_predict.connect(lambda *_: dispatch_times.append(time.perf_counter()))  # noqa: SLF001
    window.recognise.prediction_shown.connect(lambda *_: shown_times.append(time.perf_counter()))
    state = {"i": 0, "last": time.perf_counter()}
    total = int(seconds * 1000 / interval_ms)
    loop = QEventLoop()
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)

    def tick() -> None:
        now = time.perf_counter()
        lag.append(max(0.0, (now - state["last"]) * 1000 - interval_ms))
        state["last"] = now
        i = state["i"]
        kind = PRESS if i == 0 else MOVE
        if i == total:
            kind = RELEASE
        event_times.append(now)
        mouse(canvas, kind, path_point(i))
        handling.append((time.perf_counter() - now) * 1000)
        state["i"] += 1
        if i == total:
            timer.stop()
            loop.quit()

    timer.timeout.connect(tick)
    timer.start(interval_ms)
    loop.exec()
    window.wait_until_idle()
    # Each event is answered by the first inference dispatched after it; dispatches are shown in order.
    latency = []
    for t in event_times:
        k = next((k for k, d in enumerate(dispatch_times) if d >= t), None)
        if k is not None and k < len(shown_times):
            latency.append((shown_times[k] - t) * 1000)
    return {
        "handling": handling,
        "lag": lag[1:],
        "latency": latency,
        "shown": len(shown_times),
        "events": total,
    }


def start_learning(window, mnist_folder: Path, cache: Path):
    """Start the Learn page's run and wait until it trains; the Recognise page stays in front."""
    learn = next(p for p in window.pages if p.name == "learn")
    learn.session.settings.mnist_folder = mnist_folder.resolve()
    learn.job_overrides = {"cache_dir": cache}
    learn.start()
    deadline = time.perf_counter() + 300
    while not learn.chart.epochs and time.perf_counter() < deadline:
        settle(50)
    print(f"Learn page training while measuring: {learn.figures['step'].text()}")
    return learn


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--model", default=None, help="classic or modern (default: the app's default)")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--while-learning", type=Path, default=None, metavar="MNIST_FOLDER",
                        help="measure while the Learn page trains on the MNIST files in this folder")
    args = parser.parse_args()

    import torch

    app = QApplication.instance() or QApplication([sys.argv[0]])
    from app import create_main_window
    from app.config import INFERENCE_THREADS

    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "bench.ini"), QSettings.Format.IniFormat)
        settings.setValue("model/device", args.device)
        window = create_main_window(settings=settings, data_dir=Path(tmp) / "data", language="en")
        if args.model:
            window.session.select_model(f"shipped:{args.model}")
        window.resize(1280, 800)
        window.show()
        window.wait_until_idle(60)
        recognizer = window.session.recognizer()
        print(
            f"LeNet Digits GUI latency - model {window.session.model_id()} on {recognizer.device_name}, "
            f"torch {torch.__version__} (inference worker: {INFERENCE_THREADS} thread), "
            f"Qt platform {app.platformName()}, "
            f"{os.cpu_count()} CPU cores"
        )
        learn = start_learning(window, args.while_learning, Path(tmp)) if args.while_learning else None
        latencies = one_at_a_time(window, args.samples)
        print(summary("stroke event -> prediction + maps repainted", latencies))
        figures = continuous(window, args.seconds)
        print(
            f"continuous drawing, {figures['events']} events at 125/s: "
            f"{figures['shown']} predictions shown ({figures['shown'] / args.seconds:.0f}/s)"
        )
        print(summary("  GUI time handling one stroke event", figures["handling"]))
        print(summary("  event-loop lag (time a stroke event waits)", figures["lag"]))
        print(summary("  stroke event -> prediction shown", figures["latency"]))
        if learn is not None:
            running = learn.runner.is_running()
            print(f"Learn page trained throughout: {'yes' if running else 'NO (it ended early)'}; "
                  f"step {learn.figures['step'].text()}, {learn.figures['speed'].text()}, "
                  f"test accuracy {learn.figures['test_accuracy'].text()}")
            learn.runner.shutdown()
        median = statistics.median(latencies)
        verdict = "meets" if median <= 16 else "MISSES"
        print(f"target median <= 16 ms: {verdict} ({median:.2f} ms)")
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
