"""What every LeNet-5 in the app shares, so that callers never branch on the architecture."""

from __future__ import annotations

import torch
from torch import nn


class LeNet5(nn.Module):
    """A LeNet-5: (B, 1, 32, 32) in, ten scores out, every stage's output available by name."""

    arch: str  # "classic" or "modern"
    output_kind: str  # "rbf_penalties" (lower is better) or "logits" (higher is better)

    def stages(self, x: torch.Tensor) -> dict[str, torch.Tensor]:
        """Every stage's output (input, C1, S2, C3, S4, C5, F6, output) from one forward pass."""
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.stages(x)["output"]

    def predict_labels(self, output: torch.Tensor) -> torch.Tensor:
        """The best digit of each row of `output`."""
        raise NotImplementedError

    def probabilities(self, output: torch.Tensor) -> torch.Tensor:
        """The model's own (uncalibrated) probabilities of `output`."""
        raise NotImplementedError

    def loss(self, output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        """The training loss for digits 0-9."""
        raise NotImplementedError

    def outlier_loss(self, output: torch.Tensor) -> torch.Tensor:
        """The training loss for drawings that are not digits."""
        raise NotImplementedError

    def kernels(self, stage: str) -> torch.Tensor | None:
        """A convolution stage's kernels (out, in, 5, 5); None for stages without any."""
        raise NotImplementedError
