"""Clean digit images and the exact network inputs `preprocess` made of them when the models were trained.

Clean input (canvas drawings in every polarity, pencil, colour, transparency, MNIST digits) must keep
reaching the network exactly as it did: the shipped weights were trained on that preprocessing. The
fixture stores a few canvas drawings (so that no drawing library's version can change the inputs) and
the 32x32 outputs recorded for every variant below and for the first shipped MNIST test digits.

Record again only when the preprocessing of clean images is changed on purpose (the models must then
be retrained): `python -m tests.clean_inputs`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
from PIL import Image

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "clean-preprocessing.npz"
MNIST_PINNED = 200  # shipped MNIST test digits whose outputs are stored one by one


def _drawings() -> list[np.ndarray]:
    """Canvas drawings made with the synthetic handwriting (only used to record the fixture)."""
    from lenet_core import synthetic

    rng = np.random.default_rng(20240611)
    out = []
    for digit in range(10):
        out.append(synthetic.sample(digit, "crossed" if digit == 7 else "plain", rng))
    out.append(synthetic.sample(4, "plain", rng, size=64))  # a small image
    out.append(synthetic.render(synthetic.strokes(2, "plain", rng), width=3))  # a thin mouse line
    out.append(synthetic.render(synthetic.strokes(5, "plain", rng), width=45))  # a thick finger
    # Digits running off the canvas, edge to edge: the photo checks look at them and let them be.
    huge = synthetic.Jitter(height=(0.98, 1.1))
    for digit, width in ((0, 40), (2, 12), (8, 60), (1, 20), (7, 30)):
        out.append(synthetic.render(synthetic.strokes(digit, "plain", rng, jitter=huge), width=width))
    return out


def variants(drawing: np.ndarray) -> Iterator[tuple[str, object]]:
    """Every clean form of one dark-on-white uint8 drawing that users hand to the app."""
    paper = drawing.astype(np.float32) / 255  # 1 = paper, 0 = ink
    yield "black on white", drawing
    yield "white on black", 255 - drawing
    yield "pil L", Image.fromarray(drawing, "L")
    yield "grey pencil", (90 + paper * 110).round().astype(np.uint8)
    yield "faint pencil", (185 + paper * 45).round().astype(np.uint8)
    blue_ink = np.array([30, 60, 200], np.float32)
    yield "blue ink", (blue_ink + paper[..., None] * (255 - blue_ink)).round().astype(np.uint8)
    cream, red = np.array([250, 240, 205], np.float32), np.array([200, 20, 30], np.float32)
    yield "red ink on cream", (red + paper[..., None] * (cream - red)).round().astype(np.uint8)
    rgba = np.zeros(drawing.shape + (4,), np.uint8)
    rgba[..., 3] = 255 - drawing
    yield "transparent", rgba
    yield "transparent pil", Image.fromarray(rgba, "RGBA")
    yield "float", paper
    yield "float64 0-255", drawing.astype(np.float64)
    yield "uint16", drawing.astype(np.uint16) * 257
    yield "bool", drawing > 127


def clean_cases(fixture: np.lib.npyio.NpzFile) -> Iterator[tuple[str, object]]:
    i = 0
    while f"drawing{i}" in fixture.files:
        for name, image in variants(fixture[f"drawing{i}"]):
            yield f"drawing{i} {name}", image
        i += 1


def record(preprocess=None) -> None:
    """Write the fixture with `preprocess` (by default the current one)."""
    from lenet_core.shipped_data import TEST_SAMPLE, load

    if preprocess is None:
        from lenet_core import preprocess

    drawings = _drawings()
    arrays = {f"drawing{i}": d for i, d in enumerate(drawings)}
    expected = []
    for d in drawings:
        expected.extend(preprocess(image) for _name, image in variants(d))
    arrays["expected"] = np.stack(expected)
    mnist = load(TEST_SAMPLE).images
    arrays["mnist_expected"] = np.stack([preprocess(im) for im in mnist[:MNIST_PINNED]])
    outs = np.stack([preprocess(im) for im in mnist])
    ref = np.pad(mnist.astype(np.float32) / 255, ((0, 0), (2, 2), (2, 2)))
    diff = np.abs(outs - ref).reshape(len(mnist), -1)
    arrays["mnist_identical"] = np.array(int((diff.max(axis=1) < 1e-6).sum()))
    arrays["mnist_mean_abs_diff"] = np.array(float(diff.mean()))
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(FIXTURE, **arrays)
    print(
        f"wrote {FIXTURE} ({FIXTURE.stat().st_size // 1024} KiB): {len(expected)} drawings, "
        f"MNIST {int(arrays['mnist_identical'])}/{len(mnist)} identical, mean abs diff {diff.mean():.5f}"
    )


if __name__ == "__main__":
    record()
