"""One feature map enlarged, beside the kernel(s) that computed it; follows the live drawing."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.colormap import indexed_image, layer_limit, to_indices
from app.texts import Retranslating, fill
from app.widgets.map_image import MapImage


class MapDetailDialog(Retranslating, QDialog):
    """Non-modal: it stays open and updates with every prediction while the user keeps drawing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("map_detail")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.resize(640, 380)
        self.stage = ""
        self.index = 0
        self._kernels: np.ndarray | None = None
        self._connected: np.ndarray | None = None

        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.map_view = MapImage(self, minimum=240)
        left.addWidget(self.heading)
        left.addWidget(self.map_view, 1)
        outer.addLayout(left, 3)

        right = QVBoxLayout()
        self.kernel_heading = QLabel(self)
        self.kernel_heading.setWordWrap(True)
        right.addWidget(self.kernel_heading)
        self._kernel_grid = QGridLayout()
        right.addLayout(self._kernel_grid)
        right.addStretch(1)
        outer.addLayout(right, 2)
        self.kernel_views: list[MapImage] = []

    def show_map(
        self,
        stage: str,
        index: int,
        values: np.ndarray | None,
        layer_range: float,
        kernels: np.ndarray | None,
        connected: np.ndarray | None,
    ) -> None:
        """`kernels`: (inputs, k, k) for this map; `connected`: which inputs feed it (classic C3)."""
        self.stage, self.index = stage, index
        self._kernels, self._connected = kernels, connected
        self.update_values(values, layer_range)
        self._build_kernels()
        self.retranslate()

    def update_values(self, values: np.ndarray | None, layer_range: float) -> None:
        self._values = values
        if values is None:
            self.map_view.set_image(None)
        else:
            # Same colour scale as the panel: the layer's range, so the enlarged map matches.
            self.map_view.set_image(indexed_image(to_indices(values, layer_range)))
        self.retranslate()

    def _build_kernels(self) -> None:
        while self._kernel_grid.count():
            item = self._kernel_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.kernel_views = []
        if self._kernels is None:
            return
        limit = layer_limit(self._kernels)
        columns = 3
        for i, kernel in enumerate(self._kernels):
            box = QVBoxLayout()
            view = MapImage(self, minimum=56)
            view.set_image(indexed_image(to_indices(kernel, limit)))
            connected = self._connected is None or bool(self._connected[i])
            view.setEnabled(connected)
            if not connected:
                view.set_image(None)
            caption = QLabel(self)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setProperty("input_index", i)
            caption.setProperty("connected", connected)
            box.addWidget(view)
            box.addWidget(caption)
            container = QWidget(self)
            container.setLayout(box)
            self._kernel_grid.addWidget(container, i // columns, i % columns)
            self.kernel_views.append(view)

    def retranslate(self) -> None:
        number = str(self.index + 1)  # maps are counted from 1 for people, as in the hover text
        self.setWindowTitle(fill(self.tr("%1 map %2"), self.stage, number))
        values = getattr(self, "_values", None)
        if values is None:
            self.heading.setText(fill(self.tr("%1 map %2: nothing drawn"), self.stage, number))
        else:
            self.heading.setText(
                fill(
                    self.tr("%1 map %2, %3×%4, values %5 … %6"),
                    self.stage,
                    number,
                    str(values.shape[0]),
                    str(values.shape[1]),
                    f"{float(values.min()):.3g}",
                    f"{float(values.max()):.3g}",
                )
            )
        source = self.tr("input") if self.stage == "C1" else "S2"  # what the kernels read
        if self._kernels is None:
            self.kernel_heading.setText(
                self.tr("No kernel: this layer subsamples (2×2) the layer before it.")
            )
        else:
            self.kernel_heading.setText(
                fill(
                    self.tr("Kernels %1×%2, one per %3 map feeding it:"),
                    str(self._kernels.shape[-2]),
                    str(self._kernels.shape[-1]),
                    source,
                )
            )
        for label in self.findChildren(QLabel):
            i = label.property("input_index")
            if i is None:
                continue
            if label.property("connected"):
                label.setText(fill(self.tr("from %1"), f"{source} {i + 1}"))
            else:
                label.setText(fill(self.tr("S2 %1: not connected"), str(i + 1)))
