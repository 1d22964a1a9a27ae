"""GUI latency of LeNet Digits: from a stroke event to the repainted prediction and feature maps.

    python benchmarks/bench_gui_latency.py [--samples 300] [--model modern] [--device cpu]

Drives the real main window (offscreen unless QT_QPA_PLATFORM says otherwise) with real mouse events
on the canvas and prints these figures:

1. Latency, one stroke event at a time: the time from a mouse-move event (button held) until the
   answer, the bars and the network diagram (every layer) have been repainted. Median and p99.
   Measured with every explain view that follows the drawing open: the diagram with a unit hovered
   (its connections, and its receptive field on the sheet) and the step view of that unit (its
   numbers recomputed for each stroke); then again with the classic and modern models side by side.
2. Saliency in the window: from a stroke event to the heat map shown in the saliency view and over
   the drawing (computed by the explain worker, off the GUI thread).
3. Continuous drawing at 125 events/s for a few seconds: how long the GUI thread spends handling
   each stroke event (drawing must never wait for inference), how late the event loop gets (a
   stall would show as lag), how many predictions were shown, and the event-to-display latency.

Targets: median latency <= 16 ms for the maps, <= 50 ms for saliency, on a CPU; stroke handling never
waits for inference.

    python benchmarks/bench_gui_latency.py --while-learning ../shared/data/mnist

measures the same while the Learn page trains a fresh model on MNIST (its own recipe, its worker
thread) the whole time; the run is cancelled afterwards. The run gives way while the pen moves (no new
step until 0.25 s after the last stroke event), as in the app; `--no-give-way` lets it step on
regardless, which measures drawing against training steps in progress: the worst case.
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

from PySide6.QtCore import QEvent, QEventLoop, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.widgets.pointer import MOVE, PRESS, RELEASE, stroke_event  # noqa: E402 - the app's one way to draw
from tests.app_support import PaintCounter  # noqa: E402 - what the GUI tests count repaints with


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def summary(name: str, values: list[float]) -> str:
    return (
        f"{name:<44} median {statistics.median(values):7.2f} ms   p99 {percentile(values, 99):7.2f} ms   "
        f"max {max(values):7.2f} ms   (n={len(values)})"
    )


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


def open_explain_views(window, view: str, hover: bool = True):  # noqa: ANN001, ANN201
    """Show an explain tab, hover a C3 unit of its diagram and click it (real mouse events): the
    diagram draws the unit's connections, the sheet its receptive field, the step view its numbers.
    Returns the widgets that repaint with the maps, and the step view's numbers (None: not hovered)."""
    from app.widgets.diagram_layout import UnitRef
    from app.widgets.pointer import send_mouse

    page = window.recognise
    panel = page.explain
    panel.show_tab(view)
    mouse(window.canvas, PRESS, path_point(0))
    window.wait_until_idle()
    diagram = panel.side_view.diagrams[panel.arch()] if view == "side_by_side" else panel.diagram
    if not hover:
        return [page.prediction_view.bars, diagram, page.canvas], None
    unit = UnitRef("C3", 5, 4, 5)
    centre = diagram.unit_center(unit)
    send_mouse(diagram, MOVE, centre, Qt.MouseButton.NoButton)
    send_mouse(diagram, PRESS, centre)
    send_mouse(diagram, RELEASE, centre)
    settle(100)
    step = panel.step
    if step is None or not step.isVisible() or diagram.focus() is None:
        raise RuntimeError("the step view or the hovered unit did not show")
    return [page.prediction_view.bars, diagram, page.canvas], step.part


def one_at_a_time(window, samples: int, view: str = "network",
                  hover: bool = True) -> tuple[list[float], list[float]]:
    """Stroke event -> answer, bars, diagram and sheet repainted; and -> the step view repainted (it
    follows the drawing a little behind the maps, at most every STEP_REFRESH_MS)."""
    canvas = window.canvas
    canvas.clear()
    counter, step_counter = PaintCounter(), PaintCounter()
    watched, step_part = open_explain_views(window, view, hover)
    for widget in watched:
        widget.installEventFilter(counter)
    if step_part is not None:
        step_part.installEventFilter(step_counter)
    latencies, step_latencies = [], []
    for i in range(1, samples + 1):
        settle(80)  # past the live-update rate limit and the step view's, worker idle
        before, step_before = counter.count, step_counter.count
        start = time.perf_counter()
        mouse(canvas, MOVE, path_point(i))
        wait_for(window.recognise.prediction_shown)
        QApplication.sendPostedEvents()  # the posted repaints (no timers): the views paint now
        end = time.perf_counter()
        if counter.count < before + len(watched):
            raise RuntimeError("the views did not repaint")
        latencies.append((end - start) * 1000)
        if step_part is None:
            continue
        while step_counter.count == step_before and time.perf_counter() - start < 2:
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 1)
        step_latencies.append((time.perf_counter() - start) * 1000)
    mouse(canvas, RELEASE, path_point(samples))
    window.wait_until_idle()
    for widget in watched:
        widget.removeEventFilter(counter)
    if step_part is not None:
        step_part.removeEventFilter(step_counter)
        window.recognise.explain.step.close()
    return latencies, step_latencies


