"""Which unit is which: addressing a unit, the part of the input it sees, and the units that feed it.

Both architectures share one geometry (the layer shapes, 5x5 kernels, 2x2 windows with stride 2), so
everything here is pure arithmetic on shapes; only the classic C3's wiring (the paper's Table I)
depends on the architecture. A box is always given in the pixels of one stage's maps, half-open, so
`array[box.top:box.bottom, box.left:box.right]` is exactly the region.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..models import C3_TABLE, STAGES

# One sample's output shape per stage; the same for both architectures.
STAGE_SHAPES: dict[str, tuple[int, ...]] = {
    "input": (1, 32, 32),
    "C1": (6, 28, 28),
    "S2": (6, 14, 14),
    "C3": (16, 10, 10),
    "S4": (16, 5, 5),
    "C5": (120,),
    "F6": (84,),
    "output": (10,),
}
# How a stage reads the one before it: (source stage, window size, stride). C5 is a 5x5 convolution
# over 5x5 maps, so it sits on the spatial chain with a 1x1 output; F6 and the output are fully
# connected.
SPATIAL: dict[str, tuple[str, int, int]] = {
    "C1": ("input", 5, 1),
    "S2": ("C1", 2, 2),
    "C3": ("S2", 5, 1),
    "S4": ("C3", 2, 2),
    "C5": ("S4", 5, 1),
}
FULL: dict[str, str] = {"F6": "C5", "output": "F6"}
MAP_STAGES = ("input", "C1", "S2", "C3", "S4")  # stages whose output is a stack of 2-D maps


@dataclass(frozen=True)
class Box:
    """A rectangle of pixels in one stage's maps: rows [top, bottom), columns [left, right)."""

    top: int
    left: int
    bottom: int
    right: int

    @property
    def height(self) -> int:
        return self.bottom - self.top

    @property
    def width(self) -> int:
        return self.right - self.left

    def contains(self, y: int, x: int) -> bool:
        return self.top <= y < self.bottom and self.left <= x < self.right


@dataclass(frozen=True)
class Unit:
    """One unit of one stage: map `index` at (y, x) for C1/S2/C3/S4, unit `index` for C5/F6/output.

    For C5 (120 maps of 1x1) y and x are 0: it is addressed like F6, by its number.
    """

    stage: str
    index: int
    y: int = 0
    x: int = 0

    def __post_init__(self) -> None:
        if self.stage not in STAGE_SHAPES:
            raise ValueError(f"unknown stage {self.stage!r}; choose one of {', '.join(STAGES)}")
        shape = STAGE_SHAPES[self.stage]
        h, w = (shape[1], shape[2]) if len(shape) == 3 else (1, 1)
        if not (0 <= self.index < shape[0] and 0 <= self.y < h and 0 <= self.x < w):
            raise ValueError(
                f"{self.stage} has no unit ({self.index}, {self.y}, {self.x}); its shape is {shape}"
            )

    def value(self, activations: dict[str, np.ndarray]) -> float:
        """This unit's value in one sample's activations (stage name -> array, as `Prediction` holds)."""
        a = np.asarray(activations[self.stage])
        return float(a[self.index, self.y, self.x] if a.ndim == 3 else a[self.index])


@dataclass(frozen=True)
class Connections:
    """What feeds a unit: the maps (or units) of the source stage, and the window read in each map.

    `sources` are map numbers for a spatial source (input, C1..S4) and unit numbers for C5 and F6;
    `window` is the box read in every source map, None when the source is a vector (F6, output).
    """

    unit: Unit
    source_stage: str
    sources: tuple[int, ...]
    window: Box | None


def source_window(stage: str, box: Box) -> Box:
    """The box of the source stage that the units of `box` in `stage` read, together."""
    _, size, stride = SPATIAL[stage]
    return Box(
        box.top * stride, box.left * stride, (box.bottom - 1) * stride + size, (box.right - 1) * stride + size
    )


def receptive_field(unit: Unit, in_stage: str = "input") -> Box:
    """The region of `in_stage`'s maps (the 32x32 input by default) that can change this unit.

    A C1 unit sees 5x5 input pixels, S2 6x6, C3 14x14, S4 16x16; C5 and everything after it see
    the whole input. `in_stage` must come before the unit's stage and be a map stage.
    """
    order = list(STAGES)
    if in_stage not in MAP_STAGES or order.index(in_stage) >= order.index(unit.stage):
        raise ValueError(f"{unit.stage} has no receptive field in {in_stage!r}")
    stage = unit.stage
    if stage in FULL:  # everything after C5 sees all of C5, hence the whole input
        stage = "C5"
    box = Box(unit.y, unit.x, unit.y + 1, unit.x + 1) if stage == unit.stage else Box(0, 0, 1, 1)
    while stage != in_stage:
        box = source_window(stage, box)
        stage = SPATIAL[stage][0]
    return box


def c3_sources(arch: str, c3_map: int) -> tuple[int, ...]:
    """The S2 maps a C3 map reads: a column of the paper's table (classic), all six (modern)."""
    if arch == "classic":
        return tuple(int(i) for i in np.flatnonzero(C3_TABLE[:, c3_map]))
    return tuple(range(STAGE_SHAPES["S2"][0]))


def connections(unit: Unit, arch: str) -> Connections:
    """The maps or units of the previous stage that feed `unit`, in the given architecture."""
    if unit.stage == "input":
        raise ValueError("the input has no connections: nothing feeds it")
    if unit.stage in FULL:
        source = FULL[unit.stage]
        return Connections(unit, source, tuple(range(STAGE_SHAPES[source][0])), None)
    source, _, _ = SPATIAL[unit.stage]
    window = source_window(unit.stage, Box(unit.y, unit.x, unit.y + 1, unit.x + 1))
    if unit.stage in ("S2", "S4"):
        sources: tuple[int, ...] = (unit.index,)  # subsampling reads its own map only
    elif unit.stage == "C3":
        sources = c3_sources(arch, unit.index)
    else:  # C1 reads the one input map, C5 all 16 S4 maps
        sources = tuple(range(STAGE_SHAPES[source][0]))
    return Connections(unit, source, sources, window)


def sweep_positions(stage: str) -> np.ndarray:
    """(N, 2) array of (y, x): the positions of a kernel or window stepped across `stage`'s maps.

    In reading order (row by row), the order in which a view animates a kernel sliding over its
    input; `connections(Unit(stage, map, y, x), arch).window` is the source region at each step.
    """
    if stage not in SPATIAL:
        raise ValueError(f"{stage} is not computed by a kernel or window stepped across maps")
    shape = STAGE_SHAPES[stage]
    h, w = (shape[1], shape[2]) if len(shape) == 3 else (1, 1)
    ys, xs = np.mgrid[0:h, 0:w]
    return np.stack([ys.ravel(), xs.ravel()], axis=1)
