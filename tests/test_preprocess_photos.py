"""Photos and scans read like clean drawings: uneven light, shadows, noise, blur, ruled and squared
paper, coloured ink, a turned or tilted sheet; and clean images never take the photo path."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image

from lenet_core import Recognizer, paper, preprocess, synthetic, to_network_input
from lenet_core.photo_synthesis import CONDITIONS, Placement, photograph, placement
from lenet_core.shipped_data import TEST_SAMPLE, load

from . import clean_inputs

DIGITS = 4  # MNIST test digits photographed under every condition


def similarity(a, b):
    a, b = a - a.mean(), b - b.mean()
    return float((a * b).sum() / np.sqrt((a * a).sum() * (b * b).sum()))


def small_placement(seed) -> Placement:
    """A photo of at most 600 px (the suite's are up to 1200): the same situations, read faster."""
    where = placement(np.random.default_rng(seed))
    s = min(1.0, 600 / max(where.width, where.height))
    return Placement(
        round(where.width * s), round(where.height * s), where.digit_height * s,
        (where.centre[0] * s, where.centre[1] * s),
    )


def read(recognizer, ink):
    x = torch.from_numpy(to_network_input(ink))[None, None]
    with torch.inference_mode():
        return int(recognizer.model.predict_labels(recognizer.model(x))[0])


@pytest.fixture(scope="module")
def shots():
    """{condition: [(32x32 input of the photo, 32x32 input of the same digit on a clean sheet)]}"""
    digits = load(TEST_SAMPLE)
    out = {c: [] for c in CONDITIONS}
    for i in range(DIGITS):
        where = small_placement([11, i])
        clean = preprocess(photograph(digits.images[i], "clean", np.random.default_rng([11, i, 0]), where))
        for c, condition in enumerate(CONDITIONS):
            photo = photograph(digits.images[i], condition, np.random.default_rng([11, i, c]), where)
            out[condition].append((preprocess(photo), clean))
    return out


@pytest.mark.parametrize("condition", CONDITIONS)
def test_a_photo_gives_the_input_of_the_same_digit_on_a_clean_sheet(shots, condition):
    for ink, clean in shots[condition]:
        assert ink is not None
        # The same digit (turning or tilting the sheet moves it a little)...
        assert similarity(ink, clean) > 0.75
        # ...and nothing else: no slab of shadow, no lines, no speckle around it.
        assert abs(ink.sum() - clean.sum()) < 0.4 * clean.sum()


def test_both_models_read_the_photos_as_they_read_the_clean_sheet(shots):
    for arch in ("classic", "modern"):
        recognizer = Recognizer.load(arch, device="cpu")
        pairs = [pair for condition in CONDITIONS for pair in shots[condition]]
        same = sum(read(recognizer, ink) == read(recognizer, clean) for ink, clean in pairs)
        assert same >= 0.9 * len(pairs), arch


def shaded_noisy_five(size: int = 600) -> tuple[np.ndarray, np.ndarray]:
    """A 5 on paper with 20% shading across the sheet and camera noise, and the same 5 clean."""
    strokes = synthetic.strokes(5, "plain", None, size=size)
    clean = synthetic.render(strokes, size=size, width=0.05 * size).astype(np.float32) / 255
    shading = 1 - 0.2 * np.linspace(0, 1, size, dtype=np.float32)[None, :]
    noise = np.random.default_rng(5).normal(0, 0.05, (size, size)).astype(np.float32)
    photo = np.clip((0.1 + 0.8 * clean) * shading + noise, 0, 1)
    return (photo * 255).round().astype(np.uint8), (clean * 255).astype(np.uint8)


def test_a_printed_five_with_shading_and_noise_reads_five():
    photo, clean = shaded_noisy_five()
    ink, reference = preprocess(photo), preprocess(clean)
    assert similarity(ink, reference) > 0.95
    # No grey slab of shading in the input: outside the digit the field is black.
    outside = reference < 0.05
    assert ink[outside].max() < 0.1 and ink[outside].mean() < 0.01
    for arch in ("classic", "modern"):
        assert Recognizer.load(arch, device="cpu").predict(photo).label == 5, arch


@pytest.mark.parametrize("condition", CONDITIONS)
def test_an_empty_sheet_has_no_ink(condition):
    for k in range(2):
        photo = photograph(
            np.zeros((28, 28), np.uint8), condition, np.random.default_rng([12, k]), small_placement([13, k])
        )
        assert preprocess(photo) is None


def test_light_ink_on_a_dark_board():
    photo, _ = shaded_noisy_five()
    assert similarity(preprocess(255 - photo), preprocess(photo)) > 0.95


def test_ruled_lines_on_an_otherwise_clean_page_are_removed():
    # No noise and no shading: only the lines running edge to edge say it is paper, not a drawing.
    strokes = synthetic.strokes(7, "plain", None, size=600)
    page = synthetic.render(strokes, size=600, width=30).astype(np.float32)
    reference = preprocess(page.astype(np.uint8))
    for y in range(17, 600, 36):
        page[y : y + 2] = np.minimum(page[y : y + 2], 170)
    page[:, 50:52] = np.minimum(page[:, 50:52], 150)  # the margin line
    assert similarity(preprocess(page.astype(np.uint8)), reference) > 0.95


def test_clean_images_never_take_the_photo_path(monkeypatch):
    def fail(grey):
        raise AssertionError("a clean image was read as a photo")

    monkeypatch.setattr(paper, "ink_on_paper", fail)
    fixture = np.load(clean_inputs.FIXTURE)
    for name, image in clean_inputs.clean_cases(fixture):
        assert preprocess(image) is not None, name
    for digit in load(TEST_SAMPLE).images[:200]:
        preprocess(digit)
    # A drawing saved as a JPEG keeps a flat background too.
    buffer = __import__("io").BytesIO()
    Image.fromarray(fixture["drawing3"]).save(buffer, "JPEG", quality=70)
    assert preprocess(Image.open(buffer)) is not None


def test_a_photo_takes_it(monkeypatch):
    calls = []
    monkeypatch.setattr(paper, "ink_on_paper", lambda grey: calls.append(grey.shape) or np.zeros((4, 4)))
    photo, _ = shaded_noisy_five(300)
    preprocess(photo)
    assert calls == [(300, 300)]
