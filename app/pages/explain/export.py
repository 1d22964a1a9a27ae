"""One PNG that stands on its own: the drawing, what the network saw, its answer and the model's name,
above the view being exported (every layer's maps, the saliency maps, one unit's arithmetic).

Exports are drawn on white whatever the window's colours, so that they print and paste anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette
from PySide6.QtWidgets import QWidget

from app.colormap import gray_image
from app.widgets.network_diagram import NetworkDiagram
from app.widgets.verdict import Verdict

MARGIN = 16
PICTURE = 168  # side of the drawing and of the input in the header
DIAGRAM_SIZE = (1400, 640)


@dataclass
class ExportSheet:
    image: QImage
    texts: list[str]  # every line of text in the header, top to bottom
    regions: dict[str, QRect] = field(default_factory=dict)  # "drawing", "input", "body"


def light_palette(widget: QWidget) -> None:
    """Paint `widget` in dark text on white (an export, whatever the window's theme)."""
    palette = QPalette(widget.palette())
    for role, color in (
        (QPalette.ColorRole.Window, "#ffffff"),
        (QPalette.ColorRole.WindowText, "#111111"),
        (QPalette.ColorRole.Base, "#ffffff"),
        (QPalette.ColorRole.Text, "#111111"),
        (QPalette.ColorRole.Mid, "#a0a0a0"),
        (QPalette.ColorRole.PlaceholderText, "#555555"),
        (QPalette.ColorRole.AlternateBase, "#f0f0f0"),
    ):
        palette.setColor(role, QColor(color))
    widget.setPalette(palette)


def diagram_picture(diagram: NetworkDiagram, input_range: tuple[float, float]) -> QImage:
    """The diagram's layers drawn again at a fixed size on white (the window's size does not matter)."""
    copy = NetworkDiagram(input_range)
    light_palette(copy)
    copy.resize(*DIAGRAM_SIZE)
    layers = {
        s: v
        for s in ("input", "C1", "S2", "C3", "S4", "C5", "F6", "output")
        if (v := diagram.values(s)) is not None
    }
    copy.set_layers(layers or None)
    copy.set_winner(*diagram.winner())
    image = QImage(*DIAGRAM_SIZE, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    copy.render(image)
    copy.deleteLater()
    return image


def compose(
    title: str,
    shown: Verdict | None,
    drawing: QImage | None,
    network_input: np.ndarray | None,
    input_range: tuple[float, float],
    body: QImage,
    note: str = "",
) -> ExportSheet:
    """The header (title, answer, drawing, input) above `body`."""
    header_height = PICTURE + 2 * MARGIN
    width = max(body.width() + 2 * MARGIN, 3 * PICTURE + 4 * MARGIN + 360)
    height = header_height + body.height() + MARGIN + (28 if note else 0)
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    regions: dict[str, QRect] = {}
    x = MARGIN
    for name, picture in (("drawing", drawing), ("input", _input_picture(network_input, input_range))):
        rect = QRect(x, MARGIN, PICTURE, PICTURE)
        if picture is not None and not picture.isNull():
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, name == "drawing")
            painter.drawImage(rect, picture)
        painter.setPen(QColor("#a0a0a0"))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        regions[name] = rect
        x += PICTURE + MARGIN
    texts = [title]
    font = QFont(painter.font())
    font.setPointSizeF(15)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#111111"))
    text_rect = QRectF(x + 8, MARGIN, width - x - MARGIN - 8, 30)
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
    if shown is not None:
        font.setPointSizeF(34)
        painter.setFont(font)
        color = shown.color if shown.color is not None else QColor("#111111")
        painter.setPen(color)
        painter.drawText(
            QRectF(x + 8, MARGIN + 36, text_rect.width(), 64),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            shown.headline,
        )
        font.setPointSizeF(12)
        font.setBold(False)
        painter.setFont(font)
        painter.setPen(QColor("#111111"))
        painter.drawText(
            QRectF(x + 8, MARGIN + 104, text_rect.width(), 48),
            Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
            shown.detail,
        )
        texts += [shown.headline, shown.detail]
    body_rect = QRect(MARGIN, header_height, body.width(), body.height())
    painter.drawImage(body_rect, body)
    regions["body"] = body_rect
    if note:
        font.setPointSizeF(10)
        painter.setFont(font)
        painter.drawText(
            QRectF(MARGIN, body_rect.bottom() + 6, width - 2 * MARGIN, 22), Qt.AlignmentFlag.AlignLeft, note
        )
        texts.append(note)
    painter.end()
    return ExportSheet(image, texts, regions)


def _input_picture(network_input: np.ndarray | None, input_range: tuple[float, float]) -> QImage | None:
    if network_input is None:
        return None
    return gray_image(np.asarray(network_input, dtype=np.float32).reshape(32, 32), *input_range)
