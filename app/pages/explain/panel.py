"""The explain views of the sheet, in tabs: the network (every layer, hoverable and clickable, with
layer notes), saliency, the RBF prototypes, the filter banks, and classic and modern side by side.

The panel talks to the session only: it shows the session's answer and model, asks its own worker
(app/pages/explain/worker.py) for what takes time, and says what belongs on the sheet
(`overlay_changed`: the part of the drawing a unit sees, a heat map); the page draws it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSizeF, QTimer, Signal
from PySide6.QtGui import QImage, QPainter, QShowEvent
from PySide6.QtWidgets import QFileDialog, QTabWidget, QVBoxLayout, QWidget

from app.pages.explain.export import ExportSheet, compose, diagram_picture
from app.pages.explain.focus import field_on_drawing, focus_of, input_square_on_drawing
from app.pages.explain.notes import LayerNotes
from app.pages.explain.saliency_view import SaliencyView
from app.pages.explain.side_by_side import ARCHS, SideBySideView
from app.pages.explain.step_view import StepDialog
from app.pages.explain.weights_views import FiltersView, PrototypesView
from app.pages.explain.worker import ExplainController, ExplainRequest, ExplainResult, SaliencyChoice
from app.session import RecognitionSession
from app.texts import Retranslating, fill
from app.widgets.diagram_layout import UnitRef
from app.widgets.network_diagram import NetworkDiagram
from app.widgets.sheet_overlay import SheetOverlay
from app.widgets.verdict import verdict

if TYPE_CHECKING:
    from lenet_core.model_library import ModelEntry
    from lenet_core.models import ClassicLeNet5, ModernLeNet5
    from lenet_core.recognizer import Prediction

# While the user draws, the step view's numbers follow at most this often: the maps come first.
STEP_REFRESH_MS = 60
TABS = ("network", "saliency", "prototypes", "filters", "side_by_side")


def layers_of(prediction: Prediction | None) -> dict | None:
    """Every stage of one forward pass, the input first (None: nothing to show)."""
    if prediction is None or prediction.probabilities is None or not prediction.activations:
        return None
    return {**prediction.activations, "input": prediction.input}


class ExplainPanel(Retranslating, QTabWidget):
    overlay_changed = Signal(object, object, object, object)  # box, heat QImage, heat rect, source QSizeF

    def __init__(
        self, session: RecognitionSession, drawing: Callable[[], QImage], parent: QWidget | None = None
    ) -> None:
        """`drawing`: the sheet as the user sees it, for exports."""
        super().__init__(parent)
        self._drawing = drawing
        self.setObjectName("explain_panel")
        self.setDocumentMode(True)
        self.session = session
        self.diagram = NetworkDiagram(session.input_range(), self)
        self.notes = LayerNotes(self)
        network = QWidget(self)
        network.setObjectName("network_tab")
        column = QVBoxLayout(network)
        column.setContentsMargins(4, 6, 4, 2)
        column.addWidget(self.diagram, 1)
        column.addWidget(self.notes)
        self.saliency_view = SaliencyView(session.input_range(), self)
        self.prototypes_view = PrototypesView(self)
        self.filters_view = FiltersView(self)
        self.side_view = SideBySideView(session.input_range(), self)
        for page in (network, self.saliency_view, self.prototypes_view, self.filters_view, self.side_view):
            self.addTab(page, "")
        self.step: StepDialog | None = None
        self._step_timer = QTimer(self)
        self._step_timer.setSingleShot(True)
        self._step_timer.timeout.connect(self._refresh_step)
        self._step_refreshed_at = 0.0
        self._request_timer = QTimer(self, singleShot=True, interval=0)
        self._request_timer.timeout.connect(self._send_request)
        self.controller = ExplainController(self)
        self._prediction: Prediction | None = None
        self._result: ExplainResult | None = None
        self._hovered: tuple[str | None, UnitRef] | None = None  # (side-by-side arch or None, unit)
        self._asked_for: Prediction | None = None  # the reading the worker was last asked about
        self._arch = ""

        session.prediction_changed.connect(self._on_prediction)
        session.model_changed.connect(self._on_model_changed)
        self.diagram.unit_hovered.connect(lambda unit: self._on_hover(None, unit))
        self.diagram.unit_clicked.connect(lambda unit: self.open_step(unit))
        self.diagram.stage_hovered.connect(self.notes.show_stage)
        self.side_view.unit_hovered.connect(self._on_hover)
        self.side_view.unit_clicked.connect(lambda arch, unit: self.open_step(unit, arch))
        self.saliency_view.choice_changed.connect(self._changed_view)
        self.saliency_view.export_requested.connect(lambda: self.export_dialog("saliency"))
        self.currentChanged.connect(self._changed_view)
        self.controller.result_ready.connect(self._on_result)
        self.retranslate()

    # == what is shown =============================================================================
    def current_name(self) -> str:
        return TABS[self.currentIndex()]

    def show_tab(self, name: str) -> None:
        self.setCurrentIndex(TABS.index(name))

    def arch(self) -> str:
        return self._arch

    def other_arch(self) -> str:
        return "modern" if self._arch == "classic" else "classic"

    def result(self) -> ExplainResult | None:
        """The worker's last answer for the sheet (placement, saliency, the other model's reading)."""
        return self._result

    def _on_model_changed(self, entry: ModelEntry) -> None:
        from lenet_core.explain import filter_banks, layer_facts, output_patterns

        recognizer = self.session.recognizer()
        if recognizer is None:
            return
        model: ClassicLeNet5 | ModernLeNet5 = recognizer.model  # type: ignore[assignment]
        self._arch = recognizer.arch
        self.notes.set_facts(layer_facts(model), self._arch)
        banks = filter_banks(model)
        self.filters_view.set_banks(
            self._arch, banks.c1, banks.c3, banks.c3_connected, banks.c1_scale, banks.c3_scale
        )
        self.prototypes_view.set_model(self._arch, output_patterns(model))
        self._result = None
        self.retranslate()
        self._on_prediction(self.session.prediction())

    def _on_prediction(self, prediction: Prediction | None) -> None:
        ran = prediction if prediction is not None and prediction.probabilities is not None else None
        self._prediction = ran
        layers = layers_of(ran)
        self.diagram.set_layers(layers)
        self.diagram.set_winner(ran.label if ran is not None else None, *self._output_note())
        self.prototypes_view.show_prediction(ran)
        shown = verdict(ran) if ran is not None else None
        self.side_view.set_reading(
            self._arch, self.session.model_name(), layers, shown, ran.label if ran is not None else None
        )
        if ran is None:
            self.controller.cancel()
            self._result = None
            self.saliency_view.show_saliency(None, None)
            self.side_view.set_reading(self.other_arch(), "", None, None, None)
        if self.step is not None and self.step.isVisible() and not self._step_timer.isActive():
            # After the maps have painted (a timer fires after the posted repaints), and not more
            # often than every STEP_REFRESH_MS while the user draws.
            since_ms = (time.perf_counter() - self._step_refreshed_at) * 1000
            self._step_timer.start(max(0, round(STEP_REFRESH_MS - since_ms)))
        self._request(after_paint=True)
        self._update_overlay()

    def _output_note(self, arch: str | None = None) -> tuple[str, str]:
        """(a sentence for the legend, two words under the output's title) about the output values."""
        if not (arch or self._arch):
            return "", ""
        if (arch or self._arch) == "classic":
            return (
                self.tr("output: distance from F6 to each prototype, smallest wins"),
                self.tr("distance"),
            )
        return self.tr("output: each digit's score (logit), largest wins"), self.tr("logit")

    # == the worker ================================================================================
    def _changed_view(self, *_: object) -> None:
        self._request()
        self._update_overlay()

    def _request(self, after_paint: bool = False) -> None:
        """Ask the worker about the sheet if a view shows its answer (the heat map, the other model's
        reading, where the unit in focus looks); `after_paint`: once the new maps have painted."""
        if self.session.sheet() is None or self._prediction is None or not self.isVisible():
            return
        if self.current_name() not in ("saliency", "side_by_side") and self._focused() is None:
            # Nobody would see it: no work for the worker (it shares the CPU with the answers). It
            # is asked for as soon as a view needs it (a unit hovered, a tab shown).
            self._request_timer.stop()
            self.controller.cancel()
            self._result, self._asked_for = None, None
            return
        self._asked_for = self._prediction
        if after_paint:
            self._request_timer.start()  # a timer fires after the posted repaints
        else:
            self._send_request()

    def _send_request(self) -> None:
        self._request_timer.stop()
        sheet, recognizer = self.session.sheet(), self.session.recognizer()
        if sheet is None or self._prediction is None:
            return
        choice = None
        if self.current_name() == "saliency":
            pair = self.saliency_view.pair_for(self._prediction)
            if pair is not None:
                choice = SaliencyChoice(self.saliency_view.method_name(), pair[0], pair[1])
        other = self.other_arch() if self.current_name() == "side_by_side" else None
        self.controller.request(ExplainRequest(sheet.request(), choice, other, self._prediction), recognizer)

    def _on_result(self, result: ExplainResult) -> None:
        if self._prediction is None:
            return
        self._result = result
        if self.current_name() == "saliency":
            self.saliency_view.show_saliency(result.saliency, result.input, result.saliency_ms)
        if result.other is not None and result.other_arch is not None:
            other = result.other
            shown = verdict(other)
            name = self.tr("Classic LeNet-5") if result.other_arch == "classic" else self.tr("Modern LeNet-5")
            self.side_view.set_reading(result.other_arch, name, layers_of(other), shown, other.label)
            if (
                self.step is not None
                and self.step.isVisible()
                and self.step.property("arch") == result.other_arch
            ):
                self._refresh_step()
        self._update_overlay()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._request()

    # == hover and focus ===========================================================================
    def _on_hover(self, arch: str | None, unit: UnitRef | None) -> None:
        self._hovered = None if unit is None else (arch, unit)
        if unit is not None:
            self.notes.show_stage(unit.stage)
        self._apply_focus()

    def _focused(self) -> UnitRef | None:
        if self._hovered is not None:
            return self._hovered[1]
        if self.step is not None and self.step.isVisible():
            return self.step.unit()
        return None

    def _apply_focus(self) -> None:
        unit = self._focused()
        if unit is not None and self._asked_for is not self._prediction:
            self._request()  # where the unit's field lies on the drawing: the worker places it
        self.diagram.set_focus(focus_of(unit, self._arch) if unit is not None and self._arch else None)
        self.side_view.set_focus({arch: focus_of(unit, arch) if unit is not None else None for arch in ARCHS})
        self._update_overlay()

    def _update_overlay(self) -> None:
        result = self._result
        placement = result.placement if result is not None else None
        unit = self._focused()
        box = heat = heat_rect = None
        if placement is not None and result is not None:
            if unit is not None and self._arch:
                box = field_on_drawing(focus_of(unit, self._arch), placement)
            if self.current_name() == "saliency" and result.saliency is not None:
                heat = self.saliency_view.heat_overlay()
                heat_rect = input_square_on_drawing(placement)
        size = QSizeF(*result.source_size) if result is not None else QSizeF(1, 1)
        self.overlay_changed.emit(box, heat, heat_rect, size)

    # == the arithmetic of one unit ================================================================
    def open_step(self, unit: UnitRef, arch: str | None = None) -> StepDialog:
        """Open (or retarget) the step view of `unit` of the session's model (or of `arch`'s)."""
        if self.step is None:
            self.step = StepDialog(self)
            self.step.unit_changed.connect(lambda _: self._apply_focus())
            self.step.finished.connect(lambda _: self._apply_focus())
            self.step.export_requested.connect(lambda: self.export_dialog("step"))
        self.step.setProperty("arch", arch or self._arch)
        model, prediction, limits = self._reading(arch or self._arch)
        self.step.show()
        self.step.raise_()
        self.step.show_unit(unit, model, prediction, limits)
        return self.step

    def _reading(self, arch: str) -> tuple[object, Prediction | None, dict[str, float]]:
        """The model of `arch` on screen, its reading of the sheet, and its layers' colour ranges."""
        if arch == self._arch or not arch:
            recognizer = self.session.recognizer()
            return (
                recognizer.model if recognizer is not None else None,
                self._prediction,
                self._limits(self.diagram),
            )
        result = self._result
        model = result.other_model if result is not None and result.other_arch == arch else None
        other = result.other if model is not None and result is not None else None
        return model, other, self._limits(self.side_view.diagrams[arch])

    @staticmethod
    def _limits(diagram: NetworkDiagram) -> dict[str, float]:
        return {
            stage: diagram.limit(stage) for stage in ("input", "C1", "S2", "C3", "S4", "C5", "F6", "output")
        }

    def _refresh_step(self) -> None:
        self._step_refreshed_at = time.perf_counter()
        step = self.step
        if step is not None and step.isVisible():
            model, prediction, limits = self._reading(str(step.property("arch") or self._arch))
            step.refresh(model, prediction, limits)

    def shutdown(self) -> None:
        self.controller.shutdown()
        if self.step is not None:
            self.step.close()

    # == export ===================================================================================
    def export_sheet(self, view: str) -> ExportSheet:
        """The PNG of `view` ("maps", "saliency" or "step") with the drawing, the input and the answer."""
        prediction = self._prediction
        shown = verdict(prediction) if prediction is not None else None
        network_input = prediction.input if prediction is not None else None
        input_range = self.session.input_range()
        title = fill(self.tr("LeNet Digits · %1"), self.session.model_name())
        note = ""
        if view == "saliency":
            body = self._saliency_picture()
            note = self.saliency_view.explanation.text()
        elif view == "step" and self.step is not None:
            body = self.step.grab().toImage()
        else:
            body = diagram_picture(self.diagram, input_range)
        return compose(title, shown, self._drawing(), network_input, input_range, body, note)

    def export_png(self, view: str, path: str | Path) -> bool:
        image = self.export_sheet(view).image
        return bool(image.save(str(path), "PNG"))  # type: ignore[call-overload]  # Qt takes str

    def export_dialog(self, view: str) -> None:
        names = {"maps": "feature-maps.png", "saliency": "saliency.png", "step": "unit-arithmetic.png"}
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export as PNG"), names.get(view, "view.png"), "PNG (*.png)"
        )
        if path and not self.export_png(view, path):
            self.session.report(fill(self.tr("Could not write %1."), path))

    def _saliency_picture(self, side: int = 320) -> QImage:
        """The drawing with the heat over it, what the network saw with the heat, the heat alone."""
        picture = QImage(3 * side + 32, side, QImage.Format.Format_ARGB32)
        picture.fill(0xFFFFFFFF)
        result = self._result
        if result is None or result.saliency is None or result.placement is None:
            return picture
        painter = QPainter(picture)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(QRectF(0, 0, side, side), self._drawing())
        overlay = SheetOverlay()
        overlay.source_size = QSizeF(*result.source_size)
        content = overlay.content_rect(QRectF(0, 0, side, side), overlay.source_size)
        painter.setClipRect(QRectF(0, 0, side, side))
        heat = self.saliency_view.heat_overlay(force=True)
        if heat is not None:
            painter.drawImage(overlay.on_screen(input_square_on_drawing(result.placement), content), heat)
        painter.setClipping(False)
        painter.drawImage(QRectF(side + 16, 0, side, side), self.saliency_view.overlaid_image(side))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawImage(QRectF(2 * side + 32, 0, side, side), self.saliency_view.heat_only.image())
        painter.end()
        return picture

    # == texts =====================================================================================
    def retranslate(self) -> None:
        classic = self._arch == "classic"
        titles = (
            self.tr("Network"),
            self.tr("Saliency"),
            self.tr("RBF prototypes") if classic or not self._arch else self.tr("Output weights"),
            self.tr("Filters"),
            self.tr("Side by side"),
        )
        tips = (
            self.tr(
                "Every layer of the network reading your drawing; hover a unit, click it for its arithmetic"
            ),
            self.tr("Which pixels of your drawing made the network decide"),
            self.tr("What the output layer compares F6 with"),
            self.tr("The learned kernels of C1 and C3"),
            self.tr("The classic and the modern LeNet-5 reading the same drawing"),
        )
        for index, (title, tip) in enumerate(zip(titles, tips, strict=True)):
            self.setTabText(index, title)
            self.setTabToolTip(index, tip)
        self.diagram.set_winner(
            self._prediction.label if self._prediction is not None else None, *self._output_note()
        )
        self.side_view.set_notes({arch: self._output_note(arch) for arch in ARCHS})
