"""The IDX reader: real files read, wrong or damaged files refused with a clear message."""

import gzip
import struct

import numpy as np
import pytest

from lenet_core import mnist
from lenet_core.mnist import IMAGES_MAGIC, LABELS_MAGIC, IDXError, load_split, read_idx


def idx_bytes(array: np.ndarray, magic: int) -> bytes:
    return struct.pack(">I", magic) + struct.pack(f">{array.ndim}I", *array.shape) + array.tobytes()


def write_split(folder, images, labels, gz=True, split="test"):
    img_stem, lbl_stem = mnist.SPLITS[split]
    for stem, data in (
        (img_stem, idx_bytes(images, IMAGES_MAGIC)),
        (lbl_stem, idx_bytes(labels, LABELS_MAGIC)),
    ):
        if gz:
            (folder / f"{stem}.gz").write_bytes(gzip.compress(data))
        else:
            (folder / stem).write_bytes(data)


@pytest.mark.parametrize("gz", [True, False])
def test_reads_gzip_and_plain(tmp_path, gz):
    images = np.arange(3 * 28 * 28, dtype=np.uint64).reshape(3, 28, 28).astype(np.uint8)
    labels = np.array([7, 0, 9], np.uint8)
    write_split(tmp_path, images, labels, gz=gz)
    split = load_split(tmp_path, "test")
    assert np.array_equal(split.images, images) and np.array_equal(split.labels, labels)


def test_wrong_magic(tmp_path):
    labels = np.array([1, 2], np.uint8)
    (tmp_path / "x").write_bytes(idx_bytes(labels, LABELS_MAGIC))
    with pytest.raises(IDXError, match="magic number 0x00000801, expected 0x00000803"):
        read_idx(tmp_path / "x", IMAGES_MAGIC)


def test_truncated_and_trailing(tmp_path):
    data = idx_bytes(np.zeros((2, 28, 28), np.uint8), IMAGES_MAGIC)
    (tmp_path / "short").write_bytes(data[:-10])
    with pytest.raises(IDXError, match="truncated"):
        read_idx(tmp_path / "short", IMAGES_MAGIC)
    (tmp_path / "long").write_bytes(data + b"xx")
    with pytest.raises(IDXError, match="trailing"):
        read_idx(tmp_path / "long", IMAGES_MAGIC)
    (tmp_path / "tiny").write_bytes(b"\x00\x00")
    with pytest.raises(IDXError, match="too short"):
        read_idx(tmp_path / "tiny", IMAGES_MAGIC)


def test_truncated_gzip(tmp_path):
    data = gzip.compress(idx_bytes(np.zeros((2, 28, 28), np.uint8), IMAGES_MAGIC))
    (tmp_path / "cut.gz").write_bytes(data[: len(data) // 2])
    with pytest.raises(IDXError, match="gzip stream is damaged or cut short"):
        read_idx(tmp_path / "cut.gz", IMAGES_MAGIC)


def test_corrupt_gzip_stream(tmp_path):
    # A valid gzip header, then a deflate block of a type that does not exist: zlib's own error.
    data = bytearray(gzip.compress(np.random.default_rng(0).integers(0, 255, 5000, np.uint8).tobytes()))
    data[10] = 0xFF
    (tmp_path / "bad.gz").write_bytes(bytes(data))
    with pytest.raises(IDXError, match="gzip stream is damaged or cut short"):
        read_idx(tmp_path / "bad.gz", IMAGES_MAGIC)


@pytest.mark.parametrize(
    "dims",
    [
        (2**32 - 1, 2**32 - 1, 2**32 - 1),  # wraps around in 64-bit arithmetic
        (2**31, 2**31, 4),  # wraps to exactly 0
        (0, 28, 28),
    ],
)
def test_absurd_dimensions_say_so_without_negative_sizes(tmp_path, dims):
    header = struct.pack(">I", IMAGES_MAGIC) + struct.pack(">3I", *dims)
    (tmp_path / "x").write_bytes(header + bytes(100))
    with pytest.raises(IDXError) as info:
        read_idx(tmp_path / "x", IMAGES_MAGIC)
    message = str(info.value)
    assert "-" not in message.split(":", 1)[1].replace(" x ", "")  # no negative byte counts
    assert f"{dims[0] * dims[1] * dims[2]:,} bytes of data, the file holds 100" in message


def test_lenet_train_turns_a_corrupt_file_into_one_line(tmp_path, capsys):
    from lenet_core.cli.train import main

    write_split(tmp_path, np.zeros((3, 28, 28), np.uint8), np.array([1, 2, 3], np.uint8), split="train")
    write_split(tmp_path, np.zeros((3, 28, 28), np.uint8), np.array([1, 2, 3], np.uint8), split="test")
    images = tmp_path / "train-images-idx3-ubyte.gz"
    data = bytearray(images.read_bytes())
    data[10] = 0xFF
    images.write_bytes(bytes(data))
    code = main(["--data", str(tmp_path), "--out", str(tmp_path / "m.safetensors"), "--epochs", "1"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("lenet-train: ") and "gzip stream" in err


def test_count_mismatch_and_bad_labels(tmp_path):
    write_split(tmp_path, np.zeros((3, 28, 28), np.uint8), np.array([1, 2], np.uint8))
    with pytest.raises(IDXError, match="3 images but 2 labels"):
        load_split(tmp_path, "test")
    write_split(tmp_path, np.zeros((2, 28, 28), np.uint8), np.array([1, 12], np.uint8))
    with pytest.raises(IDXError, match="label 12 out of range"):
        load_split(tmp_path, "test")


def test_missing_files_say_where_and_how(tmp_path):
    with pytest.raises(FileNotFoundError, match="--download"):
        load_split(tmp_path, "train")


def test_download_verifies_checksums(tmp_path, monkeypatch):
    # No network in tests: serve a wrong payload and check it is refused and nothing is left behind.
    class FakeResponse:
        def __enter__(self):
            return self

        def __exit__(self, *a):
            return False

        def read(self):
            return b"not mnist"

    monkeypatch.setattr(mnist.urllib.request, "urlopen", lambda *a, **k: FakeResponse())
    with pytest.raises(OSError, match="does not match"):
        mnist.download(tmp_path)
    assert not any(tmp_path.iterdir())


def test_full_mnist_when_present(shared_mnist):
    train, test = load_split(shared_mnist, "train"), load_split(shared_mnist, "test")
    assert train.images.shape == (60_000, 28, 28) and test.images.shape == (10_000, 28, 28)
    assert np.bincount(test.labels).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
