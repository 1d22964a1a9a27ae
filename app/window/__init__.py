"""The main window: a shell of tabs (the pages), menus, toolbar and status bar around the session."""

from app.window.main_window import MainWindow, create_main_window

__all__ = ["MainWindow", "create_main_window"]
