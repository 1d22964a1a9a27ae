"""Digit data sets ready for the network: every image goes through `preprocess`, like the app's."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from .preprocess import preprocess


def preprocess_many(
    images: Sequence[np.ndarray] | np.ndarray, progress: Callable[[int, int], None] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(N, 32, 32) ink for the images that have ink, and the indices of those images."""
    out, kept = [], []
    for i, im in enumerate(images):
        ink = preprocess(im)
        if ink is not None:
            out.append(ink)
            kept.append(i)
        if progress and (i + 1) % 5000 == 0:
            progress(i + 1, len(images))
    if not out:
        return np.zeros((0, 32, 32), np.float32), np.zeros(0, np.int64)
    return np.stack(out), np.asarray(kept, dtype=np.int64)
