"""The main window: canvas, verdict, network input and feature maps, wired to the inference worker."""

from __future__ import annotations

import gc
import time
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QIcon, QImage
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSlider,
    QSplitter,
    QStyle,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from app.actions import (
    ACTIONS,
    DEVICE_ACTIONS,
    LANGUAGE_ACTIONS,
    RECOGNISE_ONLY,
    ActionSpec,
    apply_texts,
    create_action,
    set_texts,
)
from app.config import (
    APPLICATION,
    DEFAULT_DEVICE,
    DEFAULT_PEN_WIDTH,
    MESSAGE_STYLE,
    ORGANIZATION,
    PEN_WIDTH_RANGE,
)
from app.inference import InferenceController, ModelChoice
from app.models import (
    ModelEntry,
    all_models,
    available_devices,
    find_model,
    library_id_of,
    open_library,
    startup_key,
)
from app.resources import app_icon_path
from app.texts import fit_menu_button, with_article
from app.training.training_tab import TrainingTab
from app.training.unkept_result import settle_before_closing
from app.widgets.canvas import DrawingCanvas
from app.widgets.feature_maps import FeatureMapsView
from app.widgets.image_display import OpenedImage, placeholder_for, qimage_to_array
from app.widgets.map_detail import MapDetailDialog
from app.widgets.network_input import NetworkInputView
from app.widgets.probabilities import PredictionView

IMAGE_FILTER = "*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp *.pgm *.ppm"
CANVAS = "canvas"  # request tag of drawings; opened images are tagged ("file", source name)


