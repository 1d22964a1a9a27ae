"""The two LeNet-5 architectures behind one interface.

Both take a (B, 1, 32, 32) input and expose, from one forward pass, the output of every stage by name
(`model.stages(x)`), so the feature-map panels show exactly what produced the prediction. Both
provide `predict_labels`, `probabilities`, `loss` and `kernels` so that callers never branch on the
architecture.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from ..architectures import ARCHITECTURES, DEFAULT_ARCH, STAGES
from .base import LeNet5
from .classic import C3_TABLE, ClassicConfig, ClassicLeNet5
from .modern import ModernConfig, ModernLeNet5

__all__ = [
    "ARCHITECTURES",
    "C3_TABLE",
    "DEFAULT_ARCH",
    "STAGES",
    "ClassicConfig",
    "ClassicLeNet5",
    "LayerInfo",
    "LeNet5",
    "ModernConfig",
    "ModernLeNet5",
    "build_model",
    "describe_layers",
]


def build_model(arch: str) -> LeNet5:
    if arch == "classic":
        return ClassicLeNet5()
    if arch == "modern":
        return ModernLeNet5()
    raise ValueError(f"unknown architecture {arch!r}; choose one of {', '.join(ARCHITECTURES)}")


@dataclass(frozen=True)
class LayerInfo:
    name: str
    output_shape: tuple[int, ...]
    parameters: int  # trainable
    connections: int


def _stage_parameters(model: nn.Module, stage: str) -> int:
    # A stage owns the module of its name and its helpers (e.g. "C1_norm").
    return sum(
        p.numel()
        for name, p in model.named_parameters()
        if p.requires_grad and name.split(".")[0] in (stage, f"{stage}_norm")
    )


def _stage_connections(model: nn.Module, stage: str, shape: tuple[int, ...], params: int) -> int:
    units = int(torch.Size(shape).numel())
    if stage in ("C1", "C3", "C5"):
        layer = getattr(model, stage)
        out_maps, area = shape[0], units // shape[0]
        # Each unit: one connection per (connected) kernel weight, plus its bias.
        return (layer.weight.numel() + out_maps) * area
    if stage in ("S2", "S4"):
        return units * (4 + (1 if params else 0))  # the 2x2 window, plus the bias when trainable
    if stage == "F6":
        f6 = model.get_submodule("F6")
        assert isinstance(f6, nn.Linear)
        return f6.weight.numel() + f6.bias.numel()
    if stage == "output":
        return 84 * 10 + (10 if params else 0)
    return 0


def describe_layers(model: ClassicLeNet5 | ModernLeNet5) -> list[LayerInfo]:
    """Per stage: output shape (one sample), trainable parameters, connections; plus a 'total' row."""
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            device = next(model.parameters()).device
            acts = model.stages(torch.zeros(1, 1, 32, 32, device=device))
    finally:
        model.train(was_training)
    rows = []
    for stage in STAGES:
        shape = tuple(acts[stage].shape[1:])
        params = 0 if stage == "input" else _stage_parameters(model, stage)
        conns = 0 if stage == "input" else _stage_connections(model, stage, shape, params)
        rows.append(LayerInfo(stage, shape, params, conns))
    rows.append(LayerInfo("total", (), sum(r.parameters for r in rows), sum(r.connections for r in rows)))
    return rows


def format_layers(rows: list[LayerInfo]) -> str:
    lines = [f"{'layer':<7} {'output':<14} {'parameters':>10} {'connections':>12}"]
    for r in rows:
        shape = " x ".join(map(str, r.output_shape))
        lines.append(f"{r.name:<7} {shape:<14} {r.parameters:>10,} {r.connections:>12,}")
    return "\n".join(lines)
