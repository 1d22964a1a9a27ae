"""The kept models: list them, switch to one, rename, delete, reset to the shipped model.

Every change goes through the session, which keeps the core's ModelLibrary (the one list and the one
record of the model in use) and tells every view, the window's Model menu too, when it changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
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

from app.pages.train.model_export import ModelExporter, ask_export_path
from app.session import RecognitionSession
from app.texts import Retranslating, fill

if TYPE_CHECKING:
    from lenet_core.model_library import ModelEntry


def _pct(text: str | None) -> str:
    try:
        return f"{float(text or ''):.1%}"
    except ValueError:
        return "–"


class ModelManager(Retranslating, QWidget):
    problem = Signal(str)
    note = Signal(str)  # a passing message (an export finished)

    def __init__(self, session: RecognitionSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("model_manager")
        self.session = session
        self._namer = session.model_name
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
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("export_model")
        self.export_button.clicked.connect(self._export_dialog)
        self.exporter = ModelExporter(self)
        self.exporter.finished.connect(self._on_exported)
        self.exporter.failed.connect(self._on_export_failed)
        buttons = QGridLayout()  # two by two: the Train tab's right column must stay narrow
        order = [self.use_button, self.reset_button, self.rename_button, self.delete_button]
        order.append(self.export_button)
        for i, button in enumerate(order):
            buttons.addWidget(button, i // 2, i % 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.retranslate()
        session.models_changed.connect(self.refresh)
        session.model_changed.connect(self.refresh)

    # -- public API -------------------------------------------------------------------------------
    @property
    def _active(self) -> str:
        return self.session.model_id()

    def refresh(self) -> None:
        selected = self.selected_key()
        self._entries = self.session.models()
        self.list.clear()
        for entry in self._entries:
            item = QListWidgetItem(self._label(entry), self.list)
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            item.setToolTip(self._describe(entry))
            if entry.id == self._active:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            if entry.broken:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            if entry.id == selected:
                item.setSelected(True)
        self._sync_buttons()

    def keys(self) -> list[str]:
        return [e.id for e in self._entries]

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
            self.session.select_model(key)

    def rename(self, key: str, name: str) -> bool:
        return self._change(lambda: self.session.rename_model(key, name))

    def delete(self, key: str) -> bool:
        """Delete a kept model's file (no question asked: the dialog asks before calling this)."""
        return self._change(lambda: self.session.delete_model(key))

    def export(self, key: str, path: Path) -> bool:
        """Write a model to `path` as ONNX in the background, replacing a file there (the dialog asked)."""
        entry = self._entry(key)
        if entry is None or entry.broken or self.exporter.is_running():
            return False
        started = self.exporter.start(entry, self._namer(entry), path)
        self._sync_buttons()
        return started

    def shutdown(self) -> None:
        self.exporter.shutdown()

    def reset_to_shipped(self) -> bool:
        """Back to the shipped model of the same architecture, after a confirmation; True if asked for."""
        current, target = self._entry(self._active), self._entry(self.session.shipped_counterpart())
        if current is None or target is None or current.shipped:
            return False
        answer = QMessageBox.question(
            self,
            self.tr("Reset to the shipped model"),
            fill(
                self.tr(
                    "Stop using “%1” and go back to %2, the model shipped with the app? Your kept models "
                    "stay in the list."
                ),
                self._namer(current),
                self._namer(target),
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.session.select_model(target.id)
        return True

    # -- internals --------------------------------------------------------------------------------
    def _change(self, operation: Callable[[], object]) -> bool:
        if self.session.library is None:
            return False
        try:
            operation()
        except (OSError, ValueError) as exc:  # LibraryError is a ValueError
            self.problem.emit(str(exc))
            return False
        return True

    def _entry(self, key: str | None) -> ModelEntry | None:
        return next((e for e in self._entries if e.id == key), None)

    def _rename_dialog(self) -> None:
        entry = self._entry(self.selected_key())
        if entry is None or entry.shipped:
            return
        dialog = QInputDialog(self)
        dialog.setObjectName("rename_model_dialog")
        dialog.setWindowTitle(self.tr("Rename model"))
        dialog.setLabelText(fill(self.tr("New name of “%1”:"), entry.name))
        dialog.setTextValue(entry.name)
        # Wide enough for the title bar ("Rename model", not "Rena… model") and a long name.
        dialog.resize(max(dialog.sizeHint().width(), 420), dialog.sizeHint().height())
        if dialog.exec() and dialog.textValue().strip():
            self.rename(entry.id, dialog.textValue())

    def _delete_dialog(self) -> None:
        entry = self._entry(self.selected_key())
        if entry is None or entry.shipped:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete model"),
            fill(self.tr("Delete the model “%1”? Its file is removed; this cannot be undone."), entry.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete(entry.id)

    def _export_dialog(self) -> None:
        entry = self._entry(self.selected_key())
        if entry is None or entry.broken:
            return
        path = ask_export_path(self, self._namer(entry))
        if path is not None:
            self.export(entry.id, path)

    def _on_exported(self, name: str, path: str) -> None:
        self._sync_buttons()
        self.note.emit(fill(self.tr("“%1” exported to %2"), name, path))

    def _on_export_failed(self, name: str, reason: str) -> None:
        self._sync_buttons()
        self.problem.emit(fill(self.tr("Could not export “%1” to ONNX: %2"), name, reason))

    def _label(self, entry: ModelEntry) -> str:
        name = self._namer(entry)
        if entry.broken:
            return fill(self.tr("%1 (cannot be loaded)"), name)
        if entry.id == self._active:
            return fill(self.tr("%1 (in use)"), name)
        return name

    def _describe(self, entry: ModelEntry) -> str:
        if entry.broken:
            return entry.broken
        if entry.shipped:
            return self.tr("Shipped with the app, trained on MNIST")
        meta = entry.metadata or {}
        return (
            fill(
                self.tr("%1 architecture, kept %2, %3 samples"),
                entry.arch,
                meta.get("finetune_date", "?"),
                meta.get("samples_used", "?"),
            )
            + "\n"
            + fill(
                self.tr("Your held-out samples: %1 → %2; MNIST: %3 → %4"),
                _pct(meta.get("holdout_accuracy_before")),
                _pct(meta.get("holdout_accuracy_after")),
                _pct(meta.get("mnist_accuracy_before")),
                _pct(meta.get("mnist_accuracy_after")),
            )
        )

    def _sync_buttons(self) -> None:
        entry = self._entry(self.selected_key())
        kept = entry is not None and not entry.shipped
        self.use_button.setEnabled(entry is not None and not entry.broken and entry.id != self._active)
        self.rename_button.setEnabled(kept and self.session.library is not None)
        self.delete_button.setEnabled(kept and self.session.library is not None)
        active = self._entry(self._active)
        self.reset_button.setEnabled(active is not None and not active.shipped)
        idle = not self.exporter.is_running()
        self.export_button.setEnabled(entry is not None and not entry.broken and idle)

    def retranslate(self) -> None:
        self.use_button.setText(self.tr("Use"))
        self.use_button.setToolTip(self.tr("Recognise with the selected model (double-click works too)"))
        self.rename_button.setText(self.tr("Rename…"))
        self.rename_button.setToolTip(self.tr("Give the selected kept model another name"))
        self.delete_button.setText(self.tr("Delete…"))
        self.delete_button.setToolTip(self.tr("Delete the selected kept model's file"))
        self.export_button.setText(self.tr("Export to ONNX…"))
        self.export_button.setToolTip(
            self.tr("Write the selected model as an ONNX file, to use it in other programs")
        )
        self.reset_button.setText(self.tr("Reset to shipped"))
        self.reset_button.setToolTip(
            self.tr("Go back to the shipped model of the same kind as the one in use (kept models stay)")
        )
        self.list.setToolTip(self.tr("The shipped models and the ones you kept; the one in use is bold"))
        self.refresh()
