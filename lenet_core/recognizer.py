"""`Recognizer`: an image in, a prediction out, with everything the network saw on the way."""

from __future__ import annotations

import json
import time
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import torch
from PIL import Image

from .calibration import Calibration, decide, outlier_score, scores_of, softmax
from .images import ImageError
from .models import ARCHITECTURES, DEFAULT_ARCH, LeNet5, build_model
from .preprocess import preprocess, to_network_input
from .reading_views import mean_over_views, with_shifted_views
from .resources import shipped_weights
from .weights import load_weights

ImageInput = np.ndarray | Image.Image | str | Path
# What an answer is: a digit read with confidence, a close call between digits, a drawing that is not a
# digit, a sheet with no ink, or an image that could not be read at all (predict_batch only).
Status = Literal["digit", "unsure", "not_a_digit", "empty", "error"]
STATUSES: tuple[Status, ...] = ("digit", "unsure", "not_a_digit", "empty", "error")


@dataclass
class Prediction:
    label: int | None  # the best digit; None when there is none to give (empty, not a digit, error)
    probabilities: np.ndarray | None  # (10,), sums to 1
    input: np.ndarray | None  # (32, 32): exactly what the network saw, in its input range
    activations: dict[str, np.ndarray] = field(default_factory=dict)  # stage name -> one sample's output
    output_kind: str = "logits"  # "logits" (modern) or "rbf_penalties" (classic: lower is better)
    elapsed_ms: float = 0.0  # preprocessing and forward pass
    status: Status = "digit"
    # The runner-up digits worth naming, most likely first, as (digit, probability): "3 or 9?".
    alternatives: list[tuple[int, float]] = field(default_factory=list)
    error: str | None = None  # why the image could not be read (status "error")
    views: int = 1  # the probabilities average this many views of the input (`reading_views`)

    @property
    def is_digit(self) -> bool:
        return self.label is not None

    @property
    def confidence(self) -> float | None:
        return None if self.probabilities is None else float(self.probabilities.max())


DEVICE_KINDS = ("cpu", "cuda", "mps")


def available_devices() -> list[str]:
    """The device kinds torch can use on this machine: always "cpu", then "cuda" and "mps" if present."""
    present = {"cuda": torch.cuda.is_available(), "mps": torch.backends.mps.is_available()}
    return ["cpu"] + [kind for kind, ok in present.items() if ok]


def resolve_device(device: str | torch.device = "auto") -> torch.device:
    """`auto` takes CUDA, then Apple's MPS, then the CPU; an absent device falls back to the CPU."""
    name = str(device)
    present = available_devices()
    if name == "auto":
        return torch.device(next((k for k in ("cuda", "mps") if k in present), "cpu"))
    kind = name.split(":")[0]
    if kind not in DEVICE_KINDS:
        raise ValueError(f"unknown device {name!r}; use auto, cpu, cuda or mps")
    if kind not in present:
        warnings.warn(f"device {name!r} is not available here; using the CPU", RuntimeWarning, stacklevel=3)
        return torch.device("cpu")
    return torch.device(name)


def device_name(device: torch.device) -> str:
    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    if device.type == "mps":
        return "Apple GPU (MPS)"
    return "CPU"


