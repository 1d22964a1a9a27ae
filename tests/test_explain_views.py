"""The explain views' data: RBF prototypes beside F6, filter banks, layer facts."""

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw

from lenet_core.explain import (
    as_bitmap,
    filter_banks,
    layer_facts,
    prototypes,
    rbf_comparison,
    stage_activations,
)
from lenet_core.models import C3_TABLE, describe_layers
from lenet_core.models.rbf_centres import BITMAPS
from lenet_core.preprocess import preprocess, to_network_input
from lenet_core.resources import shipped_weights
from lenet_core.weights import load_weights


@pytest.fixture(scope="module")
def models():
    return {arch: load_weights(shipped_weights(arch))[0] for arch in ("classic", "modern")}


def drawn_seven() -> np.ndarray:
    im = Image.new("L", (280, 280), 255)
    ImageDraw.Draw(im).line([(70, 50), (210, 50), (120, 240)], fill=0, width=18)
    return to_network_input(preprocess(np.asarray(im)))


def test_prototypes_are_the_rbf_bitmaps(models):
    bitmaps = prototypes(models["classic"])
    assert bitmaps.shape == (10, 12, 7)
    for digit, rows in BITMAPS.items():
        expected = np.array([[1.0 if c == "#" else -1.0 for c in row] for row in rows])
        np.testing.assert_array_equal(bitmaps[digit], expected)
    with pytest.raises(ValueError, match="only the classic model"):
        prototypes(models["modern"])


def test_f6_beside_the_prototypes(models):
    model = models["classic"]
    x = drawn_seven()
    comparison = rbf_comparison(model, stage_activations(model, x))
    with torch.no_grad():
        stages = model.stages(torch.from_numpy(x)[None, None])
    np.testing.assert_allclose(comparison.f6.ravel(), stages["F6"][0].numpy(), atol=1e-6)
    np.testing.assert_allclose(comparison.distances, stages["output"][0].numpy(), rtol=1e-5)
    assert comparison.nearest == 7
    # F6 lies nearer its digit's bitmap than to any other: closest in sign pattern too.
    signs = np.sign(comparison.f6)
    agreement = (signs[None] == comparison.prototypes).sum(axis=(1, 2))
    assert agreement[7] == agreement.max()  # (a tie with another digit is possible)
    with pytest.raises(ValueError, match="84"):
        as_bitmap(np.zeros(80))


def test_filter_banks(models):
    classic = filter_banks(models["classic"])
    assert classic.c1.shape == (6, 5, 5) and classic.c3.shape == (16, 6, 5, 5)
    np.testing.assert_array_equal(classic.c3_connected, C3_TABLE.T)
    assert classic.c3_connected.sum() == 60
    assert not classic.c3[~classic.c3_connected].any()  # missing connections hold no weights
    assert np.abs(classic.c3[classic.c3_connected]).min(axis=(1, 2)).max() > 0
    np.testing.assert_allclose(classic.c1, models["classic"].C1.weight.detach().numpy()[:, 0])
    assert classic.c1_scale == pytest.approx(np.abs(classic.c1).max())
    modern = filter_banks(models["modern"])
    assert modern.c3_connected.all()
    np.testing.assert_allclose(modern.c3, models["modern"].C3.weight.detach().numpy())


def test_layer_facts_classic_count_like_the_paper(models):
    facts = layer_facts(models["classic"])
    assert [f.name for f in facts] == ["input", "C1", "S2", "C3", "S4", "C5", "F6", "output"]
    assert sum(f.parameters for f in facts) == 60_000
    assert sum(f.connections for f in facts) == 340_908
    by_name = {f.name: f for f in facts}
    assert (by_name["C3"].kind, by_name["C3"].window, by_name["C3"].stride) == ("convolution", 5, 1)
    assert (by_name["S2"].kind, by_name["S2"].window, by_name["S2"].stride) == ("subsampling", 2, 2)
    assert by_name["output"].kind == "rbf" and "argmin" in by_name["output"].formula
    assert by_name["C3"].activation_formula == "f(a) = 1.7159 · tanh(2a/3)"
    assert "table" in by_name["C3"].formula
    assert by_name["F6"].source == "C5" and by_name["F6"].window is None


def test_layer_facts_modern(models):
    model = models["modern"]
    facts = {f.name: f for f in layer_facts(model)}
    described = {r.name: r for r in describe_layers(model)}
    for name, f in facts.items():
        assert (f.parameters, f.connections, f.output_shape) == (
            described[name].parameters,
            described[name].connections,
            described[name].output_shape,
        )
    assert facts["S4"].kind == "max_pooling" and facts["S4"].activation is None
    assert facts["C5"].batch_norm and "BN" in facts["C5"].formula and facts["C5"].normalisation_formula
    assert facts["F6"].activation == "relu" and not facts["F6"].batch_norm
    assert facts["output"].kind == "linear" and "softmax" in facts["output"].formula
