"""The whole network as one diagram: every layer's maps and units from one forward pass, left to right.

Hovering a unit names it (`unit_hovered`); the page works out what feeds it (with the core) and hands
back a `Focus`, which the diagram draws: the unit, the window it reads in each source map, lines to
them, and its receptive field in the input. Clicking a unit asks for its arithmetic (`unit_clicked`).
The diagram itself knows shapes and colours only; it never imports the core.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QHelpEvent, QImage, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.colormap import gray_image, indexed_image, layer_limit, to_indices
from app.texts import Retranslating, fill, layer_name
from app.widgets.diagram_layout import MAP_STAGES, SPECS, STAGES, DiagramLayout, UnitRef
from app.widgets.diagram_paint import (
    LEGEND_HEIGHT,
    Focus,
    FocusShapes,
    Look,
    StaticLayers,
    focus_shapes,
    paint_focus,
    paint_legend_bar,
    paint_output_values,
    unit_grid,
)

__all__ = ["Focus", "NetworkDiagram"]

TITLE_HEIGHT = 34.0


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
        # Every pixel is painted here, the window's background included (app/widgets/diagram_paint.py):
        # nothing under the diagram needs painting first.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._input_range = input_range
        self._values: dict[str, np.ndarray] = {}
        self._limits: dict[str, float] = {}
        self._images: dict[str, QImage] = {}  # per stage; maps one under the other
        self._focus: Focus | None = None
        self._focus_shapes: tuple[DiagramLayout, FocusShapes] | None = None  # for this layout
        self._hovered: UnitRef | None = None
        self._winner: int | None = None
        self._output_note = ""
        self._output_kind = ""  # under the output's title: what its values are
        self._legend = True
        self._layout: DiagramLayout | None = None
        self._static = StaticLayers()
        self.retranslate()

    # == content ===================================================================================
    def set_layers(self, values: dict[str, np.ndarray] | None) -> None:
        """Every stage's output of one forward pass (stage name -> array); None empties the diagram."""
        had_layers = bool(self._images)
        self._values, self._limits, self._images = {}, {}, {}
        for stage in STAGES:
            array = None if values is None else values.get(stage)
            if array is None:
                continue
            array = np.asarray(array, dtype=np.float32)
            spec = SPECS[stage]
            if stage == "input":
                self._images[stage] = gray_image(array.reshape(32, 32), *self._input_range)
                self._limits[stage] = float(self._input_range[1])
            else:
                limit = layer_limit(array)
                indices = to_indices(array, limit)
                if stage in MAP_STAGES:  # the maps one under the other, in one image
                    self._images[stage] = indexed_image(indices.reshape(-1, spec.side))
                else:  # one image of the unit grid, in reading order
                    padded = np.full(spec.rows * spec.columns, 127, dtype=np.uint8)
                    padded[: indices.size] = indices.reshape(-1)
                    self._images[stage] = indexed_image(padded.reshape(spec.rows, spec.columns))
                self._limits[stage] = limit
            self._values[stage] = array
        if had_layers or self._images:
            # The whole widget: under a clip of several rects Qt samples enlarged images differently.
            self.update()

    def values(self, stage: str) -> np.ndarray | None:
        return self._values.get(stage)

    def limit(self, stage: str) -> float:
        return self._limits.get(stage, 1.0)

    def map_images(self, stage: str) -> list[QImage]:
        """The pictures of a stage as painted: one per map, or one of all the unit cells."""
        image = self._images.get(stage)
        if image is None:
            return []
        if stage not in MAP_STAGES:
            return [image]
        side = SPECS[stage].side
        return [image.copy(0, i * side, side, side) for i in range(image.height() // side)]

    def set_winner(self, digit: int | None, note: str = "", kind: str = "") -> None:
        """The output unit that is the answer (framed), what the output values are (`note`, in the
        legend's line; `kind`, two words under the output's title)."""
        if (digit, note, kind) != (self._winner, self._output_note, self._output_kind):
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
            self._focus, self._focus_shapes = focus, None
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
    def look(self) -> Look:
        """What the unchanging parts of the picture depend on."""
        legend = None
        if self._legend:
            legend = self._legend_text + ("   ·   " + self._output_note if self._output_note else "")
        return Look(
            self.width(), self.height(), self.devicePixelRatioF(), self.palette(), self.font(),
            self._titles, legend, self._output_kind, self._winner,
        )

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        layout = self.diagram_layout()
        look = self.look()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._static.under(look, layout))  # the background and the words
        if look.legend is not None:
            paint_legend_bar(painter, look)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)  # sharp map pixels
        for stage in STAGES:
            image = self._images.get(stage)
            if image is None:
                continue
            column = layout.columns[stage]
            if stage in MAP_STAGES:
                side = SPECS[stage].side
                for i, rect in enumerate(column.items):
                    painter.drawImage(rect, image, QRectF(0, i * side, side, side))
            else:
                painter.drawImage(unit_grid(column), image)
        painter.drawPixmap(0, 0, self._static.over(look, layout))  # frames and lines
        values = self._values.get("output")
        if values is not None:
            paint_output_values(painter, layout, look, values)
        if self._focus is not None:
            if self._focus_shapes is None or self._focus_shapes[0] is not layout:
                self._focus_shapes = (layout, focus_shapes(layout, self._focus))
            paint_focus(painter, self._focus_shapes[1], self.palette())
        painter.end()

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
        self._titles = tuple(layer_name(stage) for stage in STAGES)
        self._legend_text = self.tr("blue −max · white 0 · red +max, each layer on its own scale")
        self.setToolTip(
            self.tr(
                "Hover a unit to see what feeds it and what it sees of your drawing; click it"
                " for its arithmetic"
            )
        )
        self.update()