class Recognizer:
    """A LeNet-5 on a device, ready to read digit images of any source through the one preprocessing path."""

    def __init__(self, model: LeNet5, device: torch.device, metadata: dict[str, str] | None = None):
        self.model = model.to(device).eval()
        self.device = device
        self.metadata = dict(metadata or {})
        self.calibration = calibration_of(self.metadata, str(model.output_kind))

    @classmethod
    def load(
        cls, arch: str = DEFAULT_ARCH, weights: str | Path | None = None, device: str | torch.device = "auto"
    ) -> Recognizer:
        """An architecture's shipped weights, or a weights file (whose own architecture then counts)."""
        if arch not in ARCHITECTURES:
            raise ValueError(f"unknown architecture {arch!r}; choose one of {', '.join(ARCHITECTURES)}")
        target = resolve_device(device)
        path = Path(weights) if weights is not None else shipped_weights(arch)
        if weights is None and not path.exists():
            warnings.warn(
                f"no shipped weights at {path}: the {arch} model is untrained", RuntimeWarning, stacklevel=2
            )
            return cls(build_model(arch), target, {"arch": arch, "untrained": "true"})
        model, meta = load_weights(path, arch=None if weights is not None else arch)
        return cls(model, target, meta)

    def to(self, device: str | torch.device) -> Recognizer:
        """The same network on another device (a new Recognizer; this one is left as it is)."""
        target = resolve_device(device)
        clone = build_model(self.arch)
        clone.load_state_dict(self.model.state_dict())
        return Recognizer(clone, target, self.metadata)

    @property
    def arch(self) -> str:
        return self.model.arch

    @property
    def device_name(self) -> str:
        return device_name(self.device)

    def predict(self, image: ImageInput) -> Prediction:
        """One image's prediction; an unreadable image raises `ImageError` with the reason."""
        prediction = self.predict_batch([image])[0]
        if prediction.status == "error":
            raise ImageError(prediction.error)
        return prediction

    def predict_batch(
        self, images: Iterable[ImageInput], activations: bool = True, batch_size: int = 1024
    ) -> list[Prediction]:
        """Predictions for many images, in order. An image without ink gets status "empty"; one that
        cannot be read gets status "error" with the reason, and the others are still answered."""
        start = time.perf_counter()
        kind = self.model.output_kind
        results: list[Prediction] = []
        inks: list[np.ndarray] = []
        digits: list[int] = []
        for image in images:
            try:
                ink = preprocess(image)
            except ImageError as exc:
                results.append(Prediction(None, None, None, output_kind=kind, status="error", error=str(exc)))
                continue
            results.append(Prediction(None, None, None, output_kind=kind, status="empty"))
            if ink is not None:
                digits.append(len(results) - 1)
                inks.append(ink)
        for chunk_start in range(0, len(digits), batch_size):
            chunk = digits[chunk_start : chunk_start + batch_size]
            x = torch.from_numpy(
                np.stack([to_network_input(ink) for ink in inks[chunk_start : chunk_start + batch_size]])
            )
            for i, pred in zip(chunk, self._forward(x[:, None], activations), strict=True):
                results[i] = pred
        elapsed = (time.perf_counter() - start) * 1000.0 / max(len(results), 1)
        for r in results:
            r.elapsed_ms = elapsed
        return results

    def _forward(self, x: torch.Tensor, keep_activations: bool) -> list[Prediction]:
        views, n = self.calibration.views, len(x)
        with torch.inference_mode():
            acts = self.model.stages(with_shifted_views(x.to(self.device), views))
            output = mean_over_views(acts["output"].double().cpu().numpy(), views)
            # The maps shown are the input's own (the first view).
            stage_arrays = (
                {k: v[:n].float().cpu().numpy() for k, v in acts.items()} if keep_activations else {}
            )
        kind = str(self.model.output_kind)
        scores = scores_of(output, kind)
        finite = np.isfinite(scores).all(axis=1)
        safe = np.where(finite[:, None], scores, 0.0)
        probs = softmax(safe, self.calibration.temperature).astype(np.float32)
        outliers = outlier_score(safe, kind)
        inputs = x[:, 0].numpy()
        results = []
        for b in range(len(scores)):
            activations = {k: v[b] for k, v in stage_arrays.items()}
            if not finite[b]:
                results.append(Prediction(
                    None, None, inputs[b], activations, kind, status="error",
                    error="the model computed invalid numbers (NaN or infinity) for this image; "
                    "its weights may be damaged",
                ))
                continue
            decision = decide(probs[b], float(outliers[b]), self.calibration)
            results.append(Prediction(
                label=decision.label,
                probabilities=probs[b],
                input=inputs[b],
                activations=activations,
                output_kind=kind,
                status=decision.status,  # type: ignore[arg-type]
                alternatives=decision.alternatives,
                views=views,
            ))
        return results

    def kernels(self, stage: str) -> np.ndarray | None:
        """Convolution kernels of C1 (6,1,5,5) or C3 (16,6,5,5; zeros where the classic table has none)."""
        with torch.no_grad():
            k = self.model.kernels(stage)
        return None if k is None else k.detach().float().cpu().numpy()


def calibration_metadata(metadata: dict[str, str]) -> dict[str, str]:
    """A fine-tuned model keeps its base model's calibration unless it has its own."""
    merged: dict[str, str] = {}
    try:
        base = json.loads(metadata.get("base_metadata", "{}"))
        if isinstance(base, dict):
            merged.update({str(k): str(v) for k, v in base.items()})
    except ValueError:
        pass
    merged.update(metadata)
    return merged


def calibration_of(metadata: dict[str, str], output_kind: str) -> Calibration:
    """How the app reads with weights of this metadata: their own calibration, else a fine-tuned model's
    base's, else the default for the kind of output."""
    return Calibration.from_metadata(calibration_metadata(metadata), output_kind)
