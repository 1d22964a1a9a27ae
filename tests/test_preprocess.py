"""The one preprocessing path: MNIST's recipe, and invariance to where and how a digit is drawn."""

import numpy as np
import pytest
from PIL import Image, ImageDraw

from lenet_core import ImageError, preprocess, to_network_input
from lenet_core.preprocess import BACKGROUND_VALUE, INK_VALUE, stroke_width
from lenet_core.shipped_data import TEST_SAMPLE, load

from . import clean_inputs

SEVEN = [(0.15, 0.1), (0.85, 0.1), (0.45, 0.95)]  # a 7 as a polyline in a unit box
FOUR = [(0.7, 0.95), (0.7, 0.05), (0.1, 0.65), (0.9, 0.65)]


def draw(points, size=280, width=18, box=(0.25, 0.15, 0.5, 0.7), ink=0, paper=255, mode="L"):
    """Render a polyline digit like a canvas would: `box` = (left, top, width, height) as fractions."""
    im = Image.new(mode, (size, size), paper)
    left, top, w, h = (v * size for v in box)
    pts = [(left + x * w, top + y * h) for x, y in points]
    d = ImageDraw.Draw(im)
    d.line(pts, fill=ink, width=width, joint="curve")
    for x, y in pts:  # round caps
        d.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=ink)
    return np.asarray(im)


def similarity(a, b):
    a, b = a - a.mean(), b - b.mean()
    return float((a * b).sum() / np.sqrt((a * a).sum() * (b * b).sum()))


def test_output_is_32x32_ink_with_2px_margin():
    out = preprocess(draw(SEVEN))
    assert out.shape == (32, 32) and out.dtype == np.float32
    assert 0.0 <= out.min() and out.max() <= 1.0 and out.max() > 0.9
    assert not out[:2].any() and not out[-2:].any() and not out[:, :2].any() and not out[:, -2:].any()
    rows, cols = np.flatnonzero(out.any(1)), np.flatnonzero(out.any(0))
    assert max(rows[-1] - rows[0], cols[-1] - cols[0]) + 1 == 20  # the longer side fills the 20 px box


def test_centre_of_mass_is_mnists():
    out = preprocess(draw(SEVEN, box=(0.05, 0.05, 0.3, 0.4)))
    ys, xs = np.mgrid[:32, :32]
    cy, cx = (out * ys).sum() / out.sum(), (out * xs).sum() / out.sum()
    assert abs(cy - 16.0) <= 0.5 and abs(cx - 16.0) <= 0.5  # 14 in the 28x28 field, + 2 of padding


def test_mnist_digits_come_back_almost_unchanged():
    digits = load(TEST_SAMPLE)
    identical, diffs = 0, []
    for im in digits.images[:300]:
        out = preprocess(im)
        ref = np.pad(im.astype(np.float32) / 255, 2)
        diffs.append(np.abs(out - ref).mean())
        identical += np.abs(out - ref).max() < 1e-6
    assert identical >= 0.55 * 300  # most come back pixel for pixel
    assert np.median(diffs) < 1e-3 and np.mean(diffs) < 0.01


@pytest.mark.parametrize(
    "variant",
    [
        dict(box=(0.02, 0.02, 0.3, 0.4)),  # off-centre, top-left
        dict(box=(0.6, 0.5, 0.35, 0.45)),  # off-centre, bottom-right
        dict(box=(0.45, 0.45, 0.1, 0.14), width=3),  # tiny
        dict(box=(0.15, 0.02, 0.68, 0.95), width=30),  # huge (same aspect ratio)
        dict(width=5),  # thin pen
        dict(width=40),  # thick finger
        dict(size=64, width=4),  # a small image
        dict(ink=255, paper=0),  # light ink on dark
        dict(ink=90, paper=200),  # grey pencil on grey paper
    ],
)
def test_invariance_to_position_size_width_polarity(variant):
    reference = preprocess(draw(SEVEN))
    other = preprocess(draw(SEVEN, **variant))
    assert similarity(reference, other) > 0.78, variant
    # And it still looks more like this 7 than like a 4 drawn the normal way.
    assert similarity(reference, other) > similarity(preprocess(draw(FOUR)), other)


def test_stroke_width_is_normalised():
    thin, thick = preprocess(draw(SEVEN, width=4)), preprocess(draw(SEVEN, width=45))
    w_thin, w_thick = stroke_width(thin), stroke_width(thick)
    assert 1.0 <= w_thin <= 3.8 and 1.0 <= w_thick <= 3.8
    assert abs(thin.sum() - thick.sum()) / thick.sum() < 0.5  # similar amounts of ink



