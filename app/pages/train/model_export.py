"""Export a model of the library (shipped or kept) to ONNX, for use in other programs, off the GUI thread.

The core's `export_onnx` writes the file beside its destination and moves it into place whole; the
save dialog asks before replacing an existing file (Qt's own confirmation), and only then is the
file replaced. Whatever fails (a damaged weights file, a folder that cannot be written, onnx not
installed) comes back as one sentence for the user.
"""

from __future__ import annotations

import re
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, SignalInstance
from PySide6.QtWidgets import QFileDialog, QWidget

if TYPE_CHECKING:
    from lenet_core.model_library import ModelEntry


def export_entry(entry: ModelEntry, path: Path) -> Path:
    """Write `entry`'s model to `path` as ONNX, replacing a file there (the caller asked the user)."""
    from lenet_core.export import ExportError, export_onnx, temperature_from, views_from
    from lenet_core.weights import WeightsError, load_weights

    try:
        model, metadata = load_weights(entry.path, arch=entry.arch if entry.shipped else None)
    except (WeightsError, OSError) as exc:
        raise ExportError(str(exc)) from None
    return export_onnx(
        model,  # type: ignore[arg-type]
        path,
        temperature=temperature_from(metadata, str(model.output_kind)),
        overwrite=True,
        metadata={**metadata, "source": entry.path.name},
        views=views_from(metadata, str(model.output_kind)),
    )


class ModelExporter(QObject):
    """One export at a time, on a worker thread; `finished` or `failed` says how it ended."""

    finished = Signal(str, str)  # model name, the file written
    failed = Signal(str, str)  # model name, the reason
    _done = Signal(str, str)  # from the worker thread: queued to this object's thread
    _error = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor: ThreadPoolExecutor | None = None
        self._future: Future[Any] | None = None
        self._running = False  # until the outcome reached the GUI thread
        self._done.connect(lambda name, path: self._end(self.finished, name, path))
        self._error.connect(lambda name, reason: self._end(self.failed, name, reason))

    def is_running(self) -> bool:
        return self._running

    def _end(self, signal: SignalInstance, name: str, text: str) -> None:
        self._running = False
        signal.emit(name, text)

    def start(self, entry: ModelEntry, name: str, path: Path) -> bool:
        if self.is_running():
            return False
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lenet-export")
        self._running = True
        self._future = self._executor.submit(self._run, entry, name, path)
        return True

    def _run(self, entry: ModelEntry, name: str, path: Path) -> None:
        try:
            written = export_entry(entry, path)
        except Exception as exc:  # noqa: BLE001 - ExportError and anything unforeseen reach the user
            self._error.emit(name, str(exc) or type(exc).__name__)
        else:
            self._done.emit(name, str(written))

    def shutdown(self) -> None:
        """Wait for an export under way (seconds at most): its file is then complete, or not there."""
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None


def ask_export_path(parent: QWidget, name: str) -> Path | None:
    """The ONNX file to write, from the save dialog (which asks before replacing a file); None: cancelled."""
    stem = re.sub(r"[^\w.-]+", "-", name).strip("-.") or "lenet5"
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ModelManager", "Export to ONNX"),
        str(Path.home() / f"{stem}.onnx"),
        QCoreApplication.translate("ModelManager", "ONNX model (*.onnx)"),
    )
    if not path:
        return None
    chosen = Path(path)
    if chosen.suffix.lower() != ".onnx":
        # The dialog confirmed the name typed, not this one: never replace a file it did not ask about.
        chosen = chosen.with_name(chosen.name + ".onnx")
        if chosen.exists():
            return _numbered(chosen)
    return chosen


def _numbered(path: Path) -> Path:
    for number in range(2, 1000):
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        if not candidate.exists():
            return candidate
    return path.with_name(f"{path.stem}-new{path.suffix}")
