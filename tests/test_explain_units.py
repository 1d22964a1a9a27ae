"""Receptive fields and connections, checked against what actually changes a unit in a forward pass."""

import numpy as np
import pytest
import torch

from lenet_core.explain import STAGE_SHAPES, Box, Unit, connections, receptive_field, sweep_positions
from lenet_core.models import C3_TABLE, ClassicLeNet5, ModernLeNet5, build_model


@pytest.fixture(scope="module", params=["classic", "modern"])
def model(request):
    torch.manual_seed(0)
    return build_model(request.param).eval()


def unit_value(model, x: torch.Tensor, unit: Unit) -> torch.Tensor:
    value = model.stages(x)[unit.stage][0]
    return value[unit.index, unit.y, unit.x] if value.ndim == 3 else value[unit.index]


def input_gradient_support(model, unit: Unit) -> np.ndarray:
    """Where the input can change the unit: the pixels with a non-zero gradient, at a random input."""
    x = torch.randn(1, 1, 32, 32, requires_grad=True)
    (grad,) = torch.autograd.grad(unit_value(model, x, unit), x)
    return grad[0, 0].abs().numpy() > 0


def bounding_box(mask: np.ndarray) -> Box:
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    return Box(int(rows[0]), int(cols[0]), int(rows[-1]) + 1, int(cols[-1]) + 1)


@pytest.mark.parametrize(
    "unit, size",
    [
        (Unit("C1", 2, 0, 0), 5),
        (Unit("C1", 5, 27, 13), 5),
        (Unit("S2", 1, 13, 0), 6),
        (Unit("S2", 4, 6, 9), 6),
        (Unit("C3", 0, 0, 9), 14),
        (Unit("C3", 15, 4, 5), 14),
        (Unit("S4", 3, 4, 0), 16),
        (Unit("S4", 12, 2, 2), 16),
        (Unit("C5", 7), 32),
        (Unit("F6", 80), 32),
        (Unit("output", 3), 32),
    ],
)
def test_receptive_field_is_exactly_the_pixels_that_reach_the_unit(model, unit, size):
    box = receptive_field(unit)
    assert (box.height, box.width) == (size, size)
    # Nothing outside the field changes the unit...
    x = torch.randn(1, 1, 32, 32)
    changed = x + torch.randn_like(x)
    changed[0, 0, box.top : box.bottom, box.left : box.right] = x[
        0, 0, box.top : box.bottom, box.left : box.right
    ]
    with torch.no_grad():
        assert unit_value(model, changed, unit) == unit_value(model, x, unit)
    # ...and every edge of the field reaches it (the classic model is smooth everywhere: ReLU and
    # max-pooling can leave a modern unit blind to part of its field at one input).
    if isinstance(model, ClassicLeNet5):
        assert bounding_box(input_gradient_support(model, unit)) == box


def test_receptive_field_in_an_intermediate_stage():
    unit = Unit("S4", 0, 1, 3)
    assert receptive_field(unit, "C3") == Box(2, 6, 4, 8)
    assert receptive_field(unit, "S2") == Box(2, 6, 8, 12)
    assert receptive_field(unit, "C1") == Box(4, 12, 16, 24)
    assert receptive_field(unit, "input") == Box(4, 12, 20, 28)
    assert receptive_field(Unit("F6", 0), "S4") == Box(0, 0, 5, 5)
    with pytest.raises(ValueError, match="no receptive field"):
        receptive_field(Unit("C1", 0, 0, 0), "S2")


def c3_value_from_s2(model: ClassicLeNet5 | ModernLeNet5, s2: torch.Tensor) -> torch.Tensor:
    if isinstance(model, ClassicLeNet5):
        return model.C3(s2)
    return model.C3_norm(model.C3(s2))


@pytest.mark.parametrize("c3_map", range(16))
def test_c3_connections_are_the_maps_whose_change_reaches_it(model, c3_map):
    links = connections(Unit("C3", c3_map, 3, 4), model.arch)
    assert links.source_stage == "S2"
    assert links.window == Box(3, 4, 8, 9)
    s2 = torch.randn(1, 6, 14, 14)
    base = c3_value_from_s2(model, s2)[0, c3_map, 3, 4]
    reached = []
    with torch.no_grad():
        for k in range(6):
            changed = s2.clone()
            changed[0, k, 3:8, 4:9] += 1.0
            reached.append(bool(c3_value_from_s2(model, changed)[0, c3_map, 3, 4] != base))
    assert links.sources == tuple(k for k in range(6) if reached[k])
    if model.arch == "classic":
        assert links.sources == tuple(np.flatnonzero(C3_TABLE[:, c3_map]))
    else:
        assert links.sources == tuple(range(6))


def test_other_connections():
    assert connections(Unit("C1", 3, 10, 20), "classic").window == Box(10, 20, 15, 25)
    assert connections(Unit("C1", 3, 10, 20), "classic").sources == (0,)
    s2 = connections(Unit("S2", 4, 6, 9), "modern")
    assert (s2.source_stage, s2.sources, s2.window) == ("C1", (4,), Box(12, 18, 14, 20))
    c5 = connections(Unit("C5", 100), "classic")
    assert (c5.source_stage, c5.sources, c5.window) == ("S4", tuple(range(16)), Box(0, 0, 5, 5))
    f6 = connections(Unit("F6", 0), "modern")
    assert (f6.source_stage, len(f6.sources), f6.window) == ("C5", 120, None)
    out = connections(Unit("output", 9), "classic")
    assert (out.source_stage, len(out.sources), out.window) == ("F6", 84, None)
    with pytest.raises(ValueError, match="nothing feeds"):
        connections(Unit("input", 0, 0, 0), "classic")


@pytest.mark.parametrize(
    "stage, index, y, x",
    [("C1", 6, 0, 0), ("C1", 0, 28, 0), ("S4", 0, 0, 5), ("C5", 120, 0, 0), ("F6", 0, 1, 0)],
)
def test_units_outside_the_layer_are_refused(stage, index, y, x):
    with pytest.raises(ValueError, match=f"{stage} has no unit"):
        Unit(stage, index, y, x)
    with pytest.raises(ValueError, match="unknown stage"):
        Unit("C2", 0)


def test_sweep_positions_cover_the_map_in_reading_order():
    for stage in ("C1", "S2", "C3", "S4", "C5"):
        positions = sweep_positions(stage)
        shape = STAGE_SHAPES[stage]
        h, w = (shape[1], shape[2]) if len(shape) == 3 else (1, 1)
        assert positions.shape == (h * w, 2)
        assert [tuple(p) for p in positions[:2]] == ([(0, 0), (0, 1)] if w > 1 else [(0, 0)])
        assert len({tuple(p) for p in positions}) == h * w
        # Consecutive kernel windows in the source overlap as the stride says.
        if w > 1:
            a, b = (connections(Unit(stage, 0, *map(int, p)), "modern").window for p in positions[:2])
            assert b.left - a.left == (2 if stage.startswith("S") else 1)
    with pytest.raises(ValueError):
        sweep_positions("F6")