class MainWindow(QMainWindow):
    prediction_shown = Signal(object)  # the Prediction now on screen (None: empty canvas)

    def __init__(
        self,
        settings: QSettings | None = None,
        data_dir: Path | None = None,
        language: str | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self._settings = settings if settings is not None else QSettings(ORGANIZATION, APPLICATION)
        self._data_dir = data_dir
        self._prediction: Any = None
        self._recognizer: Any = None
        # What is being recognised when it is not the drawing: ("file", path) or ("image", QImage); the
        # same tuple is the request's tag and, once read, the origin of the image on the sheet.
        self._source: Any = None
        self._display: tuple[Any, Any] | None = None  # (tag, QImage): the opened file's display copy
        self._model_key = ""
        self._device = str(self._settings.value("model/device", DEFAULT_DEVICE))
        self._requested: tuple[str | None, str] = (None, self._device)  # (model key, device) last asked for
        self._detail: MapDetailDialog | None = None
        self._shutting_down = False
        # The kept models (one source of truth for the Model menu and the Train tab).
        self.library, library_problem = open_library(data_dir)

        language = language or str(self._settings.value("ui/language", "system"))
        self._language = language if language in i18n.LANGUAGES else "system"
        i18n.install(self._language)

        icon = app_icon_path()
        if icon.exists():
            self.setWindowIcon(QIcon(str(icon)))

        self.inference = InferenceController(self)
        self.inference.prediction_ready.connect(self._on_prediction)
        self.inference.display_ready.connect(self._on_display_ready)
        self.inference.prediction_failed.connect(self._on_prediction_failed)
        self.inference.model_ready.connect(self._on_model_ready)
        self.inference.model_failed.connect(self._on_model_failed)

        self._build_widgets()
        self._build_actions()
        self._build_menus_and_toolbar()
        self._connect()
        self.retranslate()
        self._restore_settings()
        if library_problem:
            problem = self.tr("Your fine-tuned models cannot be listed: %1")
            self.show_message(problem.replace("%1", library_problem))

        self._sync_tab_actions()
        stored = str(self._settings.value("model/key", "")) or None
        self.select_model(startup_key(self.library, stored))

    # == construction =============================================================================
    def _build_widgets(self) -> None:
        self.canvas = DrawingCanvas(self)
        self.network_input = NetworkInputView(self)
        self.prediction_view = PredictionView(self)
        self.feature_maps = FeatureMapsView(self)

        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()

        self.pen_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.pen_slider.setObjectName("pen_width")
        self.pen_slider.setRange(round(PEN_WIDTH_RANGE[0] * 100), round(PEN_WIDTH_RANGE[1] * 100))
        self.pen_slider.setValue(round(DEFAULT_PEN_WIDTH * 100))
        self.pen_slider.setMaximumWidth(140)
        self.pen_label = QLabel(self)

        self.model_combo = QComboBox(self)
        self.model_combo.setObjectName("model_combo")
        # As wide as the longest name ("Fine-tuned: My handwriting", not "Fine-tuned: My handwri").
        self.model_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.message)
        left_layout.addWidget(self.canvas, 1)

        middle = QWidget(self)
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.network_input, 2)
        middle_layout.addWidget(self.prediction_view, 3)

        scroll = QScrollArea(self)
        scroll.setObjectName("feature_maps_scroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.feature_maps)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.feature_scroll = scroll

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("splitter")
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 2)
        splitter.setStretchFactor(2, 5)
        splitter.setSizes([440, 230, 470])
        self.splitter = splitter

        self.training = TrainingTab(self, self._data_dir, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(splitter, "")
        self.tabs.addTab(self.training, "")
        self.setCentralWidget(self.tabs)

        self.model_status = QLabel(self)
        self.device_status = QLabel(self)
        self.time_status = QLabel(self)
        for label in (self.model_status, self.device_status, self.time_status):
            self.statusBar().addPermanentWidget(label)
        self.resize(1180, 640)

    def _action(self, name: str, spec: ActionSpec) -> QAction:
        action = create_action(self, name, spec)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.actions_by_name[name] = action
        self._action_specs[name] = spec
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        self._action_specs: dict[str, ActionSpec] = {}
        handlers = {
            "open": self._open_dialog,
            "paste": lambda: self.paste_image(),
            "export_maps": self._export_maps_dialog,
            "export_canvas": self._export_canvas_dialog,
            "quit": self.close,
            "undo": self.canvas.undo,
            "redo": self.canvas.redo,
            "clear": self.clear,
            "pen_wider": lambda: self._nudge_pen(+1),
            "pen_thinner": lambda: self._nudge_pen(-1),
            "reload_models": self._rebuild_model_menu,
            "correct": self._popup_correction_menu,
            "tab_recognise": lambda: self.tabs.setCurrentIndex(0),
            "tab_train": lambda: self.tabs.setCurrentIndex(1),
            "about": self._about,
        }
        for name, spec in ACTIONS.items():
            action = self._action(name, spec)
            if name in handlers:
                action.triggered.connect(handlers[name])
        self.actions_by_name["eraser"].toggled.connect(self.canvas.set_eraser_mode)

        self.device_group = QActionGroup(self)
        for device in available_devices():
            action = self._action(f"device_{device}", DEVICE_ACTIONS[device])
            action.setData(device)
            self.device_group.addAction(action)
            action.triggered.connect(lambda _=False, d=device: self.select_device(d))

        self.language_group = QActionGroup(self)
        for language in i18n.LANGUAGES:
            action = self._action(f"language_{language}", LANGUAGE_ACTIONS[language])
            action.setData(language)
            action.setChecked(language == self._language)
            self.language_group.addAction(action)
            action.triggered.connect(lambda _=False, lang=language: self.set_language(lang))
        self.model_group = QActionGroup(self)
        # "This prediction was wrong, it is a N": the drawing goes to the samples as a correction.
        self.correction_menu = QMenu(self)
        self.correction_menu.setObjectName("correction_menu")
        self.correction_actions: list[QAction] = []
        for digit in range(10):
            action = self.correction_menu.addAction("")
            action.setObjectName(f"correct_{digit}")
            action.triggered.connect(lambda _=False, d=digit: self.correct_prediction(d))
            self.correction_actions.append(action)
        self.undo_action = self.actions_by_name["undo"]
        self.redo_action = self.actions_by_name["redo"]
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)

    def _build_menus_and_toolbar(self) -> None:
        acts = self.actions_by_name
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        for name in ("open", "paste", None, "export_maps", "export_canvas", None, "quit"):
            self.file_menu.addSeparator() if name is None else self.file_menu.addAction(acts[name])
        self.edit_menu = bar.addMenu("")
        for name in ("undo", "redo", "clear", None, "eraser", "pen_wider", "pen_thinner", None, "correct"):
            self.edit_menu.addSeparator() if name is None else self.edit_menu.addAction(acts[name])
        self.view_menu = bar.addMenu("")
        self.view_menu.addAction(acts["tab_recognise"])
        self.view_menu.addAction(acts["tab_train"])
        self.model_menu = bar.addMenu("")
        self.device_menu = bar.addMenu("")
        for action in self.device_group.actions():
            self.device_menu.addAction(action)
        self.settings_menu = bar.addMenu("")
        self.language_menu = QMenu(self)
        for action in self.language_group.actions():
            self.language_menu.addAction(action)
        self.settings_menu.addMenu(self.language_menu)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(acts["about"])
        self._rebuild_model_menu()

        toolbar = QToolBar(self)
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        for name in ("open", "undo", "redo", "clear", "eraser"):
            toolbar.addAction(acts[name])
        toolbar.addSeparator()
        toolbar.addWidget(self.pen_label)
        toolbar.addWidget(self.pen_slider)
        toolbar.addSeparator()
        self.model_label = QLabel(self)
        toolbar.addWidget(self.model_label)
        toolbar.addWidget(self.model_combo)
        toolbar.addSeparator()
        self.correction_button = QToolButton(self)
        self.correction_button.setObjectName("correction_button")
        self.correction_button.setMenu(self.correction_menu)
        self.correction_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.correction_button_action = toolbar.addWidget(self.correction_button)
        self.toolbar = toolbar
        self.addToolBar(toolbar)

    def _rebuild_model_menu(self) -> None:
        """(Re)list the models: the shipped ones, then the user's fine-tuned ones (F5 re-scans)."""
        self.model_menu.clear()
        for action in self.model_group.actions():
            self.model_group.removeAction(action)
            self.removeAction(action)
            action.deleteLater()
            name = action.objectName().removeprefix("action_")
            self.actions_by_name.pop(name, None)
            self._action_specs.pop(name, None)
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        self._model_entries = all_models(self.library)
        for i, entry in enumerate(self._model_entries):
            shortcuts = (f"Ctrl+{i + 1}",) if i < 9 else ()  # texts: set by _retranslate_models
            action = self._action(f"model_{entry.key}", ActionSpec(shortcuts, "", "", checkable=True))
            action.setData(entry.key)
            action.setEnabled(entry.broken is None)
            action.setChecked(entry.key == self._model_key)
            action.triggered.connect(lambda _=False, k=entry.key: self.select_model(k))
            self.model_group.addAction(action)
            self.model_menu.addAction(action)
            self.model_combo.addItem("", entry.key)
            if entry.broken:
                self.model_combo.model().item(self.model_combo.count() - 1).setEnabled(False)
        self.model_menu.addSeparator()
        self.model_menu.addAction(self.actions_by_name["reload_models"])
        index = self.model_combo.findData(self._model_key)
        self.model_combo.setCurrentIndex(max(0, index))
        self.model_combo.blockSignals(False)
        self._retranslate_models()
        if hasattr(self, "training"):
            self.training.models.refresh()

    def _connect(self) -> None:
        canvas = self.canvas
        canvas.drawing_changed.connect(lambda: self._request_canvas(final=False))
        canvas.drawing_finished.connect(lambda: self._request_canvas(final=True))
        canvas.cleared.connect(self._on_cleared)
        # Not setEnabled directly: on the Train tab these stay off whatever the sheet's history.
        canvas.undo_available.connect(self._sync_tab_actions)
        canvas.redo_available.connect(self._sync_tab_actions)
        canvas.eraser_mode_changed.connect(self.actions_by_name["eraser"].setChecked)
        canvas.pen_width_changed.connect(self._on_pen_width_changed)
        canvas.file_dropped.connect(self.open_image)
        canvas.image_dropped.connect(self._open_qimage)
        self.pen_slider.valueChanged.connect(lambda v: self.canvas.set_pen_width(v / 100))
        # One pen for both sheets: samples should be drawn the way digits are drawn for recognition.
        canvas.pen_width_changed.connect(self.training.canvas.set_pen_width)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.training.status.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.training.library_changed.connect(self._rebuild_model_menu)
        self.training.store_state_changed.connect(self._mark_train_tab)
        self.model_combo.activated.connect(lambda i: self.select_model(self.model_combo.itemData(i)))
        self.feature_maps.map_clicked.connect(self.open_map_detail)

    # == public API (tests and tools drive the app through these) ================================
    def current_prediction(self, wait: bool = True, timeout_s: float = 10.0) -> Any:
        """The core's Prediction for what is on the sheet now, or None when nothing is drawn.

        With `wait`, first lets outstanding work finish (up to `timeout_s`), so that a caller who
        just drew gets the answer for the drawing, not for a state a few events old.
        """
        if wait:
            self.wait_until_idle(timeout_s)
        nothing_shown = self._source is None and not self.canvas.has_drawing()
        if nothing_shown or self._prediction is None or not self._prediction.is_digit:
            return None
        return self._prediction

    def wait_until_idle(self, timeout_s: float = 10.0) -> bool:
        """Process events until no request is in flight or pending; False on timeout."""
        deadline = time.monotonic() + timeout_s
        while not self.inference.is_idle():
            if time.monotonic() > deadline:
                return False
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            time.sleep(0.001)
        QCoreApplication.processEvents()
        return True

    def recognizer(self) -> Any:
        return self._recognizer

    def model_key(self) -> str:
        return self._model_key

    def model_entry(self) -> ModelEntry:
        """The entry of the model in use (the Train tab fine-tunes this one)."""
        return find_model(self._model_key or None, self.library)

    def model_display_name(self, entry: ModelEntry) -> str:
        return self._model_name(entry)

    def correct_prediction(self, digit: int) -> int | None:
        """"This prediction was wrong, it is a `digit`": the sheet goes to the samples as a correction."""
        if self.canvas.is_empty():
            self.show_message(self.tr("Draw a digit first, then say what it is."))
            return None
        sample_id = self.training.add_from_canvas(self.canvas, digit, "correction")
        if sample_id is None:
            self.show_message(self.training.message_text())
        else:
            self.statusBar().showMessage(
                self.tr("Added to your samples as %1; fine-tune in the Train tab.").replace(
                    "%1", with_article(digit)
                ),
                8000,
            )
        return sample_id

    def device(self) -> str:
        return self._device

    def language(self) -> str:
        return self._language

    def message_text(self) -> str:
        return self.message.text() if self.message.isVisible() or self.message.text() else ""

    def clear(self) -> None:
        self.canvas.clear()

    def select_model(self, key: str | None) -> None:
        """Switch the network (loaded in the worker; the panels adapt when it is ready)."""
        entry = find_model(key, self.library)
        self._requested = (entry.key, self._requested[1])
        self.model_status.setText(self.tr("Loading %1…").replace("%1", self._model_name(entry)))
        self.inference.load_model(ModelChoice(entry.key, entry.arch, entry.weights, self._requested[1]))

    def select_device(self, device: str) -> None:
        """Run the current network on `device` ("auto", "cpu", "cuda", "mps")."""
        entry = find_model(self._requested[0], self.library)
        self._requested = (entry.key, device)
        self.inference.load_model(ModelChoice(entry.key, entry.arch, entry.weights, device))

    def open_image(self, path: str | Path) -> None:
        """Recognise an image file like a drawing. The sheet changes only once the core has read it (the
        drawing it replaces is one Ctrl+Z away); a bad file gives a message and changes nothing."""
        path = Path(path)
        self._hide_message()
        self._source = ("file", path)
        self.inference.cancel()  # an answer still due for an earlier image must not land on this one
        self.inference.request(OpenedImage(path), self._source, immediate=True)

    def paste_image(self, image: QImage | None = None) -> None:
        """Recognise the clipboard's image (or file); `image` is for callers that already have one."""
        if image is None:
            mime = QGuiApplication.clipboard().mimeData()
            files = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()] if mime is not None else []
            if files:
                self.open_image(files[0])
                return
            if mime is None or not mime.hasImage():
                self.show_message(self.tr("The clipboard holds no image to paste."))
                return
            image = QImage(mime.imageData())
        self._open_qimage(image)

    def export_feature_maps(self, path: str | Path) -> bool:
        ok = self.feature_maps.grab().save(str(path), "PNG")
        if not ok:
            self.show_message(self.tr("Could not write %1.").replace("%1", str(path)))
        return ok

    def export_canvas(self, path: str | Path) -> bool:
        ok = self.canvas.render_image().save(str(path), "PNG")
        if not ok:
            self.show_message(self.tr("Could not write %1.").replace("%1", str(path)))
        return ok

    def set_language(self, language: str) -> None:
        self._language = language if language in i18n.LANGUAGES else "system"
        self._settings.setValue("ui/language", self._language)
        for action in self.language_group.actions():
            action.setChecked(action.data() == self._language)
        i18n.install(self._language)
        # Qt posts LanguageChange; deliver it now so every widget re-reads its strings before we return.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.statusBar().showMessage(text, 8000)

    def open_map_detail(self, stage: str, index: int) -> MapDetailDialog:
        """Open (or retarget) the enlarged view of one map with its kernel(s)."""
        if self._detail is None:
            self._detail = MapDetailDialog(self)
        kernels = self._recognizer.kernels(stage) if self._recognizer is not None else None
        connected = None
        if stage == "C3" and self._recognizer is not None and self._recognizer.arch == "classic":
            from lenet_core import C3_TABLE

            connected = C3_TABLE[:, index]
        values, limit = self._shown_map(stage, index)
        self._detail.show_map(
            stage, index, values, limit, None if kernels is None else kernels[index], connected
        )
        self._detail.show()
        self._detail.raise_()
        return self._detail

    # == requests and results ======================================================================
    def _request_canvas(self, final: bool) -> None:
        if final:
            self._hide_message()
        origin = self.canvas.image_origin()
        if origin is not None and not self.canvas.has_drawing():  # undo or redo brought an image back
            self._source = origin
            self.inference.cancel()
            self._rerun()
            return
        self._source = None
        if not self.canvas.has_drawing():
            self.inference.cancel()
            self._show(None)
            return
        # The canvas is rasterised only when the worker takes the request (latest state wins).
        self.inference.request(self.canvas.rasterize, CANVAS, immediate=final)

    def _open_qimage(self, image: QImage) -> None:
        self._hide_message()
        if image.isNull():
            self.show_message(self.tr("The dropped or pasted data is not an image."))
            return
        self._source = ("image", image)
        self.inference.cancel()  # as in open_image
        self.inference.request(qimage_to_array(image), self._source, immediate=True)

    def _source_name(self, tag: tuple[str, Any]) -> str:
        return Path(tag[1]).name if tag[0] == "file" else self.tr("pasted image")

    def _on_display_ready(self, image: QImage, tag: Any) -> None:
        self._display = (tag, image)

    def _on_cleared(self) -> None:
        self._source = None
        self.inference.cancel()
        self._hide_message()
        self._show(None)

    def _on_prediction(self, prediction: Any, tag: Any) -> None:
        if tag == CANVAS and not self.canvas.has_drawing():
            return  # answered after the sheet was emptied
        if isinstance(tag, tuple):
            if tag is not self._source:
                return  # an opened image the user has drawn over, cleared or replaced since
            if self.canvas.image_origin() is not tag:  # read now: it replaces the drawing, undoably
                shown = self._display[1] if self._display and self._display[0] is tag else tag[1]
                if not isinstance(shown, QImage) or shown.isNull():
                    shown = placeholder_for(prediction)  # read by the core, but not a format Qt shows
                self.canvas.show_image(shown, origin=tag)
            self._display = None
        self._show(prediction)
        if isinstance(tag, tuple) and not prediction.is_digit:
            self.show_message(self.tr("No digit found in %1.").replace("%1", self._source_name(tag)))

    def _on_prediction_failed(self, message: str, tag: Any) -> None:
        if isinstance(tag, tuple):
            if tag is self._source:  # the sheet was not changed: it keeps its drawing and its answer
                self._source = self.canvas.image_origin() if not self.canvas.has_drawing() else None
            self.show_message(self.tr("Could not read the image: %1").replace("%1", message))
        else:
            self.show_message(self.tr("Recognition failed: %1").replace("%1", message))

    def _show(self, prediction: Any) -> None:
        """Render one prediction everywhere: verdict, network input, feature maps, status bar."""
        self._prediction = prediction
        shown = prediction if prediction is not None and prediction.is_digit else None
        self.prediction_view.set_prediction(shown)
        self._sync_tab_actions()
        self.network_input.set_input(None if shown is None else shown.input)
        self.feature_maps.show_prediction(shown)
        if shown is not None:
            self.time_status.setText(self.tr("%1 ms").replace("%1", f"{shown.elapsed_ms:.1f}"))
        if self._detail is not None and self._detail.isVisible():
            self._detail.update_values(*self._shown_map(self._detail.stage, self._detail.index))
        self.prediction_shown.emit(shown)

    def _shown_map(self, stage: str, index: int) -> tuple[np.ndarray | None, float]:
        """Map `index` of `stage` as its panel shows it (None when empty), and the layer's range."""
        panel = self.feature_maps.panel(stage)
        maps = panel.maps()
        return (maps[index] if maps is not None and index < len(maps) else None), panel.limit()

    def _on_model_ready(self, recognizer: Any, choice: ModelChoice, notes: list[str]) -> None:
        from lenet_core import C3_TABLE

        if self._recognizer is None:
            # Everything allocated so far (torch, Qt wrappers, the model) lives as long as the app;
            # moving it out of the collector's reach turns 100+ ms full collections into ~1 ms ones,
            # which would otherwise show up as stutters while drawing.
            gc.freeze()
        self._recognizer = recognizer
        self._model_key = choice.key
        fell_back = choice.device != "auto" and recognizer.device.type != choice.device
        self._device = recognizer.device.type if fell_back else choice.device
        self._requested = (self._model_key, self._device)
        if notes:
            self.show_message("\n".join(notes))
        else:
            self._hide_message()
        self._settings.setValue("model/key", choice.key)
        self._settings.setValue("model/device", self._device)
        self._set_library_active(choice.key)
        self.training.model_changed(choice.key)
        self.feature_maps.set_model(recognizer.arch, C3_TABLE)
        self._sync_model_controls()
        self._refresh_status()
        if self._detail is not None and self._detail.isVisible():
            self.open_map_detail(self._detail.stage, self._detail.index)
        self._rerun()

    def _on_model_failed(self, message: str, choice: ModelChoice) -> None:
        if self._recognizer is None:
            # Nothing runs yet (a stored device or model that is gone): fall back to the defaults.
            fallback = find_model(None, self.library)
            if (choice.key, choice.device) != (fallback.key, DEFAULT_DEVICE):
                self._requested = (fallback.key, DEFAULT_DEVICE)
                self.inference.load_model(
                    ModelChoice(fallback.key, fallback.arch, fallback.weights, DEFAULT_DEVICE)
                )
        else:
            self._requested = (self._model_key, self._device)
        self._sync_model_controls()
        self._refresh_status()
        self.show_message(self.tr("Could not switch the model or device: %1").replace("%1", message))

    def _rerun(self) -> None:
        """Run the new model on whatever is on the sheet."""
        if self._source is not None and self._source[0] == "file":
            self.inference.request(self._source[1], self._source, immediate=True)
        elif self._source is not None and self._source[0] == "image":
            self.inference.request(qimage_to_array(self._source[1]), self._source, immediate=True)
        elif self.canvas.has_drawing():
            self.inference.request(self.canvas.rasterize, CANVAS, immediate=True)

    def _set_library_active(self, key: str) -> None:
        """The library's active pointer follows the model in use (written only when it changes)."""
        if self.library is None:
            return
        try:
            if self.library.active_id != library_id_of(key):
                self.library.set_active(library_id_of(key))
        except (OSError, ValueError):
            pass  # e.g. a read-only data folder: the model still runs, only the pointer is not kept

    # == tabs and corrections ======================================================================
    def _on_tab_changed(self, index: int) -> None:
        self._sync_tab_actions()
        if index == 1:
            self.training.gallery.refresh()  # corrections may have been added meanwhile
            self.training.canvas.setFocus()  # so the digit keys and Enter work at once

    def _sync_tab_actions(self, *_: object) -> None:
        """The sheet's actions work on the Recognise tab only; the Train tab has its own keys."""
        recognise = self.tabs.currentIndex() == 0
        for name in RECOGNISE_ONLY:
            self.actions_by_name[name].setEnabled(recognise)
        self.undo_action.setEnabled(recognise and self.canvas.can_undo())
        self.redo_action.setEnabled(recognise and self.canvas.can_redo())
        correctable = recognise and not self.canvas.is_empty()
        self.actions_by_name["correct"].setEnabled(correctable)
        self.correction_button.setEnabled(correctable)

    def _mark_train_tab(self, usable: bool) -> None:
        """A warning sign on the Train tab while the samples database cannot be used (seen from afar)."""
        icon = QIcon() if usable else self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.tabs.setTabIcon(1, icon)

    def _popup_correction_menu(self) -> None:
        if self.canvas.is_empty():
            return
        self.correction_menu.popup(self.canvas.mapToGlobal(self.canvas.rect().center()))

    # == small handlers ============================================================================
    def _nudge_pen(self, step: int) -> None:
        self.pen_slider.setValue(self.pen_slider.value() + step)

    def _on_pen_width_changed(self, width: float) -> None:
        self.pen_slider.blockSignals(True)
        self.pen_slider.setValue(round(width * 100))
        self.pen_slider.blockSignals(False)
        self._settings.setValue("canvas/pen_width", width)
        self._retranslate_pen()

    def _hide_message(self) -> None:
        if self.message.text() and self.statusBar().currentMessage() == self.message.text():
            self.statusBar().clearMessage()  # the same problem, repeated there: gone too
        self.message.clear()
        self.message.hide()

    def _sync_model_controls(self) -> None:
        for action in self.model_group.actions():
            action.setChecked(action.data() == self._model_key)
        index = self.model_combo.findData(self._model_key)
        if index >= 0:
            self.model_combo.setCurrentIndex(index)
        for action in self.device_group.actions():
            action.setChecked(action.data() == self._device)

    def _refresh_status(self) -> None:
        entry = next((e for e in self._model_entries if e.key == self._model_key), None)
        self.model_status.setText(self._model_name(entry) if entry is not None else "")
        name = getattr(self._recognizer, "device_name", "")
        self.device_status.setText(self.tr("Device: %1").replace("%1", name) if name else "")

    def _model_name(self, entry: ModelEntry) -> str:
        if entry.key == "classic":
            return self.tr("Classic LeNet-5 (1998)")
        if entry.key == "modern":
            return self.tr("Modern LeNet-5")
        return self.tr("Fine-tuned: %1").replace("%1", entry.name)

    def _open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open an image of a digit"),
            "",
            self.tr("Images (%1);;All files (*)").replace("%1", IMAGE_FILTER),
        )
        if path:
            self.open_image(path)

    def _export_maps_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export feature maps"), "feature-maps.png", "PNG (*.png)"
        )
        if path:
            self.export_feature_maps(path)

    def _export_canvas_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export canvas"), "digit.png", "PNG (*.png)")
        if path:
            self.export_canvas(path)

    def _about(self) -> None:
        from app import __version__

        QMessageBox.about(
            self,
            self.tr("About LeNet Digits"),
            self.tr("LeNet Digits %1\nDraw a digit and watch LeNet-5 read it, layer by layer.").replace(
                "%1", __version__
            ),
        )

    # == translation ==============================================================================
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("LeNet Digits"))
        for name, action in self.actions_by_name.items():
            if not name.startswith("model_"):
                apply_texts(action, self._action_specs[name])
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.model_menu.setTitle(self.tr("&Model"))
        self.device_menu.setTitle(self.tr("&Device"))
        self.settings_menu.setTitle(self.tr("&Settings"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.canvas.setToolTip(
            self.tr(
                "Draw a digit: left button (or pen, or finger) draws, right button erases. Drop an image here."  # noqa: E501
            )
        )
        self.model_label.setText(self.tr("Model:"))
        self.model_combo.setToolTip(self.tr("Which network reads the drawing"))
        self.pen_slider.setToolTip(self.tr("Pen width, in % of the canvas side ([ and ])"))
        self.model_status.setToolTip(self.tr("The network in use"))
        self.device_status.setToolTip(self.tr("Where the network runs"))
        self.time_status.setToolTip(self.tr("Time of the last inference, preprocessing included"))
        self.view_menu.setTitle(self.tr("&View"))
        self.tabs.setTabText(0, self.tr("Recognise"))
        self.tabs.setTabText(1, self.tr("Train"))
        self.tabs.setTabToolTip(0, self.tr("Draw a digit and watch the network read it (Alt+1)"))
        self.tabs.setTabToolTip(
            1, self.tr("Collect your own samples and fine-tune the model on them (Alt+2)")
        )
        self.correction_menu.setTitle(self.tr("Wrong? The right digit is…"))
        for digit, action in enumerate(self.correction_actions):
            action.setText(self.tr("It is %1").replace("%1", with_article(digit, mnemonic=True)))
            tip = self.tr("Add the drawing to your samples as %1")
            action.setToolTip(tip.replace("%1", with_article(digit)))
        self.correction_button.setText(self.tr("Wrong? The right digit is…"))
        fit_menu_button(self.correction_button)
        self.correction_button.setToolTip(
            self.tr("The prediction was wrong: add the drawing to your samples with the right digit (Ctrl+K)")
        )
        self.message.setToolTip(self.tr("The last problem; it goes away with your next action"))
        self.feature_scroll.setToolTip(self.tr("Every layer's feature maps, from the same forward pass"))
        self._retranslate_pen()
        self._retranslate_models()
        self._refresh_status()

    def _retranslate_pen(self) -> None:
        self.pen_label.setText(self.tr("Pen %1 %").replace("%1", str(self.pen_slider.value())))
        self.pen_label.setToolTip(self.pen_slider.toolTip())

    def _retranslate_models(self) -> None:
        for i, entry in enumerate(getattr(self, "_model_entries", [])):
            name = self._model_name(entry)
            # Whole up to 48 characters (the drop-down grows to fit); the rest in the tooltip.
            self.model_combo.setItemText(i, name if len(name) <= 48 else name[:47] + "…")
            self.model_combo.setItemData(i, name, Qt.ItemDataRole.ToolTipRole)
            action = self.actions_by_name.get(f"model_{entry.key}")
            if action is not None:
                set_texts(action, name, self.tr("Switch to %1").replace("%1", name))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "actions_by_name"):
            self.retranslate()
        super().changeEvent(event)

    # == settings and shutdown ====================================================================
    def _restore_settings(self) -> None:
        geometry = self._settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self._settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        splitter = self._settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        try:
            width = float(self._settings.value("canvas/pen_width", DEFAULT_PEN_WIDTH))
        except (TypeError, ValueError):
            width = DEFAULT_PEN_WIDTH
        self.canvas.set_pen_width(width)

    def _save_settings(self) -> None:
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/state", self.saveState())
        self._settings.setValue("window/splitter", self.splitter.saveState())
        self._settings.setValue("canvas/pen_width", self.canvas.pen_width())
        self._settings.setValue("ui/language", self._language)
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if not self._shutting_down:
            try:
                settled = settle_before_closing(self)
            except Exception as exc:  # noqa: BLE001 - never close over a failure: the result stays
                self.training.show_message(self.tr("Closing stopped: %1").replace("%1", str(exc)))
                settled = False
            if not settled:  # a fine-tuned model not saved anywhere yet keeps the window open
                event.ignore()
                return
            self._shutting_down = True
            try:
                self._save_settings()
                self.statusBar().clearMessage()  # stops the status bar's message timer
                if self._detail is not None:
                    self._detail.close()
            finally:  # whatever happened above, no worker thread outlives the window
                self.training.shutdown()
                self.inference.shutdown()
        super().closeEvent(event)


def create_main_window(
    settings: QSettings | None = None,
    data_dir: str | Path | None = None,
    language: str | None = None,
) -> MainWindow:
    """Build the main window without starting the event loop (creates the QApplication if needed)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication([APPLICATION])
    if not QCoreApplication.organizationName():
        QCoreApplication.setOrganizationName(ORGANIZATION)
    if not QCoreApplication.applicationName() or QCoreApplication.applicationName() == "python":
        QCoreApplication.setApplicationName(APPLICATION)
    return MainWindow(settings=settings, data_dir=Path(data_dir) if data_dir else None, language=language)
