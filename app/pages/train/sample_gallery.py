"""The gallery of the user's samples: thumbnails filtered by digit, counts per digit, relabel, delete.

It shows what the store holds and edits it only through the store's own undoable operations; it
never keeps a second copy of the truth (after each change it lists the store again).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QListView,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.texts import Retranslating, fill, fit_menu_button

THUMB = 56
ALL = -1  # the filter value of "every digit"
SOURCE_MARK = {"correction": QColor(200, 120, 0), "imported": QColor(40, 110, 200)}


def thumbnail(png: bytes) -> QPixmap:
    """The sample scaled into a THUMB square; a crossed box when the stored PNG cannot be decoded."""
    image = QImage.fromData(png)
    pixmap = QPixmap(THUMB, THUMB)
    pixmap.fill(QColor(255, 255, 255))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    if image.isNull():
        painter.setPen(QColor(200, 0, 0))
        painter.drawLine(4, 4, THUMB - 5, THUMB - 5)
        painter.drawLine(4, THUMB - 5, THUMB - 5, 4)
    else:
        scaled = image.scaled(
            THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        painter.drawImage((THUMB - scaled.width()) // 2, (THUMB - scaled.height()) // 2, scaled)
    painter.setPen(QColor(190, 190, 190))
    painter.drawRect(0, 0, THUMB - 1, THUMB - 1)
    painter.end()
    return pixmap


class SampleListModel(QAbstractListModel):
    """Rows of (sample, thumbnail); thumbnails are cached by sample id (a sample's PNG never changes)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._samples: list[Any] = []
        self._thumbs: dict[int, QPixmap] = {}

    def set_samples(self, samples: list[Any]) -> None:
        self.beginResetModel()
        self._samples = samples
        self.endResetModel()

    def sample(self, row: int) -> Any:
        return self._samples[row]

    def ids(self) -> list[int]:
        return [s.id for s in self._samples]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._samples)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        s = self._samples[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(s.label)
        if role == Qt.ItemDataRole.DecorationRole:
            if s.id not in self._thumbs:
                self._thumbs[s.id] = thumbnail(s.png)
            return self._thumbs[s.id]
        if role == Qt.ItemDataRole.ForegroundRole:
            return SOURCE_MARK.get(s.source)
        if role == Qt.ItemDataRole.ToolTipRole:
            when = s.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
            return fill(
                self.tr("Sample #%1: the digit %2, %3, added %4"),
                str(s.id),
                str(s.label),
                self._source_name(s.source),
                when,
            )
        if role == Qt.ItemDataRole.UserRole:
            return s.id
        return None

    def _source_name(self, source: str) -> str:
        return {
            "drawn": self.tr("drawn"),
            "correction": self.tr("a correction from the recognise tab"),
            "imported": self.tr("imported"),
        }.get(source, source)


class SampleGallery(Retranslating, QWidget):
    """Filter buttons with counts, the thumbnails, and the edit buttons; edits go through `store`."""

    changed = Signal()  # the user relabelled, deleted, undid or redid: the samples changed
    problem = Signal(str)  # a message for the user (database locked, damaged...)
    import_requested = Signal(str)  # a folder chosen by the user
    export_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sample_gallery")
        self._store: Any = None
        self._filter = ALL

        self.filter_group = QButtonGroup(self)
        self.filter_group.setExclusive(True)
        filters = QHBoxLayout()
        filters.setSpacing(2)
        self.filter_buttons: dict[int, QToolButton] = {}
        for value in (ALL, *range(10)):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setObjectName(f"filter_{'all' if value == ALL else value}")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.filter_group.addButton(button, value)
            self.filter_buttons[value] = button
            filters.addWidget(button)
        filters.addStretch(1)
        self.filter_buttons[ALL].setChecked(True)
        self.filter_group.idClicked.connect(self.set_filter)

        self.model = SampleListModel(self)
        self.view = QListView(self)
        self.view.setObjectName("samples_view")
        self.view.setModel(self.model)
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setIconSize(QSize(THUMB, THUMB))
        self.view.setGridSize(QSize(THUMB + 12, THUMB + 22))
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().selectionChanged.connect(self._sync_buttons)

        self.relabel_menu = QMenu(self)
        self.relabel_actions: list[QAction] = []
        for digit in range(10):
            action = self.relabel_menu.addAction(f"&{digit}")
            action.triggered.connect(lambda _=False, d=digit: self.relabel_selected(d))
            self.relabel_actions.append(action)
        self.relabel_button = self._button("relabel")
        self.relabel_button.setMenu(self.relabel_menu)
        self.relabel_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.delete_button = self._button("delete_samples", self.delete_selected)
        self.undo_button = self._button("undo_samples", self.undo)
        self.redo_button = self._button("redo_samples", self.redo)
        self.import_button = self._button("import_samples", self._choose_import_folder)
        self.export_button = self._button("export_samples", self._choose_export_folder)
        buttons = QHBoxLayout()
        for button in (self.relabel_button, self.delete_button, self.undo_button, self.redo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        files = QHBoxLayout()
        files.addStretch(1)
        files.addWidget(self.import_button)
        files.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addLayout(files)
        self.retranslate()
        self._sync_buttons()

    def _button(self, name: str, handler: Any = None) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        if handler is not None:
            button.clicked.connect(handler)
        return button

    # -- data -------------------------------------------------------------------------------------
    def set_store(self, store: Any) -> None:
        self._store = store
        self.refresh()

    def refresh(self) -> None:
        """List the store again (after any change, here or elsewhere: corrections, imports)."""
        counts = dict.fromkeys(range(10), 0)
        samples: list[Any] = []
        if self._store is not None:
            try:
                counts = self._store.counts()
                samples = self._store.samples(None if self._filter == ALL else self._filter)
            except Exception as exc:  # noqa: BLE001 - SampleStoreError and friends: shown, never raised
                self.problem.emit(str(exc))
        self._counts = counts
        self.model.set_samples(samples)
        self._retranslate_counts()
        self._sync_buttons()

    def counts(self) -> dict[int, int]:
        return dict(self._counts)

    def shown_ids(self) -> list[int]:
        return self.model.ids()

    def set_filter(self, value: int) -> None:
        self._filter = value
        self.filter_buttons[value].setChecked(True)
        self.refresh()

    def select_ids(self, ids: list[int]) -> None:
        selection = self.view.selectionModel()
        selection.clearSelection()
        for row, sid in enumerate(self.model.ids()):
            if sid in ids:
                selection.select(self.model.index(row), selection.SelectionFlag.Select)

    def selected_ids(self) -> list[int]:
        return [self.model.sample(i.row()).id for i in self.view.selectionModel().selectedIndexes()]

    # -- edits (each one undoable in the store) ----------------------------------------------------
    def _edit(self, operation: Any) -> None:
        if self._store is None:
            return
        try:
            operation()
        except Exception as exc:  # noqa: BLE001 - the store explains (locked, damaged, gone)
            self.problem.emit(str(exc))
        self.changed.emit()  # the page tells every view of the samples, this one included

    def relabel_selected(self, digit: int) -> None:
        ids = self.selected_ids()
        self._edit(lambda: [self._store.relabel(sid, digit) for sid in ids])

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        self._edit(lambda: [self._store.delete(sid) for sid in ids])

    def undo(self) -> None:
        self._edit(lambda: self._store.undo())

    def redo(self) -> None:
        self._edit(lambda: self._store.redo())

    def _choose_import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import samples: a folder with 0-9 inside"))
        if folder:
            self.import_requested.emit(folder)

    def _choose_export_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export samples to a folder"))
        if folder:
            self.export_requested.emit(folder)

    def _context_menu(self, position: Any) -> None:
        if not self.selected_ids():
            return
        menu = QMenu(self)
        menu.addMenu(self.relabel_menu).setText(self.relabel_button.text())
        menu.addAction(self.delete_button.text(), self.delete_selected)
        menu.exec(self.view.viewport().mapToGlobal(position))

    def _sync_buttons(self, *_: Any) -> None:
        selected = bool(self.view.selectionModel().hasSelection()) if self.view.selectionModel() else False
        store = self._store
        self.relabel_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)
        self.undo_button.setEnabled(store is not None and store.can_undo)
        self.redo_button.setEnabled(store is not None and store.can_redo)
        self.import_button.setEnabled(store is not None)
        self.export_button.setEnabled(store is not None)

    # -- translation ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.relabel_button.setText(self.tr("Relabel as"))
        fit_menu_button(self.relabel_button)
        self.relabel_button.setToolTip(self.tr("Give the selected samples another digit (undoable)"))
        self.delete_button.setText(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Delete the selected samples (Delete; undoable)"))
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Undo the last relabel or delete (Ctrl+Z in the gallery)"))
        self.redo_button.setText(self.tr("Redo"))
        self.redo_button.setToolTip(self.tr("Redo what was undone (Ctrl+Shift+Z in the gallery)"))
        self.import_button.setText(self.tr("Import…"))
        self.import_button.setToolTip(
            self.tr(
                "Add every image of a folder laid out as <digit>/<file>.png (unreadable files are "
                "skipped and listed)"
            )
        )
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setToolTip(
            self.tr("Write every sample to a folder as <digit>/<id>.png (nothing is overwritten)")
        )
        self.view.setToolTip(
            self.tr(
                "Your samples, newest first; orange: corrections, blue: imported. Select some to "
                "relabel or delete them (right-click for a menu)"
            )
        )
        self._retranslate_counts()

    def _retranslate_counts(self) -> None:
        counts = getattr(self, "_counts", dict.fromkeys(range(10), 0))
        all_button = self.filter_buttons[ALL]
        all_button.setText(fill(self.tr("All %1"), str(sum(counts.values()))))
        all_button.setToolTip(self.tr("Show the samples of every digit"))
        for digit in range(10):
            button = self.filter_buttons[digit]
            button.setText(f"{digit}\n{counts.get(digit, 0)}")
            button.setToolTip(
                fill(
                    self.tr("%1 samples of the digit %2; click to show only those"),
                    str(counts.get(digit, 0)),
                    str(digit),
                )
            )
