"""Saliency maps, each checked against a computation done here the slow, obvious way."""

import copy

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw

from lenet_core.explain import METHODS, contrast, saliency, top_two
from lenet_core.preprocess import BACKGROUND_VALUE, preprocess, to_network_input
from lenet_core.resources import shipped_weights
from lenet_core.weights import load_weights


@pytest.fixture(scope="module", params=["classic", "modern"])
def model(request):
    return load_weights(shipped_weights(request.param))[0]


def drawn(points, width=18) -> np.ndarray:
    im = Image.new("L", (280, 280), 255)
    ImageDraw.Draw(im).line(points, fill=0, width=width)
    return to_network_input(preprocess(np.asarray(im)))


SEVEN = [(70, 50), (210, 50), (120, 240)]
# A loop closed on top with a tail: a 9 that could be read as a 4 or a 7.
NINE = [(190, 110), (150, 50), (90, 70), (90, 130), (150, 150), (190, 110), (180, 250)]


def log_odds(model, x: torch.Tensor, target: int, versus: int | None = None) -> np.ndarray:
    """The explained score, written out: log p(t) / (1 - p(t)), or log p(t) / p(v)."""
    with torch.no_grad():
        out = model(x).double()
    s = -out if model.arch == "classic" else out
    if versus is not None:
        return (s[:, target] - s[:, versus]).numpy()
    others = torch.cat([s[:, :target], s[:, target + 1 :]], dim=1)
    return (s[:, target] - torch.logsumexp(others, dim=1)).numpy()


def test_occlusion_is_the_average_drop_when_each_window_is_rubbed_out(model):
    image = drawn(SEVEN)
    result = saliency(model, image, "occlusion")
    assert (result.method, result.target, result.versus) == ("occlusion", 7, None)
    x = torch.from_numpy(image)[None, None]
    base = log_odds(model, x, 7)[0]
    assert result.score == pytest.approx(base, rel=1e-5)
    corners = [(top, left) for top in range(0, 29, 2) for left in range(0, 29, 2)]
    rubbed = x.repeat(len(corners), 1, 1, 1)  # every window rubbed out, blank ones included
    for i, (top, left) in enumerate(corners):
        rubbed[i, 0, top : top + 4, left : left + 4] = BACKGROUND_VALUE
    drops = base - log_odds(model, rubbed, 7)
    total, count = np.zeros((32, 32)), np.zeros((32, 32))
    for (top, left), drop in zip(corners, drops, strict=True):
        total[top : top + 4, left : left + 4] += drop
        count[top : top + 4, left : left + 4] += 1
    expected = total / count
    np.testing.assert_allclose(result.heat, expected, atol=1e-3 * np.abs(expected).max())
    assert result.heat[image > 0.5].sum() > 0  # rubbing out the 7's ink takes evidence for 7 away


def test_gradient_x_input_matches_finite_differences(model):
    # Blank paper gives the modern model's C1 a flat positive response, so max-pooling meets exact ties
    # that no finite difference can see past: a faint texture on the sheet breaks them.
    image = drawn(SEVEN)
    image = image + np.random.default_rng(0).uniform(0, 1e-3, image.shape).astype(np.float32)
    result = saliency(model, image, "gradient_x_input")
    exact = copy.deepcopy(model).double()
    x = torch.from_numpy(image).double()[None, None]
    here = log_odds(exact, x, 7)[0]
    checked = 0
    for y, xx in np.argwhere(image > BACKGROUND_VALUE + 0.01)[::5]:
        if checked == 12:
            break
        step = torch.zeros_like(x)
        step[0, 0, y, xx] = 1e-6
        right = (log_odds(exact, x + step, 7)[0] - here) / 1e-6
        left = (here - log_odds(exact, x - step, 7)[0]) / 1e-6
        # Where max-pooling has a tie (flat ink gives equal neighbours) the score has a kink and no
        # single slope: only pixels where both one-sided slopes agree have a gradient to compare.
        if abs(right - left) > 1e-3 * max(abs(right), 1.0):
            continue
        expected = (right + left) / 2 * (image[y, xx] - BACKGROUND_VALUE)
        assert result.heat[y, xx] == pytest.approx(expected, rel=1e-2, abs=1e-4)
        checked += 1
    assert checked >= 10


def test_gradient_x_input_is_zero_where_nothing_is_drawn(model):
    image = drawn(SEVEN)
    result = saliency(model, image, "gradient_x_input")
    assert not result.heat[image == BACKGROUND_VALUE].any()
    assert result.heat[image > 0.5].any()


def test_integrated_gradients_add_up_to_the_score_change(model):
    image = drawn(SEVEN)
    result = saliency(model, image, "integrated_gradients", steps=256)
    x = torch.from_numpy(image)[None, None]
    blank = torch.full_like(x, BACKGROUND_VALUE)
    change = log_odds(model, x, 7)[0] - log_odds(model, blank, 7)[0]
    assert result.heat.sum() == pytest.approx(change, rel=0.05)
    assert not result.heat[image == BACKGROUND_VALUE].any()


@pytest.mark.parametrize("method", METHODS)
def test_contrast_explains_what_separates_the_top_two(model, method):
    image = drawn(NINE)
    best, second = top_two(model, image)
    with torch.no_grad():
        probabilities = model.probabilities(model(torch.from_numpy(image)[None, None]))[0].numpy()
    assert [best, second] == list(np.argsort(-probabilities)[:2])
    result = contrast(model, image, method)
    assert (result.target, result.versus) == (best, second)
    x = torch.from_numpy(image)[None, None]
    assert result.score == pytest.approx(log_odds(model, x, best, second)[0], rel=1e-5)
    assert result.score == pytest.approx(np.log(probabilities[best] / probabilities[second]), rel=1e-3)
    assert result.heat.shape == (32, 32) and result.heat.dtype == np.float32
    assert np.isfinite(result.heat).all() and np.abs(result.heat).max() > 0
    # The other way round is the same map with the sign turned.
    reverse = saliency(model, image, method, target=second, versus=best)
    np.testing.assert_allclose(reverse.heat, -result.heat, atol=1e-4 * np.abs(result.heat).max())


def test_refusals(model):
    image = drawn(SEVEN)
    with pytest.raises(ValueError, match="unknown saliency method"):
        saliency(model, image, "lime")
    with pytest.raises(ValueError, match="itself"):
        saliency(model, image, target=3, versus=3)
    model.train()
    try:
        with pytest.raises(ValueError, match="training mode"):
            saliency(model, image)
    finally:
        model.eval()
