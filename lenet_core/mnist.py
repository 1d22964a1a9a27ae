"""MNIST in its standard IDX format: a strict reader and an optional verified download.

IDX layout: a big-endian magic number (0x00000801 labels, 0x00000803 images), the dimension sizes as
big-endian uint32, then the raw uint8 data. Files may be gzip-compressed.
"""

from __future__ import annotations

import gzip
import hashlib
import math
import struct
import urllib.request
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

LABELS_MAGIC = 0x00000801
IMAGES_MAGIC = 0x00000803

SPLITS = {
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}

# SHA-256 of the gzip files as the public mirrors serve them.
MIRRORS = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
)
SHA256 = {
    "train-images-idx3-ubyte.gz": "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
    "train-labels-idx1-ubyte.gz": "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    "t10k-images-idx3-ubyte.gz": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    "t10k-labels-idx1-ubyte.gz": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
}


class IDXError(ValueError):
    """A file that is not a valid IDX file of the expected kind."""


@dataclass
class Split:
    images: np.ndarray  # (N, 28, 28) uint8, ink bright on black
    labels: np.ndarray  # (N,) uint8


def _read_bytes(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            head = f.read(2)
        if head == b"\x1f\x8b":
            with gzip.open(path, "rb") as f:
                return f.read()
        return path.read_bytes()
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        reason = str(exc) or type(exc).__name__
        raise IDXError(f"{path}: the gzip stream is damaged or cut short ({reason})") from None
    except OSError as exc:
        raise IDXError(f"{path}: cannot read ({exc.strerror or exc})") from None


def read_idx(path: str | Path, expected_magic: int) -> np.ndarray:
    """Read one IDX file (gzip or not); checks the magic number and that the size matches the header."""
    path = Path(path)
    data = _read_bytes(path)
    if len(data) < 8:
        raise IDXError(f"{path}: too short to be an IDX file ({len(data)} bytes)")
    (magic,) = struct.unpack(">I", data[:4])
    if magic != expected_magic:
        kind = "labels" if expected_magic == LABELS_MAGIC else "images"
        raise IDXError(
            f"{path}: magic number 0x{magic:08x}, expected 0x{expected_magic:08x} for an IDX {kind} file"
        )
    ndim = magic & 0xFF
    header = 4 + 4 * ndim
    if len(data) < header:
        raise IDXError(f"{path}: truncated header")
    dims = struct.unpack(f">{ndim}I", data[4:header])
    expected = math.prod(dims)  # Python integers: no overflow, however absurd the header
    actual = len(data) - header
    if actual != expected:
        what = "truncated" if actual < expected else "has trailing bytes"
        shape = " x ".join(str(d) for d in dims)
        raise IDXError(
            f"{path}: {what}: the header gives dimensions {shape} = {expected:,} bytes of data, "
            f"the file holds {actual:,}"
        )
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(dims)


def _find(directory: Path, stem: str) -> Path:
    for name in (stem + ".gz", stem, stem.replace("-idx", ".idx")):
        if (directory / name).exists():
            return directory / name
    raise FileNotFoundError(
        f"MNIST file {stem}(.gz) not found in {directory}; pass --data to the folder holding the IDX "
        "files, or download them with `lenet-train --download`"
    )


def load_split(directory: str | Path, split: str) -> Split:
    """Load 'train' or 'test' from a folder of IDX files; images and labels must agree in count."""
    directory = Path(directory)
    images_stem, labels_stem = SPLITS[split]
    images = read_idx(_find(directory, images_stem), IMAGES_MAGIC)
    labels = read_idx(_find(directory, labels_stem), LABELS_MAGIC)
    if images.ndim != 3 or labels.ndim != 1:
        raise IDXError(
            f"{directory}: expected images (N, H, W) and labels (N,), got {images.shape}, {labels.shape}"
        )
    if len(images) != len(labels):
        raise IDXError(f"{directory}: {len(images)} images but {len(labels)} labels in the {split} split")
    if labels.size and labels.max() > 9:
        raise IDXError(f"{directory}: label {labels.max()} out of range 0-9")
    return Split(images=images, labels=labels)


def checksum(directory: str | Path, split: str = "train") -> str:
    """SHA-256 over a split's two files, as recorded in the weights' metadata."""
    h = hashlib.sha256()
    for stem in SPLITS[split]:
        h.update(_find(Path(directory), stem).read_bytes())
    return h.hexdigest()


def download(directory: str | Path, timeout: float = 60.0) -> Path:
    """Fetch the four files from the public mirrors, verifying SHA-256; keeps files already verified."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    for name, digest in SHA256.items():
        target = directory / name
        if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == digest:
            continue
        errors = []
        for mirror in MIRRORS:
            try:
                with urllib.request.urlopen(mirror + name, timeout=timeout) as response:
                    payload = response.read()
            except OSError as exc:
                errors.append(f"{mirror}: {exc}")
                continue
            got = hashlib.sha256(payload).hexdigest()
            if got != digest:
                errors.append(f"{mirror}: SHA-256 {got} does not match {digest}")
                continue
            partial = target.with_suffix(".part")
            partial.write_bytes(payload)
            partial.replace(target)  # atomic: never leaves a half-written file under the real name
            break
        else:
            raise OSError(f"could not download {name}:\n  " + "\n  ".join(errors))
    return directory
