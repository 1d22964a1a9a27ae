"""The main window: a shell of tabs around the pages, the menus and toolbar, the status bar, the saved
layout and the question before closing. The app's state lives in the `RecognitionSession`; the pages
show it; the window only holds them together.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QStyle, QTabWidget

from app import i18n, theme
from app.config import APPLICATION, LANGUAGES, ORGANIZATION
from app.pages import Page, all_pages
from app.pages.recognise import RecognisePage
from app.pages.train import TrainPage
from app.resources import app_icon_path
from app.session import RecognitionSession
from app.settings import AppSettings
from app.texts import Retranslating, fill
from app.widgets.canvas import DrawingCanvas
from app.widgets.layout_fence import LayoutFence
from app.widgets.verdict import verdict
from app.window.menus import WindowMenus

if TYPE_CHECKING:
    from lenet_core.model_library import ModelEntry
    from lenet_core.recognizer import Prediction

STATUS_MS = 8000  # how long a passing note stays in the status bar
# The window's first size: the screen's available area less room for the frame and a panel, within
# these bounds (on a 1366x768 screen that is nearly all of it; on large screens no wider than useful).
FIRST_SIZE_MAX = (1760, 1060)
FIRST_SIZE_MARGIN = (40, 60)
PAPER = ("Y. LeCun, L. Bottou, Y. Bengio and P. Haffner, “Gradient-based learning applied to document "
         "recognition”, <i>Proceedings of the IEEE</i> 86(11):2278–2324, 1998")
PAPER_LINK = "https://doi.org/10.1109/5.726791"
PROJECT_LINK = "http://yann.lecun.com/exdb/lenet/"  # the paper's authors' page on LeNet-5


class MainWindow(Retranslating, QMainWindow):
    def __init__(
        self, settings: QSettings | None = None, data_dir: Path | None = None, language: str | None = None
    ) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.settings = AppSettings(settings)
        self._language = language if language in LANGUAGES else self.settings.language
        i18n.install(self._language)
        icon = app_icon_path()
        if icon.exists():
            self.setWindowIcon(QIcon(str(icon)))
        self._shutting_down = False
        self._problem = ""

        self.session = RecognitionSession(self.settings, data_dir, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        self.pages: list[Page] = [page_class(self.session, self) for page_class in all_pages()]
        for page in self.pages:
            self.tabs.addTab(page, "")
            page.status.connect(lambda text: self.statusBar().showMessage(text, STATUS_MS))
            page.attention.connect(lambda on, p=page: self._mark(p, on))
            page.open_page.connect(self.show_page)
        self.setCentralWidget(self.tabs)
        self.menus = WindowMenus(
            self,
            self.session,
            self.pages,
            self._language,
            {
                "quit": self.close,
                "reload_models": self.session.reload_models,
                "tab_recognise": lambda: self.tabs.setCurrentIndex(0),
                "tab_train": lambda: self.tabs.setCurrentIndex(1),
                "about": self._about,
            },
        )
        self.actions_by_name = self.menus.actions_by_name
        for lang, action in zip(LANGUAGES, self.menus.language_group.actions(), strict=True):
            action.triggered.connect(lambda _=False, lang=lang: self.set_language(lang))
        for page in self.pages:
            page.connect_actions(self.actions_by_name)

        self.model_status = QLabel(self)
        self.device_status = QLabel(self)
        self.answer_status = QLabel(self)
        self.answer_status.setObjectName("answer_status")
        self.time_status = QLabel(self)
        self.time_status.setObjectName("time_status")
        # The answer and its time change with every stroke, their size seldom: fenced, so that the
        # status bar is not relaid out and repainted whole for each answer.
        self._answer_box = LayoutFence(self.answer_status)
        self._time_box = LayoutFence(self.time_status)
        for widget in (self._answer_box, self.model_status, self.device_status, self._time_box):
            self.statusBar().addPermanentWidget(widget)

        session = self.session
        session.model_loading.connect(self._on_model_loading)
        session.model_changed.connect(self._on_model_changed)
        session.prediction_changed.connect(self._on_prediction)
        session.problem.connect(self._on_problem)
        session.problem_gone.connect(self._on_problem_gone)
        self.tabs.currentChanged.connect(self._on_tab_changed)

        self._fit_to_screen()
        self._restore_settings()
        self.retranslate()
        self._on_tab_changed(self.tabs.currentIndex())
        session.start()

    # == thin accessors (the GUI tests, the self-test and the tools use these) =====================
    @property
    def recognise(self) -> RecognisePage:
        return next(p for p in self.pages if isinstance(p, RecognisePage))

    @property
    def training(self) -> TrainPage:
        return next(p for p in self.pages if isinstance(p, TrainPage))

    @property
    def canvas(self) -> DrawingCanvas:
        """The Recognise page's sheet."""
        return self.recognise.canvas

    def current_prediction(self, wait: bool = True, timeout_s: float = 10.0) -> Prediction | None:
        """The answer naming a digit for what is on the sheet now, or None (nothing drawn, no digit).

        With `wait`, first lets outstanding work finish, so that a caller who just drew gets the
        answer for the drawing, not for a state a few events old.
        """
        if wait:
            self.session.wait_until_idle(timeout_s)
        prediction = self.session.prediction()
        if self.session.sheet() is None or prediction is None or not prediction.is_digit:
            return None
        return prediction

    def wait_until_idle(self, timeout_s: float = 10.0) -> bool:
        return self.session.wait_until_idle(timeout_s)

    def message_text(self) -> str:
        return self.recognise.message_text()

    def language(self) -> str:
        return self._language

    # == language =================================================================================
    def set_language(self, language: str) -> None:
        self._language = language if language in LANGUAGES else "system"
        self.settings.language = self._language
        for action in self.menus.language_group.actions():
            action.setChecked(action.data() == self._language)
        i18n.install(self._language)
        # Qt posts LanguageChange; deliver it now so every widget re-reads its strings before we return.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("LeNet Digits"))
        self.menus.retranslate()
        for index, page in enumerate(self.pages):
            self.tabs.setTabText(index, page.title())
            self.tabs.setTabToolTip(index, page.tooltip())
        self.model_status.setToolTip(self.tr("The network in use"))
        self.device_status.setToolTip(self.tr("Where the network runs"))
        self.answer_status.setToolTip(self.tr("The network's answer for the sheet"))
        self.time_status.setToolTip(self.tr("Time of the last inference, preprocessing included"))
        self._refresh_status()

    # == what the session says ======================================================================
    def _on_model_loading(self, name: str) -> None:
        self.model_status.setText(
            fill(self.tr("Loading %1…"), name) if name else self.tr("Loading the model…")
        )

    def _on_model_changed(self, entry: ModelEntry) -> None:
        self._refresh_status()

    def _on_prediction(self, prediction: Prediction | None) -> None:
        if prediction is not None and prediction.probabilities is not None:
            self.time_status.setText(fill(self.tr("%1 ms"), f"{prediction.elapsed_ms:.1f}"))
        self._refresh_answer()

    def _on_problem(self, text: str) -> None:
        self._problem = text
        self.statusBar().showMessage(text, STATUS_MS)

    def _on_problem_gone(self) -> None:
        if self._problem and self.statusBar().currentMessage() == self._problem:
            self.statusBar().clearMessage()  # the same problem, repeated there: gone too
        self._problem = ""

    def _refresh_status(self) -> None:
        recognizer = self.session.recognizer()
        self.model_status.setText(self.session.model_name())
        name = recognizer.device_name if recognizer is not None else ""
        self.device_status.setText(fill(self.tr("Device: %1"), name) if name else "")
        self._refresh_answer()

    def _refresh_answer(self) -> None:
        shown = verdict(self.session.prediction())
        self.answer_status.setText(shown.summary)
        color = shown.color
        style = f"color: {color.name()}; font-weight: bold;" if color is not None else ""
        if style != self.answer_status.styleSheet():  # restyling costs a relayout
            self.answer_status.setStyleSheet(style)

    def _on_tab_changed(self, index: int) -> None:
        for i, page in enumerate(self.pages):
            page.set_current(i == index)
        self._answer_box.setVisible(self.tabs.widget(index) is self.recognise)  # that sheet's answer

    def show_page(self, name: str) -> None:
        """Bring a page to the front, by its name ("recognise", "train", ...)."""
        for page in self.pages:
            if page.name == name:
                self.tabs.setCurrentWidget(page)

    def _mark(self, page: Page, attention: bool) -> None:
        """A warning sign on a page's tab while it needs attention (seen from afar)."""
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning) if attention else QIcon()
        self.tabs.setTabIcon(self.tabs.indexOf(page), icon)

    def _fit_to_screen(self) -> None:
        """A first size that uses the screen (a saved layout, restored next, takes precedence)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        width = min(FIRST_SIZE_MAX[0], area.width() - FIRST_SIZE_MARGIN[0])
        height = min(FIRST_SIZE_MAX[1], area.height() - FIRST_SIZE_MARGIN[1])
        self.resize(max(800, width), max(560, height))
        left = area.x() + (area.width() - self.width()) // 2
        self.move(left, area.y() + (area.height() - self.height()) // 2)

    def about_text(self) -> str:
        from app import __version__

        # Each text on its own line: pyside6-lupdate does not read tr() inside f-strings.
        title = fill(self.tr("LeNet Digits %1"), __version__)
        tagline = self.tr("Draw a digit and watch LeNet-5 read it, layer by layer.")
        cited = fill(self.tr("The network is the one described in: %1."), PAPER)
        licence = self.tr("Licence: MIT. Built with Qt for Python (PySide6, LGPLv3) and PyTorch (BSD).")
        authors = self.tr("LeNet-5 on its authors’ page:")
        return (
            f"<h3>{title}</h3><p>{tagline}</p>"
            f"<p>{cited} <a href='{PAPER_LINK}'>{PAPER_LINK}</a></p>"
            f"<p>{licence}</p>"
            f"<p>{authors} <a href='{PROJECT_LINK}'>{PROJECT_LINK}</a></p>"
        )

    def _about(self) -> None:
        box = QMessageBox(self)
        box.setObjectName("about_box")
        box.setWindowTitle(self.tr("About LeNet Digits"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(self.about_text())
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        if not self.windowIcon().isNull():
            box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.exec()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "menus"):
            self.menus.apply_icons()  # light or dark: the icons take the text colour
        super().changeEvent(event)

    # == settings and shutdown ======================================================================
    def _restore_settings(self) -> None:
        settings = self.settings
        if settings.window_geometry is not None:
            self.restoreGeometry(settings.window_geometry)
        if settings.window_state is not None:
            self.restoreState(settings.window_state)
        for page in self.pages:
            page.restore_state(settings)

    def _save_settings(self) -> None:
        settings = self.settings
        settings.window_geometry = self.saveGeometry()
        settings.window_state = self.saveState()
        for page in self.pages:
            page.save_state(settings)
        settings.language = self._language
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if not self._shutting_down:
            if not all(page.may_close() for page in self.pages):  # unsaved work keeps the window open
                event.ignore()
                return
            self._shutting_down = True
            try:
                self._save_settings()
                self.statusBar().clearMessage()  # stops the status bar's message timer
            finally:  # whatever happened above, no worker thread outlives the window
                for page in self.pages:
                    page.shutdown()
                self.session.shutdown()
        super().closeEvent(event)


def create_main_window(
    settings: QSettings | None = None, data_dir: str | Path | None = None, language: str | None = None
) -> MainWindow:
    """Build the main window without starting the event loop (creates the QApplication if needed).

    `settings`: where preferences live (default: the platform's QSettings for the app); `data_dir`:
    the user's data folder (fine-tuned models, samples); `language`: "en", "zh_CN" or "system".
    """
    if QApplication.instance() is None:
        QApplication([APPLICATION])
    if not QCoreApplication.organizationName():
        QCoreApplication.setOrganizationName(ORGANIZATION)
    if not QCoreApplication.applicationName() or QCoreApplication.applicationName() == "python":
        QCoreApplication.setApplicationName(APPLICATION)
    theme.follow_system()
    return MainWindow(settings=settings, data_dir=Path(data_dir) if data_dir else None, language=language)
