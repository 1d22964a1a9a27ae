"""How long listing the kept models takes: headers only against loading every file, same folder, same run.

    python benchmarks/bench_library.py [--models 75] [--repeats 5]

Fills a temporary folder with N kept models (modern architecture, as the Train tab saves them), then
times `ModelLibrary.entries()` from a fresh library object (what the app does at start-up and after each
change; a fresh object has no cache) against loading every file with `load_weights` (what listing
used to do). Prints the medians and their ratio.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import torch

from lenet_core.model_library import ModelLibrary
from lenet_core.models import build_model
from lenet_core.weights import load_weights


def median_s(fn, repeats: int) -> float:  # noqa: ANN001 - any callable
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=75)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    torch.set_num_threads(1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        library = ModelLibrary(folder)
        model = build_model("modern")
        for n in range(args.models):
            library.save(model, f"model {n}")
        listed = median_s(lambda: ModelLibrary(folder).entries(), args.repeats)
        files = sorted(folder.glob("finetuned-v*.safetensors"))
        loaded = median_s(lambda: [load_weights(p) for p in files], args.repeats)
    print(f"{args.models} kept models, median of {args.repeats}")
    print(f"  list() from headers:      {listed * 1000:8.1f} ms")
    print(f"  loading every file:       {loaded * 1000:8.1f} ms")
    print(f"  ratio (load / list):      {loaded / listed:8.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
