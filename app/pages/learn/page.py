"""The Learn page: watch a fresh LeNet-5 learn MNIST, live.

Pick the architecture and start: MNIST is read from the folder the user chose (or downloaded, with
SHA-256 checks), preprocessed once through the app's own path and cached, then a fresh model trains on
a worker thread with the same engine as `lenet-train`. The page shows the loss and accuracy curves, the
C1 and C3 kernels as they form, the test accuracy, the speed and the time left; it pauses, resumes and
cancels between two steps. Drawing on its canvas asks the model in training to read the digit between
two steps. A finished model is kept in the model library with its recipe and accuracy, and used at once.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.pages.learn.kernel_view import KernelView
from app.pages.learn.learn_chart import LearnChart
from app.pages.learn.learn_worker import LearnJob, LearnRunner
from app.pages.page import Page
from app.session import RecognitionSession
from app.texts import fill
from app.widgets.banner import MessageBanner
from app.widgets.canvas import DrawingCanvas

if TYPE_CHECKING:
    from lenet_core.run_control import RunProgress
    from lenet_core.training_run import RunResult


W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


def has_mnist(folder: Path) -> bool:
    from lenet_core import mnist

    stems = [stem for pair in mnist.SPLITS.values() for stem in pair]
    return all(any((folder / n).exists() for n in (s, s + ".gz")) for s in stems)


class LearnPage(Page):
    name = "learn"

    def __init__(self, session: RecognitionSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.job_overrides: dict[str, object] = {}  # tests: train_limit, test_limit, cache_dir, recipe
        self.result: RunResult | None = None
        self.runner = LearnRunner(self)
        self.message = MessageBanner("learn_message", self, floating=False)  # above the buttons it names
        self.folder_label = _named(QLabel(self), "learn_folder")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = _named(QPushButton(self), "learn_choose_folder")
        self.download_button = _named(QPushButton(self), "learn_download")
        self.arch_combo = _named(QComboBox(self), "learn_arch")
        self.arch_combo.addItem("", "modern")
        self.arch_combo.addItem("", "classic")
        self.start_button = _named(QPushButton(self), "learn_start")
        self.pause_button = _named(QPushButton(self), "learn_pause")
        self.resume_button = _named(QPushButton(self), "learn_resume")
        self.cancel_button = _named(QPushButton(self), "learn_cancel")
        self.progress_bar = _named(QProgressBar(self), "learn_progress")
        self.figures = {k: _named(QLabel("–", self), f"learn_{k}")
                        for k in ("step", "test_accuracy", "speed", "time_left")}
        self.figure_names = {k: QLabel(self) for k in self.figures}
        self.chart = LearnChart(self)
        self.kernels = KernelView(self)
        self.canvas = DrawingCanvas(self)
        self.canvas.setObjectName("learn_canvas")
        self.canvas.setAcceptDrops(False)
        self.clear_button = _named(QPushButton(self), "learn_clear")
        self.reading = _named(QLabel(self), "learn_reading")
        self.reading.setWordWrap(True)
        self.result_label = _named(QLabel(self), "learn_result")
        self.result_label.setWordWrap(True)
        self._layout()
        self._connect()
        self._warmed = False
        self.last_reading: object = None
        self._state = "idle"  # idle, preparing, training, paused, downloading
        self._update_buttons()
        self.retranslate()

    # == layout and wiring ==========================================================================
    def _layout(self) -> None:
        source = QHBoxLayout()
        source.addWidget(self.folder_label, 1)
        source.addWidget(self.choose_button)
        source.addWidget(self.download_button)
        controls = QHBoxLayout()
        for w in (self.arch_combo, self.start_button, self.pause_button, self.resume_button,
                  self.cancel_button):
            controls.addWidget(w)
        controls.addWidget(self.progress_bar, 1)
        figures = QGridLayout()
        for col, key in enumerate(self.figures):
            figures.addWidget(self.figure_names[key], 0, col)
            figures.addWidget(self.figures[key], 1, col)
            self.figures[key].setStyleSheet("font-size: 16px; font-weight: bold")
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(figures)
        left_layout.addWidget(self.chart, 2)
        left_layout.addWidget(self.kernels, 1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.canvas, 1)
        right_layout.addWidget(self.clear_button)
        right_layout.addWidget(self.reading)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(source)
        layout.addLayout(controls)
        layout.addWidget(self.result_label)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        self.choose_button.clicked.connect(self.choose_folder)
        self.download_button.clicked.connect(self.download)
        self.start_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.pause)
        self.resume_button.clicked.connect(self.resume)
        self.cancel_button.clicked.connect(self.cancel)
        self.clear_button.clicked.connect(self.canvas.clear)
        self.canvas.drawing_finished.connect(self._read_drawing)
        self.canvas.cleared.connect(self._read_drawing)
        # Drawing comes first, here and on the other pages: training waits while the pen moves.
        self.canvas.drawing_changed.connect(self.runner.give_way)
        self.session.pen_moved.connect(self.runner.give_way)
        self.runner.preparing.connect(self._on_preparing)
        self.runner.started.connect(self._on_started)
        self.runner.progress.connect(self._on_progress)
        self.runner.drawing_read.connect(self._on_drawing_read)
        self.runner.downloaded.connect(self._on_downloaded)
        self.runner.succeeded.connect(self._on_succeeded)
        self.runner.failed.connect(self._on_failed)
        self.runner.cancelled.connect(self._on_cancelled)

    # == data =======================================================================================
    def data_folder(self) -> Path:
        return self.session.settings.mnist_folder

    def set_data_folder(self, folder: Path) -> None:
        self.session.settings.mnist_folder = folder
        self._show_folder()

    def _show_folder(self) -> None:
        folder = self.data_folder()
        self.folder_label.setText(fill(self.tr("MNIST: %1"), str(folder)))
        if has_mnist(folder):
            self.message.dismiss()
        else:
            self.message.say(fill(self.tr(
                "MNIST was not found in %1. Choose the folder that holds its four files (train-images, "
                "train-labels, t10k-images, t10k-labels), or download them (about 11 MB, checked by "
                "SHA-256)."), str(folder)))
        self._update_buttons()

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder with the MNIST files"),
                                                  str(self.data_folder()))
        if folder:
            self.set_data_folder(Path(folder))

    def download(self) -> None:
        from lenet_core.user_data import data_dir

        self._state = "downloading"
        self.message.say(self.tr("Downloading MNIST (about 11 MB)…"))
        self.runner.start(LearnJob(data_dir(self.session.data_dir) / "mnist", "modern", "cpu", "download"))
        self._update_buttons()

    # == the run ====================================================================================
    def start(self) -> None:
        if self.runner.is_running() or not has_mnist(self.data_folder()):
            return
        job = LearnJob(self.data_folder(), str(self.arch_combo.currentData()), self.session.device(),
                       **self.job_overrides)  # type: ignore[arg-type]
        self.result = None
        self.chart.clear()
        self.kernels.set_snapshot(None)
        self.result_label.clear()
        self.message.dismiss()
        self.progress_bar.setRange(0, 0)
        self._state = "preparing"
        self.runner.start(job)
        self._update_buttons()
        self.status.emit(self.tr("Preparing MNIST…"))

    def pause(self) -> None:
        self.runner.pause()
        self._state = "paused"
        self._update_buttons()

    def resume(self) -> None:
        self.runner.resume()
        self._state = "training"
        self._update_buttons()

    def cancel(self) -> None:
        self.runner.cancel()

    def _update_buttons(self) -> None:
        running = self.runner.is_running()
        self.start_button.setEnabled(not running and has_mnist(self.data_folder()))
        self.arch_combo.setEnabled(not running)
        self.choose_button.setEnabled(not running)
        self.download_button.setEnabled(not running)
        self.pause_button.setEnabled(running and self._state == "training")
        self.resume_button.setEnabled(running and self._state == "paused")
        self.cancel_button.setEnabled(running and self._state in ("preparing", "training", "paused"))

    def _on_preparing(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        text = self.tr("Preparing MNIST once: %1 of %2")
        self.progress_bar.setFormat(fill(text, f"{done:,}", f"{total:,}"))

    def _on_started(self, device: str, train_images: int, test_images: int) -> None:
        if self._state == "preparing":
            self._state = "training"
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat("%p%")
        self.status.emit(fill(self.tr("Training on %1: %2 training digits, %3 test digits"), device.upper(),
                              f"{train_images:,}", f"{test_images:,}"))
        self._update_buttons()
        self._read_drawing()

    def _on_progress(self, batch: list[RunProgress]) -> None:
        self.chart.add(batch)
        last = batch[-1]
        self.progress_bar.setValue(round(1000 * last.step / max(last.total_steps, 1)))
        self.figures["step"].setText(fill(self.tr("%1 / %2 (epoch %3 of %4)"), last.step, last.total_steps,
                                          last.epoch, last.epochs))
        tests = [p.test_accuracy for p in batch if p.test_accuracy is not None]
        if tests:
            self.figures["test_accuracy"].setText(f"{tests[-1]:.2%}")
        self.figures["speed"].setText(fill(self.tr("%1 images/s"), f"{last.images_per_s:,.0f}"))
        if last.seconds_left is not None:
            self.figures["time_left"].setText(fill(self.tr("%1 s"), f"{last.seconds_left:.0f}"))
        snapshot = next((p.kernels for p in reversed(batch) if p.kernels is not None), None)
        if snapshot is not None:
            self.kernels.set_snapshot(snapshot)

    def _read_drawing(self) -> None:
        if not self.runner.is_running():
            return
        if self.canvas.has_drawing():
            self.runner.read(self.canvas.rasterize())
        else:
            self._on_drawing_read(None)

    def _on_drawing_read(self, probabilities: object) -> None:
        self.last_reading = probabilities
        if probabilities is None:
            self.reading.setText(self.tr("Draw a digit: the network in training reads it between two steps."))
            return
        digit = int(probabilities.argmax())  # type: ignore[attr-defined]
        confidence = float(probabilities[digit])  # type: ignore[index]
        text = self.tr("The network in training reads %1 (%2).")
        self.reading.setText(fill(text, digit, f"{confidence:.0%}"))

    def _finish(self) -> None:
        self._state = "idle"
        self.progress_bar.setRange(0, 1000)
        self._update_buttons()

    def _on_succeeded(self, result: RunResult) -> None:
        self._finish()
        self.result = result
        self.progress_bar.setValue(1000)
        accuracy = "–" if result.test_accuracy is None else f"{result.test_accuracy:.2%}"
        name = fill(self.tr("Learned %1, %2 on MNIST"), self.arch_combo.currentText(), accuracy)
        try:
            entry = self.session.keep_model(result, name)
        except (OSError, ValueError) as exc:
            self.message.say(fill(self.tr("The trained model could not be kept: %1"), str(exc)))
            return
        self.result_label.setText(fill(self.tr(
            "Done in %1 s: %2 of the test digits read right. Kept in your models as “%3” and now in use."),
            f"{result.train_seconds:.0f}", accuracy, entry.name))

    def _on_failed(self, kind: str, message: str) -> None:
        self._finish()
        if kind == "data":
            self.message.say(fill(self.tr("MNIST could not be read: %1"), message))
        elif kind == "diverged":
            self.message.say(fill(self.tr("Training diverged and was stopped: %1"), message))
        else:
            self.message.say(fill(self.tr("Training failed: %1"), message))

    def _on_cancelled(self) -> None:
        self._finish()
        self.result_label.setText(self.tr("Cancelled: the model in use is unchanged."))

    def _on_downloaded(self, folder: str) -> None:
        self._finish()
        self.set_data_folder(Path(folder))

    # == page =======================================================================================
    def title(self) -> str:
        return self.tr("Learn")

    def tooltip(self) -> str:
        return self.tr("Train a fresh LeNet-5 on MNIST and watch it learn")

    def set_current(self, current: bool) -> None:
        super().set_current(current)
        if current and not self._warmed:
            self._warmed = True
            self._show_folder()
            # The first run's optimiser imports and first pass cost seconds: paid now, not at the click.
            threading.Thread(target=_warm_up, name="lenet-learn-warm-up", daemon=True).start()

    def shutdown(self) -> None:
        self.runner.shutdown()

    def retranslate(self) -> None:
        self.choose_button.setText(self.tr("Choose folder…"))
        self.download_button.setText(self.tr("Download"))
        self.arch_combo.setItemText(0, self.tr("Modern LeNet-5"))
        self.arch_combo.setItemText(1, self.tr("Classic LeNet-5 (1998)"))
        self.start_button.setText(self.tr("Start"))
        self.pause_button.setText(self.tr("Pause"))
        self.resume_button.setText(self.tr("Resume"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.clear_button.setText(self.tr("Clear"))
        names = {"step": self.tr("Step"), "test_accuracy": self.tr("Test accuracy"),
                 "speed": self.tr("Speed"), "time_left": self.tr("Time left")}
        for key, label in self.figure_names.items():
            label.setText(names[key])
        self.start_button.setToolTip(self.tr("Train a fresh model on the 60,000 MNIST training digits"))
        self.figures["test_accuracy"].setToolTip(self.tr("Share of the 10,000 MNIST test digits read right"))
        self.canvas.setToolTip(self.tr("Draw a digit: the network in training reads it as it learns"))
        self._show_folder()
        self._on_drawing_read(self.last_reading)


def _warm_up() -> None:
    try:
        from lenet_core.training_run import warm_up

        warm_up()
    except Exception:  # noqa: BLE001, S110 - only a head start; the run itself reports real failures
        pass
