"""`lenet-digits --self-test`: prove that an installation (a PyInstaller bundle above all) really works.

Headless (Qt's offscreen platform), in a throw-away data folder and settings file, it

1. builds the main window, as the app does;
2. draws a digit on the canvas with synthetic mouse events (press, moves, release) and waits until the
   app's inference worker has shown a prediction, with the default model and then the other one;
3. recognises embedded digit images with both models: a slice of the shipped MNIST test sample and
   the ten handwriting-like glyphs of `lenet_core.synthetic`;
4. runs a very short fine-tuning (the training tab's code path: optimizer, autograd, replay data);
5. loads the Chinese translation (the app's own and Qt's) and the icons (SVG through Qt's plugins);
6. checks that nothing was written into the bundle's folder (or, from a checkout, into resources/);

then prints a JSON summary on stdout and returns 0, or 1 with the reasons (also on stderr).

`--measure-startup` (see `startup_probe`) is the benchmark's hook: the app starts normally, prints when
its window is shown and when the model is ready, and quits.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

DRAWN_DIGIT = 5  # two strokes: exercises stroke boundaries as well
MNIST_SLICE = 50
MIN_MNIST_ACCURACY = 0.9  # both models make about 1 % errors on MNIST; 50 digits leave room
MIN_GLYPHS_CORRECT = 9  # of 10 clean synthetic glyphs (all 10 are read correctly today)
TIMEOUT_S = 60.0  # model loading and first inference on a slow, busy machine

Check = Callable[[], dict[str, Any]]


class SelfTestError(AssertionError):
    pass


def _require(condition: bool, reason: str) -> None:
    if not condition:
        raise SelfTestError(reason)


def _frozen_folder() -> Path | None:
    """The bundle's folder (where the executable is), or None when not frozen."""
    return Path(sys.executable).resolve().parent if getattr(sys, "frozen", False) else None


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
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


def _process_events_until(predicate: Callable[[], bool], timeout_s: float) -> bool:
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
            last = i == len(stroke) - 1
            if i == 0:
                kind, button, buttons = QEvent.Type.MouseButtonPress, left, left
            else:
                kind, button, buttons = QEvent.Type.MouseMove, none, left
            QApplication.sendEvent(
                canvas, QMouseEvent(kind, local, glob, button, buttons, Qt.KeyboardModifier.NoModifier)
            )
            sent += 1
            if last:
                release = QMouseEvent(
                    QEvent.Type.MouseButtonRelease, local, glob, left, none, Qt.KeyboardModifier.NoModifier
                )
                QApplication.sendEvent(canvas, release)
                sent += 1
            if i % 8 == 0:
                QApplication.processEvents()  # let live predictions run, as they do while a user draws
    return sent


