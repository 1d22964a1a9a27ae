"""A LeNet-5 as an ONNX file: the network, its calibration and the softmax, for any other program.

The exported graph takes what the network reads, a float32 batch (N, 1, 32, 32) already
preprocessed (MNIST's recipe, then ink mapped to the paper's range: background -0.1, ink 1.175), and
returns the ten probabilities per image, exactly as `Recognizer` computes them: softmax of
-penalties (classic) or of the logits (modern), averaged over the views the calibration was fitted
with (the input and its four one-pixel shifts, `reading_views`) and divided by the calibration
temperature (the weights' own, else the default for the kind of model: 8 classic, 1 modern).
Optionally it also returns the raw output of the input itself (penalties or logits).
The batch axis is dynamic.

`onnx` must be installed (torch's exporter writes through it): `pip install onnx`.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import torch
from torch import nn

from . import __version__
from .models import ClassicLeNet5, ModernLeNet5
from .preprocess import BACKGROUND_VALUE, INK_VALUE
from .reading_views import mean_over_views, with_shifted_views
from .safe_files import replace_atomically

INPUT_NAME = "input"
PROBABILITIES_NAME = "probabilities"
OPSET = 17  # run by every onnxruntime since 1.11
INPUT_DESCRIPTION = (
    f"(N, 1, 32, 32) float32: a digit preprocessed as MNIST (fitted to 20x20, centred by mass in 28x28, "
    f"padded to 32x32), ink intensity x in [0, 1] mapped to {INK_VALUE - BACKGROUND_VALUE:g} * x "
    f"{BACKGROUND_VALUE:+g} (background {BACKGROUND_VALUE:g}, ink {INK_VALUE:g})"
)


class ExportError(ValueError):
    """The model cannot be written where asked; the message says why, in one line."""


def temperature_from(metadata: dict[str, str], output_kind: str) -> float:
    """The calibration temperature the app divides by (`Recognizer`'s): the weights' own
    `calibration_temperature`, else a fine-tuned model's base's, else the default for the kind of
    output ("rbf_penalties": 8, "logits": 1)."""
    from .calibration import Calibration
    from .recognizer import calibration_metadata, calibration_of

    value = calibration_of(metadata, output_kind).temperature
    if not (math.isfinite(value) and value > 0):
        text = calibration_metadata(metadata).get(Calibration.KEYS[0])
        raise ExportError(f"the weights' metadata has {Calibration.KEYS[0]}={text!r}, not a positive number")
    return value


def views_from(metadata: dict[str, str], output_kind: str) -> int:
    """How many views of each input the app averages for these weights (`Recognizer`'s)."""
    from .recognizer import calibration_of

    return calibration_of(metadata, output_kind).views


def raw_output_name(model: ClassicLeNet5 | ModernLeNet5) -> str:
    """The second output's name: "rbf_penalties" (classic, lower is better) or "logits" (modern)."""
    return model.output_kind


class CalibratedProbabilities(nn.Module):
    """The model followed by its calibration and softmax: what the exported graph computes."""

    def __init__(
        self, model: ClassicLeNet5 | ModernLeNet5, temperature: float = 1.0, raw_output: bool = False,
        views: int = 1,
    ):
        super().__init__()
        self.model = model
        self.temperature = float(temperature)
        self.raw_output = raw_output
        self.views = views
        self.sign = -1.0 if model.output_kind == "rbf_penalties" else 1.0  # penalties: lower is better

    def forward(self, x: torch.Tensor) -> torch.Tensor | tuple[torch.Tensor, torch.Tensor]:
        every_view = self.model(with_shifted_views(x, self.views))  # (views * N, 10), view-major
        output = every_view[: x.shape[0]]
        mean = mean_over_views(every_view, self.views)
        probabilities = torch.softmax(mean * (self.sign / self.temperature), dim=1)
        return (probabilities, output) if self.raw_output else probabilities


def export_onnx(
    model: ClassicLeNet5 | ModernLeNet5,
    path: str | Path,
    temperature: float = 1.0,
    raw_output: bool = False,
    overwrite: bool = False,
    metadata: dict[str, str] | None = None,
    views: int = 1,
) -> Path:
    """Write `model` as ONNX to `path`, never over an existing file unless `overwrite`.

    The file is written beside its destination and moved into place whole, so a failed export
    leaves nothing half-written. `metadata` is added to the file's metadata properties, with the
    architecture, the temperature, the input's description and the outputs' names.
    """
    try:
        import onnx
    except ImportError:
        raise ExportError("writing ONNX needs the onnx package: pip install onnx") from None
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name such as {path / 'lenet5.onnx'}")
    if path.exists() and not overwrite:
        raise ExportError(f"{path} exists; not overwriting it")
    if not (temperature > 0 and math.isfinite(temperature)):
        raise ExportError(f"temperature must be a positive number, not {temperature}")
    outputs = [PROBABILITIES_NAME] + ([raw_output_name(model)] if raw_output else [])
    head = CalibratedProbabilities(model, temperature, raw_output, views).eval()
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"cannot write in {folder}: it is a file, not a folder")
    device = next(model.parameters()).device

    def write(tmp: Path) -> None:
        with warnings.catch_warnings():
            # The TorchScript exporter is deprecated in favour of one that needs onnxscript; it is
            # the one that writes this small static graph with nothing more than onnx installed.
            warnings.simplefilter("ignore")
            torch.onnx.export(
                head,
                (torch.full((1, 1, 32, 32), BACKGROUND_VALUE, device=device),),
                str(tmp),
                input_names=[INPUT_NAME],
                output_names=outputs,
                dynamic_axes={name: {0: "batch"} for name in [INPUT_NAME, *outputs]},
                opset_version=OPSET,
                dynamo=False,
            )
        graph = onnx.load(str(tmp))
        props = {
            "arch": model.arch,
            "temperature": repr(float(temperature)),
            "views": str(views),
            "input": INPUT_DESCRIPTION,
            "outputs": ", ".join(outputs),
            "exported_by": f"lenet-digits {__version__}, torch {torch.__version__}",
            **{f"weights.{k}": str(v) for k, v in (metadata or {}).items()},
        }
        onnx.helper.set_model_props(graph, props)
        graph.doc_string = f"LeNet-5 ({model.arch}) digit reader. Input: {INPUT_DESCRIPTION}."
        onnx.save(graph, str(tmp))

    try:
        replace_atomically(path, write)
    except OSError as exc:
        raise ExportError(f"cannot write in {folder}: {exc.strerror or exc}") from None
    return path
