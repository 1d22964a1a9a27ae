"""Fine-tuning a trained LeNet-5 on the user's own handwriting, without letting it forget MNIST.

The recipe, and why:

* Work on a deep copy: the model the app is using is never touched, whatever happens (cancel, NaN).
* Every user image goes through `preprocess`, the app's one path, so training sees what prediction sees.
* Each batch mixes the user's samples (freshly distorted by `augment` every time they are drawn, so 20
  samples act like hundreds) with MNIST "replay" digits shipped with the app: the replay share is
  what keeps MNIST accuracy from dropping while the model learns the user's style.
* Batch-norm statistics (modern model) stay frozen: a few hundred steps of small mixed batches would
  only make them noisier than the ones estimated on all of MNIST.
* Part of the user's samples is held out (stratified) to show an honest before/after accuracy.

Cancelling raises `FineTuneCancelled`; a loss that becomes NaN or infinite raises `FineTuneDiverged`.
Both leave the base model as it was. Bad input raises `NotEnoughSamplesError` or `InvalidSampleError`
(both `ValueError`s) with a message meant for the user.
"""

from __future__ import annotations

import copy
import datetime as _dt
import json
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache

import numpy as np
import torch
from torch import nn

from . import shipped_data
from .augment import AugmentConfig, augment
from .data import preprocess_many
from .images import ImageError
from .preprocess import preprocess, to_network_input
from .recognizer import ImageInput, Recognizer, resolve_device
from .sample_store import check_label

# Which top-level modules train for each `layers` choice; the rest are frozen. Names are the models'
# attribute names (the classic model's RBF output has no parameters, so "head" is F6 alone there).
LAYER_GROUPS: dict[str, tuple[str, ...] | None] = {
    "all": None,  # everything
    "classifier": ("C5", "C5_norm", "F6", "output"),
    "head": ("F6", "output"),
}


@dataclass(frozen=True)
class FineTuneConfig:
    epochs: int = 10
    lr: float = 3e-4  # Adam, peak of a short warm-up then cosine decay to zero
    layers: str = "all"  # "all", "classifier" (C5, F6, output) or "head" (F6, output)
    batch_size: int = 64
    # Share of each batch taken from the MNIST replay digits. The benchmark's figures (README) set the
    # defaults: lr 3e-4, replay 0.75 and distill 3 fix the style shift while MNIST drops <= 0.15 points.
    replay_ratio: float = 0.75
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
        if not 0.0 <= self.replay_ratio < 1.0:
            raise ValueError(f"replay_ratio must be in [0, 1), got {self.replay_ratio}")
        if not 0.0 <= self.holdout_fraction < 1.0:
            raise ValueError(f"holdout_fraction must be in [0, 1), got {self.holdout_fraction}")
        if not (self.lr > 0 and math.isfinite(self.lr)):
            raise ValueError(f"lr must be a positive number, got {self.lr}")


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
    model: nn.Module  # the fine-tuned copy, in eval mode, on the training device
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


# ------------------------------------------------------------------------------------------ data


@lru_cache(maxsize=4)
def _shipped_ink(name: str) -> tuple[torch.Tensor, torch.Tensor]:
    """A shipped MNIST subset through `preprocess` (cached: it takes ~0.5 s for the replay set)."""
    digits = shipped_data.load(name)
    ink, kept = preprocess_many(digits.images)
    return torch.from_numpy(ink)[:, None], torch.from_numpy(digits.labels[kept].astype(np.int64))


def replay_digits() -> tuple[torch.Tensor, torch.Tensor]:
    """The MNIST replay digits as (N, 1, 32, 32) ink in [0, 1] and (N,) labels."""
    return _shipped_ink(shipped_data.REPLAY)


def mnist_test_digits() -> tuple[torch.Tensor, torch.Tensor]:
    """The shipped 1,000 MNIST test digits, preprocessed like `replay_digits`."""
    return _shipped_ink(shipped_data.TEST_SAMPLE)


