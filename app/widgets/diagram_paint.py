"""How the network diagram (app/widgets/network_diagram.py) is painted, in layers.

Most of the diagram stays the same while the user draws: the titles, the digits of the output and
the frame of the answer, the legend's words, the frames of the maps, the lines between unit cells.
These are painted once into two pictures, kept while the size, palette, font, language and answer
stay the same: one under the maps (the background and every word), one over them (frames and lines,
on a transparent picture). A repaint for a new reading then draws the picture under, the colour
scale, the maps, the picture over, the output's ten values and the unit in focus: a few dozen calls
instead of hundreds. Words and maps never overlap, so the layers give the same pixels as painting
everything in one go.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPalette,
    QPen,
    QPixmap,
)

from app.colormap import COLOR_TABLE
from app.widgets.diagram_layout import MAP_STAGES, SPECS, STAGES, Column, DiagramLayout, UnitRef

LEGEND_HEIGHT = 22.0
FOCUS_COLOR = QColor(245, 158, 11)  # amber: the unit in focus and what feeds it
WINNER_COLOR = QColor(33, 113, 181)


@dataclass(frozen=True)
class Focus:
    """A unit and what feeds it, as the page computed it with the core.

    `window` is (top, left, bottom, right) in every source map (None: the sources are units);
    `field` is the receptive field in the 32x32 input, the same box form.
    """

    unit: UnitRef
    source_stage: str | None
    sources: tuple[int, ...]
    window: tuple[int, int, int, int] | None
    field: tuple[int, int, int, int] | None


@dataclass(frozen=True)
class Look:
    """Everything the unchanging parts of the diagram depend on."""

    width: int
    height: int
    ratio: float  # device pixels per pixel
    palette: QPalette
    font: QFont
    titles: tuple[str, ...]  # one per stage, in the language in use
    legend: str | None  # the legend's line (None: no legend)
    output_kind: str  # under the output's title
    winner: int | None

    def key(self) -> tuple:
        return (
            self.width, self.height, self.ratio, self.palette.cacheKey(), self.font.key(),
            self.titles, self.legend, self.output_kind, self.winner,
        )


def unit_grid(column: Column) -> QRectF:
    """The cells of a unit stage (C5, F6, output), together."""
    spec = SPECS[column.stage]
    grid = QRectF(column.items[0].topLeft(), column.items[-1].bottomRight())
    grid.setWidth(spec.columns * column.items[0].width())
    return grid


class StaticLayers:
    """The two pictures of a diagram's unchanging parts, painted again only when their look changes."""

    def __init__(self) -> None:
        self._under: tuple[tuple, QPixmap] | None = None
        self._over: tuple[tuple, QPixmap] | None = None

    def under(self, look: Look, layout: DiagramLayout) -> QPixmap:
        """The background and every word: titles, the output's digits, the legend's line."""
        key = look.key()
        if self._under is None or self._under[0] != key:
            picture = _picture(look)
            painter = QPainter(picture)
            painter.fillRect(QRectF(0, 0, look.width, look.height), look.palette.window())
            paint_titles(painter, layout, look)
            paint_output_digits(painter, layout, look)
            if look.legend is not None:
                paint_legend_words(painter, look)
            painter.end()
            self._under = (key, picture)
        return self._under[1]

    def over(self, look: Look, layout: DiagramLayout) -> QPixmap:
        """On transparency: the frames of the maps and of the unit grids, the lines between the
        cells, the frame of the answer."""
        key = (look.width, look.height, look.ratio, look.palette.cacheKey(), look.legend is None, look.winner)
        if self._over is None or self._over[0] != key:
            picture = _picture(look)
            picture.fill(Qt.GlobalColor.transparent)
            painter = QPainter(picture)
            paint_frames(painter, layout, look)
            painter.end()
            self._over = (key, picture)
        return self._over[1]


