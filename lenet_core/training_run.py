"""One training run of a fresh LeNet-5, one optimisation step at a time: the engine behind `lenet-train`
and the app's Learn page.

A `TrainingRun` holds everything a run is (model, optimiser, one-cycle schedule, random generator,
position in the epoch), so whoever drives it decides what happens between two steps: report progress,
measure the test digits, draw the kernels, read the user's drawing with the model as it is, pause, or
stop. Nothing depends on wall-clock time, so a run paused and resumed ends with exactly the weights of
one that never stopped. `run_control.drive` is the loop that does all of this for a worker thread.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np
import torch

from .augment import AugmentConfig
from .mnist_cache import to_float
from .models import LeNet5, build_model
from .preprocess import to_network_input
from .train_config import TrainConfig
from .train_step import NonFiniteLoss, train_step

if TYPE_CHECKING:
    from .distributed import Parallel

C3_SHOWN = 4  # C3 kernels a snapshot carries (of 16): enough to watch them form, cheap to draw


# The Learn page's recipe for the modern network: chosen with benchmarks/bench_learn.py to pass 99% on
# the MNIST test digits within 30 s of the click on a 2-core CPU (98% within 10 s). Batches of 256 need
# about as many images as batches of 128 to get there (a sweep over three seeds, README: first 99%
# after 67,000-72,000 images) and a CPU takes them 12-22% faster. Of the peak rates tried with them,
# 2.4e-2 swings more early on (98% later), 1.2e-2 ends lower (99.13%), 1.6e-2 does neither.
LEARN_RECIPE = TrainConfig(arch="modern", epochs=2, batch_size=256, lr=1.6e-2, augment=False, pct_start=0.15)
# The paper's network (scaled tanh units, RBF output) learns more slowly whatever the rate: in the same
# two epochs it reaches about 97.1% with batches of 128 at 1.2e-2, 96.8% at 4e-3, 92.6% with the modern
# network's recipe.
CLASSIC_LEARN_RECIPE = replace(LEARN_RECIPE, arch="classic", batch_size=128, lr=1.2e-2)


def learn_recipe(arch: str) -> TrainConfig:
    """The Learn page's recipe for an architecture ("modern" or "classic")."""
    return CLASSIC_LEARN_RECIPE if arch == "classic" else replace(LEARN_RECIPE, arch=arch)


def warm_up(arch: str = "modern") -> None:
    """Pay once, ahead of the first run, what the first step of any run pays: importing what torch's
    optimisers import (torch._dynamo, seconds) and the first forward and backward pass."""
    model = build_model(arch)
    optimiser = torch.optim.AdamW(model.parameters())
    model.train()
    loss = model.loss(model(torch.zeros(2, 1, 32, 32)), torch.zeros(2, dtype=torch.int64))
    loss.backward()
    optimiser.step()


def set_seed(seed: int) -> torch.Generator:
    torch.manual_seed(seed)
    np.random.seed(seed)
    return torch.Generator().manual_seed(seed)


@dataclass(frozen=True)
class StepStats:
    loss: float
    correct: int  # digits read right in this batch (before the step)
    digits: int  # digits in the batch (label >= 0)
    images: int


@dataclass(frozen=True)
class KernelSnapshot:
    step: int
    c1: np.ndarray  # (6, 5, 5)
    c3: np.ndarray  # (C3_SHOWN, 6, 5, 5): the first few C3 kernels over the six S2 maps (0 = unconnected)


@dataclass(frozen=True)
class HistoryPoint:
    step: int
    epoch_progress: float  # epochs done, fractional
    loss: float  # mean training loss since the previous point
    train_accuracy: float  # on the training batches since the previous point
    test_accuracy: float | None  # measured at this step, if it was


