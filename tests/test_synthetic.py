"""Drawn digits and non-digits: glyphs, pen strokes, skeletons, media, reproducible generators."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PIL import Image

from lenet_core import negatives, realistic, skeleton, synthetic
from lenet_core import strokes as st
from lenet_core.preprocess import preprocess
from lenet_core.train_data import HOLDOUT_SEED


def test_every_style_gives_canvas_polylines_and_ink() -> None:
    rng = np.random.default_rng(0)
    for digit, style in synthetic.all_styles():
        strokes = synthetic.strokes(digit, style, rng)
        assert strokes and all(len(s) >= 1 for s in strokes)
        for stroke in strokes:
            for x, y in stroke:
                assert isinstance(x, float) and isinstance(y, float)
                assert 0 <= x <= synthetic.CANVAS and 0 <= y <= synthetic.CANVAS, (digit, style)
            # Points close together: good for replaying as mouse drags.
            gaps = [math.dist(a, b) for a, b in zip(stroke, stroke[1:], strict=False)]
            assert max(gaps, default=0) <= 4.0 + 1e-6, (digit, style)
        image = synthetic.render(strokes)
        assert image.shape == (280, 280) and image.dtype == np.uint8
        assert (image < 128).mean() > 0.01, (digit, style)  # visible ink
        assert image[0, 0] == 255  # paper at the corner


def test_seeded_and_varied() -> None:
    a = synthetic.strokes(7, "crossed", np.random.default_rng(5))
    b = synthetic.strokes(7, "crossed", np.random.default_rng(5))
    c = synthetic.strokes(7, "crossed", np.random.default_rng(6))
    assert a == b and a != c
    ideal = synthetic.strokes(4, "open")  # no rng: the ideal glyph, no randomness
    assert ideal == synthetic.strokes(4, "open")


def test_plain_first_and_bad_requests() -> None:
    assert all(synthetic.styles(d)[0] == "plain" for d in range(10))
    with pytest.raises(ValueError, match="no style"):
        synthetic.strokes(7, "fancy")
    with pytest.raises(ValueError, match="0-9"):
        synthetic.strokes(10)


def test_render_options() -> None:
    strokes = synthetic.strokes(1, "plain")
    inverted = synthetic.render(strokes, size=280, width=10, background=0, ink=255)
    assert inverted[0, 0] == 0 and inverted.max() == 255
    small = synthetic.render(synthetic.strokes(1, "plain", size=64), size=64, width=4)
    assert small.shape == (64, 64)


def _mask(image: np.ndarray) -> np.ndarray:
    return image < 128


def _components(mask: np.ndarray) -> int:
    """8-connected components, by flood fill (small images only)."""
    seen = np.zeros_like(mask)
    count = 0
    for y, x in zip(*np.nonzero(mask), strict=True):
        if seen[y, x]:
            continue
        count += 1
        stack = [(y, x)]
        seen[y, x] = True
        while stack:
            cy, cx = stack.pop()
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    ny, nx = cy + dy, cx + dx
                    inside = 0 <= ny < mask.shape[0] and 0 <= nx < mask.shape[1]
                    if inside and mask[ny, nx] and not seen[ny, nx]:
                        seen[ny, nx] = True
                        stack.append((ny, nx))
    return count


def test_thinning_leaves_one_pixel_lines_with_the_same_pieces() -> None:
    for digit, style in [(8, "plain"), (4, "open"), (7, "crossed"), (0, "dotted"), (1, "european")]:
        image = synthetic.render(synthetic.strokes(digit, style, size=84), size=84, width=7)
        ink = _mask(image)
        thin = skeleton.thin(ink)
        assert thin.sum() < ink.sum() / 3 and (thin <= ink).all()
        assert _components(thin) == _components(ink), (digit, style)  # even the dot of a dotted 0
        if style != "dotted":
            # One pixel wide: no 2x2 block is entirely skeleton.
            assert not (thin[1:, 1:] & thin[:-1, 1:] & thin[1:, :-1] & thin[:-1, :-1]).any()


def test_traced_strokes_redraw_the_digit() -> None:
    for digit, style in synthetic.all_styles()[::3]:
        # Drawn large and shrunk with anti-aliasing, like an MNIST digit.
        image = synthetic.render(synthetic.strokes(digit, style, size=112), size=112, width=10)
        ink = np.asarray(Image.fromarray(255 - image).resize((28, 28), Image.Resampling.BOX))
        traced = skeleton.trace(skeleton.skeletonise_digits(ink[None])[0])
        assert traced and all(s.ndim == 2 and s.shape[1] == 2 for s in traced)
        assert realistic.faithful(ink, traced), (digit, style)


def test_canvas_path_is_the_apps_smoothing() -> None:
    points = np.array([[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [20.0, 10.0]])
    path = st.canvas_path(points)
    # Starts and ends at the first and last point, passes through every midpoint, cuts the corners.
    assert np.allclose(path[0], points[0]) and np.allclose(path[-1], points[-1])
    for mid in (points[:-1] + points[1:]) / 2:
        assert np.min(np.linalg.norm(path - mid, axis=1)) < 1e-9
    assert np.min(np.linalg.norm(path - points[1], axis=1)) > 1.5  # a quarter of the corner diagonal


def test_tablet_keeps_the_asked_number_of_points_and_joins_strokes() -> None:
    two = [np.array([[0.0, 0.0], [0.0, 1.0]]), np.array([[1.0, 0.0], [1.0, 1.0]])]
    assert len(st.resample_count(np.concatenate(two), 8)) == 8
    image = st.tablet(st.normalise_height(two), np.random.default_rng(0), points=8)
    assert image.shape == (st.CANVAS, st.CANVAS)
    assert _components(_mask(image[::4, ::4])) == 1  # the pen's jump between the strokes is drawn


def test_scan_is_coarse_with_seventeen_grey_levels() -> None:
    strokes = st.normalise_height(synthetic.glyph_strokes(5))
    rng = np.random.default_rng(1)
    small = st.scan(strokes, rng)
    assert small.shape == (8, 8) and small.dtype == np.uint8
    assert set(np.unique(small)) <= {round(255 * (1 - k / 16)) for k in range(17)}
    assert small.min() < 100 and small.max() == 255  # dark ink on white paper
    big = st.scan(strokes, np.random.default_rng(1), enlarge=10, dark_ink=False)
    assert big.shape == (80, 80) and np.abs(big[::10, ::10].astype(int) - (255 - small)).max() <= 1


@pytest.mark.parametrize("medium", list(realistic.MEDIA))
def test_every_medium_gives_a_readable_digit_image(medium: str) -> None:
    rng = np.random.default_rng(3)
    for digit in (1, 4, 8):
        styled = realistic.style_strokes(rng, 1, [(digit, "plain")])[0]
        image = realistic.draw(styled, medium, rng)
        assert image.dtype == np.uint8 and image.ndim == 2
        ink = preprocess(image)
        assert ink is not None and ink.shape == (32, 32) and ink.max() > 0.5, (medium, digit)


def test_realistic_sets_are_reproducible_and_seeded_apart() -> None:
    assert len({realistic.EVAL_SEED, realistic.TRAIN_SEED, HOLDOUT_SEED}) == 3
    sources = realistic.style_strokes(np.random.default_rng(0), 20)
    a = realistic.make_digits(sources, ["mouse", "scan-8x8"], 6, seed=5)
    b = realistic.make_digits(sources, ["mouse", "scan-8x8"], 6, seed=5)
    c = realistic.make_digits(sources, ["mouse", "scan-8x8"], 6, seed=6)
    assert all(np.array_equal(x, y) for x, y in zip(a.images, b.images, strict=True))
    pairs = zip(a.images, c.images, strict=True)
    assert not all(np.array_equal(x, y) for x, y in pairs if x.shape == y.shape)
    assert a.media == ["mouse", "scan-8x8"] * 3
    assert [int(s.split()[0]) for s in a.sources] == a.labels.tolist()


def test_negatives_cover_every_family_and_no_digit_lookalike_letters() -> None:
    images, families = negatives.make_negatives(2 * len(negatives.FAMILIES), seed=4,
                                                media=tuple(realistic.MEDIA))
    assert set(families) == set(negatives.FAMILIES)
    assert all(im.dtype == np.uint8 and im.ndim == 2 for im in images)
    assert not {"O", "o", "I", "l", "S", "s", "Z", "z", "b", "g", "q", "B"} & set(negatives.SHAPES)
    again, _ = negatives.make_negatives(2 * len(negatives.FAMILIES), seed=4, media=tuple(realistic.MEDIA))
    assert all(np.array_equal(x, y) for x, y in zip(images, again, strict=True))
