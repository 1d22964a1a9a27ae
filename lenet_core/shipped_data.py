"""Small MNIST subsets shipped in `resources/data/`, with their SHA-256 checksums.

- `mnist-replay.npz`: training digits mixed into fine-tuning so the model does not forget MNIST.
- `mnist-test-1000.npz`: test digits for quick before/after accuracy and for self-contained tests.

Both hold raw MNIST (uint8 (N, 28, 28), ink bright on black) and labels; `build()` makes them from the
IDX files: `python -m lenet_core.shipped_data --data ../shared/data/mnist`.
"""

from __future__ import annotations

import argparse
import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import mnist
from .resources import resources_dir

REPLAY = "mnist-replay.npz"
TEST_SAMPLE = "mnist-test-1000.npz"
REPLAY_PER_CLASS = 400
TEST_SAMPLE_SIZE = 1000


class ShippedDataError(ValueError):
    pass


@dataclass
class Digits:
    images: np.ndarray  # (N, 28, 28) uint8
    labels: np.ndarray  # (N,) uint8


def data_dir() -> Path:
    return resources_dir() / "data"


def _checksums(folder: Path) -> dict[str, str]:
    sums = {}
    path = folder / "SHA256SUMS"
    if path.exists():
        for line in path.read_text().splitlines():
            digest, _, name = line.partition("  ")
            sums[name.strip()] = digest.strip()
    return sums


def load(name: str, folder: Path | None = None) -> Digits:
    """Load a shipped subset after checking its SHA-256 against `SHA256SUMS`."""
    folder = folder or data_dir()
    path = folder / name
    if not path.exists():
        raise ShippedDataError(f"{path}: missing; rebuild it with `python -m lenet_core.shipped_data`")
    payload = path.read_bytes()
    expected = _checksums(folder).get(name)
    got = hashlib.sha256(payload).hexdigest()
    if expected != got:
        raise ShippedDataError(f"{path}: SHA-256 {got} does not match SHA256SUMS ({expected})")
    with np.load(path, allow_pickle=False) as z:
        return Digits(images=z["images"], labels=z["labels"])


def build(data: Path, folder: Path, seed: int = 0) -> None:
    rng = np.random.default_rng(seed)
    train = mnist.load_split(data, "train")
    picks = np.concatenate(
        [rng.choice(np.flatnonzero(train.labels == d), REPLAY_PER_CLASS, replace=False) for d in range(10)]
    )
    rng.shuffle(picks)
    test = mnist.load_split(data, "test")
    folder.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(folder / REPLAY, images=train.images[picks], labels=train.labels[picks])
    np.savez_compressed(
        folder / TEST_SAMPLE, images=test.images[:TEST_SAMPLE_SIZE], labels=test.labels[:TEST_SAMPLE_SIZE]
    )
    lines = [f"{hashlib.sha256((folder / n).read_bytes()).hexdigest()}  {n}" for n in (REPLAY, TEST_SAMPLE)]
    (folder / "SHA256SUMS").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Build the shipped MNIST subsets.")
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    build(args.data, args.out or data_dir())