def _check_labels(labels: Sequence[object], n_images: int) -> np.ndarray:
    if len(labels) != n_images:
        raise InvalidSampleError(f"{n_images} images but {len(labels)} labels: every image needs one label")
    out, bad = np.empty(len(labels), dtype=np.int64), []
    for i, label in enumerate(labels):
        try:
            out[i] = check_label(label)
        except ValueError:
            bad.append(f"#{i}: {label!r}")
    if bad:
        shown = ", ".join(bad[:5]) + (f" and {len(bad) - 5} more" if len(bad) > 5 else "")
        raise InvalidSampleError(f"labels must be digits 0-9; these are not: {shown}")
    return out


def prepare_samples(
    images: Sequence[ImageInput], labels: Sequence[object]
) -> tuple[torch.Tensor, np.ndarray, list[int], list[SkippedSample]]:
    """Preprocess the user's images; returns ink (N, 1, 32, 32), labels, their original indices, skips."""
    y = _check_labels(labels, len(images))
    ink, kept, skipped = [], [], []
    for i, image in enumerate(images):
        try:
            x = preprocess(image)
        except ImageError as exc:
            skipped.append(SkippedSample(i, f"not a readable image: {exc}"))
            continue
        if x is None:
            skipped.append(SkippedSample(i, "no ink: the image is blank"))
            continue
        ink.append(x)
        kept.append(i)
    if not kept:
        detail = f" ({len(skipped)} image(s) were skipped: blank or unreadable)" if skipped else ""
        raise NotEnoughSamplesError(
            "there are no usable samples to learn from" + detail
            + ": draw or import samples of at least two different digits"
        )
    classes = sorted(set(y[kept].tolist()))
    if len(classes) < 2:
        raise NotEnoughSamplesError(
            f"all usable samples are of the digit {classes[0]}: add samples of at least two different "
            "digits, so that the model learns to tell your digits apart rather than to answer "
            f"{classes[0]} to everything"
        )
    return torch.from_numpy(np.stack(ink))[:, None], y[kept], kept, skipped


def split_holdout(labels: np.ndarray, cfg: FineTuneConfig) -> tuple[np.ndarray, np.ndarray]:
    """Stratified split into (train, holdout) positions; no holdout when there are too few samples.

    Only digits with at least two samples give some away, and every digit keeps at least one sample
    for training.
    """
    positions = np.arange(len(labels))
    if cfg.holdout_fraction <= 0 or len(labels) < cfg.min_holdout_total:
        return positions, positions[:0]
    rng = np.random.default_rng(cfg.seed)
    held = []
    for digit in np.unique(labels):
        mine = rng.permutation(positions[labels == digit])
        if len(mine) >= 2:
            k = min(len(mine) - 1, max(1, round(cfg.holdout_fraction * len(mine))))
            held.extend(mine[:k].tolist())
    holdout = np.array(sorted(held), dtype=np.int64)
    return np.setdiff1d(positions, holdout), holdout


# ------------------------------------------------------------------------------------------ model


def _base_of(recognizer_or_model: Recognizer | nn.Module) -> tuple[nn.Module, torch.device, dict[str, str]]:
    if isinstance(recognizer_or_model, Recognizer):
        r = recognizer_or_model
        return r.model, r.device, dict(r.metadata)
    if isinstance(recognizer_or_model, nn.Module) and hasattr(recognizer_or_model, "arch"):
        model = recognizer_or_model
        param = next(model.parameters(), None)
        return model, param.device if param is not None else torch.device("cpu"), {"arch": model.arch}
    raise TypeError(f"expected a Recognizer or a LeNet-5 model, got {type(recognizer_or_model).__name__}")


def _set_trainable(model: nn.Module, layers: str) -> list[nn.Parameter]:
    groups = LAYER_GROUPS[layers]
    params = []
    for name, p in model.named_parameters():
        p.requires_grad_(groups is None or name.split(".")[0] in groups)
        if p.requires_grad:
            params.append(p)
    if not params:
        raise FineTuneError(f"the {model.arch} model has no trainable parameters in {layers!r}")
    return params


def _train_mode(model: nn.Module) -> None:
    """Dropout on, batch norm frozen (eval mode: running statistics are used and left unchanged)."""
    model.train()
    for m in model.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            m.eval()


