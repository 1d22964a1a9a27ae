"""The two architectures: the paper's exact counts, the C3 table, the RBF centres, every stage's shape."""

import math

import numpy as np
import pytest
import torch

from lenet_core.models import (
    C3_TABLE,
    STAGES,
    ClassicLeNet5,
    ModernLeNet5,
    build_model,
    describe_layers,
    format_layers,
)
from lenet_core.models.rbf_centres import centres, min_hamming_distance, render

PAPER = {  # stage: (output shape, parameters, connections), as LeCun et al. (1998) give them
    "C1": ((6, 28, 28), 156, 122_304),
    "S2": ((6, 14, 14), 12, 5_880),
    "C3": ((16, 10, 10), 1_516, 151_600),
    "S4": ((16, 5, 5), 32, 2_000),
    "C5": ((120,), 48_120, 48_120),
    "F6": ((84,), 10_164, 10_164),
    "output": ((10,), 0, 840),
}


def test_classic_layer_table_is_the_papers():
    rows = {r.name: r for r in describe_layers(ClassicLeNet5())}
    for stage, (shape, params, conns) in PAPER.items():
        assert rows[stage].output_shape == shape, stage
        assert rows[stage].parameters == params, stage
        assert rows[stage].connections == conns, stage
    assert rows["total"].parameters == 60_000
    assert rows["total"].connections == 340_908
    # And torch agrees: exactly 60,000 trainable numbers, nothing hidden in a dense C3.
    assert sum(p.numel() for p in ClassicLeNet5().parameters() if p.requires_grad) == 60_000
    print(format_layers(list(rows.values())))


def test_c3_table_matches_paper_structure():
    assert C3_TABLE.shape == (6, 16)
    inputs_per_map = C3_TABLE.sum(axis=0)
    assert list(inputs_per_map) == [3] * 6 + [4] * 9 + [6]
    for j in range(6):  # maps 0-5 read three contiguous S2 maps (cyclically)
        assert all(C3_TABLE[(j + k) % 6, j] for k in range(3))
    for j in range(6, 12):  # maps 6-11 read four contiguous
        assert all(C3_TABLE[(j - 6 + k) % 6, j] for k in range(4))
    for j in (12, 13, 14):  # four non-contiguous: no cyclic run of four
        rows = set(np.flatnonzero(C3_TABLE[:, j]))
        assert len(rows) == 4
        assert not any(rows == {(s + k) % 6 for k in range(4)} for s in range(6))
    assert C3_TABLE[:, 15].all()


def test_c3_unconnected_kernels_are_zero_and_stay_zero_after_a_step():
    model = ClassicLeNet5()
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    x = torch.randn(4, 1, 32, 32)
    model.loss(model(x), torch.tensor([0, 1, 2, 3])).backward()
    opt.step()
    dense = model.C3.dense_kernel().detach()  # (16, 6, 5, 5)
    connected = dense.abs().sum(dim=(2, 3)) > 0
    assert torch.equal(connected.T, torch.from_numpy(C3_TABLE))


def test_rbf_centres_are_plus_minus_one_7x12_bitmaps():
    c = centres()
    assert c.shape == (10, 84)
    assert set(np.unique(c)) == {-1.0, 1.0}
    assert min_hamming_distance() >= 10  # every pair of digits is well apart
    text = render()
    print(text)
    lines = text.splitlines()
    assert len(lines) == 13  # header + 12 rows
    assert all(len(row.split("  ")) == 10 for row in lines[1:])
    assert lines[1].split("  ")[7] == "#######"  # the 7's top bar


@pytest.mark.parametrize("arch", ["classic", "modern"])
def test_every_stage_has_its_shape(arch):
    model = build_model(arch).eval()
    acts = model.stages(torch.zeros(3, 1, 32, 32))
    assert tuple(acts) == STAGES
    expected = {"input": (1, 32, 32), **{k: v[0] for k, v in PAPER.items()}}
    for stage in STAGES:
        assert tuple(acts[stage].shape) == (3, *expected[stage]), stage


def test_classic_predicts_the_argmin_of_rbf_penalties():
    model = ClassicLeNet5()
    # Feed the RBF layer each digit's own centre: penalty 0 for it, large for every other.
    penalties = model.output(torch.from_numpy(centres()))
    assert torch.equal(model.predict_labels(penalties), torch.arange(10))
    assert torch.allclose(penalties.diagonal(), torch.zeros(10))
    assert (model.probabilities(penalties).argmax(1) == torch.arange(10)).all()


