"""A unit of the diagram -> what the core says about it: what feeds it, what it sees of the input and of
the user's drawing. The one place where the diagram's `UnitRef` becomes the core's `Unit`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF

from app.widgets.diagram_layout import UnitRef
from app.widgets.network_diagram import Focus

if TYPE_CHECKING:
    from lenet_core.explain import Box, Placement, Unit


def core_unit(unit: UnitRef) -> Unit:
    from lenet_core.explain import Unit

    return Unit(unit.stage, unit.index, unit.y, unit.x)


def _box(box: Box | None) -> tuple[int, int, int, int] | None:
    return None if box is None else (box.top, box.left, box.bottom, box.right)


def focus_of(unit: UnitRef, arch: str) -> Focus:
    """The unit, the maps or units that feed it in `arch` (classic C3: the paper's table), the window it
    reads in each, and its receptive field in the input."""
    from lenet_core.explain import connections, receptive_field

    if unit.stage == "input":
        pixel = (unit.y, unit.x, unit.y + 1, unit.x + 1)
        return Focus(unit, None, (), None, pixel)
    links = connections(core_unit(unit), arch)
    return Focus(
        unit, links.source_stage, links.sources, _box(links.window), _box(receptive_field(core_unit(unit)))
    )


def field_on_drawing(focus: Focus, placement: Placement) -> QRectF | None:
    """The receptive field of the unit in focus, in the pixels of the image the core read."""
    from lenet_core.explain import Box, input_box_on_drawing

    if focus.field is None:
        return None
    top, left, bottom, right = focus.field
    box = input_box_on_drawing(Box(top, left, bottom, right), placement)
    return QRectF(box.left, box.top, box.right - box.left, box.bottom - box.top)


def input_square_on_drawing(placement: Placement) -> QRectF:
    """Where the whole 32x32 input lies over the drawing (a heat map is drawn there)."""
    from lenet_core.explain import Box, input_box_on_drawing

    box = input_box_on_drawing(Box(0, 0, 32, 32), placement)
    return QRectF(box.left, box.top, box.right - box.left, box.bottom - box.top)
