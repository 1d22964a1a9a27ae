"""Photos and scans: do MNIST test digits read as well on photographed paper as on a clean sheet?

    python benchmarks/bench_photos.py [--data ../shared/data/mnist] [--n 1000] [--jobs 2] [--out runs/photos]

(--n 1000 took 28 minutes on two cores shared with other work; --n 200 gives a first look in five)

Each of `--n` MNIST *test* digits (a fixed random choice) is laid on a sheet of paper and
photographed under every condition of `lenet_core.photo_synthesis` - even light ("clean"), a
gradient and vignette, a shadow, paper texture, heavy noise, blur, ruled and squared paper, coloured
ink, turned, in perspective, and "phone" (a mild dose of everything, JPEG included) - at 400-1200 px,
the same digit at the same place and size in each. Every photo goes through `preprocess`, the app's
one path, and both shipped models read the 32x32 input. The table gives the accuracy per condition
and its difference from "clean" (target: within 1.5 points for both models), the photos' median size,
the preprocessing time per photo, and how many photos of an empty sheet (`--blank`) were found to
hold ink. `--out` gets a grid of the 32x32 inputs (one row per condition)
and one example photo per condition, to look at.
"""

from __future__ import annotations

import argparse
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageDraw

from lenet_core import Recognizer, preprocess, to_network_input
from lenet_core.mnist import load_split
from lenet_core.photo_synthesis import CONDITIONS, photograph, placement
from lenet_core.shipped_data import TEST_SAMPLE, load

TARGET = 1.5  # points of accuracy a condition may lose against the clean sheet


def shoot(task: tuple[int, int, np.ndarray]) -> list[tuple[np.ndarray | None, float, int, np.ndarray]]:
    """One digit under every condition: (32x32 input or None, preprocessing ms, pixels, thumbnail)."""
    seed, index, digit = task
    where = placement(np.random.default_rng([seed, index]))
    out = []
    for c, condition in enumerate(CONDITIONS):
        photo = photograph(digit, condition, np.random.default_rng([seed, index, c]), where)
        start = time.perf_counter()
        ink = preprocess(photo)
        ms = (time.perf_counter() - start) * 1e3
        thumb = np.asarray(Image.fromarray(photo).resize((150, round(150 * photo.shape[0] / photo.shape[1]))))
        out.append((ink, ms, photo.shape[0] * photo.shape[1], thumb))
    return out


def read(recognizer: Recognizer, inks: list[np.ndarray | None]) -> np.ndarray:
    """The model's best digit for each 32x32 input (-1 where preprocessing found no ink)."""
    labels = np.full(len(inks), -1)
    found = [i for i, ink in enumerate(inks) if ink is not None]
    if found:
        x = torch.from_numpy(np.stack([to_network_input(ink) for ink in inks if ink is not None]))[:, None]
        with torch.inference_mode():
            output = recognizer.model(x)
            labels[found] = recognizer.model.predict_labels(output).numpy()  # type: ignore[operator]
    return labels


