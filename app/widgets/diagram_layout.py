"""Where each layer of the network diagram goes: one column per stage, as in the paper's figure.

Pure geometry on sizes, so the widget, the tests and the export agree on where every map and unit
lies. Maps are square tiles stacked in one or two columns (C1, S2: six in a column; C3, S4: sixteen
in two columns, so map i of C3 sits beside map i of S4); C5, F6 and the output are grids of unit
cells in reading order (F6 as 7 x 12, the layout of the classic model's RBF prototypes). Every
column is centred in the height it is given; the layout scales down to fit the width.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF

STAGES = ("input", "C1", "S2", "C3", "S4", "C5", "F6", "output")
MAP_STAGES = ("input", "C1", "S2", "C3", "S4")


@dataclass(frozen=True)
class ColumnSpec:
    count: int  # maps or units
    columns: int  # how many side by side
    side: int  # map side in pixels (1 for unit cells)

    @property
    def rows(self) -> int:
        return -(-self.count // self.columns)


SPECS: dict[str, ColumnSpec] = {
    "input": ColumnSpec(1, 1, 32),
    "C1": ColumnSpec(6, 1, 28),
    "S2": ColumnSpec(6, 1, 14),
    "C3": ColumnSpec(16, 2, 10),
    "S4": ColumnSpec(16, 2, 5),
    "C5": ColumnSpec(120, 4, 1),
    "F6": ColumnSpec(84, 7, 1),
    "output": ColumnSpec(10, 1, 1),
}
GAP = 4.0  # between maps of one column
EDGE = 3.0  # left and right of the whole diagram
MIN_COLUMN_GAP = 14.0  # between columns: room for the connection lines
MAX_COLUMN_GAP = 56.0
OUTPUT_TEXT = 58.0  # the output column's value text, right of its cells
OUTPUT_LABEL = 14.0  # the digit, left of its cell
CELL_CAPS = {"C5": 16.0, "F6": 20.0, "output": 30.0}  # largest unit cell, in pixels


@dataclass(frozen=True)
class UnitRef:
    """One unit of the diagram: map `index` at (y, x), or unit `index` of C5, F6 and the output."""

    stage: str
    index: int
    y: int = 0
    x: int = 0


@dataclass
class Column:
    stage: str
    block: QRectF  # the maps or cells, together
    items: list[QRectF]  # one rect per map (map stages) or unit cell
    title: QRectF  # above the block

    @property
    def spec(self) -> ColumnSpec:
        return SPECS[self.stage]


class DiagramLayout:
    """The rects of every column for a widget of `width` x `height` (title rows above, legend below)."""

    def __init__(self, width: float, height: float, title_height: float, bottom: float) -> None:
        self.width, self.height = width, height
        self.columns: dict[str, Column] = {}
        room = max(40.0, height - title_height - bottom)
        sizes = {stage: self._natural(stage, room) for stage in STAGES}
        widths = {stage: self._column_width(stage, size) for stage, size in sizes.items()}
        gaps = len(STAGES) - 1
        width -= 2 * EDGE  # the frames of the outer columns stay inside the widget
        total = sum(widths.values())
        if total + gaps * MIN_COLUMN_GAP > width:  # too wide: everything smaller
            scale = max(0.2, (width - gaps * MIN_COLUMN_GAP) / total)
            sizes = {stage: size * scale for stage, size in sizes.items()}
            widths = {stage: self._column_width(stage, size) for stage, size in sizes.items()}
            total = sum(widths.values())
        gap = min(MAX_COLUMN_GAP, max(MIN_COLUMN_GAP, (width - total) / gaps))
        x = EDGE + max(0.0, (width - total - gap * gaps) / 2)
        for stage in STAGES:
            block_height = self._column_height(stage, sizes[stage])
            top = title_height + (room - block_height) / 2
            block = QRectF(x, top, widths[stage], block_height)
            title = QRectF(x - gap / 2, 0, widths[stage] + gap, title_height)
            self.columns[stage] = Column(stage, block, self._items(stage, block, sizes[stage]), title)
            x += widths[stage] + gap

    # -- sizes -----------------------------------------------------------------------------------
    @staticmethod
    def _natural(stage: str, room: float) -> float:
        """The tile (maps) or cell (units) size that fills `room` in height, within its cap."""
        spec = SPECS[stage]
        if stage == "input":
            c1 = (room - GAP * (SPECS["C1"].rows - 1)) / SPECS["C1"].rows
            return min(room, 2.2 * c1)
        if stage in MAP_STAGES:
            return max(4.0, (room - GAP * (spec.rows - 1)) / spec.rows)
        return max(3.0, min(CELL_CAPS[stage], room / spec.rows))

    @staticmethod
    def _column_width(stage: str, size: float) -> float:
        spec = SPECS[stage]
        if stage == "output":
            return OUTPUT_LABEL + size + OUTPUT_TEXT
        gap = GAP if stage in MAP_STAGES else 0.0
        return spec.columns * size + (spec.columns - 1) * gap

    @staticmethod
    def _column_height(stage: str, size: float) -> float:
        spec = SPECS[stage]
        gap = GAP if stage in MAP_STAGES else 0.0
        return spec.rows * size + (spec.rows - 1) * gap

    @staticmethod
    def _items(stage: str, block: QRectF, size: float) -> list[QRectF]:
        spec = SPECS[stage]
        gap = GAP if stage in MAP_STAGES else 0.0
        left = block.x() + (OUTPUT_LABEL if stage == "output" else 0.0)
        items = []
        for i in range(spec.count):
            row, col = divmod(i, spec.columns)
            items.append(QRectF(left + col * (size + gap), block.y() + row * (size + gap), size, size))
        return items

    # -- lookups ---------------------------------------------------------------------------------
    def unit_rect(self, unit: UnitRef) -> QRectF:
        """Where one unit is drawn: a pixel of a map, or a unit's cell."""
        column = self.columns[unit.stage]
        item = column.items[unit.index]
        if unit.stage not in MAP_STAGES:
            return QRectF(item)
        side = column.spec.side
        step = item.width() / side
        return QRectF(item.x() + unit.x * step, item.y() + unit.y * step, step, step)

    def window_rect(self, stage: str, index: int, window: tuple[int, int, int, int]) -> QRectF:
        """Rows [top, bottom) and columns [left, right) of map `index` of `stage`, in widget pixels."""
        item = self.columns[stage].items[index]
        step = item.width() / self.columns[stage].spec.side
        top, left, bottom, right = window
        return QRectF(
            item.x() + left * step, item.y() + top * step, (right - left) * step, (bottom - top) * step
        )

    def unit_at(self, point: QPointF) -> UnitRef | None:
        for stage, column in self.columns.items():
            if not column.block.adjusted(-1, -1, 1, 1).contains(point):
                continue
            for index, item in enumerate(column.items):
                if not item.contains(point):
                    continue
                if stage not in MAP_STAGES:
                    return UnitRef(stage, index)
                side = column.spec.side
                y = min(side - 1, int((point.y() - item.y()) / item.height() * side))
                x = min(side - 1, int((point.x() - item.x()) / item.width() * side))
                return UnitRef(stage, index, y, x)
        return None

    def stage_at(self, point: QPointF) -> str | None:
        """The stage whose column (title or block) holds `point`."""
        for stage, column in self.columns.items():
            if column.title.contains(point) or column.block.adjusted(-4, -4, 4, 4).contains(point):
                return stage
        return None
