"""`lenet-train` under torchrun: two CPU processes (gloo), each training on its share of every batch,
write the weights the single-process run with the same global batch writes, within float rounding."""

import gzip
import os
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from lenet_core import distributed
from lenet_core.models import build_model
from lenet_core.shipped_data import REPLAY, TEST_SAMPLE, load
from lenet_core.training_run import set_seed
from lenet_core.weights import load_weights

REPO = Path(__file__).resolve().parent.parent
# The documented pair of runs (README), on a small subset of the shipped digits: 640 training images,
# global batch 64, so 10 steps. Realistic redrawings and non-digits are left out to keep it cheap;
# they are drawn from seeds, the same on every rank, so they do not change what is compared.
ARGS = ["--arch", "classic", "--epochs", "1", "--limit", "640", "--batch-size", "64", "--lr", "0.01",
        "--realistic", "0", "--negatives", "0", "--threads", "1", "--seed", "3"]


def write_idx(path: Path, array: np.ndarray, magic: int) -> None:
    header = struct.pack(">I", magic) + b"".join(struct.pack(">I", n) for n in array.shape)
    with gzip.open(path, "wb") as f:
        f.write(header + np.ascontiguousarray(array, np.uint8).tobytes())


@pytest.fixture(scope="module")
def mnist_folder(tmp_path_factory) -> Path:
    """MNIST-format IDX files made from the digits shipped with the app (no download, no shared data)."""
    folder = tmp_path_factory.mktemp("mnist")
    for split, name in (("train", REPLAY), ("t10k", TEST_SAMPLE)):
        digits = load(name)
        write_idx(folder / f"{split}-images-idx3-ubyte.gz", digits.images, 0x803)
        write_idx(folder / f"{split}-labels-idx1-ubyte.gz", digits.labels, 0x801)
    return folder


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("RANK", "WORLD_SIZE", "LOCAL_RANK")}
    env.update(OMP_NUM_THREADS="1", CUDA_VISIBLE_DEVICES="")
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


@pytest.mark.slow
def test_two_processes_train_the_weights_one_process_trains(mnist_folder, tmp_path):
    single, double = tmp_path / "single.safetensors", tmp_path / "double.safetensors"
    train = [sys.executable, "-m", "lenet_core.cli.train", "--data", str(mnist_folder), *ARGS]
    run([*train, "--out", str(single)], REPO)
    torchrun = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", "2",
                "-m", "lenet_core.cli.train", "--data", str(mnist_folder), *ARGS, "--out", str(double)]
    result = run(torchrun, REPO)
    assert result.stderr.count("wrote ") == 1, "only rank 0 writes and speaks"
    assert result.stderr.count("test accuracy") == 1

    one, one_meta = load_weights(single)
    two, two_meta = load_weights(double)
    assert two_meta["processes"] == "2 (gloo)" and "processes" not in one_meta
    set_seed(3)
    start = build_model("classic").state_dict()  # where both runs began (the seed decides)
    one_state, two_state = one.state_dict(), two.state_dict()
    moved = max(float((one_state[k] - start[k]).abs().max()) for k in start)
    apart = max(float((one_state[k] - two_state[k]).abs().max()) for k in start)
    print(f"weights moved by up to {moved:.4f} in training; the two runs differ by up to {apart:.2e}")
    assert moved > 0.01
    assert apart < 1e-5
    assert one_meta["test_accuracy"] == two_meta["test_accuracy"]


def test_a_share_of_a_batch_is_distributed_samplers_interleaved_indices():
    batch = torch.arange(13)
    shares = [distributed.Parallel(rank, 3, rank, "gloo").share(batch) for rank in range(3)]
    assert [s.tolist() for s in shares] == [[0, 3, 6, 9, 12], [1, 4, 7, 10], [2, 5, 8, 11]]
    assert sorted(torch.cat(shares).tolist()) == batch.tolist()
    assert distributed.Parallel(0, 3, 0, "gloo").is_main and not distributed.Parallel(2, 3, 2, "gloo").is_main


def test_alone_there_is_no_job_to_join(monkeypatch):
    monkeypatch.delenv("WORLD_SIZE", raising=False)
    parallel, device = distributed.start("cpu")
    assert parallel is None and device.type == "cpu" and not distributed.launched()


def test_each_rank_takes_its_own_gpu_with_nccl_or_the_cpu_with_gloo():
    cpu, cuda = torch.device("cpu"), torch.device("cuda")
    assert distributed.rank_device(cpu, 3, 0) == (cpu, "gloo")
    assert distributed.rank_device(cuda, 1, 2) == (torch.device("cuda", 1), "nccl")
    with pytest.raises(RuntimeError, match="needs GPU 2, but 2 are visible"):
        distributed.rank_device(cuda, 2, 2)
    with pytest.raises(RuntimeError, match="not on mps"):
        distributed.rank_device(torch.device("mps"), 0, 0)


WRAPPED_ON_THE_CPU = """
import sys
from pathlib import Path

import torch
import torch.distributed as dist

from lenet_core import distributed
from lenet_core.models import build_model

dist.init_process_group("gloo", init_method=Path(sys.argv[1]).as_uri(), rank=0, world_size=1)
try:
    parallel = distributed.Parallel(0, 1, 0, "gloo")
    model = build_model("modern")
    wrapped = parallel.wrap(model, torch.device("cpu"))
    assert isinstance(wrapped, torch.nn.parallel.DistributedDataParallel) and wrapped.module is model
    assert not any(isinstance(m, torch.nn.SyncBatchNorm) for m in wrapped.modules())
    wrapped(torch.zeros(4, 1, 32, 32)).sum().backward()
    assert all(p.grad is not None for p in model.parameters() if p.requires_grad)
    del wrapped  # the wrapper goes before its process group does, as in lenet-train
finally:
    distributed.finish(distributed.Parallel(0, 1, 0, "gloo"))
assert not dist.is_initialized()
print("ok")
"""


def test_on_the_cpu_the_model_is_wrapped_for_gradient_averaging_as_it_is(tmp_path):
    """One rank, gloo: the wrapped model is the model (batch norm as it is: no synchronous one on the CPU).
    In a process of its own, so that a process group that never lets go fails the test, not the run."""
    result = run([sys.executable, "-c", WRAPPED_ON_THE_CPU, str(tmp_path / "store")], REPO)
    assert result.stdout.strip().endswith("ok")
    assert distributed.Parallel(1, 4, 1, "gloo").loss_scale() == 4.0
