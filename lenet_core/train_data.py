"""What `lenet-train` learns from and calibrates on, all made from MNIST's training split.

The training split is cut in two: most of it to train on, the last digits (`holdout`) kept aside for
calibration. From each part come three kinds of images, all through the app's own preprocessing:

* MNIST digits as they are;
* realistic digits: those MNIST digits traced into pen strokes and redrawn by random writers on random
  media (canvas, tablet, scan), plus the named glyph styles (`realistic`);
* drawings that are not digits (`negatives`), label -1.

Every part has its own seeds, and none of it touches MNIST's test split, which the benchmarks and the
realistic evaluation use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from . import negatives, realistic
from .data import preprocess_many
from .preprocess import preprocess
from .realistic import TRAIN_SEED

NOT_A_DIGIT = -1


class NoUsableImages(ValueError):
    """The training images hold nothing to learn from (e.g. every one is blank)."""
HOLDOUT_SEED = 1_000_003


@dataclass(frozen=True)
class DataConfig:
    realistic: float = 0.75  # realistic digits per MNIST training digit
    negatives: float = 0.3  # not-a-digit drawings per MNIST training digit
    holdout: int = 3000  # MNIST training digits kept aside for calibration (at most 10% of a small set)
    seed: int = TRAIN_SEED


@dataclass
class Prepared:
    ink: np.ndarray  # (N, 32, 32) preprocessed
    labels: np.ndarray  # (N,), -1 = not a digit


@dataclass
class TrainingData:
    train: Prepared
    holdout_digits: Prepared  # MNIST and realistic digits for fitting the temperature and thresholds
    holdout_negatives: Prepared
    mnist_digits: int  # MNIST images among the training images


def _prepare(images: Sequence[np.ndarray], labels: np.ndarray) -> Prepared:
    ink, kept = preprocess_many(images)
    return Prepared(ink, np.asarray(labels)[kept].astype(np.int64))


def _collect(inks: Sequence[np.ndarray | None], labels: np.ndarray) -> Prepared:
    """Drawings preprocessed as they were made (None: no ink) into one array."""
    drawn = [(i, ink) for i, ink in enumerate(inks) if ink is not None]
    kept = [i for i, _ in drawn]
    ink = np.stack([ink for _, ink in drawn]) if drawn else np.zeros((0, 32, 32), np.float32)
    return Prepared(ink.astype(np.float32), np.asarray(labels)[kept].astype(np.int64))


def build(
    images: np.ndarray, labels: np.ndarray, cfg: DataConfig = DataConfig(),
    log: Callable[[str], None] = lambda _: None,
) -> TrainingData:
    """Training and calibration data from MNIST training images (N, 28, 28) and labels."""
    held_images, held_labels = holdout_split(images, labels, cfg)
    kept = len(images) - len(held_images)
    fit_images, fit_labels = images[:kept], labels[:kept]

    log(f"preprocessing {len(fit_images)} MNIST training images ...")
    mnist_part = _prepare(list(fit_images), fit_labels)
    if len(mnist_part.labels) == 0:
        raise NoUsableImages("every image is blank")
    parts = [mnist_part]
    n_real = round(cfg.realistic * len(fit_images))
    if n_real:
        log(f"drawing {n_real} realistic digits from their strokes ...")
        real = realistic.training_set(fit_images, fit_labels, n_real, seed=cfg.seed, finish=preprocess)
        parts.append(_collect(real.images, real.labels))
    n_neg = round(cfg.negatives * len(fit_images))
    if n_neg:
        log(f"drawing {n_neg} drawings that are not digits ...")
        neg, _ = negatives.make_negatives(n_neg, cfg.seed + 11, media=tuple(realistic.MEDIA),
                                          finish=preprocess)
        parts.append(_collect(neg, np.full(len(neg), NOT_A_DIGIT)))
    train = Prepared(np.concatenate([p.ink for p in parts]), np.concatenate([p.labels for p in parts]))

    held, held_neg = build_holdout(held_images, held_labels, cfg, log)
    return TrainingData(train, held, held_neg, len(mnist_part.labels))


def build_holdout(
    images: np.ndarray, labels: np.ndarray, cfg: DataConfig = DataConfig(),
    log: Callable[[str], None] = lambda _: None,
) -> tuple[Prepared, Prepared]:
    """Calibration data from held-out MNIST training digits: the digits as they are plus realistic
    redrawings of them, and drawings that are not digits (seeds of their own)."""
    empty = Prepared(np.zeros((0, 32, 32), np.float32), np.zeros(0, np.int64))
    if len(images) == 0:
        return empty, empty
    log(f"drawing calibration digits from {len(images)} held-out MNIST digits ...")
    n_held = round(cfg.realistic * len(images)) or len(images)
    real = realistic.training_set(images, labels, n_held, seed=HOLDOUT_SEED, finish=preprocess)
    parts = [_prepare(list(images), labels), _collect(real.images, real.labels)]
    neg, _ = negatives.make_negatives(max(1, round(cfg.negatives * len(images))), HOLDOUT_SEED + 11,
                                      media=tuple(realistic.MEDIA), finish=preprocess)
    held = Prepared(np.concatenate([p.ink for p in parts]), np.concatenate([p.labels for p in parts]))
    return held, _collect(neg, np.full(len(neg), NOT_A_DIGIT))


def holdout_split(images: np.ndarray, labels: np.ndarray, cfg: DataConfig = DataConfig()
                  ) -> tuple[np.ndarray, np.ndarray]:
    """The MNIST training digits `build` keeps aside for calibration: the last `cfg.holdout`."""
    holdout = min(cfg.holdout, len(images) // 10)
    return images[len(images) - holdout :], labels[len(labels) - holdout :]
