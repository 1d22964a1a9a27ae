"""The arithmetic of one unit, with the real numbers: what the step view shows when a unit is clicked.

Every number comes from the model's own weights and the previous stage's activations of the same
forward pass (one sample's `stages()` output, as `Prediction.activations` holds it), recomputed here
in float64 term by term, so a view can show each product and the sum it adds up to. `value` is then
the unit's own output in that forward pass (to float32 rounding); the tests check it for every kind
of unit of both models.

Both models, every stage:
- C1, C3, C5: a convolution, one 5x5 patch and kernel per source map (classic C3: only the S2 maps of
  the paper's table), the weighted sum, the bias, then the modern model's batch norm, then the
  activation (the classic scaled tanh, the modern ReLU);
- S2, S4: the classic 2x2 sum times a trainable coefficient plus a bias, squashed; the modern max;
- F6: a weighted sum of the 120 C5 units, plus bias, activation;
- output: the classic RBF squared distances to the ten prototypes; the modern logits and softmax.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import torch

from ..models import ClassicLeNet5, ModernLeNet5
from .units import Box, Unit, connections

Model = ClassicLeNet5 | ModernLeNet5
ActivationName = Literal["scaled_tanh", "relu"]


@dataclass(frozen=True)
class BatchNorm:
    """The modern model's batch norm at inference: (a - mean) / sqrt(variance + eps) * gamma + beta.

    Mean and variance are the running statistics learnt during training, fixed when reading.
    """

    mean: float
    variance: float
    eps: float
    gamma: float
    beta: float
    normalised: float  # (a - mean) / sqrt(variance + eps)
    output: float  # normalised * gamma + beta


@dataclass(frozen=True)
class Activation:
    """The non-linearity: `scaled_tanh` is 1.7159 tanh(2a/3) (classic), `relu` is max(0, a) (modern)."""

    name: ActivationName
    input: float
    output: float


@dataclass(frozen=True)
class WeightedSum:
    """C1, C3, C5 (kind "convolution") or F6 (kind "full"): inputs times weights, summed, plus bias.

    For a convolution, `inputs`, `weights` and `products` are (k, 5, 5): one patch and one kernel
    per source map in `source_maps`; for F6 they are (120,). `bias` is 0 where the layer has none
    (the modern convolutions: batch norm's beta takes its place).
    """

    unit: Unit
    kind: Literal["convolution", "full"]
    source_stage: str
    source_maps: tuple[int, ...]  # the maps (or, for F6, units) the inputs come from
    window: Box | None  # where the patches lie in each source map; None for F6
    inputs: np.ndarray
    weights: np.ndarray
    products: np.ndarray
    map_sums: np.ndarray  # (k,): each source map's share of the sum (convolutions); (0,) for F6
    weighted_sum: float
    bias: float
    pre_activation: float  # weighted_sum + bias
    batch_norm: BatchNorm | None
    activation: Activation
    value: float


@dataclass(frozen=True)
class Subsampling:
    """S2/S4. Classic ("trainable_sum"): (sum of the 2x2 window) x coefficient + bias, squashed.
    Modern ("max"): the largest of the four, at `argmax` (row, column within the window)."""

    unit: Unit
    mode: Literal["trainable_sum", "max"]
    source_stage: str
    window: Box
    inputs: np.ndarray  # (2, 2)
    window_sum: float | None
    coefficient: float | None
    bias: float | None
    pre_activation: float | None
    activation: Activation | None
    argmax: tuple[int, int] | None
    value: float


@dataclass(frozen=True)
class OutputLayer:
    """The output layer, all ten units at once (the view compares them); `unit` is the one clicked.

    Classic ("rbf"): output_i = sum_j (f6_j - centre_ij)^2, the squared distance of F6 to digit i's
    prototype; lower is better. Modern ("linear"): output_i = sum_j weight_ij f6_j + bias_i, the logits.
    `probabilities` are the model's own (`model.probabilities(output)`: softmax(-output) for the
    classic model, softmax(output) for the modern one, or whatever calibration the model applies).
    """

    unit: Unit
    kind: Literal["rbf", "linear"]
    f6: np.ndarray  # (84,)
    parameters: np.ndarray  # (10, 84): the prototypes (rbf) or the weights (linear)
    terms: np.ndarray  # (10, 84): squared differences (rbf) or products (linear)
    bias: np.ndarray | None  # (10,) for linear
    output: np.ndarray  # (10,): penalties (rbf) or logits (linear)
    probabilities: np.ndarray  # (10,)
    label: int  # the digit the model reads
    value: float  # output[unit.index]


UnitArithmetic = WeightedSum | Subsampling | OutputLayer


def stage_activations(model: Model, image: np.ndarray | torch.Tensor) -> dict[str, np.ndarray]:
    """One 32x32 network input (already in the input range) -> every stage's output, as numpy arrays."""
    x = torch.as_tensor(image, dtype=torch.float32).reshape(1, 1, 32, 32)
    with torch.inference_mode():
        acts = model.stages(x.to(next(model.parameters()).device))
    return {k: v[0].float().cpu().numpy() for k, v in acts.items()}


