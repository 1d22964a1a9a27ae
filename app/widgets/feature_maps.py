"""Every layer's activations, live: C1-S4 as grids of maps, C5, F6 and the output as strips.

One `LayerPanel` paints all the maps of one layer itself (one widget per layer, not per map, keeps a
repaint cheap). All maps of a layer share one colour range, so they can be compared with each other.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QImage, QLinearGradient, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QVBoxLayout, QWidget

from app.colormap import COLOR_TABLE, indexed_image, layer_limit, to_indices
from app.texts import Retranslating, fill, layer_name

GAP = 3  # pixels between maps
TITLE_HEIGHT = 18
STRIP_HEIGHT = 14


class LayerPanel(QWidget):
    """The maps of one stage. Grids: (n, h, w) activations; strips: (n,) vectors."""

    map_clicked = Signal(str, int)  # stage, map index

    def __init__(self, stage: str, columns: int, strip: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"panel_{stage}")
        self.stage = stage
        self._columns = columns
        self._strip = strip
        self._maps: np.ndarray | None = None  # (n, h, w); strips are stored as (1, 1, n)
        self._limit = 1.0
        self._images: list[QImage] = []
        self._caption = ""
        self._cell_labels: list[str] | None = None
        self._connections: np.ndarray | None = None  # (inputs, maps) bool, for the classic C3
        self._hovered: int | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setCursor(Qt.CursorShape.PointingHandCursor if not strip else Qt.CursorShape.ArrowCursor)

    # -- content ---------------------------------------------------------------------------------
    def set_maps(self, values: np.ndarray | None) -> None:
        """Show new activations (one layer of one forward pass); None empties the panel."""
        if values is None:
            self._maps = None
            self._images = []
        else:
            values = np.asarray(values, dtype=np.float32)
            self._limit = layer_limit(values)
            indices = to_indices(values, self._limit)
            if self._strip:
                self._maps = values.reshape(1, 1, -1)
                self._images = [indexed_image(indices.reshape(1, -1))]
            else:
                self._maps = values
                self._images = [indexed_image(m) for m in indices]
        self.updateGeometry()
        self.update()

    def maps(self) -> np.ndarray | None:
        """The activations shown: (n, h, w) for grids, (n,) for strips."""
        if self._maps is None:
            return None
        return self._maps.reshape(-1) if self._strip else self._maps

    def images(self) -> list[QImage]:
        return list(self._images)

    def limit(self) -> float:
        return self._limit


    def set_caption(self, caption: str) -> None:
        self._caption = caption
        self.update()

    def set_cell_labels(self, labels: list[str] | None) -> None:
        """Labels drawn on a strip's cells (the output layer's digits)."""
        self._cell_labels = labels
        self.update()

    def set_connections(self, table: np.ndarray | None) -> None:
        self._connections = table

    # -- geometry --------------------------------------------------------------------------------
    def _count(self) -> int:
        if self._maps is None:
            return self._columns
        return self._maps.shape[2] if self._strip else self._maps.shape[0]

    def _rows(self) -> int:
        return 1 if self._strip else max(1, math.ceil(self._count() / self._columns))

    def _tile(self, width: int) -> float:
        return max(4.0, (width - GAP * (self._columns - 1)) / self._columns)

    def _strip_height(self) -> int:
        return STRIP_HEIGHT + (12 if self._cell_labels else 0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        if self._strip:
            return TITLE_HEIGHT + self._strip_height()
        rows = self._rows()
        return int(TITLE_HEIGHT + rows * self._tile(width) + (rows - 1) * GAP)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(360, self.heightForWidth(360))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(120, self.heightForWidth(120))

    def cell_rect(self, index: int) -> QRectF:
        """Where map `index` (or strip cell `index`) is painted, in widget coordinates."""
        if self._strip:
            cell = self.width() / max(1, self._count())
            return QRectF(index * cell, TITLE_HEIGHT, cell, self._strip_height())
        tile = self._tile(self.width())
        row, col = divmod(index, self._columns)
        return QRectF(col * (tile + GAP), TITLE_HEIGHT + row * (tile + GAP), tile, tile)

    def index_at(self, pos: QPoint) -> int | None:
        for index in range(self._count() if self._maps is not None else 0):
            if self.cell_rect(index).contains(pos.toPointF()):
                return index
        return None

    # -- painting --------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)  # sharp pixels
        text = self.palette().windowText().color()
        painter.setPen(text)
        painter.drawText(QRectF(0, 0, self.width(), TITLE_HEIGHT), Qt.AlignmentFlag.AlignLeft, self._title())
        frame = self.palette().mid().color()
        if self._maps is None:
            painter.setPen(frame)
            for index in range(self._count() if not self._strip else 1):
                rect = (
                    self.cell_rect(index)
                    if not self._strip
                    else QRectF(0, TITLE_HEIGHT, self.width(), STRIP_HEIGHT)
                )
                painter.drawRect(rect.adjusted(0, 0, -1, -1))
        elif self._strip:
            strip = QRectF(0, TITLE_HEIGHT, self.width(), STRIP_HEIGHT)
            painter.drawImage(strip, self._images[0])
            if self._cell_labels:
                painter.setPen(text)
                for index, label in enumerate(self._cell_labels):
                    rect = self.cell_rect(index)
                    painter.drawText(
                        QRectF(rect.x(), TITLE_HEIGHT + STRIP_HEIGHT, rect.width(), 12),
                        Qt.AlignmentFlag.AlignCenter,
                        label,
                    )
            if self._hovered is not None:
                painter.setPen(QColor(0, 0, 0))
                rect = self.cell_rect(self._hovered)
                painter.drawRect(
                    QRectF(rect.x(), TITLE_HEIGHT, rect.width(), STRIP_HEIGHT).adjusted(0, 0, -1, -1)
                )
        else:
            for index, image in enumerate(self._images):
                painter.drawImage(self.cell_rect(index), image)
            if self._hovered is not None:
                painter.setPen(QColor(0, 0, 0))
                painter.drawRect(self.cell_rect(self._hovered).adjusted(-1, -1, 0, 0))
        painter.end()

    def _title(self) -> str:
        if self._maps is None:
            return f"{layer_name(self.stage)}  {self._caption}".rstrip()
        if self._strip:
            shape = f"{self._count()}"
        else:
            n, h, w = self._maps.shape
            shape = fill(self.tr("%1 maps %2×%3"), str(n), str(h), str(w))
        scale = f"±{self._limit:.3g}"
        return "  ".join(part for part in (layer_name(self.stage), shape, scale, self._caption) if part)

    # -- interaction -----------------------------------------------------------------------------
    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        hovered = self.index_at(event.position().toPoint())
        if hovered != self._hovered:
            self._hovered = hovered
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if self._hovered is not None:
            self._hovered = None
            self.update()
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        index = self.index_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and index is not None and not self._strip:
            self.map_clicked.emit(self.stage, index)
        super().mouseReleaseEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            help_event: QHelpEvent = event  # type: ignore[assignment]
            index = self.index_at(help_event.pos())
            if index is None:
                QToolTip.hideText()
                if self.toolTip():
                    QToolTip.showText(help_event.globalPos(), self.toolTip(), self)
            else:
                QToolTip.showText(help_event.globalPos(), self.describe(index), self)
            return True
        return super().event(event)

    def describe(self, index: int) -> str:
        """The hover text of one map: layer, index, shape and value range (and C3's inputs)."""
        if self._maps is None:
            return ""
        if self._strip:
            value = float(self._maps.reshape(-1)[index])
            # Units and maps are counted from 1 for people (the output's cells are the digits 0-9).
            label = self._cell_labels[index] if self._cell_labels else str(index + 1)
            return (
                fill(self.tr("%1 unit %2: %3"), layer_name(self.stage), label, f"{value:.4g}")
            )
        values = self._maps[index]
        lines = [
            fill(self.tr("%1 map %2 of %3"), self.stage, str(index + 1), str(self._maps.shape[0])),
            fill(self.tr("shape %1×%2"), str(values.shape[0]), str(values.shape[1])),
            fill(self.tr("values %1 … %2"), f"{float(values.min()):.3g}", f"{float(values.max()):.3g}"),
        ]
        if self._connections is not None and index < self._connections.shape[1]:
            inputs = ", ".join(str(i + 1) for i in np.flatnonzero(self._connections[:, index]))
            lines.append(fill(self.tr("fed by S2 maps %1"), inputs))
        lines.append(self.tr("click to enlarge with its kernels"))
        return "\n".join(lines)


class ColorLegend(QWidget):
    """The colour map with its meaning: each layer is scaled to ± its own largest absolute value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        self.setMinimumHeight(36)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(300, 36)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        bar = QRectF(0, 0, self.width(), 12)
        gradient = QLinearGradient(bar.topLeft(), bar.topRight())
        for i in range(0, 256, 15):
            gradient.setColorAt(i / 255, QColor.fromRgb(COLOR_TABLE[i]))
        gradient.setColorAt(1.0, QColor.fromRgb(COLOR_TABLE[255]))
        painter.fillRect(bar, gradient)
        painter.setPen(self.palette().windowText().color())
        labels = QRectF(0, 14, self.width(), 20)
        painter.drawText(labels, Qt.AlignmentFlag.AlignLeft, self.tr("−max (negative)"))
        painter.drawText(labels, Qt.AlignmentFlag.AlignHCenter, self.tr("0"))
        painter.drawText(labels, Qt.AlignmentFlag.AlignRight, self.tr("+max (positive)"))
        painter.end()


class FeatureMapsView(Retranslating, QWidget):
    """All panels of one forward pass, plus the legend; adapts its captions to the model."""

    map_clicked = Signal(str, int)

    GRIDS = (("C1", 6), ("S2", 6), ("C3", 8), ("S4", 8))
    STRIPS = ("C5", "F6", "output")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feature_maps")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(6)
        self._panels: dict[str, LayerPanel] = {}
        for stage, columns in self.GRIDS:
            self._add(LayerPanel(stage, columns), layout)
        for stage in self.STRIPS:
            self._add(LayerPanel(stage, 10, strip=True), layout)
        self.legend = ColorLegend(self)
        layout.addWidget(self.legend)
        layout.addStretch(1)
        self._arch: str | None = None
        self._output_kind: str | None = None
        self.retranslate()

    def _add(self, panel: LayerPanel, layout: QVBoxLayout) -> None:
        panel.setParent(self)
        panel.map_clicked.connect(self.map_clicked)
        self._panels[panel.stage] = panel
        layout.addWidget(panel)

    def panel(self, stage: str) -> LayerPanel:
        return self._panels[stage]

    def panels(self) -> dict[str, LayerPanel]:
        return dict(self._panels)

    def set_model(self, arch: str, connection_table: np.ndarray | None) -> None:
        """Adapt to the model: the classic C3 shows its connection table; output captions differ."""
        self._arch = arch
        self._panels["C3"].set_connections(connection_table if arch == "classic" else None)
        self.retranslate()

    def show_prediction(self, prediction: object | None) -> None:
        """Show the activations of one forward pass; None (or no digit) empties every panel."""
        activations = getattr(prediction, "activations", None) or {}
        if not activations:
            for panel in self._panels.values():
                panel.set_maps(None)
            return
        for stage, panel in self._panels.items():
            if stage == "output":
                continue
            panel.set_maps(activations.get(stage))
        output_kind = getattr(prediction, "output_kind", None)
        output = self._panels["output"]
        if output_kind == "rbf_penalties":
            output.set_maps(activations.get("output"))
        else:
            output.set_maps(getattr(prediction, "probabilities", None))
        if output_kind != self._output_kind:
            self._output_kind = output_kind
            self.retranslate()

    def retranslate(self) -> None:
        panels = self._panels
        panels["C1"].set_caption(self.tr("convolution 5×5"))
        panels["S2"].set_caption(self.tr("subsampling 2×2"))
        panels["C3"].set_caption(
            self.tr("convolution 5×5, partial connections")
            if self._arch == "classic"
            else self.tr("convolution 5×5")
        )
        panels["S4"].set_caption(self.tr("subsampling 2×2"))
        panels["C5"].set_caption(self.tr("units"))
        panels["F6"].set_caption(self.tr("units"))
        classic = self._output_kind == "rbf_penalties" or (
            self._output_kind is None and self._arch == "classic"
        )
        panels["output"].set_caption(
            self.tr("RBF penalties (lower is better)") if classic else self.tr("probabilities")
        )
        panels["output"].set_cell_labels([str(d) for d in range(10)])
        for panel in panels.values():
            panel.setToolTip(self.tr("Hover a map for its details; click it to enlarge it with its kernels."))
        self.legend.setToolTip(
            self.tr("Each layer is scaled to ± its own largest absolute value, so its maps can be compared.")
        )

