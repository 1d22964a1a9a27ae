"""Weights as safetensors with a metadata record; loading checks everything and explains a bad file.

Nothing is ever unpickled: safetensors holds raw tensors and a JSON header, nothing executable.
"""

from __future__ import annotations

import datetime as _dt
import os
import tempfile
from pathlib import Path

import torch
from safetensors import SafetensorError, safe_open
from safetensors.torch import save_file

from .models import ARCHITECTURES, build_model


class WeightsError(ValueError):
    """A weights file that cannot be used; the message says what is wrong."""


def save_weights(model: torch.nn.Module, path: str | Path, metadata: dict[str, str] | None = None) -> Path:
    """Write the model's state (parameters and buffers) atomically, never over a half-written file."""
    path = Path(path)
    now = _dt.datetime.now(_dt.timezone.utc).isoformat()
    meta = {"arch": model.arch, "format": "lenet-digits/1", "date": now}
    meta.update({k: str(v) for k, v in (metadata or {}).items()})
    state = {k: v.detach().cpu().contiguous() for k, v in model.state_dict().items()}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        save_file(state, tmp, metadata=meta)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def read_metadata(path: str | Path) -> dict[str, str]:
    try:
        with safe_open(str(path), framework="pt") as f:
            return dict(f.metadata() or {})
    except (SafetensorError, OSError, ValueError) as exc:
        raise WeightsError(f"{path}: not a readable safetensors file ({exc})") from None


def load_weights(path: str | Path, arch: str | None = None) -> tuple[torch.nn.Module, dict[str, str]]:
    """Build the file's architecture and load it; every tensor name and shape is checked first."""
    path = Path(path)
    if not path.is_file():
        raise WeightsError(f"{path}: no such weights file")
    meta = read_metadata(path)
    file_arch = meta.get("arch")
    if file_arch not in ARCHITECTURES:
        raise WeightsError(f"{path}: metadata names no known architecture (arch={file_arch!r})")
    if arch is not None and arch != file_arch:
        raise WeightsError(f"{path}: holds a {file_arch!r} model, but {arch!r} was asked for")
    model = build_model(file_arch)
    expected = model.state_dict()
    with safe_open(str(path), framework="pt") as f:
        tensors = {k: f.get_tensor(k) for k in f.keys()}
    missing = sorted(set(expected) - set(tensors))
    unexpected = sorted(set(tensors) - set(expected))
    if missing or unexpected:
        raise WeightsError(
            f"{path}: tensors do not match the {file_arch} model"
            + (f"; missing {', '.join(missing)}" if missing else "")
            + (f"; unexpected {', '.join(unexpected)}" if unexpected else "")
        )
    for name, tensor in tensors.items():
        if tuple(tensor.shape) != tuple(expected[name].shape):
            raise WeightsError(
                f"{path}: tensor {name} has shape {tuple(tensor.shape)}, "
                f"the {file_arch} model needs {tuple(expected[name].shape)}"
            )
        if tensor.is_floating_point() and not torch.isfinite(tensor).all():
            raise WeightsError(f"{path}: tensor {name} contains NaN or infinite values")
    model.load_state_dict(tensors)
    model.eval()
    return model, meta
