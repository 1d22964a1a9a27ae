"""What is on the Recognise page's sheet, as the session knows it: a drawing, an opened file or a
pasted (or dropped) image. Each is its own object, compared by identity: an answer is shown only if
it is for the sheet as it is now, and the canvas' undo history keeps the object of an image it shows,
so that undoing back to that image recognises it again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtGui import QImage

from app.inference import ImageSource, OpenedImage
from app.widgets.qimage import from_grey, to_array

if TYPE_CHECKING:
    from lenet_core.recognizer import Prediction


@dataclass(eq=False)
class Drawing:
    """Strokes on the canvas. One object for as long as the sheet shows a drawing; `rasterize` is
    called when the worker is free to take the request, so only the state it reads is rasterised."""

    rasterize: Callable[[], np.ndarray]

    def request(self) -> ImageSource:
        return self.rasterize


@dataclass(eq=False, frozen=True)
class OpenedFile:
    """An image file: the core reads it in the worker, which also makes the copy the sheet shows."""

    path: Path

    @property
    def name(self) -> str:
        return self.path.name

    def request(self) -> ImageSource:
        return OpenedImage(self.path)


@dataclass(eq=False, frozen=True)
class PastedImage:
    """An image from the clipboard or dropped on the sheet (no file behind it)."""

    image: QImage

    def request(self) -> ImageSource:
        return to_array(self.image, channels=4)


SheetImage = OpenedFile | PastedImage
Sheet = Drawing | OpenedFile | PastedImage


def placeholder_for(prediction: Prediction, input_range: tuple[float, float]) -> QImage:
    """What the sheet shows for a file the core read but Qt cannot decode: the network's 32x32 input."""
    if prediction.input is None:
        return from_grey(np.full((32, 32), 255, dtype=np.uint8))
    low, high = input_range  # paper, full ink
    ink = np.clip((np.asarray(prediction.input, dtype=np.float32) - low) / (high - low), 0.0, 1.0)
    return from_grey((255 - ink * 255).round().astype(np.uint8))
