"""Import a folder of digit images into the sample store, and export the store to a folder.

Both report progress and can be cancelled between two files, so the app runs them on a worker thread
(with that thread's own SampleStore) and the window stays responsive. Neither ever hangs on a special
file: a FIFO, a device or a socket in the folder is skipped with the reason (opening a FIFO for
reading would wait forever for a writer). Export never overwrites a file, and a kill mid-export
leaves at most a hidden temporary file, never a truncated image under a real name.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lenet_core.sample_errors import SampleStoreError

if TYPE_CHECKING:
    from lenet_core.sample_store import SampleStore

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp")
MAX_IMAGE_BYTES = 50_000_000  # far above any digit image; larger files are refused, not read

Progress = Callable[[int, int], None]  # (files done, files in all)
ShouldCancel = Callable[[], bool]


class NotRegularFileError(ValueError):
    """A path that is a FIFO, a device or a socket: it is never opened for reading."""


@dataclass
class ImportReport:
    imported: list[int] = field(default_factory=list)  # ids of the new samples
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # (path, reason)
    cancelled: bool = False  # stopped by the user; what was imported before stays

    def summary(self) -> str:
        text = f"imported {len(self.imported)} image(s)"
        if self.cancelled:
            text += " before the import was cancelled"
        if self.skipped:
            text += f", skipped {len(self.skipped)}:\n" + "\n".join(
                f"  {p}: {why}" for p, why in self.skipped
            )
        return text


@dataclass
class ExportReport:
    written: list[Path] = field(default_factory=list)
    cancelled: bool = False


def read_regular_file(path: Path, limit: int = MAX_IMAGE_BYTES) -> bytes:
    """The bytes of `path` if it is a regular file; NotRegularFileError (never a hang) otherwise.

    Opened without blocking and checked on the open descriptor, so a file swapped for a FIFO between
    a check and the open cannot block either.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFileError(f"not a regular file ({_kind(mode)}), so it was not read")
        size = os.fstat(fd).st_size
        if size > limit:
            raise NotRegularFileError(f"{size / 1e6:.0f} MB is too large for a digit image")
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read()
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _children(folder: Path, report: ImportReport) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if not p.name.startswith("."))  # skip .DS_Store etc.
    except OSError as exc:
        report.skipped.append((folder, f"cannot read folder: {exc}"))
        return []


def _plan(folder: Path, report: ImportReport) -> list[tuple[Path, int]]:
    """Every (file, digit) to import; whatever else the folder holds is skipped with the reason."""
    files = []
    for entry in _children(folder, report):
        if not entry.is_dir():
            report.skipped.append((entry, "not inside a digit folder 0-9"))
        elif len(entry.name) != 1 or entry.name not in "0123456789":
            report.skipped.append((entry, "folder name is not a digit 0-9"))
        else:
            files += [(file, int(entry.name)) for file in _children(entry, report)]
    return files


def import_folder(
    store: SampleStore,
    folder: str | Path,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ImportReport:
    """Add every image in ``folder/<digit>/``; anything else is skipped and reported, never raised.

    Database errors (locked, full disk) still raise SampleStoreError; samples added before that are
    already committed. `should_cancel` is asked before each file.
    """
    from lenet_core.sample_data import to_png

    folder = Path(folder)
    report = ImportReport()
    if not folder.is_dir():
        report.skipped.append((folder, "not a folder"))
        return report
    files = _plan(folder, report)
    for done, (file, label) in enumerate(files):
        if should_cancel is not None and should_cancel():
            report.cancelled = True
            break
        if progress is not None:
            progress(done, len(files))
        if file.is_dir():
            report.skipped.append((file, "sub-folders are not searched"))
            continue
        if file.suffix.lower() not in IMAGE_SUFFIXES:
            report.skipped.append((file, f"not an image file ({', '.join(IMAGE_SUFFIXES)})"))
            continue
        try:
            png = to_png(read_regular_file(file))
        except NotRegularFileError as exc:
            report.skipped.append((file, str(exc)))
            continue
        except (OSError, ValueError) as exc:
            report.skipped.append((file, f"unreadable image: {exc}"))
            continue
        report.imported.append(store.add(png, label, source="imported"))
    else:
        if progress is not None:
            progress(len(files), len(files))
    return report


def export_folder(
    store: SampleStore,
    folder: str | Path,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ExportReport:
    """Write every sample to ``folder/<label>/<id>.png``; existing files are never overwritten (a taken
    name becomes ``<id>-1.png``, ``<id>-2.png``...). OSError from writing (full disk) is raised as is."""
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    report = ExportReport()
    with store._errors():  # only database errors are translated
        rows = store._connection.execute("SELECT id, label FROM samples ORDER BY id").fetchall()
    for done, (sid, label) in enumerate(rows):
        if should_cancel is not None and should_cancel():
            report.cancelled = True
            return report
        if progress is not None:
            progress(done, len(rows))
        target = root / str(label)
        target.mkdir(exist_ok=True)
        report.written.append(write_new_file(target, str(sid), ".png", store.get(sid).png))
    if progress is not None:
        progress(len(rows), len(rows))
    return report


def write_new_file(folder: Path, stem: str, suffix: str, data: bytes) -> Path:
    """Write ``data`` to a file that did not exist before (``stem.png``, else ``stem-1.png``...).

    The data goes to a hidden temporary file first, which is then hard-linked to the free name (a link
    fails rather than replace an existing file, even if another program races us). Where links are
    not supported (FAT drives) the name is created exclusively and written in place.
    """
    temp = folder / f".{stem}{suffix}.{os.getpid()}.tmp"
    with open(temp, "wb") as f:
        try:
            f.write(data)
        except BaseException:
            f.close()
            temp.unlink(missing_ok=True)
            raise
    try:
        for n in range(10_000):
            path = folder / f"{stem}{suffix}" if n == 0 else folder / f"{stem}-{n}{suffix}"
            try:
                os.link(temp, path)
                return path
            except FileExistsError:
                continue
            except OSError:  # no hard links here
                return _write_exclusive(folder, stem, suffix, data)
        raise SampleStoreError(f"could not find a free file name for {folder / stem}{suffix}")
    finally:
        temp.unlink(missing_ok=True)


def _write_exclusive(folder: Path, stem: str, suffix: str, data: bytes) -> Path:
    for n in range(10_000):
        path = folder / f"{stem}{suffix}" if n == 0 else folder / f"{stem}-{n}{suffix}"
        try:
            f = open(path, "xb")  # noqa: SIM115 - closed below; the partial file is removed on failure
        except FileExistsError:
            continue
        try:
            with f:
                f.write(data)
        except BaseException:
            path.unlink(missing_ok=True)  # our own half-written file, never the user's
            raise
        return path
    raise SampleStoreError(f"could not find a free file name for {folder / stem}{suffix}")
