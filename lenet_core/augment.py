"""Distortions that make a model trained on MNIST hold up on mouse, pen and finger drawings.

All on whole batches of preprocessed ink images (B, 1, 32, 32) in [0, 1], so they cost little next to
the forward pass: stroke width (dilate or erode), an affine warp (rotation, scaling, squeezing,
shearing, a small shift) and, for half the batch, a smooth elastic distortion. The preprocessing
already fixes size and position, so shifts and scalings stay small; shape changes carry the weight.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F


@dataclass(frozen=True)
class AugmentConfig:
    probability: float = 0.9  # share of samples distorted at all
    rotate_deg: float = 12.0
    scale: tuple[float, float] = (0.88, 1.08)
    squeeze: float = 0.25  # log aspect-ratio change, e.g. 0.25 -> x/y ratio in [0.78, 1.28]
    shear: float = 0.3
    shift_px: float = 1.5
    elastic_probability: float = 0.5
    elastic_px: float = 1.8  # peak displacement
    dilate_probability: float = 0.15
    erode_probability: float = 0.1


def augment(
    x: torch.Tensor, generator: torch.Generator | None, cfg: AugmentConfig = AugmentConfig()
) -> torch.Tensor:
    """A randomly distorted copy of the batch (ink in [0, 1]); draws all randomness from `generator`."""
    b, size, device = x.shape[0], x.shape[-1], x.device

    def uniform(lo: float, hi: float, *shape: int) -> torch.Tensor:
        return (torch.rand(b, *shape, generator=generator) * (hi - lo) + lo).to(device)

    x = _stroke_width(x, uniform(0, 1), cfg)

    angle = uniform(-cfg.rotate_deg, cfg.rotate_deg) * math.pi / 180
    scale = uniform(*cfg.scale)
    squeeze = torch.exp(uniform(-cfg.squeeze, cfg.squeeze))
    shear = uniform(-cfg.shear, cfg.shear)
    shift = uniform(-1, 1, 2) * cfg.shift_px * 2 / size
    keep = uniform(0, 1) >= cfg.probability
    cos, sin = torch.cos(angle), torch.sin(angle)
    # Output-to-input map (what grid_sample wants): rotation x shear x anisotropic scale, inverted by
    # using the reciprocal scales; exactness does not matter, only the spread of shapes does.
    sx, sy = 1 / (scale * squeeze), squeeze / scale
    a = torch.stack([cos * sx, (-sin + shear * cos) * sy, sin * sx, (cos + shear * sin) * sy], dim=1)
    a[keep] = torch.tensor([1.0, 0.0, 0.0, 1.0], device=device)
    shift[keep] = 0.0
    # The sampling grid by broadcasting, in normalised coordinates (align_corners=False): cheaper than
    # affine_grid's batched matrix product for images this small.
    base = (torch.arange(size, device=device, dtype=x.dtype) * 2 + 1) / size - 1
    gx, gy = base.view(1, 1, size), base.view(1, size, 1)
    a = a.view(b, 4, 1, 1)
    grid = torch.stack(
        [
            a[:, 0] * gx + a[:, 1] * gy + shift[:, 0, None, None],
            a[:, 2] * gx + a[:, 3] * gy + shift[:, 1, None, None],
        ],
        dim=-1,
    )  # (B, H, W, 2)

    elastic = (uniform(0, 1) < cfg.elastic_probability) & ~keep
    if elastic.any():
        # Coarse random displacements, upsampled smoothly (bicubic, as a separable matrix product): a
        # gentle, non-affine wobble of the strokes.
        coarse = uniform(-1, 1, 2, 4, 4)[elastic]
        k = _bicubic_upsampler(size, device, x.dtype)  # (size, 4)
        field = (k @ coarse @ k.T).permute(0, 2, 3, 1)  # (E, H, W, 2)
        grid[elastic] += field * (cfg.elastic_px * 2 / size)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False).clamp_(0, 1)


@functools.cache
def _bicubic_upsampler(size: int, device: torch.device, dtype: torch.dtype) -> torch.Tensor:
    """(size, 4) matrix M with M @ c @ M.T == bicubic upsampling of a 4x4 field c (align_corners=True)."""
    impulses = torch.eye(4, dtype=dtype).view(4, 1, 4, 1).expand(4, 1, 4, 4)
    rows = F.interpolate(impulses, size=(size, 4), mode="bicubic", align_corners=True)[:, 0, :, 0]
    return rows.T.contiguous().to(device)


def _stroke_width(x: torch.Tensor, draw: torch.Tensor, cfg: AugmentConfig) -> torch.Tensor:
    dilate = draw < cfg.dilate_probability
    erode = (draw >= cfg.dilate_probability) & (draw < cfg.dilate_probability + cfg.erode_probability)
    if not (dilate.any() or erode.any()):
        return x
    out = x.clone()
    if dilate.any():
        # Half-strength dilation: a 3x3 max blended with the original, about +1 px of stroke width.
        grown = F.max_pool2d(x[dilate], 3, stride=1, padding=1)
        out[dilate] = 0.5 * (x[dilate] + grown)
    if erode.any():
        shrunk = -F.max_pool2d(-x[erode], 3, stride=1, padding=1)
        out[erode] = 0.5 * (x[erode] + shrunk)
    return out
