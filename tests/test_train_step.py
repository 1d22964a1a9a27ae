"""The one optimisation step and the one atomic writer that training, fine-tuning and saving share."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import torch

from lenet_core.models import build_model
from lenet_core.preprocess import to_network_input
from lenet_core.safe_files import replace_atomically, write_atomic
from lenet_core.train_step import NonFiniteLoss, train_step


def _batch() -> tuple[torch.Tensor, torch.Tensor]:
    ink = torch.zeros(4, 1, 32, 32)
    ink[:, :, 8:24, 14:18] = 1.0  # a bar, a 1 of sorts
    return ink, torch.tensor([1, 1, 7, 7])


def _state(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.clone() for k, v in model.state_dict().items()}


@pytest.mark.parametrize("arch", ["classic", "modern"])
def test_a_step_lowers_the_loss_on_its_batch(arch: str) -> None:
    torch.manual_seed(0)
    model = build_model(arch)
    optimiser = torch.optim.SGD(model.parameters(), lr=1e-3)
    ink, target = _batch()

    def loss_fn(m, output, t, _net_in):
        return m.loss(output, t)

    def eval_loss() -> float:
        model.eval()  # no dropout, fixed batch-norm statistics: the same function before and after
        with torch.no_grad():
            return float(model.loss(model(to_network_input(ink)), target))

    before = eval_loss()
    model.eval()  # a step in eval mode: only the weights change
    output, value = train_step(model, optimiser, None, ink, target, loss_fn, torch.device("cpu"))
    assert value == pytest.approx(before, rel=1e-5) and not output.requires_grad
    assert eval_loss() < before


def test_a_non_finite_loss_changes_no_parameter() -> None:
    model = build_model("modern")
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-3)
    before = _state(model)
    ink, target = _batch()
    with pytest.raises(NonFiniteLoss) as caught:
        train_step(model, optimiser, None, ink, target,
                   lambda m, output, t, _: output.sum() * float("nan"), torch.device("cpu"))
    assert caught.value.value != caught.value.value  # NaN
    after = model.state_dict()
    # Batch-norm running statistics move with any forward pass in training mode; no weight may.
    weights = [k for k in before if "running" not in k and "num_batches" not in k]
    assert all(torch.equal(before[k], after[k]) for k in weights)


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "index.json"
    write_atomic(target, "old")

    def half_then_fail(tmp: Path) -> None:
        tmp.write_text("half of the new")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        replace_atomically(target, half_then_fail)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["index.json"]
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o044  # readable as files the user makes usually are, not 0600


@pytest.mark.parametrize("command", ["predict", "train", "export"])
def test_help_does_not_load_torch(command: str) -> None:
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['lenet-{command}', '--help']\n"
        "try:\n"
        f"    runpy.run_module('lenet_core.cli.{command}', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('torch' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "False"
    assert f"lenet-{command}" in out
