"""The settings of a training run (`lenet-train`, the Learn page), apart from the training code so that
`lenet-train --help` can show their defaults without importing torch."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class TrainConfig:
    arch: str = "modern"
    epochs: int = 15
    batch_size: int = 128
    lr: float = 3e-3  # peak of the one-cycle schedule
    weight_decay: float = 1e-4
    seed: int = 0
    augment: bool = True
    outlier_weight: float = 1.0  # weight of a "not a digit" drawing (label -1) against a digit's 1
    pct_start: float = 0.2  # share of the steps spent warming the learning rate up

    def describe(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)
