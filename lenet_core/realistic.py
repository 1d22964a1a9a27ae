"""Realistic handwriting: digits as people write them on the canvas, on a tablet and on paper.

Two sources of pen strokes: MNIST digits thinned and traced back into strokes (`skeleton`), and the
named styles of `glyphs` (crossed 7s, flagged 1s, small-loop 9s...). Each digit is written by a
random `Writer` and goes through a random medium (`MEDIA`): the app's canvas with a mouse, a finger or
a stylus, a pen tablet that keeps only a few points, a coarse scan. Training draws from MNIST's
training digits and one family of seeds; the evaluation from MNIST's test digits and other seeds, so
no drawing (and no MNIST writer's digit) is ever both trained on and measured.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import skeleton
from . import strokes as st
from .synthetic import all_styles, glyph_strokes

Medium = Callable[[st.Strokes, np.random.Generator], np.ndarray]
Finish = Callable[[np.ndarray], Any]

# Seeds: the evaluation and the training never share one.
EVAL_SEED = 20_250_901
TRAIN_SEED = 7


def _mouse(s: st.Strokes, rng: np.random.Generator) -> np.ndarray:
    return st.on_canvas(s, rng, spacing=(3.0, 9.0))


def _stylus(s: st.Strokes, rng: np.random.Generator) -> np.ndarray:
    return st.on_canvas(s, rng, spacing=(1.5, 4.0), height=(0.5, 0.9))


def _finger(s: st.Strokes, rng: np.random.Generator) -> np.ndarray:
    return st.on_canvas(s, rng, spacing=(7.0, 16.0), height=(0.6, 0.95))


def _tablet8(s: st.Strokes, rng: np.random.Generator) -> np.ndarray:
    return st.tablet(s, rng, points=8)


def _tablet16(s: st.Strokes, rng: np.random.Generator) -> np.ndarray:
    return st.tablet(s, rng, points=int(rng.integers(10, 21)))


def _scan8(s: st.Strokes, rng: np.random.Generator) -> np.ndarray:
    return st.scan(s, rng, dark_ink=bool(rng.random() < 0.5), stretch=bool(rng.random() < 0.3),
                   fill=float(rng.uniform(0.8, 1.0)))


def _scan8_big(s: st.Strokes, rng: np.random.Generator) -> np.ndarray:
    image = _scan8(s, rng)
    return np.kron(image, np.ones((k := int(rng.integers(2, 36)), k), dtype=np.uint8))


def _scan16(s: st.Strokes, rng: np.random.Generator) -> np.ndarray:
    return st.scan(s, rng, cells=16, fine=64, dark_ink=bool(rng.random() < 0.5),
                   fill=float(rng.uniform(0.75, 1.0)), enlarge=int(rng.integers(1, 9)))


# name -> (medium, how much the writer varies: 1 = `random_writer`'s usual spread)
MEDIA: dict[str, tuple[Medium, float]] = {
    "mouse": (_mouse, 1.0),
    "stylus": (_stylus, 0.8),
    "finger": (_finger, 1.4),
    "tablet-8": (_tablet8, 0.8),
    "tablet-16": (_tablet16, 0.8),
    "scan-8x8": (_scan8, 0.8),
    "scan-8x8-big": (_scan8_big, 0.8),
    "scan-16x16": (_scan16, 0.8),
}


@dataclass
class StrokeDigit:
    strokes: st.Strokes
    label: int
    source: str  # "mnist" or the glyph style, e.g. "7 crossed"


def mnist_strokes(images: np.ndarray, labels: np.ndarray) -> list[StrokeDigit]:
    """MNIST digits (N, 28, 28) traced back into pen strokes; digits the tracing would change (a
    blob whose hole closes up, a broken stroke) are left out."""
    out = []
    for start in range(0, len(images), 2000):
        chunk = images[start : start + 2000]
        skeletons = skeleton.skeletonise_digits(chunk)
        for image, skel, label in zip(chunk, skeletons, labels[start : start + 2000], strict=True):
            traced = skeleton.trace(skel)
            if traced and faithful(image, traced):
                out.append(StrokeDigit(traced, int(label), "mnist"))
    return out


def faithful(image: np.ndarray, traced: Sequence[np.ndarray], upscale: int = 2) -> bool:
    """Whether strokes traced from `image` redraw it: ink and redrawing cover each other closely."""
    from PIL import Image

    h, w = image.shape
    big = np.asarray(
        Image.fromarray(image.astype(np.float32) / 255.0, mode="F").resize((w * upscale, h * upscale))
    ) > 0.4
    area = int(big.sum())
    if area == 0:
        return False
    perimeter = int((big[1:] != big[:-1]).sum() + (big[:, 1:] != big[:, :-1]).sum())
    width = max(1.5, 2.0 * area / max(perimeter, 1))
    redrawn = st.paint([np.asarray(s) + 0.5 for s in traced], big.shape[0], width) < 128
    near_redrawn, near_ink = _grow(redrawn, 2), _grow(big, 2)
    recall = float(near_redrawn[big].mean())
    precision = float(near_ink[redrawn].mean()) if redrawn.any() else 0.0
    return recall >= 0.93 and precision >= 0.9


def _grow(mask: np.ndarray, r: int) -> np.ndarray:
    out = mask.copy()
    for _ in range(r):
        p = np.pad(out, 1)
        out = p[1:-1, 1:-1] | p[:-2, 1:-1] | p[2:, 1:-1] | p[1:-1, :-2] | p[1:-1, 2:]
    return out


def style_strokes(rng: np.random.Generator, n: int, styles: Sequence[tuple[int, str]] | None = None
                  ) -> list[StrokeDigit]:
    """`n` digits of the named glyph styles, evenly over the styles, with control-point noise."""
    chosen = list(styles or all_styles())
    out = []
    for i in range(n):
        digit, style = chosen[i % len(chosen)]
        noise = float(rng.uniform(0.01, 0.045))
        out.append(StrokeDigit(glyph_strokes(digit, style, rng, noise), digit, f"{digit} {style}"))
    return out


def draw(digit: StrokeDigit, medium: str, rng: np.random.Generator) -> np.ndarray:
    """The digit written by a random writer and recorded by `medium`: an image for the app to read."""
    render, variation = MEDIA[medium]
    written = st.write(digit.strokes, st.random_writer(rng, variation))
    return render(written, rng)


@dataclass
class DigitSet:
    images: list[Any]  # images (uint8), or what `finish` made of them
    labels: np.ndarray
    media: list[str]
    sources: list[str]  # "mnist" or a glyph style, e.g. "7 crossed"


def make_digits(
    sources: Sequence[StrokeDigit], media: Sequence[str], n: int, seed: int, finish: Finish | None = None
) -> DigitSet:
    """`n` images: digits taken in turn from `sources`, each through one of `media` in turn. `finish`,
    if given, turns each image into what is kept (e.g. preprocessed ink) as soon as it is drawn."""
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(sources))
    images, labels, used_media, used_sources = [], [], [], []
    for i in range(n if len(sources) else 0):
        digit = sources[order[i % len(order)]]
        medium = media[i % len(media)]
        image = draw(digit, medium, rng)
        images.append(finish(image) if finish else image)
        labels.append(digit.label)
        used_media.append(medium)
        used_sources.append(digit.source)
    return DigitSet(images, np.asarray(labels, dtype=np.int64), used_media, used_sources)


def evaluation_set(test_images: np.ndarray, test_labels: np.ndarray, per_medium: int = 400,
                   mnist_digits: int = 2000, seed: int = EVAL_SEED) -> DigitSet:
    """The realistic evaluation: MNIST *test* digits traced into strokes and every glyph style, each
    half of every medium; seeds of its own."""
    rng = np.random.default_rng(seed)
    traced = mnist_strokes(test_images[:mnist_digits], test_labels[:mnist_digits])
    styled = style_strokes(rng, 10 * len(all_styles()))
    media = list(MEDIA)
    half = per_medium * len(media) // 2
    a = make_digits(traced, media, half, seed + 1)
    b = make_digits(styled, media, half, seed + 2)
    return DigitSet(a.images + b.images, np.concatenate([a.labels, b.labels]), a.media + b.media,
                    a.sources + b.sources)


def training_set(
    train_images: np.ndarray, train_labels: np.ndarray, digits: int, seed: int = TRAIN_SEED,
    finish: Finish | None = None,
) -> DigitSet:
    """`digits` realistic digits for training: MNIST *training* digits traced into strokes (each
    drawn about once, through the media in turn) and every glyph style, 3 to 1."""
    rng = np.random.default_rng(seed)
    # The coarse media (a tablet's 8 points, an 8x8 scan) are the hardest to read: twice as many.
    media = [m for m in MEDIA for _ in range(2 if m in ("tablet-8", "scan-8x8") else 1)]
    # Tracing is the slow part: trace about as many MNIST digits as will be drawn, not all of them.
    wanted = min(len(train_images), round(1.1 * (digits - digits // 4)) + 10)
    traced = mnist_strokes(train_images[:wanted], train_labels[:wanted])
    styled = style_strokes(rng, max(10 * len(all_styles()), digits // 4))
    a = make_digits(traced, media, digits - digits // 4, seed + 1, finish)
    b = make_digits(styled, media, digits // 4, seed + 2, finish)
    return DigitSet(a.images + b.images, np.concatenate([a.labels, b.labels]), a.media + b.media,
                    a.sources + b.sources)
