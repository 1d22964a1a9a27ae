"""Training LeNet-5 from scratch on MNIST (what `lenet-train` runs)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

from .augment import AugmentConfig, augment
from .models import build_model
from .preprocess import to_network_input


@dataclass(frozen=True)
class TrainConfig:
    arch: str = "modern"
    epochs: int = 15
    batch_size: int = 128
    lr: float = 3e-3  # peak of the one-cycle schedule
    weight_decay: float = 1e-4
    seed: int = 0
    augment: bool = True


@dataclass
class EpochReport:
    epoch: int
    epochs: int
    step: int
    steps: int
    loss: float
    accuracy: float  # on the (distorted) training batches seen so far this epoch
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
) -> torch.nn.Module:
    """Train a fresh model on preprocessed ink images (N, 32, 32) in [0, 1]; returns it in eval mode."""
    generator = set_seed(cfg.seed)
    model = build_model(cfg.arch).to(device)
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
        loss_sum, correct, seen = 0.0, 0, 0
        for step in range(steps):
            idx = order[step * cfg.batch_size : (step + 1) * cfg.batch_size]
            xb, yb = x_all[idx], y_all[idx]
            if cfg.augment:
                xb = augment(xb, generator, aug_cfg)
            xb = to_network_input(xb).to(device)
            yb = yb.to(device)
            output = model(xb)
            loss = model.loss(output, yb)
            if not torch.isfinite(loss):
                raise FloatingPointError(f"loss became {loss.item()} at epoch {epoch + 1}, step {step + 1}")
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            optimiser.step()
            schedule.step()
            loss_sum += loss.item() * len(idx)
            correct += int((model.predict_labels(output.detach()) == yb).sum())
            seen += len(idx)
            if progress and (step % 20 == 0 or step == steps - 1):
                progress(
                    EpochReport(
                        epoch + 1,
                        cfg.epochs,
                        step + 1,
                        steps,
                        loss_sum / seen,
                        correct / seen,
                        time.perf_counter() - start,
                    )
                )
    model.eval()
    return model