def unit_arithmetic(model: Model, activations: dict[str, np.ndarray], unit: Unit) -> UnitArithmetic:
    """The computation of `unit` in this forward pass, step by step. The model must be in eval mode."""
    if model.training:
        raise ValueError("the model is in training mode; explain what it computes when reading (eval mode)")
    if unit.stage == "input":
        raise ValueError("the input is given, not computed")
    if unit.stage in ("S2", "S4"):
        return _subsampling(model, activations, unit)
    if unit.stage == "output":
        return _output(model, activations, unit)
    return _weighted_sum(model, activations, unit)


def _np(t: torch.Tensor) -> np.ndarray:
    return t.detach().cpu().double().numpy()


def _activate(model: Model, a: float) -> Activation:
    if isinstance(model, ClassicLeNet5):
        cfg = model.cfg
        return Activation("scaled_tanh", a, float(cfg.squash_amplitude * np.tanh(cfg.squash_slope * a)))
    return Activation("relu", a, max(a, 0.0))


def _batch_norm(norm: torch.nn.BatchNorm2d, channel: int, a: float) -> BatchNorm:
    assert norm.running_mean is not None and norm.running_var is not None  # tracked: the models' default
    mean, variance = float(norm.running_mean[channel]), float(norm.running_var[channel])
    gamma, beta = float(norm.weight.detach()[channel]), float(norm.bias.detach()[channel])
    normalised = (a - mean) / float(np.sqrt(variance + norm.eps))
    return BatchNorm(mean, variance, norm.eps, gamma, beta, normalised, normalised * gamma + beta)


def _layer_weights(model: Model, stage: str) -> tuple[np.ndarray, np.ndarray]:
    """(weights, biases) of C1/C3/C5/F6; convolution weights as (out, in, 5, 5), zeros for no bias."""
    with torch.no_grad():
        if stage == "C3" and isinstance(model, ClassicLeNet5):
            weight = _np(model.C3.dense_kernel())
        else:
            weight = _np(getattr(model, stage).weight)
        bias = getattr(model, stage).bias
    return weight, (np.zeros(weight.shape[0]) if bias is None else _np(bias))


