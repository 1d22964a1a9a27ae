"""MNIST through the app's preprocessing, done once and cached on disk.

Preprocessing the 70,000 MNIST digits (`preprocess`, the one path every image takes) costs about 15 s
on one core, so it is shared out to all of them (`parallel`); even so, training from scratch in the app
should not pay that on every click. The result is kept in the user's cache folder as one uncompressed
`.npz` (never a pickle), named after the SHA-256 of the four IDX files and the preprocessing version,
so new data or a changed recipe gets its own file.

Ink is stored as 16-bit fixed point (ink * 65535, off by at most 8e-6 from the float32 it came from):
half the size of float32, exact enough that the network cannot tell, and kept that way in memory (the
trainer turns each batch into floats), which also makes a warm load half a second. A cache file is
trusted only if zip's CRC-32 of every array checks, its key matches, and a few probe digits
preprocessed afresh agree with it (so a preprocessing change that forgot to bump the version is caught
too); anything else (truncated, damaged, foreign) is rebuilt. Writes go to a temporary file renamed
into place, so a crash leaves no half-written cache under the real name.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import mnist, parallel
from .data import preprocess_many
from .preprocess import preprocess

PREPROCESSING_VERSION = 1  # bump whenever `preprocess` changes what it makes of an MNIST digit
CACHE_FORMAT = 1
ENV_VAR = "LENET_DIGITS_CACHE_DIR"
FIXED_ONE = 65535  # fixed-point ink: value / FIXED_ONE is the ink in [0, 1]
PROBES = 8  # training digits preprocessed afresh at every load to check the cache still agrees
PROBE_TOLERANCE = 1e-4
SHARD = 5000  # digits per piece of work handed to a worker process

Progress = Callable[[int, int], None]  # (images done, images in all)


def cache_dir() -> Path:
    """The platform's per-user cache folder for the app (not created); `$LENET_DIGITS_CACHE_DIR` wins."""
    env = os.environ.get(ENV_VAR, "")
    if env:
        return Path(env).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        return Path(local if local else home / "AppData" / "Local") / "LeNet Digits" / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "LeNet Digits"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".cache") / "lenet-digits"


def to_fixed(ink: np.ndarray) -> np.ndarray:
    """Ink in [0, 1] -> uint16 fixed point."""
    return np.rint(np.clip(ink, 0.0, 1.0) * FIXED_ONE).astype(np.uint16)


def to_float(ink: np.ndarray) -> np.ndarray:
    """Ink as float32 in [0, 1], whether it is float already or uint16 fixed point."""
    if ink.dtype == np.uint16:
        return ink.astype(np.float32) / np.float32(FIXED_ONE)
    return ink.astype(np.float32, copy=False)


@dataclass
class PreparedMnist:
    """MNIST ready for the network: (N, 32, 32) uint16 fixed-point ink (`to_float` gives [0, 1]) and
    int64 labels per split."""

    train_ink: np.ndarray
    train_labels: np.ndarray
    test_ink: np.ndarray
    test_labels: np.ndarray
    test_total: int  # test digits in the files; one without ink counts as an error
    data_sha256: str  # of the four IDX files
    source: str  # "cache", "built" or "rebuilt: <why>"
    train_kept: np.ndarray  # index in the IDX file of each training digit (blank ones are dropped)
    probe_images: np.ndarray  # the first PROBES training digits as they are in the files

    def limited(self, train: int | None = None, test: int | None = None) -> PreparedMnist:
        """The first `train` training and `test` test digits (small runs, tests)."""
        test_ink = self.test_ink[:test]
        return PreparedMnist(
            self.train_ink[:train], self.train_labels[:train], test_ink, self.test_labels[:test],
            len(test_ink) if test is not None else self.test_total, self.data_sha256, self.source,
            self.train_kept[:train], self.probe_images,
        )


def data_sha256(directory: str | Path) -> str:
    """One SHA-256 for the four IDX files (reading them: a few tens of ms)."""
    h = hashlib.sha256()
    for split in ("train", "test"):
        h.update(mnist.checksum(directory, split).encode())
    return h.hexdigest()


def cache_path(sha: str, folder: Path | None = None) -> Path:
    return (folder or cache_dir()) / f"mnist-{sha[:20]}-p{PREPROCESSING_VERSION}.npz"


def load_prepared(directory: str | Path, folder: Path | None = None, progress: Progress | None = None
                  ) -> PreparedMnist:
    """MNIST from the IDX files in `directory`, from the cache when it is sound, else built and cached.

    Raises what `mnist.load_split` raises (OSError, `mnist.IDXError`) for missing or bad files. A cache
    that cannot be written (read-only folder, full disk) only costs the next run the preprocessing.
    """
    sha = data_sha256(directory)
    path = cache_path(sha, folder)
    why = ""
    if path.exists():
        try:
            return _read(path, sha)
        except Exception as exc:  # noqa: BLE001 - zipfile and numpy raise many types for damaged files
            why = f"rebuilt: {type(exc).__name__}: {exc}"
    train = mnist.load_split(directory, "train")
    test = mnist.load_split(directory, "test")
    prepared = build(train.images, train.labels, test.images, test.labels, sha, progress)
    prepared.source = why or "built"
    try:
        _write(path, prepared)
    except OSError:
        pass
    return prepared


