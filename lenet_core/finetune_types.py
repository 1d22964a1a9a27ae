"""What fine-tuning takes and gives: its settings, its errors, its progress reports and its result.

Kept apart from the fine-tuning engine (`finetune.py`) so that the app and the model library can name
these types without the engine's data handling.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
from dataclasses import asdict, dataclass, field

import torch

from .models.base import LeNet5
from .recognizer import Recognizer

# Which top-level modules train for each `layers` choice; the rest are frozen. Names are the models'
# attribute names (the classic model's RBF output has no parameters, so "head" is F6 alone there).
LAYER_GROUPS: dict[str, tuple[str, ...] | None] = {
    "all": None,  # everything
    "classifier": ("C5", "C5_norm", "F6", "output"),
    "head": ("F6", "output"),
}


# Each model's default learning rate, chosen with `benchmarks/bench_finetune.py` (README): the modern
# model, trained to call odd shapes "not a digit", needs a bold step to learn a new style; the classic
# one already learns them at a tenth of it, and forgets more of MNIST the higher it goes.
DEFAULT_LR = {"classic": 3e-4, "modern": 3e-3}
FALLBACK_LR = 3e-4
# Each model's default share of replay digits per batch (same benchmark): the paper-faithful classic
# network has little spare capacity, so it needs more MNIST beside the user's samples to keep reading
# MNIST as it did (at 0.75 it forgot 0.39 points of MNIST; at 0.9, 0.18, with every style learnt).
DEFAULT_REPLAY = {"classic": 0.9, "modern": 0.75}
FALLBACK_REPLAY = 0.75


@dataclass(frozen=True)
class FineTuneConfig:
    epochs: int = 10
    lr: float | None = None  # Adam, peak of a short warm-up then cosine decay; None: `DEFAULT_LR`
    layers: str = "all"  # "all", "classifier" (C5, F6, output) or "head" (F6, output)
    batch_size: int = 64
    # Share of each batch taken from the MNIST replay digits; None: `DEFAULT_REPLAY`. The benchmark's
    # figures (README) set the defaults: with distill 3 and each model's own learning rate and replay,
    # they fix the style shift while MNIST drops by little.
    replay_ratio: float | None = None
    augment: bool = True
    balance_classes: bool = True  # every digit weighs the same in the loss (see _balanced_loss)
    # Weight of the distillation term on the replay digits: the copy is asked to keep giving the base
    # model's probabilities there, which holds MNIST accuracy far better than the labels alone. 0: off.
    distill: float = 3.0
    holdout_fraction: float = 0.2  # of the user's samples, per class, kept out of training for validation
    min_holdout_total: int = 10  # hold out only when there are at least this many usable samples
    # An epoch is one pass over the user's training samples, but at least this many draws of them, so
    # that 20 samples still get enough steps (each draw is a fresh distortion).
    min_epoch_draws: int = 256
    seed: int = 0
    device: str | None = None  # None: the recognizer's (or the model's) device; else "cpu", "cuda", "auto"

    def __post_init__(self) -> None:
        if self.layers not in LAYER_GROUPS:
            raise ValueError(f"layers must be one of {', '.join(LAYER_GROUPS)}, got {self.layers!r}")
        if self.epochs < 1 or self.batch_size < 2:
            raise ValueError("epochs must be >= 1 and batch_size >= 2")
        if self.replay_ratio is not None and not 0.0 <= self.replay_ratio < 1.0:
            raise ValueError(f"replay_ratio must be in [0, 1), got {self.replay_ratio}")
        if not 0.0 <= self.holdout_fraction < 1.0:
            raise ValueError(f"holdout_fraction must be in [0, 1), got {self.holdout_fraction}")
        if self.lr is not None and not (self.lr > 0 and math.isfinite(self.lr)):
            raise ValueError(f"lr must be a positive number, got {self.lr}")

    def lr_for(self, arch: str) -> float:
        """The learning rate a run on a model of `arch` uses."""
        return self.lr if self.lr is not None else DEFAULT_LR.get(arch, FALLBACK_LR)

    def replay_for(self, arch: str) -> float:
        """The share of replay digits per batch a run on a model of `arch` uses."""
        if self.replay_ratio is not None:
            return self.replay_ratio
        return DEFAULT_REPLAY.get(arch, FALLBACK_REPLAY)


# ------------------------------------------------------------------------------------------ errors


class FineTuneError(Exception):
    """Fine-tuning could not finish; the base model is unchanged. The message says why."""


class FineTuneDiverged(FineTuneError):
    """The loss became NaN or infinite (usually: learning rate too high)."""


class NotEnoughSamplesError(FineTuneError, ValueError):
    """Too few usable samples, or samples of only one digit."""


class InvalidSampleError(FineTuneError, ValueError):
    """Labels outside 0-9, or images and labels of different lengths."""


class FineTuneCancelled(Exception):  # noqa: N818 - not an error: the user asked for it
    """`should_cancel()` returned True; nothing was changed. Deliberately not a FineTuneError."""


# ------------------------------------------------------------------------------------------ reports


@dataclass(frozen=True)
class Progress:
    """Sent to the progress callback after every training step (a few ms each: throttle in the GUI)."""

    step: int  # 1-based
    total_steps: int
    epoch: int  # 1-based
    epochs: int
    loss: float  # this step's loss on the mixed batch
    accuracy: float  # on this step's (distorted) user samples
    elapsed_s: float
    eta_s: float
    holdout_accuracy: float | None = None  # set at the end of each epoch when samples are held out

    @property
    def fraction(self) -> float:
        return self.step / self.total_steps


@dataclass(frozen=True)
class HistoryPoint:
    step: int
    loss: float
    accuracy: float


@dataclass(frozen=True)
class SkippedSample:
    index: int  # into the images given to fine_tune
    reason: str


@dataclass(frozen=True)
class ChangedPrediction:
    """A held-out sample whose prediction differs before and after fine-tuning."""

    index: int  # into the images given to fine_tune
    label: int
    before: int
    after: int

    @property
    def fixed(self) -> bool:
        return self.after == self.label


@dataclass
class FineTuneResult:
    model: LeNet5  # the fine-tuned copy, in eval mode, on the training device
    device: torch.device
    base_arch: str
    base_metadata: dict[str, str]
    config: FineTuneConfig
    train_indices: list[int]  # into the images given, after skipping
    holdout_indices: list[int]
    samples_per_class: dict[int, int]  # usable samples (training + held out) per digit
    holdout_before: float | None  # accuracy on the held-out user samples; None when none were held out
    holdout_after: float | None
    mnist_before: float  # accuracy on the shipped 1,000 MNIST test digits
    mnist_after: float
    changed: list[ChangedPrediction]
    history: list[HistoryPoint]
    skipped: list[SkippedSample]
    elapsed_s: float
    date: str = field(
        default_factory=lambda: _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    )

    @property
    def samples_used(self) -> int:
        return len(self.train_indices)

    def recognizer(self) -> Recognizer:
        """The fine-tuned model ready to predict (shares the model; metadata as it would be saved)."""
        return Recognizer(self.model, self.device, self.metadata())

    def metadata(self) -> dict[str, str]:
        """Everything worth keeping with the saved weights (all strings, as safetensors wants)."""

        def pct(v: float | None) -> str:
            return "" if v is None else f"{v:.4f}"

        return {
            "kind": "fine-tuned",
            "base_arch": self.base_arch,
            "base_metadata": json.dumps(self.base_metadata, sort_keys=True),
            "finetune_date": self.date,
            "samples_used": str(self.samples_used),
            "samples_held_out": str(len(self.holdout_indices)),
            "samples_per_class": json.dumps({str(k): v for k, v in sorted(self.samples_per_class.items())}),
            "holdout_accuracy_before": pct(self.holdout_before),
            "holdout_accuracy_after": pct(self.holdout_after),
            "mnist_accuracy_before": pct(self.mnist_before),
            "mnist_accuracy_after": pct(self.mnist_after),
            "finetune_config": json.dumps(asdict(self.config), sort_keys=True),
            "finetune_seconds": f"{self.elapsed_s:.1f}",
        }
