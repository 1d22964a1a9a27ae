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
import dataclasses
import math
import time
from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np
import torch
from torch import nn

from . import shipped_data
from .augment import AugmentConfig
from .data import preprocess_many
from .finetune_types import (
    LAYER_GROUPS,
    ChangedPrediction,
    FineTuneCancelled,
    FineTuneConfig,
    FineTuneDiverged,
    FineTuneError,
    FineTuneResult,
    HistoryPoint,
    InvalidSampleError,
    NotEnoughSamplesError,
    Progress,
    SkippedSample,
)
from .images import ImageError
from .models.base import LeNet5
from .preprocess import preprocess, to_network_input
from .reading_views import mean_over_views, with_shifted_views
from .recognizer import ImageInput, Recognizer, calibration_of, resolve_device
from .sample_data import check_label
from .train_step import LossFn, NonFiniteLoss, train_step

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


def _base_of(recognizer_or_model: Recognizer | LeNet5) -> tuple[LeNet5, torch.device, dict[str, str]]:
    if isinstance(recognizer_or_model, Recognizer):
        r = recognizer_or_model
        return r.model, r.device, dict(r.metadata)
    if isinstance(recognizer_or_model, nn.Module) and hasattr(recognizer_or_model, "arch"):
        model = recognizer_or_model
        param = next(model.parameters(), None)
        return model, param.device if param is not None else torch.device("cpu"), {"arch": model.arch}
    raise TypeError(f"expected a Recognizer or a LeNet-5 model, got {type(recognizer_or_model).__name__}")


def _set_trainable(model: LeNet5, layers: str) -> list[nn.Parameter]:
    groups = LAYER_GROUPS[layers]
    params = []
    for name, p in model.named_parameters():
        p.requires_grad_(groups is None or name.split(".")[0] in groups)
        if p.requires_grad:
            params.append(p)
    if not params:
        raise FineTuneError(f"the {model.arch} model has no trainable parameters in {layers!r}")
    return params


def _train_mode(model: LeNet5) -> None:
    """Dropout on, batch norm frozen (eval mode: running statistics are used and left unchanged)."""
    model.train()
    for m in model.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            m.eval()


@torch.no_grad()
def predict_ink(
    model: LeNet5, ink: torch.Tensor, device: torch.device, views: int = 1, batch: int = 500
) -> np.ndarray:
    """Labels for preprocessed ink (N, 1, 32, 32) in [0, 1], from the mean output over `views` views
    of each image, as the app reads (`reading_views`)."""
    was_training = model.training
    model.eval()
    out = []
    for i in range(0, len(ink), batch):
        x = to_network_input(ink[i : i + batch]).to(device)
        output = mean_over_views(model(with_shifted_views(x, views)), views)
        out.append(model.predict_labels(output).cpu())
    model.train(was_training)
    return torch.cat(out).numpy() if out else np.zeros(0, dtype=np.int64)


def _accuracy(pred: np.ndarray, labels: np.ndarray) -> float | None:
    return float((pred == labels).mean()) if len(labels) else None


# ------------------------------------------------------------------------------------------ engine


