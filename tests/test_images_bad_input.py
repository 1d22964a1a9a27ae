"""Bad images get a clear message, and every other image is still answered (predict_batch, the CLI,
fine-tuning): NaN or infinite pixels, pipes, folders, missing files, names too long, huge images."""

from __future__ import annotations

import os
import warnings

import numpy as np
import pytest
from PIL import Image, ImageDraw

from lenet_core import ImageError, Recognizer, load_image, preprocess
from lenet_core.finetune import FineTuneConfig, fine_tune, prepare_samples
from lenet_core.images import LargeImageWarning


def seven(size: int = 280) -> np.ndarray:
    im = Image.new("L", (size, size), 255)
    s = size / 280
    ImageDraw.Draw(im).line([(70 * s, 50 * s), (210 * s, 50 * s), (120 * s, 240 * s)], fill=0, width=18)
    return np.asarray(im)


def float_image(bad: float | None, mode: str = "F") -> Image.Image:
    a = seven(64).astype(np.float32) / 255
    if bad is not None:
        a[10, 10] = bad
    return Image.fromarray(a, "F") if mode == "F" else Image.fromarray((a * 65535).astype(np.int32), "I")


@pytest.fixture(scope="module")
def recognizer():
    return Recognizer.load("classic", device="cpu")


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_pixels_are_refused_in_every_form(tmp_path, bad):
    pil = float_image(bad)
    array = np.asarray(pil)
    tiff = tmp_path / "float.tiff"
    pil.save(tiff)
    for image in (pil, array, array.astype(np.float64), tiff, str(tiff)):
        with pytest.raises(ImageError, match="NaN or infinite"):
            load_image(image)
        with pytest.raises(ImageError, match="NaN or infinite"):
            preprocess(image)


def test_float_and_32_bit_images_read_like_the_same_drawing_in_8_bits(tmp_path):
    reference = preprocess(seven(64))
    float_tiff = tmp_path / "unit.tiff"
    float_image(None).save(float_tiff)  # floats in 0-1, as float TIFFs usually hold them
    for image in (float_image(None), float_tiff, float_image(None, mode="I")):
        out = preprocess(image)
        assert out is not None and np.abs(out - reference).max() < 0.02
    # Any other range of numbers (negative, huge) is stretched to the image's own minimum and maximum.
    wide = Image.fromarray(np.asarray(float_image(None)) * 3e30 - 1e30, "F")
    assert np.abs(preprocess(wide) - reference).max() < 0.02


def test_an_infinite_pixel_is_not_read_as_a_digit(recognizer):
    a = np.full((280, 280), 1.0, np.float32)
    a[140, 140] = np.inf
    results = recognizer.predict_batch([Image.fromarray(a, "F"), seven()])
    assert results[0].status == "error" and "NaN or infinite" in results[0].error
    assert results[1].status != "error" and results[1].label == 7


def bad_paths(tmp_path) -> dict[str, str]:
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    (tmp_path / "folder.png").mkdir()
    return {
        "pipe": str(fifo),
        "folder": str(tmp_path / "folder.png"),
        "missing": str(tmp_path / "missing.png"),
        "long name": str(tmp_path / ("x" * 300 + ".png")),
        "long folder": str(tmp_path / ("y" * 300) / "a.png"),
    }


EXPECTED = {
    "pipe": "not a regular file",
    "folder": "is a folder",
    "missing": "no such file",
    "long name": "cannot be read",
    "long folder": "cannot be read",
}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_paths_that_are_not_image_files_never_block_or_raise_anything_else(tmp_path):
    for name, path in bad_paths(tmp_path).items():
        with pytest.raises(ImageError, match=EXPECTED[name]) as info:
            load_image(path)
        assert len(str(info.value)) < 250, name  # a name too long for the disk is shortened


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_predict_batch_answers_the_good_images_among_the_bad(tmp_path, recognizer):
    good = tmp_path / "seven.png"
    Image.fromarray(seven()).save(good)
    bad = bad_paths(tmp_path)
    nan = float_image(float("nan"))
    images = [good, *bad.values(), nan, np.zeros((5, 5, 2)), good]
    results = recognizer.predict_batch(images)
    assert [r.status == "error" for r in results] == [False] + [True] * (len(bad) + 2) + [False]
    assert results[0].label == 7 and results[-1].label == 7
    for result, name in zip(results[1:], bad, strict=False):
        assert EXPECTED[name] in result.error
    assert "NaN or infinite" in results[len(bad) + 1].error


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_lenet_predict_says_one_line_per_bad_image_and_goes_on(tmp_path, capsys):
    from lenet_core.cli.predict import main

    good = tmp_path / "seven.png"
    Image.fromarray(seven()).save(good)
    nan_tiff = tmp_path / "nan.tiff"
    float_image(float("nan")).save(nan_tiff)
    bad = list(bad_paths(tmp_path).values()) + [str(nan_tiff)]
    code = main(["--arch", "classic", "--device", "cpu", str(good), *bad, str(good)])
    out, err = capsys.readouterr()
    assert code == 1  # some images could not be read
    assert out.count(": 7 (") == 2  # both good images answered, before and after the bad ones
    lines = err.strip().split("\n")
    assert len(lines) == len(bad) and all(line.startswith("lenet-predict: ") for line in lines)
    assert "Traceback" not in err


def test_large_images_are_read_with_a_warning_in_our_words(tmp_path, monkeypatch, capsys):
    from lenet_core.cli.predict import main

    path = tmp_path / "big.png"
    Image.fromarray(seven()).save(path)  # 78,400 pixels
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 50_000)  # warns above this, refuses above twice it
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert preprocess(path) is not None
    assert [w.category for w in caught] == [LargeImageWarning]
    assert str(caught[0].message) == f"{path} is very large (0 megapixels); reading it anyway"
    assert main(["--arch", "classic", "--device", "cpu", str(path)]) == 0
    err = capsys.readouterr().err
    assert err == f"lenet-predict: warning: {path} is very large (0 megapixels); reading it anyway\n"
    assert "DecompressionBomb" not in err

    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 30_000)
    with pytest.raises(ImageError, match=r"too large to open safely \(0 megapixels; at most 0 are read\)"):
        preprocess(path)


def test_fine_tuning_skips_unreadable_samples_and_says_why(recognizer):
    nan = float_image(float("nan"))
    inf = np.asarray(float_image(float("inf")))
    images = [seven(), nan, seven(), inf] + [np.asarray(Image.fromarray(seven()).rotate(180))] * 2
    labels = [7, 7, 7, 7, 1, 1]
    _, _, kept, skipped = prepare_samples(images, labels)
    assert kept == [0, 2, 4, 5]
    assert [(s.index, "NaN or infinite" in s.reason) for s in skipped] == [(1, True), (3, True)]
    config = FineTuneConfig(epochs=1, batch_size=8, min_epoch_draws=8, replay_ratio=0.5)
    result = fine_tune(recognizer, images, labels, config)
    assert [s.index for s in result.skipped] == [1, 3]
    assert all("not a readable image" in s.reason for s in result.skipped)