class SelfTest:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.window: Any = None
        self.app: Any = None
        self.checks: dict[str, dict[str, Any]] = {}

    # -- the checks ------------------------------------------------------------------------------
    def check_imports(self) -> dict[str, Any]:
        """Every module of the project imports: nothing the bundle needs was left out (pyqtgraph, Qt...)."""
        import importlib
        import pkgutil

        import app
        import lenet_core

        names, failed = [], {}
        for package in (app, lenet_core):
            for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
                names.append(module.name)
                try:
                    importlib.import_module(module.name)
                except Exception as exc:  # noqa: BLE001 - collect them all
                    failed[module.name] = f"{type(exc).__name__}: {exc}"
        _require(len(names) > 10, f"only {len(names)} modules found: {names}")
        _require(not failed, f"modules that do not import: {failed}")
        return {"modules": len(names)}

    def check_window(self) -> dict[str, Any]:
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from app import create_main_window

        settings = QSettings(str(self.workdir / "settings.ini"), QSettings.Format.IniFormat)
        start = time.perf_counter()
        self.window = create_main_window(settings=settings, data_dir=self.workdir / "data", language="en")
        self.app = QApplication.instance()
        self.window.resize(1100, 700)
        self.window.show()
        _require(_process_events_until(self.window.isVisible, 10), "the main window did not become visible")
        shown = time.perf_counter() - start
        _require(self.window.wait_until_idle(TIMEOUT_S), f"the model did not load within {TIMEOUT_S:.0f} s")
        recognizer = self.window.recognizer()
        _require(recognizer is not None, "no model was loaded")
        _require(
            not self.window.message_text(), f"the window shows a problem: {self.window.message_text()!r}"
        )
        return {
            "title": self.window.windowTitle(),
            "platform": QApplication.platformName(),
            "model": self.window.model_key(),
            "device": recognizer.device_name,
            "shown_s": round(shown, 3),
            "model_ready_s": round(time.perf_counter() - start, 3),
        }

    def check_drawing(self) -> dict[str, Any]:
        from PySide6.QtWidgets import QWidget

        from lenet_core import synthetic

        _require(self.window is not None, "no main window")
        canvas = self.window.findChild(QWidget, "canvas")
        _require(canvas is not None, "no widget named 'canvas' in the main window")
        canvas.clear()
        _require(
            self.window.current_prediction(timeout_s=TIMEOUT_S) is None, "an empty canvas has a prediction"
        )
        strokes = synthetic.strokes(DRAWN_DIGIT)  # the clean glyph, in a synthetic.CANVAS-pixel square
        events = draw_strokes(canvas, strokes, float(synthetic.CANVAS))
        _require(
            canvas.stroke_count() == len(strokes),
            f"{canvas.stroke_count()} strokes on the canvas, sent {len(strokes)}",
        )
        results = {}
        first = self.window.model_key()
        other = "classic" if first != "classic" else "modern"
        for key in (first, other):
            if key != self.window.model_key():
                self.window.select_model(key)
                _require(
                    _process_events_until(lambda k=key: self.window.model_key() == k, TIMEOUT_S),
                    f"could not switch to the {key} model",
                )
            prediction = None
            deadline = time.monotonic() + TIMEOUT_S
            while prediction is None and time.monotonic() < deadline:
                prediction = self.window.current_prediction(timeout_s=TIMEOUT_S)
            _require(prediction is not None, f"{key}: no prediction for the drawing within {TIMEOUT_S:.0f} s")
            _require(
                prediction.label == DRAWN_DIGIT,
                f"{key}: the drawn {DRAWN_DIGIT} was read as {prediction.label}"
                f" ({prediction.confidence:.2f})",
            )
            results[key] = {"label": prediction.label, "confidence": round(float(prediction.confidence), 4)}
        canvas.clear()
        _require(self.window.current_prediction(timeout_s=TIMEOUT_S) is None, "clearing left a prediction")
        return {"digit": DRAWN_DIGIT, "strokes": len(strokes), "events": events, "models": results}

    def check_recognition(self) -> dict[str, Any]:
        import numpy as np

        from lenet_core import Recognizer, synthetic
        from lenet_core.shipped_data import TEST_SAMPLE, load

        digits = load(TEST_SAMPLE)  # checks the file's SHA-256 as well
        images, labels = list(digits.images[:MNIST_SLICE]), digits.labels[:MNIST_SLICE]
        glyphs = [synthetic.render(synthetic.strokes(d, synthetic.styles(d)[0])) for d in range(10)]
        out = {}
        for arch in ("classic", "modern"):
            recognizer = Recognizer.load(arch, device="cpu")
            _require(recognizer.metadata.get("untrained") != "true", f"{arch}: shipped weights not found")
            mnist = np.array([p.label for p in recognizer.predict_batch(images, activations=False)])
            accuracy = float((mnist == labels).mean())
            read = [p.label for p in recognizer.predict_batch(glyphs, activations=False)]
            correct = sum(int(r == d) for d, r in enumerate(read))
            _require(
                accuracy >= MIN_MNIST_ACCURACY,
                f"{arch}: MNIST accuracy {accuracy:.2f} < {MIN_MNIST_ACCURACY}",
            )
            _require(correct >= MIN_GLYPHS_CORRECT, f"{arch}: synthetic digits read as {read}")
            out[arch] = {"mnist_accuracy": accuracy, "mnist_digits": len(images), "glyphs_correct": correct}
        return out

    def check_fine_tuning(self) -> dict[str, Any]:
        import math

        from lenet_core import Recognizer
        from lenet_core.finetune import FineTuneConfig, fine_tune
        from lenet_core.shipped_data import TEST_SAMPLE, load

        digits = load(TEST_SAMPLE)
        images, labels = list(digits.images[-20:]), [int(v) for v in digits.labels[-20:]]
        config = FineTuneConfig(epochs=1, min_epoch_draws=64, batch_size=32, augment=True, device="cpu")
        result = fine_tune(Recognizer.load("modern", device="cpu"), images, labels, config)
        losses = [getattr(h, "loss", None) for h in result.history]
        _require(result.history, "fine-tuning ran no step")
        _require(all(v is None or math.isfinite(v) for v in losses), f"non-finite loss: {losses}")
        _require(result.mnist_after >= 0.9, f"MNIST accuracy after fine-tuning {result.mnist_after:.3f}")
        return {
            "history_points": len(result.history),
            "mnist_before": round(result.mnist_before, 4),
            "mnist_after": round(result.mnist_after, 4),
            "elapsed_s": round(result.elapsed_s, 2),
        }

    def check_translations(self) -> dict[str, Any]:
        from PySide6.QtCore import QLibraryInfo

        from app import i18n
        from app.resources import translations_dir

        _require(self.window is not None, "no main window")
        english = self.window.windowTitle()
        self.window.set_language("zh_CN")
        chinese = self.window.windowTitle()
        qt_loaded = any(t.language() and "qtbase" in (t.filePath() or "") for t in i18n._installed)
        own_loaded = any("lenet_digits" in (t.filePath() or "") for t in i18n._installed)
        self.window.set_language("en")
        back = self.window.windowTitle()
        _require(own_loaded, f"lenet_digits_zh_CN.qm not loaded from {translations_dir()}")
        _require(chinese != english, f"the window title stayed {english!r} in Chinese")
        _require(back == english, f"switching back to English gave {back!r}")
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if getattr(sys, "frozen", False):  # the bundle ships qtbase_zh_CN.qm on purpose
            _require(qt_loaded, f"Qt's own qtbase_zh_CN.qm not found in {qt_dir}")
        return {"zh_CN_title": chinese, "qt_catalog_loaded": qt_loaded, "qt_translations": qt_dir}

    def check_icons(self) -> dict[str, Any]:
        from PySide6.QtGui import QIcon, QImageReader

        from app.resources import app_icon_path

        path = app_icon_path()
        _require(path.exists(), f"{path}: missing")
        icon = QIcon(str(path))
        image = icon.pixmap(64, 64).toImage()
        _require(not image.isNull(), f"{path}: Qt could not render the icon (iconengines/svg plugin?)")
        opaque = sum(image.pixelColor(x, y).alpha() > 0 for x in range(0, 64, 4) for y in range(0, 64, 4))
        _require(opaque > 0, f"{path}: rendered fully transparent")
        _require(self.window is None or not self.window.windowIcon().isNull(), "the window has no icon")
        formats = sorted(bytes(f).decode() for f in QImageReader.supportedImageFormats())
        for needed in ("png", "svg", "jpg"):
            _require(needed in formats, f"Qt cannot read {needed} images here (plugins: {formats})")
        return {"icon": str(path), "image_formats": formats}

    # -- running -----------------------------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        from PySide6.QtWidgets import QApplication

        from app.config import APPLICATION, ORGANIZATION

        # Before any check: some modules may build Qt GUI objects when imported, which needs the app.
        self.app = QApplication.instance() or QApplication([APPLICATION])
        QApplication.setOrganizationName(ORGANIZATION)
        QApplication.setApplicationName(APPLICATION)
        for name, check in (
            ("imports", self.check_imports),
            ("window", self.check_window),
            ("drawing", self.check_drawing),
            ("recognition", self.check_recognition),
            ("fine_tuning", self.check_fine_tuning),
            ("translations", self.check_translations),
            ("icons", self.check_icons),
        ):
            start = time.perf_counter()
            try:
                result = {"ok": True, **check()}
            except Exception as exc:  # noqa: BLE001 - every failure is reported, none stops the others
                detail = exc.args[0] if isinstance(exc, SelfTestError) else f"{type(exc).__name__}: {exc}"
                result = {"ok": False, "reason": str(detail)}
                if not isinstance(exc, SelfTestError):
                    result["traceback"] = traceback.format_exc(limit=6)
            result["seconds"] = round(time.perf_counter() - start, 3)
            self.checks[name] = result
        return self.checks

    def close(self) -> None:
        if self.window is not None:
            self.window.close()  # stops the inference worker (closeEvent)
            self.window.deleteLater()
            self.window = None
        if self.app is not None:
            from PySide6.QtCore import QCoreApplication, QEvent

            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            self.app.processEvents()


