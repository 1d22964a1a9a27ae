"""The Recognise page: the sheet to draw on, what the network sees, its answer and every layer's maps.

The page turns what happens on the sheet into calls on the session (a drawing changed, a file was
dropped, the sheet was cleared) and shows what the session answers; it decides nothing itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QLabel, QScrollArea, QSlider, QSplitter, QVBoxLayout, QWidget

from app.config import PEN_WIDTH_RANGE
from app.pages.page import Page
from app.pages.recognise.sheet_actions import SheetActions
from app.session import Drawing, OpenedFile, PastedImage, RecognitionSession, SheetImage
from app.settings import AppSettings
from app.texts import fill
from app.widgets.banner import MessageBanner
from app.widgets.canvas import DrawingCanvas
from app.widgets.feature_maps import FeatureMapsView
from app.widgets.map_detail import MapDetailDialog
from app.widgets.network_input import NetworkInputView
from app.widgets.probabilities import PredictionView
from app.widgets.verdict import verdict

if TYPE_CHECKING:
    from lenet_core.model_library import ModelEntry
    from lenet_core.recognizer import Prediction


class RecognisePage(Page):
    name = "recognise"
    page_actions = (
        "open",
        "paste",
        "export_maps",
        "export_canvas",
        "undo",
        "redo",
        "clear",
        "eraser",
        "correct",
    )
    prediction_shown = Signal(object)  # the Prediction now on screen (None: an empty sheet)

    def __init__(self, session: RecognitionSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.canvas = DrawingCanvas(self)
        self._drawing = Drawing(self.canvas.rasterize)  # what the session recognises while strokes are on
        self.network_input = NetworkInputView(session.input_range(), self)
        self.prediction_view = PredictionView(self)
        self.feature_maps = FeatureMapsView(self)
        self.message = MessageBanner("message", self)
        self.detail: MapDetailDialog | None = None
        self.window_actions: dict[str, QAction] = {}  # the window's, given by connect_actions

        self.pen_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.pen_slider.setObjectName("pen_width")
        self.pen_slider.setRange(round(PEN_WIDTH_RANGE[0] * 100), round(PEN_WIDTH_RANGE[1] * 100))
        self.pen_slider.setMaximumWidth(140)
        self.pen_label = QLabel(self)
        self.sheet_actions = SheetActions(self)

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
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("splitter")
        for widget, stretch in ((left, 5), (middle, 2), (scroll, 5)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.splitter.setSizes([440, 230, 470])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self._connect()
        self._on_pen_width(session.pen_width())
        self.retranslate()

    def _connect(self) -> None:
        canvas, session = self.canvas, self.session
        canvas.drawing_changed.connect(lambda: self._sheet_changed(final=False))
        canvas.drawing_finished.connect(lambda: self._sheet_changed(final=True))
        canvas.cleared.connect(session.clear)
        canvas.undo_available.connect(self._sync_actions)
        canvas.redo_available.connect(self._sync_actions)
        canvas.pen_width_changed.connect(session.set_pen_width)
        canvas.file_dropped.connect(session.open_file)
        canvas.image_dropped.connect(session.show_image)
        self.pen_slider.valueChanged.connect(lambda v: session.set_pen_width(v / 100))
        self.feature_maps.map_clicked.connect(self.open_map_detail)
        session.pen_width_changed.connect(self._on_pen_width)
        session.prediction_changed.connect(self._show)
        session.sheet_image_ready.connect(self._on_sheet_image)
        session.model_changed.connect(self._on_model_changed)
        session.problem.connect(self.message.say)
        session.problem_gone.connect(self.message.dismiss)

    # == the page's side of the window ============================================================
    def title(self) -> str:
        return self.tr("Recognise")

    def tooltip(self) -> str:
        return self.tr("Draw a digit and watch the network read it (Alt+1)")

    def connect_actions(self, actions: dict[str, QAction]) -> None:
        self.window_actions = actions
        self.sheet_actions.connect_actions(actions)
        actions["eraser"].toggled.connect(self.canvas.set_eraser_mode)
        self.canvas.eraser_mode_changed.connect(actions["eraser"].setChecked)
        self._sync_actions()

    def toolbar_widgets(self) -> list[QWidget | None]:
        return [self.pen_label, self.pen_slider, None, self.sheet_actions.correction_button]

    def set_current(self, current: bool) -> None:
        super().set_current(current)
        self._sync_actions()

    def message_text(self) -> str:
        return self.message.shown_text()

    def restore_state(self, settings: AppSettings) -> None:
        state = settings.splitter_state(self.name)
        if state is not None:
            self.splitter.restoreState(state)

    def save_state(self, settings: AppSettings) -> None:
        settings.set_splitter_state(self.name, self.splitter.saveState())

    def shutdown(self) -> None:
        if self.detail is not None:
            self.detail.close()

    # == the sheet ================================================================================
    def _sheet_changed(self, final: bool) -> None:
        origin = self.canvas.image_origin()
        if isinstance(origin, (OpenedFile, PastedImage)) and not self.canvas.has_drawing():
            self.session.restore_image(origin)  # undo or redo brought an image back
        elif self.canvas.has_drawing():
            self.session.draw(self._drawing, final)
        else:
            self.session.clear()

    def _on_sheet_image(self, image: QImage, origin: SheetImage) -> None:
        if self.canvas.image_origin() is not origin:  # read now: it replaces the drawing, undoably
            self.canvas.show_image(image, origin=origin)

    def _show(self, prediction: Prediction | None) -> None:
        """Render one answer everywhere: verdict, network input, feature maps."""
        ran = prediction if prediction is not None and prediction.probabilities is not None else None
        self.prediction_view.set_prediction(ran)
        self.network_input.set_input(None if ran is None else ran.input)
        self.feature_maps.show_prediction(ran)
        self._sync_actions()
        if self.detail is not None and self.detail.isVisible():
            self.detail.update_values(*self._shown_map(self.detail.stage, self.detail.index))
        self.prediction_shown.emit(prediction)

    def _on_model_changed(self, entry: ModelEntry) -> None:
        from lenet_core.models import C3_TABLE  # the worker has loaded torch by now

        self.feature_maps.set_model(entry.arch or "", C3_TABLE)
        if self.detail is not None and self.detail.isVisible():
            self.open_map_detail(self.detail.stage, self.detail.index)

    def _on_pen_width(self, width: float) -> None:
        self.canvas.set_pen_width(width)
        self.pen_slider.blockSignals(True)
        self.pen_slider.setValue(round(width * 100))
        self.pen_slider.blockSignals(False)
        self._retranslate_pen()

    def _sync_actions(self, *_: object) -> None:
        """The sheet's actions work while this page is shown; Undo, Redo and the correction as they can."""
        actions = self.window_actions
        if not actions:
            return
        for name in self.page_actions:
            actions[name].setEnabled(self._current)
        actions["undo"].setEnabled(self._current and self.canvas.can_undo())
        actions["redo"].setEnabled(self._current and self.canvas.can_redo())
        shown = verdict(self.session.prediction())
        # Wrong? also for an unsure answer or one that is not a digit: the user knows what they drew.
        correctable = (
            self._current
            and not self.canvas.is_empty()
            and (shown.correctable or self.session.prediction() is None)
        )
        actions["correct"].setEnabled(correctable)
        self.sheet_actions.correction_button.setEnabled(correctable)

    # == the enlarged map ===========================================================================
    def _shown_map(self, stage: str, index: int) -> tuple[np.ndarray | None, float]:
        """Map `index` of `stage` as its panel shows it (None when empty), and the layer's range."""
        panel = self.feature_maps.panel(stage)
        maps = panel.maps()
        return (maps[index] if maps is not None and index < len(maps) else None), panel.limit()

    def open_map_detail(self, stage: str, index: int) -> MapDetailDialog:
        """Open (or retarget) the enlarged view of one map with its kernel(s)."""
        if self.detail is None:
            self.detail = MapDetailDialog(self)
        recognizer = self.session.recognizer()
        kernels = recognizer.kernels(stage) if recognizer is not None else None
        connected = None
        if stage == "C3" and recognizer is not None and recognizer.arch == "classic":
            from lenet_core.models import C3_TABLE

            connected = C3_TABLE[:, index]
        values, limit = self._shown_map(stage, index)
        self.detail.show_map(
            stage, index, values, limit, None if kernels is None else kernels[index], connected
        )
        self.detail.show()
        self.detail.raise_()
        return self.detail

    # == texts ======================================================================================
    def retranslate(self) -> None:
        self.canvas.setToolTip(
            self.tr(
                "Draw a digit: left button (or pen, or finger) draws, right button erases. Drop an image here."  # noqa: E501
            )
        )
        self.pen_slider.setToolTip(self.tr("Pen width, in % of the canvas side ([ and ])"))
        self.message.setToolTip(self.tr("The last problem; it goes away with your next action"))
        self.feature_scroll.setToolTip(self.tr("Every layer's feature maps, from the same forward pass"))
        self._retranslate_pen()
        self.sheet_actions.retranslate()

    def _retranslate_pen(self) -> None:
        self.pen_label.setText(fill(self.tr("Pen %1 %"), self.pen_slider.value()))
        self.pen_label.setToolTip(self.pen_slider.toolTip())
