"""The problem banner above a page: the last problem in words, selectable, until the next action."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.config import MESSAGE_STYLE


class MessageBanner(QLabel):
    """Hidden until there is a problem. A `lasting` problem (a database that cannot be used) stays
    until it is solved; other problems go with the user's next action (`dismiss`)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setStyleSheet(MESSAGE_STYLE)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lasting: str | None = None
        self.hide()

    def say(self, text: str) -> None:
        self.setText(text)
        self.show()

    def dismiss(self) -> None:
        if self.lasting:
            self.say(self.lasting)
            return
        self.clear()
        self.hide()

    def shown_text(self) -> str:
        return "" if self.isHidden() and not self.text() else self.text()
