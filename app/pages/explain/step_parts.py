"""The numbers of one unit's computation, laid out by kind: the terms of a convolution (patch x kernel =
products, per source map), of a fully connected unit, of a 2x2 subsampling, and of the output layer.

Each part updates its numbers in place while the user keeps drawing; it is rebuilt only when the
shape of the computation changes (another layer, another number of source maps).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from app.texts import fill, layer_name
from app.widgets.number_grid import NumberGrid, format_number

if TYPE_CHECKING:
    from lenet_core.explain import OutputLayer, Subsampling, WeightedSum

PATCH_CELL = QSize(38, 18)
SMALL_CELL = QSize(13, 13)
TOP_TERMS = 6  # the largest contributions listed for a fully connected unit


def _symbol(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    label.setFont(font)
    return label


class TermsPart(QWidget):
    """Base: a grid layout of labelled NumberGrids, kept by role ("inputs", "weights", "products")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(8)
        self.grids: dict[str, list[NumberGrid]] = {"inputs": [], "weights": [], "products": []}
        self.labels: list[QLabel] = []

    def _header(self, row: int, texts: list[str], columns: list[int]) -> None:
        for text, column in zip(texts, columns, strict=True):
            label = QLabel(text, self)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("font-weight: bold;")
            self.grid.addWidget(label, row, column)

    def shape_key(self) -> object:
        return None


class ConvolutionTerms(TermsPart):
    """C1, C3, C5: for each source map, its 5x5 patch x the kernel = the products, and their sum."""

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._count = count
        self._header(
            0, [self.tr("input patch"), self.tr("kernel"), self.tr("products"), self.tr("sum")], [1, 3, 5, 7]
        )
        for i in range(count):
            row = i + 1
            label = QLabel(self)
            self.labels.append(label)
            self.grid.addWidget(label, row, 0)
            for role, column in (("inputs", 1), ("weights", 3), ("products", 5)):
                grid = NumberGrid(self, PATCH_CELL)
                self.grids[role].append(grid)
                self.grid.addWidget(grid, row, column)
            self.grid.addWidget(_symbol("×", self), row, 2)
            self.grid.addWidget(_symbol("=", self), row, 4)
            total = QLabel(self)
            total.setObjectName("map_sum")
            self.labels.append(total)
            self.grid.addWidget(total, row, 7)
        self.grid.setColumnStretch(8, 1)

    def shape_key(self) -> object:
        return ("convolution", self._count)

    def show_step(self, step: WeightedSum, source_limit: float) -> None:
        kernel_limit = float(np.abs(step.weights).max()) or 1.0
        product_limit = float(np.abs(step.products).max()) or 1.0
        for i, source in enumerate(step.source_maps):
            self.labels[2 * i].setText(fill(self.tr("%1 map %2"), layer_name(step.source_stage), source + 1))
            self.grids["inputs"][i].set_values(step.inputs[i], source_limit)
            self.grids["weights"][i].set_values(step.weights[i], kernel_limit)
            self.grids["products"][i].set_values(step.products[i], product_limit)
            self.labels[2 * i + 1].setText(f"Σ = {format_number(step.map_sums[i])}")


