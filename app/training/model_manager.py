"""The kept models: list them, switch to one, rename, delete, reset to the shipped model.

Every change goes through the core's ModelLibrary (the one source of truth, which the recognise
tab's model menu lists too); the manager only asks the window to switch (`switch_requested`) and
says when the library changed, so the menu follows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.config import DEFAULT_ARCH
from app.models import ModelEntry, all_models


def _pct(text: str | None) -> str:
    try:
        return f"{float(text or ''):.1%}"
    except ValueError:
        return "–"


class ModelManager(QWidget):
    switch_requested = Signal(str)  # a model key
    library_changed = Signal()  # renamed or deleted: menus must list again
    problem = Signal(str)

    def __init__(self, library: Any, namer: Callable[[ModelEntry], str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("model_manager")
        self._library = library
        self._namer = namer
        self._active = ""
        self._entries: list[ModelEntry] = []
        self.list = QListWidget(self)
        self.list.setObjectName("models_list")
        self.list.setMinimumHeight(44)  # two rows; the splitter above it may take the rest
        self.list.itemSelectionChanged.connect(self._sync_buttons)
        self.list.itemDoubleClicked.connect(lambda _item: self.use_selected())
        self.use_button = QPushButton(self)
        self.use_button.setObjectName("use_model")
        self.use_button.clicked.connect(self.use_selected)
        self.rename_button = QPushButton(self)
        self.rename_button.setObjectName("rename_model")
        self.rename_button.clicked.connect(self._rename_dialog)
        self.delete_button = QPushButton(self)
        self.delete_button.setObjectName("delete_model")
        self.delete_button.clicked.connect(self._delete_dialog)
        self.reset_button = QPushButton(self)
        self.reset_button.setObjectName("reset_model")
        self.reset_button.clicked.connect(self.reset_to_shipped)
        buttons = QGridLayout()  # two by two: the Train tab's right column must stay narrow
        order = (self.use_button, self.reset_button, self.rename_button, self.delete_button)
        for i, button in enumerate(order):
            buttons.addWidget(button, i // 2, i % 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.retranslate()

    # -- public API -------------------------------------------------------------------------------
    def refresh(self, active_key: str | None = None) -> None:
        if active_key is not None:
            self._active = active_key
        selected = self.selected_key()
        self._entries = all_models(self._library)
        self.list.clear()
        for entry in self._entries:
            item = QListWidgetItem(self._label(entry), self.list)
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            item.setToolTip(self._describe(entry))
            if entry.key == self._active:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            if entry.broken:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            if entry.key == selected:
                item.setSelected(True)
        self._sync_buttons()

    def keys(self) -> list[str]:
        return [e.key for e in self._entries]

    def active_key(self) -> str:
        return self._active

    def selected_key(self) -> str | None:
        items = self.list.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def select(self, key: str) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setSelected(item.data(Qt.ItemDataRole.UserRole) == key)

    def use_selected(self) -> None:
        key = self.selected_key()
        if key is not None and key != self._active:
            self.switch_requested.emit(key)

    def rename(self, key: str, name: str) -> bool:
        return self._change(lambda: self._library.rename(key, name))

    def delete(self, key: str) -> bool:
        """Delete a kept model's file (no question asked: the dialog asks before calling this)."""
        fallback = self.shipped_counterpart()  # the shipped model of the same kind, if it was in use
        if not self._change(lambda: self._library.delete(key)):
            return False
        if key == self._active:
            self.switch_requested.emit(fallback)
        return True

    def shipped_counterpart(self) -> str:
        """The shipped model of the architecture in use: what "Reset to shipped" goes back to."""
        entry = self._entry(self._active)
        return entry.arch if entry is not None and entry.arch in ("classic", "modern") else DEFAULT_ARCH

    def reset_to_shipped(self) -> bool:
        """Back to the shipped model of the same architecture, after a confirmation; True if asked for."""
        current, target = self._entry(self._active), self._entry(self.shipped_counterpart())
        if current is None or target is None or current.shipped:
            return False
        answer = QMessageBox.question(
            self,
            self.tr("Reset to the shipped model"),
            self.tr("Stop using “%1” and go back to %2, the model shipped with the app? Your kept models "
                    "stay in the list.")
            .replace("%1", self._namer(current)).replace("%2", self._namer(target)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.switch_requested.emit(target.key)
        return True

    # -- internals --------------------------------------------------------------------------------
    def _change(self, operation: Callable[[], object]) -> bool:
        if self._library is None:
            return False
        try:
            operation()
        except (OSError, ValueError) as exc:  # LibraryError is a ValueError
            self.problem.emit(str(exc))
            return False
        self.refresh()
        self.library_changed.emit()
        return True

    def _entry(self, key: str | None) -> ModelEntry | None:
        return next((e for e in self._entries if e.key == key), None)

    def _rename_dialog(self) -> None:
        entry = self._entry(self.selected_key())
        if entry is None or entry.shipped:
            return
        dialog = QInputDialog(self)
        dialog.setObjectName("rename_model_dialog")
        dialog.setWindowTitle(self.tr("Rename model"))
        dialog.setLabelText(self.tr("New name of “%1”:").replace("%1", entry.name))
        dialog.setTextValue(entry.name)
        # Wide enough for the title bar ("Rename model", not "Rena… model") and a long name.
        dialog.resize(max(dialog.sizeHint().width(), 420), dialog.sizeHint().height())
        if dialog.exec() and dialog.textValue().strip():
            self.rename(entry.key, dialog.textValue())

    def _delete_dialog(self) -> None:
        entry = self._entry(self.selected_key())
        if entry is None or entry.shipped:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete model"),
            self.tr("Delete the model “%1”? Its file is removed; this cannot be undone.").replace(
                "%1", entry.name
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete(entry.key)

    def _label(self, entry: ModelEntry) -> str:
        name = self._namer(entry)
        if entry.broken:
            return self.tr("%1 (cannot be loaded)").replace("%1", name)
        if entry.key == self._active:
            return self.tr("%1 (in use)").replace("%1", name)
        return name

    def _describe(self, entry: ModelEntry) -> str:
        if entry.broken:
            return entry.broken
        if entry.shipped:
            return self.tr("Shipped with the app, trained on MNIST")
        meta = entry.metadata or {}
        return (
            self.tr("%1 architecture, kept %2, %3 samples").replace("%1", entry.arch)
            .replace("%2", meta.get("finetune_date", "?")).replace("%3", meta.get("samples_used", "?"))
            + "\n"
            + self.tr("Your held-out samples: %1 → %2; MNIST: %3 → %4")
            .replace("%1", _pct(meta.get("holdout_accuracy_before")))
            .replace("%2", _pct(meta.get("holdout_accuracy_after")))
            .replace("%3", _pct(meta.get("mnist_accuracy_before")))
            .replace("%4", _pct(meta.get("mnist_accuracy_after")))
        )

    def _sync_buttons(self) -> None:
        entry = self._entry(self.selected_key())
        kept = entry is not None and not entry.shipped
        self.use_button.setEnabled(entry is not None and not entry.broken and entry.key != self._active)
        self.rename_button.setEnabled(kept and self._library is not None)
        self.delete_button.setEnabled(kept and self._library is not None)
        active = self._entry(self._active)
        self.reset_button.setEnabled(active is not None and not active.shipped)

    def retranslate(self) -> None:
        self.use_button.setText(self.tr("Use"))
        self.use_button.setToolTip(self.tr("Recognise with the selected model (double-click works too)"))
        self.rename_button.setText(self.tr("Rename…"))
        self.rename_button.setToolTip(self.tr("Give the selected kept model another name"))
        self.delete_button.setText(self.tr("Delete…"))
        self.delete_button.setToolTip(self.tr("Delete the selected kept model's file"))
        self.reset_button.setText(self.tr("Reset to shipped"))
        self.reset_button.setToolTip(
            self.tr("Go back to the shipped model of the same kind as the one in use (kept models stay)")
        )
        self.list.setToolTip(self.tr("The shipped models and the ones you kept; the one in use is bold"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
