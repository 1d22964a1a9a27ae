"""The user's kept models: fine-tuned weights as numbered files, plus the two shipped models.

Layout of the models folder (`user_data.models_dir()` by default):

    finetuned-v1.safetensors, finetuned-v2.safetensors, ...   one kept model each, never overwritten
    library.json                                              display names, next version, active model

Why it is built this way:

* Weights are written by `weights.save_weights` (temp file, fsync, atomic rename) under a version number
  that is never handed out twice, so a kept model is never overwritten, and a crash mid-save leaves at
  most a stray `*.tmp` file, which the listing ignores and `remove_stray_files` (run at start-up)
  deletes.
* Two copies of the app may share the folder: choosing a version number, writing its file and
  rewriting `library.json` happen under an exclusive lock on `library.lock` (released by the operating
  system if the process dies), so two processes never get the same version or lose each other's names.
* Listing reads each file's safetensors header only (names, shapes, metadata: a few kB), never the
  tensors, so a folder of many models lists at once; a file whose tensors are damaged is reported
  when it is loaded.
* `library.json` is small and also written atomically. The display name is stored in the weights'
  metadata as well, so if the index is lost or damaged the names come back from the files.
* A model file that cannot be loaded is listed with `broken` set to the reason and is never deleted
  by the library: only the user deletes it.
* The shipped models are listed first, cannot be renamed or deleted, and the shipped model of the
  default architecture (`default_active_id()`) is what the active pointer falls back to (the app's "reset to
  the shipped model").
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .architectures import DEFAULT_ARCH
from .resources import shipped_weights
from .safe_files import folder_lock, fsync_dir, read_safetensors_header, remove_stray_temp_files, write_atomic
from .user_data import models_dir as default_models_dir

if TYPE_CHECKING:
    import torch

    from .models import LeNet5
    from .recognizer import Recognizer

# torch (models, weights, the recognizer) is imported where it is needed, not here: opening a library
# and reading its index is what the app does while its window comes up, before torch has loaded.

INDEX_NAME = "library.json"
LOCK_NAME = "library.lock"
INDEX_FORMAT = 1
FILE_PATTERN = re.compile(r"^finetuned-v(\d+)\.safetensors$")
SHIPPED_PREFIX = "shipped:"
SHIPPED = {"shipped:modern": "modern", "shipped:classic": "classic"}  # entry id -> architecture
MAX_NAME_LENGTH = 80


def save_weights(model: LeNet5, path: Path, metadata: dict[str, str]) -> None:
    """`weights.save_weights`, imported on first use (it needs torch)."""
    from .weights import save_weights as save

    save(model, path, metadata)


def default_active_id() -> str:
    """The shipped model of the default architecture: what the active pointer falls back to."""
    return f"{SHIPPED_PREFIX}{DEFAULT_ARCH}"


def __getattr__(name: str) -> Any:
    if name == "DEFAULT_ACTIVE":  # a constant for callers; computed on use so that torch loads late
        return default_active_id()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class LibraryError(ValueError):
    """An operation the library refuses (renaming a shipped model, an unknown entry...)."""


@dataclass(frozen=True)
class ModelEntry:
    id: str  # "shipped:modern", "shipped:classic", or "v<version>"
    name: str  # display name, editable for kept models
    path: Path
    shipped: bool
    version: int | None  # None for the shipped models
    arch: str | None  # None when the file cannot be read
    metadata: dict[str, str] = field(default_factory=dict)
    broken: str | None = None  # why the model cannot be loaded; None when it can

    @property
    def ok(self) -> bool:
        return self.broken is None

    @property
    def created(self) -> str:
        return self.metadata.get("finetune_date") or self.metadata.get("date", "")


@cache
def _expected_shapes(arch: str) -> dict[str, tuple[int, ...]]:
    """Tensor name -> shape of a model of `arch` (built once per architecture, a few ms)."""
    from .models import build_model

    return {k: tuple(v.shape) for k, v in build_model(arch).state_dict().items()}


def _check_header(path: Path) -> tuple[str | None, dict[str, str], str | None]:
    """(arch, metadata, broken reason) from the file's header alone: its tensors are not read."""
    from .models import ARCHITECTURES

    try:
        meta, tensors = read_safetensors_header(path)
    except OSError as exc:
        return None, {}, f"{path}: cannot read the file ({exc})"
    except ValueError as exc:
        return None, {}, f"{path}: not a readable safetensors file ({exc})"
    arch = meta.get("arch")
    if arch not in ARCHITECTURES:
        return None, meta, f"{path}: metadata names no known architecture (arch={arch!r})"
    expected = _expected_shapes(arch)
    missing = sorted(set(expected) - set(tensors))
    unexpected = sorted(set(tensors) - set(expected))
    if missing or unexpected:
        return arch, meta, (
            f"{path}: tensors do not match the {arch} model"
            + (f"; missing {', '.join(missing)}" if missing else "")
            + (f"; unexpected {', '.join(unexpected)}" if unexpected else "")
        )
    for name, shape in expected.items():
        found = tuple(tensors[name]["shape"])
        if found != shape:
            return arch, meta, f"{path}: tensor {name} has shape {found}, the {arch} model needs {shape}"
    return arch, meta, None


