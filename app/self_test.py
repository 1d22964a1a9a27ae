"""`lenet-digits --self-test`: prove that an installation (a PyInstaller bundle above all) really works.

Headless (Qt's offscreen platform), in a throw-away data folder and settings file, it

1. imports every module, builds the main window as the app does, and draws a digit on the canvas with
   mouse events, reading it with both models;
2. recognises embedded digit images with both models (a slice of the shipped MNIST test sample and the
   ten glyphs of `lenet_core.synthetic`), runs a very short fine-tuning in the core and preprocesses
   digits in worker processes (app/self_test_core.py);
3. tours what a user reaches (app/self_test_gui.py): both tabs, the Train tab's sheet, the gallery's
   thumbnails, a fine-tuning run whose chart must draw its curves, Keep, Reset to shipped, renaming and
   deleting in the model manager, every file dialog and the About box (answered by
   app/dialog_driver.py), and the language switch;
4. renders the icons, and checks that nothing was written into the bundle's folder (or, from a
   checkout, into resources/).

Any exception raised in a Qt callback, any Qt warning and any widget that shows its own failure while a
check runs fails that check (app/error_watch.py): a widget that breaks cannot pass unnoticed.

With `--screenshots DIR` it runs on the real display instead (CI runs it under Xvfb) and saves a
picture of each tab into DIR. It prints a JSON summary on stdout and returns 0, or 1 with the reasons
(also on stderr). (`--measure-startup`, the benchmark's hook, lives in app/startup_probe.py.)
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from app import self_test_core
from app.self_test_support import (
    TIMEOUT_S,
    SelfTestError,
    draw_strokes,
    frozen_folder,
    process_events_until,
    require,
    snapshot,
)

DRAWN_DIGIT = 5  # two strokes: exercises stroke boundaries as well

Check = Callable[[], dict[str, Any]]


class SelfTest:
    def __init__(self, workdir: Path, screenshots: Path | None = None) -> None:
        self.workdir = workdir
        self.screenshots = screenshots
        self.window: Any = None
        self.app: Any = None
        self.tour: Any = None
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
        require(len(names) > 10, f"only {len(names)} modules found: {names}")
        require(not failed, f"modules that do not import: {failed}")
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
        require(process_events_until(self.window.isVisible, 10), "the main window did not become visible")
        shown = time.perf_counter() - start
        require(self.window.wait_until_idle(TIMEOUT_S), f"the model did not load within {TIMEOUT_S:.0f} s")
        recognizer = self.window.session.recognizer()
        require(recognizer is not None, "no model was loaded")
        require(
            not self.window.message_text(), f"the window shows a problem: {self.window.message_text()!r}"
        )
        return {
            "title": self.window.windowTitle(),
            "platform": QApplication.platformName(),
            "model": self.window.session.model_id(),
            "device": recognizer.device_name,
            "shown_s": round(shown, 3),
            "model_ready_s": round(time.perf_counter() - start, 3),
        }

    def check_drawing(self) -> dict[str, Any]:
        from PySide6.QtWidgets import QWidget

        from lenet_core import synthetic

        require(self.window is not None, "no main window")
        canvas = self.window.findChild(QWidget, "canvas")
        require(canvas is not None, "no widget named 'canvas' in the main window")
        canvas.clear()
        require(
            self.window.current_prediction(timeout_s=TIMEOUT_S) is None, "an empty canvas has a prediction"
        )
        strokes = synthetic.strokes(DRAWN_DIGIT)  # the clean glyph, in a synthetic.CANVAS-pixel square
        events = draw_strokes(canvas, strokes, float(synthetic.CANVAS))
        require(
            canvas.stroke_count() == len(strokes),
            f"{canvas.stroke_count()} strokes on the canvas, sent {len(strokes)}",
        )
        results = {}
        session = self.window.session
        first = session.model_id()
        other = "shipped:classic" if first != "shipped:classic" else "shipped:modern"
        for key in (first, other):
            if key != session.model_id():
                session.select_model(key)
                require(
                    process_events_until(partial(lambda k: session.model_id() == k, key), TIMEOUT_S),
                    f"could not switch to the {key} model",
                )
            prediction = self.window.current_prediction(timeout_s=TIMEOUT_S)
            deadline = time.monotonic() + TIMEOUT_S
            while prediction is None and time.monotonic() < deadline:
                prediction = self.window.current_prediction(timeout_s=TIMEOUT_S)
            if prediction is None:
                raise SelfTestError(f"{key}: no prediction for the drawing within {TIMEOUT_S:.0f} s")
            require(
                prediction.label == DRAWN_DIGIT,
                f"{key}: the drawn {DRAWN_DIGIT} was read as {prediction.label}"
                f" ({prediction.confidence:.2f})",
            )
            results[key] = {"label": prediction.label, "confidence": round(float(prediction.confidence), 4)}
        canvas.clear()
        require(self.window.current_prediction(timeout_s=TIMEOUT_S) is None, "clearing left a prediction")
        return {"digit": DRAWN_DIGIT, "strokes": len(strokes), "events": events, "models": results}

    def check_icons(self) -> dict[str, Any]:
        from PySide6.QtGui import QIcon, QImageReader

        from app.resources import app_icon_path

        path = app_icon_path()
        require(path.exists(), f"{path}: missing")
        icon = QIcon(str(path))
        image = icon.pixmap(64, 64).toImage()
        require(not image.isNull(), f"{path}: Qt could not render the icon (iconengines/svg plugin?)")
        opaque = sum(image.pixelColor(x, y).alpha() > 0 for x in range(0, 64, 4) for y in range(0, 64, 4))
        require(opaque > 0, f"{path}: rendered fully transparent")
        require(self.window is None or not self.window.windowIcon().isNull(), "the window has no icon")
        formats = sorted(f.toStdString() for f in QImageReader.supportedImageFormats())
        for needed in ("png", "svg", "jpg"):
            require(needed in formats, f"Qt cannot read {needed} images here (plugins: {formats})")
        return {"icon": str(path), "image_formats": formats}

    # -- running -----------------------------------------------------------------------------------
    def _gui(self, name: str) -> Check:
        """A check of the GUI tour (app/self_test_gui.py), run on the window built by check_window."""

        def check() -> dict[str, Any]:
            from app.self_test_gui import GuiTour

            require(self.window is not None, "no main window")
            if self.tour is None:
                self.tour = GuiTour(self.window, self.workdir, self.screenshots)
            result = getattr(self.tour, f"check_{name}")()
            if name == "language" and getattr(sys, "frozen", False):  # the bundle ships qtbase_zh_CN.qm
                require(result["qt_catalog_loaded"], "Qt's own qtbase_zh_CN.qm was not loaded")
            return result

        return check

    def run(self) -> dict[str, Any]:
        from PySide6.QtWidgets import QApplication

        from app.config import APPLICATION, ORGANIZATION
        from app.error_watch import ErrorWatch

        # Before any check: some modules may build Qt GUI objects when imported, which needs the app.
        self.app = QApplication.instance() or QApplication([APPLICATION])
        QApplication.setOrganizationName(ORGANIZATION)
        QApplication.setApplicationName(APPLICATION)
        checks: list[tuple[str, Check]] = [
            ("imports", self.check_imports),
            ("window", self.check_window),
            ("drawing", self.check_drawing),
            ("recognition", self_test_core.check_recognition),
            ("fine_tuning", self_test_core.check_fine_tuning),
            ("worker_processes", self_test_core.check_worker_processes),
        ]
        checks += [(name, self._gui(name)) for name in
                   ("tabs", "explain", "gallery", "fine_tune_keep_reset", "model_manager", "dialogs",
                    "language", "other_tabs")]
        checks.append(("icons", self.check_icons))
        with ErrorWatch() as watch:
            for name, check in checks:
                start = time.perf_counter()
                seen = len(watch.errors)
                try:
                    result = {"ok": True, **check()}
                except Exception as exc:  # noqa: BLE001 - every failure is reported, none stops the others
                    detail = exc.args[0] if isinstance(exc, SelfTestError) else f"{type(exc).__name__}: {exc}"
                    result = {"ok": False, "reason": str(detail)}
                    if not isinstance(exc, SelfTestError):
                        result["traceback"] = traceback.format_exc(limit=6)
                errors = watch.errors[seen:]
                if errors:  # a widget raised or Qt complained while this ran: the check fails
                    result["ok"] = False
                    result["errors"] = errors
                    result.setdefault("reason", f"{len(errors)} error(s) while it ran: {errors[0][:300]}")
                result["reason"] = result.get("reason", "")[:600] or None
                result["seconds"] = round(time.perf_counter() - start, 3)
                self.checks[name] = {k: v for k, v in result.items() if v is not None}
        if self.tour is not None and self.tour.shots:
            self.checks["screenshots"] = {"ok": True, "files": self.tour.shots}
        return self.checks

    def close(self) -> None:
        if self.window is not None:
            from app.dialog_driver import DialogDriver

            self.window.training.discard()  # a run a failed check left unkept must not ask on closing
            closing = DialogDriver()  # and no other dialog may keep the process waiting
            self.window.close()  # stops the worker threads (closeEvent)
            closing.stop()
            self.window.deleteLater()
            self.window = None
        if self.app is not None:
            from PySide6.QtCore import QCoreApplication, QEvent

            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            self.app.processEvents()


def run_self_test(screenshots: Path | None = None) -> tuple[int, dict[str, Any]]:
    """Run every check; returns (exit status, summary). With `screenshots`, on the real display."""
    started = time.perf_counter()
    if screenshots is None:
        # Headless whatever the session: the self-test must run on build and CI machines without a screen.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    else:
        from app.display_check import display_problem

        problem = display_problem()
        if problem:
            raise SelfTestError(problem)
    from app import __version__

    summary: dict[str, Any] = {
        "ok": False,
        "version": __version__,
        "frozen": bool(getattr(sys, "frozen", False)),
    }
    watched = frozen_folder()
    with tempfile.TemporaryDirectory(prefix="lenet-digits-self-test-") as tmp:
        workdir = Path(tmp)
        os.environ["LENET_DIGITS_DATA_DIR"] = str(workdir / "data")  # nothing reaches the user's folder
        # Nor their settings: Qt's file dialogs remember folders in a settings file of their own.
        os.environ["XDG_CONFIG_HOME"] = str(workdir / "config")
        from PySide6.QtCore import QSettings

        for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(settings_format, QSettings.Scope.UserScope, str(workdir / "config"))
        test = SelfTest(workdir, screenshots.resolve() if screenshots is not None else None)
        try:
            from lenet_core.resources import resources_dir

            watched = watched or resources_dir()
            before = snapshot(watched)
            test.run()
        finally:
            test.close()
        after = snapshot(watched)
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


def main(screenshots: Path | None = None) -> int:
    try:
        status, summary = run_self_test(screenshots)
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


if __name__ == "__main__":
    sys.exit(main())
