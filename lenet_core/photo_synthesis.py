"""Photos of digits on paper, generated: test data for reading photographed and scanned digits.

A digit's ink (an MNIST digit, enlarged, or any ink map) is laid on a sheet of paper - plain, textured,
ruled or squared, white or cream - with a pen of some colour; the sheet is lit unevenly (a gradient,
a vignette, a shadow), turned or seen in perspective, and the camera adds blur, noise and JPEG. Each
`CONDITIONS` entry is one such kind of trouble (and "phone" a mild dose of all of them), so that a
benchmark can tell which one a reader copes with. Everything is drawn from a seeded numpy Generator:
the same seed gives the same photo.

`photograph()` is split in two so that one digit can be shot under every condition from the same
placement: `Placement` (photo size, where the digit lies and how large) comes from one generator, the
condition's effects from another.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

CONDITIONS = (
    "clean",
    "shading",
    "shadow",
    "texture",
    "noise",
    "blur",
    "ruled",
    "squared",
    "coloured ink",
    "rotated",
    "perspective",
    "phone",
)
SIZES = (400, 1200)  # the photo's longer side, in pixels
BLACK_INK = (0.12, 0.12, 0.14)
COLOURED_INKS = ((0.12, 0.22, 0.62), (0.72, 0.12, 0.12), (0.10, 0.45, 0.22), (0.40, 0.15, 0.55))


@dataclass(frozen=True)
class Placement:
    width: int
    height: int
    digit_height: float  # the 28-pixel MNIST field's side, in photo pixels
    centre: tuple[float, float]  # where the field's centre lies, in photo pixels (x, y)


def placement(rng: np.random.Generator) -> Placement:
    """A photo size between `SIZES` (landscape, portrait or square) and the digit's size and place in it."""
    longer = int(rng.integers(SIZES[0], SIZES[1] + 1))
    aspect = float(rng.choice([1.0, 0.75, 4 / 3]))
    width, height = (longer, round(longer * aspect)) if aspect <= 1 else (round(longer / aspect), longer)
    field = float(rng.uniform(0.45, 0.85)) * min(width, height)
    cx = width / 2 + float(rng.uniform(-0.12, 0.12)) * (width - field)
    cy = height / 2 + float(rng.uniform(-0.12, 0.12)) * (height - field)
    return Placement(width, height, field, (cx, cy))


def photograph(
    digit: np.ndarray, condition: str, rng: np.random.Generator, where: Placement | None = None
) -> np.ndarray:
    """An (H, W, 3) uint8 photo of `digit` (a 28x28 uint8 MNIST digit, ink bright) under `condition`."""
    if condition not in CONDITIONS:
        raise ValueError(f"unknown condition {condition!r}; one of {', '.join(CONDITIONS)}")
    where = where or placement(rng)
    turn = {"rotated": 5.0, "phone": 3.0, "ruled": 1.5, "squared": 1.5}.get(condition, 0.0)
    keystone = {"perspective": 0.08, "phone": 0.04}.get(condition, 0.0)
    # Draw a larger sheet than the photo, so that turning it or tilting it never shows its edge.
    margin = 0.15 if (turn or keystone) else 0.0
    sheet_w, sheet_h = round(where.width * (1 + 2 * margin)), round(where.height * (1 + 2 * margin))
    offset = ((sheet_w - where.width) / 2, (sheet_h - where.height) / 2)

    sheet = _paper(condition, rng, sheet_w, sheet_h)
    if condition == "coloured ink" or (condition == "phone" and rng.random() < 0.5):
        colour = COLOURED_INKS[int(rng.integers(len(COLOURED_INKS)))]
    else:
        colour = BLACK_INK
    strength = float(rng.uniform(0.85, 1.0))  # pen pressure: how fully the ink covers the paper
    ink, box = _ink_map(digit, where, offset, sheet_w, sheet_h)
    cover = (ink * np.float32(strength))[..., None]
    sheet[box] *= 1 - cover + cover * np.asarray(colour, np.float32)

    photo = _camera_geometry(_to_image(sheet), where, offset, turn, keystone, rng)
    return _camera_sensor(photo, condition, rng)


