"""Saliency latency: from a drawing to a heat map over it, per method, model and torch thread count.

    python benchmarks/bench_saliency.py [--repeats 10] [--threads 1 2]

What a stroke costs the saliency view: preprocessing the drawing with its placement
(`preprocess_placed`), the saliency map over the 32x32 input, and the map resampled onto the
280x280 drawing (`input_map_on_drawing`); for the explained digit alone and for "a or b?"
(`contrast`, the top two). Prints the median and the 90th percentile in ms; target: <= 50 ms median
on a 2-core CPU. Figures move with the machine's load, printed first: compare within one run.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
import torch
from PIL import Image, ImageDraw

from lenet_core.explain import METHODS, contrast, input_map_on_drawing, preprocess_placed, saliency
from lenet_core.preprocess import to_network_input
from lenet_core.resources import shipped_weights
from lenet_core.weights import load_weights

TARGET_MS = 50.0
CANVAS = 280


def drawings() -> list[np.ndarray]:
    """A few canvas-sized digits, some clear and some ambiguous (a 9 that may be a 4, a 1 or a 7)."""
    strokes = [
        ([(70, 50), (210, 50), (120, 240)], 18),  # 7
        ([(190, 110), (150, 50), (90, 70), (90, 130), (150, 150), (190, 110), (180, 250)], 16),  # 9 or 4
        ([(90, 60), (190, 60), (140, 140), (200, 200), (150, 250), (80, 230)], 14),  # 3
        ([(140, 40), (150, 240)], 22),  # 1
    ]
    images = []
    for points, width in strokes:
        im = Image.new("L", (CANVAS, CANVAS), 255)
        ImageDraw.Draw(im).line(points, fill=0, width=width, joint="curve")
        images.append(np.asarray(im))
    return images


def stroke_to_heat_map(model, drawing: np.ndarray, method: str, contrasted: bool) -> np.ndarray:
    placed = preprocess_placed(drawing)
    assert placed is not None
    ink, placement = placed
    x = to_network_input(ink)
    result = contrast(model, x, method) if contrasted else saliency(model, x, method)
    return input_map_on_drawing(result.heat, placement, (CANVAS, CANVAS))


def measure(
    model, images: list[np.ndarray], method: str, contrasted: bool, repeats: int
) -> tuple[float, float]:
    """Median and 90th percentile over `repeats` rounds of every drawing, after a warm-up round."""
    for drawing in images:
        stroke_to_heat_map(model, drawing, method, contrasted)
    samples = []
    for _ in range(repeats):
        for drawing in images:
            start = time.perf_counter()
            stroke_to_heat_map(model, drawing, method, contrasted)
            samples.append((time.perf_counter() - start) * 1e3)
    return float(np.median(samples)), float(np.percentile(samples, 90))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--repeats", type=int, default=10, help="timed rounds of the four drawings per setting")
    p.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    args = p.parse_args()
    print(f"torch {torch.__version__}, CPU, {os.cpu_count()} cores, load average {os.getloadavg()}")
    images = drawings()
    models = {arch: load_weights(shipped_weights(arch))[0] for arch in ("classic", "modern")}
    print(f"{'threads':>7} {'model':8} {'method':22} {'explains':9} {'median ms':>9} {'p90 ms':>7}  target")
    for threads in args.threads:
        torch.set_num_threads(threads)
        for arch, model in models.items():
            for method in METHODS:
                for contrasted in (False, True):
                    med, p90 = measure(model, images, method, contrasted, args.repeats)
                    verdict = "ok" if med <= TARGET_MS else "MISSED"
                    explains = "a or b" if contrasted else "digit"
                    print(
                        f"{threads:>7} {arch:8} {method:22} {explains:9} {med:9.1f} {p90:7.1f}  "
                        f"<= {TARGET_MS:.0f} ms {verdict}"
                    )
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
