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


def evaluate(recognizer: Recognizer, images: Sequence[np.ndarray], labels: np.ndarray) -> Evaluation:
    preds = recognizer.predict_batch(images, activations=False)
    predicted = np.array([-1 if p.label is None else p.label for p in preds], dtype=np.int64)
    labels = np.asarray(labels, dtype=np.int64)
    confusion = np.zeros((10, 10), dtype=np.int64)
    ok = predicted >= 0
    np.add.at(confusion, (labels[ok], predicted[ok]), 1)
    accuracy = float((predicted == labels).mean()) if len(labels) else 0.0
    return Evaluation(accuracy, predicted, labels, confusion)
