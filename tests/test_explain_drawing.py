"""From the 32x32 input back to the drawing: the placement that preprocessing records, and its uses."""

import numpy as np
import pytest
from PIL import Image, ImageDraw

from lenet_core.explain import Box, Unit, input_box_on_drawing, input_map_on_drawing, receptive_field
from lenet_core.explain.drawing import drawing_point_in_input
from lenet_core.images import load_image
from lenet_core.preprocess import ink_intensity, preprocess, preprocess_placed
from lenet_core.shipped_data import TEST_SAMPLE, load


def ink_box(mask: np.ndarray) -> np.ndarray:
    """(left, top, right, bottom) of a mask, in pixel edges."""
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    return np.array([cols[0], rows[0], cols[-1] + 1, rows[-1] + 1], dtype=float)


def drawing(size, points, width) -> np.ndarray:
    im = Image.new("L", size, 255)
    ImageDraw.Draw(im).line(points, fill=0, width=width)
    return np.asarray(im)


def test_preprocess_placed_gives_preprocess_output_unchanged():
    rng = np.random.default_rng(3)
    for width in (2, 14, 50):
        image = drawing((300, 260), [tuple(rng.uniform(30, 230, 2)) for _ in range(4)], width)
        placed, _ = preprocess_placed(image)
        np.testing.assert_array_equal(placed, preprocess(image))
    assert preprocess_placed(np.full((50, 50), 255, np.uint8)) is None


def test_an_mnist_digit_that_comes_back_unchanged_sits_at_offset_two():
    digits = load(TEST_SAMPLE)
    unchanged = 0
    for image in digits.images[:200]:
        out, placement = preprocess_placed(image)
        if np.abs(out - np.pad(image.astype(np.float32) / 255, 2)).max() < 1e-6:
            unchanged += 1
            assert (placement.scale_x, placement.scale_y) == (1.0, 1.0)
            assert (placement.offset_x, placement.offset_y) == (2.0, 2.0)
    assert unchanged > 50  # most MNIST digits pass through preprocessing untouched


@pytest.mark.parametrize("seed", range(12))
def test_the_drawing_lands_where_the_placement_says(seed):
    rng = np.random.default_rng(seed)
    size = (int(rng.integers(120, 500)), int(rng.integers(120, 500)))
    points = [
        (float(rng.uniform(0.1, 0.9) * size[0]), float(rng.uniform(0.1, 0.9) * size[1])) for _ in range(4)
    ]
    width = int(rng.integers(1, 50))  # thin lines are thickened and thick ones thinned, around their centres
    image = drawing(size, points, width)
    out, placement = preprocess_placed(image)
    source = ink_box(ink_intensity(load_image(image)) > 0.5)
    left, top = drawing_point_in_input(source[0], source[1], placement)
    right, bottom = drawing_point_in_input(source[2], source[3], placement)
    landed = ink_box(out > 0.5)
    # The centre of the ink's box lands within an input pixel of where the ink is in the input.
    assert abs((left + right) / 2 - (landed[0] + landed[2]) / 2) <= 1.0
    assert abs((top + bottom) / 2 - (landed[1] + landed[3]) / 2) <= 1.0


def test_a_drawing_of_mnist_stroke_width_fills_the_20_pixel_box():
    image = drawing((280, 280), [(80, 60), (200, 60), (110, 230)], 20)  # no stroke-width correction
    out, placement = preprocess_placed(image)
    source = ink_box(ink_intensity(load_image(image)) > 0.5)
    left, top = drawing_point_in_input(source[0], source[1], placement)
    right, bottom = drawing_point_in_input(source[2], source[3], placement)
    assert max(right - left, bottom - top) == pytest.approx(20, abs=0.01)
    np.testing.assert_allclose([left, top, right, bottom], ink_box(out > 0.5), atol=1.0)


def test_a_receptive_field_on_the_drawing():
    image = drawing((280, 280), [(140, 40), (140, 240)], 20)  # a vertical bar: a "1"
    _, placement = preprocess_placed(image)
    whole = input_box_on_drawing(Box(0, 0, 32, 32), placement)
    assert whole.left < 130 < 150 < whole.right and whole.top < 40 < 240 < whole.bottom
    # The C1 unit over the middle of the bar sees the middle of the bar on the canvas.
    box = receptive_field(Unit("C1", 0, 14, 14))
    region = input_box_on_drawing(box, placement)
    assert region.left < 140 < region.right and region.top < 140 < region.bottom
    assert (region.right - region.left) == pytest.approx(5 / placement.scale_x)
    clipped = whole.clipped(280, 280)
    assert (clipped.left, clipped.top) == (0.0, 0.0) and clipped.right == clipped.bottom == 280.0


def test_an_input_map_on_the_drawing_covers_the_same_region():
    image = drawing((400, 300), [(150, 60), (250, 60), (180, 260)], 18)  # a 7
    _, placement = preprocess_placed(image)
    box = Box(8, 10, 20, 24)
    mask = np.zeros((32, 32), np.float32)
    mask[box.top : box.bottom, box.left : box.right] = 1.0
    on_drawing = input_map_on_drawing(mask, placement, (400, 300))
    assert on_drawing.shape == (300, 400) and on_drawing.dtype == np.float32
    region = input_box_on_drawing(box, placement)
    covered = ink_box(on_drawing > 0.5)
    np.testing.assert_allclose(covered, [region.left, region.top, region.right, region.bottom], atol=1.5)