def build(
    train_images: np.ndarray, train_labels: np.ndarray, test_images: np.ndarray, test_labels: np.ndarray,
    sha: str = "", progress: Progress | None = None,
) -> PreparedMnist:
    """Preprocess both splits (uncached): what the cache holds."""
    total = len(train_images) + len(test_images)
    splits = (np.asarray(train_images), np.asarray(test_images))
    cuts = [(split, start) for split in (0, 1) for start in range(0, len(splits[split]), SHARD)]
    shards = [(splits[split][start : start + SHARD],) for split, start in cuts]
    done = [0]

    def shard_done(i: int) -> None:
        done[0] += len(shards[i][0])
        if progress:
            progress(done[0], total)

    # Small sets (tests) are quicker here than with worker processes to start.
    results = parallel.map_shards(preprocess_shard, shards, 1 if total < 2 * SHARD else None, shard_done)
    (train_ink, train_kept), (test_ink, test_kept) = (
        _join([(result, start) for result, (s, start) in zip(results, cuts, strict=True) if s == split])
        for split in (0, 1)
    )
    if progress:
        progress(total, total)
    return PreparedMnist(
        train_ink, np.asarray(train_labels)[train_kept].astype(np.int64),
        test_ink, np.asarray(test_labels)[test_kept].astype(np.int64),
        len(test_images), sha, "built", train_kept.astype(np.int64),
        np.asarray(train_images[:PROBES], dtype=np.uint8),
    )


def preprocess_shard(images: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One shard's ink as fixed point (half the bytes to send back) and the indices kept."""
    ink, kept = preprocess_many(list(images))
    return to_fixed(ink), kept


def _join(parts: list[tuple[tuple[np.ndarray, np.ndarray], int]]) -> tuple[np.ndarray, np.ndarray]:
    """One split's shards, each (ink, kept) with the index of its first image, back into one."""
    if not parts:
        return np.zeros((0, 32, 32), np.uint16), np.zeros(0, np.int64)
    ink = np.concatenate([ink for (ink, _), _ in parts])
    kept = np.concatenate([kept + start for (_, kept), start in parts])
    return ink, kept


def _write(path: Path, prepared: PreparedMnist) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {"format": CACHE_FORMAT, "preprocessing": PREPROCESSING_VERSION,
            "data_sha256": prepared.data_sha256, "test_total": prepared.test_total}
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(
                f, meta=np.array(json.dumps(meta)), train_ink=prepared.train_ink,
                train_labels=prepared.train_labels.astype(np.uint8), test_ink=prepared.test_ink,
                test_labels=prepared.test_labels.astype(np.uint8),
                train_kept=prepared.train_kept.astype(np.int32), probe_images=prepared.probe_images,
            )
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    for old in path.parent.glob("mnist-*.npz"):  # other data or an older recipe: 140 MB, never read again
        if old != path:
            old.unlink(missing_ok=True)


def _read(path: Path, sha: str) -> PreparedMnist:
    names = ("train_ink", "train_labels", "test_ink", "test_labels", "train_kept", "probe_images")
    with np.load(path, allow_pickle=False) as npz:  # reading each array checks its CRC-32
        meta = json.loads(str(npz["meta"]))
        a = {k: npz[k] for k in names}
    if meta.get("format") != CACHE_FORMAT or meta.get("preprocessing") != PREPROCESSING_VERSION:
        raise ValueError("made by another version of the app")
    if meta.get("data_sha256") != sha:
        raise ValueError("made from other MNIST files")
    for split in ("train", "test"):
        ink, labels = a[f"{split}_ink"], a[f"{split}_labels"]
        if ink.dtype != np.uint16 or ink.shape[1:] != (32, 32) or len(ink) != len(labels):
            raise ValueError(f"the {split} arrays have the wrong shape or type")
    if len(a["train_kept"]) != len(a["train_ink"]):
        raise ValueError("the training index does not fit the images")
    prepared = PreparedMnist(
        a["train_ink"], a["train_labels"].astype(np.int64), a["test_ink"], a["test_labels"].astype(np.int64),
        int(meta["test_total"]), sha, "cache", a["train_kept"].astype(np.int64), a["probe_images"],
    )
    _probe(prepared)
    return prepared


def _probe(cached: PreparedMnist) -> None:
    """The first digits preprocessed now must match the cache (the data's SHA-256 vouches for them)."""
    for i, kept in enumerate(cached.train_kept[:PROBES]):
        if kept >= len(cached.probe_images):
            break
        fresh = preprocess(cached.probe_images[kept])
        if fresh is None or np.abs(fresh - to_float(cached.train_ink[i])).max() > PROBE_TOLERANCE:
            raise ValueError("preprocessing has changed since the cache was made")
