"""Weights as safetensors with a metadata record; loading checks everything and explains a bad file.

Nothing is ever unpickled: safetensors holds raw tensors and a JSON header, nothing executable.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import numpy as np
import torch
from safetensors import SafetensorError, safe_open
from safetensors.torch import save as serialize

from .models import ARCHITECTURES, LeNet5, build_model
from .preprocess import INPUT_SIZE, to_network_input
from .safe_files import replace_atomically

# No weight, bias or statistic of a trained LeNet-5 comes anywhere near this (they stay below ~10):
# larger values are a damaged file, and would overflow to infinity inside the network.
MAX_MAGNITUDE = 1e4


class WeightsError(ValueError):
    """A weights file that cannot be used; the message says what is wrong."""


def save_weights(model: LeNet5, path: str | Path, metadata: dict[str, str] | None = None) -> Path:
    """Write the model's state (parameters and buffers) atomically, never over a half-written file."""
    path = Path(path)
    now = _dt.datetime.now(_dt.timezone.utc).isoformat()
    meta = {"arch": model.arch, "format": "lenet-digits/1", "date": now}
    meta.update({k: str(v) for k, v in (metadata or {}).items()})
    state = {k: v.detach().cpu().contiguous() for k, v in model.state_dict().items()}
    # Serialised here and written by replace_atomically: safetensors' own save_file writes through a
    # temp file of its own (".tmpXXXXXX" beside the target), which a kill would leave behind.
    data = serialize(state, metadata=meta)
    replace_atomically(path, lambda tmp: tmp.write_bytes(data))
    return path


def read_metadata(path: str | Path) -> dict[str, str]:
    try:
        with safe_open(str(path), framework="pt") as f:
            return dict(f.metadata() or {})
    except (SafetensorError, OSError, ValueError) as exc:
        raise WeightsError(f"{path}: not a readable safetensors file ({exc})") from None


def load_weights(path: str | Path, arch: str | None = None) -> tuple[LeNet5, dict[str, str]]:
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
        problem = _value_problem(name, tensor, expected[name])
        if problem:
            raise WeightsError(f"{path}: tensor {name} {problem}")
    model.load_state_dict(tensors)
    model.eval()
    _probe(model, path)
    return model, meta


def _value_problem(name: str, tensor: torch.Tensor, expected: torch.Tensor) -> str | None:
    """Why a tensor's values cannot be a trained LeNet-5's, or None when they can."""
    if not expected.is_floating_point():
        if tensor.is_floating_point() or tensor.is_complex() or tensor.dtype == torch.bool:
            return f"holds {_dtype_name(tensor)} values where the model counts in integers"
        return None
    if tensor.is_complex() or not tensor.is_floating_point():
        return f"holds {_dtype_name(tensor)} values; weights must be real floating-point numbers"
    values = tensor.detach().double()
    if not torch.isfinite(values).all():
        return "contains NaN or infinite values"
    largest = float(values.abs().max()) if values.numel() else 0.0
    if largest > MAX_MAGNITUDE:
        return f"holds a value of {largest:.3g}; a trained LeNet-5 has none beyond {MAX_MAGNITUDE:g}"
    if name.endswith("running_var") and float(values.min()) < 0:
        return f"holds a negative variance ({float(values.min()):.3g})"
    return None


def _dtype_name(tensor: torch.Tensor) -> str:
    return str(tensor.dtype).removeprefix("torch.")


def _probe(model: LeNet5, path: Path) -> None:
    """Run the network on a blank page and on a simple digit: every output must be a real number."""
    blank = np.zeros((INPUT_SIZE, INPUT_SIZE), np.float32)
    one = blank.copy()
    one[6:26, 15:17] = 1.0  # a "1": a vertical bar in MNIST's 20-pixel box
    x = torch.from_numpy(to_network_input(np.stack([blank, one])))[:, None]
    with torch.inference_mode():
        output = model(x)
        probabilities = model.probabilities(output)
    if not (torch.isfinite(output).all() and torch.isfinite(probabilities).all()):
        raise WeightsError(
            f"{path}: the network computes NaN or infinite outputs with these weights (tried on a blank "
            "page and a drawn 1); the file is damaged or was not written by lenet-train"
        )
