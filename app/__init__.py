"""LeNet Digits desktop app (PySide6): it renders what `lenet_core` computes and holds no model logic."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

try:
    __version__ = metadata.version("lenet-digits")
except metadata.PackageNotFoundError:  # a source checkout that was never installed
    __version__ = "0.1.0"

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from app.main_window import MainWindow

__all__ = ["__version__", "create_main_window"]


def create_main_window(
    settings: QSettings | None = None,
    data_dir: str | Path | None = None,
    language: str | None = None,
) -> MainWindow:
    """Build the main window without starting the event loop (creates the QApplication if needed).

    `settings`: where preferences live (default: the platform's QSettings for the app); `data_dir`:
    the user's data folder (fine-tuned models); `language`: "en", "zh_CN" or "system".
    """
    # Imported here so that `import app` (and `lenet-digits --version`) stays light.
    from app.main_window import create_main_window as create

    return create(settings=settings, data_dir=data_dir, language=language)
