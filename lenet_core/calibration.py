"""Honest answers: calibrated probabilities, "not a digit" and "unsure".

A network's raw scores are not probabilities: the classic model's RBF penalties give softmax values of
0 or 1, and any model trained on MNIST alone is sure of itself on things it has never seen. Three
numbers, fitted on held-out data after training and stored with the weights, turn scores into
answers:

* a **temperature** T: probabilities are softmax(scores / T), with T chosen to minimise the negative
  log-likelihood on held-out digits (for the classic model the scores are the negated penalties, so
  its paper-faithful RBF output stays as it is);
* an **outlier threshold** on the outlier score (the classic model's distance to its nearest RBF
  centre, the modern model's largest logit, negated): above it, the drawing is "not a digit";
* an **unsure level**: a best probability below it is a close call, answered "3 or 9?".

With them is stored how many views of each drawing the scores average (`reading_views`): the fit holds
only for scores made the same way.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .reading_views import VIEWS

ALTERNATIVE_MIN = 0.1  # a runner-up is named when at least this likely
MAX_ALTERNATIVES = 2


@dataclass(frozen=True)
class Calibration:
    temperature: float = 1.0
    outlier_threshold: float = math.inf  # outlier scores above this are "not a digit"
    unsure_below: float = 0.6  # a best calibrated probability below this is "unsure"
    views: int = 1  # the scores are the mean over this many views of the input (`reading_views`)

    KEYS = ("calibration_temperature", "calibration_outlier_threshold", "calibration_unsure_below")
    VIEWS_KEY = "calibration_views"

    def to_metadata(self) -> dict[str, str]:
        values = (self.temperature, self.outlier_threshold, self.unsure_below)
        meta = {k: repr(float(v)) for k, v in zip(self.KEYS, values, strict=True)}
        meta[self.VIEWS_KEY] = str(self.views)
        return meta

    @classmethod
    def from_metadata(cls, meta: dict[str, str], output_kind: str) -> Calibration:
        """The calibration stored with a model; defaults for weights that have none (or a bad one)."""
        default = default_calibration(output_kind)
        values = []
        for key, fallback in zip(
            cls.KEYS, (default.temperature, default.outlier_threshold, default.unsure_below), strict=True
        ):
            try:
                v = float(meta.get(key, ""))
            except ValueError:
                v = fallback
            values.append(v if not math.isnan(v) else fallback)
        temperature, threshold, unsure = values
        if not (0.0 < temperature < math.inf):
            temperature = default.temperature
        if not 0.0 <= unsure <= 1.0:
            unsure = default.unsure_below
        # Weights calibrated before the views existed were fitted on the input alone.
        views = meta.get(cls.VIEWS_KEY, "1").strip()
        return cls(temperature, threshold, unsure, int(views) if views in ("1", str(VIEWS)) else 1)


def default_calibration(output_kind: str) -> Calibration:
    """For weights without a fitted calibration: a classic model's penalties are tens apart, so a
    temperature of a few units keeps its confidence from being all-or-nothing; no outlier test."""
    return Calibration(temperature=8.0 if output_kind == "rbf_penalties" else 1.0)


def scores_of(output: np.ndarray, output_kind: str) -> np.ndarray:
    """Per-class scores, higher = more likely: logits, or the negated RBF penalties."""
    return -output if output_kind == "rbf_penalties" else output


def softmax(scores: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = np.asarray(scores, dtype=np.float64) / temperature
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def outlier_score(scores: np.ndarray, output_kind: str) -> np.ndarray:
    """How far a drawing lies from every digit the model knows (higher = less digit-like): minus the
    best digit's raw score. For the classic model that is the smallest RBF penalty, the squared
    distance from F6's output to the nearest digit's centre (the paper's rejection); for the modern
    model, minus the largest logit, which outlier exposure keeps low for drawings that are no digit.
    (The free energy, -logsumexp, was measured too: it turned away fewer non-digits at the same loss
    of real digits.)"""
    del output_kind  # the same rule for both; kept so that callers need not know it
    return -np.asarray(scores, dtype=np.float64).max(axis=-1)


def fit_temperature(scores: np.ndarray, labels: np.ndarray) -> float:
    """The temperature minimising the negative log-likelihood of the labels (a 1-D search in log T)."""
    labels = np.asarray(labels, dtype=np.int64)

    def nll(log_t: float) -> float:
        p = softmax(scores, math.exp(log_t))
        return float(-np.log(np.maximum(p[np.arange(len(labels)), labels], 1e-12)).mean())

    lo, hi = -4.0, 6.0
    grid = np.linspace(lo, hi, 41)
    best = float(grid[int(np.argmin([nll(g) for g in grid]))])
    lo, hi = best - 0.25, best + 0.25
    for _ in range(40):  # golden-section refinement
        a, b = hi - 0.618 * (hi - lo), lo + 0.618 * (hi - lo)
        if nll(a) < nll(b):
            hi = b
        else:
            lo = a
    return math.exp((lo + hi) / 2)


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray, bins: int = 15) -> float:
    """ECE: the gap between confidence and accuracy, averaged over equal-width confidence bins."""
    confidence = np.asarray(confidence, dtype=np.float64)
    correct = np.asarray(correct, dtype=np.float64)
    if len(confidence) == 0:
        return 0.0
    which = np.minimum((confidence * bins).astype(np.int64), bins - 1)
    total = 0.0
    for b in range(bins):
        sel = which == b
        if sel.any():
            total += sel.sum() * abs(correct[sel].mean() - confidence[sel].mean())
    return total / len(confidence)


def reliability_bins(confidence: np.ndarray, correct: np.ndarray, bins: int = 15
                     ) -> list[tuple[float, float, float, int]]:
    """Per bin: (low edge, mean confidence, accuracy, count); empty bins are left out."""
    which = np.minimum((np.asarray(confidence) * bins).astype(np.int64), bins - 1)
    rows = []
    for b in range(bins):
        sel = which == b
        if sel.any():
            rows.append((b / bins, float(confidence[sel].mean()), float(correct[sel].mean()), int(sel.sum())))
    return rows


@dataclass
class Decision:
    status: str  # "digit", "unsure" or "not_a_digit"
    label: int | None
    alternatives: list[tuple[int, float]]


def decide(probabilities: np.ndarray, outlier: float, cal: Calibration) -> Decision:
    """The answer for one drawing from its calibrated probabilities and outlier score."""
    order = np.argsort(-probabilities)
    best = int(order[0])
    if not outlier <= cal.outlier_threshold:  # also when the score is NaN
        return Decision("not_a_digit", None, [])
    runners = [(int(d), float(probabilities[d])) for d in order[1 : 1 + MAX_ALTERNATIVES]]
    named = [r for r in runners if r[1] >= ALTERNATIVE_MIN]
    if probabilities[best] < cal.unsure_below:
        return Decision("unsure", best, named or runners[:1])
    return Decision("digit", best, named)


def fit_thresholds(
    digit_outlier: np.ndarray, digit_confidence: np.ndarray, digit_correct: np.ndarray,
    max_rejected: float = 0.001, unsure_levels: Sequence[float] = (0.5, 0.55, 0.6, 0.65, 0.7),
    max_confident_errors: float = 0.01,
) -> tuple[float, float]:
    """Outlier threshold: the lowest that turns away at most `max_rejected` of the held-out digits
    that would have been read correctly (turning away a misread digit costs nothing). Unsure level:
    the lowest of `unsure_levels` at which at most `max_confident_errors` of the confident answers
    are wrong (the highest level if none is)."""
    n = len(digit_outlier)
    order = np.argsort(-digit_outlier)  # most outlying first
    lost = np.cumsum(digit_correct[order])  # correct digits turned away by a threshold below each
    allowed = int(np.searchsorted(lost, max_rejected * n, side="right"))  # how many may go
    threshold = float(digit_outlier[order[allowed]]) if allowed < n else float(digit_outlier.min())
    kept = digit_outlier <= threshold
    for level in sorted(unsure_levels):
        confident = kept & (digit_confidence >= level)
        if confident.any() and 1.0 - digit_correct[confident].mean() <= max_confident_errors:
            return threshold, float(level)
    return threshold, float(max(unsure_levels))