def _clean_name(name: str) -> str:
    name = " ".join(str(name).split())  # no newlines or runs of spaces in a list entry
    if not name:
        raise LibraryError("a model name cannot be empty")
    return name[:MAX_NAME_LENGTH]


class ModelLibrary:
    """Kept models in a folder. Cheap to create; every call re-reads the folder, so it is never stale."""

    def __init__(self, models_dir: str | Path | None = None):
        self.dir = Path(models_dir) if models_dir is not None else default_models_dir()
        self.dir.mkdir(parents=True, exist_ok=True)
        self.index_path = self.dir / INDEX_NAME
        self.lock_path = self.dir / LOCK_NAME
        self.index_problem: str | None = None  # set when library.json was unreadable (names from files)
        # The header's verdict per (size, mtime): a folder that did not change lists without reading.
        self._checked: dict[Path, tuple[tuple[int, int], str | None, dict[str, str], str | None]] = {}

    # ----------------------------------------------------------------------------------- the index

    def _read_index(self) -> dict[str, Any]:
        index: dict[str, Any] = {
            "format": INDEX_FORMAT, "next_version": 1, "active": None, "names": {}
        }
        self.index_problem = None
        if not self.index_path.exists():
            return index
        try:
            data = json.loads(self.index_path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            names = data.get("names", {})
            if not isinstance(names, dict) or not all(isinstance(v, str) for v in names.values()):
                raise ValueError("'names' is not a mapping of strings")
            index["names"] = dict(names)
            if isinstance(data.get("next_version"), int) and data["next_version"] >= 1:
                index["next_version"] = data["next_version"]
            if isinstance(data.get("active"), str):
                index["active"] = data["active"]
        except (OSError, ValueError) as exc:
            self.index_problem = (
                f"{self.index_path} could not be read ({exc}); names were taken from the model files"
            )
        if index["active"] is None:
            index["active"] = default_active_id()
        return index

    def _locked(self) -> Any:
        """The folder's lock: held by whatever allocates a version or rewrites the index."""
        return folder_lock(self.lock_path)

    def remove_stray_files(self) -> list[Path]:
        """Delete the temporary files a kill left mid-save (done at start-up); returns what went."""
        with self._locked():
            return remove_stray_temp_files(self.dir, ("finetuned-v", INDEX_NAME))

    def _write_index(self, index: dict[str, Any]) -> None:
        if self.index_problem and self.index_path.exists():
            # Keep the damaged index for a human to look at rather than silently replacing it.
            backup = self.index_path.with_name(INDEX_NAME + ".damaged")
            if not backup.exists():
                os.replace(self.index_path, backup)
        write_atomic(self.index_path, json.dumps(index, indent=2, sort_keys=True) + "\n")
        self.index_problem = None

    # ----------------------------------------------------------------------------------- listing

    def _versions_on_disk(self) -> dict[int, Path]:
        found = {}
        for p in self.dir.iterdir():
            m = FILE_PATTERN.match(p.name)
            if m and p.is_file():
                found[int(m.group(1))] = p
        return found

    def _check(self, path: Path) -> tuple[str | None, dict[str, str], str | None]:
        """(arch, metadata, broken reason) of a weights file; cached while the file is unchanged."""
        try:
            st = path.stat()
        except OSError as exc:
            return None, {}, f"cannot read the file ({exc})"
        stamp = (st.st_size, st.st_mtime_ns)
        cached = self._checked.get(path)
        if cached and cached[0] == stamp:
            return cached[1], cached[2], cached[3]
        arch, meta, broken = _check_header(path)
        self._checked[path] = (stamp, arch, meta, broken)
        return arch, meta, broken

    def entries(self) -> list[ModelEntry]:
        """The shipped models, then the kept ones by version (broken ones included, with the reason)."""
        index = self._read_index()
        entries = []
        for entry_id, arch in SHIPPED.items():
            path = shipped_weights(arch)
            if path.exists():
                file_arch, meta, broken = self._check(path)
            else:
                file_arch, meta, broken = arch, {}, f"{path}: the {arch} weights are not part of this build"
            entries.append(ModelEntry(entry_id, f"LeNet-5 {arch} (shipped)", path, True, None,
                                      file_arch or arch, meta, broken))
        for version, path in sorted(self._versions_on_disk().items()):
            kept_arch, meta, broken = self._check(path)
            entry_id = f"v{version}"
            name = index["names"].get(entry_id) or meta.get("name") or f"Fine-tuned model {version}"
            entries.append(ModelEntry(entry_id, name, path, False, version, kept_arch, meta, broken))
        return entries

    def get(self, entry: ModelEntry | str) -> ModelEntry:
        entry_id = entry.id if isinstance(entry, ModelEntry) else str(entry)
        for e in self.entries():
            if e.id == entry_id:
                return e
        raise LibraryError(f"no model {entry_id!r} in {self.dir}")

    # ----------------------------------------------------------------------------------- changes

    def save(self, result: Any, name: str | None = None) -> ModelEntry:
        """Keep a fine-tuned model under a new version number; `result` is a FineTuneResult or a model.

        Returns the new entry. Nothing existing is ever overwritten.
        """
        from .models import LeNet5

        model = getattr(result, "model", result)
        if not isinstance(model, LeNet5):
            raise LibraryError(f"expected a FineTuneResult or a LeNet-5 model, got {type(result).__name__}")
        meta = dict(result.metadata()) if hasattr(result, "metadata") else {}
        with self._locked():  # no other process can take the same version or rewrite the index meanwhile
            index = self._read_index()
            on_disk = self._versions_on_disk()
            version = max([index["next_version"], *(v + 1 for v in on_disk)])
            while (self.dir / f"finetuned-v{version}.safetensors").exists():
                version += 1
            entry_id = f"v{version}"
            display = _clean_name(name) if name is not None else f"My handwriting {version} ({model.arch})"
            meta.update({"name": display, "version": str(version)})
            # A full disk fails here, before anything is renamed into place: nothing changes on disk.
            save_weights(model, self.dir / f"finetuned-v{version}.safetensors", meta)
            fsync_dir(self.dir)
            index["names"][entry_id] = display
            index["next_version"] = version + 1
            try:
                self._write_index(index)
            except OSError:
                # The model is kept all the same: its file holds its name and version, which the
                # listing reads when the index lacks them, and the next save numbers past it.
                pass
        return self.get(entry_id)

    def rename(self, entry: ModelEntry | str, name: str) -> ModelEntry:
        """Change a kept model's display name (only the index is rewritten; the weights stay as they are)."""
        e = self.get(entry)
        if e.shipped:
            raise LibraryError(f"{e.name} is a shipped model and cannot be renamed")
        with self._locked():
            index = self._read_index()
            index["names"][e.id] = _clean_name(name)
            self._write_index(index)
        return self.get(e.id)

    def delete(self, entry: ModelEntry | str) -> None:
        """Delete a kept model's file (broken ones too: the user decides). Its version is not reused."""
        e = self.get(entry)
        if e.shipped:
            raise LibraryError(f"{e.name} is a shipped model and cannot be deleted")
        with self._locked():
            index = self._read_index()
            index["next_version"] = max(index["next_version"], (e.version or 0) + 1)
            index["names"].pop(e.id, None)
            if index["active"] == e.id:
                index["active"] = default_active_id()
            self._write_index(index)  # first, so that a crash cannot leave the version number free again
            e.path.unlink(missing_ok=True)
            fsync_dir(self.dir)
        self._checked.pop(e.path, None)

    def load(self, entry: ModelEntry | str, device: str | torch.device = "auto") -> Recognizer:
        """A Recognizer for the entry; WeightsError (with the reason) when the file is broken."""
        from .recognizer import Recognizer, resolve_device
        from .weights import WeightsError, load_weights

        e = self.get(entry)
        if e.broken:
            raise WeightsError(e.broken)
        model, meta = load_weights(e.path)
        meta = {**meta, "library_id": e.id, "name": e.name}
        return Recognizer(model, resolve_device(device), meta)

    # ----------------------------------------------------------------------------------- active model

    @property
    def active_id(self) -> str:
        return self._read_index()["active"]

    def active(self) -> ModelEntry:
        """The active entry; the default shipped model when the pointer names no existing entry."""
        entries = {e.id: e for e in self.entries()}
        return entries.get(self.active_id, entries[default_active_id()])

    def set_active(self, entry: ModelEntry | str) -> ModelEntry:
        e = self.get(entry)
        if e.broken:
            raise LibraryError(f"{e.name} cannot be made active: {e.broken}")
        with self._locked():
            index = self._read_index()
            index["active"] = e.id
            self._write_index(index)
        return e

    def reset_active(self) -> ModelEntry:
        """Back to the shipped model of the default architecture (`default_active_id()`)."""
        return self.set_active(default_active_id())
