"""Exploring a model's mistakes on a labelled set: its answer for every digit, the confusion matrix,
the digits behind each cell, and which digits a change of model fixed or broke.

Everything here is plain numpy over the answers `Recognizer.predict_batch` gives, through the app's
one preprocessing path, so the matrix is the one `evaluate` computes (plus a column for the digits
the model gave no digit for). The app's test-set explorer runs `answer_batches` in a worker thread
and shows each batch as it comes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # torch comes with the recognizer; the answers' arithmetic needs none
    from .recognizer import ImageInput, Recognizer

NO_DIGIT = 10  # the confusion matrix's last column: answered with no digit (empty, not a digit, error)
DEFAULT_BATCH = 500  # big enough for a fast forward pass, small enough for a progress bar that moves


@dataclass
class Answers:
    """A model's answer for each image of a set, as arrays (one row per image)."""

    predicted: np.ndarray  # (N,) int64: the digit given, -1 when none (empty, not a digit, error)
    confidence: np.ndarray  # (N,) float32: the top probability, 0 when there are none
    status: np.ndarray  # (N,) str: "digit", "unsure", "not_a_digit", "empty" or "error"

    @classmethod
    def empty(cls) -> Answers:
        return cls(np.zeros(0, np.int64), np.zeros(0, np.float32), np.zeros(0, dtype="<U11"))

    def __len__(self) -> int:
        return len(self.predicted)

    @staticmethod
    def concatenate(parts: Sequence[Answers]) -> Answers:
        if not parts:
            return Answers.empty()
        return Answers(
            np.concatenate([p.predicted for p in parts]),
            np.concatenate([p.confidence for p in parts]),
            np.concatenate([p.status.astype("<U11") for p in parts]),
        )


def answer_batch(recognizer: Recognizer, images: Sequence[ImageInput]) -> Answers:
    """The recognizer's answers for `images` (an unreadable image gets status "error", not an exception)."""
    preds = recognizer.predict_batch(images, activations=False)
    return Answers(
        np.array([-1 if p.label is None else p.label for p in preds], dtype=np.int64),
        np.array([p.confidence or 0.0 for p in preds], dtype=np.float32),
        np.array([p.status for p in preds], dtype="<U11"),
    )


def answer_batches(
    recognizer: Recognizer,
    images: Sequence[ImageInput],
    batch_size: int = DEFAULT_BATCH,
    should_stop: Callable[[], bool] | None = None,
) -> Iterator[tuple[int, Answers]]:
    """(start index, answers) for consecutive batches of `images`; stops early when `should_stop()`."""
    for start in range(0, len(images), batch_size):
        if should_stop is not None and should_stop():
            return
        yield start, answer_batch(recognizer, images[start : start + batch_size])


def answer_all(
    recognizer: Recognizer, images: Sequence[ImageInput], batch_size: int = DEFAULT_BATCH
) -> Answers:
    return Answers.concatenate([a for _, a in answer_batches(recognizer, images, batch_size)])


def confusion_matrix(labels: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    """(10, 11) counts: rows the true digit, columns the digit given, the last column no digit given.

    Columns 0-9 are `evaluate`'s confusion matrix; `evaluate`'s accuracy is the diagonal's sum over N.
    """
    labels = np.asarray(labels, dtype=np.int64)
    predicted = np.asarray(predicted, dtype=np.int64)
    if labels.shape != predicted.shape:
        raise ValueError(f"{len(labels)} labels but {len(predicted)} answers")
    columns = np.where(predicted >= 0, predicted, NO_DIGIT)
    matrix = np.zeros((10, NO_DIGIT + 1), dtype=np.int64)
    np.add.at(matrix, (labels, columns), 1)
    return matrix


def accuracy(matrix: np.ndarray) -> float:
    """The share of digits read right, from a confusion matrix (no-digit answers count as errors)."""
    total = int(matrix.sum())
    return float(np.trace(matrix[:, :10])) / total if total else 0.0


def cell_indices(
    labels: np.ndarray, predicted: np.ndarray, true: int | None, given: int | None
) -> np.ndarray:
    """The indices of the digits in one cell (`given` NO_DIGIT: no digit given); None means any."""
    keep = np.ones(len(labels), dtype=bool)
    if true is not None:
        keep &= np.asarray(labels) == true
    if given is not None:
        predicted = np.asarray(predicted)
        keep &= (predicted < 0) if given == NO_DIGIT else (predicted == given)
    return np.flatnonzero(keep)


def errors(labels: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    """The indices of the digits read wrongly or not at all."""
    return np.flatnonzero(np.asarray(predicted) != np.asarray(labels))


def by_confidence(indices: np.ndarray, confidence: np.ndarray, descending: bool = False) -> np.ndarray:
    """`indices` ordered by their answer's confidence (least sure first, unless `descending`); ties keep
    the set's order."""
    indices = np.asarray(indices, dtype=np.int64)
    keys = np.asarray(confidence)[indices]
    order = np.argsort(-keys if descending else keys, kind="stable")
    return indices[order]


@dataclass
class Changes:
    """What a new model changed against an old one on the same labelled digits."""

    fixed: np.ndarray  # indices read wrongly before, rightly now
    broken: np.ndarray  # indices read rightly before, wrongly now
    other: np.ndarray  # wrong both times, but with another answer

    @property
    def net(self) -> int:
        return len(self.fixed) - len(self.broken)


def changes(labels: np.ndarray, before: np.ndarray, after: np.ndarray) -> Changes:
    labels, before, after = (np.asarray(a, dtype=np.int64) for a in (labels, before, after))
    if not (labels.shape == before.shape == after.shape):
        raise ValueError("labels, answers before and answers after must have one entry per digit")
    right_before, right_after = before == labels, after == labels
    return Changes(
        fixed=np.flatnonzero(~right_before & right_after),
        broken=np.flatnonzero(right_before & ~right_after),
        other=np.flatnonzero(~right_before & ~right_after & (before != after)),
    )


# ------------------------------------------------------------------------------------- the test set


@dataclass
class TestDigits:
    """The labelled digits to explore, and where they came from."""

    __test__ = False  # not a pytest test class, whatever its name

    images: np.ndarray  # (N, 28, 28) uint8, ink bright on black
    labels: np.ndarray  # (N,) int64
    source: str  # "mnist": the full test set; "shipped": the 1,000 digits shipped with the app
    location: Path


def default_mnist_dirs() -> list[Path]:
    """Where the MNIST IDX files are looked for: shipped with the app, then beside a source checkout."""
    from .resources import resources_dir

    root = Path(__file__).resolve().parent.parent
    return [resources_dir() / "data" / "mnist", root.parent / "shared" / "data" / "mnist"]


def load_test_digits(folders: Sequence[Path] | None = None) -> TestDigits:
    """MNIST's 10,000 test digits from the first folder holding them, else the 1,000 shipped ones.

    Raises `ShippedDataError` only when neither can be read.
    """
    from . import mnist, shipped_data

    for folder in default_mnist_dirs() if folders is None else folders:
        try:
            split = mnist.load_split(folder, "test")
        except (OSError, ValueError):  # absent, or damaged: the next place, then the shipped subset
            continue
        return TestDigits(split.images, split.labels.astype(np.int64), "mnist", Path(folder))
    digits = shipped_data.load(shipped_data.TEST_SAMPLE)
    location = shipped_data.data_dir() / shipped_data.TEST_SAMPLE
    return TestDigits(digits.images, digits.labels.astype(np.int64), "shipped", location)
