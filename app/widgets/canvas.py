"""The drawing surface: a square sheet of paper drawn on with a mouse, a tablet pen or a finger.

The canvas knows strokes, not digits: it records them, paints them smoothly, and rasterises them at a
fixed resolution (`rasterize`) for the core, which does all the preprocessing.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPointingDevice,
    QResizeEvent,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.config import DEFAULT_PEN_WIDTH, ERASER_SCALE, PEN_WIDTH_RANGE, RASTER_SIZE
from app.widgets.qimage import to_array
from app.widgets.sheet_history import Sheet, SheetHistory, dropped_image, is_image_drop
from app.widgets.sheet_overlay import SheetOverlay
from app.widgets.strokes import INK, PAPER, Stroke, StrokeLayer, paint_stroke

SURROUND_SHADE = 0.92  # the area around the square sheet, slightly darker than the window
SHEET_MARGIN = 8  # room around the sheet for its shadow


class DrawingCanvas(QWidget):
    """Square paper in the middle of the widget; strokes, eraser, undo/redo, drops.

    Every change of the sheet (a stroke, Clear, an opened image replacing the drawing) is one step of
    its undo history, so no action on the sheet loses the user's drawing for good.
    """

    drawing_changed = Signal()  # a stroke grew (live updates while drawing)
    drawing_finished = Signal()  # a stroke ended, or undo/redo changed the drawing
    cleared = Signal()
    undo_available = Signal(bool)
    redo_available = Signal(bool)
    pen_width_changed = Signal(float)
    eraser_mode_changed = Signal(bool)
    file_dropped = Signal(str)
    image_dropped = Signal(QImage)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("canvas")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAcceptDrops(True)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

        self._strokes: list[Stroke] = []
        self._history = SheetHistory()
        self._before_stroke: Sheet | None = None  # the sheet as it was when the current stroke began
        self._current: Stroke | None = None
        self._current_source: str | None = None  # "mouse", "tablet" or "touch": one input at a time
        self._pen_width = DEFAULT_PEN_WIDTH
        self._eraser_mode = False
        self._background: QImage | None = None  # an opened image, shown until the user draws
        self._origin: object = None  # what the opened image came from (the session's business)

        self._display = StrokeLayer(QImage.Format.Format_RGB32)
        self._raster = StrokeLayer(QImage.Format.Format_Grayscale8)
        self._raster.rebuild(RASTER_SIZE, [])
        self.overlay = SheetOverlay()

    # -- public API ------------------------------------------------------------------------------
    def clear(self) -> None:
        """Remove every stroke and any opened image; undoable like a stroke (Ctrl+Z brings it back)."""
        if self._current is None and not self.is_empty():
            self._history.record(self._sheet())
        self._reset_sheet()

    def new_sheet(self) -> None:
        """A blank sheet with no history (after the drawing was stored as a sample: nothing to undo)."""
        self._history.forget()
        self._reset_sheet()

    def _reset_sheet(self) -> None:
        self._strokes.clear()
        self._current = None
        self._current_source = None
        self._background = None
        self._origin = None
        self._rebuild_layers()
        self._announce_history()
        self.update()
        self.cleared.emit()

    def undo(self) -> None:
        if self._current is None and self._history.can_undo():
            self._restore(self._history.undo(self._sheet()))

    def redo(self) -> None:
        if self._current is None and self._history.can_redo():
            self._restore(self._history.redo(self._sheet()))

    def can_undo(self) -> bool:
        return self._history.can_undo()

    def can_redo(self) -> bool:
        return self._history.can_redo()

    def strokes(self) -> list[Stroke]:
        """The finished strokes, oldest first (a copy: the canvas keeps its own list)."""
        return list(self._strokes)

    def stroke_count(self) -> int:
        return len(self._strokes)

    def is_empty(self) -> bool:
        """Nothing drawn, nothing being drawn, no opened image."""
        return not self._strokes and self._current is None and self._background is None

    def has_drawing(self) -> bool:
        return bool(self._strokes) or self._current is not None

    def pen_width(self) -> float:
        return self._pen_width

    def set_pen_width(self, width: float) -> None:
        width = min(PEN_WIDTH_RANGE[1], max(PEN_WIDTH_RANGE[0], float(width)))
        if abs(width - self._pen_width) > 1e-9:
            self._pen_width = width
            self.pen_width_changed.emit(width)

    def eraser_mode(self) -> bool:
        return self._eraser_mode

    def set_eraser_mode(self, on: bool) -> None:
        if on != self._eraser_mode:
            self._eraser_mode = on
            self.eraser_mode_changed.emit(on)

    def show_image(self, image: QImage, origin: object = None) -> None:
        """Show an opened image on the sheet in place of the drawing (display only: the core reads the
        file itself). The drawing it replaces is one Ctrl+Z away; `origin` says where the image came
        from, for whoever restores it from the history (`image_origin`)."""
        if image.isNull():
            return
        if self._current is None and not self.is_empty():
            self._history.record(self._sheet())
        self._restore(Sheet((), image, origin), announce=False)
        self._announce_history()

    def image_origin(self) -> object:
        """The `origin` given with the opened image on the sheet (None: no image shown)."""
        return self._origin if self._background is not None else None

    def rasterize(self) -> np.ndarray:
        """The drawing as a (RASTER_SIZE, RASTER_SIZE) uint8 grey array: black ink on white paper."""
        image = self._raster.image
        if self._current is not None:
            image = image.copy()
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            paint_stroke(painter, self._current, float(image.width()), INK, PAPER)
            painter.end()
        return to_array(image)

    def sample_image(self) -> np.ndarray:
        """The sheet as a sample: the very raster predictions are made from, or an opened image as shown."""
        return self.rasterize() if self.has_drawing() else to_array(self.render_image())

    def render_image(self, side: int = RASTER_SIZE) -> QImage:
        """The sheet as the user sees it (opened image or strokes), for export."""
        image = QImage(side, side, QImage.Format.Format_RGB32)
        image.fill(PAPER)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if self._background is not None:
            painter.drawImage(self._fit(self._background.size(), QRectF(0, 0, side, side)), self._background)
        for stroke in self._strokes:
            paint_stroke(painter, stroke, float(side), INK, PAPER)
        painter.end()
        return image

    def paper_rect(self) -> QRectF:
        """The square sheet inside the widget, in widget coordinates."""
        side = float(max(16, min(self.width(), self.height()) - 2 * SHEET_MARGIN))
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    # -- what is drawn over the sheet (app/widgets/sheet_overlay.py) ------------------------------
    def set_overlay(self, box: QRectF | None, heat: QImage | None = None, heat_rect: QRectF | None = None,
                    source_size: QSizeF | None = None) -> None:
        """A box and a heat map over the sheet, in the pixels of the image the core read (its size:
        `source_size`; the raster's for a drawing). None removes them."""
        size = source_size if source_size is not None else QSizeF(RASTER_SIZE, RASTER_SIZE)
        if self.overlay.set(box, heat, heat_rect, size):
            self.update()

    def highlight_rect(self) -> QRectF | None:
        """Where the box is drawn, in widget coordinates (None: no box)."""
        return self.overlay.box_on_screen(self.paper_rect(), self._background_size())

    def set_hint(self, text: str) -> None:
        """What an empty sheet says ("Draw a digit here")."""
        self.overlay.hint = text
        self.update()

    def _background_size(self) -> QSizeF | None:
        return QSizeF(self._background.size()) if self._background is not None else None

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(420, 420)

    # -- painting --------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        paper = self.paper_rect()
        painter = QPainter(self)
        surround = self.palette().window().color().darker(int(100 / SURROUND_SHADE))
        painter.drawImage(0, 0, self.overlay.surround(self.size(), paper, surround))
        ratio = self.devicePixelRatioF()
        if self._display.image.width() != round(paper.width() * ratio):
            self._rebuild_layers(raster=False)
        painter.drawImage(paper, self._display.image)
        if self._current is not None:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.save()
            painter.translate(paper.topLeft())
            paint_stroke(painter, self._current, paper.width(), INK, PAPER)
            painter.restore()
        self.overlay.paint(painter, paper, self._background_size(), self.is_empty())
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        self._rebuild_layers(raster=False)
        super().resizeEvent(event)

    # -- mouse -----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if self._current is not None:
            return
        button = event.button()
        if button not in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            return super().mousePressEvent(event)
        # The right button always erases: the quickest fix without reaching for a tool.
        eraser = self._eraser_mode or button == Qt.MouseButton.RightButton
        self._begin("mouse", event.position(), eraser, None)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if self._current_source == "mouse":
            self._extend(event.position(), None)
            event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if self._current_source == "mouse":
            self._extend(event.position(), None)
            self._finish()
            event.accept()

    # -- tablet (pressure changes the width; the pen's eraser end erases) -------------------------
    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802 - Qt API
        kind = event.type()
        pressure = float(event.pressure())
        if kind == QEvent.Type.TabletPress and self._current is None:
            eraser = self._eraser_mode or event.pointerType() == QPointingDevice.PointerType.Eraser
            self._begin("tablet", event.position(), eraser, pressure)
        elif kind == QEvent.Type.TabletMove and self._current_source == "tablet":
            self._extend(event.position(), pressure)
        elif kind == QEvent.Type.TabletRelease and self._current_source == "tablet":
            self._finish()
        # Accepting stops Qt from also synthesising mouse events for the same pen movement.
        event.accept()

    # -- touch -----------------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (
            QEvent.Type.TouchBegin,
            QEvent.Type.TouchUpdate,
            QEvent.Type.TouchEnd,
            QEvent.Type.TouchCancel,
        ):
            self._touch(event)  # type: ignore[arg-type]
            event.accept()
            return True
        return super().event(event)

    def _touch(self, event: QTouchEvent) -> None:
        points = event.points()
        if not points:
            return
        position = points[0].position()  # one finger draws; more fingers are not a gesture here
        kind = event.type()
        if kind == QEvent.Type.TouchBegin and self._current is None:
            self._begin("touch", position, self._eraser_mode, None)
        elif kind == QEvent.Type.TouchUpdate and self._current_source == "touch":
            self._extend(position, None)
        elif kind in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel) and self._current_source == "touch":
            self._extend(position, None)
            self._finish()

    # -- drag and drop -------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        # Refused here (the cursor says so) rather than failing after the drop: a text file or a
        # folder is never taken for an image.
        event.acceptProposedAction() if is_image_drop(event.mimeData()) else event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        dropped = dropped_image(event.mimeData())
        if dropped is None:
            event.ignore()
            return
        self.file_dropped.emit(dropped) if isinstance(dropped, str) else self.image_dropped.emit(dropped)
        event.acceptProposedAction()

    # -- stroke bookkeeping ----------------------------------------------------------------------
    def _to_sheet(self, position: QPointF) -> QPointF:
        paper = self.paper_rect()
        side = max(1.0, paper.width())
        x = min(1.0, max(0.0, (position.x() - paper.x()) / side))
        y = min(1.0, max(0.0, (position.y() - paper.y()) / side))
        return QPointF(x, y)

    def _begin(self, source: str, position: QPointF, eraser: bool, pressure: float | None) -> None:
        self._before_stroke = self._sheet()
        if self._background is not None:
            # Drawing starts a new drawing; the opened image is not part of it.
            self._background = None
            self._rebuild_layers()
        width = self._pen_width * (ERASER_SCALE if eraser else 1.0)
        self._current = Stroke(width=width, eraser=eraser)
        self._current_source = source
        self._current.add(self._to_sheet(position), pressure)
        self.update()
        self.drawing_changed.emit()

    def _extend(self, position: QPointF, pressure: float | None) -> None:
        if self._current is None:
            return
        before = len(self._current.points)
        self._current.add(self._to_sheet(position), pressure)
        if len(self._current.points) != before:
            self.update()
            self.drawing_changed.emit()

    def _finish(self) -> None:
        stroke, self._current, self._current_source = self._current, None, None
        if stroke is None:
            return
        if self._before_stroke is not None:
            self._history.record(self._before_stroke)
            self._before_stroke = None
        if self._origin is not None and self._background is None:
            self._origin = None  # the opened image was drawn over: the sheet is a drawing now
        self._strokes.append(stroke)
        self._display.add(stroke)
        self._raster.add(stroke)
        self._announce_history()
        self.update()
        self.drawing_finished.emit()

    def _sheet(self) -> Sheet:
        return Sheet(tuple(self._strokes), self._background, self._origin)

    def _restore(self, sheet: Sheet, announce: bool = True) -> None:
        self._strokes = list(sheet.strokes)
        self._background, self._origin = sheet.background, sheet.origin
        self._current = None
        self._current_source = None
        self._rebuild_layers()
        self.update()
        if announce:
            self._announce_history()
            self.drawing_finished.emit()

    def _announce_history(self) -> None:
        self.undo_available.emit(self.can_undo())
        self.redo_available.emit(self.can_redo())

    def _rebuild_layers(self, raster: bool = True) -> None:
        side = round(self.paper_rect().width() * self.devicePixelRatioF())
        self._display.rebuild(side, self._strokes)
        if self._background is not None:
            painter = QPainter(self._display.image)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            target = QRectF(0, 0, side, side)
            painter.drawImage(self._fit(self._background.size(), target), self._background)
            painter.end()
        if raster:
            self._raster.rebuild(RASTER_SIZE, self._strokes)

    @staticmethod
    def _fit(size: QSize, target: QRectF) -> QRectF:
        """The largest rectangle of the image's aspect ratio centred in `target` (display only)."""
        return SheetOverlay.content_rect(target, QSizeF(size) if not size.isEmpty() else None)