def _picture(look: Look) -> QPixmap:
    picture = QPixmap(max(1, round(look.width * look.ratio)), max(1, round(look.height * look.ratio)))
    picture.setDevicePixelRatio(look.ratio)
    return picture


# == the parts ========================================================================================
def paint_titles(painter: QPainter, layout: DiagramLayout, look: Look) -> None:
    bold = QFont(look.font)
    bold.setBold(True)
    small = QFont(look.font)
    small.setPointSizeF(max(6.5, small.pointSizeF() * 0.85))
    text = look.palette.windowText().color()
    for stage, name in zip(STAGES, look.titles, strict=True):
        title = layout.columns[stage].title
        spec = SPECS[stage]
        painter.setPen(text)
        painter.setFont(bold)
        painter.drawText(QRectF(title.x(), 0, title.width(), 17), Qt.AlignmentFlag.AlignCenter, name)
        shape = f"{spec.count}@{spec.side}×{spec.side}" if stage in MAP_STAGES else str(spec.count)
        if stage == "output" and look.output_kind:
            shape = look.output_kind
        painter.setFont(small)
        painter.setPen(look.palette.placeholderText().color())
        painter.drawText(QRectF(title.x(), 16, title.width(), 16), Qt.AlignmentFlag.AlignCenter, shape)
    painter.setFont(look.font)


def _digit_style(painter: QPainter, look: Look, digit: int) -> None:
    """The answer's digit bold in its colour, the others plain."""
    font = QFont(look.font)
    font.setBold(digit == look.winner)
    painter.setFont(font)
    painter.setPen(WINNER_COLOR if digit == look.winner else look.palette.windowText().color())


def paint_output_digits(painter: QPainter, layout: DiagramLayout, look: Look) -> None:
    """The digit left of each output cell."""
    column = layout.columns["output"]
    for digit, rect in enumerate(column.items):
        label = QRectF(column.block.x(), rect.y(), rect.x() - column.block.x(), rect.height())
        _digit_style(painter, look, digit)
        painter.drawText(label, Qt.AlignmentFlag.AlignCenter, str(digit))
    painter.setFont(look.font)


def paint_output_values(painter: QPainter, layout: DiagramLayout, look: Look, values: np.ndarray) -> None:
    """Each output unit's value, right of its cell, in its digit's style (the answer's last: the font
    is set twice, not ten times)."""
    column = layout.columns["output"]
    order = [d for d in range(len(column.items)) if d != look.winner]
    if look.winner is not None:
        order.append(look.winner)
    for position, digit in enumerate(order):
        if position == 0 or digit == look.winner:
            _digit_style(painter, look, digit)
        rect = column.items[digit]
        value = QRectF(rect.right() + 3, rect.y(), column.block.right() - rect.right(), rect.height())
        painter.drawText(
            value, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, f"{float(values[digit]):.3g}"
        )
    painter.setFont(look.font)


def _legend_bar(look: Look) -> QRectF:
    return QRectF(8, look.height - LEGEND_HEIGHT + 6, min(180.0, look.width / 5), 10)


def paint_legend_bar(painter: QPainter, look: Look) -> None:
    """The colour scale. Painted with every repaint, not kept: a gradient's colours are rounded by
    the picture it is painted on, and an export paints on another kind of picture than the screen."""
    bar = _legend_bar(look)
    gradient = QLinearGradient(bar.topLeft(), bar.topRight())
    for i in range(0, 256, 15):
        gradient.setColorAt(i / 255, QColor.fromRgb(COLOR_TABLE[i]))
    gradient.setColorAt(1.0, QColor.fromRgb(COLOR_TABLE[255]))
    painter.fillRect(bar, gradient)


def paint_legend_words(painter: QPainter, look: Look) -> None:
    bar = _legend_bar(look)
    painter.setPen(look.palette.windowText().color())
    painter.setFont(look.font)
    words = QRectF(bar.right() + 8, bar.y() - 4, look.width - bar.right() - 16, 18)
    elide = Qt.TextElideMode.ElideRight
    line = painter.fontMetrics().elidedText(look.legend or "", elide, int(words.width()))
    painter.drawText(words, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, line)


