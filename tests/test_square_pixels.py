"""Images enlarged with square pixels are read at their own resolution; nothing else is touched."""

from __future__ import annotations

import numpy as np

from lenet_core.preprocess import preprocess, preprocess_placed
from lenet_core.shipped_data import TEST_SAMPLE, load
from lenet_core.square_pixels import at_native_resolution


def coarse_scan(seed: int = 0) -> np.ndarray:
    """An 8x8 scan with 17 grey levels whose ink fills the box (it touches every edge)."""
    rng = np.random.default_rng(seed)
    levels = rng.integers(0, 17, (8, 8))
    levels[2:6, 2:6] = 0  # the hole of a 0
    return (255 - levels * 15).astype(np.uint8)


def test_an_enlarged_scan_reads_as_the_scan_itself() -> None:
    scan = coarse_scan()
    for factor in (2, 7, 35):
        big = np.kron(scan, np.ones((factor, factor), np.uint8))
        small, scale_y, scale_x = at_native_resolution(big.astype(np.float32))
        np.testing.assert_array_equal(small, scan.astype(np.float32))
        assert (scale_y, scale_x) == (1 / factor, 1 / factor)
        np.testing.assert_array_equal(preprocess(big), preprocess(scan))


def test_a_scale_that_is_not_a_whole_number_is_recognised_too() -> None:
    scan = coarse_scan(1)
    rows = np.floor(np.arange(100) * 8 / 100).astype(int)  # 8 -> 100: blocks of 12 and 13 pixels
    big = scan[rows][:, rows]
    small, _, _ = at_native_resolution(big.astype(np.float32))
    np.testing.assert_array_equal(small, scan.astype(np.float32))


def test_drawings_digits_and_rectangles_are_left_as_they_are() -> None:
    digits = load(TEST_SAMPLE)
    for image in digits.images[:200]:
        assert at_native_resolution(image.astype(np.float32))[0].shape == image.shape
    bar = np.full((280, 280), 255, np.uint8)
    bar[100:111, 40:240] = 0  # a hard-edged bar: blocks, but not square ones
    assert at_native_resolution(bar.astype(np.float32))[0].shape == bar.shape
    assert at_native_resolution(np.zeros((3, 3), np.float32))[0].shape == (3, 3)


def test_the_placement_points_back_into_the_enlarged_image() -> None:
    scan = coarse_scan(2)
    factor = 10
    big = np.kron(scan, np.ones((factor, factor), np.uint8))
    _, small_place = preprocess_placed(scan)
    _, big_place = preprocess_placed(big)
    assert big_place.scale_x * factor == small_place.scale_x
    assert big_place.offset_x == small_place.offset_x and big_place.offset_y == small_place.offset_y
