"""2x2 pooling (stride 2) for both models, quicker where no gradient is wanted.

torch's pooling kernels also prepare a backward pass (max pooling records where each maximum came
from); reading a drawing or testing 10,000 digits needs none of that. There, elementwise operations on
strided views give the same values several times faster on a CPU. Training keeps torch's kernels,
whose backward passes are the faster ones.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F


def _quick(x: torch.Tensor) -> bool:
    return not x.requires_grad and x.shape[-1] % 2 == 0 and x.shape[-2] % 2 == 0


def max_pool_2x2(x: torch.Tensor) -> torch.Tensor:
    """`F.max_pool2d(x, 2)`."""
    if not _quick(x):
        return F.max_pool2d(x, 2)
    rows = torch.maximum(x[..., 0::2, :], x[..., 1::2, :])
    return torch.maximum(rows[..., 0::2], rows[..., 1::2])


def mean_pool_2x2(x: torch.Tensor) -> torch.Tensor:
    """`F.avg_pool2d(x, 2)`: the four values of each window added in the same order, then quartered."""
    if not _quick(x):
        return F.avg_pool2d(x, 2)
    top, bottom = x[..., 0::2, :], x[..., 1::2, :]
    return (top[..., 0::2] + top[..., 1::2] + bottom[..., 0::2] + bottom[..., 1::2]) * 0.25