@dataclass
class RunResult:
    """A finished run: the model (eval mode) and what to keep with it."""

    model: LeNet5
    config: TrainConfig
    test_accuracy: float | None
    test_images: int
    train_images: int
    train_seconds: float  # time spent training and measuring, pauses left out
    steps: int
    device: str
    data_sha256: str = ""
    history: list[HistoryPoint] = field(default_factory=list)
    date: str = field(
        default_factory=lambda: _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    )

    def metadata(self) -> dict[str, str]:
        """What a kept model carries (strings, as safetensors wants); the model library adds its name."""
        return {
            "kind": "trained",
            "arch": self.config.arch,
            "recipe": self.config.describe(),
            "test_accuracy": "" if self.test_accuracy is None else f"{self.test_accuracy:.4f}",
            "test_images": str(self.test_images),
            "train_images": str(self.train_images),
            "train_seconds": f"{self.train_seconds:.1f}",
            "train_steps": str(self.steps),
            "device": self.device,
            "data_sha256": self.data_sha256,
            "date": self.date,
            "torch": torch.__version__,
        }


def batch_loss(model: LeNet5, output: torch.Tensor, target: torch.Tensor, outlier_weight: float,
               total_weight: float | None = None) -> torch.Tensor:
    """The model's own loss on the digits plus its outlier loss on the non-digits (label -1), as a
    weighted mean; over `total_weight` instead of this batch's own weight for a process's share of a
    batch (`distributed`)."""
    digits = target >= 0
    n_digits = int(digits.sum())
    if n_digits == len(target) and total_weight is None:
        return model.loss(output, target)
    n_other = len(target) - n_digits
    total = output.sum() * 0.0  # in the graph even for an empty share: every process runs backward
    if n_digits:
        total = total + model.loss(output[digits], target[digits]) * n_digits
    if n_other:
        total = total + model.outlier_loss(output[~digits]) * (outlier_weight * n_other)
    return total / (total_weight if total_weight is not None else n_digits + outlier_weight * n_other)