def test_hairline_in_a_large_image_is_thickened_not_lost():
    # A 1-pixel diagonal in a 1000-pixel scan fades below the ink threshold at the work resolution.
    im = np.full((1000, 1000), 255, np.uint8)
    idx = np.arange(250, 750)
    im[idx, idx] = 0
    out = preprocess(im)
    assert out is not None and out.max() > 0.9
    assert 1.0 <= stroke_width(out) <= 3.8
    assert similarity(out, out.T) > 0.99  # still the diagonal it was


def test_colour_and_alpha():
    rgb = np.stack([draw(SEVEN, ink=200, paper=255)] * 3, axis=-1).copy()
    rgb[..., 0] = 255  # red-ish ink on white
    assert similarity(preprocess(rgb), preprocess(draw(SEVEN))) > 0.9
    # Black strokes on a transparent background: the RGB is black everywhere, only alpha has the digit.
    alpha = draw(SEVEN, ink=255, paper=0)
    rgba = np.zeros((280, 280, 4), np.uint8)
    rgba[..., 3] = alpha
    assert similarity(preprocess(rgba), preprocess(draw(SEVEN))) > 0.95
    assert similarity(preprocess(Image.fromarray(rgba, "RGBA")), preprocess(draw(SEVEN))) > 0.95


@pytest.mark.parametrize(
    "blank",
    [
        np.full((280, 280), 255, np.uint8),
        np.zeros((28, 28), np.uint8),
        np.full((50, 60, 3), 128, np.uint8),
        np.zeros((40, 40, 4), np.uint8),  # fully transparent
        (np.random.default_rng(0).normal(200, 3, (100, 100))).clip(0, 255).astype(np.uint8),  # paper grain
    ],
)
def test_no_ink_is_no_digit(blank):
    assert preprocess(blank) is None


def test_network_input_range():
    out = to_network_input(preprocess(draw(SEVEN)))
    assert out.dtype == np.float32
    assert out.min() == pytest.approx(BACKGROUND_VALUE) and out.max() == pytest.approx(INK_VALUE, abs=0.05)


def test_paths_and_pil(tmp_path):
    path = tmp_path / "seven.png"
    Image.fromarray(draw(SEVEN)).save(path)
    assert np.allclose(preprocess(path), preprocess(draw(SEVEN)))
    assert np.allclose(preprocess(str(path)), preprocess(Image.open(path)))


@pytest.mark.parametrize(
    "bad, message",
    [
        ("missing.png", "no such file"),
        ("notes.txt", "not an image"),
        ("broken.png", "damaged|not an image"),
    ],
)
def test_unreadable_files_raise_image_error(tmp_path, bad, message):
    (tmp_path / "notes.txt").write_text("hello")
    Image.fromarray(draw(SEVEN)).save(tmp_path / "good.png")
    (tmp_path / "broken.png").write_bytes((tmp_path / "good.png").read_bytes()[:200])
    with pytest.raises(ImageError, match=message):
        preprocess(tmp_path / bad)


@pytest.mark.parametrize("bad", [np.zeros((5, 5, 2)), np.zeros((0, 10)), np.array([["a"]]), object()])
def test_bad_arrays_raise_image_error(bad):
    with pytest.raises(ImageError):
        preprocess(bad)


def test_clean_images_reach_the_network_exactly_as_when_the_models_were_trained():
    # Drawings in every clean form (polarity, pencil, colour, transparency, dtype) and MNIST digits.
    fixture = np.load(clean_inputs.FIXTURE)
    cases = list(clean_inputs.clean_cases(fixture))
    assert len(cases) == len(fixture["expected"])
    for (name, image), expected in zip(cases, fixture["expected"], strict=True):
        out = preprocess(image)
        assert out is not None, name
        np.testing.assert_allclose(out, expected, rtol=0, atol=1e-6, err_msg=name)
    mnist = load(TEST_SAMPLE).images
    for i, expected in enumerate(fixture["mnist_expected"]):
        np.testing.assert_allclose(preprocess(mnist[i]), expected, rtol=0, atol=1e-6, err_msg=f"MNIST {i}")


def test_mnist_round_trip_is_pinned():
    # The whole shipped test sample: how many come back pixel for pixel, and how far the rest move.
    fixture = np.load(clean_inputs.FIXTURE)
    mnist = load(TEST_SAMPLE).images
    outs = np.stack([preprocess(im) for im in mnist])
    padded = np.pad(mnist.astype(np.float32) / 255, ((0, 0), (2, 2), (2, 2)))
    diff = np.abs(outs - padded).reshape(len(mnist), -1)
    assert int((diff.max(axis=1) < 1e-6).sum()) == int(fixture["mnist_identical"])  # 605 of 1000
    assert float(diff.mean()) == pytest.approx(float(fixture["mnist_mean_abs_diff"]), abs=1e-7)  # 0.0046
