"""Calibration: temperature fitting, expected calibration error, thresholds and the answer rules."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lenet_core.calibration import (
    Calibration,
    decide,
    default_calibration,
    expected_calibration_error,
    fit_temperature,
    fit_thresholds,
    outlier_score,
    reliability_bins,
    scores_of,
    softmax,
)


def _sampled(temperature: float, n: int = 20000, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Scores whose labels are drawn from softmax(scores / temperature): a known right answer."""
    rng = np.random.default_rng(seed)
    scores = rng.normal(0, 4, (n, 10))
    p = softmax(scores, temperature)
    labels = np.array([rng.choice(10, p=row) for row in p])
    return scores, labels


@pytest.mark.parametrize("true_t", [0.5, 2.0, 7.0])
def test_fit_temperature_recovers_the_true_one(true_t: float) -> None:
    scores, labels = _sampled(true_t)
    assert fit_temperature(scores, labels) == pytest.approx(true_t, rel=0.08)


def test_ece_is_small_when_calibrated_and_large_when_overconfident() -> None:
    scores, labels = _sampled(2.0)
    right = softmax(scores, 2.0)
    too_sure = softmax(scores, 0.5)
    ece_right = expected_calibration_error(right.max(1), right.argmax(1) == labels)
    ece_sure = expected_calibration_error(too_sure.max(1), too_sure.argmax(1) == labels)
    assert ece_right < 0.015 < 0.1 < ece_sure
    bins = reliability_bins(right.max(1), right.argmax(1) == labels)
    assert sum(b[3] for b in bins) == len(labels) and all(0 <= b[2] <= 1 for b in bins)
    assert expected_calibration_error(np.array([]), np.array([])) == 0.0


def test_scores_and_outlier_scores() -> None:
    penalties = np.array([[3.0, 50.0, 80.0], [40.0, 45.0, 60.0]])
    assert np.array_equal(scores_of(penalties, "rbf_penalties"), -penalties)
    # Classic: the distance to the nearest centre; modern: the largest logit, negated.
    assert np.allclose(outlier_score(-penalties, "rbf_penalties"), [3.0, 40.0])
    logits = np.array([[10.0, 0.0], [1.0, 1.0]])
    assert np.allclose(outlier_score(logits, "logits"), [-10.0, -1.0])
    assert np.allclose(softmax(np.array([[1000.0, 0.0]])), [[1.0, 0.0]])  # no overflow


def test_decide_digit_unsure_and_not_a_digit() -> None:
    cal = Calibration(temperature=1.0, outlier_threshold=5.0, unsure_below=0.6)
    sure = np.array([0.9, 0.05, 0.05] + [0.0] * 7)
    assert decide(sure, 1.0, cal).status == "digit" and decide(sure, 1.0, cal).label == 0
    close = np.zeros(10)
    close[[3, 9, 8]] = [0.5, 0.42, 0.08]
    d = decide(close, 1.0, cal)
    assert d.status == "unsure" and d.label == 3 and d.alternatives == [(9, pytest.approx(0.42))]
    far = decide(sure, 6.0, cal)
    assert far.status == "not_a_digit" and far.label is None and far.alternatives == []
    assert decide(sure, math.nan, cal).status == "not_a_digit"


def test_fit_thresholds_follow_the_held_out_digits() -> None:
    rng = np.random.default_rng(1)
    outlier = rng.normal(0, 1, 5000)
    confidence = rng.uniform(0.3, 1.0, 5000)
    correct = rng.random(5000) < confidence  # calibrated: wrong answers are the unsure ones
    threshold, unsure = fit_thresholds(outlier, confidence, correct, max_rejected=0.01,
                                       max_confident_errors=0.2)
    # Turns away 1% of the digits that were read right (and the misread ones around them).
    assert ((outlier > threshold) & correct).mean() == pytest.approx(0.01, abs=0.001)
    assert (outlier > threshold).mean() > 0.012
    kept = (outlier <= threshold) & (confidence >= unsure)
    assert 1 - correct[kept].mean() <= 0.2


def test_metadata_round_trip_and_defaults() -> None:
    cal = Calibration(1.7, 3.25, 0.55)
    assert Calibration.from_metadata(cal.to_metadata(), "logits") == cal
    assert Calibration.from_metadata({}, "logits") == default_calibration("logits")
    classic = Calibration.from_metadata({}, "rbf_penalties")
    assert classic.temperature > 1 and classic.outlier_threshold == math.inf
    broken = {"calibration_temperature": "nan", "calibration_unsure_below": "7",
              "calibration_outlier_threshold": "x"}
    assert Calibration.from_metadata(broken, "logits") == default_calibration("logits")
    five = Calibration(1.7, 3.25, 0.55, views=5)
    assert Calibration.from_metadata(five.to_metadata(), "logits") == five
    # Weights calibrated before views were stored, or with a number of views no model reads with,
    # read the input alone.
    assert Calibration.from_metadata(cal.to_metadata() | {"calibration_views": "3"}, "logits").views == 1
    older = {k: v for k, v in five.to_metadata().items() if k != "calibration_views"}
    assert Calibration.from_metadata(older, "logits").views == 1


def test_the_not_a_digit_threshold_turns_away_more_only_when_non_digits_get_through() -> None:
    import torch

    from lenet_core.data import preprocess_many
    from lenet_core.reading_views import VIEWS
    from lenet_core.recognizer import Recognizer
    from lenet_core.shipped_data import TEST_SAMPLE, load
    from lenet_core.train_data import Prepared
    from lenet_core.training import MAX_REJECTED_STEPS, calibrate

    digits = load(TEST_SAMPLE)
    ink, kept = preprocess_many(list(digits.images))
    held = Prepared(ink, digits.labels[kept].astype(np.int64))
    model = Recognizer.load("modern", device="cpu").model
    cpu = torch.device("cpu")
    nothing = Prepared(np.zeros((0, 32, 32), np.float32), np.zeros(0, np.int64))
    first, report = calibrate(model, held, nothing, cpu)
    assert f"at most {MAX_REJECTED_STEPS[0]:.1%}" in report
    assert first.views == VIEWS and f"averaged over {VIEWS} views" in report  # fitted as the app reads
    # "Non-digits" that are digits get a confident answer whatever the threshold: every step is tried.
    last, report = calibrate(model, held, Prepared(ink[:200], np.full(200, -1)), cpu)
    assert f"at most {MAX_REJECTED_STEPS[-1]:.1%}" in report and "given a confident digit" in report
    assert last.outlier_threshold <= first.outlier_threshold  # a stricter threshold turns away more
