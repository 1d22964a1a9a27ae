"""Accuracy of a recognizer on labelled images, through the app's own preprocessing path."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .recognizer import Recognizer


@dataclass
class Evaluation:
    accuracy: float  # no-digit answers count as errors
    predicted: np.ndarray  # (N,) labels, -1 for "no digit"
    true: np.ndarray  # (N,)
    confusion: np.ndarray  # (10, 10) rows true, columns predicted

    @property
    def errors(self) -> np.ndarray:
        """Indices of the images read wrongly (or not at all)."""
        return np.flatnonzero(self.predicted != self.true)


def evaluate(
    recognizer: Recognizer, images: Sequence[np.ndarray] | np.ndarray, labels: np.ndarray
) -> Evaluation:
    preds = recognizer.predict_batch(images, activations=False)
    predicted = np.array([-1 if p.label is None else p.label for p in preds], dtype=np.int64)
    labels = np.asarray(labels, dtype=np.int64)
    confusion = np.zeros((10, 10), dtype=np.int64)
    ok = predicted >= 0
    np.add.at(confusion, (labels[ok], predicted[ok]), 1)
    accuracy = float((predicted == labels).mean()) if len(labels) else 0.0
    return Evaluation(accuracy, predicted, labels, confusion)


@dataclass
class Answers:
    """How a recognizer answers a set of images: labels, confidence and status of each."""

    predicted: np.ndarray  # (N,) best digit, -1 when none was given
    argmax: np.ndarray  # (N,) the most likely digit, whatever the status (-1: no probabilities)
    confidence: np.ndarray  # (N,) calibrated top probability, 0 when none
    status: np.ndarray  # (N,) of str

    @property
    def confident(self) -> np.ndarray:
        return self.status == "digit"


def answers(recognizer: Recognizer, images: Sequence[np.ndarray] | np.ndarray) -> Answers:
    preds = recognizer.predict_batch(images, activations=False)
    return Answers(
        np.array([-1 if p.label is None else p.label for p in preds], dtype=np.int64),
        np.array([-1 if p.probabilities is None else int(np.argmax(p.probabilities)) for p in preds]),
        np.array([p.confidence or 0.0 for p in preds], dtype=np.float64),
        np.array([p.status for p in preds]),
    )


@dataclass
class DigitScore:
    accuracy: float  # the label given is right (unsure answers count with their best digit)
    ece: float  # expected calibration error, 15 bins, of the top probability
    confident_correct: float  # answered "digit" and right
    confident_wrong: float  # answered "digit" and wrong
    unsure: float
    rejected: float  # answered "not a digit" (or no digit)


def score_digits(a: Answers, labels: np.ndarray) -> DigitScore:
    from .calibration import expected_calibration_error

    labels = np.asarray(labels)
    right = a.predicted == labels
    has = a.argmax >= 0
    ece = expected_calibration_error(a.confidence[has], (a.argmax == labels)[has])
    return DigitScore(
        float(right.mean()), ece, float((a.confident & right).mean()), float((a.confident & ~right).mean()),
        float((a.status == "unsure").mean()), float(np.isin(a.status, ("not_a_digit", "empty")).mean()),
    )
