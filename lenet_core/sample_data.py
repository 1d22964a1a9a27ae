"""The values the sample store holds: strokes, samples, undo records, and the PNG conversions.

Kept apart from `sample_store` (the SQLite file) so that both stay small; `sample_store` re-exports
everything here, so `from lenet_core.sample_store import Sample` keeps working.
"""

from __future__ import annotations

import io
import math
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
from PIL import Image


@dataclass(frozen=True)
class Stroke:
    """One pen stroke: ``(x, y, pressure)`` points in canvas pixels and the pen width."""

    points: tuple[tuple[float, float, float], ...]
    width: float

    def to_json(self) -> dict[str, Any]:
        return {"width": self.width, "points": [list(p) for p in self.points]}

    @classmethod
    def coerce(cls, value: Stroke | Mapping[str, Any]) -> Stroke:
        """A ``Stroke`` from itself or from ``{"points": [[x, y, p], ...], "width": w}``; else ValueError."""
        if isinstance(value, Stroke):
            return value
        if not isinstance(value, Mapping) or "points" not in value or "width" not in value:
            raise ValueError(
                f"a stroke must be a Stroke or a mapping with 'points' and 'width', got {value!r}"
            )
        points = []
        for p in value["points"]:
            if not isinstance(p, Sequence) or len(p) not in (2, 3):
                raise ValueError(f"a stroke point must be [x, y] or [x, y, pressure], got {p!r}")
            xyp = (float(p[0]), float(p[1]), float(p[2]) if len(p) == 3 else 1.0)
            if not all(math.isfinite(v) for v in xyp):
                raise ValueError(f"a stroke point must be finite numbers, got {p!r}")
            points.append(xyp)
        width = float(value["width"])
        if not (math.isfinite(width) and width > 0):
            raise ValueError(f"a stroke's pen width must be a positive number, got {value['width']!r}")
        return cls(tuple(points), width)


@dataclass(frozen=True)
class Sample:
    id: int
    label: int
    png: bytes
    strokes: tuple[Stroke, ...]
    created_at: datetime  # timezone-aware, UTC
    source: str

    def image(self) -> np.ndarray:
        """The canvas image as a greyscale uint8 array (H, W); transparency is flattened onto white."""
        return decode_gray(self.png)


@dataclass(frozen=True)
class Relabel:
    """Undo record: sample ``sample_id`` went from ``old_label`` to ``new_label``."""

    sample_id: int
    old_label: int
    new_label: int


@dataclass(frozen=True)
class Delete:
    """Undo record: ``sample`` was deleted; the full row is kept so undo restores it with the same id."""

    sample: Sample


Operation = Relabel | Delete




def check_label(label: object) -> int:
    """The label as an int in 0-9, else ValueError (bools and non-integers are refused)."""
    try:
        if isinstance(label, bool):
            raise TypeError
        value = operator.index(label)  # type: ignore[arg-type]  # accepts int and numpy integers, refuses 3.0 and "3"
    except TypeError:
        raise ValueError(f"label must be an integer digit 0-9, got {label!r}") from None
    if not 0 <= value <= 9:
        raise ValueError(f"label must be a digit 0-9, got {value}")
    return value


def _normalise_mode(im: Image.Image) -> Image.Image:
    """An 8-bit L/LA/RGB/RGBA image, the modes PNG stores losslessly and every reader understands."""
    if im.mode in ("L", "LA", "RGB", "RGBA"):
        return im
    if im.mode == "1":
        return im.convert("L")
    if im.mode.startswith(("I", "F")):  # 16/32-bit or float greyscale: rescale instead of clipping
        a = np.asarray(im, dtype=np.float64)
        if im.mode.startswith("I;16"):
            scale = 257.0
        else:
            scale = max(float(a.max()), 255.0) / 255.0
        return Image.fromarray(np.clip(a / scale, 0, 255).round().astype(np.uint8), "L")
    has_alpha = "A" in im.getbands() or "transparency" in im.info
    return im.convert("RGBA" if has_alpha else "RGB")


def _encode_png(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    _normalise_mode(im).save(buf, format="PNG")
    return buf.getvalue()


def _open_image(data: bytes) -> Image.Image:
    im = Image.open(io.BytesIO(data))
    im.load()  # decode now, so a truncated file fails here rather than later
    return im


def to_png(image: bytes | bytearray | memoryview | np.ndarray | Image.Image) -> bytes:
    """PNG bytes for a canvas image; ValueError if it is not an image.

    PNG bytes are kept as given; other encoded images are re-encoded as PNG. Arrays may be (H, W),
    (H, W, 1|3|4), uint8 or bool, or float in [0, 1].
    """
    if isinstance(image, (bytes, bytearray, memoryview)):
        data = bytes(image)
        try:
            im = _open_image(data)
        except Exception as exc:  # PIL raises many types (OSError, SyntaxError, ValueError...) for bad data
            raise ValueError(f"image bytes could not be decoded: {exc}") from exc
        return data if im.format == "PNG" else _encode_png(im)
    if isinstance(image, Image.Image):
        return _encode_png(image)
    if isinstance(image, np.ndarray):
        a = image
        if a.ndim == 3 and a.shape[2] == 1:
            a = a[:, :, 0]
        if not (a.ndim == 2 or (a.ndim == 3 and a.shape[2] in (3, 4))) or a.size == 0:
            raise ValueError(f"image array must be (H, W) or (H, W, 1|3|4), got shape {image.shape}")
        if a.dtype == np.bool_:
            a = a.astype(np.uint8) * 255
        elif np.issubdtype(a.dtype, np.floating):
            a = np.clip(np.nan_to_num(a) * 255.0, 0, 255).round().astype(np.uint8)
        elif a.dtype != np.uint8:
            raise ValueError(f"integer image arrays must be uint8, got {a.dtype}")
        return _encode_png(Image.fromarray(np.ascontiguousarray(a)))
    raise ValueError(f"image must be PNG bytes, a numpy array or a PIL image, got {type(image).__name__}")


def decode_gray(png: bytes) -> np.ndarray:
    """Decode image bytes to greyscale uint8 (H, W), flattening transparency onto white paper."""
    im = _normalise_mode(_open_image(png))
    if im.mode in ("LA", "RGBA"):
        paper = Image.new("RGBA", im.size, (255, 255, 255, 255))
        im = Image.alpha_composite(paper, im.convert("RGBA"))
    return np.asarray(im.convert("L"), dtype=np.uint8).copy()