def _weighted_sum(model: Model, activations: dict[str, np.ndarray], unit: Unit) -> WeightedSum:
    links = connections(unit, model.arch)
    weight, biases = _layer_weights(model, unit.stage)
    source = np.asarray(activations[links.source_stage], dtype=np.float64)
    maps = links.sources
    if links.window is None:  # F6: fully connected to C5
        kind: Literal["convolution", "full"] = "full"
        inputs, weights = source, weight[unit.index]
        map_sums = np.zeros(0)
    else:
        kind = "convolution"
        w = links.window
        inputs = source[list(maps), w.top : w.bottom, w.left : w.right]
        weights = weight[unit.index][list(maps)]
    products = inputs * weights
    if kind == "convolution":
        map_sums = products.sum(axis=(1, 2))
    total = float(products.sum())
    bias = float(biases[unit.index])
    pre = total + bias
    norm = None
    if isinstance(model, ModernLeNet5) and unit.stage in ("C1", "C3", "C5"):
        norm = _batch_norm(getattr(model, f"{unit.stage}_norm"), unit.index, pre)
    activation = _activate(model, norm.output if norm is not None else pre)
    return WeightedSum(
        unit=unit,
        kind=kind,
        source_stage=links.source_stage,
        source_maps=maps,
        window=links.window,
        inputs=inputs,
        weights=weights,
        products=products,
        map_sums=map_sums,
        weighted_sum=total,
        bias=bias,
        pre_activation=pre,
        batch_norm=norm,
        activation=activation,
        value=activation.output,
    )


def _subsampling(model: Model, activations: dict[str, np.ndarray], unit: Unit) -> Subsampling:
    links = connections(unit, model.arch)
    w = links.window
    assert w is not None
    source = np.asarray(activations[links.source_stage], dtype=np.float64)
    inputs = source[unit.index, w.top : w.bottom, w.left : w.right]
    if isinstance(model, ModernLeNet5):
        row, col = np.unravel_index(int(np.argmax(inputs)), inputs.shape)
        return Subsampling(
            unit=unit,
            source_stage=links.source_stage,
            window=w,
            inputs=inputs,
            mode="max",
            window_sum=None,
            coefficient=None,
            bias=None,
            pre_activation=None,
            activation=None,
            argmax=(int(row), int(col)),
            value=float(inputs.max()),
        )
    layer = getattr(model, unit.stage)
    window_sum = float(inputs.sum())
    coefficient = float(layer.coefficient.detach()[unit.index])
    bias = float(layer.bias.detach()[unit.index])
    pre = window_sum * coefficient + bias
    activation = _activate(model, pre)
    return Subsampling(
        unit=unit,
        source_stage=links.source_stage,
        window=w,
        inputs=inputs,
        mode="trainable_sum",
        window_sum=window_sum,
        coefficient=coefficient,
        bias=bias,
        pre_activation=pre,
        activation=activation,
        argmax=None,
        value=activation.output,
    )


def _output(model: Model, activations: dict[str, np.ndarray], unit: Unit) -> OutputLayer:
    f6 = np.asarray(activations["F6"], dtype=np.float64)
    with torch.no_grad():
        if isinstance(model, ClassicLeNet5):
            centres = _np(model.get_buffer("output.centres"))
            terms = (f6[None, :] - centres) ** 2
            output = terms.sum(axis=1)
            probabilities = _probabilities(model, output)
            return OutputLayer(
                unit=unit,
                kind="rbf",
                f6=f6,
                parameters=centres,
                terms=terms,
                bias=None,
                output=output,
                probabilities=probabilities,
                label=int(np.argmin(output)),
                value=float(output[unit.index]),
            )
        weights, bias = _np(model.get_parameter("output.weight")), _np(model.get_parameter("output.bias"))
    terms = weights * f6[None, :]
    output = terms.sum(axis=1) + bias
    return OutputLayer(
        unit=unit,
        kind="linear",
        f6=f6,
        parameters=weights,
        terms=terms,
        bias=bias,
        output=output,
        probabilities=_probabilities(model, output),
        label=int(np.argmax(output)),
        value=float(output[unit.index]),
    )


def _probabilities(model: Model, output: np.ndarray) -> np.ndarray:
    """The model's probabilities for these output values, as it computes them itself."""
    device = next(model.parameters()).device
    with torch.no_grad():
        scores = torch.as_tensor(output, dtype=torch.float32, device=device)[None]
        return model.probabilities(scores)[0].double().cpu().numpy()
