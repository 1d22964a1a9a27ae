"""The window's menus and toolbar, built from the action table of app/actions.py.

The actions that act on a page are handed to that page (`Page.connect_actions`); the ones that act on
the app (models, devices, language, tabs, quit, about) are handled by the window. The Model menu and
the toolbar's drop-down list the session's models and follow its `models_changed`/`model_changed`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QMenu, QToolBar

from app.actions import (
    ACTION_ICONS,
    ACTIONS,
    DEVICE_ACTIONS,
    LANGUAGE_ACTIONS,
    ActionSpec,
    apply_texts,
    create_action,
    set_texts,
)
from app.config import LANGUAGES
from app.icons import line_icon
from app.pages import Page
from app.session import RecognitionSession
from app.texts import fill

if TYPE_CHECKING:
    from lenet_core.model_library import ModelEntry

MENUS: dict[str, tuple[str | None, ...]] = {  # None: a separator
    "file": ("open", "paste", None, "export_maps", "export_canvas", None, "quit"),
    "edit": ("undo", "redo", "clear", None, "eraser", "pen_wider", "pen_thinner", None, "correct"),
}
TOOLBAR = ("open", "undo", "redo", "clear", "eraser")


def available_devices(session: RecognitionSession) -> list[str]:
    """Devices worth offering: always auto and CPU; CUDA and MPS only when torch can use them."""
    if session.recognizer() is None:  # torch is still loading: the GPUs are added once it has
        return ["auto", "cpu"]
    from lenet_core.recognizer import available_devices as core_devices

    return ["auto", *core_devices()]


class WindowMenus(QObject):
    def __init__(self, window: QMainWindow, session: RecognitionSession, pages: list[Page],
                 language: str, handlers: dict[str, Callable[[], object]]) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.actions_by_name: dict[str, QAction] = {}
        self._specs: dict[str, ActionSpec] = {}
        for name, spec in ACTIONS.items():
            action = self._add(name, spec)
            if name in handlers:
                action.triggered.connect(handlers[name])
        self.device_group = QActionGroup(self)
        self.language_group = QActionGroup(self)
        for lang in LANGUAGES:
            action = self._add(f"language_{lang}", LANGUAGE_ACTIONS[lang])
            action.setData(lang)
            action.setChecked(lang == language)
            self.language_group.addAction(action)
        self.model_group = QActionGroup(self)

        bar = window.menuBar()
        self.file_menu = self._menu(bar.addMenu(""), MENUS["file"])
        self.edit_menu = self._menu(bar.addMenu(""), MENUS["edit"])
        self.view_menu = self._menu(bar.addMenu(""), ("tab_recognise", "tab_train"))
        self.model_menu = bar.addMenu("")
        self.device_menu = bar.addMenu("")
        self.settings_menu = bar.addMenu("")
        self.language_menu = QMenu(window)
        self.language_menu.addActions(self.language_group.actions())
        self.settings_menu.addMenu(self.language_menu)
        self.help_menu = self._menu(bar.addMenu(""), ("about",))

        self.model_label = QLabel(window)
        self.model_combo = QComboBox(window)
        self.model_combo.setObjectName("model_combo")
        # As wide as the longest name ("Fine-tuned: My handwriting", not "Fine-tuned: My handwri").
        self.model_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.model_combo.activated.connect(lambda i: session.select_model(self.model_combo.itemData(i)))
        self.toolbar = QToolBar(window)
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addActions([self.actions_by_name[n] for n in TOOLBAR])
        for page in pages:
            for widget in [None, *page.toolbar_widgets()] if page.toolbar_widgets() else []:
                self.toolbar.addSeparator() if widget is None else self.toolbar.addWidget(widget)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.model_label)
        self.toolbar.addWidget(self.model_combo)
        window.addToolBar(self.toolbar)
        self.apply_icons()
        self.rebuild_devices()
        self.rebuild_models()
        session.models_changed.connect(self.rebuild_models)
        session.model_changed.connect(self.sync_models)

    def apply_icons(self) -> None:
        """Draw the actions' icons in the palette's colours (again after a switch to or from dark mode)."""
        palette = self.window.palette()
        for name, icon in ACTION_ICONS.items():
            action = self.actions_by_name.get(name)
            if action is not None:
                action.setIcon(line_icon(icon, palette))

    def _add(self, name: str, spec: ActionSpec) -> QAction:
        action = create_action(self.window, name, spec)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.actions_by_name[name] = action
        self._specs[name] = spec
        self.window.addAction(action)
        return action

    def _remove(self, action: QAction) -> None:
        name = action.objectName().removeprefix("action_")
        self.window.removeAction(action)
        self.actions_by_name.pop(name, None)
        self._specs.pop(name, None)
        action.deleteLater()

    def _menu(self, menu: QMenu, names: tuple[str | None, ...]) -> QMenu:
        for name in names:
            menu.addSeparator() if name is None else menu.addAction(self.actions_by_name[name])
        return menu

    def rebuild_devices(self) -> None:
        """(Re)list the devices: CPU and auto at once, the GPUs torch finds once it has loaded."""
        for action in self.device_group.actions():
            self.device_group.removeAction(action)
            self._remove(action)
        self.device_menu.clear()
        for device in available_devices(self.session):
            action = self._add(f"device_{device}", DEVICE_ACTIONS[device])
            action.setData(device)
            apply_texts(action, DEVICE_ACTIONS[device])
            self.device_group.addAction(action)
            self.device_menu.addAction(action)
            action.triggered.connect(lambda _=False, d=device: self.session.select_device(d))
        self.sync_models()

    def rebuild_models(self) -> None:
        """(Re)list the models: the shipped ones, then the user's fine-tuned ones (F5 re-scans)."""
        self.model_menu.clear()
        for action in self.model_group.actions():
            self.model_group.removeAction(action)
            self._remove(action)
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        for i, entry in enumerate(self.session.models()):
            shortcuts = (f"Ctrl+{i + 1}",) if i < 9 else ()  # texts: set by retranslate_models
            action = self._add(f"model_{entry.id}", ActionSpec(shortcuts, "", "", checkable=True))
            action.setData(entry.id)
            # The shipped models are always offered: a build without their weights runs untrained.
            action.setEnabled(entry.broken is None or entry.shipped)
            action.triggered.connect(lambda _=False, k=entry.id: self.session.select_model(k))
            self.model_group.addAction(action)
            self.model_menu.addAction(action)
            self.model_combo.addItem("", entry.id)
            if entry.broken and not entry.shipped:
                self.model_combo.model().item(self.model_combo.count() - 1).setEnabled(False)  # type: ignore[attr-defined]
        if not self.session.models():
            self.model_combo.addItem("", "")  # "Loading…" until the session has listed the models
        self.model_menu.addSeparator()
        self.model_menu.addAction(self.actions_by_name["reload_models"])
        self.model_combo.blockSignals(False)
        self.retranslate_models()
        self.sync_models()

    def sync_models(self, *_: object) -> None:
        """Check what is in use: the model, and the device asked for."""
        current = self.session.model_id()
        for action in self.model_group.actions():
            action.setChecked(action.data() == current)
        index = self.model_combo.findData(current)
        if index >= 0:
            self.model_combo.setCurrentIndex(index)
        if len(self.device_group.actions()) < len(available_devices(self.session)):
            self.rebuild_devices()  # torch has loaded: a GPU may be there
            return
        for action in self.device_group.actions():
            action.setChecked(action.data() == self.session.device())

    def retranslate(self) -> None:
        for name, action in self.actions_by_name.items():
            if not name.startswith("model_"):
                apply_texts(action, self._specs[name])
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.model_menu.setTitle(self.tr("&Model"))
        self.device_menu.setTitle(self.tr("&Device"))
        self.settings_menu.setTitle(self.tr("&Settings"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.model_label.setText(self.tr("Model:"))
        self.model_combo.setToolTip(self.tr("Which network reads the drawing"))
        self.retranslate_models()

    def retranslate_models(self) -> None:
        models: list[ModelEntry] = self.session.models()
        if not models and self.model_combo.count():
            self.model_combo.setItemText(0, self.tr("Loading…"))
        for i, entry in enumerate(models):
            name = self.session.model_name(entry)
            # Whole up to 48 characters (the drop-down grows to fit); the rest in the tooltip.
            self.model_combo.setItemText(i, name if len(name) <= 48 else name[:47] + "…")
            self.model_combo.setItemData(i, name, Qt.ItemDataRole.ToolTipRole)
            action = self.actions_by_name.get(f"model_{entry.id}")
            if action is not None:
                set_texts(action, name, fill(self.tr("Switch to %1"), name))
