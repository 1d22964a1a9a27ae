"""Data-parallel training under `torchrun`: several processes share each batch, and the result is the
single-process run's.

`torchrun --nproc-per-node N lenet-train ...` starts N copies of `lenet-train` with RANK, WORLD_SIZE
and LOCAL_RANK in their environment. Each copy (a rank) builds the same data and draws the same
random numbers as a single process would (same seeds), so all ranks agree on every global batch;
each then runs the forward and backward pass on its own share of it (DistributedSampler's
interleaved indexing, `batch[rank::world]`), and DistributedDataParallel sums the gradients. The
loss of a share is its part of the whole batch's mean, times N (DDP averages over ranks), so the
gradient is the single-process gradient and the weights follow the same path, up to float
rounding. Only rank 0 prints and writes files.

gloo carries the gradients between CPU processes, NCCL between GPUs (one GPU per rank, the one
LOCAL_RANK names). Batch normalisation (the modern model) sees only a rank's share of a batch: on
CUDA it is made synchronous (SyncBatchNorm, the whole batch's statistics); on the CPU, where torch
has no synchronous batch norm, each rank normalises its own share, and dropout draws its own masks,
so the modern model trains like the single-process run but not bit for bit. The classic model has
neither and follows the single-process run to float rounding.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta

import torch
from torch import nn

from .augment import AugmentConfig, augment

TIMEOUT = timedelta(minutes=10)  # a rank that waits longer for the others gives up with an error


@dataclass(frozen=True)
class Parallel:
    """This process's place among the ranks of a torchrun job."""

    rank: int
    world_size: int
    local_rank: int
    backend: str  # "gloo" or "nccl"

    @property
    def is_main(self) -> bool:
        """Rank 0: the one that prints, evaluates and writes the weights."""
        return self.rank == 0

    def share(self, batch: torch.Tensor) -> torch.Tensor:
        """This rank's share of a global batch (every rank holds the same batch)."""
        return batch[self.rank :: self.world_size]

    def share_batch(
        self, ink: torch.Tensor, labels: torch.Tensor, generator: torch.Generator | None,
        distort: AugmentConfig | None, outlier_weight: float,
    ) -> tuple[torch.Tensor, torch.Tensor, float]:
        """This rank's share of a global batch and its part of the batch's loss weight (1 per digit,
        `outlier_weight` per non-digit, over the ranks). The whole batch is distorted first, as one
        process would, so that every rank's random numbers stay those of the single-process run."""
        if distort is not None:
            ink = augment(ink, generator, distort)
        n_digits = int((labels >= 0).sum())
        weight = n_digits + outlier_weight * (len(labels) - n_digits)
        return self.share(ink), self.share(labels), weight / self.world_size

    def wrap(self, model: nn.Module, device: torch.device) -> nn.Module:
        """The model wrapped for gradient averaging (the caller keeps the bare model for everything else)."""
        from torch.nn.parallel import DistributedDataParallel

        norms = any(isinstance(m, nn.modules.batchnorm._BatchNorm) for m in model.modules())
        if device.type == "cuda" and norms:
            model = nn.SyncBatchNorm.convert_sync_batchnorm(model)
        ids = [device.index] if device.type == "cuda" else None
        return DistributedDataParallel(model, device_ids=ids)

    def loss_scale(self) -> float:
        """DDP averages gradients over the ranks; a share's loss is a part of the batch's sum: times N."""
        return float(self.world_size)


def launched() -> bool:
    """Whether torchrun (or another launcher that sets RANK and WORLD_SIZE) started this process."""
    return "RANK" in os.environ and "WORLD_SIZE" in os.environ


def rank_device(target: torch.device, local_rank: int, gpus: int) -> tuple[torch.device, str]:
    """This rank's device and the backend that joins it to the others: a GPU of its own (the one
    LOCAL_RANK names) with NCCL, or the CPU with gloo. Raises RuntimeError for what cannot work."""
    if target.type == "cuda":
        if local_rank >= gpus:
            raise RuntimeError(
                f"this rank needs GPU {local_rank}, but {gpus} are visible: start no more processes per "
                "node than there are GPUs, or pass --device cpu"
            )
        return torch.device("cuda", local_rank), "nccl"
    if target.type == "cpu":
        return target, "gloo"
    raise RuntimeError(f"distributed training runs on CUDA (NCCL) or on the CPU (gloo), not on {target.type}")


def start(device: str = "auto") -> tuple[Parallel | None, torch.device]:
    """Join the torchrun job (None when run alone) and pick this rank's device.

    `device` is lenet-train's --device: "auto" takes CUDA when present (NCCL, GPU LOCAL_RANK), else the
    CPU (gloo); "cpu" forces gloo on the CPU even where there are GPUs.
    """
    from .recognizer import resolve_device

    if not launched():
        return None, resolve_device(device)
    import torch.distributed as dist

    rank, world = int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"])
    local = int(os.environ.get("LOCAL_RANK", rank))
    target, backend = rank_device(resolve_device(device), local, torch.cuda.device_count())
    if target.type == "cuda":
        torch.cuda.set_device(target)
    if not dist.is_initialized():
        dist.init_process_group(backend, rank=rank, world_size=world, timeout=TIMEOUT)
    return Parallel(rank, world, local, backend), target


def finish(parallel: Parallel | None) -> None:
    """Leave the job (every rank, once training is over).

    Wrapped models no longer used are collected first: a gradient-averaging wrapper freed after its
    process group was destroyed can hang in the group's destructor, waiting for its threads."""
    if parallel is None:
        return
    import gc

    import torch.distributed as dist

    gc.collect()
    if dist.is_initialized():
        dist.destroy_process_group()
