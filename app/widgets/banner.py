"""The problem banner over the top of a page's area: the last problem in words, selectable, until the
next action.

It floats over its parent (the sheet, the Train page) instead of taking a place in a layout, so that
showing or hiding it never moves what the user is drawing on. Where it must not hide the buttons that
answer it (the Learn page's "MNIST was not found": Choose folder, Download), it takes a place in the
page's layout instead (`floating=False`), and the layout gives it the height its words need.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QWidget

from app.config import MESSAGE_STYLE

MARGIN = 8


class MessageBanner(QLabel):
    """Hidden until there is a problem. A `lasting` problem (a database that cannot be used) stays
    until it is solved; other problems go with the user's next action (`dismiss`)."""

    def __init__(self, name: str, parent: QWidget | None = None, floating: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setStyleSheet(MESSAGE_STYLE)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lasting: str | None = None
        self.floating = floating
        if parent is not None and floating:
            parent.installEventFilter(self)
        self.hide()

    def say(self, text: str) -> None:
        self.setText(text)
        if self.floating:
            self._place()
        self.show()
        self.raise_()

    def dismiss(self) -> None:
        if self.lasting:
            self.say(self.lasting)
            return
        self.clear()
        self.hide()

    def shown_text(self) -> str:
        return "" if self.isHidden() and not self.text() else self.text()

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        width = max(80, parent.width() - 2 * MARGIN)
        self.setFixedWidth(width)
        height = self.heightForWidth(width) if self.hasHeightForWidth() else self.sizeHint().height()
        self.setFixedHeight(height)
        self.move(MARGIN, MARGIN)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        # Also when its page is shown again: said while the page was hidden, it was sized for the
        # page as it was then.
        if self.floating:
            self._place()
        super().showEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return super().eventFilter(watched, event)
