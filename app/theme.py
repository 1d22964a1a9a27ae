"""Light or dark: the app follows the platform's colour scheme.

Where the platform's style follows it by itself (Windows, macOS, GNOME and KDE with their Qt themes),
nothing is done. Where the system says "dark" but the style still paints a light palette, Fusion with a
dark palette is used. `use_theme("dark")` forces it (the screenshot script shows both).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

_forced: list[str] = []


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2d30",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1f2023",
        QPalette.ColorRole.AlternateBase: "#34363a",
        QPalette.ColorRole.ToolTipBase: "#3c3f44",
        QPalette.ColorRole.ToolTipText: "#f0f0f0",
        QPalette.ColorRole.PlaceholderText: "#a0a0a0",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#35373b",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Light: "#4a4d52",
        QPalette.ColorRole.Midlight: "#3e4145",
        QPalette.ColorRole.Mid: "#5c6066",
        QPalette.ColorRole.Dark: "#1b1c1e",
        QPalette.ColorRole.Shadow: "#000000",
        QPalette.ColorRole.Highlight: "#3d7fc4",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#7fb2ec",
    }
    for role, color in roles.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7d82"))
    return palette


def use_theme(theme: str) -> None:
    """ "dark" or "light" whatever the platform says; "system" follows it (the default)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    _forced[:] = [theme] if theme in ("dark", "light") else []
    _apply(app)


def follow_system() -> None:
    """Apply the platform's scheme now and whenever it changes."""
    app = QApplication.instance()
    if not isinstance(app, QApplication) or app.property("lenet_theme_follows"):
        return
    app.setProperty("lenet_theme_follows", True)
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _: _apply(app))
    _apply(app)


def _apply(app: QApplication) -> None:
    wanted = (
        _forced[0]
        if _forced
        else ("dark" if QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark else "system")
    )
    if wanted == "dark" and not is_dark(app.palette()):
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    elif wanted == "light" and is_dark(app.palette()):
        app.setStyle("Fusion")
        app.setPalette(app.style().standardPalette())
