"""The whole network as one diagram: every layer's maps and units from one forward pass, left to right.

Hovering a unit names it (`unit_hovered`); the page works out what feeds it (with the core) and hands
back a `Focus`, which the diagram draws: the unit, the window it reads in each source map, lines to
them, and its receptive field in the input. Clicking a unit asks for its arithmetic (`unit_clicked`).
The diagram itself knows shapes and colours only; it never imports the core.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QImage,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.colormap import COLOR_TABLE, gray_image, indexed_image, layer_limit, to_indices
from app.texts import Retranslating, fill, layer_name
from app.widgets.diagram_layout import MAP_STAGES, SPECS, STAGES, DiagramLayout, UnitRef

TITLE_HEIGHT = 34.0
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


class NetworkDiagram(Retranslating, QWidget):
    unit_hovered = Signal(object)  # UnitRef, or None when the pointer leaves the units
    unit_clicked = Signal(object)  # UnitRef
    stage_hovered = Signal(str)  # the column under the pointer (a title, or a unit)

    def __init__(self, input_range: tuple[float, float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("network_diagram")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(420, 260)
        self._input_range = input_range
        self._values: dict[str, np.ndarray] = {}
        self._limits: dict[str, float] = {}
        self._images: dict[str, list[QImage]] = {}
        self._focus: Focus | None = None
        self._hovered: UnitRef | None = None
        self._winner: int | None = None
        self._output_note = ""
        self._output_kind = ""  # under the output's title: what its values are
        self._legend = True
        self._layout: DiagramLayout | None = None
        self.retranslate()

    # == content ===================================================================================
    def set_layers(self, values: dict[str, np.ndarray] | None) -> None:
        """Every stage's output of one forward pass (stage name -> array); None empties the diagram."""
        self._values, self._limits, self._images = {}, {}, {}
        for stage in STAGES:
            array = None if values is None else values.get(stage)
            if array is None:
                continue
            array = np.asarray(array, dtype=np.float32)
            spec = SPECS[stage]
            if stage == "input":
                grey = gray_image(array.reshape(32, 32), *self._input_range)
                self._images[stage] = [grey]
                self._limits[stage] = float(self._input_range[1])
            else:
                limit = layer_limit(array)
                indices = to_indices(array, limit)
                if stage in MAP_STAGES:
                    self._images[stage] = [indexed_image(m) for m in indices]
                else:  # one image of the unit grid, in reading order
                    padded = np.full(spec.rows * spec.columns, 127, dtype=np.uint8)
                    padded[: indices.size] = indices.reshape(-1)
                    self._images[stage] = [indexed_image(padded.reshape(spec.rows, spec.columns))]
                self._limits[stage] = limit
            self._values[stage] = array
        self.update()

    def values(self, stage: str) -> np.ndarray | None:
        return self._values.get(stage)

    def limit(self, stage: str) -> float:
        return self._limits.get(stage, 1.0)

    def set_winner(self, digit: int | None, note: str = "", kind: str = "") -> None:
        """The output unit that is the answer (framed), what the output values are (`note`, in the
        legend's line; `kind`, two words under the output's title)."""
        self._winner, self._output_note, self._output_kind = digit, note, kind
        self.update()

    def winner(self) -> tuple[int | None, str, str]:
        return self._winner, self._output_note, self._output_kind

    def set_legend_shown(self, shown: bool) -> None:
        """The colour legend under the diagram (one is enough for two diagrams one above the other)."""
        self._legend = shown
        self._layout = None
        self.update()

    def set_focus(self, focus: Focus | None) -> None:
        if focus != self._focus:
            self._focus = focus
            self.update()

    def focus(self) -> Focus | None:
        return self._focus

    # == geometry ==================================================================================
    def diagram_layout(self) -> DiagramLayout:
        layout = self._layout
        if layout is None or (layout.width, layout.height) != (self.width(), self.height()):
            bottom = LEGEND_HEIGHT if self._legend else 4.0
            layout = self._layout = DiagramLayout(self.width(), self.height(), TITLE_HEIGHT, bottom)
        return layout

    def unit_center(self, unit: UnitRef) -> QPointF:
        """Where a unit is on screen (widget coordinates): the tests and tools point there."""
        return self.diagram_layout().unit_rect(unit).center()

    def field_rect(self) -> QRectF | None:
        """The receptive field of the unit in focus, as drawn on the input (widget coordinates)."""
        if self._focus is None or self._focus.field is None:
            return None
        return self.diagram_layout().window_rect("input", 0, self._focus.field)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(820, 460)

    # == painting ==================================================================================
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        layout = self.diagram_layout()
        painter = QPainter(self)
        text = self.palette().windowText().color()
        frame = self.palette().mid().color()
        self._paint_titles(painter, layout, text)
        for stage in STAGES:
            column = layout.columns[stage]
            images = self._images.get(stage)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            if stage in MAP_STAGES:
                for i, rect in enumerate(column.items):
                    if images:
                        painter.drawImage(rect, images[i])
                    painter.setPen(frame)
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRect(rect.adjusted(-0.5, -0.5, 0.5, 0.5))
            else:
                self._paint_units(painter, layout, stage, images, frame, text)
        if self._legend:
            self._paint_legend(painter, text)
        if self._focus is not None:
            self._paint_focus(painter, layout, self._focus)
        painter.end()

    def _paint_titles(self, painter: QPainter, layout: DiagramLayout, text: QColor) -> None:
        bold = QFont(self.font())
        bold.setBold(True)
        small = QFont(self.font())
        small.setPointSizeF(max(6.5, small.pointSizeF() * 0.85))
        for stage in STAGES:
            title = layout.columns[stage].title
            spec = SPECS[stage]
            painter.setPen(text)
            painter.setFont(bold)
            painter.drawText(
                QRectF(title.x(), 0, title.width(), 17), Qt.AlignmentFlag.AlignCenter, layer_name(stage)
            )
            shape = f"{spec.count}@{spec.side}×{spec.side}" if stage in MAP_STAGES else str(spec.count)
            if stage == "output" and self._output_kind:
                shape = self._output_kind
            painter.setFont(small)
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(QRectF(title.x(), 16, title.width(), 16), Qt.AlignmentFlag.AlignCenter, shape)
        painter.setFont(self.font())

    def _paint_units(
        self,
        painter: QPainter,
        layout: DiagramLayout,
        stage: str,
        images: list[QImage] | None,
        frame: QColor,
        text: QColor,
    ) -> None:
        column = layout.columns[stage]
        spec = SPECS[stage]
        grid = QRectF(column.items[0].topLeft(), column.items[-1].bottomRight())
        grid.setWidth(spec.columns * column.items[0].width())
        if images:
            painter.drawImage(grid, images[0])
        cell = column.items[0].width()
        if cell >= 6:  # separate the cells so that each one can be found and hovered
            painter.setPen(QPen(self.palette().window().color(), 1.0))
            for c in range(1, spec.columns):
                x = grid.x() + c * cell
                painter.drawLine(QPointF(x, grid.top()), QPointF(x, grid.bottom()))
            for r in range(1, spec.rows):
                y = grid.y() + r * cell
                painter.drawLine(QPointF(grid.left(), y), QPointF(grid.right(), y))
        painter.setPen(frame)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(grid.adjusted(-0.5, -0.5, 0.5, 0.5))
        if stage != "output":
            return
        values = self._values.get("output")
        for digit, rect in enumerate(column.items):
            label = QRectF(column.block.x(), rect.y(), rect.x() - column.block.x(), rect.height())
            font = QFont(self.font())
            font.setBold(digit == self._winner)
            painter.setFont(font)
            painter.setPen(WINNER_COLOR if digit == self._winner else text)
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, str(digit))
            if values is not None:
                value = QRectF(rect.right() + 3, rect.y(), column.block.right() - rect.right(), rect.height())
                painter.drawText(
                    value,
                    Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                    f"{float(values[digit]):.3g}",
                )
            if digit == self._winner:
                painter.setPen(QPen(WINNER_COLOR, 2.0))
                painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.setFont(self.font())

    def _paint_legend(self, painter: QPainter, text: QColor) -> None:
        bar = QRectF(8, self.height() - LEGEND_HEIGHT + 6, min(180.0, self.width() / 5), 10)
        gradient = QLinearGradient(bar.topLeft(), bar.topRight())
        for i in range(0, 256, 15):
            gradient.setColorAt(i / 255, QColor.fromRgb(COLOR_TABLE[i]))
        gradient.setColorAt(1.0, QColor.fromRgb(COLOR_TABLE[255]))
        painter.fillRect(bar, gradient)
        painter.setPen(text)
        words = QRectF(bar.right() + 8, bar.y() - 4, self.width() - bar.right() - 16, 18)
        line = self._legend_text
        if self._output_note:
            line += "   ·   " + self._output_note
        line = painter.fontMetrics().elidedText(line, Qt.TextElideMode.ElideRight, int(words.width()))
        painter.drawText(words, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, line)

    def _paint_focus(self, painter: QPainter, layout: DiagramLayout, focus: Focus) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        target = layout.unit_rect(focus.unit)
        lines = QColor(self.palette().windowText().color())
        lines.setAlpha(110)
        highlights: list[QRectF] = []
        if focus.source_stage is not None:
            source_units = focus.source_stage not in MAP_STAGES
            painter.setPen(QPen(lines, 1.0))
            for source in focus.sources:
                if source_units:
                    rect = layout.unit_rect(UnitRef(focus.source_stage, source))
                elif focus.window is not None:
                    rect = layout.window_rect(focus.source_stage, source, focus.window)
                else:
                    continue
                painter.drawLine(rect.center(), target.center())
                highlights.append(rect)
        if focus.field is not None and focus.unit.stage != "input":
            field = layout.window_rect("input", 0, focus.field)
            painter.setPen(QPen(FOCUS_COLOR, 2.0, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(field)
        for rect in [*highlights, target]:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(0, 0, 0, 200), 3.0))
            painter.drawRect(rect)
            painter.setPen(QPen(FOCUS_COLOR, 1.6))
            painter.drawRect(rect)

    # == interaction ===============================================================================
    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        point = event.position()
        unit = self.diagram_layout().unit_at(point)
        if unit != self._hovered:
            self._hovered = unit
            self.unit_hovered.emit(unit)
        stage = unit.stage if unit is not None else self.diagram_layout().stage_at(point)
        if stage is not None:
            self.stage_hovered.emit(stage)
        self.setCursor(Qt.CursorShape.PointingHandCursor if unit is not None else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if self._hovered is not None:
            self._hovered = None
            self.unit_hovered.emit(None)
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        unit = self.diagram_layout().unit_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and unit is not None and unit.stage != "input":
            self.unit_clicked.emit(unit)
        super().mouseReleaseEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            help_event: QHelpEvent = event  # type: ignore[assignment]
            unit = self.diagram_layout().unit_at(QPointF(help_event.pos()))
            text = self.describe(unit) if unit is not None else self.toolTip()
            if text:
                QToolTip.showText(help_event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def describe(self, unit: UnitRef) -> str:
        """The hover text of a unit: where it is and its value."""
        values = self._values.get(unit.stage)
        if unit.stage in MAP_STAGES:
            where = fill(
                self.tr("%1 map %2, row %3, column %4"),
                layer_name(unit.stage),
                unit.index + 1,
                unit.y + 1,
                unit.x + 1,
            )
            value = (
                None
                if values is None
                else float(values.reshape(-1, *values.shape[-2:])[unit.index, unit.y, unit.x])
            )
        else:
            label = str(unit.index) if unit.stage == "output" else str(unit.index + 1)
            where = fill(self.tr("%1 unit %2"), layer_name(unit.stage), label)
            value = None if values is None else float(values.reshape(-1)[unit.index])
        lines = [where if value is None else f"{where}: {value:.4g}"]
        if unit.stage != "input":
            lines.append(self.tr("Click to see how it is computed"))
        return "\n".join(lines)

    def retranslate(self) -> None:
        self._legend_text = self.tr("blue −max · white 0 · red +max, each layer on its own scale")
        self.setToolTip(
            self.tr(
                "Hover a unit to see what feeds it and what it sees of your drawing; click it"
                " for its arithmetic"
            )
        )
        self.update()
