"""The shipped models read a drawing from five views: the input and its four one-pixel shifts."""

import numpy as np
import pytest
import torch

from lenet_core import Recognizer
from lenet_core.calibration import Calibration, softmax
from lenet_core.preprocess import BACKGROUND_VALUE, preprocess, to_network_input
from lenet_core.reading_views import SHIFTS, VIEWS, mean_over_views, with_shifted_views
from lenet_core.shipped_data import TEST_SAMPLE, load


def test_each_view_is_the_input_moved_by_one_pixel_with_background_coming_in():
    x = torch.rand(3, 1, 32, 32)
    views = with_shifted_views(x, VIEWS)
    assert views.shape == (VIEWS * 3, 1, 32, 32)
    assert torch.equal(views[:3], x)
    for k, (dy, dx) in enumerate(SHIFTS, start=1):
        copy = views[3 * k : 3 * (k + 1)]
        moved = torch.roll(x, shifts=(dy, dx), dims=(2, 3))
        rows, columns = slice(max(dy, 0), 32 + min(dy, 0)), slice(max(dx, 0), 32 + min(dx, 0))
        inside = (slice(None), slice(None), rows, columns)
        assert torch.equal(copy[inside], moved[inside])
        # What came in at the edge is background.
        assert int((copy == BACKGROUND_VALUE).sum()) >= 3 * 32
    assert with_shifted_views(x, 1) is x
    with pytest.raises(ValueError, match="1 or 5 views"):
        with_shifted_views(x, 3)


def test_the_mean_is_taken_per_input_over_its_views():
    output = np.arange(2 * VIEWS * 10, dtype=np.float64).reshape(VIEWS * 2, 10)
    mean = mean_over_views(output, VIEWS)
    assert mean.shape == (2, 10)
    np.testing.assert_allclose(mean[1], output[1::2].mean(axis=0))
    assert mean_over_views(output, 1) is output


@pytest.mark.parametrize("arch", ["classic", "modern"])
def test_the_recognizer_averages_its_views_and_shows_the_inputs_own_maps(arch):
    recognizer = Recognizer.load(arch, device="cpu")
    assert recognizer.calibration.views == VIEWS  # the shipped calibration was fitted on five views
    image = load(TEST_SAMPLE).images[7]
    prediction = recognizer.predict(image)
    x = to_network_input(torch.from_numpy(preprocess(image)))[None, None]
    model = recognizer.model
    with torch.no_grad():
        outputs = model(with_shifted_views(x, VIEWS)).double().numpy()
        plain = model.stages(x)
    scores = outputs.mean(axis=0)
    if arch == "classic":
        scores = -scores  # penalties: lower is better
    expected = softmax(scores[None], recognizer.calibration.temperature)[0]
    np.testing.assert_allclose(prediction.probabilities, expected, atol=1e-6)
    assert prediction.views == VIEWS
    for stage, values in plain.items():
        np.testing.assert_allclose(prediction.activations[stage], values[0].numpy(), atol=1e-5)
    # The same weights calibrated on one view read one view.
    one = Recognizer(model, recognizer.device, Calibration(recognizer.calibration.temperature).to_metadata())
    assert one.calibration.views == 1
    own = outputs[:1] if arch == "modern" else -outputs[:1]
    single = softmax(own, recognizer.calibration.temperature)[0]
    np.testing.assert_allclose(one.predict(image).probabilities, single, atol=1e-6)
    assert one.predict(image).views == 1


def test_lenet_predict_json_says_how_many_views_were_averaged(tmp_path, capsys):
    import json

    from PIL import Image

    from lenet_core.cli.predict import main

    Image.fromarray(load(TEST_SAMPLE).images[0]).save(tmp_path / "digit.png")
    Image.new("L", (28, 28)).save(tmp_path / "blank.png")
    assert main([str(tmp_path / "digit.png"), str(tmp_path / "blank.png"), "--json"]) == 0
    digit, blank = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert digit["views"] == VIEWS and blank["status"] == "empty" and blank["views"] is None
