"""The Recognise page: the sheet to draw on with the answer above it and the ten probabilities under it,
and beside it how the network reads the sheet (app/pages/explain/: every layer, saliency, the RBF
prototypes, the filters, classic and modern side by side).

The page turns what happens on the sheet into calls on the session (a drawing changed, a file was
dropped, the sheet was cleared) and shows what the session answers; it decides nothing itself. What
the explain views want on the sheet (the part of the drawing a unit sees, a heat map) it draws there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QLabel, QSlider, QSplitter, QVBoxLayout, QWidget

from app.config import PEN_WIDTH_RANGE
from app.pages.explain import ExplainPanel
from app.pages.page import Page
from app.pages.recognise.sheet_actions import SheetActions
from app.session import Drawing, OpenedFile, PastedImage, RecognitionSession, SheetImage
from app.texts import fill
from app.widgets.banner import MessageBanner
from app.widgets.canvas import DrawingCanvas
from app.widgets.layout_fence import LayoutFence
from app.widgets.probabilities import PredictionView, ProbabilityBars
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
        self.bars = ProbabilityBars(self)
        self.bars.set_columns(True)
        self.prediction_view = PredictionView(self, bars=self.bars, horizontal=True)
        self.explain = ExplainPanel(session, self.canvas.render_image, self)
        self.message = MessageBanner("message", self.canvas)
        self.window_actions: dict[str, QAction] = {}  # the window's, given by connect_actions

        self.pen_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.pen_slider.setObjectName("pen_width")
        self.pen_slider.setRange(round(PEN_WIDTH_RANGE[0] * 100), round(PEN_WIDTH_RANGE[1] * 100))
        self.pen_slider.setMaximumWidth(140)
        self.pen_label = QLabel(self)
        self.sheet_actions = SheetActions(self)

        left = QWidget(self)
        left.setObjectName("sheet_column")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 4, 0, 4)
        left_layout.setSpacing(4)
        # Its words change with every answer, its size never: the page must not relay out each time.
        left_layout.addWidget(LayoutFence(self.prediction_view, left))
        left_layout.addWidget(self.canvas, 1)
        left_layout.addWidget(self.bars)
        self.bars.setFixedHeight(96)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("splitter")
        self.splitter.setChildrenCollapsible(False)
        for widget, stretch in ((left, 4), (self.explain, 7)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.splitter.setSizes([420, 880])
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
        self.explain.overlay_changed.connect(self._on_overlay)
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

    def shutdown(self) -> None:
        self.explain.shutdown()

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
        """Render one answer: the verdict and the bars (the explain panel follows the session itself)."""
        ran = prediction if prediction is not None and prediction.probabilities is not None else None
        self.prediction_view.set_prediction(ran)
        self._sync_actions()
        self.prediction_shown.emit(prediction)

    def _on_model_changed(self, entry: ModelEntry) -> None:
        self._sync_actions()

    def _on_overlay(self, box: QRectF | None, heat: QImage | None, heat_rect: QRectF | None,
                    size: QSizeF) -> None:
        self.canvas.set_overlay(box, heat, heat_rect, size)

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
        shown = verdict(self.session.prediction())
        # Wrong? also for an unsure answer or one that is not a digit: the user knows what they drew.
        correctable = (
            self._current
            and not self.canvas.is_empty()
            and (shown.correctable or self.session.prediction() is None)
        )
        enabled = dict.fromkeys(self.page_actions, self._current)
        enabled["undo"] = self._current and self.canvas.can_undo()
        enabled["redo"] = self._current and self.canvas.can_redo()
        enabled["correct"] = correctable
        # Each action set once, to its final state: this runs for every answer while the user draws,
        # and switching a toolbar button off and on again repaints and relays out the toolbar.
        for name, state in enabled.items():
            actions[name].setEnabled(state)
        self.sheet_actions.correction_button.setEnabled(correctable)

    # == texts ======================================================================================
    def retranslate(self) -> None:
        self.canvas.setToolTip(
            self.tr(
                "Draw a digit: left button (or pen, or finger) draws, right button erases. Drop an image here."  # noqa: E501
            )
        )
        self.pen_slider.setToolTip(self.tr("Pen width, in % of the canvas side ([ and ])"))
        self.message.setToolTip(self.tr("The last problem; it goes away with your next action"))
        self.canvas.set_hint(self.tr("Draw a digit here"))
        self._retranslate_pen()
        self.sheet_actions.retranslate()

    def _retranslate_pen(self) -> None:
        self.pen_label.setText(fill(self.tr("Pen %1 %"), self.pen_slider.value()))
        self.pen_label.setToolTip(self.pen_slider.toolTip())
