"""From a digit image back to pen strokes: thin the ink to a one-pixel skeleton, then trace it.

MNIST holds images, not pen movements. To redraw its digits the way people draw on a canvas (a round
pen of any width, a tablet that keeps only a few points, a finger), each digit is thinned (Zhang and
Suen's algorithm, on whole batches at once through a table of the 256 neighbourhoods) and the skeleton
is traced into ordered polylines: start at the top-left loose end, go straight on through crossings,
lift the pen when a line ends. That is roughly the order people write in, which matters when a
tablet joins all strokes of a digit into one line.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image

# Neighbours P2..P9 of Zhang and Suen: north, then clockwise. (dy, dx)
_RING = ((-1, 0), (-1, 1), (0, 1), (1, 1), (1, 0), (1, -1), (0, -1), (-1, -1))


def _tables() -> tuple[np.ndarray, np.ndarray]:
    first = np.zeros(256, dtype=bool)
    second = np.zeros(256, dtype=bool)
    for code in range(256):
        p = [(code >> k) & 1 for k in range(8)]  # p[0] = P2 ... p[7] = P9
        count = sum(p)
        transitions = sum(1 for k in range(8) if p[k] == 0 and p[(k + 1) % 8] == 1)
        if not (2 <= count <= 6 and transitions == 1):
            continue
        p2, p4, p6, p8 = p[0], p[2], p[4], p[6]
        first[code] = p2 * p4 * p6 == 0 and p4 * p6 * p8 == 0
        second[code] = p2 * p4 * p8 == 0 and p2 * p6 * p8 == 0
    return first, second


_FIRST, _SECOND = _tables()


def thin(mask: np.ndarray) -> np.ndarray:
    """Zhang-Suen thinning of a boolean (H, W) or (N, H, W) mask to one-pixel-wide lines."""
    single = mask.ndim == 2
    m = np.pad(np.asarray(mask, dtype=bool)[None] if single else np.asarray(mask, dtype=bool),
               ((0, 0), (1, 1), (1, 1)))
    h, w = m.shape[1] - 2, m.shape[2] - 2
    while True:
        changed = False
        for table in (_FIRST, _SECOND):
            code = np.zeros((m.shape[0], h, w), dtype=np.uint8)
            for bit, (dy, dx) in enumerate(_RING):
                code |= m[:, 1 + dy : 1 + dy + h, 1 + dx : 1 + dx + w].astype(np.uint8) << bit
            inner = m[:, 1:-1, 1:-1]
            delete = inner & table[code]
            if delete.any():
                # Never let a small blob (a dot) vanish whole: a pixel whose neighbours all go too stays.
                survivors = np.pad(inner & ~delete, ((0, 0), (1, 1), (1, 1)))
                near = np.zeros_like(delete)
                for dy, dx in _RING:
                    near |= survivors[:, 1 + dy : 1 + dy + h, 1 + dx : 1 + dx + w]
                delete &= near
                if delete.any():
                    inner[delete] = False
                    changed = True
        if not changed:
            break
    out = m[:, 1:-1, 1:-1]
    return out[0] if single else out


def skeletonise_digits(images: np.ndarray, upscale: int = 2, threshold: float = 0.4) -> np.ndarray:
    """Skeletons of grey digit images (N, H, W) uint8 or float, ink bright, at `upscale` x resolution."""
    images = np.asarray(images)
    scale = 255.0 if images.dtype == np.uint8 else 1.0
    n, h, w = images.shape
    big = np.empty((n, h * upscale, w * upscale), dtype=bool)
    for i in range(n):
        im = Image.fromarray(np.asarray(images[i], dtype=np.float32) / scale, mode="F")
        big[i] = np.asarray(im.resize((w * upscale, h * upscale), Image.Resampling.BILINEAR)) > threshold
    return thin(big)


def trace(skeleton: np.ndarray, min_spur: float = 4.0, smooth: int = 2) -> list[np.ndarray]:
    """Ordered pen strokes, each an (K, 2) array of (x, y) pixel coordinates, from a skeleton (H, W).

    Short side branches (spurs under `min_spur` pixels, thinning artefacts) are dropped, and each
    stroke is smoothed by a moving average over `smooth` pixels on either side.
    """
    ys, xs = np.nonzero(skeleton)
    if len(ys) == 0:
        return []
    h, w = skeleton.shape
    padded = np.pad(skeleton.astype(bool), 1)
    ids = -np.ones((h + 2, w + 2), dtype=np.int64)
    ids[ys + 1, xs + 1] = np.arange(len(ys))

    def at(dy: int, dx: int) -> np.ndarray:
        return padded[ys + 1 + dy, xs + 1 + dx]

    columns = []
    for dy, dx in _RING:
        present = at(dy, dx)
        if dy and dx:
            # A diagonal step that a horizontal-then-vertical path also makes is redundant: without
            # dropping it, every staircase would look like a crossing.
            present = present & ~at(dy, 0) & ~at(0, dx)
        columns.append(np.where(present, ids[ys + 1 + dy, xs + 1 + dx], -1))
    table = np.stack(columns, axis=1).tolist()
    adjacency = [[n for n in row if n >= 0] for row in table]
    points = np.stack([xs, ys], axis=1).astype(np.float64)
    edges = _edges(adjacency)
    edges = _prune_spurs(edges, adjacency, points, min_spur)
    strokes = _order(edges, points)
    return [_smooth(points[s], smooth) for s in strokes]


def _edges(adjacency: list[list[int]]) -> list[list[int]]:
    """Paths between pixels that are not simple line pixels (ends, crossings); loops as closed paths."""
    degree = [len(a) for a in adjacency]
    seen: set[tuple[int, int]] = set()
    edges: list[list[int]] = []

    def walk(start: int, nxt: int) -> list[int]:
        path = [start, nxt]
        seen.add((start, nxt))
        seen.add((nxt, start))
        prev, cur = start, nxt
        while degree[cur] == 2 and cur != start:
            a, b = adjacency[cur]
            step = b if a == prev else a
            if (cur, step) in seen:
                break
            seen.add((cur, step))
            seen.add((step, cur))
            path.append(step)
            prev, cur = cur, step
        return path

    for node in range(len(adjacency)):
        if degree[node] != 2:
            for nbr in adjacency[node]:
                if (node, nbr) not in seen:
                    edges.append(walk(node, nbr))
    for node in range(len(adjacency)):  # closed loops without any crossing (a 0, an O)
        for nbr in adjacency[node]:
            if (node, nbr) not in seen:
                edges.append(walk(node, nbr))
        if degree[node] == 0:
            edges.append([node])
    return edges


def _length(path: list[int], points: np.ndarray) -> float:
    return float(np.linalg.norm(np.diff(points[path], axis=0), axis=1).sum()) if len(path) > 1 else 0.0


def _prune_spurs(
    edges: list[list[int]], adjacency: list[list[int]], points: np.ndarray, min_spur: float
) -> list[list[int]]:
    degree = [len(a) for a in adjacency]
    kept = []
    for e in edges:
        loose = (degree[e[0]] == 1) != (degree[e[-1]] == 1)  # one loose end, the other at a crossing
        if loose and _length(e, points) < min_spur:
            continue
        kept.append(e)
    return kept or edges


def _direction(points: np.ndarray, path: list[int], at_end: bool, reach: int = 5) -> np.ndarray:
    seg = path[-reach - 1 :] if at_end else path[reach::-1]
    d = points[seg[-1]] - points[seg[0]]
    n = float(np.hypot(*d))
    return d / n if n > 0 else d


def _order(edges: list[list[int]], points: np.ndarray) -> list[list[int]]:
    """Chain edges into strokes: start top-left, go straight on through crossings, lift at dead ends."""
    ends: dict[int, list[int]] = {}
    for i, e in enumerate(edges):
        ends.setdefault(e[0], []).append(i)
        ends.setdefault(e[-1], []).append(i)
    used = [False] * len(edges)
    strokes: list[list[int]] = []
    while not all(used):
        # Start where a hand would: a loose end near the top left (loose ends before loops).
        best: tuple[float, int, bool] | None = None
        for i, e in enumerate(edges):
            if used[i]:
                continue
            for reverse, p in ((False, e[0]), (True, e[-1])):
                loose = sum(not used[j] for j in ends[p]) <= 1
                x, y = points[p]
                score = y + 0.5 * x - (1000.0 if loose else 0.0)
                if best is None or score < best[0]:
                    best = (score, i, reverse)
        assert best is not None
        _, i, reverse = best
        stroke = list(reversed(edges[i])) if reverse else list(edges[i])
        used[i] = True
        while True:
            here = stroke[-1]
            heading = _direction(points, stroke, at_end=True)
            choice: tuple[float, int, bool] | None = None
            for j in ends.get(here, []):
                if used[j]:
                    continue
                e = edges[j]
                rev = e[0] != here
                out = _direction(points, list(reversed(e)) if rev else e, at_end=False)
                turn = float(heading @ out)
                if choice is None or turn > choice[0]:
                    choice = (turn, j, rev)
            if choice is None or choice[0] < -0.3:  # nothing left here, or only a sharp turn back
                break
            _, j, rev = choice
            used[j] = True
            stroke += (list(reversed(edges[j])) if rev else edges[j])[1:]
        strokes.append(stroke)
    return strokes


def _smooth(pts: np.ndarray, radius: int) -> np.ndarray:
    if radius <= 0 or len(pts) < 3:
        return pts
    closed = len(pts) > 3 and math.dist(pts[0], pts[-1]) < 1.5
    k = np.ones(2 * radius + 1) / (2 * radius + 1)
    if closed:
        ext = np.concatenate([pts[-radius - 1 : -1], pts, pts[1 : radius + 1]])
        return np.stack([np.convolve(ext[:, i], k, mode="valid") for i in (0, 1)], axis=1)
    ext = np.concatenate([np.repeat(pts[:1], radius, 0), pts, np.repeat(pts[-1:], radius, 0)])
    out = np.stack([np.convolve(ext[:, i], k, mode="valid") for i in (0, 1)], axis=1)
    out[0], out[-1] = pts[0], pts[-1]
    return out
