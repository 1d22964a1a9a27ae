"""The learned kernels in one view: the six C1 kernels and the 16 x 6 grid of C3 kernels.

In the C3 grid, row j is C3 map j and column i the S2 map it reads; for the classic model only the
pairs of the paper's Table I are connected (60 of 96), and `c3_connected` says which, so a view can
draw the missing cells as empty rather than as a kernel of zeros.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from ..models import ClassicLeNet5, ModernLeNet5
from .units import c3_sources


@dataclass(frozen=True)
class FilterBanks:
    """Kernels as float32 arrays, with one symmetric colour scale per bank (its largest |weight|)."""

    c1: np.ndarray  # (6, 5, 5)
    c3: np.ndarray  # (16, 6, 5, 5): [C3 map, S2 map]; zeros where not connected
    c3_connected: np.ndarray  # (16, 6) bool
    c1_scale: float
    c3_scale: float


def filter_banks(model: ClassicLeNet5 | ModernLeNet5) -> FilterBanks:
    """The model's C1 and C3 kernels as they are now (a model being trained changes them)."""
    with torch.no_grad():
        c1 = model.kernels("C1")
        c3 = model.kernels("C3")
    assert c1 is not None and c3 is not None
    c1_np = c1.detach().float().cpu().numpy()[:, 0]
    c3_np = c3.detach().float().cpu().numpy()
    c3_maps, s2_maps = c3_np.shape[0], c3_np.shape[1]
    connected = np.zeros((c3_maps, s2_maps), dtype=bool)
    for j in range(c3_maps):
        connected[j, list(c3_sources(model.arch, j))] = True
    return FilterBanks(
        c1=c1_np,
        c3=c3_np,
        c3_connected=connected,
        c1_scale=float(np.abs(c1_np).max()),
        c3_scale=float(np.abs(c3_np[connected]).max()),
    )