def save_pictures(out: Path, results, labels: np.ndarray, per_row: int = 16) -> None:
    out.mkdir(parents=True, exist_ok=True)
    name_w, cell = 110, 34
    grid = Image.new("L", (name_w + per_row * cell, len(CONDITIONS) * cell), 0)
    draw = ImageDraw.Draw(grid)
    for c, condition in enumerate(CONDITIONS):
        draw.text((4, c * cell + 10), condition, fill=255)
        for k in range(min(per_row, len(results))):
            ink = results[k][c][0]
            tile = np.zeros((32, 32)) if ink is None else ink
            grid.paste(Image.fromarray((tile * 255).astype(np.uint8)), (name_w + k * cell, c * cell + 1))
    grid.resize((grid.width * 2, grid.height * 2), Image.Resampling.NEAREST).save(out / "inputs.png")
    thumbs = [results[0][c][3] for c in range(len(CONDITIONS))]
    sheet = Image.new("RGB", (4 * 156, 3 * 206), (0, 0, 0))
    labels_draw = ImageDraw.Draw(sheet)
    for c, thumb in enumerate(thumbs):
        sheet.paste(Image.fromarray(thumb), ((c % 4) * 156, (c // 4) * 206))
        labels_draw.text(((c % 4) * 156 + 4, (c // 4) * 206 + 4), CONDITIONS[c], fill=(200, 0, 0))
    sheet.save(out / "photos.png")
    print(f"\nwrote {out / 'inputs.png'} (first {per_row} inputs per condition; digits "
          f"{' '.join(str(v) for v in labels[:per_row])}) and {out / 'photos.png'}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data/mnist")
    p.add_argument("--n", type=int, default=1000, help="MNIST test digits, each shot under every condition")
    p.add_argument("--blank", type=int, default=None, help="empty sheets per condition (default: n / 10)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--jobs", type=int, default=2, help="processes making and preprocessing the photos")
    p.add_argument("--out", type=Path, default=Path("runs/photos"), help="folder for the pictures")
    args = p.parse_args()
    torch.set_num_threads(1)

    if (args.data / "t10k-images-idx3-ubyte.gz").exists():
        split = load_split(args.data, "test")
        images, labels, source = split.images, split.labels, "MNIST test set"
    else:
        sample = load(TEST_SAMPLE)
        images, labels, source = sample.images, sample.labels, "shipped MNIST test sample"
    chosen = np.random.default_rng(args.seed).choice(len(labels), min(args.n, len(labels)), replace=False)
    images, labels = images[chosen], labels[chosen].astype(np.int64)
    print(f"{len(labels)} digits of the {source}, {len(CONDITIONS)} conditions, {args.jobs} processes, "
          f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")

    start = time.perf_counter()
    tasks = [(args.seed, int(i), img) for i, img in zip(chosen, images, strict=True)]
    blanks = args.n // 10 if args.blank is None else args.blank
    empty = np.zeros((28, 28), np.uint8)
    tasks += [(args.seed, 1_000_000 + k, empty) for k in range(blanks)]
    with ProcessPoolExecutor(args.jobs) as pool:
        shots = list(pool.map(shoot, tasks, chunksize=8))
    results, blank_results = shots[: len(labels)], shots[len(labels) :]
    seconds = time.perf_counter() - start
    print(f"made and preprocessed {len(tasks) * len(CONDITIONS)} photos in {seconds:.0f} s")

    models = {arch: Recognizer.load(arch, device="cpu") for arch in ("classic", "modern")}
    plain = [preprocess(img) for img in images]
    accuracy = {
        a: {"MNIST (28x28)": float((read(r, plain) == labels).mean() * 100)}
        for a, r in models.items()
    }
    for c, condition in enumerate(CONDITIONS):
        inks = [r[c][0] for r in results]
        for arch, rec in models.items():
            accuracy[arch][condition] = float((read(rec, inks) == labels).mean() * 100)

    header = f"{'condition':<14} {'pixels':>9} {'prep ms':>8} {'blank':>7}"
    header += "".join(f" {arch:>8} {'vs clean':>8}" for arch in models)
    print("\n" + header + "\n" + "-" * len(header))
    worst = {a: 0.0 for a in models}
    for row in ("MNIST (28x28)", *CONDITIONS):
        if row in CONDITIONS:
            c = CONDITIONS.index(row)
            pixels = f"{np.median([r[c][2] for r in results]) / 1e6:.2f} MP"
            ms = f"{np.median([r[c][1] for r in results]):.1f}"
            inked = f"{sum(r[c][0] is not None for r in blank_results)}/{len(blank_results)}"
        else:
            pixels, ms, inked = "784 px", "", ""
        line = f"{row:<14} {pixels:>9} {ms:>8} {inked:>7}"
        for arch in models:
            acc = accuracy[arch][row]
            delta = acc - accuracy[arch]["clean"]
            if row in CONDITIONS:
                worst[arch] = min(worst[arch], delta)
            line += f" {acc:7.2f}% {delta:+8.2f}"
        print(line)
    for arch, loss in worst.items():
        loss = max(0.0, -loss)
        verdict = "within" if loss <= TARGET else "NOT within"
        print(f"{arch}: largest loss against clean {loss:.2f} points ({verdict} the {TARGET} target)")
    print("blank: empty sheets in which preprocessing found ink (it should find none)")
    print(f"load average at the end {os.getloadavg()[0]:.2f} (timings are per process, {args.jobs} at once)")
    save_pictures(args.out, results, labels)


if __name__ == "__main__":
    main()
