"""Turn whatever the user hands us (a path, a PIL image, a numpy array) into a float image.

Kept apart from `preprocess` so that reading a file and normalising a digit stay two small jobs.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError


class ImageError(ValueError):
    """An input that is not a readable image; the message says why, in words a user understands."""


def load_image(image: np.ndarray | Image.Image | str | Path) -> np.ndarray:
    """Return the image as float32 in [0, 1]: (H, W) grey, (H, W, 3) RGB or (H, W, 4) RGBA."""
    if isinstance(image, (str, Path)):
        return _from_pil(_open(Path(image)))
    if isinstance(image, Image.Image):
        return _from_pil(image)
    if isinstance(image, np.ndarray):
        return _from_array(image)
    raise ImageError(f"expected an image path, a PIL image or a numpy array, got {type(image).__name__}")


def _open(path: Path) -> Image.Image:
    if not path.exists():
        raise ImageError(f"{path}: no such file")
    if path.is_dir():
        raise ImageError(f"{path}: is a folder, not an image")
    if not path.is_file():  # a FIFO, device or socket: opening one to read could wait for ever
        raise ImageError(f"{path}: not a regular file (a pipe, device or socket), so it was not read")
    try:
        with Image.open(path) as im:
            im.load()
            return im.copy()
    except UnidentifiedImageError:
        raise ImageError(f"{path}: not an image file (or a format Pillow cannot read)") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageError(f"{path}: the image is damaged or truncated ({exc})") from None
    except Image.DecompressionBombError:
        raise ImageError(f"{path}: the image is too large to open safely") from None


def _from_pil(im: Image.Image) -> np.ndarray:
    if im.width == 0 or im.height == 0:
        raise ImageError("the image is empty (zero width or height)")
    has_alpha = im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info)
    if has_alpha:
        return np.asarray(im.convert("RGBA"), dtype=np.float32) / 255.0
    if im.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
        a = np.asarray(im.convert("F"), dtype=np.float32)
        peak = float(a.max()) if a.size else 0.0
        return a / (65535.0 if peak > 255 else 255.0)
    if im.mode in ("L", "1"):
        return np.asarray(im.convert("L"), dtype=np.float32) / 255.0
    return np.asarray(im.convert("RGB"), dtype=np.float32) / 255.0


def _from_array(a: np.ndarray) -> np.ndarray:
    if a.ndim == 3 and a.shape[2] == 1:
        a = a[:, :, 0]
    if a.ndim not in (2, 3) or (a.ndim == 3 and a.shape[2] not in (3, 4)):
        raise ImageError(f"expected an (H, W), (H, W, 3) or (H, W, 4) array, got shape {a.shape}")
    if a.shape[0] == 0 or a.shape[1] == 0:
        raise ImageError("the image is empty (zero width or height)")
    if a.dtype == np.bool_:
        return a.astype(np.float32)
    if a.dtype == np.uint8:
        return np.multiply(a, np.float32(1 / 255), dtype=np.float32)
    if a.dtype == np.uint16:
        return a.astype(np.float32) / 65535.0
    if not np.issubdtype(a.dtype, np.number):
        raise ImageError(f"expected a numeric array, got dtype {a.dtype}")
    a = a.astype(np.float32)
    if not np.isfinite(a).all():
        raise ImageError("the image contains NaN or infinite values")
    peak = float(a.max())
    return a / 255.0 if peak > 1.0 else a
