"""The toolbar's and menus' icons: line drawings in resources/icons, drawn in the palette's text colour.

The SVGs draw with `currentColor`; each icon is rendered with the colour of the palette in use, so the
same drawing reads on a light and on a dark window. Rendering goes through Qt's SVG image plugin (the
one the window icon needs too), not the QtSvg module.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QColor, QIcon, QPalette, QPixmap

from app.resources import icons_dir

SIZES = (16, 24, 32, 48)


def icon_path(name: str) -> Path:
    return icons_dir() / f"{name}.svg"


def line_icon(name: str, palette: QPalette) -> QIcon:
    """The icon `name` (a file in resources/icons) in `palette`'s text colour; an empty icon if missing."""
    path = icon_path(name)
    try:
        svg = path.read_text(encoding="utf-8")
    except OSError:
        return QIcon()
    icon = QIcon()
    for mode, role in (
        (QIcon.Mode.Normal, QPalette.ColorRole.WindowText),
        (QIcon.Mode.Active, QPalette.ColorRole.WindowText),
    ):
        color = palette.color(QPalette.ColorGroup.Active, role)
        _add(icon, svg, color, mode)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    if disabled == palette.color(QPalette.ColorRole.WindowText):
        disabled = QColor(disabled)
        disabled.setAlpha(110)
    _add(icon, svg, disabled, QIcon.Mode.Disabled)
    return icon


def _add(icon: QIcon, svg: str, color: QColor, mode: QIcon.Mode) -> None:
    drawn = svg.replace("currentColor", color.name(QColor.NameFormat.HexRgb))
    if color.alpha() < 255:
        drawn = drawn.replace("<svg ", f'<svg opacity="{color.alphaF():.2f}" ', 1)
    for size in SIZES:
        scaled = drawn.replace('width="24" height="24"', f'width="{size}" height="{size}"', 1)
        pixmap = QPixmap()
        if pixmap.loadFromData(QByteArray(scaled.encode("utf-8")), "SVG"):
            icon.addPixmap(pixmap, mode)