class FullTerms(TermsPart):
    """F6: the 120 C5 values x their weights = products (colours; hover for the numbers), and the
    largest contributions in numbers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._header(0, [self.tr("C5 values"), self.tr("weights"), self.tr("products")], [0, 2, 4])
        for role, column in (("inputs", 0), ("weights", 2), ("products", 4)):
            grid = NumberGrid(self, SMALL_CELL, numbers=False)
            self.grids[role].append(grid)
            self.grid.addWidget(grid, 1, column)
        self.grid.addWidget(_symbol("×", self), 1, 1)
        self.grid.addWidget(_symbol("=", self), 1, 3)
        self.top = QLabel(self)
        self.top.setObjectName("largest_terms")
        self.top.setTextFormat(Qt.TextFormat.RichText)
        self.grid.addWidget(self.top, 1, 5)
        self.grid.setColumnStretch(6, 1)

    def shape_key(self) -> object:
        return ("full",)

    def show_step(self, step: WeightedSum, source_limit: float) -> None:
        shape = (10, step.inputs.size // 10)
        self.grids["inputs"][0].set_values(step.inputs.reshape(shape), source_limit)
        self.grids["weights"][0].set_values(step.weights.reshape(shape))
        self.grids["products"][0].set_values(step.products.reshape(shape))
        order = np.argsort(-np.abs(step.products))[:TOP_TERMS]
        lines = [self.tr("Largest contributions:")]
        for j in order:
            lines.append(
                fill(
                    self.tr("C5 unit %1: %2 × %3 = %4"),
                    int(j) + 1,
                    format_number(step.inputs[j]),
                    format_number(step.weights[j]),
                    format_number(step.products[j]),
                )
            )
        self.top.setText("<br>".join(lines))


class SubsamplingTerms(TermsPart):
    """S2, S4: the 2x2 window of the map below (the largest marked, for max pooling)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(self)
        self.grid.addWidget(self.caption, 0, 0)
        window = NumberGrid(self, PATCH_CELL)
        self.grids["inputs"].append(window)
        self.grid.addWidget(window, 1, 0)
        self.grid.setColumnStretch(1, 1)

    def shape_key(self) -> object:
        return ("subsampling",)

    def show_step(self, step: Subsampling, source_limit: float) -> None:
        self.caption.setText(
            fill(self.tr("2×2 window of %1 map %2"), layer_name(step.source_stage), step.unit.index + 1)
        )
        self.grids["inputs"][0].set_values(step.inputs, source_limit, step.argmax)


class OutputTerms(TermsPart):
    """The output layer: every digit's score and probability; the clicked digit's 84 terms as 12 x 7."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QLabel(self)
        self.table.setObjectName("output_table")
        self.table.setTextFormat(Qt.TextFormat.RichText)
        self.grid.addWidget(self.table, 0, 0, 3, 1)
        self.captions = [QLabel(self) for _ in range(3)]
        for role, column in (("inputs", 1), ("weights", 2), ("products", 3)):
            grid = NumberGrid(self, SMALL_CELL, numbers=False)
            self.grids[role].append(grid)
            self.grid.addWidget(self.captions[column - 1], 0, column)
            self.grid.addWidget(grid, 1, column, Qt.AlignmentFlag.AlignTop)
        self.grid.setColumnStretch(4, 1)

    def shape_key(self) -> object:
        return ("output",)

    def show_step(self, step: OutputLayer, source_limit: float) -> None:
        rbf = step.kind == "rbf"
        digit = step.unit.index
        self.captions[0].setText(self.tr("F6 (your drawing)"))
        self.captions[1].setText(
            fill(self.tr("prototype of %1"), digit) if rbf else fill(self.tr("weights of %1"), digit)
        )
        self.captions[2].setText(self.tr("(F6 − prototype)²") if rbf else self.tr("products"))
        self.grids["inputs"][0].set_values(step.f6.reshape(12, 7), source_limit)
        self.grids["weights"][0].set_values(step.parameters[digit].reshape(12, 7))
        self.grids["products"][0].set_values(step.terms[digit].reshape(12, 7))
        score = self.tr("Σ (F6 − p)²") if rbf else self.tr("Σ w·F6 + b")
        digit_header = self.tr("digit")
        rows = [f"<tr><th>{digit_header}</th><th>&nbsp;{score}&nbsp;</th><th>P</th></tr>"]
        for d in range(10):
            style = " style='font-weight:bold; color:#2171b5'" if d == step.label else ""
            mark = " ◀" if d == digit else ""
            rows.append(
                f"<tr{style}><td align='center'>{d}</td><td align='right'>"
                f"{format_number(step.output[d])}</td><td align='right'>&nbsp;"
                f"{100 * step.probabilities[d]:.1f} %{mark}</td></tr>"
            )
        self.table.setText("<table cellspacing='0' cellpadding='1'>" + "".join(rows) + "</table>")
