"""Training LeNet-5 from scratch (what `lenet-train` runs) and fitting its calibration afterwards."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import torch

from .calibration import (
    Calibration,
    default_calibration,
    fit_temperature,
    fit_thresholds,
    outlier_score,
    scores_of,
    softmax,
)
from .models import LeNet5
from .preprocess import to_network_input
from .reading_views import VIEWS, mean_over_views, with_shifted_views
from .train_config import TrainConfig
from .train_data import Prepared
from .training_run import TrainingRun

if TYPE_CHECKING:
    from .distributed import Parallel


@dataclass
class EpochReport:
    epoch: int
    epochs: int
    step: int
    steps: int
    loss: float
    accuracy: float  # on the (distorted) training digits seen so far this epoch
    seconds: float


def train(
    ink: np.ndarray,
    labels: np.ndarray,
    cfg: TrainConfig,
    device: torch.device,
    progress: Callable[[EpochReport], None] | None = None,
    parallel: Parallel | None = None,
) -> LeNet5:
    """Train a fresh model on preprocessed ink images (N, 32, 32) in [0, 1]; returns it in eval mode.

    Label -1 marks a drawing that is not a digit: the model learns to give it no digit's score
    (`model.outlier_loss`), weighted by `cfg.outlier_weight`. The engine is the Learn page's
    (`TrainingRun`), driven here straight through with a progress report every 20 steps. With
    `parallel` (under torchrun) this process trains on its share of every batch (`distributed`).
    """
    run = TrainingRun(ink, labels, cfg, device, parallel=parallel)
    start = time.perf_counter()
    loss_sum, correct, seen, seen_digits = 0.0, 0, 0, 0
    while not run.done:
        position, epoch = run.step_count % run.steps_per_epoch, run.epoch
        if position == 0:
            loss_sum, correct, seen, seen_digits = 0.0, 0, 0, 0
        stats = run.step()
        loss_sum += stats.loss * stats.images
        correct += stats.correct
        seen += stats.images
        seen_digits += stats.digits
        if progress and (position % 20 == 0 or position == run.steps_per_epoch - 1):
            progress(EpochReport(epoch, cfg.epochs, position + 1, run.steps_per_epoch, loss_sum / seen,
                                 correct / max(seen_digits, 1), time.perf_counter() - start))
    run.model.eval()
    return run.model


def model_scores(
    model: LeNet5, ink: np.ndarray, device: torch.device, views: int = 1, batch: int = 500
) -> np.ndarray:
    """Per-class scores (higher = more likely) of preprocessed ink images (N, 32, 32), each the mean
    over `views` views of the image (`reading_views`)."""
    model.eval()
    out = []
    with torch.inference_mode():
        for i in range(0, len(ink), batch):
            x = to_network_input(torch.from_numpy(ink[i : i + batch])).unsqueeze(1).to(device)
            out.append(mean_over_views(model(with_shifted_views(x, views)).double().cpu().numpy(), views))
    output = np.concatenate(out) if out else np.zeros((0, 10))
    return scores_of(output, str(model.output_kind))


# The "not a digit" threshold turns away at most the first of these shares of the held-out digits that
# would have been read right; a later one only where the earlier leaves more than
# `MAX_CONFIDENT_NON_DIGITS` of the held-out non-digits with a confident digit (the classic model's
# RBF distance separates scribbles from digits less sharply than the modern model's logits).
MAX_REJECTED_STEPS = (0.001, 0.002, 0.003, 0.005)
MAX_CONFIDENT_NON_DIGITS = 0.10


def calibrate(
    model: LeNet5, digits: Prepared, negatives: Prepared, device: torch.device
) -> tuple[Calibration, str]:
    """Temperature and thresholds fitted on held-out digits (`digits.ink`, `digits.labels`) and
    drawings that are not digits (`negatives`); the report says what they give on both. Defaults
    when nothing is held out."""
    kind = str(model.output_kind)
    if len(digits.labels) < 100:
        return default_calibration(kind), "defaults (too few held-out digits to fit on)"
    scores = model_scores(model, digits.ink, device, VIEWS)
    outlier = outlier_score(scores, kind)
    correct = scores.argmax(axis=1) == digits.labels
    negative_scores = model_scores(model, negatives.ink, device, VIEWS)
    negative_outlier = outlier_score(negative_scores, kind)
    for max_rejected in MAX_REJECTED_STEPS:
        # The "not a digit" threshold needs no temperature (it looks at raw scores), and the temperature
        # is fitted on the digits that will get an answer: a few far-off drawings the app turns away
        # anyway would otherwise dominate the likelihood and make every shown probability too timid.
        threshold, _ = fit_thresholds(outlier, np.ones(len(outlier)), correct, max_rejected)
        answered = outlier <= threshold
        temperature = fit_temperature(scores[answered], digits.labels[answered])
        probs = softmax(scores, temperature)
        threshold, unsure = fit_thresholds(outlier, probs.max(axis=1), correct, max_rejected)
        confident_negatives = float(np.mean(
            (negative_outlier <= threshold) & (softmax(negative_scores, temperature).max(axis=1) >= unsure)
        )) if len(negative_outlier) else 0.0
        if confident_negatives <= MAX_CONFIDENT_NON_DIGITS:
            break
    report = f"temperature {temperature:.3f}, unsure below {unsure:.2f}, outlier threshold {threshold:.3f} " \
             f"(turning away at most {max_rejected:.1%} of the digits read right) on {len(digits.labels)} " \
             "held-out digits"
    if len(negatives.labels):
        rejected = float((negative_outlier > threshold).mean())
        report += f"; {rejected:.1%} of {len(negatives.labels)} held-out non-digits rejected, " \
                  f"{confident_negatives:.1%} given a confident digit"
    report += f"; scores averaged over {VIEWS} views of each drawing"
    return Calibration(temperature, threshold, unsure, VIEWS), report
