"""Training LeNet-5 from scratch on MNIST (what `lenet-train` runs)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import torch

from .augment import AugmentConfig, augment
from .calibration import (
    Calibration,
    default_calibration,
    fit_temperature,
    fit_thresholds,
    outlier_score,
    scores_of,
    softmax,
)
from .models import LeNet5, build_model
from .preprocess import to_network_input
from .train_config import TrainConfig
from .train_data import Prepared
from .train_step import LossFn, NonFiniteLoss, train_step

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


def set_seed(seed: int) -> torch.Generator:
    torch.manual_seed(seed)
    np.random.seed(seed)
    return torch.Generator().manual_seed(seed)


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
    (`model.outlier_loss`), weighted by `cfg.outlier_weight`. With `parallel` (under torchrun) this
    process trains on its share of every batch and the processes sum their gradients (`distributed`).
    """
    generator = set_seed(cfg.seed)
    model = build_model(cfg.arch).to(device)
    net = parallel.wrap(model, device) if parallel is not None else None
    x_all = torch.from_numpy(ink).unsqueeze(1)
    y_all = torch.from_numpy(labels.astype(np.int64))
    steps = (len(x_all) + cfg.batch_size - 1) // cfg.batch_size
    optimiser = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    schedule = torch.optim.lr_scheduler.OneCycleLR(
        optimiser, max_lr=cfg.lr, total_steps=cfg.epochs * steps, pct_start=0.2
    )
    aug_cfg = AugmentConfig()
    start = time.perf_counter()
    for epoch in range(cfg.epochs):
        model.train()
        order = torch.randperm(len(x_all), generator=generator)
        loss_sum, correct, seen, seen_digits = 0.0, 0, 0, 0
        for step in range(steps):
            idx = order[step * cfg.batch_size : (step + 1) * cfg.batch_size]
            xb, yb, distort = x_all[idx], y_all[idx], aug_cfg if cfg.augment else None
            weight = _weight(yb, cfg.outlier_weight)  # the whole batch's, whichever share is trained here
            if parallel is not None:  # distort the whole batch, as one process would, then take a share
                xb, distort = augment(xb, generator, distort) if distort is not None else xb, None
                xb, yb, weight = parallel.share(xb), parallel.share(yb), weight / parallel.world_size
            yb = yb.to(device)
            try:
                output, loss_value = train_step(
                    model, optimiser, schedule, xb, yb, _loss_fn(cfg.outlier_weight, weight), device,
                    generator, distort, forward=net,
                )
            except NonFiniteLoss as exc:
                raise FloatingPointError(f"{exc} at epoch {epoch + 1}, step {step + 1}") from None
            digits = yb >= 0
            loss_sum += loss_value * len(yb)
            correct += int((model.predict_labels(output)[digits] == yb[digits]).sum())
            seen += len(yb)
            seen_digits += int(digits.sum())
            if progress and (step % 20 == 0 or step == steps - 1):
                progress(
                    EpochReport(
                        epoch + 1,
                        cfg.epochs,
                        step + 1,
                        steps,
                        loss_sum / seen,
                        correct / max(seen_digits, 1),
                        time.perf_counter() - start,
                    )
                )
    model.eval()
    return model


def _loss_fn(outlier_weight: float, weight: float) -> LossFn:
    return lambda model, output, target, _net_in: _loss(model, output, target, outlier_weight, weight)


def _weight(target: torch.Tensor, outlier_weight: float) -> float:
    """A batch's total weight: 1 per digit, `outlier_weight` per drawing that is not a digit."""
    n_digits = int((target >= 0).sum())
    return n_digits + outlier_weight * (len(target) - n_digits)


def _loss(model: LeNet5, output: torch.Tensor, target: torch.Tensor, outlier_weight: float,
          weight: float | None = None) -> torch.Tensor:
    """The model's own loss on the digits plus the outlier loss on the rest, as a weighted mean over a
    batch of total `weight` (by default this one's; a share of a batch passes its part of the whole)."""
    digits = target >= 0
    n_digits = int(digits.sum())
    n_other = len(target) - n_digits
    total = output.sum() * 0.0  # in the graph even for an empty share: every process must run backward
    if n_digits:
        total = total + model.loss(output[digits], target[digits]) * n_digits
    if n_other:
        total = total + model.outlier_loss(output[~digits]) * (outlier_weight * n_other)
    return total / (weight if weight is not None else _weight(target, outlier_weight))


def model_scores(
    model: LeNet5, ink: np.ndarray, device: torch.device, batch: int = 2000
) -> np.ndarray:
    """Per-class scores (higher = more likely) of preprocessed ink images (N, 32, 32)."""
    model.eval()
    out = []
    with torch.inference_mode():
        for i in range(0, len(ink), batch):
            x = to_network_input(torch.from_numpy(ink[i : i + batch])).unsqueeze(1).to(device)
            out.append(model(x).double().cpu().numpy())
    output = np.concatenate(out) if out else np.zeros((0, 10))
    return scores_of(output, str(model.output_kind))


def calibrate(
    model: LeNet5, digits: Prepared, negatives: Prepared, device: torch.device
) -> tuple[Calibration, str]:
    """Temperature and thresholds fitted on held-out digits (`digits.ink`, `digits.labels`); the
    share of held-out non-digits then rejected is reported. Defaults when nothing is held out."""
    kind = str(model.output_kind)
    if len(digits.labels) < 100:
        return default_calibration(kind), "defaults (too few held-out digits to fit on)"
    scores = model_scores(model, digits.ink, device)
    temperature = fit_temperature(scores, digits.labels)
    probs = softmax(scores, temperature)
    threshold, unsure = fit_thresholds(
        outlier_score(scores, kind), probs.max(axis=1), probs.argmax(axis=1) == digits.labels
    )
    report = f"temperature {temperature:.3f}, unsure below {unsure:.2f}, outlier threshold {threshold:.3f} " \
             f"on {len(digits.labels)} held-out digits"
    if len(negatives.labels):
        rejected = float((outlier_score(model_scores(model, negatives.ink, device), kind) > threshold).mean())
        report += f"; {rejected:.1%} of {len(negatives.labels)} held-out non-digits rejected"
    return Calibration(temperature, threshold, unsure), report