def saliency_latency(window, samples: int) -> tuple[list[float], list[float]]:
    """Stroke event -> the heat map shown (the window's figure), and the worker's own time for it."""
    panel = window.recognise.explain
    panel.show_tab("saliency")
    canvas = window.canvas
    canvas.clear()
    mouse(canvas, PRESS, path_point(0))
    window.wait_until_idle()
    settle(300)
    shown, computed = [], []
    for i in range(1, samples + 1):
        settle(60)  # the worker idle again
        start = time.perf_counter()
        mouse(canvas, MOVE, path_point(i))
        wait_for(panel.controller.result_ready)
        QApplication.processEvents()
        result = panel.result()
        if result is None or result.saliency is None:
            raise RuntimeError("no saliency map came back")
        shown.append((time.perf_counter() - start) * 1000)
        computed.append(result.saliency_ms)
    mouse(canvas, RELEASE, path_point(samples))
    window.wait_until_idle()
    panel.show_tab("network")
    return shown, computed


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


def start_learning(window, mnist_folder: Path, cache: Path, give_way: bool = True):
    """Start the Learn page's run and wait until it trains; the Recognise page stays in front."""
    learn = next(p for p in window.pages if p.name == "learn")
    if not give_way:
        learn.session.pen_moved.disconnect(learn.runner.give_way)
        learn.canvas.drawing_changed.disconnect(learn.runner.give_way)
    learn.session.settings.mnist_folder = mnist_folder.resolve()
    learn.job_overrides = {"cache_dir": cache}
    learn.last_step = 0  # the last step reported, for the steps taken while measuring
    learn.runner.progress.connect(lambda batch: setattr(learn, "last_step", batch[-1].step))
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
    parser.add_argument("--no-give-way", action="store_true",
                        help="with --while-learning: the run steps on while the pen moves")
    args = parser.parse_args()

    import torch

    app = QApplication.instance() or QApplication([sys.argv[0]])
    from app import create_main_window
    from app.config import INFERENCE_THREADS

    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "bench.ini"), QSettings.Format.IniFormat)
        settings.setValue("model/device", args.device)
        window = create_main_window(settings=settings, data_dir=Path(tmp) / "data", language="en")
        window.resize(1280, 800)
        window.show()
        window.wait_until_idle(60)
        if args.model:  # once the library has loaded (it restores the model last in use)
            window.session.select_model(f"shipped:{args.model}")
            window.wait_until_idle(60)
        recognizer = window.session.recognizer()
        print(
            f"LeNet Digits GUI latency - model {window.session.model_id()} on {recognizer.device_name}, "
            f"torch {torch.__version__} (inference worker: {INFERENCE_THREADS} thread), "
            f"Qt platform {app.platformName()}, "
            f"{os.cpu_count()} CPU cores"
        )
        learn = None
        if args.while_learning:
            learn = start_learning(window, args.while_learning, Path(tmp), not args.no_give_way)
            first_step = learn.last_step
        plain, _ = one_at_a_time(window, max(20, args.samples // 2), hover=False)
        print(summary("stroke event -> answer and maps (nothing hovered)", plain))
        latencies, step = one_at_a_time(window, args.samples)
        print(summary("stroke event -> answer, maps, hovered unit", latencies))
        print(summary("  -> the open step view's numbers", step))
        side, _ = one_at_a_time(window, max(20, args.samples // 3), "side_by_side")
        print(summary("  the same, classic and modern side by side", side))
        shown, computed = saliency_latency(window, max(20, args.samples // 5))
        print(summary("stroke event -> saliency heat map shown", shown))
        print(summary("  of which computing it (explain worker)", computed))
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
            steps = learn.last_step - first_step
            print(f"Learn page ran throughout: {'yes' if running else 'NO (it ended early)'}, "
                  f"{'stepping on regardless' if args.no_give_way else 'giving way while the pen moved'}; "
                  f"{steps} steps taken while measuring; now step {learn.figures['step'].text()}, "
                  f"{learn.figures['speed'].text()}, test accuracy {learn.figures['test_accuracy'].text()}")
            learn.runner.shutdown()
        median = statistics.median(latencies)
        verdict = "meets" if median <= 16 else "MISSES"
        ratio = median / statistics.median(plain)
        print(f"target median <= 16 ms with the explain views open: {verdict} ({median:.2f} ms, "
              f"{ratio:.2f}x the figure with nothing hovered, measured in this run)")
        median = statistics.median(shown)
        verdict = "meets" if median <= 50 else "MISSES"
        print(f"target saliency median <= 50 ms: {verdict} ({median:.2f} ms)")
        print(f"load average: {os.getloadavg()}")
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
