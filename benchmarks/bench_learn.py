"""Training from scratch, timed from the click: the Learn page's recipe beside the tutorial's.

Both run in this one process, one after the other, on the same device and threads.

* Learn page: the click loads MNIST through the app's preprocessing (from the cache when warm; the cold
  figure adds building the cache in a fresh folder, timed in a fresh process as the app would build it,
  beside a baseline build on one process), then `drive`s the Learn recipe (`learn_recipe`) exactly as
  the page's worker does, measuring all 10,000 test digits every `LEARN_TEST_EVERY_S` of training.
  The page warms torch up when it is first shown (`warm_up`: the optimiser's imports, the first
  pass), so the click does not pay that; neither does the run here.
  "To 98%" / "to 99%" is the time from the click to the first measurement at or above it.
* Tutorial (the recipe of the Chinese LeNet-5 tutorial the app's users learn from): its own LeNet-5
  (ReLU, average pooling, 28x28 input, 16x4x4 into the first fully connected layer), MNIST scaled to
  [0, 1] as `ToTensor` does, shuffled batches of 64, Adam at its defaults, cross-entropy, 10 epochs;
  tested after every epoch. Its clock leaves the testing out and needs no preprocessing (generous).

Targets (2-core CPU): 99.0% within 30 s of the click and 98% within 10 s, cache warm.

    python benchmarks/bench_learn.py --threads 2                 # CPU, as the targets are stated
    python benchmarks/bench_learn.py --device cuda               # where a GPU is present
    python benchmarks/bench_learn.py --recipe '{"epochs": 1}'    # try a variation of the recipe
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from lenet_core import mnist, parallel
from lenet_core.mnist_cache import load_prepared
from lenet_core.recognizer import resolve_device
from lenet_core.run_control import LEARN_TEST_EVERY_S, drive
from lenet_core.train_config import TrainConfig
from lenet_core.training_run import TrainingRun, learn_recipe, warm_up

REPO = Path(__file__).resolve().parent.parent
SHARED_MNIST = REPO.parent / "shared" / "data" / "mnist"
TARGETS = (0.98, 0.99)


class TutorialLeNet5(nn.Module):
    """The tutorial's model, layer for layer."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels=1, out_channels=6, kernel_size=5, stride=1)
        self.pool1 = nn.AvgPool2d(kernel_size=2, stride=2)
        self.conv2 = nn.Conv2d(in_channels=6, out_channels=16, kernel_size=5, stride=1)
        self.pool2 = nn.AvgPool2d(kernel_size=2, stride=2)
        self.fc1 = nn.Linear(in_features=16 * 4 * 4, out_features=120)
        self.fc2 = nn.Linear(in_features=120, out_features=84)
        self.fc3 = nn.Linear(in_features=84, out_features=10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.pool1(torch.relu(self.conv1(x)))
        x = self.pool2(torch.relu(self.conv2(x)))
        x = x.view(-1, 16 * 4 * 4)
        x = torch.relu(self.fc1(x))
        x = torch.relu(self.fc2(x))
        return self.fc3(x)


def first_at(points: list[tuple[float, float]], target: float) -> float | None:
    return next((t for t, acc in points if acc >= target), None)


def run_learn(data: Path, cache: Path, device: torch.device, recipe: TrainConfig) -> dict:
    warm_up(recipe.arch)  # as the page does when it is first shown, before anyone can click
    click = time.perf_counter()
    prepared = load_prepared(data, cache)
    load_s = time.perf_counter() - click
    run = TrainingRun(prepared.train_ink, prepared.train_labels, recipe, device, prepared.test_ink,
                      prepared.test_labels, prepared.test_total)
    points: list[tuple[float, float]] = []
    rates: list[float] = []

    def on_progress(p) -> None:
        rates.append(p.images_per_s)
        if p.test_accuracy is not None:
            points.append((time.perf_counter() - click, p.test_accuracy))

    result = drive(run, on_progress=on_progress, test_every_s=LEARN_TEST_EVERY_S)
    return {"load_s": load_s, "source": prepared.source, "points": points, "final": result.test_accuracy,
            "total_s": time.perf_counter() - click, "images_per_s": float(np.median(rates))}


def run_tutorial(data: Path, device: torch.device, epochs: int, seed: int = 0) -> dict:
    click = time.perf_counter()
    torch.manual_seed(seed)
    train, test = mnist.load_split(data, "train"), mnist.load_split(data, "test")
    x = torch.from_numpy(train.images.astype(np.float32) / 255.0).unsqueeze(1)  # ToTensor
    y = torch.from_numpy(train.labels.astype(np.int64))
    xt = torch.from_numpy(test.images.astype(np.float32) / 255.0).unsqueeze(1).to(device)
    yt = torch.from_numpy(test.labels.astype(np.int64)).to(device)
    model = TutorialLeNet5().to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters())
    testing_s, points = 0.0, []
    for _ in range(epochs):
        model.train()
        order = torch.randperm(len(x))
        for i in range(0, len(x), 64):
            idx = order[i : i + 64]
            images, labels = x[idx].to(device), y[idx].to(device)
            optimizer.zero_grad()
            loss = criterion(model(images), labels)
            loss.backward()
            optimizer.step()
        t = time.perf_counter()
        model.eval()
        with torch.no_grad():
            correct = sum(int((model(xt[i : i + 1000]).argmax(1) == yt[i : i + 1000]).sum())
                          for i in range(0, len(xt), 1000))
        testing_s += time.perf_counter() - t
        points.append((time.perf_counter() - click - testing_s, correct / len(xt)))
    return {"points": points, "final": points[-1][1], "total_s": points[-1][0]}