def test_map_loss_is_equation_9():
    model = ClassicLeNet5()
    y = torch.tensor([[3.0, 1.0, 7.0, 9.0, 2.0, 5.0, 4.0, 8.0, 6.0, 10.0]])
    target = torch.tensor([1])
    j = model.cfg.map_j
    expected = y[0, 1] + torch.log(torch.exp(torch.tensor(-j)) + torch.exp(-y[0]).sum())
    assert torch.allclose(model.loss(y, target), expected)


def test_outlier_losses():
    # Classic: Eq. 9 with the paper's "rubbish" class (penalty j) as the right answer; lowest when
    # every digit's penalty lies far above j.
    model = ClassicLeNet5()
    j = model.cfg.map_j
    y = torch.tensor([[3.0, 1.0, 7.0, 9.0, 2.0, 5.0, 4.0, 8.0, 6.0, 10.0]])
    expected = j + torch.log(torch.exp(torch.tensor(-j)) + torch.exp(-y[0]).sum())
    assert torch.allclose(model.outlier_loss(y), expected)
    assert model.outlier_loss(y + 2 * j) < model.outlier_loss(y + j) < model.outlier_loss(y)
    # Modern: cross-entropy to the uniform distribution, lowest (log 10) for equal logits.
    modern = ModernLeNet5()
    assert torch.allclose(modern.outlier_loss(torch.zeros(2, 10)), torch.tensor(math.log(10)))
    assert modern.outlier_loss(torch.eye(10)[:2] * 5) > math.log(10)


def test_fan_in_initialisation():
    model = ClassicLeNet5()
    assert model.C1.weight.abs().max() <= 2.4 / 25
    assert model.C5.weight.abs().max() <= 2.4 / 400
    assert model.F6.weight.abs().max() <= 2.4 / 120
    dense = model.C3.dense_kernel().detach()
    for j, fan_in in enumerate(C3_TABLE.sum(axis=0) * 25):
        assert dense[j].abs().max() <= 2.4 / fan_in
    assert dense[15].abs().max() <= 2.4 / 150


def test_modern_is_lenet5_sized():
    rows = {r.name: r for r in describe_layers(build_model("modern"))}
    assert rows["C3"].parameters >= 16 * 6 * 25  # the tutorials' full C3
    assert 60_000 <= rows["total"].parameters <= 63_000


def test_unknown_architecture():
    with pytest.raises(ValueError, match="unknown architecture"):
        build_model("alexnet")


def test_the_quick_pooling_for_reading_gives_torchs_pooling():
    from lenet_core.models.pooling import max_pool_2x2, mean_pool_2x2

    x = torch.relu(torch.randn(7, 6, 28, 28))
    x[0, 0, :2, :2] = float("nan")  # a NaN still wins its window, as in max_pool2d
    with torch.inference_mode():
        quick_max, quick_mean = max_pool_2x2(x), mean_pool_2x2(x)
    assert torch.equal(quick_max[1:], torch.nn.functional.max_pool2d(x, 2)[1:])
    assert torch.isnan(quick_max[0, 0, 0, 0])
    assert torch.allclose(quick_mean[1:], torch.nn.functional.avg_pool2d(x, 2)[1:], rtol=0, atol=1e-6)
    # Training needs the gradient of the pooling itself: one unit per window gets it (max), or a
    # quarter each (mean).
    for pool, per_window in ((max_pool_2x2, 1.0), (mean_pool_2x2, 1.0)):
        grad_input = x[1:].clone().requires_grad_(True)
        pool(grad_input).sum().backward()
        assert grad_input.grad is not None
        window_sums = grad_input.grad.reshape(6, 6, 14, 2, 14, 2).sum(dim=(3, 5))
        assert torch.allclose(window_sums, torch.full((6, 6, 14, 14), per_window))


@pytest.mark.parametrize("arch", ["classic", "modern"])
def test_a_model_reads_alike_with_and_without_gradients(arch):
    model = build_model(arch).eval()
    x = torch.randn(5, 1, 32, 32)
    with torch.no_grad():
        reading = model(x)
    assert torch.allclose(model(x), reading, atol=1e-6)
