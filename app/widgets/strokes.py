"""Strokes in canvas-independent coordinates, and the one routine that paints them.

Points are stored as fractions of the canvas side, so the drawing survives window resizes and is
rasterised at a fixed resolution for the network whatever the window size.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

PAPER = QColor(255, 255, 255)
INK = QColor(0, 0, 0)

# Pressure 0..1 -> width factor; a light touch still leaves a visible line, a hard press doubles it.
PRESSURE_MIN_FACTOR = 0.3
PRESSURE_MAX_FACTOR = 1.8


@dataclass
class Stroke:
    width: float  # fraction of the canvas side
    eraser: bool = False
    points: list[QPointF] = field(default_factory=list)  # fractions of the canvas side
    pressures: list[float] | None = None  # one per point when the input device reports pressure
    # side -> (points in it, the smoothed path through them without its last straight piece): a stroke
    # being drawn is painted for every new point, so its path grows instead of being built again.
    _paths: dict[float, tuple[int, QPainterPath]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def add(self, point: QPointF, pressure: float | None = None) -> None:
        if self.points and self.points[-1] == point:
            return  # a repeated point adds nothing but an empty segment
        self.points.append(point)
        if pressure is not None:
            if self.pressures is None:
                self.pressures = [1.0] * (len(self.points) - 1)
            self.pressures.append(pressure)
        elif self.pressures is not None:
            self.pressures.append(self.pressures[-1])


def _pen(color: QColor, width: float) -> QPen:
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def smooth_path(stroke: Stroke, side: float) -> QPainterPath:
    """Quadratic segments through the midpoints: a smooth curve through jittery input."""
    points = stroke.points
    done, path = stroke._paths.get(side, (0, QPainterPath()))
    if done == 0 or done > len(points):  # new, or points taken away: from the start
        done, path = 1, QPainterPath(points[0] * side)
    else:
        path = QPainterPath(path)
    previous = points[done - 1] * side
    for point in points[done:]:
        current = point * side
        path.quadTo(previous, (previous + current) / 2)
        previous = current
    if side not in stroke._paths and len(stroke._paths) >= 2:  # the raster's side and the screen's
        del stroke._paths[next(iter(stroke._paths))]
    stroke._paths[side] = (len(points), path)
    whole = QPainterPath(path)
    whole.lineTo(previous)
    return whole


def paint_stroke(painter: QPainter, stroke: Stroke, side: float, ink: QColor, paper: QColor) -> None:
    """Paint one stroke into a square of `side` pixels whose top-left is the painter's origin."""
    if not stroke.points:
        return
    color = paper if stroke.eraser else ink
    width = max(1.0, stroke.width * side)
    if len(stroke.points) == 1:
        # A tap leaves a dot: a zero-length path would paint nothing.
        factor = _pressure_factor(stroke.pressures[0]) if stroke.pressures else 1.0
        radius = width * factor / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(stroke.points[0] * side, radius, radius)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        return
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if stroke.pressures is None:
        painter.setPen(_pen(color, width))
        painter.drawPath(smooth_path(stroke, side))
        return
    # Pressure varies the width along the stroke; round caps make the segments one smooth line.
    for i in range(1, len(stroke.points)):
        factor = _pressure_factor((stroke.pressures[i - 1] + stroke.pressures[i]) / 2)
        painter.setPen(_pen(color, width * factor))
        painter.drawLine(stroke.points[i - 1] * side, stroke.points[i] * side)


def _pressure_factor(pressure: float) -> float:
    pressure = min(1.0, max(0.0, pressure))
    return PRESSURE_MIN_FACTOR + (PRESSURE_MAX_FACTOR - PRESSURE_MIN_FACTOR) * pressure


class StrokeLayer:
    """Committed strokes painted once into an image, so a long drawing does not slow each repaint."""

    def __init__(self, fmt: QImage.Format) -> None:
        self._format = fmt
        self.image = QImage()

    def rebuild(self, side: int, strokes: list[Stroke]) -> None:
        self.image = QImage(max(1, side), max(1, side), self._format)
        self.image.fill(PAPER)
        for stroke in strokes:
            self.add(stroke)

    def add(self, stroke: Stroke) -> None:
        painter = QPainter(self.image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_stroke(painter, stroke, float(self.image.width()), INK, PAPER)
        painter.end()
