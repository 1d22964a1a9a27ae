"""What the canvas draws over and around the user's sheet: the paper's edge and shadow, the hint on an
empty sheet, the part of the drawing a unit sees, and a saliency heat map.

Boxes and heat maps come in the pixels of the image the core read (the 280x280 raster of a drawing, or
an opened image's own pixels) with that image's size, so the page never needs to know how the sheet is
laid out on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

from app.widgets.map_image import fitted_square

BOX_COLOR = QColor(245, 158, 11)  # the diagram's focus colour: the same unit, the same colour
HINT_COLOR = QColor(150, 150, 150)
SHADOW = QColor(0, 0, 0, 28)


class SheetOverlay:
    """State and painting of everything the canvas draws that is not ink."""

    def __init__(self) -> None:
        self.box: QRectF | None = None  # in source pixels
        self.heat: QImage | None = None
        self.heat_rect: QRectF | None = None  # where the heat image lies, in source pixels
        self.source_size = QSizeF(1.0, 1.0)
        self.hint = ""
        self._surround: tuple[object, QImage] | None = None

    def set(
        self, box: QRectF | None, heat: QImage | None, heat_rect: QRectF | None, source_size: QSizeF
    ) -> bool:
        """New overlay; True when it changed (the canvas repaints)."""
        changed = (box, heat_rect, source_size) != (self.box, self.heat_rect, self.source_size) or (
            heat is not self.heat
        )
        self.box, self.heat, self.heat_rect = box, heat, heat_rect
        self.source_size = source_size if not source_size.isEmpty() else QSizeF(1.0, 1.0)
        return changed

    def on_screen(self, rect: QRectF, content: QRectF) -> QRectF:
        """A rect in source pixels -> widget coordinates, for the source shown in `content`."""
        sx = content.width() / self.source_size.width()
        sy = content.height() / self.source_size.height()
        return QRectF(
            content.x() + rect.x() * sx, content.y() + rect.y() * sy, rect.width() * sx, rect.height() * sy
        )

    @staticmethod
    def content_rect(paper: QRectF, background: QSizeF | None) -> QRectF:
        """Where the source image lies on screen: the whole paper for a drawing, an opened image fitted."""
        if background is None or background.isEmpty():
            return paper
        fit = fitted_square(paper.width(), paper.height(), background.width() / background.height())
        return fit.translated(paper.topLeft())

    def surround(self, size: QSize, paper: QRectF, color: QColor) -> QImage:
        """The colour around the sheet and the sheet's shadow, painted once per size and colour (soft
        shadows cost more than a whole stroke, and the canvas repaints at every pointer move)."""
        key = (size.width(), size.height(), paper, color.rgba())
        if self._surround is None or self._surround[0] != key:
            image = QImage(size, QImage.Format.Format_RGB32)
            image.fill(color)
            painter = QPainter(image)
            self.paint_paper_edge(painter, paper)
            painter.end()
            self._surround = (key, image)
        return self._surround[1]

    @staticmethod
    def paint_paper_edge(painter: QPainter, paper: QRectF) -> None:
        """A soft shadow and a thin edge, so the sheet reads as a sheet against the window."""
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        for grow in (6.0, 4.0, 2.0):
            painter.setBrush(SHADOW)
            painter.drawRoundedRect(paper.adjusted(-grow + 2, -grow + 3, grow + 2, grow + 3), grow, grow)
        painter.restore()

    def paint(self, painter: QPainter, paper: QRectF, background: QSizeF | None, empty: bool) -> None:
        painter.save()
        painter.setClipRect(paper)
        painter.setPen(QPen(QColor(0, 0, 0, 60), 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(paper.adjusted(0.5, 0.5, -0.5, -0.5))
        content = self.content_rect(paper, background)
        if self.heat is not None and self.heat_rect is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            painter.drawImage(self.on_screen(self.heat_rect, content), self.heat)
        if self.box is not None:
            # A field larger than the sheet (a C5 unit sees the whole input and its margin) is drawn
            # where it meets the sheet, so that its edges show.
            rect = self.on_screen(self.box, content).intersected(paper.adjusted(2, 2, -2, -2))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(QPen(QColor(0, 0, 0, 160), 4.0))
            painter.drawRect(rect)
            painter.setPen(QPen(BOX_COLOR, 2.0))
            painter.drawRect(rect)
        if empty and self.hint:
            font = QFont(painter.font())
            font.setPointSizeF(font.pointSizeF() * 1.6)
            painter.setFont(font)
            painter.setPen(HINT_COLOR)
            painter.drawText(paper, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.hint)
        painter.restore()

    def box_on_screen(self, paper: QRectF, background: QSizeF | None) -> QRectF | None:
        if self.box is None:
            return None
        return self.on_screen(self.box, self.content_rect(paper, background))
