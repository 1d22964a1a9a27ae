"""Which networks the user can pick: the two shipped models and any fine-tuned ones in the data folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.config import DEFAULT_ARCH
from lenet_core.user_data import models_dir
from lenet_core.weights import WeightsError, read_metadata

BUILTIN_ARCHS = ("classic", "modern")
USER_PREFIX = "user:"


@dataclass(frozen=True)
class ModelEntry:
    key: str  # "classic", "modern" or "user:<file name>": what the settings store
    arch: str
    weights: Path | None  # None: the shipped weights of `arch`
    name: str  # for user models, shown as is; built-in names are translated by the window


def builtin_models() -> list[ModelEntry]:
    return [ModelEntry(arch, arch, None, arch) for arch in BUILTIN_ARCHS]


def user_models(data_dir: Path | None) -> list[ModelEntry]:
    """Fine-tuned weights saved by the training tab in `<data>/models/`; unreadable files are skipped."""
    try:
        folder = models_dir(data_dir)
    except OSError:
        return []
    entries = []
    for path in sorted(folder.glob("*.safetensors")):
        try:
            metadata = read_metadata(path)
        except WeightsError:
            continue
        arch = metadata.get("arch")
        if arch not in BUILTIN_ARCHS:
            continue
        name = metadata.get("name") or path.stem
        entries.append(ModelEntry(f"{USER_PREFIX}{path.name}", arch, path, name))
    return entries


def all_models(data_dir: Path | None) -> list[ModelEntry]:
    return builtin_models() + user_models(data_dir)


def find_model(key: str | None, data_dir: Path | None) -> ModelEntry:
    """The entry for a stored key; the default model when the key is unknown (e.g. a deleted file)."""
    entries = all_models(data_dir)
    for entry in entries:
        if entry.key == key:
            return entry
    return next(e for e in entries if e.key == DEFAULT_ARCH)


def available_devices() -> list[str]:
    """Devices worth offering: always auto and CPU; CUDA and MPS only when torch can use them."""
    import torch

    devices = ["auto", "cpu"]
    if torch.cuda.is_available():
        devices.append("cuda")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        devices.append("mps")
    return devices