# ------------------------------------------------------------------------------------------ the sheet


def _paper(condition: str, rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    tint = np.array([1.0, 1.0, 1.0], np.float32)
    if condition in ("coloured ink", "texture", "phone"):
        tint = np.array([0.97, 0.95, rng.uniform(0.80, 0.93)], np.float32)  # cream or recycled paper
    paper = np.broadcast_to(tint * np.float32(rng.uniform(0.85, 0.97)), (h, w, 3)).copy()
    if condition in ("texture", "phone"):
        grain = rng.standard_normal((h, w), dtype=np.float32) * np.float32(0.025)
        blotches = _smooth_noise(rng, w, h, cells=6) * 0.06 + _smooth_noise(rng, w, h, cells=20) * 0.03
        paper *= (1 + grain + blotches)[..., None]
    if condition == "ruled" or (condition == "phone" and rng.random() < 0.3):
        spacing = rng.uniform(0.045, 0.08) * h
        _rule(paper, rng, spacing, axis=0, colour=(0.62, 0.75, 0.92))
        if rng.random() < 0.5:  # the red margin line of an exercise book
            x = int(rng.uniform(0.05, 0.2) * w)
            paper[:, x : x + max(1, round(0.002 * w))] *= np.array([0.95, 0.55, 0.55], np.float32)
    if condition == "squared":
        spacing = rng.uniform(0.035, 0.06) * h
        colour = (0.65, 0.72, 0.85) if rng.random() < 0.5 else (0.6, 0.6, 0.6)
        _rule(paper, rng, spacing, axis=0, colour=colour)
        _rule(paper, rng, spacing, axis=1, colour=colour)
    return paper


def _rule(paper: np.ndarray, rng: np.random.Generator, spacing: float, axis: int, colour) -> None:
    """Printed lines across the whole sheet, every `spacing` pixels along `axis`."""
    n = paper.shape[axis]
    thickness = max(1, round(rng.uniform(0.0015, 0.003) * n))
    pos = rng.uniform(0, spacing)
    tone = np.asarray(colour, np.float32)
    while pos < n:
        start = int(pos)
        index = [slice(None)] * 2
        index[axis] = slice(start, start + thickness)
        paper[tuple(index)] *= tone
        pos += spacing


def _ink_map(digit: np.ndarray, where: Placement, offset, w: int, h: int):
    """The digit enlarged, with crisp stroke edges like a pen's, in [0, 1], and where it lies in the
    (h, w) sheet: (ink, (rows, cols))."""
    side = max(8, round(where.digit_height))
    big = Image.fromarray(np.asarray(digit, np.uint8), "L").resize((side, side), Image.Resampling.BICUBIC)
    ink = np.asarray(big, np.float32) / 255
    ink = np.clip((ink - 0.25) / 0.45, 0, 1)  # steepen the edges blurred by enlarging
    ink = ink * ink * (3 - 2 * ink)
    x0 = round(where.centre[0] + offset[0] - side / 2)
    y0 = round(where.centre[1] + offset[1] - side / 2)
    ys, xs = slice(max(y0, 0), min(y0 + side, h)), slice(max(x0, 0), min(x0 + side, w))
    return ink[ys.start - y0 : ys.stop - y0, xs.start - x0 : xs.stop - x0], (ys, xs)


def _smooth_noise(rng: np.random.Generator, w: int, h: int, cells: int) -> np.ndarray:
    """Zero-mean noise varying over about 1/cells of the image, in about [-1, 1]."""
    coarse = rng.normal(0, 0.5, (cells + 1, cells + 1)).astype(np.float32)
    return np.asarray(Image.fromarray(coarse, "F").resize((w, h), Image.Resampling.BICUBIC), np.float32)


# ------------------------------------------------------------------------------------ the camera


def _to_image(a: np.ndarray) -> Image.Image:
    return Image.fromarray(np.clip(a * 255, 0, 255).round().astype(np.uint8), "RGB")


def _camera_geometry(sheet: Image.Image, where: Placement, offset, turn: float, keystone: float, rng):
    """The part of the sheet the camera sees, turned by up to `turn` degrees and tilted by `keystone`."""
    w, h = where.width, where.height
    if not (turn or keystone):
        return sheet.crop((round(offset[0]), round(offset[1]), round(offset[0]) + w, round(offset[1]) + h))
    angle = math.radians(rng.uniform(-turn, turn))
    cos, sin = math.cos(angle), math.sin(angle)
    cx, cy = offset[0] + w / 2, offset[1] + h / 2
    corners = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float64)
    corners += rng.uniform(-keystone, keystone, (4, 2)) * np.array([w, h])
    dx, dy = corners[:, 0] - w / 2, corners[:, 1] - h / 2
    src = np.stack([cx + cos * dx - sin * dy, cy + sin * dx + cos * dy], axis=1)
    coeffs = _homography([(0, 0), (w, 0), (w, h), (0, h)], src)
    return sheet.transform((w, h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR)


def _homography(dst, src) -> tuple[float, ...]:
    """Pillow's PERSPECTIVE coefficients mapping output points `dst` to input points `src`."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return tuple(float(c) for c in np.linalg.solve(np.array(rows), np.array(rhs)))


def _lighting(condition: str, rng: np.random.Generator, w: int, h: int) -> np.ndarray | None:
    """Illumination over the photo (1 = full light), or None where it is even."""
    if condition not in ("shading", "shadow", "phone"):
        return None
    light = np.ones((h, w), np.float32)
    xs = (np.arange(w, dtype=np.float32) / w - 0.5)[None, :]
    ys = (np.arange(h, dtype=np.float32) / h - 0.5)[:, None]
    if condition in ("shading", "phone"):
        depth = rng.uniform(0.2, 0.5) if condition == "shading" else rng.uniform(0.15, 0.3)
        angle = rng.uniform(0, 2 * math.pi)
        ramp = (math.cos(angle) * xs + math.sin(angle) * ys) / 0.71 * 0.5 + 0.5  # 0..1 across the photo
        light *= 1 - depth * ramp
        light *= 1 - rng.uniform(0.1, 0.3) * (xs * xs + ys * ys) * 2  # vignette: darker corners
    if condition in ("shadow", "phone"):
        # A shadow cast by the phone or a hand: a dark region with a soft edge, here a half-plane.
        angle = rng.uniform(0, 2 * math.pi)
        edge = math.cos(angle) * xs + math.sin(angle) * ys - rng.uniform(-0.2, 0.25)
        softness = rng.uniform(0.02, 0.08)
        inside = 1 / (1 + np.exp(-edge / softness))
        light *= 1 - rng.uniform(0.3, 0.55) * inside
    return light


def _camera_sensor(photo: Image.Image, condition: str, rng: np.random.Generator) -> np.ndarray:
    """Light falling on the sheet, then the lens's blur, the sensor's noise and the phone's JPEG."""
    w, h = photo.size
    light = _lighting(condition, rng, w, h)
    if light is not None:
        photo = _to_image(np.asarray(photo, np.float32) * (light / 255)[..., None])
    sigma_blur = {"blur": rng.uniform(0.004, 0.008), "phone": rng.uniform(0.001, 0.003)}.get(condition, 0.0)
    if sigma_blur:
        photo = photo.filter(ImageFilter.GaussianBlur(sigma_blur * max(w, h)))
    noise = {"noise": rng.uniform(0.06, 0.1), "shadow": 0.02, "texture": 0.015, "phone": 0.03}.get(condition)
    if condition in ("ruled", "squared", "rotated", "perspective"):
        noise = 0.01
    if noise:
        a = np.asarray(photo, np.float32) / 255
        a += rng.standard_normal((h, w, 1), dtype=np.float32) * np.float32(noise)
        if condition == "noise":
            specks = rng.random((h, w), dtype=np.float32) < 0.002  # salt and pepper
            a[specks] = rng.integers(0, 2, (int(specks.sum()), 1)).astype(np.float32)
        photo = _to_image(a)
    if condition == "phone":
        buffer = io.BytesIO()
        photo.save(buffer, "JPEG", quality=int(rng.integers(60, 90)))
        photo = Image.open(buffer).convert("RGB")
    return np.asarray(photo, np.uint8)
