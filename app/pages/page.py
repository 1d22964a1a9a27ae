"""What a page of the main window is: a tab built from the session alone, talking only to it.

A new page (an Explain view, a Learn page, a test-set explorer) is one new package with a `Page`
subclass, listed in `app.pages.all_pages()`. The window gives it the session and the shared actions,
shows it in a tab, asks it before closing and tells it to stop; the page never reaches into the window
or into another page's widgets.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSplitter, QWidget

from app.session import RecognitionSession
from app.settings import AppSettings
from app.texts import Retranslating


class Page(Retranslating, QWidget):
    name: ClassVar[str] = ""  # "recognise", "train": object names and settings keys
    # Actions of the window's table that act on this page: on while it is shown, off otherwise.
    page_actions: ClassVar[tuple[str, ...]] = ()

    status = Signal(str)  # a passing note for the status bar
    attention = Signal(bool)  # the page needs the user's attention (a warning sign on its tab)
    open_page = Signal(str)  # show another page, by name (a digit was put on the Recognise page's sheet)

    def __init__(self, session: RecognitionSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName(f"{self.name}_page")
        self._current = False
        self.splitter: QSplitter | None = None  # the page's main splitter, remembered across starts

    def title(self) -> str:
        raise NotImplementedError

    def tooltip(self) -> str:
        return ""

    def connect_actions(self, actions: dict[str, QAction]) -> None:
        """Connect the window's actions this page handles (called once, after the menus exist)."""

    def toolbar_widgets(self) -> list[QWidget | None]:
        """Widgets of this page for the window's toolbar (the pen, the correction button...); None: a
        separator."""
        return []

    def set_current(self, current: bool) -> None:
        """The page was shown (True) or hidden; its actions follow."""
        self._current = current


    def message_text(self) -> str:
        """The problem the page shows, if any."""
        return ""

    def restore_state(self, settings: AppSettings) -> None:
        """Put back the layout the user left (the page's splitter)."""
        if self.splitter is None:
            return
        state = settings.splitter_state(self.name)
        if state is not None:
            self.splitter.restoreState(state)

    def save_state(self, settings: AppSettings) -> None:
        """Remember the layout for the next start."""
        if self.splitter is not None:
            settings.set_splitter_state(self.name, self.splitter.saveState())

    def may_close(self) -> bool:
        """Whether the window may close now; a page with unsaved work asks the user first."""
        return True

    def shutdown(self) -> None:
        """The window closes: stop every worker thread of the page."""
