"""Which networks the user can pick: the entries of the core's ModelLibrary, under the app's keys.

The library (lenet_core.model_library) is the one source of truth for the kept models, their names
and which one is active; this module only maps its entries to the keys the app stores in its
settings and offers in its menus: "classic" and "modern" for the shipped models (keys older settings
files already hold), "v<N>" for the user's fine-tuned versions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.config import DEFAULT_ARCH
from lenet_core.model_library import LibraryError, ModelLibrary
from lenet_core.user_data import models_dir

BUILTIN_ARCHS = ("classic", "modern")
SHIPPED_PREFIX = "shipped:"


@dataclass(frozen=True)
class ModelEntry:
    key: str  # "classic", "modern" or a library id "v<N>": what the settings store
    arch: str
    weights: Path | None  # None: the shipped weights of `arch` (the core warns when they are missing)
    name: str  # for kept models, shown as is; built-in names are translated by the window
    library_id: str  # "shipped:modern", "v3", ...
    broken: str | None = None  # why a kept model cannot be loaded
    metadata: dict[str, str] | None = None

    @property
    def shipped(self) -> bool:
        return self.library_id.startswith(SHIPPED_PREFIX)


def key_of(library_id: str) -> str:
    return library_id.removeprefix(SHIPPED_PREFIX)


def library_id_of(key: str) -> str:
    return f"{SHIPPED_PREFIX}{key}" if key in BUILTIN_ARCHS else key


def open_library(data_dir: Path | None) -> tuple[ModelLibrary | None, str | None]:
    """The library of `<data>/models`, or (None, why) when the folder cannot be created.

    Temporary files that a kill left mid-save are removed on the way (under the library's lock, so a
    save running in another copy of the app is not disturbed).
    """
    try:
        library = ModelLibrary(models_dir(data_dir))
    except OSError as exc:
        return None, str(exc)
    try:
        library.remove_stray_files()
    except OSError:
        pass  # a read-only folder or a busy lock: the leftovers are harmless, the listing ignores them
    return library, None


def builtin_models() -> list[ModelEntry]:
    return [ModelEntry(arch, arch, None, arch, f"{SHIPPED_PREFIX}{arch}") for arch in BUILTIN_ARCHS]


def all_models(library: ModelLibrary | None) -> list[ModelEntry]:
    """The shipped models first, then the kept ones by version (broken ones too, with the reason)."""
    entries = builtin_models()
    if library is None:
        return entries
    try:
        listed = library.list()
    except OSError:
        return entries
    for e in listed:
        if e.shipped:
            continue  # always offered: the core warns (untrained) when the shipped file is missing
        arch = e.arch if e.arch in BUILTIN_ARCHS else "modern"
        entries.append(ModelEntry(e.id, arch, e.path, e.name, e.id, e.broken, dict(e.metadata)))
    return entries


def find_model(key: str | None, library: ModelLibrary | None) -> ModelEntry:
    """The entry for a stored key (library ids are accepted too); the default model when unknown."""
    entries = all_models(library)
    wanted = key_of(key) if key else None
    for entry in entries:
        if entry.key == wanted and entry.broken is None:
            return entry
    return next(e for e in entries if e.key == DEFAULT_ARCH)


def startup_key(library: ModelLibrary | None, stored: str | None) -> str | None:
    """The model to start with: the library's active one once it has an index, else the stored key."""
    if library is not None and library.index_path.exists():
        try:
            return key_of(library.active_id)
        except (OSError, LibraryError):
            return stored
    return stored


def available_devices() -> list[str]:
    """Devices worth offering: always auto and CPU; CUDA and MPS only when torch can use them."""
    from lenet_core.recognizer import available_devices as core_devices  # torch: imported on first use

    return ["auto", *core_devices()]