class TrainingRun:
    """A fresh model and its optimiser, advanced by `step()`; ink is (N, 32, 32) float32 in [0, 1] or
    uint16 fixed point (as `mnist_cache` keeps it), labels (N,) with -1 for "not a digit"."""

    def __init__(
        self,
        ink: np.ndarray,
        labels: np.ndarray,
        config: TrainConfig,
        device: torch.device | str = "cpu",
        test_ink: np.ndarray | None = None,
        test_labels: np.ndarray | None = None,
        test_total: int | None = None,
        data_sha256: str = "",
        parallel: Parallel | None = None,
    ) -> None:
        if len(ink) == 0 or len(ink) != len(labels):
            raise ValueError(f"need training images with one label each, got {len(ink)} and {len(labels)}")
        self.config = config
        self.device = torch.device(device)
        self.generator = set_seed(config.seed)
        self.model = build_model(config.arch).to(self.device)
        self._parallel = parallel  # under torchrun: the ranks share each batch and sum their gradients
        self._net = parallel.wrap(self.model, self.device) if parallel is not None else None
        self._ink = ink
        self._labels = torch.from_numpy(np.asarray(labels, dtype=np.int64))
        self._test_ink = test_ink
        self._test_labels = None if test_labels is None else np.asarray(test_labels, dtype=np.int64)
        self.test_total = test_total if test_total is not None else (0 if test_ink is None else len(test_ink))
        self.data_sha256 = data_sha256
        self.steps_per_epoch = math.ceil(len(ink) / config.batch_size)
        self.total_steps = config.epochs * self.steps_per_epoch
        self.optimiser = torch.optim.AdamW(
            self.model.parameters(), lr=config.lr, weight_decay=config.weight_decay
        )
        self.schedule = torch.optim.lr_scheduler.OneCycleLR(
            self.optimiser, max_lr=config.lr, total_steps=self.total_steps, pct_start=config.pct_start
        )
        self._augment = AugmentConfig()
        self._order: torch.Tensor | None = None
        self.step_count = 0

    @property
    def train_images(self) -> int:
        return len(self._ink)

    @property
    def done(self) -> bool:
        return self.step_count >= self.total_steps

    @property
    def epoch(self) -> int:
        """The epoch the next step belongs to (1-based; `epochs` once done)."""
        return min(self.step_count // self.steps_per_epoch + 1, self.config.epochs)

    def step(self) -> StepStats:
        """One optimisation step on the next batch. Raises FloatingPointError if the loss diverges."""
        if self.done:
            raise RuntimeError("the run has taken all its steps")
        position = self.step_count % self.steps_per_epoch
        if position == 0 or self._order is None:
            self._order = torch.randperm(len(self._ink), generator=self.generator)
        idx = self._order[position * self.config.batch_size : (position + 1) * self.config.batch_size]
        xb = torch.from_numpy(to_float(self._ink[idx.numpy()])).unsqueeze(1)
        yb, distort = self._labels[idx], self._augment if self.config.augment else None
        weight, share_weight = self.config.outlier_weight, None
        if self._parallel is not None:
            xb, yb, share_weight = self._parallel.share_batch(xb, yb, self.generator, distort, weight)
            distort = None  # done, on the whole batch
        yb = yb.to(self.device)
        self.model.train()
        try:
            output, loss = train_step(
                self.model, self.optimiser, self.schedule, xb, yb,
                lambda model, out, target, _net_in: batch_loss(model, out, target, weight, share_weight),
                self.device, self.generator, distort, forward=self._net,
            )
        except NonFiniteLoss as exc:
            raise FloatingPointError(f"{exc} at epoch {self.epoch}, step {position + 1}") from None
        self.step_count += 1
        digits = yb >= 0
        correct = int((self.model.predict_labels(output)[digits] == yb[digits]).sum())
        return StepStats(loss, correct, int(digits.sum()), len(yb))

    def scores(self, ink: np.ndarray, batch: int = 500) -> torch.Tensor:
        """The model's outputs, as it is now, for ink images (N, 32, 32); training mode is kept."""
        was_training = self.model.training
        self.model.eval()
        outs = []
        try:
            with torch.inference_mode():
                for i in range(0, len(ink), batch):
                    x = to_network_input(torch.from_numpy(to_float(ink[i : i + batch]))).unsqueeze(1)
                    outs.append(self.model(x.to(self.device)).float().cpu())
        finally:
            self.model.train(was_training)
        return torch.cat(outs) if outs else torch.zeros(0, 10)

    def probabilities(self, ink: np.ndarray) -> np.ndarray:
        """Ten probabilities per image: how the model in training reads a drawing between steps."""
        out = self.scores(ink[None] if ink.ndim == 2 else ink)
        probs = self.model.probabilities(out.to(self.device)).float().cpu().numpy()
        return probs[0] if ink.ndim == 2 else probs

    def test_accuracy(self) -> float | None:
        """Share of the test digits read right now (a test digit without ink counts as wrong)."""
        if self._test_ink is None or self._test_labels is None or not self.test_total:
            return None
        predicted = self.model.predict_labels(self.scores(self._test_ink)).numpy()
        return float((predicted == self._test_labels).sum()) / self.test_total

    def kernels(self) -> KernelSnapshot:
        c1_weight, c3_weight = self.model.kernels("C1"), self.model.kernels("C3")
        assert c1_weight is not None and c3_weight is not None  # both architectures have both
        with torch.no_grad():
            c1 = c1_weight.detach().float().cpu().numpy()[:, 0].copy()
            c3 = c3_weight.detach().float().cpu().numpy()[:C3_SHOWN].copy()
        return KernelSnapshot(self.step_count, c1, c3)

    def result(self, test_accuracy: float | None, train_seconds: float, history: list[HistoryPoint]
               ) -> RunResult:
        self.model.eval()
        return RunResult(
            self.model, self.config, test_accuracy, self.test_total, self.train_images, train_seconds,
            self.step_count, str(self.device), self.data_sha256, list(history),
        )
