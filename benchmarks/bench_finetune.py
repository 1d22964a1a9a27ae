"""Style-shift benchmark for the fine-tuning engine: does it fix the user's style without forgetting MNIST?

For each architecture:

1. Every synthetic style (`lenet_core.synthetic`), and every plain digit written back to front (as
   children learning to write often do), is read by the shipped model on a held-out set of 100
   digits; the styles it gets wrong at least 20% of the time are "the user's styles".
2. 20 samples of each of those styles (drawn with other seeds) are the user's samples; the model is
   fine-tuned on them with the DEFAULT `FineTuneConfig` (and the model's own default learning rate).
3. Targets: the error on the held-out digits of those styles is at least halved, and MNIST test
   accuracy (all 10,000 from ../shared/data/mnist when present, else the shipped 1,000) drops by at
   most 0.3 points. "plain" digits of every class are reported as a control.
4. Fine-tuning on 50 samples with the default settings is timed (target: 15 s on a 2-core CPU).

    python benchmarks/bench_finetune.py                  # both architectures (those with weights)
    python benchmarks/bench_finetune.py --arch modern --threads 2
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

import numpy as np
import torch

from lenet_core import Recognizer, preprocess, synthetic
from lenet_core.finetune import FineTuneConfig, fine_tune, mnist_test_digits, predict_ink, replay_digits
from lenet_core.finetune_types import DEFAULT_LR, DEFAULT_REPLAY
from lenet_core.mnist import load_split
from lenet_core.resources import shipped_weights

REPO = Path(__file__).resolve().parent.parent
SHARED_MNIST = REPO.parent / "shared" / "data" / "mnist"
HELD_OUT = 100
PER_STYLE = 20
HARD = 0.20  # a style is "hard" when the shipped model misreads at least this share of it
MAX_MNIST_DROP = 0.3  # points
TIME_TARGET_S = 15.0


def mnist_test() -> tuple[torch.Tensor, np.ndarray, str]:
    try:
        split = load_split(SHARED_MNIST, "test")
        images, labels, what = split.images, split.labels, f"full MNIST test set ({SHARED_MNIST})"
    except (FileNotFoundError, OSError, ValueError):
        x, y = mnist_test_digits()
        return x, y.numpy(), "shipped 1,000-digit MNIST test sample (full set not found)"
    ink = torch.from_numpy(np.stack([preprocess(im) for im in images]))[:, None]
    return ink, labels.astype(np.int64), what


def candidate_styles() -> list[tuple[int, str]]:
    return synthetic.all_styles() + [(d, "mirrored") for d in range(10)]


def make_set(digit: int, style: str, n: int, seed: int) -> tuple[list[np.ndarray], np.ndarray]:
    if style == "mirrored":
        return synthetic.make_set(digit, "plain", n, seed, mirror=True)
    return synthetic.make_set(digit, style, n, seed)


def ink_of(images: list[np.ndarray]) -> torch.Tensor:
    return torch.from_numpy(np.stack([preprocess(im) for im in images]))[:, None]


def error(model: torch.nn.Module, device: torch.device, x: torch.Tensor, y: np.ndarray, views: int) -> float:
    """The share misread, reading as the app does (the base model's calibration, and so its views, go
    with the fine-tuned model)."""
    return float((predict_ink(model, x, device, views) != y).mean())


def run(arch: str, cfg: FineTuneConfig, mnist: tuple[torch.Tensor, np.ndarray, str]) -> bool:
    rec = Recognizer.load(arch, device=cfg.device or "cpu")
    print(f"\n=== {arch} ({rec.device_name}) ===")
    # Held-out sets: seed 1000 + index; user samples: seed 2000 + index (never the same digits).
    held = {}
    for k, (digit, style) in enumerate(candidate_styles()):
        images, labels = make_set(digit, style, HELD_OUT, seed=1000 + k)
        held[(digit, style)] = (k, ink_of(images), labels)
    views = rec.calibration.views
    base_err = {key: error(rec.model, rec.device, x, y, views) for key, (_, x, y) in held.items()}
    hard = [key for key, e in base_err.items() if e >= HARD]
    if not hard:
        print("no style is misread often enough by this model: nothing to fix")
        return True
    print("user's styles (shipped model misreads >= 20%):", ", ".join(f"{s} {d}" for d, s in hard))

    user_images, user_labels = [], []
    for digit, style in hard:
        k = held[(digit, style)][0]
        images, labels = make_set(digit, style, PER_STYLE, seed=2000 + k)
        user_images += images
        user_labels += labels.tolist()
    result = fine_tune(rec, user_images, user_labels, cfg)
    model, device = result.model, result.device

    print(f"\n{'style':<16} {'error before':>13} {'error after':>12} {'halved':>7}")
    ok = True
    for digit, style in hard:
        _, x, y = held[(digit, style)]
        before, after = base_err[(digit, style)], error(model, device, x, y, views)
        halved = after <= before / 2
        ok &= halved
        print(f"{style + ' ' + str(digit):<16} {before:>12.1%} {after:>12.1%} {'yes' if halved else 'NO':>7}")
    plain = [key for key in held if key[1] == "plain"]
    px = torch.cat([held[k][1] for k in plain])
    py = np.concatenate([held[k][2] for k in plain])
    plain_before = error(rec.model, rec.device, px, py, views)
    plain_after = error(model, device, px, py, views)
    print(f"{'plain 0-9':<16} {plain_before:>12.1%} {plain_after:>12.1%}   (control)")

    mx, my, what = mnist
    acc_before = 100 * (1 - error(rec.model, rec.device, mx, my, views))
    acc_after = 100 * (1 - error(model, device, mx, my, views))
    drop = acc_before - acc_after
    ok &= drop <= MAX_MNIST_DROP
    print(f"\nMNIST accuracy on the {what}:")
    print(f"  before {acc_before:.2f}%  after {acc_after:.2f}%  drop {drop:+.2f} points "
          f"({'ok' if drop <= MAX_MNIST_DROP else 'TOO MUCH'}; limit {MAX_MNIST_DROP})")
    print(f"  held-out user samples: {result.holdout_before:.1%} -> {result.holdout_after:.1%} "
          f"({len(result.holdout_indices)} held out, {result.samples_used} trained on)")

    # Timing: 50 user samples, default settings, end to end (preprocessing, training, evaluation).
    fifty = np.random.default_rng(0).choice(len(user_images), 50, replace=len(user_images) < 50)
    t0 = time.perf_counter()
    timed = fine_tune(rec, [user_images[i] for i in fifty], [user_labels[i] for i in fifty], cfg)
    seconds = time.perf_counter() - t0
    ok &= seconds <= TIME_TARGET_S
    print(f"\nfine-tuning on 50 samples: {seconds:.1f} s ({len(timed.history)} steps, "
          f"{torch.get_num_threads()} threads; target <= {TIME_TARGET_S:.0f} s) "
          f"{'ok' if seconds <= TIME_TARGET_S else 'TOO SLOW'}")
    print(f"first run ({arch}): {result.elapsed_s:.1f} s on {len(user_images)} samples")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--arch", choices=["modern", "classic", "both"], default="both")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--device", default=None, help="cpu, cuda or auto (default: cpu)")
    # Overrides for tuning experiments; the targets are about the defaults.
    for f in dataclasses.fields(FineTuneConfig):
        if f.name not in ("device",):
            kind = type(f.default) if f.default is not None else float  # lr, replay: None is each model's own
            parse = (lambda s: s.lower() in ("1", "true", "yes", "on")) if kind is bool else kind
            parser.add_argument(f"--{f.name.replace('_', '-')}", type=parse, default=None)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    overrides = {f.name: getattr(args, f.name) for f in dataclasses.fields(FineTuneConfig)
                 if f.name != "device" and getattr(args, f.name) is not None}
    cfg = dataclasses.replace(FineTuneConfig(), device=args.device, **overrides)
    own = [(name, table) for name, value, table in (("lr", cfg.lr, DEFAULT_LR),
                                                     ("replay_ratio", cfg.replay_ratio, DEFAULT_REPLAY))
           if value is None]
    print(f"config: {cfg}" + ("  (DEFAULTS)" if not overrides else "  (NOT the defaults)")
          + "".join(f"; {name} None: each model's own, " + ", ".join(f"{a} {v:g}" for a, v in table.items())
                    for name, table in own))
    t0 = time.perf_counter()
    replay_digits(), mnist_test_digits()
    seconds = time.perf_counter() - t0
    print(f"preprocessing the shipped replay and test digits (once per process): {seconds:.1f} s")
    mnist = mnist_test()
    archs = ["modern", "classic"] if args.arch == "both" else [args.arch]
    ok = True
    for arch in archs:
        if not shipped_weights(arch).exists():
            print(f"\n=== {arch}: no shipped weights at {shipped_weights(arch)}; skipped ===")
            continue
        ok &= run(arch, cfg, mnist)
    print("\nALL TARGETS MET" if ok else "\nSOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