@torch.no_grad()
def predict_ink(model: nn.Module, ink: torch.Tensor, device: torch.device, batch: int = 1000) -> np.ndarray:
    """Labels for preprocessed ink (N, 1, 32, 32) in [0, 1]."""
    was_training = model.training
    model.eval()
    out = []
    for i in range(0, len(ink), batch):
        output = model(to_network_input(ink[i : i + batch]).to(device))
        out.append(model.predict_labels(output).cpu())
    model.train(was_training)
    return torch.cat(out).numpy() if out else np.zeros(0, dtype=np.int64)


def _accuracy(pred: np.ndarray, labels: np.ndarray) -> float | None:
    return float((pred == labels).mean()) if len(labels) else None


# ------------------------------------------------------------------------------------------ engine


def fine_tune(
    recognizer_or_model: Recognizer | nn.Module,
    images: Sequence[ImageInput],
    labels: Sequence[object],
    config: FineTuneConfig | None = None,
    progress: Callable[[Progress], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> FineTuneResult:
    """Fine-tune a copy of the model on the user's labelled digit images (any form `preprocess` takes).

    Raises NotEnoughSamplesError / InvalidSampleError for unusable input, FineTuneDiverged when the
    loss stops being finite, FineTuneCancelled when `should_cancel()` says so (checked every step).
    Blank or unreadable images are skipped and listed in the result's `skipped`.
    """
    cfg = config or FineTuneConfig()
    start = time.perf_counter()
    base, base_device, base_meta = _base_of(recognizer_or_model)
    device = base_device if cfg.device is None else resolve_device(cfg.device)

    ink, y, kept, skipped = prepare_samples(images, labels)
    train_pos, hold_pos = split_holdout(y, cfg)
    replay_x, replay_y = replay_digits()
    test_x, test_y = mnist_test_digits()

    model = copy.deepcopy(base).to(device)
    model.eval()
    hold_before = predict_ink(model, ink[hold_pos], device)
    mnist_before = _accuracy(predict_ink(model, test_x, device), test_y.numpy())

    params = _set_trainable(model, cfg.layers)
    teacher = copy.deepcopy(model).eval() if cfg.distill > 0 else None
    history = _train(
        model, teacher, params, ink[train_pos], torch.from_numpy(y[train_pos]), replay_x, replay_y,
        ink[hold_pos], y[hold_pos], cfg, device, start, progress, should_cancel,
    )
    model.eval()
    for p in model.parameters():
        p.requires_grad_(True)  # leave the copy like any loaded model

    hold_after = predict_ink(model, ink[hold_pos], device)
    mnist_after = _accuracy(predict_ink(model, test_x, device), test_y.numpy())
    changed = [
        ChangedPrediction(kept[int(p)], int(y[p]), int(b), int(a))
        for p, b, a in zip(hold_pos, hold_before, hold_after, strict=True)
        if b != a
    ]
    counts = np.bincount(y, minlength=10)
    return FineTuneResult(
        model=model,
        device=device,
        base_arch=model.arch,
        base_metadata=base_meta,
        config=cfg,
        train_indices=[kept[int(p)] for p in train_pos],
        holdout_indices=[kept[int(p)] for p in hold_pos],
        samples_per_class={d: int(c) for d, c in enumerate(counts) if c},
        holdout_before=_accuracy(hold_before, y[hold_pos]),
        holdout_after=_accuracy(hold_after, y[hold_pos]),
        mnist_before=float(mnist_before or 0.0),
        mnist_after=float(mnist_after or 0.0),
        changed=changed,
        history=history,
        skipped=skipped,
        elapsed_s=time.perf_counter() - start,
    )


def _log_probs(model: nn.Module, output: torch.Tensor) -> torch.Tensor:
    # Logits (modern) or RBF penalties (classic: lower is better), as the model's own probabilities do.
    return torch.log_softmax(-output if model.output_kind == "rbf_penalties" else output, dim=1)


def _balanced_loss(model: nn.Module, output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """The mean over the digits present of each digit's mean loss.

    User samples are usually of a few digits only; with a plain mean their share of every batch would
    teach the model that those digits are simply more likely (MNIST 8s would turn into the user's 0s).
    Weighing each digit equally keeps the uniform prior the model learned on MNIST.
    """
    groups = [target == c for c in target.unique()]
    return torch.stack([model.loss(output[g], target[g]) for g in groups]).mean()


def _train(
    model: nn.Module,
    teacher: nn.Module | None,
    params: list[nn.Parameter],
    user_x: torch.Tensor,
    user_y: torch.Tensor,
    replay_x: torch.Tensor,
    replay_y: torch.Tensor,
    hold_x: torch.Tensor,
    hold_y: np.ndarray,
    cfg: FineTuneConfig,
    device: torch.device,
    start: float,
    progress: Callable[[Progress], None] | None,
    should_cancel: Callable[[], bool] | None,
) -> list[HistoryPoint]:
    n_replay = min(round(cfg.batch_size * cfg.replay_ratio), cfg.batch_size - 1)  # >= 1 user sample
    n_user = cfg.batch_size - n_replay
    steps_per_epoch = math.ceil(max(len(user_x), cfg.min_epoch_draws) / n_user)
    total = cfg.epochs * steps_per_epoch
    optimiser = torch.optim.Adam(params, lr=cfg.lr)
    warmup = max(1, total // 10)

    def lr_factor(step: int) -> float:  # linear warm-up, then cosine down to zero
        if step < warmup:
            return (step + 1) / warmup
        return 0.5 * (1 + math.cos(math.pi * (step - warmup) / max(1, total - warmup)))

    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lr_factor)
    aug_cfg = AugmentConfig()
    history: list[HistoryPoint] = []
    # Our own RNG streams: reproducible from cfg.seed, and the app's global torch RNG is left alone.
    generator = torch.Generator().manual_seed(cfg.seed)
    fork_devices = [device] if device.type == "cuda" else []
    with torch.random.fork_rng(devices=fork_devices):
        torch.manual_seed(cfg.seed)
        step = 0
        for epoch in range(cfg.epochs):
            _train_mode(model)
            # User samples cycled through in fresh random orders until the epoch's draws are done.
            draws = steps_per_epoch * n_user
            order = torch.cat([torch.randperm(len(user_x), generator=generator)
                               for _ in range(math.ceil(draws / len(user_x)))])[:draws]
            for i in range(steps_per_epoch):
                if should_cancel is not None and should_cancel():
                    raise FineTuneCancelled("fine-tuning was cancelled; the model was not changed")
                u = order[i * n_user : (i + 1) * n_user]
                r = torch.randint(len(replay_x), (n_replay,), generator=generator)
                xb = torch.cat([user_x[u], replay_x[r]])
                yb = torch.cat([user_y[u], replay_y[r]]).to(device)
                if cfg.augment:
                    xb = augment(xb, generator, aug_cfg)
                net_in = to_network_input(xb).to(device)
                output = model(net_in)
                loss = _balanced_loss(model, output, yb) if cfg.balance_classes else model.loss(output, yb)
                if teacher is not None and n_replay:
                    with torch.no_grad():
                        target = _log_probs(teacher, teacher(net_in[len(u):]))
                    student = _log_probs(model, output[len(u):])
                    kl = torch.nn.functional.kl_div(student, target, log_target=True, reduction="batchmean")
                    loss = loss + cfg.distill * kl
                loss_value = float(loss.item())
                if not math.isfinite(loss_value):
                    raise FineTuneDiverged(
                        f"the loss became {loss_value} at step {step + 1} of {total}, so training stopped "
                        f"and the model was not changed. The learning rate ({cfg.lr:g}) is probably too "
                        "high: try a smaller one."
                    )
                optimiser.zero_grad(set_to_none=True)
                loss.backward()
                optimiser.step()
                schedule.step()
                step += 1
                with torch.no_grad():
                    hits = model.predict_labels(output[: len(u)]) == yb[: len(u)]
                accuracy = float(hits.float().mean())
                history.append(HistoryPoint(step, loss_value, accuracy))
                holdout = None
                if i == steps_per_epoch - 1 and len(hold_y):
                    holdout = _accuracy(predict_ink(model, hold_x, device), hold_y)
                    _train_mode(model)
                if progress is not None:
                    elapsed = time.perf_counter() - start
                    eta = elapsed / step * (total - step)  # includes set-up time: a slight overestimate
                    progress(Progress(step, total, epoch + 1, cfg.epochs, loss_value, accuracy, elapsed, eta,
                                      holdout))
    for name, p in model.named_parameters():
        if not torch.isfinite(p).all():
            raise FineTuneDiverged(f"parameter {name} became NaN or infinite; the model was not changed")
    return history