def fine_tune(
    recognizer_or_model: Recognizer | LeNet5,
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
    start = time.perf_counter()
    base, base_device, base_meta = _base_of(recognizer_or_model)
    cfg = config or FineTuneConfig()
    # The result says which rate and replay share were used.
    cfg = dataclasses.replace(cfg, lr=cfg.lr_for(base.arch), replay_ratio=cfg.replay_for(base.arch))
    device = base_device if cfg.device is None else resolve_device(cfg.device)

    ink, y, kept, skipped = prepare_samples(images, labels)
    train_pos, hold_pos = split_holdout(y, cfg)
    replay_x, replay_y = replay_digits()
    test_x, test_y = mnist_test_digits()

    model = copy.deepcopy(base).to(device)
    model.eval()
    # Read as the app will read the result: it keeps its base's calibration, and so its views.
    views = calibration_of(base_meta, str(base.output_kind)).views
    hold_before = predict_ink(model, ink[hold_pos], device, views)
    mnist_before = _accuracy(predict_ink(model, test_x, device, views), test_y.numpy())

    params = _set_trainable(model, cfg.layers)
    teacher = copy.deepcopy(model).eval() if cfg.distill > 0 else None
    history = _train(
        model, teacher, params, ink[train_pos], torch.from_numpy(y[train_pos]), replay_x, replay_y,
        ink[hold_pos], y[hold_pos], cfg, device, start, progress, should_cancel, views,
    )
    model.eval()
    for p in model.parameters():
        p.requires_grad_(True)  # leave the copy like any loaded model

    hold_after = predict_ink(model, ink[hold_pos], device, views)
    mnist_after = _accuracy(predict_ink(model, test_x, device, views), test_y.numpy())
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


def _log_probs(model: LeNet5, output: torch.Tensor) -> torch.Tensor:
    # Logits (modern) or RBF penalties (classic: lower is better), as the model's own probabilities do.
    return torch.log_softmax(-output if model.output_kind == "rbf_penalties" else output, dim=1)


def _balanced_loss(model: LeNet5, output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """The mean over the digits present of each digit's mean loss.

    User samples are usually of a few digits only; with a plain mean their share of every batch would
    teach the model that those digits are simply more likely (MNIST 8s would turn into the user's 0s).
    Weighing each digit equally keeps the uniform prior the model learned on MNIST.
    """
    groups = [target == c for c in target.unique()]
    return torch.stack([model.loss(output[g], target[g]) for g in groups]).mean()


def _fine_tune_loss(teacher: LeNet5 | None, n_user: int, n_replay: int, cfg: FineTuneConfig) -> LossFn:
    """The model's own loss (balanced over the digits present when asked), plus, with a teacher, the
    distance of the student's answers on the replay digits (the batch's last `n_replay`) from the
    teacher's."""

    def loss_fn(model: LeNet5, output: torch.Tensor, target: torch.Tensor, net_in: torch.Tensor
                ) -> torch.Tensor:
        loss = _balanced_loss(model, output, target) if cfg.balance_classes else model.loss(output, target)
        if teacher is not None and n_replay:
            with torch.no_grad():
                taught = _log_probs(teacher, teacher(net_in[n_user:]))
            student = _log_probs(model, output[n_user:])
            loss = loss + cfg.distill * torch.nn.functional.kl_div(student, taught, log_target=True,
                                                                   reduction="batchmean")
        return loss

    return loss_fn


def _train(
    model: LeNet5,
    teacher: LeNet5 | None,
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
    views: int = 1,
) -> list[HistoryPoint]:
    n_replay = min(round(cfg.batch_size * cfg.replay_for(model.arch)), cfg.batch_size - 1)  # >= 1 user sample
    n_user = cfg.batch_size - n_replay
    steps_per_epoch = math.ceil(max(len(user_x), cfg.min_epoch_draws) / n_user)
    total = cfg.epochs * steps_per_epoch
    lr = cfg.lr_for(model.arch)
    optimiser = torch.optim.Adam(params, lr=lr)
    warmup = max(1, total // 10)

    def lr_factor(step: int) -> float:  # linear warm-up, then cosine down to zero
        if step < warmup:
            return (step + 1) / warmup
        return 0.5 * (1 + math.cos(math.pi * (step - warmup) / max(1, total - warmup)))

    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lr_factor)
    aug_cfg = AugmentConfig()
    loss_fn = _fine_tune_loss(teacher, n_user, n_replay, cfg)
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
                try:
                    output, loss_value = train_step(model, optimiser, schedule, xb, yb, loss_fn, device,
                                                    generator, aug_cfg if cfg.augment else None)
                except NonFiniteLoss as exc:
                    raise FineTuneDiverged(
                        f"the loss became {exc.value} at step {step + 1} of {total}, so training stopped "
                        f"and the model was not changed. The learning rate ({lr:g}) is probably too "
                        "high: try a smaller one."
                    ) from None
                step += 1
                with torch.no_grad():
                    hits = model.predict_labels(output[: len(u)]) == yb[: len(u)]
                accuracy = float(hits.float().mean())
                history.append(HistoryPoint(step, loss_value, accuracy))
                holdout = None
                if i == steps_per_epoch - 1 and len(hold_y):
                    holdout = _accuracy(predict_ink(model, hold_x, device, views), hold_y)
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
