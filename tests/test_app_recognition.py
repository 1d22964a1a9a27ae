"""Real mouse drags on the canvas read as the digits drawn (needs the shipped, trained weights)."""

from __future__ import annotations

import pytest

from lenet_core.models import DEFAULT_ARCH
from lenet_core.resources import shipped_weights
from tests.app_support import drag, make_window, one_points, zero_points


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path)


def _needs_weights(arch: str) -> None:
    if not shipped_weights(arch).exists():
        pytest.skip(f"no trained weights at {shipped_weights(arch)}: an untrained model reads nothing")


def test_the_default_model_is_the_configured_one(window):
    assert window.session.model_id() == f"shipped:{DEFAULT_ARCH}"


@pytest.mark.parametrize("arch", ["modern", "classic"])
@pytest.mark.parametrize(("digit", "points"), [(1, one_points()), (0, zero_points())])
def test_a_drawn_digit_is_recognised(window, arch, digit, points):
    _needs_weights(arch)
    window.session.select_model(f"shipped:{arch}")
    drag(window.canvas, points)
    prediction = window.current_prediction()
    assert window.session.model_id() == f"shipped:{arch}"
    assert prediction is not None
    assert prediction.label == digit, f"{arch} read {prediction.label} ({prediction.confidence:.0%})"
    assert window.recognise.prediction_view.digit.text().rstrip("?") == str(digit)
