"""Each unit's step-by-step arithmetic adds up to what the model's own forward pass computed."""

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw

from lenet_core.explain import (
    STAGE_SHAPES,
    OutputLayer,
    Subsampling,
    Unit,
    WeightedSum,
    stage_activations,
    unit_arithmetic,
)
from lenet_core.models import C3_TABLE
from lenet_core.preprocess import preprocess, to_network_input
from lenet_core.resources import shipped_weights
from lenet_core.weights import load_weights


def drawn_four() -> np.ndarray:
    im = Image.new("L", (280, 280), 255)
    ImageDraw.Draw(im).line([(170, 240), (170, 40), (70, 180), (220, 180)], fill=0, width=16)
    return to_network_input(preprocess(np.asarray(im)))


@pytest.fixture(scope="module", params=["classic", "modern"])
def reading(request):
    model, _ = load_weights(shipped_weights(request.param))
    x = drawn_four()
    with torch.no_grad():  # the reference: the model's own forward pass, kept as float32 tensors
        stages = {k: v[0] for k, v in model.stages(torch.from_numpy(x)[None, None]).items()}
    return model, stage_activations(model, x), stages


def all_units(stage):
    return [Unit(stage, *idx) for idx in np.ndindex(*STAGE_SHAPES[stage])]


@pytest.mark.parametrize("stage", ["C1", "S2", "C3", "S4", "C5", "F6", "output"])
def test_every_unit_equals_the_forward_pass(reading, stage):
    model, acts, stages = reading
    reference = stages[stage].double().numpy()
    for unit in all_units(stage):
        want = reference[unit.index, unit.y, unit.x] if reference.ndim == 3 else reference[unit.index]
        got = unit_arithmetic(model, acts, unit).value
        assert got == pytest.approx(want, rel=1e-5, abs=1e-5), unit


def test_convolution_shows_patches_kernels_products_and_sum(reading):
    model, acts, _ = reading
    for c3_map in range(16):
        step = unit_arithmetic(model, acts, Unit("C3", c3_map, 4, 2))
        assert isinstance(step, WeightedSum) and step.kind == "convolution"
        expected_maps = np.flatnonzero(C3_TABLE[:, c3_map]) if model.arch == "classic" else np.arange(6)
        assert step.source_maps == tuple(expected_maps)
        k = len(expected_maps)
        assert step.inputs.shape == step.weights.shape == step.products.shape == (k, 5, 5)
        np.testing.assert_array_equal(step.inputs, acts["S2"][list(expected_maps), 4:9, 2:7])
        np.testing.assert_allclose(step.products, step.inputs * step.weights)
        np.testing.assert_allclose(step.map_sums.sum(), step.weighted_sum)
        assert step.pre_activation == pytest.approx(step.weighted_sum + step.bias)
        after_sum = step.batch_norm.output if step.batch_norm else step.pre_activation
        assert step.activation.input == pytest.approx(after_sum)
    if model.arch == "classic":
        assert step.batch_norm is None and step.activation.name == "scaled_tanh"
        assert step.activation.output == pytest.approx(1.7159 * np.tanh(2 * step.activation.input / 3))
    else:
        bn = step.batch_norm
        assert step.bias == 0.0 and step.activation.name == "relu"
        assert bn.normalised == pytest.approx((step.pre_activation - bn.mean) / np.sqrt(bn.variance + bn.eps))
        assert step.activation.output == max(0.0, step.activation.input)


def test_c1_c5_and_f6_read_the_right_inputs(reading):
    model, acts, _ = reading
    c1 = unit_arithmetic(model, acts, Unit("C1", 2, 10, 11))
    assert c1.source_stage == "input" and c1.inputs.shape == (1, 5, 5)
    np.testing.assert_array_equal(c1.inputs[0], acts["input"][0, 10:15, 11:16])
    c5 = unit_arithmetic(model, acts, Unit("C5", 42))
    assert c5.source_maps == tuple(range(16)) and c5.inputs.shape == (16, 5, 5)
    np.testing.assert_array_equal(c5.inputs, acts["S4"])
    f6 = unit_arithmetic(model, acts, Unit("F6", 83))
    assert f6.kind == "full" and f6.window is None and f6.inputs.shape == (120,)
    assert f6.weighted_sum == pytest.approx(float(f6.products.sum()))


def test_subsampling(reading):
    model, acts, _ = reading
    step = unit_arithmetic(model, acts, Unit("S2", 3, 5, 6))
    assert isinstance(step, Subsampling)
    np.testing.assert_array_equal(step.inputs, acts["C1"][3, 10:12, 12:14])
    if model.arch == "classic":
        assert step.mode == "trainable_sum"
        assert step.window_sum == pytest.approx(float(step.inputs.sum()))
        assert step.pre_activation == pytest.approx(step.window_sum * step.coefficient + step.bias)
    else:
        assert step.mode == "max" and step.coefficient is None
        assert step.inputs[step.argmax] == step.value == step.inputs.max()


def test_output_layer(reading):
    model, acts, stages = reading
    step = unit_arithmetic(model, acts, Unit("output", 4))
    assert isinstance(step, OutputLayer) and step.label == 4  # the drawing is a 4
    with torch.no_grad():
        probabilities = model.probabilities(stages["output"][None])[0].numpy()
    np.testing.assert_allclose(step.probabilities, probabilities, atol=1e-6)
    np.testing.assert_allclose(step.terms.sum(axis=1) + (0 if step.bias is None else step.bias), step.output)
    if model.arch == "classic":
        assert step.kind == "rbf" and set(np.unique(step.parameters)) == {-1.0, 1.0}
        np.testing.assert_allclose(step.terms, (step.f6[None] - step.parameters) ** 2)
        assert step.value == step.output.min()  # the nearest prototype is the answer
    else:
        assert step.kind == "linear" and step.value == step.output.max()


def test_refusals(reading):
    model, acts, _ = reading
    with pytest.raises(ValueError, match="given, not computed"):
        unit_arithmetic(model, acts, Unit("input", 0, 0, 0))
    model.train()
    try:
        with pytest.raises(ValueError, match="training mode"):
            unit_arithmetic(model, acts, Unit("C1", 0, 0, 0))
    finally:
        model.eval()