def run_self_test() -> tuple[int, dict[str, Any]]:
    """Run every check; returns (exit status, summary)."""
    started = time.perf_counter()
    # Headless whatever the session: the self-test must run on build and CI machines without a screen.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from app import __version__

    summary: dict[str, Any] = {
        "ok": False,
        "version": __version__,
        "frozen": bool(getattr(sys, "frozen", False)),
    }
    watched = _frozen_folder()
    with tempfile.TemporaryDirectory(prefix="lenet-digits-self-test-") as tmp:
        workdir = Path(tmp)
        os.environ["LENET_DIGITS_DATA_DIR"] = str(workdir / "data")  # nothing reaches the user's folder
        test = SelfTest(workdir)
        try:
            from lenet_core.resources import resources_dir

            watched = watched or resources_dir()
            before = _snapshot(watched)
            test.run()
        finally:
            test.close()
        after = _snapshot(watched)
        changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        test.checks["folder_untouched"] = {
            "ok": not changed,
            "folder": str(watched),
            "files": len(after),
            **({"reason": f"files written or changed in {watched}: {changed[:10]}"} if changed else {}),
        }
    import PySide6
    import torch

    from lenet_core.resources import resources_dir

    failed = [name for name, result in test.checks.items() if not result["ok"]]
    summary.update(
        ok=not failed,
        failed=failed,
        python=sys.version.split()[0],
        torch=torch.__version__,
        pyside6=PySide6.__version__,
        resources=str(resources_dir()),
        checks=test.checks,
        seconds=round(time.perf_counter() - started, 2),
    )
    return (0 if not failed else 1), summary


def main() -> int:
    try:
        status, summary = run_self_test()
    except Exception as exc:  # noqa: BLE001 - a crash before the checks is still a reported failure
        status = 1
        summary = {
            "ok": False,
            "failed": ["startup"],
            "reason": f"{type(exc).__name__}: {exc}",
            "traceback": traceback.format_exc(),
        }
    print(json.dumps(summary, indent=2, ensure_ascii=False), flush=True)
    if status:
        reasons = [
            f"{n}: {summary['checks'][n].get('reason')}"
            for n in summary.get("failed", [])
            if n in summary.get("checks", {})
        ]
        print(
            "self-test FAILED: " + ("; ".join(reasons) or summary.get("reason", "")),
            file=sys.stderr,
            flush=True,
        )
    return status


# -- startup measurement ---------------------------------------------------------------------------
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


if __name__ == "__main__":
    sys.exit(main())
