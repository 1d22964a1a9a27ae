"""LeNet Digits desktop app (PySide6): it renders what `lenet_core` computes and holds no model logic.

Layers, highest first (import-linter checks them): main > window > pages > session > inference and
models > widgets > the small modules (config, settings, texts, actions...). Importing `app` imports
neither Qt nor torch, so `lenet-digits --version` answers at once.
"""

from __future__ import annotations

from importlib import metadata
from typing import TYPE_CHECKING, Any

try:
    __version__ = metadata.version("lenet-digits")
except metadata.PackageNotFoundError:  # a source checkout that was never installed
    __version__ = "0.1.0"

if TYPE_CHECKING:
    from app.window import create_main_window

__all__ = ["__version__", "create_main_window"]


def __getattr__(name: str) -> Any:
    if name == "create_main_window":  # the window's own function, imported on first use
        from app.window import create_main_window

        return create_main_window
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
