"""Errors that must never pass silently: exceptions raised in Qt callbacks, Qt's own warnings, widget
failures.

PySide6 prints an exception raised in a slot or an event handler and carries on, so a broken widget
can go unnoticed. `ErrorWatch` (used by the self-test and the CI screenshot run) records every such
error while it is installed, so the check that caused it fails. In normal use `report_to_window`
also shows the error in the window's message banner, besides printing it.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

from app.texts import fill

# Messages of Qt's platform plugins that say nothing about the app (offscreen and bare X servers).
BENIGN_QT_MESSAGES = (
    "This plugin does not support",  # offscreen: propagateSizeHints, raise, grabbing...
    "XDG_RUNTIME_DIR",
    "QStandardPaths",
    "Could not connect to any X display",  # the probe of an absent display, reported our own way
)

_active: ErrorWatch | None = None


class ErrorWatch:
    """Record uncaught exceptions and Qt warnings while installed (a context manager)."""

    def __init__(self, echo: bool = True) -> None:
        self.errors: list[str] = []
        self.echo = echo  # also print them, as Python and Qt would
        self._previous_hook: Any = None
        self._previous_handler: Any = None

    def __enter__(self) -> ErrorWatch:
        global _active
        self._previous_hook = sys.excepthook
        sys.excepthook = self._excepthook
        self._previous_handler = qInstallMessageHandler(self._qt_message)
        _active = self
        return self

    def __exit__(self, *exc_info: object) -> None:
        global _active
        sys.excepthook = self._previous_hook
        qInstallMessageHandler(self._previous_handler)
        _active = None

    def record(self, text: str) -> None:
        self.errors.append(text)

    def _excepthook(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(kind, exc, tb))
        self.record(f"uncaught {kind.__name__}: {exc}\n{text}")
        if self.echo:
            print(text, end="", file=sys.stderr)

    def _qt_message(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if self.echo:
            print(message, file=sys.stderr)
        if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            return
        if any(benign in message for benign in BENIGN_QT_MESSAGES):
            return
        self.record(f"Qt {kind.name}: {message}")


def record_failure(text: str) -> None:
    """Record an error that was handled (a widget that shows its failure) while a watch is active."""
    if _active is not None:
        _active.record(text)


def report_to_window(show: Callable[[str], None], prefix: str) -> None:
    """In normal use: an exception in a callback is printed and also shown with `show(prefix + why)`."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        sys.__excepthook__(kind, exc, tb)
        try:
            show(fill(prefix, f"{kind.__name__}: {exc}"))
        except Exception:  # noqa: BLE001 - the window itself may be what failed
            pass

    sys.excepthook = hook