def paint_frames(painter: QPainter, layout: DiagramLayout, look: Look) -> None:
    frame = look.palette.mid().color()
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for stage in STAGES:
        column = layout.columns[stage]
        if stage in MAP_STAGES:
            painter.setPen(frame)
            for rect in column.items:
                painter.drawRect(rect.adjusted(-0.5, -0.5, 0.5, 0.5))
            continue
        spec = SPECS[stage]
        grid = unit_grid(column)
        cell = column.items[0].width()
        if cell >= 6:  # separate the cells so that each one can be found and hovered
            painter.setPen(QPen(look.palette.window().color(), 1.0))
            for c in range(1, spec.columns):
                x = grid.x() + c * cell
                painter.drawLine(QPointF(x, grid.top()), QPointF(x, grid.bottom()))
            for r in range(1, spec.rows):
                y = grid.y() + r * cell
                painter.drawLine(QPointF(grid.left(), y), QPointF(grid.right(), y))
        painter.setPen(frame)
        painter.drawRect(grid.adjusted(-0.5, -0.5, 0.5, 0.5))
    if look.winner is not None:
        painter.setPen(QPen(WINNER_COLOR, 2.0))
        painter.drawRect(layout.columns["output"].items[look.winner].adjusted(1, 1, -1, -1))


@dataclass(frozen=True)
class FocusShapes:
    """What the focus draws, worked out once per unit in focus (the maps under it change with every
    stroke, the unit does not): the lines to its sources, and the outlines of the frames round the
    field, the sources and the unit. A frame is stroked here, once, and filled when painted: the
    same pixels as drawing it with its pen, without stroking it again for every repaint."""

    lines: tuple[tuple[QPointF, QPointF], ...]
    outlines: tuple[tuple[QPainterPath, QColor], ...]  # in painting order


def _outline(rect: QRectF, pen: QPen) -> QPainterPath:
    path = QPainterPath()
    path.addRect(rect)
    return QPainterPathStroker(pen).createStroke(path)


def focus_shapes(layout: DiagramLayout, focus: Focus) -> FocusShapes:
    target = layout.unit_rect(focus.unit)
    highlights: list[QRectF] = []
    if focus.source_stage is not None:
        source_units = focus.source_stage not in MAP_STAGES
        for source in focus.sources:
            if source_units:
                highlights.append(layout.unit_rect(UnitRef(focus.source_stage, source)))
            elif focus.window is not None:
                highlights.append(layout.window_rect(focus.source_stage, source, focus.window))
    outlines: list[tuple[QPainterPath, QColor]] = []
    if focus.field is not None and focus.unit.stage != "input":
        field = layout.window_rect("input", 0, focus.field)
        outlines.append((_outline(field, QPen(FOCUS_COLOR, 2.0, Qt.PenStyle.DashLine)), FOCUS_COLOR))
    shade = QColor(0, 0, 0, 200)
    for rect in [*highlights, target]:
        outlines.append((_outline(rect, QPen(shade, 3.0)), shade))
        outlines.append((_outline(rect, QPen(FOCUS_COLOR, 1.6)), FOCUS_COLOR))
    lines = tuple((rect.center(), target.center()) for rect in highlights)
    return FocusShapes(lines, tuple(outlines))


def paint_focus(painter: QPainter, shapes: FocusShapes, palette: QPalette) -> None:
    """The unit in focus, the window it reads in each source map, lines to them, and its receptive
    field in the input."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    lines = QColor(palette.windowText().color())
    lines.setAlpha(110)
    painter.setPen(QPen(lines, 1.0))  # thin lines: drawn as lines (Qt has its own way for those)
    for start, end in shapes.lines:
        painter.drawLine(start, end)
    painter.setPen(Qt.PenStyle.NoPen)
    for outline, color in shapes.outlines:
        painter.fillPath(outline, color)
