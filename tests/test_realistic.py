"""The shipped models on a small fixed realistic set: a fast guard against regressions.

A few hundred drawn digits (the committed MNIST test digits traced into strokes, and the glyph
styles, through every medium) and non-digits, generated in a second from fixed seeds. The floors
lie a safe margin under what the shipped weights score here (printed with -s), so that only a real
regression in reading, calibration or "not a digit" fails, not the noise of a small sample.
`benchmarks/bench_realistic.py` measures the same things on thousands of drawings.
"""

from __future__ import annotations

import numpy as np
import pytest

from lenet_core import Recognizer, negatives, realistic
from lenet_core.evaluate import answers, score_digits
from lenet_core.resources import shipped_weights
from lenet_core.shipped_data import TEST_SAMPLE, load

SEED = 424_242  # apart from the training, calibration and benchmark seeds
# Per model: (accuracy floor, ECE ceiling, confident-and-right floor, non-digits read as a confident
# digit ceiling). The shipped weights score (printed by the tests) well inside these.
LIMITS = {
    "modern": (0.95, 0.04, 0.92, 0.15),
    "classic": (0.94, 0.04, 0.90, 0.20),
}

pytestmark = pytest.mark.skipif(
    not all(shipped_weights(a).exists() for a in LIMITS), reason="no shipped weights"
)


@pytest.fixture(scope="module")
def drawings() -> tuple[realistic.DigitSet, list[np.ndarray]]:
    digits = load(TEST_SAMPLE)
    traced = realistic.mnist_strokes(digits.images[:260], digits.labels[:260])
    styled = realistic.style_strokes(np.random.default_rng(SEED), 2 * 48)
    media = list(realistic.MEDIA)
    a = realistic.make_digits(traced, media, 240, SEED + 1)
    b = realistic.make_digits(styled, media, 96, SEED + 2)
    junk, _ = negatives.make_negatives(144, SEED + 3, media=tuple(media))
    both = realistic.DigitSet(a.images + b.images, np.concatenate([a.labels, b.labels]),
                              a.media + b.media, a.sources + b.sources)
    return both, junk


@pytest.mark.parametrize("arch", list(LIMITS))
def test_realistic_reading_calibration_and_rejection_hold(arch: str, drawings) -> None:
    digits, junk = drawings
    rec = Recognizer.load(arch, device="cpu")
    score = score_digits(answers(rec, digits.images), digits.labels)
    confident_junk = float(answers(rec, junk).confident.mean())
    print(f"\n{arch}: accuracy {score.accuracy:.3f}, ECE {score.ece:.3f}, confident and right "
          f"{score.confident_correct:.3f}; non-digits read as a confident digit {confident_junk:.3f}")
    accuracy, ece, confident_right, junk_limit = LIMITS[arch]
    assert score.accuracy >= accuracy
    assert score.ece <= ece
    assert score.confident_correct >= confident_right
    assert confident_junk <= junk_limit
