"""The fixed centres of the classic model's RBF output layer: stylised 7x12 digit bitmaps.

The paper (Section II.B) draws each digit on a 7-wide, 12-high grid and uses the bitmap, with
values -1 (background) and +1 (ink), as the centre of that class's Euclidean RBF unit. The values
sit at the squashing function's points of maximum curvature, so F6 is never pushed into
saturation. The paper does not print its bitmaps; these are our own, drawn so that each pair of
digits differs in many cells (see `min_hamming_distance`). `render()` prints them for a human.
"""

from __future__ import annotations

import numpy as np

WIDTH, HEIGHT = 7, 12

# Each digit is 12 rows of 7 characters; '#' is ink (+1), '.' is background (-1).
BITMAPS: dict[int, tuple[str, ...]] = {
    0: (
        "..###..",
        ".#...#.",
        "#.....#",
        "#.....#",
        "#.....#",
        "#.....#",
        "#.....#",
        "#.....#",
        "#.....#",
        "#.....#",
        ".#...#.",
        "..###..",
    ),
    1: (
        "...#...",
        "..##...",
        ".#.#...",
        "...#...",
        "...#...",
        "...#...",
        "...#...",
        "...#...",
        "...#...",
        "...#...",
        "...#...",
        ".#####.",
    ),
    2: (
        "..###..",
        ".#...#.",
        "#.....#",
        "......#",
        ".....#.",
        "....#..",
        "...#...",
        "..#....",
        ".#.....",
        "#......",
        "#......",
        "#######",
    ),
    3: (
        ".#####.",
        "#.....#",
        "......#",
        "......#",
        ".....#.",
        "..###..",
        ".....#.",
        "......#",
        "......#",
        "......#",
        "#.....#",
        ".#####.",
    ),
    4: (
        ".....#.",
        "....##.",
        "...#.#.",
        "..#..#.",
        ".#...#.",
        "#....#.",
        "#######",
        ".....#.",
        ".....#.",
        ".....#.",
        ".....#.",
        ".....#.",
    ),
    5: (
        "#######",
        "#......",
        "#......",
        "#......",
        "#####..",
        ".....#.",
        "......#",
        "......#",
        "......#",
        "......#",
        "#....#.",
        ".####..",
    ),
    6: (
        "...###.",
        "..#....",
        ".#.....",
        "#......",
        "#......",
        "#.###..",
        "##...#.",
        "#.....#",
        "#.....#",
        "#.....#",
        ".#...#.",
        "..###..",
    ),
    7: (
        "#######",
        "......#",
        ".....#.",
        ".....#.",
        "....#..",
        "....#..",
        "...#...",
        "...#...",
        "..#....",
        "..#....",
        "..#....",
        "..#....",
    ),
    8: (
        "..###..",
        ".#...#.",
        "#.....#",
        "#.....#",
        ".#...#.",
        "..###..",
        ".#...#.",
        "#.....#",
        "#.....#",
        "#.....#",
        ".#...#.",
        "..###..",
    ),
    9: (
        "..###..",
        ".#...#.",
        "#.....#",
        "#.....#",
        "#.....#",
        ".#...##",
        "..###.#",
        "......#",
        "......#",
        ".....#.",
        "....#..",
        ".###...",
    ),
}


def centres() -> np.ndarray:
    """The ten RBF centres, shape (10, 84), values in {-1, +1}, rows flattened row-major (12 x 7)."""
    out = np.empty((10, HEIGHT * WIDTH), dtype=np.float32)
    for digit, rows in BITMAPS.items():
        assert len(rows) == HEIGHT and all(len(r) == WIDTH for r in rows), digit
        out[digit] = [1.0 if c == "#" else -1.0 for c in "".join(rows)]
    return out


def min_hamming_distance() -> int:
    """Fewest cells in which any two digit bitmaps differ (a measure of how separable they are)."""
    c = centres()
    return int(min((c[i] != c[j]).sum() for i in range(10) for j in range(i + 1, 10)))


def render() -> str:
    """All ten bitmaps side by side as text, for tests and documentation."""
    lines = []
    for row in range(HEIGHT):
        lines.append("  ".join(BITMAPS[d][row] for d in range(10)))
    header = "  ".join(f"{d:^7}" for d in range(10))
    return header + "\n" + "\n".join(lines)
