"""Turn whatever the user hands us (a path, a PIL image, a numpy array) into a float image.

Kept apart from `preprocess` so that reading a file and normalising a digit stay two small jobs.
"""

from __future__ import annotations

import os
import re
import stat
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError


class ImageError(ValueError):
    """An input that is not a readable image; the message says why, in words a user understands."""


class LargeImageWarning(UserWarning):
    """An image larger than Pillow reads without a warning (a possible decompression bomb); read anyway."""


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
    # Look before opening: a FIFO or a device would block the reader forever, and a name too long for
    # the file system makes even `exists()` raise.
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise ImageError(f"{path}: no such file") from None
    except OSError as exc:
        raise ImageError(f"{_shown(path)}: cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(mode):
        raise ImageError(f"{path}: is a folder, not an image")
    if not stat.S_ISREG(mode):
        raise ImageError(f"{path}: not a regular file (a pipe, socket or device), so not an image")
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                im.load()
                loaded = im.copy()
    except UnidentifiedImageError:
        raise ImageError(f"{path}: not an image file (or a format Pillow cannot read)") from None
    except Image.DecompressionBombError as exc:
        raise ImageError(f"{path}: {_too_large(exc)}") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageError(f"{path}: the image is damaged or truncated ({exc})") from None
    for w in caught:
        if issubclass(w.category, Image.DecompressionBombWarning):
            megapixels = loaded.width * loaded.height / 1e6
            warnings.warn(
                f"{path} is very large ({megapixels:.0f} megapixels); reading it anyway",
                LargeImageWarning,
                stacklevel=3,
            )
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return loaded


def _too_large(exc: Exception) -> str:
    """Pillow's refusal of a decompression bomb, in our words (it names the size and the limit)."""
    sizes = [int(n) for n in re.findall(r"\d+", str(exc))]
    if len(sizes) >= 2:
        return (
            f"the image is too large to open safely ({sizes[0] / 1e6:.0f} megapixels; "
            f"at most {sizes[1] / 1e6:.0f} are read)"
        )
    return "the image is too large to open safely"


def _shown(path: Path) -> str:
    """A path for a message: a name longer than any file system allows is cut short."""
    text = str(path)
    return text if len(text) <= 120 else f"{text[:60]}...{text[-40:]} ({len(os.fsencode(text))} bytes)"


def _from_pil(im: Image.Image) -> np.ndarray:
    if im.width == 0 or im.height == 0:
        raise ImageError("the image is empty (zero width or height)")
    has_alpha = im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info)
    if has_alpha:
        return np.asarray(im.convert("RGBA"), dtype=np.float32) / 255.0
    if im.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
        return _numbers_to_unit(np.asarray(im.convert("F"), dtype=np.float32), im.mode == "F")
    if im.mode in ("L", "1"):
        return np.asarray(im.convert("L"), dtype=np.float32) / 255.0
    return np.asarray(im.convert("RGB"), dtype=np.float32) / 255.0


def _numbers_to_unit(a: np.ndarray, floats: bool) -> np.ndarray:
    """Scale a 32-bit integer or float image to [0, 1], refusing NaN and infinity.

    Values within 0-255 or 0-65535 are read as 8- or 16-bit levels, floats within 0-1 as they are;
    any other range (negative values, huge ones) is stretched from its minimum to its maximum.
    """
    if not np.isfinite(a).all():
        raise ImageError("the image contains NaN or infinite values")
    lo, peak = float(a.min()), float(a.max())
    if lo >= 0 and floats and peak <= 1.0:
        return a
    if lo >= 0 and peak <= 65535:
        return a / (65535.0 if peak > 255 else 255.0)
    span = peak - lo
    return (a - lo) / span if span > 0 else np.zeros_like(a)


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
