"""Which learning rates are worth offering in the Train tab's advanced settings.

    python benchmarks/bench_learning_rate.py [--arch modern classic] [--per-digit 12] [--threads 2]

Fine-tunes the shipped model on synthetic handwriting in styles it misreads (as the README's
screenshot does: slashed 0, flagged 1, open 4, crossed 7), once per learning rate with every other
setting at the engine's default, and prints the accuracy on the held-out samples and on 1,000 MNIST
test digits after each run. A rate is useful when it fixes the held-out samples without costing
MNIST accuracy; the GUI's range is set from this table (see README).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import torch

from lenet_core import Recognizer, synthetic
from lenet_core.finetune import FineTuneConfig, FineTuneDiverged, fine_tune

STYLES = {0: "slashed", 1: "flagged", 4: "open", 7: "crossed"}
RATES = (1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arch", nargs="+", default=["modern", "classic"])
    parser.add_argument("--per-digit", type=int, default=12)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    rng = np.random.default_rng(7)
    images, labels = [], []
    for digit, style in STYLES.items():
        for _ in range(args.per_digit):
            images.append(synthetic.sample(digit, style, rng))
            labels.append(digit)
    print(f"{len(images)} samples ({', '.join(f'{s} {d}' for d, s in STYLES.items())}), default settings")
    for arch in args.arch:
        base = Recognizer.load(arch, device="cpu")
        print(f"\n{arch}:   lr       held-out before -> after   MNIST before -> after   seconds")
        for lr in RATES:
            start = time.perf_counter()
            try:
                r = fine_tune(base, images, labels, FineTuneConfig(lr=lr))
            except FineTuneDiverged:
                print(f"  {lr:9.0e}   diverged (loss NaN)")
                continue
            print(f"  {lr:9.0e}   {r.holdout_before:6.1%} -> {r.holdout_after:6.1%}"
                  f"          {r.mnist_before:6.1%} -> {r.mnist_after:6.1%}"
                  f"    {time.perf_counter() - start:5.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
