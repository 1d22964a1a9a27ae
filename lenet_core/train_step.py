"""One optimisation step, shared by training from scratch and fine-tuning.

Both feed the network the same way (distort the preprocessed ink, scale it to the network's input range,
forward) and must never let a NaN or infinite loss reach the weights: the check comes before the
backward pass, so a diverging step leaves the parameters as they were.
"""

from __future__ import annotations

from collections.abc import Callable

import torch

from .augment import AugmentConfig, augment
from .models.base import LeNet5
from .preprocess import to_network_input

# (model, output, target, network input) -> loss
LossFn = Callable[[LeNet5, torch.Tensor, torch.Tensor, torch.Tensor], torch.Tensor]


class NonFiniteLoss(FloatingPointError):
    """The loss became NaN or infinite; no parameter was changed by the step."""

    def __init__(self, value: float):
        super().__init__(f"the loss became {value}")
        self.value = value


def train_step(
    model: LeNet5,
    optimiser: torch.optim.Optimizer,
    schedule: torch.optim.lr_scheduler.LRScheduler | None,
    ink: torch.Tensor,
    target: torch.Tensor,
    loss_fn: LossFn,
    device: torch.device,
    generator: torch.Generator | None = None,
    distort: AugmentConfig | None = None,
    forward: torch.nn.Module | None = None,
) -> tuple[torch.Tensor, float]:
    """Distort (when `distort` is given) the ink batch (B, 1, 32, 32) in [0, 1], forward it, and take one
    step on `loss_fn`; returns the (detached) output and the loss. Raises NonFiniteLoss before the
    parameters change. `forward`: what runs the forward pass when it is not `model` itself (the
    DistributedDataParallel wrapper that sums the gradients of several processes)."""
    if distort is not None:
        ink = augment(ink, generator, distort)
    net_in = to_network_input(ink).to(device)
    target = target.to(device)
    output = (forward or model)(net_in)
    loss = loss_fn(model, output, target, net_in)
    value = float(loss.item())
    if not torch.isfinite(loss):
        raise NonFiniteLoss(value)
    optimiser.zero_grad(set_to_none=True)
    loss.backward()
    optimiser.step()
    if schedule is not None:
        schedule.step()
    return output.detach(), value