BUILD_CACHE = """
import sys, time
from pathlib import Path
from lenet_core.mnist_cache import load_prepared
start = time.perf_counter()
load_prepared(sys.argv[1], Path(sys.argv[2]))
print(time.perf_counter() - start)
"""


def cache_build_seconds(data: Path, cache: Path, workers: int | None = None) -> float:
    """Seconds to build the cache in a fresh Python whose main module imports nothing else, as the
    app's does: worker processes start by importing the main module, and this script's imports torch,
    which the app's workers never pay for. `workers=1`: everything in that one process, the baseline."""
    env = dict(os.environ)
    if workers is not None:
        env[parallel.ENV_VAR] = str(workers)
    done = subprocess.run([sys.executable, "-c", BUILD_CACHE, str(data), str(cache)], env=env, check=True,
                          capture_output=True, text=True, cwd=REPO)
    return float(done.stdout.split()[-1])


def fmt(seconds: float | None, unit: str = "s") -> str:
    return "not reached" if seconds is None else f"{seconds:.1f} {unit}"


def load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, default=SHARED_MNIST)
    p.add_argument("--device", default="cpu")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--tutorial-epochs", type=int, default=10)
    p.add_argument("--arch", default="modern", choices=("modern", "classic"))
    p.add_argument("--recipe", default="{}", help="JSON fields that replace those of the Learn recipe")
    p.add_argument("--no-cold", action="store_true", help="skip building the cache in a fresh folder")
    p.add_argument("--no-tutorial", action="store_true")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    device = resolve_device(args.device)
    recipe = dataclasses.replace(learn_recipe(args.arch), **json.loads(args.recipe))
    print(f"device {device}, {torch.get_num_threads()} threads, torch {torch.__version__}; load {load()}")
    print(f"recipe: {recipe.describe()}; test digits measured every {LEARN_TEST_EVERY_S} s of training")
    with tempfile.TemporaryDirectory() as tmp:
        cold_s = one_process_s = math.nan
        if not args.no_cold:
            one_process_s = cache_build_seconds(args.data, Path(tmp) / "one", workers=1)
            cold_s = cache_build_seconds(args.data, Path(tmp))
        else:
            load_prepared(args.data, Path(tmp))
        learn = run_learn(args.data, Path(tmp), device, recipe)
    assert learn["source"] == "cache"
    print("learn: " + ", ".join(f"{t:.1f}s {a:.2%}" for t, a in learn["points"]))
    rows = []
    warm = [first_at(learn["points"], target) for target in TARGETS]
    rows.append(("Learn page, cache warm", *warm, learn["final"], learn["total_s"]))
    if not args.no_cold:
        extra = cold_s - learn["load_s"]
        cold = [None if t is None else t + extra for t in warm]
        rows.append((f"Learn page, cache cold (+{extra:.1f} s preprocessing)", *cold, learn["final"],
                     learn["total_s"] + extra))
    if not args.no_tutorial:
        tut = run_tutorial(args.data, device, args.tutorial_epochs)
        print("tutorial: " + ", ".join(f"{t:.1f}s {a:.2%}" for t, a in tut["points"]))
        rows.append((f"Tutorial recipe ({args.tutorial_epochs} epochs)",
                     *[first_at(tut["points"], target) for target in TARGETS], tut["final"], tut["total_s"]))
    print()
    print(f"| run ({device}, {args.threads} threads) | to 98% | to 99% | final | total |")
    print("| --- | --- | --- | --- | --- |")
    for name, t98, t99, final, total in rows:
        print(f"| {name} | {fmt(t98)} | {fmt(t99)} | {final:.2%} | {total:.1f} s |")
    print()
    print(f"cache warm load {learn['load_s']:.2f} s; training {learn['images_per_s']:.0f} images/s (median)")
    if not args.no_cold:
        print(f"building the cache: {cold_s:.1f} s on {parallel.worker_count()} processes, "
              f"{one_process_s:.1f} s on one in the same run ({one_process_s / cold_s:.2f}x)")
    print(f"load average at the end: {load()}")


if __name__ == "__main__":
    main()
