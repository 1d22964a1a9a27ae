"""A canvas drawing as a sample for the store: the image the network would read, and the strokes."""

from __future__ import annotations

from typing import Any

import numpy as np

from app.config import RASTER_SIZE
from app.widgets.canvas import DrawingCanvas
from app.widgets.qimage import to_array


def canvas_strokes(canvas: DrawingCanvas) -> list[dict[str, Any]]:
    """The ink strokes in RASTER_SIZE pixels, the store's `{"points": [[x, y, p]], "width": w}` form.

    Eraser strokes are left out: the store's stroke record has no eraser flag, and replaying them as
    ink would misdraw the digit (the PNG is the sample; strokes are extra information).
    """
    strokes = []
    for stroke in canvas.strokes():
        if stroke.eraser or not stroke.points:
            continue
        pressures = stroke.pressures or [1.0] * len(stroke.points)
        points = [
            [p.x() * RASTER_SIZE, p.y() * RASTER_SIZE, float(q)]
            for p, q in zip(stroke.points, pressures, strict=False)
        ]
        strokes.append({"points": points, "width": stroke.width * RASTER_SIZE})
    return strokes


def canvas_image(canvas: DrawingCanvas) -> np.ndarray:
    """The sheet as a (RASTER_SIZE, RASTER_SIZE) grey array; the very raster predictions are made from."""
    if canvas.has_drawing():
        return canvas.rasterize()
    # An opened image (no strokes): the sheet as shown, so a correction of a file keeps what was read.
    return to_array(canvas.render_image())
