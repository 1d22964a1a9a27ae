"""Facts for the layer notes: per layer what it computes (kind, window, activation), its shape, its
parameters and connections as the paper counts them, and its formula.

The formulas are plain Unicode text, the same in every language; the prose around them belongs to
the app, where it is translated. Parameters and connections come from `describe_layers`, which
counts them the paper's way (classic: 60,000 parameters, 340,908 connections).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import ClassicLeNet5, ModernLeNet5, describe_layers
from .units import FULL, SPATIAL

SQUASH = "f(a) = 1.7159 · tanh(2a/3)"
RELU = "f(a) = max(0, a)"
BATCH_NORM = "BN(a) = γ · (a − μ) / √(σ² + ε) + β"

_CLASSIC = {
    "input": "x = 1.275 · ink − 0.1   (background −0.1, ink 1.175)",
    "C1": "C1[m,y,x] = f(b[m] + Σ_{i,j<5} w[m,i,j] · x[y+i, x+j])",
    "S2": "S2[m,y,x] = f(c[m] · Σ_{i,j<2} C1[m, 2y+i, 2x+j] + b[m])",
    "C3": "C3[m,y,x] = f(b[m] + Σ_{k ∈ table(m)} Σ_{i,j<5} w[m,k,i,j] · S2[k, y+i, x+j])",
    "S4": "S4[m,y,x] = f(c[m] · Σ_{i,j<2} C3[m, 2y+i, 2x+j] + b[m])",
    "C5": "C5[m] = f(b[m] + Σ_{k<16} Σ_{i,j<5} w[m,k,i,j] · S4[k,i,j])",
    "F6": "F6[n] = f(b[n] + Σ_{m<120} w[n,m] · C5[m])",
    "output": "y[d] = Σ_{n<84} (F6[n] − p[d,n])²,   P(d) = softmax(−y)[d],   answer = argmin y",
}
_MODERN = {
    "input": "x = 1.275 · ink − 0.1   (background −0.1, ink 1.175)",
    "C1": "C1[m,y,x] = f(BN(Σ_{i,j<5} w[m,i,j] · x[y+i, x+j]))",
    "S2": "S2[m,y,x] = max_{i,j<2} C1[m, 2y+i, 2x+j]",
    "C3": "C3[m,y,x] = f(BN(Σ_{k<6} Σ_{i,j<5} w[m,k,i,j] · S2[k, y+i, x+j]))",
    "S4": "S4[m,y,x] = max_{i,j<2} C3[m, 2y+i, 2x+j]",
    "C5": "C5[m] = f(BN(Σ_{k<16} Σ_{i,j<5} w[m,k,i,j] · S4[k,i,j]))",
    "F6": "F6[n] = f(b[n] + Σ_{m<120} w[n,m] · C5[m])",
    "output": "z[d] = b[d] + Σ_{n<84} w[d,n] · F6[n],   P(d) = softmax(z)[d],   answer = argmax z",
}


@dataclass(frozen=True)
class LayerFacts:
    """One layer of one model, as the layer notes present it.

    kind: "input", "convolution", "subsampling" (classic: trainable 2x2 sum), "max_pooling",
    "full" (fully connected), "rbf" (classic output) or "linear" (modern output).
    """

    name: str
    kind: str
    output_shape: tuple[int, ...]
    parameters: int  # trainable, as the paper counts them
    connections: int
    source: str | None  # the stage it reads
    window: int | None  # kernel or pooling window side (5 or 2); None when fully connected
    stride: int | None
    activation: str | None  # "scaled_tanh", "relu" or None
    batch_norm: bool
    formula: str
    activation_formula: str | None
    normalisation_formula: str | None


def layer_facts(model: ClassicLeNet5 | ModernLeNet5) -> list[LayerFacts]:
    """Every stage from input to output, in order (without describe_layers' "total" row)."""
    classic = isinstance(model, ClassicLeNet5)
    formulas = _CLASSIC if classic else _MODERN
    rows = []
    for info in describe_layers(model):
        name = info.name
        if name == "total":
            continue
        source, window, stride = SPATIAL.get(name, (FULL.get(name), None, None))
        kind = _kind(name, classic)
        activation = None
        if kind in ("convolution", "full") or (kind == "subsampling"):
            activation = "scaled_tanh" if classic else "relu"
        batch_norm = not classic and name in ("C1", "C3", "C5")
        rows.append(
            LayerFacts(
                name=name,
                kind=kind,
                output_shape=info.output_shape,
                parameters=info.parameters,
                connections=info.connections,
                source=source,
                window=window,
                stride=stride,
                activation=activation,
                batch_norm=batch_norm,
                formula=formulas[name],
                activation_formula=None if activation is None else (SQUASH if classic else RELU),
                normalisation_formula=BATCH_NORM if batch_norm else None,
            )
        )
    return rows


def _kind(name: str, classic: bool) -> str:
    if name == "input":
        return "input"
    if name in ("C1", "C3", "C5"):
        return "convolution"
    if name in ("S2", "S4"):
        return "subsampling" if classic else "max_pooling"
    if name == "F6":
        return "full"
    return "rbf" if classic else "linear"
