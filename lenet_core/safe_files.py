"""Files that survive a kill, a full disk and a second copy of the app: atomic writes, a folder lock,
clean-up of what a kill leaves behind, and reading a safetensors header without its tensors.

* `replace_atomically` (and `write_atomic` for text) writes a temporary file beside the target, fsyncs
  it and renames it over the target, so a reader sees the old file or the new one, never half of one;
  a kill leaves at most a `*.tmp`. Weights, ONNX exports and the library's index are all written so.
* `FolderLock` is an exclusive lock on a lock file (`fcntl.flock` on POSIX, `msvcrt.locking` on
  Windows). The operating system releases it when the process dies, so a killed app never leaves a
  folder locked. Everything that allocates a name or rewrites an index holds it.
* `remove_stray_temp_files` removes the temporary files of writes that a kill interrupted; it must
  run under the folder's lock, so it cannot remove the temporary file of a write in progress.
"""

from __future__ import annotations

import json
import os
import re
import struct
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

LOCK_TIMEOUT_S = 15.0  # a save takes well under a second; a longer wait means something is stuck
MAX_HEADER_BYTES = 100_000_000  # the safetensors format's own limit


class FolderBusyError(OSError):
    """Another process held the folder's lock for longer than the timeout."""


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX); a no-op where folders cannot be opened (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def replace_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Replace `path` with what `write(temporary_path)` writes, all at once: the temporary file beside
    the target is fsynced and renamed over it, so on any failure (a full disk, an exception in `write`)
    the old file stays as it was and no temporary file is left."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # the user's usual permissions, not mkstemp's private 0600
        write(tmp)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    finally:
        tmp.unlink(missing_ok=True)


def _umask() -> int:
    """The process's umask, read without changing it (os.umask would, for every thread)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` all at once (see `replace_atomically`)."""
    replace_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


@contextmanager
def folder_lock(lock_path: Path, timeout_s: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold an exclusive lock on `lock_path` (created if missing) for the duration of the block."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, lock_path, timeout_s)
        try:
            yield
        finally:
            _release(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _acquire(fd: int, path: Path, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise FolderBusyError(_busy(path, timeout_s)) from None
                time.sleep(0.05)

    def _release(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _acquire(fd: int, path: Path, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise FolderBusyError(_busy(path, timeout_s)) from None
                time.sleep(0.02)

    def _release(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _busy(path: Path, timeout_s: float) -> str:
    return (
        f"{path.parent} is busy: another LeNet Digits has held it for more than {timeout_s:.0f} s. "
        "Try again in a moment."
    )


def can_create_files_in(folder: Path) -> bool:
    """Whether a file can be created in `folder` (tried for real: access() is wrong for root and ACLs)."""
    if not folder.is_dir():
        return can_create_files_in(folder.parent) if folder.parent != folder else False
    if not os.access(folder, os.W_OK):
        return False
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


# Earlier versions let safetensors write weights through a temp file of its own, named ".tmp" and six
# letters or digits beside the target; a kill mid-save could leave one in the models folder.
_SAFETENSORS_TEMP = re.compile(r"\.tmp[A-Za-z0-9]{6}")


def remove_stray_temp_files(folder: Path, prefixes: tuple[str, ...]) -> list[Path]:
    """Delete `<prefix>...tmp` files in `folder` (left by a kill mid-write); returns what was removed.

    Call it only while holding the folder's lock: every writer holds it, so no write is in progress.
    Only names starting with one of `prefixes` are touched (and the temp names earlier versions' weight
    writes used), never anything else the folder holds.
    """
    removed: list[Path] = []
    try:
        candidates = list(folder.iterdir())
    except OSError:
        return removed
    for path in candidates:
        ours = path.name.endswith(".tmp") and path.name.startswith(prefixes)
        if (ours or _SAFETENSORS_TEMP.fullmatch(path.name)) and path.is_file():
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                continue  # read-only folder: harmless leftovers, the listing ignores them
    return removed


def read_safetensors_header(path: Path) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    """The metadata and the tensor table (dtype, shape, data_offsets) of a safetensors file.

    Reads only the JSON header (a few kB), never the tensors. Raises ValueError, saying what is wrong,
    for a file that is not a complete safetensors file (too short, bad header, data cut off).
    """
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        prefix = f.read(8)
        if len(prefix) < 8:
            raise ValueError("too short to be a safetensors file")
        (length,) = struct.unpack("<Q", prefix)
        if length > min(MAX_HEADER_BYTES, size - 8):
            raise ValueError("the header length is larger than the file")
        raw = f.read(length)
    try:
        header = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"the header is not valid JSON ({exc})") from None
    if not isinstance(header, dict):
        raise ValueError("the header is not a JSON object")
    metadata = header.pop("__metadata__", None) or {}
    if not isinstance(metadata, dict):
        raise ValueError("the metadata is not a JSON object")
    end = 0
    for name, info in header.items():
        try:
            start, stop = info["data_offsets"]
            shape = [int(n) for n in info["shape"]]
            str(info["dtype"])
        except (KeyError, TypeError, ValueError):
            raise ValueError(f"tensor {name} has a malformed entry in the header") from None
        if not 0 <= start <= stop or min(shape, default=0) < 0:
            raise ValueError(f"tensor {name} has impossible offsets or shape")
        end = max(end, stop)
    if 8 + length + end != size:
        raise ValueError(f"the file is {size} bytes but its header describes {8 + length + end} (cut off?)")
    return {str(k): str(v) for k, v in metadata.items()}, header
