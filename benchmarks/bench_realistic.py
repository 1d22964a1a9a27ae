"""How well do the shipped models read realistic handwriting, and how honest are their answers?

    python benchmarks/bench_realistic.py [--data ../shared/data/mnist] [--per-medium 500]
                                         [--figures benchmarks/figures] [--styles]

One table for both models, every figure from this run:

* realistic digits (`lenet_core.realistic.evaluation_set`): MNIST *test* digits traced into pen strokes
  and every named glyph style (crossed 7s, flagged 1s, small-loop 9s, open 4s...), written by random
  writers and recorded by every medium: the app's canvas with a mouse, a stylus or a finger, a pen
  tablet that keeps 8 (or 10-20) points per digit joined into one line, scans of 8x8 pixels with 17
  grey levels (as they are, or enlarged with square pixels) and of 16x16. Seeds of its own, no
  training digit among them;
* MNIST's 10,000 test digits through the app's preprocessing;
* drawings that are not digits (`lenet_core.negatives`, evaluation seeds): letters, arithmetic
  symbols, scribbles, lines, dots, noise, shadows...

Per model: accuracy per medium; expected calibration error (15 bins) on MNIST and on the realistic
set; the share of real digits answered "digit" and right; the share of non-digits that still get a
confident digit; the training time recorded in the weights. Reliability diagrams go to --figures.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageDraw

from lenet_core import Recognizer, mnist, negatives, realistic
from lenet_core.calibration import reliability_bins
from lenet_core.evaluate import answers, score_digits
from lenet_core.models import ARCHITECTURES, DEFAULT_ARCH


def reliability_png(confidence: np.ndarray, correct: np.ndarray, title: str, path: Path, ece: float) -> None:
    """Accuracy against confidence per bin (bars), the diagonal of perfect calibration, counts."""
    size, pad = 420, 50
    im = Image.new("RGB", (size, size), "white")
    d = ImageDraw.Draw(im)
    plot = size - 2 * pad

    def xy(cx: float, cy: float) -> tuple[float, float]:
        return pad + cx * plot, size - pad - cy * plot

    d.rectangle((*xy(0, 1), *xy(1, 0)), outline="black")
    for low, conf, acc, count in reliability_bins(confidence, correct):
        x0, y0 = xy(low, acc)
        x1, y1 = xy(low + 1 / 15, 0)
        d.rectangle((x0 + 1, y0, x1 - 1, y1), fill=(70, 120, 200))
        gx0, gy0 = xy(low, max(acc, conf))
        gx1, gy1 = xy(low + 1 / 15, min(acc, conf))
        d.rectangle((gx0 + 1, gy0, gx1 - 1, gy1), outline=(220, 60, 60))
        d.text((x0 + 2, y1 - 14), str(count), fill="white" if acc > 0.1 else "grey")
    d.line((*xy(0, 0), *xy(1, 1)), fill="black", width=1)
    for v in (0.0, 0.5, 1.0):
        d.text((xy(v, 0)[0] - 6, size - pad + 2), f"{v:g}", fill="black")
        d.text((pad - 22, xy(0, v)[1] - 6), f"{v:g}", fill="black")
    d.text((pad, 12), f"{title}  ECE {ece:.2%}", fill="black")
    d.text((pad, size - pad + 20), "confidence (15 bins); bars: accuracy; red: the gap; counts in the bars",
           fill="black")
    path.parent.mkdir(parents=True, exist_ok=True)
    im.save(path)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, default=Path("../shared/data/mnist"))
    p.add_argument("--per-medium", type=int, default=500)
    p.add_argument("--negatives", type=int, default=2400)
    p.add_argument("--figures", type=Path, default=Path("benchmarks/figures"))
    p.add_argument("--styles", action="store_true", help="also print accuracy per glyph style")
    args = p.parse_args()
    torch.set_num_threads(2)

    test = mnist.load_split(args.data, "test")
    digits = realistic.evaluation_set(test.images, test.labels, per_medium=args.per_medium)
    junk, families = negatives.make_negatives(args.negatives, realistic.EVAL_SEED + 5,
                                              media=tuple(realistic.MEDIA))
    print(f"{len(digits.images)} realistic digits, {len(test.images)} MNIST test digits, "
          f"{len(junk)} drawings that are not digits\n", file=sys.stderr)

    rows: dict[str, dict[str, str]] = collections.defaultdict(dict)
    style_rows: dict[str, dict[str, str]] = collections.defaultdict(dict)
    for arch in ARCHITECTURES:
        rec = Recognizer.load(arch, device="cpu")
        real = answers(rec, digits.images)
        real_score = score_digits(real, digits.labels)
        mn = answers(rec, test.images)
        mn_score = score_digits(mn, test.labels)
        neg = answers(rec, junk)
        right = real.predicted == digits.labels
        media = np.array(digits.media)
        for medium in realistic.MEDIA:
            rows[f"realistic: {medium}"][arch] = f"{right[media == medium].mean():.1%}"
        rows["realistic: all"][arch] = f"**{real_score.accuracy:.2%}**"
        rows["MNIST test accuracy"][arch] = f"**{mn_score.accuracy:.2%}**"
        rows["ECE, MNIST test"][arch] = f"{mn_score.ece:.2%}"
        rows["ECE, realistic"][arch] = f"{real_score.ece:.2%}"
        rows["confident and right: MNIST"][arch] = f"{mn_score.confident_correct:.2%}"
        rows["confident and right: realistic"][arch] = f"{real_score.confident_correct:.2%}"
        rows["confident and wrong: realistic"][arch] = f"{real_score.confident_wrong:.2%}"
        rows["unsure / not a digit: realistic"][arch] = f"{real_score.unsure:.1%} / {real_score.rejected:.1%}"
        rows["non-digits given a confident digit"][arch] = f"**{neg.confident.mean():.1%}**"
        fam = np.array(families)
        worst = sorted(((neg.confident[fam == f].mean(), f) for f in negatives.FAMILIES), reverse=True)[:3]
        rows["  worst non-digit families"][arch] = ", ".join(f"{f} {v:.0%}" for v, f in worst)
        rows["training time recorded (s)"][arch] = rec.metadata.get("train_seconds", "?")
        sources = np.array(digits.sources)
        for s in sorted(set(digits.sources)):
            style_rows[s][arch] = f"{right[sources == s].mean():.0%}"
        for name, a, labels, score in (("mnist", mn, test.labels, mn_score),
                                       ("realistic", real, digits.labels, real_score)):
            has = a.argmax >= 0
            reliability_png(a.confidence[has], (a.argmax == labels)[has], f"{arch}, {name}",
                            args.figures / f"reliability-{arch}-{name}.png", score.ece)

    archs = list(ARCHITECTURES)
    print(f"| measure | {' | '.join(a + (' (default)' if a == DEFAULT_ARCH else '') for a in archs)} |")
    print("|---|" + "---|" * len(archs))
    for name, cells in rows.items():
        print(f"| {name} | {' | '.join(cells.get(a, '') for a in archs)} |")
    if args.styles:
        print(f"\n| source | {' | '.join(archs)} |\n|---|" + "---|" * len(archs))
        for name, cells in style_rows.items():
            print(f"| {name} | {' | '.join(cells.get(a, '') for a in archs)} |")
    print(f"\nreliability diagrams in {args.figures}/", file=sys.stderr)


if __name__ == "__main__":
    main()
