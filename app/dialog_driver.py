"""Answer the app's dialogs without a person at the keyboard: the self-test, CI and the GUI tests drive
the real dialogs (file choosers, questions, the rename box) exactly as they appear to a user.

A `DialogDriver` watches for modal dialogs. Each one that appears is answered by the next step of its
script, with key and mouse events sent to the dialog's own widgets (QtTest is not part of the bundle).
A dialog the script did not expect is closed and recorded in `unexpected`, so that nothing ever waits
for a click that will not come.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLineEdit, QMessageBox, QWidget

from app.widgets.pointer import click

Step = Callable[[QWidget], None]
POLL_MS = 20
ANSWERED = "lenet_digits_answered"
SEEN = "lenet_digits_seen"  # when the driver first saw the dialog (time.monotonic())
ACTIVATION_WAIT_S = 1.0
STILL_OPEN_S = 5.0  # a dialog still open this long after its answer did not take it: closed, reported


def key(widget: QWidget, code: Qt.Key, text: str = "",
        modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, code, modifiers, text))


def type_into(edit: QLineEdit, text: str) -> None:
    """Replace what `edit` holds by `text`, typed key by key, then press Enter."""
    # Focus first, as a person's click gives it: a file dialog puts the name of whatever its list
    # selects into a name field without focus, over what was typed.
    edit.setFocus()
    key(edit, Qt.Key.Key_A, "", Qt.KeyboardModifier.ControlModifier)  # select all
    key(edit, Qt.Key.Key_Backspace)
    for char in text:
        # Qt's key codes are the characters' code points (upper case for letters).
        code = ord(char.upper()) if len(char.upper()) == 1 and ord(char.upper()) < 0x10000 else 0
        key(edit, Qt.Key(code) if code else Qt.Key.Key_unknown, char)
    completions = edit.completer().popup() if edit.completer() is not None else None
    if completions is not None and completions.isVisible():
        # Enter would go to the list of completions (a person sees it and presses Escape first).
        completions.hide()
    key(edit, Qt.Key.Key_Return, "\r")


def press(which: QMessageBox.StandardButton | str) -> Step:
    """Click a message box's button: a standard one (Save, Discard...) or the one with this text."""

    def step(dialog: QWidget) -> None:
        buttons = dialog.findChildren(QAbstractButton)
        if isinstance(which, str):
            found = next((b for b in buttons if b.text().replace("&", "") == which), None)
        else:
            found = dialog.button(which) if isinstance(dialog, QMessageBox) else None
        if found is None:
            raise LookupError(f"no button {which!r} in {dialog.windowTitle()!r}")
        click(found)

    return step


def enter_path(path: str | Path) -> Step:
    """Type a path into a file dialog's name field and press Enter (open, save, choose a folder)."""

    def step(dialog: QWidget) -> None:
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        if edit is None:
            raise LookupError(f"{dialog.windowTitle()!r} is not a file dialog")
        type_into(edit, str(path))

    return step


def enter_text(text: str) -> Step:
    """Type into an input dialog's text field and press Enter."""

    def step(dialog: QWidget) -> None:
        edit = dialog.findChild(QLineEdit)
        if edit is None:
            raise LookupError(f"{dialog.windowTitle()!r} has no text field")
        type_into(edit, text)

    return step


class DialogDriver(QObject):
    """Answer the modal dialogs that appear, in order, with `steps`; stop() when done."""

    def __init__(self, steps: Iterable[Step] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps = list(steps)
        self.answered: list[str] = []  # titles of the dialogs answered, in order
        self.unexpected: list[str] = []  # dialogs that appeared with no step left (closed)
        self.failures: list[str] = []  # steps that could not answer their dialog
        self._open: list[tuple[QWidget, float, str]] = []  # answered dialogs, when, title
        self._timer = QTimer(self)
        self._timer.setObjectName("dialog_driver")
        self._timer.timeout.connect(self._poll)
        self._timer.start(POLL_MS)

    def add(self, *steps: Step) -> None:
        self._steps += steps

    def pending(self) -> int:
        return len(self._steps)

    def stop(self) -> None:
        self._timer.stop()

    def _poll(self) -> None:
        self._close_stuck()
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible() or dialog.property(ANSWERED):
            return
        # Answered once the window system has made it the active window, as a person would: keys typed
        # before that can be lost (under X11 that takes a moment); never waiting more than a second.
        seen = dialog.property(SEEN)
        if seen is None:
            dialog.setProperty(SEEN, time.monotonic())
        if not dialog.isActiveWindow() and (seen is None or time.monotonic() - seen < ACTIVATION_WAIT_S):
            return
        dialog.setProperty(ANSWERED, True)
        title = dialog.windowTitle() or type(dialog).__name__
        if not self._steps:
            self.unexpected.append(title)
            if isinstance(dialog, QDialog):
                dialog.reject()
            else:
                dialog.close()
            return
        step = self._steps.pop(0)
        # Answered from a fresh call, not from inside this timer's: an answer that opens another dialog
        # (an overwrite question...) waits in that dialog's loop, and this timer must run to answer it.
        QTimer.singleShot(0, lambda: self._answer(dialog, title, step))

    def _answer(self, dialog: QWidget, title: str, step: Step) -> None:
        self._open.append((dialog, time.monotonic(), title))
        self.answered.append(title)
        try:
            step(dialog)
        except Exception as exc:  # noqa: BLE001 - reported by whoever runs the script, never a hang
            self.failures.append(f"{title}: {exc}")
            if isinstance(dialog, QDialog):
                dialog.reject()

    def _close_stuck(self) -> None:
        still = []
        for dialog, when, title in self._open:
            try:
                visible = dialog.isVisible()
            except RuntimeError:  # deleted: it closed
                continue
            if visible and time.monotonic() - when > STILL_OPEN_S:
                self.failures.append(f"{title}: still open {STILL_OPEN_S:.0f} s after it was answered")
                if isinstance(dialog, QDialog):
                    dialog.reject()
                else:
                    dialog.close()
            elif visible:
                still.append((dialog, when, title))
        self._open = still
