"""The drawing sheet's undo history, and which drags the sheet accepts.

Each step stores the whole sheet as it was (its strokes, and an opened image if one was shown):
strokes are immutable and shared between steps, so a step costs a tuple, and undoing a Clear or an
opened image brings back exactly what was there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QImage, QImageReader

from app.widgets.strokes import Stroke

HISTORY_LIMIT = 500  # steps kept; older ones are forgotten


@dataclass(frozen=True)
class Sheet:
    strokes: tuple[Stroke, ...]
    background: QImage | None = None  # an opened image
    origin: object = None  # where that image came from (opaque here; the window knows)


class SheetHistory:
    def __init__(self) -> None:
        self._undo: list[Sheet] = []
        self._redo: list[Sheet] = []

    def record(self, before: Sheet) -> None:
        """A change is about to replace `before`: it becomes the step Ctrl+Z goes back to."""
        self._undo.append(before)
        del self._undo[:-HISTORY_LIMIT]
        self._redo.clear()

    def undo(self, current: Sheet) -> Sheet:
        self._redo.append(current)
        return self._undo.pop()

    def redo(self, current: Sheet) -> Sheet:
        self._undo.append(current)
        return self._redo.pop()

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def forget(self) -> None:
        self._undo.clear()
        self._redo.clear()


def image_suffixes() -> set[str]:
    """File name endings of the images Qt can show here (png, jpg, ...), lower case, with the dot."""
    return {"." + f.toStdString().lower() for f in QImageReader.supportedImageFormats()}


def is_image_file(path: str | Path) -> bool:
    path = Path(path)
    return path.suffix.lower() in image_suffixes() and not path.is_dir()


def is_image_drop(mime: QMimeData | None) -> bool:
    """Whether a drag carries an image: image data, or a local file named like an image."""
    if mime is None:
        return False
    if mime.hasImage():
        return True
    files = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
    return bool(files) and is_image_file(files[0])


def dropped_image(mime: QMimeData | None) -> str | QImage | None:
    """What a drop carries: the path of an image file, the image itself, or None (not an image)."""
    if mime is None or not is_image_drop(mime):
        return None
    files = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
    if files:
        return files[0]
    return QImage(mime.imageData())
