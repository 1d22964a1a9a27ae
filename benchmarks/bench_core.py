"""Core speed figures, all measured in this one run on this machine.

    python benchmarks/bench_core.py [--data ../shared/data/mnist] [--threads 2]

1. `Recognizer.predict` end to end on a 280x280 canvas-sized drawing (median, p99), per architecture;
2. the bare forward pass of the same network on one 32x32 input;
3. training throughput of `lenet-train`'s loop (augmentation included) against the tutorial recipe of
   shared/seeds/002_* (ReLU, average pooling, Adam, batch 64, a DataLoader over per-image tensors),
   as a ratio; both on the same MNIST images;
4. the shipped models' recorded training time (from their metadata, written by `lenet-train`).
Targets (2-core CPU): predict <= 1 ms median. The throughput ratio is context only: training speed is
measured as time to accuracy by benchmarks/bench_learn.py (the paper's 32x32 input costs 1.48x the
tutorial's arithmetic per image, so images per second alone cannot compare them).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageDraw
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from lenet_core import Recognizer
from lenet_core.data import preprocess_many
from lenet_core.mnist import load_split
from lenet_core.models import build_model
from lenet_core.shipped_data import REPLAY, load
from lenet_core.training import TrainConfig, train


def canvas_drawing() -> np.ndarray:
    im = Image.new("L", (280, 280), 255)
    ImageDraw.Draw(im).line([(70, 50), (210, 50), (120, 240)], fill=0, width=18, joint="curve")
    return np.asarray(im)


def timings(fn, repeats: int) -> tuple[float, float]:
    for _ in range(20):
        fn()
    samples = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1e3)
    return float(np.median(samples)), float(np.percentile(samples, 99))


class TutorialLeNet5(nn.Module):
    """The model of shared/seeds/002_*, verbatim in structure."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.pool1 = nn.AvgPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.pool2 = nn.AvgPool2d(2, 2)
        self.fc1 = nn.Linear(16 * 4 * 4, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool1(torch.relu(self.conv1(x)))
        x = self.pool2(torch.relu(self.conv2(x)))
        x = x.view(-1, 16 * 4 * 4)
        return self.fc3(torch.relu(self.fc2(torch.relu(self.fc1(x)))))


class PerImageDataset(torch.utils.data.Dataset):
    """What torchvision's MNIST + ToTensor does per item: a PIL image to a float tensor."""

    def __init__(self, images, labels):
        self.images, self.labels = images, labels

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        img = Image.fromarray(self.images[i], mode="L")
        return torch.from_numpy(np.array(img, dtype=np.float32) / 255.0).unsqueeze(0), int(self.labels[i])


def tutorial_throughput(images, labels) -> float:
    torch.manual_seed(0)
    model = TutorialLeNet5()
    loader = torch.utils.data.DataLoader(PerImageDataset(images, labels), batch_size=64, shuffle=True)
    optimiser = torch.optim.Adam(model.parameters())
    criterion = nn.CrossEntropyLoss()
    start = time.perf_counter()
    for x, y in loader:
        optimiser.zero_grad()
        criterion(model(x), y).backward()
        optimiser.step()
    return len(labels) / (time.perf_counter() - start)


def ours_throughput(ink, labels, arch: str) -> float:
    start = time.perf_counter()
    train(ink, labels, TrainConfig(arch=arch, epochs=1), torch.device("cpu"))
    return len(labels) / (time.perf_counter() - start)


def forward_flops(model: nn.Module, size: int) -> int:
    """Floating-point operations of one image's forward pass (convolutions and matrix products)."""
    model.eval()
    with FlopCounterMode(display=False) as counter, torch.no_grad():
        model(torch.zeros(1, 1, size, size))
    return counter.get_total_flops()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data/mnist")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--train-images", type=int, default=12_800)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, CPU")

    drawing = canvas_drawing()
    print("\n== inference (280x280 drawing, CPU) ==")
    for arch in ("modern", "classic"):
        rec = Recognizer.load(arch, device="cpu")
        med, p99 = timings(lambda rec=rec: rec.predict(drawing), 500)
        x = torch.from_numpy(rec.predict(drawing).input)[None, None]

        def forward(rec=rec, x=x):
            with torch.inference_mode():
                rec.model(x)

        fmed, fp99 = timings(forward, 500)
        print(f"{arch:8} predict end to end: median {med:.3f} ms, p99 {p99:.3f} ms (target <= 1 ms median)")
        print(f"{arch:8} bare forward pass:  median {fmed:.3f} ms, p99 {fp99:.3f} ms")

    print("\n== training throughput (images/s, one pass, same images) ==")
    if (args.data / "train-images-idx3-ubyte.gz").exists():
        split = load_split(args.data, "train")
        images, labels, source = split.images, split.labels, "MNIST train"
    else:
        digits = load(REPLAY)
        images, labels, source = digits.images, digits.labels, "shipped replay subset"
    n = min(args.train_images, len(labels))
    images, labels = images[:n], labels[:n]
    base = tutorial_throughput(images, labels)
    print(f"tutorial recipe (seeds/002, batch 64, DataLoader): {base:8.0f} img/s on {n} {source} images")
    # lenet-train preprocesses the set once (MNIST's recipe, `preprocess`), then trains its epochs.
    start = time.perf_counter()
    ink, kept = preprocess_many(images)
    prep = len(labels) / (time.perf_counter() - start)
    print(f"lenet-train preprocessing, once per run:           {prep:8.0f} img/s")
    base_flops = forward_flops(TutorialLeNet5(), 28)
    for arch in ("modern", "classic"):
        ours = ours_throughput(ink, labels[kept], arch)
        print(
            f"lenet-train --arch {arch:8} epoch (augmented): {ours:8.0f} img/s = {ours / base:.2f}x "
            "(context, not a target: see bench_learn.py)"
        )
        # Context for the ratio: how much arithmetic one image costs each network (32x32 vs 28x28 input).
        ratio = forward_flops(build_model(arch), 32) / base_flops
        print(
            f"    forward FLOPs per image {ratio:.2f}x the tutorial's; work rate {ours / base * ratio:.2f}x"
        )

    print("\n== shipped models (recorded by lenet-train) ==")
    for arch in ("modern", "classic"):
        meta = Recognizer.load(arch, device="cpu").metadata
        print(
            f"{arch:8} trained in {meta.get('train_seconds', '?')} s on {meta.get('device', '?')}, "
            f"test accuracy {float(meta.get('test_accuracy', 'nan')):.2%}: {meta.get('training_command')}"
        )


if __name__ == "__main__":
    main()
