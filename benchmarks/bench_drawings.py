"""Which shipped model reads drawn digits best? Accuracy on stroke-drawn, non-MNIST digits.

    python benchmarks/bench_drawings.py [--per-style 40] [--seed 1]

Every style of `lenet_core.synthetic` (plain digits and the variants people really write: crossed 7,
open 4, European 1, slashed 0, ...) is drawn `--per-style` times with random slant, size, position and
pen width on a 280x280 canvas, then read through the app's own path (`Recognizer.predict_batch`).
The app's default model is the one with the higher overall accuracy here.
"""

from __future__ import annotations

import argparse

import numpy as np
import torch

from lenet_core import Recognizer
from lenet_core.synthetic import all_styles, make_set


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--per-style", type=int, default=40)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    torch.set_num_threads(2)

    sets = [(d, s, *make_set(d, s, args.per_style, args.seed + i)) for i, (d, s) in enumerate(all_styles())]
    recognizers = {arch: Recognizer.load(arch, device="cpu") for arch in ("modern", "classic")}
    print(f"{'digit':>5} {'style':<10} " + " ".join(f"{a:>8}" for a in recognizers))
    totals = {a: [] for a in recognizers}
    plain = {a: [] for a in recognizers}
    for digit, style, images, labels in sets:
        row = []
        for arch, rec in recognizers.items():
            got = np.array(
                [-1 if q.label is None else q.label for q in rec.predict_batch(images, activations=False)]
            )
            correct = got == labels
            totals[arch].append(correct)
            if style == "plain":
                plain[arch].append(correct)
            row.append(f"{correct.mean():8.1%}")
        print(f"{digit:>5} {style:<10} " + " ".join(row))
    n = sum(len(s[3]) for s in sets)
    print(f"\n{n} drawn digits in {len(sets)} styles, {args.per_style} each:")
    for arch in recognizers:
        print(
            f"  {arch:8} all styles {np.concatenate(totals[arch]).mean():6.2%}   "
            f"plain only {np.concatenate(plain[arch]).mean():6.2%}"
        )


if __name__ == "__main__":
    main()
