"""The paper's LeNet-5 (LeCun et al. 1998, Section II.B), every detail kept.

    input   1 x 32 x 32   background -0.1, ink 1.175
    C1      6 x 28 x 28   5x5 convolution, squashed                       156 parameters
    S2      6 x 14 x 14   2x2 sum x coefficient + bias, squashed           12
    C3     16 x 10 x 10   5x5 convolution over the paper's table, squashed 1,516
    S4     16 x  5 x  5   like S2                                          32
    C5    120             5x5 convolution over all of S4, squashed         48,120
    F6     84             fully connected, squashed                        10,164
    output 10             Euclidean RBF penalties to fixed 7x12 bitmaps    0 (840 fixed values)

"Squashed" is f(a) = 1.7159 tanh(2a/3). The prediction is the argmin of the penalties.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from .base import LeNet5
from .pooling import mean_pool_2x2
from .rbf_centres import centres as rbf_centres

# Paper, Table I: rows are S2 maps, columns C3 maps; 1 = connected.
C3_TABLE = np.array(
    [
        [1, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1],
        [1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 1],
        [1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 1, 1],
        [0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 0, 1, 1],
        [0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1, 0, 1],
        [0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1, 1],
    ],
    dtype=bool,
)


@dataclass(frozen=True)
class ClassicConfig:
    squash_amplitude: float = 1.7159  # A in f(a) = A tanh(S a): chosen so that f(1) = 1
    squash_slope: float = 2.0 / 3.0  # S
    # The constant j > 0 of the MAP loss (Eq. 9), the penalty of the paper's "rubbish" class; the paper
    # gives no value. Trained on drawings that are no digit (`outlier_loss`), every penalty of such a
    # drawing is pushed above j, while a digit's own penalty stays far below: a centre's penalty for
    # an F6 output at zero is 84, a well-read digit's own penalty a few units.
    map_j: float = 50.0
    init_scale: float = 2.4  # weights uniform in (-2.4 / fan_in, +2.4 / fan_in)


def squash(a: torch.Tensor, cfg: ClassicConfig) -> torch.Tensor:
    return cfg.squash_amplitude * torch.tanh(cfg.squash_slope * a)


def _fan_in_uniform_(t: torch.Tensor, fan_in: int, cfg: ClassicConfig) -> None:
    bound = cfg.init_scale / fan_in
    nn.init.uniform_(t, -bound, bound)


class Subsampling(nn.Module):
    """S2/S4: each unit sums a 2x2 window (stride 2), times one coefficient per map, plus one bias."""

    def __init__(self, maps: int, cfg: ClassicConfig):
        super().__init__()
        self.coefficient = nn.Parameter(torch.empty(maps))
        self.bias = nn.Parameter(torch.empty(maps))
        # Fan-in is the 4 inputs of the window.
        _fan_in_uniform_(self.coefficient, 4, cfg)
        _fan_in_uniform_(self.bias, 4, cfg)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # sum of the window x coefficient + bias, with the sum written as 4 x the window's mean.
        mean = mean_pool_2x2(x)
        return torch.addcmul(self.bias.view(1, -1, 1, 1), mean, 4.0 * self.coefficient.view(1, -1, 1, 1))


class PartialConv(nn.Module):
    """C3: a 5x5 convolution in which C3 map j only reads the S2 maps of column j of the table.

    Only the 1,500 connected weights are parameters (plus 16 biases), so the parameter count is the
    paper's 1,516; they are scattered into a dense, mostly-zero kernel for the convolution itself.
    """

    def __init__(self, table: np.ndarray, cfg: ClassicConfig, kernel: int = 5):
        super().__init__()
        in_maps, out_maps = table.shape
        self.kernel_shape = (out_maps, in_maps, kernel, kernel)
        mask = torch.zeros(self.kernel_shape, dtype=torch.bool)
        mask[torch.from_numpy(table.T.copy())] = True  # (out, in) -> whole 5x5 kernels
        self.flat_index: torch.Tensor
        self.register_buffer("flat_index", mask.flatten().nonzero().squeeze(1), persistent=False)
        self.weight = nn.Parameter(torch.empty(int(mask.sum())))
        self.bias = nn.Parameter(torch.empty(out_maps))
        # Each C3 map has its own fan-in: 75, 100 or 150 (3, 4 or 6 input maps x 25).
        fan_in = table.sum(axis=0) * kernel * kernel
        with torch.no_grad():
            dense = torch.zeros(self.kernel_shape)
            for j in range(out_maps):
                _fan_in_uniform_(dense[j], int(fan_in[j]), cfg)
                _fan_in_uniform_(self.bias[j : j + 1], int(fan_in[j]), cfg)
            self.weight.copy_(dense.flatten()[self.flat_index])

    def dense_kernel(self) -> torch.Tensor:
        """The full (16, 6, 5, 5) kernel with zeros where the table has no connection."""
        flat = self.weight.new_zeros(int(np.prod(self.kernel_shape)))
        return flat.index_put((self.flat_index,), self.weight).view(self.kernel_shape)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.conv2d(x, self.dense_kernel(), self.bias)


class EuclideanRBF(nn.Module):
    """Output layer: y_i = sum_j (x_j - w_ij)^2 to fixed +/-1 centres. Penalties: lower is better."""

    def __init__(self):
        super().__init__()
        self.centres: torch.Tensor
        self.register_buffer("centres", torch.from_numpy(rbf_centres()))  # (10, 84), not trained

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # (B, 1, 84) - (1, 10, 84) -> (B, 10)
        return (x.unsqueeze(1) - self.centres.unsqueeze(0)).pow(2).sum(-1)


def conv_as_linear(conv: nn.Conv2d, x: torch.Tensor) -> torch.Tensor:
    """A 5x5 convolution over a 5x5 input (C5): one output per map, i.e. a fully connected layer.

    Computed as the matrix product it is: the same numbers as `conv(x)`, about ten times faster for
    one image on a CPU than a general convolution routine.
    """
    return F.linear(x.flatten(1), conv.weight.flatten(1), conv.bias)


class ClassicLeNet5(LeNet5):
    arch = "classic"
    output_kind = "rbf_penalties"

    def __init__(self, cfg: ClassicConfig | None = None):
        super().__init__()
        self.cfg = cfg = cfg or ClassicConfig()
        self.C1 = nn.Conv2d(1, 6, 5)
        self.S2 = Subsampling(6, cfg)
        self.C3 = PartialConv(C3_TABLE, cfg)
        self.S4 = Subsampling(16, cfg)
        self.C5 = nn.Conv2d(16, 120, 5)
        self.F6 = nn.Linear(120, 84)
        self.output = EuclideanRBF()
        for layer, fan_in in ((self.C1, 25), (self.C5, 400), (self.F6, 120)):
            _fan_in_uniform_(layer.weight.data, fan_in, cfg)
            _fan_in_uniform_(layer.bias.data, fan_in, cfg)  # type: ignore[union-attr]

    def stages(self, x: torch.Tensor) -> dict[str, torch.Tensor]:
        """Every stage's output from one forward pass; x is (B, 1, 32, 32)."""
        f = self.cfg
        c1 = squash(self.C1(x), f)  # (B, 6, 28, 28)
        s2 = squash(self.S2(c1), f)  # (B, 6, 14, 14)
        c3 = squash(self.C3(s2), f)  # (B, 16, 10, 10)
        s4 = squash(self.S4(c3), f)  # (B, 16, 5, 5)
        c5 = squash(conv_as_linear(self.C5, s4), f)  # (B, 120)
        f6 = squash(self.F6(c5), f)  # (B, 84)
        out = self.output(f6)  # (B, 10) penalties
        return {"input": x, "C1": c1, "S2": s2, "C3": c3, "S4": s4, "C5": c5, "F6": f6, "output": out}

    @staticmethod
    def predict_labels(output: torch.Tensor) -> torch.Tensor:
        return output.argmin(dim=1)  # penalties: the closest centre wins

    @staticmethod
    def probabilities(output: torch.Tensor) -> torch.Tensor:
        return torch.softmax(-output, dim=1)

    def loss(self, output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        """MAP criterion, Eq. 9: y_D + log(exp(-j) + sum_i exp(-y_i)), the sum over all ten classes."""
        correct = output.gather(1, target.unsqueeze(1)).squeeze(1)
        j = output.new_full((output.shape[0], 1), -self.cfg.map_j)
        competition = torch.logsumexp(torch.cat([j, -output], dim=1), dim=1)
        return (correct + competition).mean()

    def outlier_loss(self, output: torch.Tensor) -> torch.Tensor:
        """Eq. 9 for a drawing that is no digit: the "rubbish" class of constant penalty j is the
        correct one, E = j + log(exp(-j) + sum_i exp(-y_i)), so every digit's penalty is pushed up."""
        j = output.new_full((output.shape[0], 1), -self.cfg.map_j)
        return (self.cfg.map_j + torch.logsumexp(torch.cat([j, -output], dim=1), dim=1)).mean()

    def kernels(self, stage: str) -> torch.Tensor | None:
        if stage == "C1":
            return self.C1.weight
        if stage == "C3":
            return self.C3.dense_kernel()
        return None
