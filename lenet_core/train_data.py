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

from . import negatives, parallel, realistic
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


SHARDS = 8  # pieces of work for the worker processes: fixed, so the data is the same on any machine
SHARD_SEED_STEP = 7919


def build(
    images: np.ndarray, labels: np.ndarray, cfg: DataConfig = DataConfig(),
    log: Callable[[str], None] = lambda _: None,
) -> TrainingData:
    """Training and calibration data from MNIST training images (N, 28, 28) and labels.

    The training digits are cut into `SHARDS` runs, each with its own seeds, and the calibration
    digits make one more; they are drawn on all cores (`parallel`).
    """
    held_images, held_labels = holdout_split(images, labels, cfg)
    kept = len(images) - len(held_images)
    cuts = np.linspace(0, kept, SHARDS + 1).round().astype(int)
    shards: list[tuple] = [
        (images[a:b], labels[a:b], round(cfg.realistic * (b - a)), round(cfg.negatives * (b - a)),
         cfg.seed + SHARD_SEED_STEP * k)
        for k, (a, b) in enumerate(zip(cuts[:-1], cuts[1:], strict=True))
    ]
    if len(held_images):
        shards.append(_holdout_shard(held_images, held_labels, cfg))
    # A few hundred images (tests, --limit) are quicker here than with worker processes to start.
    workers = 1 if len(images) < 2000 else parallel.worker_count()
    log(f"preprocessing {kept} MNIST training images and drawing {sum(s[2] for s in shards[:SHARDS])} "
        f"realistic digits and {sum(s[3] for s in shards[:SHARDS])} drawings that are not digits from "
        f"them, plus calibration data from {len(held_images)} held-out digits, on {workers} process(es) ...")
    done = [0]

    def shard_done(_: int) -> None:
        done[0] += 1
        log(f"  {done[0]}/{len(shards)} parts drawn")

    parts = parallel.map_shards(_draw_shard, shards, workers, shard_done)
    trained = parts[:SHARDS]
    mnist_digits = sum(len(p[0].labels) for p in trained)
    if mnist_digits == 0:
        raise NoUsableImages("every image is blank")
    train = _join([p for part in trained for p in part])
    if len(held_images):
        held_mnist, held_real, held_neg = parts[SHARDS]
        held, held_negatives = _join([held_mnist, held_real]), held_neg
    else:
        held, held_negatives = _empty(), _empty()
    return TrainingData(train, held, held_negatives, mnist_digits)


def build_holdout(
    images: np.ndarray, labels: np.ndarray, cfg: DataConfig = DataConfig(),
    log: Callable[[str], None] = lambda _: None,
) -> tuple[Prepared, Prepared]:
    """Calibration data from held-out MNIST training digits: the digits as they are plus realistic
    redrawings of them, and drawings that are not digits (seeds of their own)."""
    if len(images) == 0:
        return _empty(), _empty()
    log(f"drawing calibration digits from {len(images)} held-out MNIST digits ...")
    held_mnist, held_real, held_neg = _draw_shard(*_holdout_shard(images, labels, cfg))
    return _join([held_mnist, held_real]), held_neg


def _holdout_shard(images: np.ndarray, labels: np.ndarray, cfg: DataConfig) -> tuple:
    return (images, labels, round(cfg.realistic * len(images)) or len(images),
            max(1, round(cfg.negatives * len(images))), HOLDOUT_SEED)


def _draw_shard(images: np.ndarray, labels: np.ndarray, n_realistic: int, n_negatives: int, seed: int
                ) -> tuple[Prepared, Prepared, Prepared]:
    """One run of MNIST digits: the digits preprocessed, `n_realistic` redrawings of them and
    `n_negatives` drawings that are not digits (runs in a worker process)."""
    mnist_part, real_part, negative_part = _prepare(list(images), labels), _empty(), _empty()
    if n_realistic:
        real = realistic.training_set(images, labels, n_realistic, seed=seed, finish=preprocess)
        real_part = _collect(real.images, real.labels)
    if n_negatives:
        neg, _ = negatives.make_negatives(n_negatives, seed + 11, media=tuple(realistic.MEDIA),
                                          finish=preprocess)
        negative_part = _collect(neg, np.full(len(neg), NOT_A_DIGIT))
    return mnist_part, real_part, negative_part


def _join(parts: Sequence[Prepared]) -> Prepared:
    return Prepared(np.concatenate([p.ink for p in parts]), np.concatenate([p.labels for p in parts]))


def _empty() -> Prepared:
    return Prepared(np.zeros((0, 32, 32), np.float32), np.zeros(0, np.int64))


def holdout_split(images: np.ndarray, labels: np.ndarray, cfg: DataConfig = DataConfig()
                  ) -> tuple[np.ndarray, np.ndarray]:
    """The MNIST training digits `build` keeps aside for calibration: the last `cfg.holdout`."""
    holdout = min(cfg.holdout, len(images) // 10)
    return images[len(images) - holdout :], labels[len(labels) - holdout :]
